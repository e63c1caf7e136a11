//! `jobgen lint`: checks the wording of the advert jobgen would write, or of Markdown adverts
//! written elsewhere, and prints what it finds.

use std::path::{Path, PathBuf};

use jobgen::Error;
use jobgen::diagnostics::{Diagnostic, Severity};
use jobgen::lint::{self, Report};

use super::Console;
use crate::cli::LintArgs;

/// Prints each advert's findings (standard output) and fails with exit code 1 when one is at
/// the `--deny` level.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: LintArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    for id in &args.allow {
        if lint::rule(id).is_none() {
            return Err(Error::Usage(Box::new(
                Diagnostic::new(format!("unknown check `{id}`"))
                    .at_key("--allow")
                    .help(lint::suggest_rule(id)),
            )));
        }
    }
    let deny = if args.deny == "warning" {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut reports = Vec::new();
    if args.adverts.is_empty() {
        let request = super::request(&args.select)?;
        let session = super::session_for(data, templates, &request, console)?;
        let (advert, report) = session.lint(&request, &args.allow)?;
        for w in &advert.warnings {
            console.report(w);
        }
        reports.push(report);
    } else {
        let session = super::session(data, templates, console)?;
        let mut problems = Vec::new();
        for path in &args.adverts {
            match lint::read_advert(path) {
                Ok(text) => {
                    let options = lint::Options {
                        allow: &args.allow,
                        ..lint::Options::default()
                    };
                    let file = path.display().to_string();
                    reports.push(lint::lint(&text, &file, &session.data.lint, &options));
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
    }
    for report in &reports {
        if args.format == "json" {
            console.line(report.to_json())?;
        } else {
            print_human(report, console)?;
        }
    }
    if reports.iter().any(|r| r.fails(deny)) {
        return Err(Error::Input(
            Diagnostic::new(format!(
                "the advert has findings at the --deny level ({})",
                deny.label()
            ))
            .help("fix them, or turn a check off with --allow RULE or `lint: allow` (see the README's \"Advert checks\")")
            .into(),
        ));
    }
    Ok(())
}

fn print_human(report: &Report, console: &mut Console<'_>) -> Result<(), Error> {
    for f in &report.findings {
        console.line(format_args!("{}\n", f.diagnostic))?;
    }
    for rule in &report.rules {
        console.line(format_args!(
            "why {}: {} ({})",
            rule.id, rule.why, rule.source
        ))?;
    }
    let s = &report.summary;
    let age = s
        .reading_age
        .map_or("no prose".to_string(), |a| format!("reading age {a:.1}"));
    console.line(format_args!(
        "{}: {} errors, {} warnings, {} notes, {} suppressed; {}; {} ({} masculine-coded, {} feminine-coded words)",
        report.file,
        s.errors,
        s.warnings,
        s.notes,
        s.suppressed,
        age,
        s.gender.verdict,
        s.gender.masculine,
        s.gender.feminine
    ))
}
