//! `jobgen import`: the framework's CSV download or a role page, into jobgen's data files.

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;

use super::Console;
use crate::cli::ImportWhat;

/// Reads the framework, reports what changes, and writes the data files (unless `--check`).
pub fn run(what: ImportWhat, console: &mut Console<'_>) -> Result<(), Error> {
    let (read, options, source) = match &what {
        ImportWhat::Csv {
            roles,
            skills,
            options,
        } => (
            jobgen::import::read_csv(roles, skills),
            options,
            "the Government Digital and Data Profession Capability Framework's CSV download",
        ),
        ImportWhat::Page { file, options } => (
            jobgen::import::read_page(file),
            options,
            "the Government Digital and Data Profession Capability Framework's role page",
        ),
    };
    let import = read.map_err(Error::Input)?;
    for note in &import.notes {
        console.report(&Diagnostic::note(note.as_str()));
    }
    let plan = jobgen::import::plan(import, &options.out, options.grades.as_deref(), source)?;
    if plan.changes.0.is_empty() {
        console.say("no changes");
    } else {
        let mut text = format!("{} change(s):", plan.changes.0.len());
        for c in &plan.changes.0 {
            text.push_str(&format!("\n  {c}"));
        }
        console.say(&text);
    }
    if options.check {
        return Ok(());
    }
    for f in plan.apply()? {
        console.line(f.display())?;
    }
    Ok(())
}
