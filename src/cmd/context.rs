//! `jobgen context`: the merged data templates see, as YAML or JSON.

use std::path::{Path, PathBuf};

use jobgen::{Error, Session};

use super::Console;
use crate::cli::ContextArgs;

/// Prints the merged advert.
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
    let text = if args.as_ == "json" {
        serde_json::to_string_pretty(&advert)
            .map(|s| s + "\n")
            .map_err(|e| Error::Internal(format!("cannot write the context as JSON: {e}")))?
    } else {
        serde_yaml::to_string(&advert)
            .map_err(|e| Error::Internal(format!("cannot write the context as YAML: {e}")))?
    };
    console.bytes(text.as_bytes())?;
    console.flush()
}
