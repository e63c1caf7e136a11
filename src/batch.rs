//! Many adverts at once: every level of a role, or every vacancy of a list, plus an index.
//!
//! A batch merges every advert first and stops, writing nothing, if any is wrong (unless
//! `keep_going`). It then renders in parallel into a staging folder inside the output folder, and
//! only when every document and the index are written does it move them into place. An
//! interrupted or failed batch therefore leaves the output folder as it was.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::advert::Advert;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::WriteError;
use crate::request::Request;
use crate::{Error, Format, Session};

/// What to make adverts for.
pub enum Source {
    /// Every level of a role.
    Role {
        /// Role id.
        role: String,
        /// Department id.
        org: Option<String>,
        /// Grade id, if one grade for every level.
        grade: Option<String>,
    },
    /// Every vacancy of a YAML list.
    Vacancies(PathBuf),
}

/// How to write the batch.
pub struct Options {
    /// Formats of each advert.
    pub formats: Vec<Format>,
    /// Template of each advert (`advert`).
    pub template: String,
    /// Output folder.
    pub out: PathBuf,
    /// Write the good adverts even when some are wrong (the command still fails).
    pub keep_going: bool,
    /// Replace files that jobgen did not write.
    pub force: bool,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// What a batch wrote, and what went wrong when `keep_going` let it write anyway.
pub struct Outcome {
    /// Every file written, in order: adverts (by position, then format), then the index.
    pub written: Vec<PathBuf>,
    /// Problems with the adverts that were left out.
    pub problems: Diagnostics,
    /// How many adverts were left out.
    pub left_out: usize,
}

/// Turns a source into requests. Vacancies that cannot be read are reported in the
/// [`Diagnostics`] (one each), and the others are still returned, so that a batch reports every
/// problem in one go.
pub fn requests(session: &Session, source: &Source) -> Result<(Vec<Request>, Diagnostics), Error> {
    match source {
        Source::Role { role, org, grade } => {
            let Some(r) = session.data.role(role) else {
                return Err(Diagnostic::new(format!("unknown role `{role}`"))
                    .at_key("--role")
                    .help(crate::diagnostics::suggest(
                        role,
                        session.data.roles.keys().map(String::as_str),
                    ))
                    .into());
            };
            let requests = r
                .levels
                .iter()
                .map(|l| {
                    let mut req = Request::default()
                        .with_flag("role", r.id.as_str())
                        .with_flag("level", l.id.as_str());
                    if let Some(org) = org {
                        req = req.with_flag("org", org.as_str());
                    }
                    if let Some(grade) = grade {
                        req = req.with_flag("grade", grade.as_str());
                    }
                    req
                })
                .collect();
            Ok((requests, Diagnostics::default()))
        }
        Source::Vacancies(path) => crate::request::read_vacancies(path),
    }
}

/// What a batch keeps of each advert between checking and rendering: its file name and what
/// the index shows. The advert itself is merged again when it is rendered, so that a batch of
/// any size holds only this much per advert in memory.
struct Planned {
    /// Position in the batch.
    i: usize,
    stem: String,
    title: String,
    level_name: String,
    grade_text: String,
    reference: Option<String>,
    role_id: String,
    level_id: String,
    org: Option<(String, String)>,
}

impl Planned {
    fn new(i: usize, advert: &Advert, stem: String) -> Planned {
        Planned {
            i,
            stem,
            title: advert.title.clone(),
            level_name: advert.level.name.clone(),
            grade_text: advert.grade_text.clone(),
            reference: advert.vacancy.get("reference").cloned().flatten(),
            role_id: advert.role.id.clone(),
            level_id: advert.level.id.clone(),
            org: advert.org.as_ref().map(|o| (o.id.clone(), o.name.clone())),
        }
    }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs a batch. `unread` holds one problem per vacancy that could not be read (see
/// [`requests`]); they count as adverts left out.
pub fn run(
    session: &Session,
    requests: &[Request],
    unread: Diagnostics,
    opts: &Options,
) -> Result<Outcome, Error> {
    // 1. Merge everything first, keeping only names and index entries.
    let merged: Vec<Result<Planned, Vec<Diagnostic>>> = requests
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            crate::advert::merge(&session.data, r)
                .map(|advert| Planned::new(i, &advert, crate::file_stem(&advert, &opts.template)))
        })
        .collect();
    let mut left_out = unread.0.len();
    let mut problems = unread;
    let mut planned = Vec::new();
    let mut stems: HashMap<String, usize> = HashMap::new();
    for m in merged {
        match m {
            Ok(p) => {
                if p.stem == "index" {
                    problems.push(clash(
                        &requests[p.i],
                        p.i,
                        "index",
                        "the batch's index page",
                    ));
                    left_out += 1;
                    continue;
                }
                if let Some(first) = stems.insert(p.stem.clone(), p.i) {
                    left_out += 1;
                    problems.push(clash(
                        &requests[p.i],
                        p.i,
                        &p.stem,
                        &format!("advert {} of the batch", first + 1),
                    ));
                    continue;
                }
                planned.push(p);
            }
            Err(ds) => {
                left_out += 1;
                problems.0.extend(ds);
            }
        }
    }
    if !problems.is_empty() && !opts.keep_going {
        return Err(Error::Input(problems));
    }
    // Every name the batch will write must be free, or jobgen's own.
    let mut out = crate::output::OutDir::open(&opts.out, opts.force);
    let mut names_to_write: Vec<String> = planned
        .iter()
        .flat_map(|p| {
            opts.formats
                .iter()
                .map(move |f| format!("{}.{}", p.stem, f.ext()))
        })
        .collect();
    names_to_write.extend(["index.md".to_string(), "index.html".to_string()]);
    out.check(&names_to_write)?;

