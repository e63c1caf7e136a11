//! `jobgen batch`: every level of a role, or every vacancy of a list, plus an index, committed
//! to the output folder as one transaction.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;

use super::Console;
use crate::cli::BatchArgs;

/// Writes the batch and prints each path written.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: BatchArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let gate = super::lint::Gate::new(&args.document.checks)?;
    let mut flags = vec![
        ("--role", args.role.clone()),
        ("--org", args.org.clone()),
        ("--grade", args.grade.clone()),
        (
            "--vacancies",
            args.vacancies.as_ref().map(|p| p.display().to_string()),
        ),
    ];
    flags.extend(super::lint::check_flags(&args.document.template, &gate));
    let details = super::lint::command(data, templates, &flags);
    let source = match (args.role, args.vacancies) {
        (Some(role), _) => jobgen::batch::Source::Role {
            role,
            org: args.org,
            grade: args.grade,
        },
        (None, Some(file)) => jobgen::batch::Source::Vacancies(file),
        (None, None) => {
            return Err(Error::Usage(Box::new(Diagnostic::new(
                "give --role or --vacancies",
            ))));
        }
    };
    // Reading and checking a long vacancies list takes a moment: a spinner says so.
    let planning = Planning::start(console.progress_wanted());
    let session = super::session(data, templates, console)?;
    let (requests, unread) = jobgen::batch::requests(&session, &source)?;
    let total = requests.len() + unread.0.len();
    planning.checking(total);
    let opts = jobgen::batch::Options {
        formats: super::formats(&args.document.format),
        template: args.document.template,
        keep_going: args.keep_going,
        allow: gate.allow.clone(),
        allow_incomplete: args.document.allow_incomplete,
    };
    let mut plan = jobgen::batch::plan(&session, &requests, unread, &opts)?;
    // --deny: every advert's wording is checked before the output folder is touched.
    if gate.deny.is_some() {
        let linted = jobgen::batch::lint(&session, &requests, &mut plan)?;
        drop(planning);
        if let Err(e) = gate.check(&linted.reports, Some(&details)) {
            console.status(&super::lint::batch_summary_line(
                &linted.reports,
                None,
                &details,
            ));
            return Err(e);
        }
    } else {
        drop(planning);
    }
    // Every name the batch may write must be free, or jobgen's own. From here the output
    // folder is locked until the batch ends.
    let mut out = super::begin(&args.out, args.force, console)?;
    out.check(&plan.names())?;
    let bar = progress_bar(plan.len(), console.progress_wanted());
    let rendered = jobgen::batch::render(
        &session,
        &requests,
        plan,
        &|name, bytes| Ok(out.stage(name, bytes)?),
        &|| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let rendered = rendered?;
    let dir = out.dir().to_path_buf();
    let paths = out.commit(&rendered.names)?;
    super::committed(console, &dir, &paths);
    for path in paths {
        console.line(path.display())?;
    }
    if !rendered.reports.is_empty() {
        console.status(&super::lint::batch_summary_line(
            &rendered.reports,
            Some(&args.out),
            &details,
        ));
    }
    if rendered.problems.has_errors() {
        console.say(&format!(
            "{} of {} adverts written; the others were left out:",
            total - rendered.left_out,
            total
        ));
        return Err(Error::Input(rendered.problems));
    }
    for w in &rendered.problems.0 {
        console.report(w);
    }
    Ok(())
}

/// A progress bar on standard error for a batch of 50 adverts or more, when standard error is a
/// terminal (whatever standard output is) and `--quiet` is off.
fn progress_bar(len: usize, wanted: bool) -> Option<indicatif::ProgressBar> {
    if len < 50 || !wanted {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} adverts ({eta})")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// A spinner on standard error while the batch is read and checked, shown only once that has
/// taken longer than [`Planning::DELAY`], so that a short batch never flashes one.
struct Planning {
    spinner: indicatif::ProgressBar,
    /// Dropped when planning ends, which wakes the thread waiting to show the spinner.
    done: Option<mpsc::Sender<()>>,
    shower: Option<JoinHandle<()>>,
}

impl Planning {
    const DELAY: Duration = Duration::from_millis(250);

    fn start(wanted: bool) -> Self {
        let spinner = indicatif::ProgressBar::hidden();
        spinner.set_message("reading the vacancies");
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            spinner.set_style(style);
        }
        if !wanted {
            return Planning {
                spinner,
                done: None,
                shower: None,
            };
        }
        let (done, wait) = mpsc::channel::<()>();
        let shown = spinner.clone();
        let shower = std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(Self::DELAY) {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Planning {
            spinner,
            done: Some(done),
            shower: Some(shower),
        }
    }

    /// The list is read; its adverts are being checked.
    fn checking(&self, total: usize) {
        self.spinner
            .set_message(format!("checking {total} adverts before writing any"));
    }
}

impl Drop for Planning {
    fn drop(&mut self) {
        // The thread has shown the spinner or never will before the spinner is cleared.
        drop(self.done.take());
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
        }
        self.spinner.finish_and_clear();
    }
}
