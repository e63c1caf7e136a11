//! Many adverts at once: every level of a role, or every vacancy of a list, plus an index.
//!
//! Three steps, each its own function: [`plan`] merges every advert and names its files, and
//! stops, if any is wrong, before anything is rendered (unless `keep_going`); [`render`] makes
//! every document in parallel, checks its wording ([`crate::lint`]) and hands each file to a
//! `stage` function as soon as it is made, then makes the index and `lint.json` with every
//! advert's findings; the caller commits what was staged (an output
//! [`Transaction`](crate::output::Transaction)). [`lint`] checks a planned batch's wording
//! without making any file: `jobgen lint --vacancies`, and `batch --deny` before it writes.
//! This module writes nothing itself.

use std::collections::HashMap;
use std::path::PathBuf;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::advert::Advert;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::lint::Report;
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

/// How to make the batch.
pub struct Options {
    /// Formats of each advert.
    pub formats: Vec<Format>,
    /// Kind of each document (`advert`).
    pub template: String,
    /// Write the good adverts even when some are wrong (the command still fails).
    pub keep_going: bool,
    /// Checks turned off for every advert (`--allow`).
    pub allow: Vec<String>,
    /// Write Civil Service Jobs exports whose required fields are empty (`--allow-incomplete`);
    /// without it such an advert is a problem of the plan, like a bad vacancy.
    pub allow_incomplete: bool,
}

/// The name of the file beside the index that holds every advert's findings.
pub const LINT_FILE: &str = "lint.json";

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
    /// The wording checks' report, when [`lint`] made it before rendering: not made twice.
    checked: Option<Report>,
}

impl Planned {
    /// The advert's file name in `format`.
    fn name(&self, format: Format) -> String {
        format!("{}.{}", self.stem, format.ext())
    }

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
            checked: None,
        }
    }
}

/// A batch checked and named, before anything is rendered: what [`plan`] gives.
pub struct Plan {
    /// The adverts to write, in batch order.
    planned: Vec<Planned>,
    /// Problems with the adverts left out.
    pub problems: Diagnostics,
    /// How many adverts were left out.
    pub left_out: usize,
    formats: Vec<Format>,
    template: String,
    keep_going: bool,
    allow: Vec<String>,
}

impl Plan {
    /// How many adverts the batch will write.
    pub fn len(&self) -> usize {
        self.planned.len()
    }

    /// True when no advert is left to write.
    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }

    /// Every file name the batch may write: each advert in each format, then the index.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .planned
            .iter()
            .flat_map(|p| self.formats.iter().map(move |f| p.name(*f)))
            .collect();
        names.extend(index_formats(&self.formats).map(|f| format!("index.{}", f.ext())));
        names.push(LINT_FILE.to_string());
        names
    }

    /// Each advert's file in `format`, in batch order.
    pub fn files(&self, format: Format) -> Vec<String> {
        self.planned.iter().map(|p| p.name(format)).collect()
    }
}

/// Plans a batch: merges every request, names each advert, and finds names that clash. Pure:
/// nothing is rendered or written. `unread` holds one problem per vacancy that could not be
/// read (see [`requests`]); they count as adverts left out. Fails with every problem unless
/// `keep_going`.
pub fn plan(
    session: &Session,
    requests: &[Request],
    unread: Diagnostics,
    opts: &Options,
) -> Result<Plan, Error> {
    crate::encoding::check_kind(&opts.template, &opts.formats)
        .map_err(|d| Error::Usage(Box::new(d)))?;
    let merged: Vec<Result<Planned, Vec<Diagnostic>>> = requests
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let unknown = crate::vacancy_lint_problems(r);
            if !unknown.is_empty() {
                return Err(unknown.0);
            }
            let advert = crate::advert::merge(&session.data, r)?;
            if let Some(missing) =
                crate::encoding::csj::incomplete(&advert, r, &opts.formats, opts.allow_incomplete)
            {
                return Err(missing);
            }
            Ok(Planned::new(
                i,
                &advert,
                crate::file_stem(&advert, &opts.template),
            ))
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
    if problems.has_errors() && !opts.keep_going {
        return Err(Error::Input(problems));
    }
    Ok(Plan {
        planned,
        problems,
        left_out,
        formats: opts.formats.clone(),
        template: opts.template.clone(),
        keep_going: opts.keep_going,
        allow: opts.allow.clone(),
    })
}