    // 2. Render into a staging folder inside the output folder (same file system: renames are
    //    atomic), in parallel, each advert written as soon as it is rendered.
    std::fs::create_dir_all(&opts.out).map_err(write_error(&opts.out))?;
    let staging = tempfile::Builder::new()
        .prefix(".jobgen-batch-")
        .tempdir_in(&opts.out)
        .map_err(write_error(&opts.out))?;
    let bar = progress_bar(opts.progress, planned.len());
    let rendered: Vec<Result<(), Error>> = planned
        .par_iter()
        .map(|p| {
            let r = render_one(session, &requests[p.i], &p.stem, opts, staging.path());
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut names = Vec::new();
    let mut good = Vec::new();
    for (r, p) in rendered.into_iter().zip(&planned) {
        match r {
            Ok(()) => {
                names.extend(
                    opts.formats
                        .iter()
                        .map(|f| format!("{}.{}", p.stem, f.ext())),
                );
                good.push(p);
            }
            Err(Error::Input(ds)) => {
                left_out += 1;
                problems.0.extend(ds.0);
            }
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() && !opts.keep_going {
        return Err(Error::Input(problems));
    }

    // 3. The index links every advert that was written.
    if !good.is_empty() {
        let index = index_context(session, &good, &opts.formats);
        let org = common_org(&good).map(|(id, _)| id);
        let context = tera::Context::from_serialize(&index)
            .map_err(|e| Diagnostic::new(format!("cannot pass the index to its template: {e}")))?;
        let markdown = session.render_markdown(org.as_deref(), "index", &context)?;
        let meta = crate::render::DocMeta {
            title: index.title.clone(),
            subject: "Index of job adverts".into(),
            author: index.org.clone().unwrap_or_else(|| "jobgen".into()),
            language: "en-GB".into(),
        };
        let style = org
            .as_deref()
            .and_then(|o| session.data.orgs.get(o))
            .map(|o| o.org.style.clone())
            .unwrap_or_default();
        let mut formats = vec![Format::Md];
        if opts.formats.contains(&Format::Html) {
            formats.push(Format::Html);
        }
        for doc in crate::documents(&markdown, &meta, &style, &formats)? {
            let name = format!("index.{}", doc.format.ext());
            crate::output::write_staged(staging.path(), &name, &doc.bytes)?;
            names.push(name);
        }
    }

    // 4. Move everything into place.
    let mut written = Vec::with_capacity(names.len());
    for name in names {
        let to = opts.out.join(&name);
        std::fs::rename(staging.path().join(&name), &to).map_err(write_error(&to))?;
        written.push(to);
    }
    out.record(
        written
            .iter()
            .filter_map(|p| p.file_name().and_then(|n| n.to_str())),
    )?;
    Ok(Outcome {
        written,
        problems,
        left_out,
    })
}

fn clash(req: &Request, i: usize, stem: &str, other: &str) -> Diagnostic {
    let mut d = Diagnostic::new(format!(
        "advert {} would be written to `{stem}`, the same file as {other}",
        i + 1
    ))
    .help("give each vacancy its own `reference`");
    if req.origin.is_some() {
        d = req.locate("reference", d);
    }
    d
}

fn render_one(
    session: &Session,
    request: &Request,
    stem: &str,
    opts: &Options,
    staging: &Path,
) -> Result<(), Error> {
    let advert = session.advert(request)?;
    for d in session.documents(&advert, &opts.template, &opts.formats)? {
        crate::output::write_staged(staging, &format!("{stem}.{}", d.format.ext()), &d.bytes)?;
    }
    Ok(())
}

fn progress_bar(wanted: bool, len: usize) -> Option<indicatif::ProgressBar> {
    if !wanted || len < 50 || !std::io::stderr().is_terminal() {
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

/// The department (id and name) every advert shares, if they all share one.
fn common_org(planned: &[&Planned]) -> Option<(String, String)> {
    let first = planned.first()?.org.clone()?;
    planned
        .iter()
        .all(|p| p.org.as_ref().is_some_and(|o| o.0 == first.0))
        .then_some(first)
}

/// What the index template sees.
#[derive(Debug, Serialize)]
pub struct Index {
    /// "DevOps engineer adverts, Home Office".
    pub title: String,
    /// The department's name, if every advert shares one.
    pub org: Option<String>,
    /// Every advert, in batch order.
    pub adverts: Vec<IndexEntry>,
    /// One progression matrix per role in the batch.
    pub matrices: Vec<Matrix>,
}

/// One advert in the index.
#[derive(Debug, Serialize)]
pub struct IndexEntry {
    /// The advert's title.
    pub title: String,
    /// The level's name.
    pub level: String,
    /// The grades in words.
    pub grade_text: String,
    /// The vacancy reference, if any.
    pub reference: Option<String>,
    /// Links to each format: `label` (`Web page`) and `href` (a file name in the same folder).
    pub links: Vec<Link>,
}

/// A link to one file of an advert.
#[derive(Debug, Serialize)]
pub struct Link {
    /// `Web page`, `Word document`, `Markdown`.
    pub label: &'static str,
    /// The file name.
    pub href: String,
}

/// Skills down the side, levels across, the skill level in each cell.
#[derive(Debug, Serialize)]
pub struct Matrix {
    /// The role's name.
    pub role: String,
    /// Column headings: the levels, most junior first.
    pub levels: Vec<String>,
    /// One row per skill, in catalogue order of first appearance.
    pub rows: Vec<MatrixRow>,
}

/// A skill's levels across the role's levels.
#[derive(Debug, Serialize)]
pub struct MatrixRow {
    /// The skill's name.
    pub skill: String,
    /// The skill level at each level, or `–` where the level does not need the skill.
    pub cells: Vec<String>,
}

fn index_context(session: &Session, good: &[&Planned], formats: &[Format]) -> Index {
    let adverts = good
        .iter()
        .map(|p| IndexEntry {
            title: p.title.clone(),
            level: p.level_name.clone(),
            grade_text: p.grade_text.clone(),
            reference: p.reference.clone(),
            links: formats
                .iter()
                .map(|f| Link {
                    label: match f {
                        Format::Html => "Web page",
                        Format::Docx => "Word document",
                        Format::Md => "Markdown",
                    },
                    href: format!("{}.{}", p.stem, f.ext()),
                })
                .collect(),
        })
        .collect();

    // One matrix per role, with each distinct level of the batch once, most junior first.
    let mut roles: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for p in good {
        let levels = roles.entry(p.role_id.as_str()).or_default();
        if !levels.contains(&p.level_id.as_str()) {
            levels.push(p.level_id.as_str());
        }
    }
    let data = &session.data;
    let mut matrices = Vec::new();
    let mut role_names = Vec::new();
    for (role_id, level_ids) in roles {
        let Some(role) = data.roles.get(role_id) else {
            continue;
        };
        role_names.push(role.name.as_str());
        let levels: Vec<&crate::model::Level> = role
            .levels
            .iter()
            .filter(|l| level_ids.contains(&l.id.as_str()))
            .collect();
        let mut skills: Vec<&str> = Vec::new();
        for l in &levels {
            for s in &l.skills {
                if !skills.contains(&s.skill.as_str()) {
                    skills.push(&s.skill);
                }
            }
        }
        let rows = skills
            .iter()
            .map(|id| MatrixRow {
                skill: data
                    .skills
                    .get(*id)
                    .map_or_else(|| (*id).to_string(), |s| s.name.clone()),
                cells: levels
                    .iter()
                    .map(|l| {
                        l.skills
                            .iter()
                            .find(|s| s.skill == *id)
                            .map_or_else(|| "–".to_string(), |s| s.level.name().to_string())
                    })
                    .collect(),
            })
            .collect();
        matrices.push(Matrix {
            role: role.name.clone(),
            levels: levels.iter().map(|l| l.name.clone()).collect(),
            rows,
        });
    }

    let org = common_org(good).map(|(_, name)| name);
    let mut title = if role_names.len() == 1 {
        format!("{} adverts", role_names[0])
    } else {
        "Job adverts".to_string()
    };
    if let Some(o) = &org {
        title.push_str(", ");
        title.push_str(o);
    }
    Index {
        title,
        org,
        adverts,
        matrices,
    }
}
