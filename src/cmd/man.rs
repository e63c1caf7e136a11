//! `jobgen man`: a manual page for jobgen and one for each command (jobgen.1,
//! jobgen-generate.1, jobgen-import-csv.1...), made from the clap definitions and written into a
//! folder as one transaction, like any other output.

use std::path::Path;

use clap::CommandFactory;
use jobgen::Error;

use super::Console;
use crate::cli::Cli;

/// Writes the pages into `out` and prints their paths.
pub fn run(out: &Path, force: bool, console: &mut Console<'_>) -> Result<(), Error> {
    let mut cmd = Cli::command();
    // Names and versions of subcommands filled in, as their --help shows them.
    cmd.build();
    let mut pages = Vec::new();
    pages_of(&cmd, &mut pages)?;
    let mut tx = super::begin(out, force, console)?;
    let names: Vec<String> = pages.iter().map(|(name, _)| name.clone()).collect();
    tx.check(&names)?;
    for (name, page) in &pages {
        tx.stage(name, page)?;
    }
    let dir = tx.dir().to_path_buf();
    let paths = tx.commit(&names)?;
    super::committed(console, &dir, &paths);
    for p in paths {
        console.line(p.display())?;
    }
    Ok(())
}

/// The page of `cmd`, named after its display name (`jobgen-import-csv.1`, which `build` gives
/// each subcommand), then those of its visible subcommands.
fn pages_of(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<(), Error> {
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut roff)
        .map_err(|e| Error::Internal(format!("cannot make the manual page {name}.1: {e}")))?;
    pages.push((format!("{name}.1"), roff));
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        pages_of(sub, pages)?;
    }
    Ok(())
}
