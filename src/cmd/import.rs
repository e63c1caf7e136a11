//! `jobgen import`: the framework's CSV download or a role page, into jobgen's data files.

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;

use super::Console;
use crate::cli::ImportWhat;

/// Reads the framework, reports what changes, and writes the data files (unless `--check`).
pub fn run(what: ImportWhat, console: &mut Console<'_>) -> Result<(), Error> {
    let (read, options, source) = match &what {
        ImportWhat::Grades { file, out, check } => return grades(file, out, *check, console),
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
    finish(plan, options.check, console)
}

/// Reports what changed and, unless `check`, writes the files that differ, printing their paths.
fn finish(plan: jobgen::import::Plan, check: bool, console: &mut Console<'_>) -> Result<(), Error> {
    if plan.changes.0.is_empty() {
        console.say("no changes");
    } else {
        console.say(&listed("change(s)", &plan.changes.0));
    }
    write(plan, check, console)
}

/// `N what:` and one indented line per item.
fn listed(what: &str, items: &[String]) -> String {
    let mut text = format!("{} {what}:", items.len());
    for c in items {
        text.push_str(&format!("\n  {c}"));
    }
    text
}

/// Unless `check`, writes the files that differ and prints their paths.
fn write(plan: jobgen::import::Plan, check: bool, console: &mut Console<'_>) -> Result<(), Error> {
    if check {
        return Ok(());
    }
    for f in plan.apply()? {
        console.line(f.display())?;
    }
    Ok(())
}

/// `jobgen import grades`: the levels the data holds from its source documents and the levels
/// the file does not list are said first, then the grade changes.
fn grades(
    file: &std::path::Path,
    out: &std::path::Path,
    check: bool,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let (plan, report) = jobgen::import::plan_grades(file, out)?;
    if !report.not_in_file.is_empty() {
        console.report(&Diagnostic::note(format!(
            "not in {}, so left as they are: {}",
            file.display(),
            report.not_in_file.join(", ")
        )));
    }
    if !report.without_grades.is_empty() {
        console.report(&Diagnostic::note(format!(
            "no grades in {} or the data, so adverts say \"Grade to be confirmed\": {}",
            file.display(),
            report.without_grades.join(", ")
        )));
    }
    let kept = &report.kept;
    if kept.levels > 0 {
        let mut text = format!(
            "left {} level(s) as they are: their grades_source says `keep: true` (the source documents hold them)",
            kept.levels
        );
        if !kept.differing.is_empty() {
            text.push_str(&format!("; the file differs for {}:", kept.differing.len()));
            for d in &kept.differing {
                text.push_str(&format!("\n  {d}"));
            }
        }
        console.say(&text);
    }
    let changes = &plan.changes.0;
    if changes.is_empty() && report.sources_updated == 0 {
        console.say("no changes");
    } else {
        let mut text = if changes.is_empty() {
            "no grade changes".to_string()
        } else {
            listed("grade change(s)", changes)
        };
        if report.sources_updated > 0 {
            text.push_str(&format!(
                "\nupdated the source of {} level(s) whose grades did not change",
                report.sources_updated
            ));
        }
        console.say(&text);
    }
    write(plan, check, console)
}
