//! `jobgen batch`: every level of a role, or every vacancy of a list, plus an index.

use std::path::{Path, PathBuf};

use jobgen::diagnostics::Diagnostic;
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
    let formats = super::formats(&args.format);
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
        formats,
        template: args.template,
        out: args.out,
        keep_going: args.keep_going,
        force: args.force,
        progress: std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    let outcome = jobgen::batch::run(&session, &requests, unread, &opts)?;
    for path in &outcome.written {
        console.line(path.display())?;
    }
    if outcome.problems.is_empty() {
        Ok(())
    } else {
        console.say(&format!(
            "{} of {} adverts written; the others were left out:",
            total - outcome.left_out,
            total
        ));
        Err(Error::Input(outcome.problems))
    }
}
