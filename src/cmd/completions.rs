//! `jobgen completions SHELL`: a completion script for the shell, made from the clap definitions,
//! on standard output.
//!
//! The script is static: it completes commands, options and their fixed values (formats, message
//! formats, shells, what to list) and offers files and folders where a path is wanted. Ids
//! (roles, levels, departments) are not completed: that needs clap_complete's dynamic completion,
//! which is still behind its `unstable-dynamic` feature, outside its semver promise.

use clap::CommandFactory;
use clap_complete::Shell;
use jobgen::Error;

use super::Console;
use crate::cli::Cli;

/// Prints the script for `shell`.
pub fn run(shell: Shell, console: &mut Console<'_>) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jobgen", &mut script);
    console.bytes(&script)?;
    console.flush()
}
