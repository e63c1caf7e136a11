//! `jobgen generate`: one document, in one or more formats, as one transaction, with a line on
//! what the wording checks found in it.

use std::path::{Path, PathBuf};

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;

use super::Console;
use crate::cli::GenerateArgs;

/// Writes one document and prints the path of each file written.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: GenerateArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let formats = super::formats(&args.document.format);
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && formats.len() != 1 {
        return Err(Error::Usage(Box::new(
            Diagnostic::new(
                "--out - writes one document to standard output, but several formats were asked for",
            )
            .at_key("--format")
            .help("give one --format, or an output folder"),
        )));
    }
    let gate = super::lint::Gate::new(&args.document.checks)?;
    let request = super::request(&args.select)?;
    jobgen::vacancy_lint_problems(&request).into_result(())?;
    let session = super::session_for(data, templates, &request, console)?;
    let template = &args.document.template;
    let generated = session.generate(&request, template, &formats)?;
    for w in &generated.advert.warnings {
        console.report(w);
    }
    if let Some(missing) = jobgen::encoding::csj::incomplete(
        &generated.advert,
        &request,
        &formats,
        args.document.allow_incomplete,
    ) {
        return Err(missing.into());
    }
    // The wording checks, before anything is written: --deny stops the run here.
    let report = session.check(
        &request,
        &generated.advert,
        &generated.markdown,
        template,
        &gate.allow,
    );
    let s = &args.select;
    let mut flags = vec![
        (
            "--vacancy",
            s.vacancy.as_ref().map(|p| p.display().to_string()),
        ),
        ("--role", s.role.clone()),
        ("--level", s.level.clone()),
        ("--grade", s.grade.clone()),
        ("--org", s.org.clone()),
    ];
    flags.extend(super::lint::check_flags(template, &gate));
    let details = super::lint::command(data, templates, &flags);
    let summary = super::lint::summary_line(&report, &details);
    if let Err(e) = gate.check(std::slice::from_ref(&report), Some(&details)) {
        console.status(&summary);
        return Err(e);
    }
    if to_stdout {
        for f in &generated.files {
            console.bytes(&f.bytes)?;
        }
        console.flush()?;
        console.status(&summary);
        return Ok(());
    }
    // Every format in one transaction: all written, or none.
    let names = generated.names();
    let mut out = super::begin(&args.out, args.force, console)?;
    out.check(&names)?;
    for (f, name) in generated.files.iter().zip(&names) {
        out.stage(name, &f.bytes)?;
    }
    let dir = out.dir().to_path_buf();
    let paths = out.commit(&names)?;
    super::committed(console, &dir, &paths);
    for path in paths {
        console.line(path.display())?;
    }
    console.status(&summary);
    Ok(())
}
