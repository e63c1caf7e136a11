//! `jobgen batch`: every level of a role, or every vacancy of a list, plus an index, committed
//! to the output folder as one transaction.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use jobgen::diagnostics::Diagnostic;
use jobgen::output::Transaction;
use jobgen::{Error, Session};

use super::Console;
use crate::cli::BatchArgs;

/// Writes the batch and prints each path written.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: BatchArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
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
    let session = Session::load(data, templates)?;
    let (requests, unread) = jobgen::batch::requests(&session, &source)?;
    let total = requests.len() + unread.0.len();
    let opts = jobgen::batch::Options {
        formats: super::formats(&args.document.format),
        template: args.document.template,
        keep_going: args.keep_going,
    };
    let plan = jobgen::batch::plan(&session, &requests, unread, &opts)?;
    // Every name the batch may write must be free, or jobgen's own. From here the output
    // folder is locked until the batch ends.
    let mut out = Transaction::begin(&args.out, args.force, &mut |dir| {
        console.say(&format!(
            "waiting for another jobgen writing to {}",
            dir.display()
        ));
    })?;
    out.check(&plan.names())?;
    let bar = progress_bar(plan.len());
    let rendered = jobgen::batch::render(
        &session,
        &requests,
        plan,
        opts.keep_going,
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
    for path in out.commit(&rendered.names)? {
        console.line(path.display())?;
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
/// terminal.
fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    if len < 50 || !std::io::stderr().is_terminal() {
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
