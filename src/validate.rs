//! `jobgen validate`: every check jobgen can make without writing anything, all problems at once.
//!
//! Loading already checks every data file, and building a template engine checks that every
//! overridden block exists. This adds: every template renders for every role level, with no
//! department and with each department; and, if given, every vacancy of a vacancies file merges
//! and renders.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::Layers;
use crate::request::Request;
use crate::{Error, Session};

/// What was checked, for the closing line.
#[derive(Debug, Default)]
pub struct Checked {
    /// Adverts and summaries rendered.
    pub renders: usize,
    /// Vacancies checked.
    pub vacancies: usize,
}

/// Runs every check. `vacancies` is the requests of a vacancies file and the problems found
/// reading it.
pub fn validate(
    session: &Session,
    vacancies: Option<(Vec<Request>, Diagnostics)>,
) -> Result<Checked, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut checked = Checked::default();

    // Every template the user can pick, for every level, without and with each department.
    let names = template_names(&session.templates);
    let mut orgs: Vec<Option<&str>> = vec![None];
    orgs.extend(session.data.orgs.keys().map(|k| Some(k.as_str())));
    let mut seen = std::collections::HashSet::new();
    for org in &orgs {
        for role in session.data.roles.values() {
            for level in &role.levels {
                let mut req = Request::default()
                    .with_flag("role", role.id.as_str())
                    .with_flag("level", level.id.as_str());
                if let Some(org) = org {
                    req = req.with_flag("org", *org);
                }
                let advert = match session.advert(&req) {
                    Ok(a) => a,
                    Err(e) => {
                        push(&mut problems, e, &mut seen);
                        continue;
                    }
                };
                for name in &names {
                    checked.renders += 1;
                    let rendered = crate::document::scoring::check_template(session, &advert, name)
                        .unwrap_or_else(|| session.markdown(&advert, name).map(drop));
                    if let Err(e) = rendered {
                        push(&mut problems, e, &mut seen);
                    }
                }
            }
        }
    }

    if let Some((requests, unread)) = vacancies {
        checked.vacancies = requests.len() + unread.0.len();
        problems.0.extend(unread.0);
        for req in &requests {
            match session.advert(req) {
                Ok(advert) => {
                    if let Err(e) = session.markdown(&advert, "advert") {
                        push(&mut problems, e, &mut seen);
                    }
                }
                Err(e) => push(&mut problems, e, &mut seen),
            }
        }
    }
    problems.into_result(checked)
}

/// Adds the problems of `e`, each once: a broken template fails the same way for every level.
fn push(problems: &mut Diagnostics, e: Error, seen: &mut std::collections::HashSet<String>) {
    let ds = match e {
        Error::Input(ds) => ds.0,
        other => vec![Diagnostic::new(other.to_string())],
    };
    for d in ds {
        if seen.insert(d.to_string()) {
            problems.push(d);
        }
    }
}

/// Names a user can give to `--template`: every `*.md.tera` except the index.
fn template_names(templates: &Layers) -> Vec<String> {
    templates
        .under("")
        .filter_map(|(rel, _)| rel.strip_suffix(".md.tera"))
        .filter(|n| *n != "index" && !n.contains('/'))
        .map(str::to_owned)
        .collect()
}
