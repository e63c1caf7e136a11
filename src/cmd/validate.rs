//! `jobgen validate`: every check jobgen can make, all problems at once.

use std::path::{Path, PathBuf};

use jobgen::Error;

use super::Console;

/// Checks the data, every template, and a vacancies file if given.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    vacancies: Option<PathBuf>,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let session = super::session(data, templates, console)?;
    let vacancies = match vacancies {
        Some(path) => Some(jobgen::request::read_vacancies(&path)?),
        None => None,
    };
    let checked = jobgen::validate::validate(&session, vacancies)?;
    console.line(format_args!(
        "no problems found: {} roles, {} departments, {} template renders, {} vacancies checked",
        session.data.roles.len(),
        session.data.orgs.len(),
        checked.renders,
        checked.vacancies
    ))
}
