//! `jobgen context`: the merged data templates see, and what the wording checks find in the
//! advert written from it, as YAML or JSON.

use std::path::{Path, PathBuf};

use jobgen::advert::Advert;
use jobgen::diagnostics::Severity;
use jobgen::lint::Report;
use jobgen::{Error, Session};
use serde::Serialize;

use super::Console;
use crate::cli::ContextArgs;

/// What `context` prints: every variable of the advert's template, and `lint`, the checks'
/// report on the advert that template writes (which the template itself cannot see).
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    advert: &'a Advert,
    lint: Option<Report>,
}

/// Prints the merged advert and its findings.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: ContextArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let request = super::request(&args.select)?;
    let session: Session = super::session_for(data, templates, &request, console)?;
    let advert = session.advert(&request)?;
    for w in &advert.warnings {
        console.report(w);
    }
    // The context is for mending templates: one that fails leaves `lint` empty, with a
    // warning, rather than hiding the context.
    let lint = match session.lint(&request, &[]) {
        Ok((_, report)) => Some(report),
        Err(Error::Input(ds)) => {
            for mut d in ds.0 {
                d.severity = Severity::Warning;
                let help = d.help.take().map_or(String::new(), |h| format!("{h}; "));
                console.report(&d.help(format!(
                    "{help}the advert cannot be written, so `lint` is empty"
                )));
            }
            None
        }
        Err(other) => return Err(other),
    };
    let context = Context {
        advert: &advert,
        lint,
    };
    let text = if args.as_ == "json" {
        serde_json::to_string_pretty(&context)
            .map(|s| s + "\n")
            .map_err(|e| Error::Internal(format!("cannot write the context as JSON: {e}")))?
    } else {
        serde_yaml::to_string(&context)
            .map_err(|e| Error::Internal(format!("cannot write the context as YAML: {e}")))?
    };
    console.bytes(text.as_bytes())?;
    console.flush()
}
