//! `jobgen lint`: checks the wording of the advert jobgen would write, of every advert of a
//! batch, or of Markdown adverts written elsewhere, and prints what it finds. Also what
//! `generate` and `batch` share with it: the checks' options, the one-line summary they print,
//! the `jobgen lint` command that shows the details, and the `--deny` failure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jobgen::Error;
use jobgen::batch::LintTotals;
use jobgen::diagnostics::{Diagnostic, Severity};
use jobgen::lint::{self, Report};

use super::Console;
use crate::cli::{CheckArgs, LintArgs};

/// The checks' options once checked: which checks are off, and what fails the run.
pub(super) struct Gate {
    /// Checks turned off (`--allow`), every id known.
    pub allow: Vec<String>,
    /// `--deny`: findings this serious or more fail the run.
    pub deny: Option<Severity>,
}

impl Gate {
    /// Checks `--allow`'s ids (an unknown one is a usage error with the nearest id) and reads
    /// `--deny`.
    pub fn new(args: &CheckArgs) -> Result<Gate, Error> {
        for id in &args.allow {
            if lint::rule(id).is_none() {
                return Err(Error::Usage(Box::new(
                    Diagnostic::new(format!("unknown check `{id}`"))
                        .at_key("--allow")
                        .help(lint::suggest_rule(id)),
                )));
            }
        }
        let deny = args.deny.as_deref().map(|d| {
            if d == "warning" {
                Severity::Warning
            } else {
                Severity::Error
            }
        });
        Ok(Gate {
            allow: args.allow.clone(),
            deny,
        })
    }

    /// The failure when a report has findings at the `--deny` level, before anything is
    /// written: it names the adverts and, when `details` is given, the command that shows
    /// their findings.
    pub fn check(&self, reports: &[Report], details: Option<&str>) -> Result<(), Error> {
        match self.deny {
            Some(deny) => denied(reports, deny, details),
            None => Ok(()),
        }
    }
}

/// Fails when a report has a finding at least as serious as `deny`.
fn denied(reports: &[Report], deny: Severity, details: Option<&str>) -> Result<(), Error> {
    let failing: Vec<&Report> = reports.iter().filter(|r| r.fails(deny)).collect();
    let Some(first) = failing.first() else {
        return Ok(());
    };
    let mut message = if reports.len() == 1 {
        format!(
            "the advert has findings at the --deny level ({}): `{}` has {}",
            deny.label(),
            first.file,
            counts(&LintTotals::of([*first]))
        )
    } else {
        const SHOWN: usize = 10;
        let mut names: Vec<String> = failing
            .iter()
            .take(SHOWN)
            .map(|r| format!("`{}`", r.file))
            .collect();
        if failing.len() > SHOWN {
            names.push(format!("and {} more", failing.len() - SHOWN));
        }
        format!(
            "{} of {} adverts have findings at the --deny level ({}): {}",
            failing.len(),
            reports.len(),
            deny.label(),
            names.join(", ")
        )
    };
    let mut help = String::new();
    if let Some(command) = details {
        message.push_str("; nothing was written");
        help = format!("see them with `{command}`; ");
    }
    help.push_str("fix them, or turn a check off with --allow RULE or `lint: allow` (see the README's \"Advert checks\")");
    Err(Error::Input(Diagnostic::new(message).help(help).into()))
}

/// `0 errors, 3 warnings, 12 notes`, and how many were suppressed if any.
fn counts(t: &LintTotals) -> String {
    let mut text = format!(
        "{} errors, {} warnings, {} notes",
        t.errors, t.warnings, t.notes
    );
    if t.suppressed > 0 {
        text.push_str(&format!(", {} suppressed", t.suppressed));
    }
    text
}

/// The one line `generate` prints about its advert's findings.
pub(super) fn summary_line(report: &Report, details: &str) -> String {
    let s = &report.summary;
    let age = s
        .reading_age
        .map_or("no prose".to_string(), |a| format!("reading age {a:.1}"));
    format!(
        "lint: {} ({}; {}); run `{details}` for details",
        counts(&LintTotals::of([report])),
        s.gender.verdict,
        age
    )
}

/// The one line `batch` prints about its adverts' findings: where the index and
/// [`LINT_FILE`](jobgen::batch::LINT_FILE) list them, once written into `out`.
pub(super) fn batch_summary_line(reports: &[Report], out: Option<&Path>, details: &str) -> String {
    let t = LintTotals::of(reports);
    let mut line = format!(
        "lint: {} in {} adverts, {} with warnings or errors; ",
        counts(&t),
        t.adverts,
        t.with_warnings
    );
    if let Some(out) = out {
        line.push_str(&format!(
            "each advert's are in {} and {}, or run `{details}`",
            out.join("index.md").display(),
            out.join(jobgen::batch::LINT_FILE).display()
        ));
    } else {
        line.push_str(&format!("run `{details}` for details"));
    }
    line
}