/// Checks the wording of every planned advert (see [`crate::lint`]), in parallel, rendering
/// only its Markdown: the reports in batch order. An advert whose template fails is reported
/// like a failure of [`render`], and left out with `keep_going`. The plan keeps each report, so
/// that [`render`] does not check the advert again.
pub fn lint(session: &Session, requests: &[Request], plan: &mut Plan) -> Result<Linted, Error> {
    let checked: Vec<Result<Report, Error>> = plan
        .planned
        .par_iter()
        .map(|p| {
            let req = &requests[p.i];
            let advert = session.advert(req)?;
            let markdown = session.markdown(&advert, &plan.template)?;
            Ok(session.check(req, &advert, &markdown, &plan.template, &plan.allow))
        })
        .collect();
    let mut problems = Diagnostics::default();
    let mut reports = Vec::new();
    for (r, p) in checked.into_iter().zip(plan.planned.iter_mut()) {
        match r {
            Ok(report) => {
                p.checked = Some(report.clone());
                reports.push(report);
            }
            Err(Error::Input(ds)) => problems.0.extend(ds.0),
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() && !plan.keep_going {
        return Err(Error::Input(problems));
    }
    Ok(Linted { reports, problems })
}

/// What [`lint`] found.
pub struct Linted {
    /// One report per advert checked, in batch order.
    pub reports: Vec<Report>,
    /// Adverts that could not be made (with `keep_going`).
    pub problems: Diagnostics,
}

/// A batch's findings counted over every advert: what the index and the summary line show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LintTotals {
    /// Adverts checked.
    pub adverts: usize,
    /// Findings that are errors, in all adverts.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Findings that are notes.
    pub notes: usize,
    /// Findings of checks turned off.
    pub suppressed: usize,
    /// Adverts with at least one warning or error.
    pub with_warnings: usize,
}

impl LintTotals {
    /// The totals of `reports`.
    pub fn of<'a>(reports: impl IntoIterator<Item = &'a Report>) -> LintTotals {
        let mut t = LintTotals::default();
        for r in reports {
            let s = &r.summary;
            t.adverts += 1;
            t.errors += s.errors;
            t.warnings += s.warnings;
            t.notes += s.notes;
            t.suppressed += s.suppressed;
            if r.fails(Severity::Warning) {
                t.with_warnings += 1;
            }
        }
        t
    }
}

/// Where [`render`] puts each file it makes: a name and its bytes (an output transaction's
/// `stage`, or memory). Called from many threads at once.
pub type Stage<'a> = dyn Fn(&str, &[u8]) -> Result<(), Error> + Sync + 'a;

/// What [`render`] made.
pub struct Rendered {
    /// Every file handed to `stage`, in batch order (adverts by position, then format), then the
    /// index: the order to commit them in.
    pub names: Vec<String>,
    /// Problems with the adverts left out: the plan's, and any found while rendering.
    pub problems: Diagnostics,
    /// How many adverts were left out.
    pub left_out: usize,
    /// The wording checks' report of each advert written, in batch order, with its warnings and
    /// errors (its notes are counted in its summary, and listed in [`LINT_FILE`]).
    pub reports: Vec<Report>,
}

