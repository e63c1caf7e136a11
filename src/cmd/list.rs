//! `jobgen list`: roles, levels, skills, grades, departments, SFIA skills or advert checks, one
//! per line.

use std::path::{Path, PathBuf};

use jobgen::Error;
use jobgen::diagnostics::Diagnostic;

use super::Console;
use crate::cli::ListWhat;

/// Prints one item per line, id first, fields separated by tabs.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    what: ListWhat,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let session = super::session(data, templates, console)?;
    let data = &session.data;
    let mut lines = Vec::new();
    match what {
        ListWhat::Roles => {
            // By family, then by name.
            let mut roles: Vec<_> = data.roles.values().collect();
            roles.sort_by(|a, b| (&a.family, &a.name).cmp(&(&b.family, &b.name)));
            for r in roles {
                lines.push(format!(
                    "{}\t{}\t{}\t{} levels",
                    r.id,
                    r.name,
                    r.family,
                    r.levels.len()
                ));
            }
        }
        ListWhat::Levels { role } => {
            let Some(r) = data.role(&role) else {
                return Err(Diagnostic::new(format!("unknown role `{role}`"))
                    .at_key("ROLE")
                    .help(jobgen::diagnostics::suggest(
                        &role,
                        data.roles.keys().map(String::as_str),
                    ))
                    .into());
            };
            for (i, l) in r.levels.iter().enumerate() {
                let grades = r.indicative_grades(l).join(", ");
                lines.push(format!("{}\t{}\t{}\t{}", l.id, i + 1, l.name, grades));
            }
        }
        ListWhat::Skills => {
            for s in data.skills.values() {
                lines.push(format!("{}\t{}", s.id, s.name));
            }
        }
        ListWhat::Grades => {
            for g in &data.grades {
                lines.push(format!("{}\t{}", g.id, g.name));
            }
        }
        ListWhat::Orgs => {
            for o in data.orgs.values() {
                lines.push(format!("{}\t{}", o.id, o.org.name));
            }
        }
        ListWhat::Sfia => {
            for s in &data.sfia.skills {
                lines.push(format!(
                    "{}\t{}\tlevels {}-{}",
                    s.code, s.name, s.levels[0], s.levels[1]
                ));
            }
        }
        ListWhat::Checks => {
            for r in jobgen::lint::RULES {
                lines.push(format!("{}\t{}\t{}", r.id, r.severity.label(), r.why));
            }
        }
    }
    for l in lines {
        console.line(l)?;
    }
    Ok(())
}