/// The `jobgen lint` command that checks the same adverts: the global folders, then `args`
/// (flag and value, a value of `None` leaving the flag out), quoted for a POSIX shell.
pub(super) fn command(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: &[(&str, Option<String>)],
) -> String {
    let mut words = vec!["jobgen".to_string()];
    for dir in data {
        words.push("--data".into());
        words.push(quote(&dir.display().to_string()));
    }
    if let Some(dir) = templates {
        words.push("--templates".into());
        words.push(quote(&dir.display().to_string()));
    }
    words.push("lint".into());
    for (flag, value) in args {
        if let Some(v) = value {
            words.push((*flag).to_string());
            words.push(quote(v));
        }
    }
    words.join(" ")
}

/// `--template` and `--allow` for [`command`], when they are not the defaults.
pub(super) fn check_flags(template: &str, gate: &Gate) -> [(&'static str, Option<String>); 2] {
    [
        (
            "--template",
            (template != "advert").then(|| template.to_string()),
        ),
        (
            "--allow",
            (!gate.allow.is_empty()).then(|| gate.allow.join(",")),
        ),
    ]
}

/// A word as a POSIX shell reads it: as it is when it holds only safe characters, else in
/// single quotes.
fn quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Prints each advert's findings (standard output) and fails with exit code 1 when one is at
/// the `--deny` level.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: LintArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let gate = Gate::new(&args.checks)?;
    let deny = gate.deny.unwrap_or(Severity::Error);
    let select = &args.select;
    let source = match (&args.vacancies, &select.role) {
        (Some(file), _) => Some(jobgen::batch::Source::Vacancies(file.clone())),
        // --role alone: every level of the role, as `batch --role` writes them.
        (None, Some(role))
            if select.level.is_none() && select.vacancy.is_none() && args.adverts.is_empty() =>
        {
            Some(jobgen::batch::Source::Role {
                role: role.clone(),
                org: select.org.clone(),
                grade: select.grade.clone(),
            })
        }
        _ => None,
    };
    let mut reports = Vec::new();
    if let Some(source) = source {
        let session = super::session(data, templates, console)?;
        let (requests, unread) = jobgen::batch::requests(&session, &source)?;
        let opts = jobgen::batch::Options {
            formats: vec![jobgen::Format::MD],
            template: args.template.clone(),
            keep_going: false,
            allow: gate.allow.clone(),
            // Only the Markdown is made: no export to be incomplete.
            allow_incomplete: true,
        };
        let mut plan = jobgen::batch::plan(&session, &requests, unread, &opts)?;
        reports = jobgen::batch::lint(&session, &requests, &mut plan)?.reports;
    } else if args.adverts.is_empty() {
        let request = super::request(&args.select)?;
        let session = super::session_for(data, templates, &request, console)?;
        let (advert, report) = session.lint_document(&request, &args.template, &gate.allow)?;
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
                        allow: &gate.allow,
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
    if args.format == "json" {
        for report in &reports {
            console.line(report.to_json())?;
        }
    } else {
        print_human(&reports, console)?;
    }
    denied(&reports, deny, None)
}

/// Every finding, why each check that fired matters (once), then a summary line per advert
/// and, for several, their totals.
fn print_human(reports: &[Report], console: &mut Console<'_>) -> Result<(), Error> {
    for f in reports.iter().flat_map(|r| &r.findings) {
        console.line(format_args!("{}\n", f.diagnostic))?;
    }
    let fired: BTreeSet<usize> = reports
        .iter()
        .flat_map(|r| &r.rules)
        .filter_map(|rule| lint::RULES.iter().position(|r| r.id == rule.id))
        .collect();
    for rule in fired.into_iter().map(|i| &lint::RULES[i]) {
        console.line(format_args!(
            "why {}: {} ({})",
            rule.id, rule.why, rule.source
        ))?;
    }
    for report in reports {
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
        ))?;
    }
    if reports.len() > 1 {
        let t = LintTotals::of(reports);
        console.line(format_args!(
            "{} adverts: {} errors, {} warnings, {} notes, {} suppressed; {} with warnings or errors",
            t.adverts, t.errors, t.warnings, t.notes, t.suppressed, t.with_warnings
        ))?;
    }
    Ok(())
}