/// Renders a planned batch in parallel, handing each file to `stage` as soon as it is made
/// (so a batch of any size holds only one advert per thread in memory), and `progress` once per
/// advert. Each advert's Markdown is checked ([`crate::lint`]) as it is made. Then renders the
/// index of every advert that was made, with their findings, and [`LINT_FILE`]. Writes nothing
/// itself.
pub fn render(
    session: &Session,
    requests: &[Request],
    plan: Plan,
    stage: &Stage<'_>,
    progress: &(dyn Fn() + Sync),
) -> Result<Rendered, Error> {
    let Plan {
        planned,
        mut problems,
        mut left_out,
        formats,
        template,
        keep_going,
        allow,
    } = plan;
    let rendered: Vec<Result<(Report, String), Error>> = planned
        .par_iter()
        .map(|p| {
            let req = &requests[p.i];
            let generated = session.generate(req, &template, &formats);
            let r = generated.and_then(|g| {
                let report = match &p.checked {
                    Some(report) => report.clone(),
                    None => session.check(req, &g.advert, &g.markdown, &template, &allow),
                };
                g.files
                    .iter()
                    .try_for_each(|f| stage(&p.name(f.format), &f.bytes))?;
                let json = report.to_json();
                Ok((slim(report), json))
            });
            progress();
            r
        })
        .collect();
    let mut names = Vec::new();
    let mut good = Vec::new();
    let mut reports = Vec::new();
    let mut json_lines = Vec::new();
    for (r, p) in rendered.into_iter().zip(&planned) {
        match r {
            Ok((report, json)) => {
                names.extend(formats.iter().map(|f| p.name(*f)));
                good.push(p);
                reports.push(report);
                json_lines.push(json);
            }
            Err(Error::Input(ds)) => {
                left_out += 1;
                problems.0.extend(ds.0);
            }
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() && !keep_going {
        return Err(Error::Input(problems));
    }
    if !good.is_empty() {
        let document = index_document(session, &good, &reports, &formats)?;
        let index_formats: Vec<Format> = index_formats(&formats).collect();
        for file in crate::encoding::encode(&document, None, &index_formats)? {
            let name = format!("index.{}", file.format.ext());
            stage(&name, &file.bytes)?;
            names.push(name);
        }
        stage(LINT_FILE, lint_json(&json_lines).as_bytes())?;
        names.push(LINT_FILE.to_string());
    }
    Ok(Rendered {
        names,
        problems,
        left_out,
        reports,
    })
}

/// [`LINT_FILE`]: a JSON array of every advert's report, in batch order, one advert per line
/// as `jobgen lint --format json` prints it (`lines`, made as each advert was checked).
fn lint_json(lines: &[String]) -> String {
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// What a batch keeps of an advert's report once its line of [`LINT_FILE`] is made: the
/// summary (which counts the notes) and the findings that are warnings or errors, all that the
/// index shows. A batch of 10,000 adverts would otherwise hold some 400,000 notes, each with
/// its line of text, until the index is written.
fn slim(mut report: Report) -> Report {
    report
        .findings
        .retain(|f| f.diagnostic.severity >= Severity::Warning);
    report.suppressed = Vec::new();
    report
}

/// The index page of the adverts in `good`: a link to each, and a progression matrix per role.
fn index_document(
    session: &Session,
    good: &[&Planned],
    reports: &[Report],
    formats: &[Format],
) -> Result<crate::document::Document, Error> {
    let index = index_context(session, good, reports, formats);
    let org = common_org(good).map(|(id, _)| id);
    let context = tera::Context::from_serialize(&index)
        .map_err(|e| Error::Internal(format!("cannot pass the index to its template: {e}")))?;
    let markdown = session.render_markdown(org.as_deref(), "index", &context)?;
    let meta = crate::model::DocMeta {
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
    Ok(crate::document::Document::new(markdown, meta, style))
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

/// The formats the index page is written in: those of the batch that write one (Markdown is
/// always among them, so a batch always has its index).
fn index_formats(formats: &[Format]) -> impl Iterator<Item = Format> + '_ {
    std::iter::once(Format::MD).chain(
        formats
            .iter()
            .copied()
            .filter(|f| *f != Format::MD && f.encoding().writes_index()),
    )
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
pub(crate) struct Index {
    /// "DevOps engineer adverts, Home Office".
    pub title: String,
    /// The department's name, if every advert shares one.
    pub org: Option<String>,
    /// Every advert, in batch order.
    pub adverts: Vec<IndexEntry>,
    /// One progression matrix per role in the batch.
    pub matrices: Vec<Matrix>,
    /// The wording checks' findings counted over every advert.
    pub lint: LintTotals,
}

/// One advert in the index.
#[derive(Debug, Serialize)]
pub(crate) struct IndexEntry {
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
    /// What the wording checks found in it: `file`, `findings`, `summary`, `rules`.
    pub lint: Report,
}

/// A link to one file of an advert.
#[derive(Debug, Serialize)]
pub(crate) struct Link {
    /// `Web page`, `Word document`, `Markdown`.
    pub label: &'static str,
    /// The file name.
    pub href: String,
}

/// Skills down the side, levels across, the skill level in each cell.
#[derive(Debug, Serialize)]
pub(crate) struct Matrix {
    /// The role's name.
    pub role: String,
    /// Column headings: the levels, most junior first.
    pub levels: Vec<String>,
    /// One row per skill, in catalogue order of first appearance.
    pub rows: Vec<MatrixRow>,
}

/// A skill's levels across the role's levels.
#[derive(Debug, Serialize)]
pub(crate) struct MatrixRow {
    /// The skill's name.
    pub skill: String,
    /// The skill level at each level, or `–` where the level does not need the skill.
    pub cells: Vec<String>,
}

/// The progression matrix of `role` over `levels` (some of its levels, most junior first):
/// every skill any of them needs, in order of first appearance, with its level at each.
pub(crate) fn matrix(
    data: &crate::data::Data,
    role: &crate::model::Role,
    levels: &[&crate::model::Level],
) -> Matrix {
    let mut skills: Vec<&str> = Vec::new();
    for l in levels {
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
    Matrix {
        role: role.name.clone(),
        levels: levels.iter().map(|l| l.name.clone()).collect(),
        rows,
    }
}

fn index_context(
    session: &Session,
    good: &[&Planned],
    reports: &[Report],
    formats: &[Format],
) -> Index {
    let adverts = good
        .iter()
        .zip(reports)
        .map(|(p, report)| IndexEntry {
            title: p.title.clone(),
            level: p.level_name.clone(),
            grade_text: p.grade_text.clone(),
            reference: p.reference.clone(),
            links: formats
                .iter()
                .map(|f| Link {
                    label: f.encoding().link_label(),
                    href: format!("{}.{}", p.stem, f.ext()),
                })
                .collect(),
            lint: report.clone(),
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
        matrices.push(matrix(data, role, &levels));
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
        lint: LintTotals::of(reports),
    }
}

/// The time stamped on every entry of a batch's zip: fixed, so that the same batch gives the
/// same bytes.
const ZIP_TIME: (u16, u8, u8) = (2024, 1, 1);

/// Makes a whole batch in memory, as one zip archive holding exactly the files `jobgen batch`
/// writes for the same requests and options (each advert in each format, the index and
/// [`LINT_FILE`]), under the same names, in the order they are committed, with fixed times:
/// the same batch gives the same bytes. Fails as [`plan`] and [`render`] fail; with
/// `keep_going` the archive holds the adverts that could be made, and the [`Rendered`]
/// says which were left out. Writes no file.
pub fn zip(
    session: &Session,
    requests: &[Request],
    unread: Diagnostics,
    opts: &Options,
) -> Result<(Vec<u8>, Rendered), Error> {
    let plan = plan(session, requests, unread, opts)?;
    let staged: std::sync::Mutex<HashMap<String, Vec<u8>>> = Default::default();
    let rendered = render(
        session,
        requests,
        plan,
        &|name, bytes| {
            staged
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(name.to_string(), bytes.to_vec());
            Ok(())
        },
        &|| {},
    )?;
    let staged = staged.into_inner().unwrap_or_else(|e| e.into_inner());
    let failed = |e: zip::result::ZipError| Error::Internal(format!("cannot make the zip: {e}"));
    let (y, m, d) = ZIP_TIME;
    let when = zip::DateTime::from_date_and_time(y, m, d, 0, 0, 0)
        .map_err(|e| Error::Internal(format!("cannot make the zip's date: {e}")))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(when)
        .unix_permissions(0o644);
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut archive = zip::ZipWriter::new(&mut out);
        for name in &rendered.names {
            let bytes = staged.get(name).ok_or_else(|| {
                Error::Internal(format!("the batch named `{name}` but did not make it"))
            })?;
            archive.start_file(name.as_str(), options).map_err(failed)?;
            std::io::Write::write_all(&mut archive, bytes)
                .map_err(|e| Error::Internal(format!("cannot make the zip: {e}")))?;
        }
        archive.finish().map_err(failed)?;
    }
    Ok((out.into_inner(), rendered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_holds_every_file_render_names_with_their_bytes_and_is_the_same_each_time() {
        let session = Session::load(&[], None).expect("built-in data");
        let source = Source::Role {
            role: "devops-engineer".into(),
            org: Some("home-office".into()),
            grade: None,
        };
        let (requests, unread) = requests(&session, &source).expect("requests");
        let opts = Options {
            formats: vec![Format::MD, Format::HTML],
            template: "advert".into(),
            keep_going: false,
            allow: Vec::new(),
            allow_incomplete: false,
        };
        let (bytes, rendered) = zip(&session, &requests, unread, &opts).expect("zip");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
        let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
        assert_eq!(names, rendered.names);
        assert!(names.contains(&"index.html".to_string()), "{names:?}");
        assert_eq!(names.last().map(String::as_str), Some(LINT_FILE));
        let mut index = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("index.md").expect("index"), &mut index)
            .expect("UTF-8");
        assert!(
            index.contains("home-office-senior-devops-engineer.html"),
            "{index}"
        );
        let (again, _) = zip(&session, &requests, Diagnostics::default(), &opts).expect("zip");
        assert_eq!(bytes, again);
    }
}
