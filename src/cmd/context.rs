//! `jobgen context`: the merged data templates see, and what the wording checks find in the
//! advert written from it, as YAML or JSON.

use std::path::{Path, PathBuf};

use jobgen::{Error, Session};

use super::Console;
use crate::cli::ContextArgs;

/// Prints the context of the advert the selectors name.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    args: ContextArgs,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let request = super::request(&args.select)?;
    let session: Session = super::session_for(data, templates, &request, console)?;
    let context = session.context(&request)?;
    for w in &context.warnings {
        console.report(w);
    }
    let text = if args.as_ == "json" {
        context.to_json()?
    } else {
        context.to_yaml()?
    };
    console.bytes(text.as_bytes())?;
    console.flush()
}
