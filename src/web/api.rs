//! The HTTP API: the framework's roles, the departments and the grades as JSON; a vacancy as
//! JSON in (the vacancy file's keys), a document out. Every problem is JSON too: the same
//! diagnostics the command line prints (severity, key, message, help), with the status that
//! says whose fault it is.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use serde::Serialize;

use super::{App, BODY_LIMIT, blocking};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::model::Role;
use crate::request::Request;
use crate::{Error, Format, Session};

/// The API's routes.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/roles", get(roles))
        .route("/api/roles/{role}", get(role))
        .route("/api/orgs", get(orgs))
        .route("/api/grades", get(grades))
        .route("/api/adverts", post(adverts))
        .route("/api/context", post(context))
}

/// A problem as the API answers it: a status and `{"errors": [diagnostic, ...]}`.
pub struct Problem {
    /// The status: 4xx for the request's fault, 5xx for jobgen's.
    pub status: StatusCode,
    /// What is wrong, one diagnostic each.
    pub diagnostics: Diagnostics,
}

impl Problem {
    /// One problem with a status.
    pub fn new(status: StatusCode, d: Diagnostic) -> Problem {
        Problem {
            status,
            diagnostics: Diagnostics(vec![d]),
        }
    }

    /// The status and diagnostics of a library error: bad input is 422, jobgen's own failure
    /// 500.
    pub fn from_error(e: Error) -> Problem {
        let status = match &e {
            Error::Input(_) | Error::Usage(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Io(_) | Error::Write(_) | Error::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        Problem {
            status,
            diagnostics: e.diagnostics(),
        }
    }
}

#[derive(Serialize)]
struct Errors<'a> {
    errors: &'a [Diagnostic],
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        json(
            self.status,
            &Errors {
                errors: &self.diagnostics.0,
            },
        )
    }
}

/// `value` as a JSON response with `status`.
fn json(status: StatusCode, value: &impl Serialize) -> Response {
    match serde_json::to_string_pretty(value) {
        Ok(text) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            text + "\n",
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write JSON: {e}"),
        )
            .into_response(),
    }
}

/// The header on every API answer while the files under `--data` or `--templates` are broken:
/// the answer comes from the last good data, and this says why, in one line.
pub const DATA_PROBLEM: &str = "x-jobgen-data-problem";

/// Runs `work` off the async threads on the session served now ([`blocking`]), and answers
/// with its response or its problem, marked with [`DATA_PROBLEM`] when the data on disk is
/// broken.
async fn answer(
    app: &Arc<App>,
    work: impl FnOnce(&Session) -> Result<Response, Problem> + Send + 'static,
) -> Response {
    let done = blocking(app, move |loaded| {
        let response = work(&loaded.session).unwrap_or_else(IntoResponse::into_response);
        (response, loaded.problem.clone())
    })
    .await;
    match done {
        Ok((mut response, problem)) => {
            if let Some(problem) = problem {
                mark_data_problem(&mut response, &problem);
            }
            response
        }
        Err(e) => crashed(e).into_response(),
    }
}

/// Adds [`DATA_PROBLEM`]: how many problems, and the first, located, as one line of visible
/// ASCII (other characters become `?`).
fn mark_data_problem(response: &mut Response, problem: &Diagnostics) {
    let Some(first) = problem.0.first() else {
        return;
    };
    let mut at = first.file.clone().unwrap_or_default();
    if let Some(line) = first.line {
        at = format!("{at}:{line}");
    }
    if let Some(key) = &first.key {
        at = format!("{at} {key}");
    }
    let text = format!(
        "{} problem(s), the last good data is served; {}: {}",
        problem.0.len(),
        at.trim(),
        first.message
    );
    let text: String = text
        .chars()
        .take(400)
        .map(|c| {
            if c == ' ' || c.is_ascii_graphic() {
                c
            } else {
                '?'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&text) {
        response
            .headers_mut()
            .insert(header::HeaderName::from_static(DATA_PROBLEM), v);
    }
}

/// A task that could not finish (it panicked): jobgen's fault.
fn crashed(e: tokio::task::JoinError) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        Diagnostic::new(format!("the request could not be finished: {e}"))
            .help("this is a bug in jobgen: please report it with the request"),
    )
}

/// A file to download: its bytes, its media type and its name, as the command line names it.
pub fn download(name: &str, format: Format, bytes: Vec<u8>) -> Response {
    download_as(name, format.media_type(), bytes)
}

/// A file to download under `name`, of media type `media_type` (a batch's zip).
pub fn download_as(name: &str, media_type: &'static str, bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    if let Ok(v) = HeaderValue::from_str(&attachment(name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// `Content-Disposition` for a file called `name`. jobgen's file names are ASCII letters,
/// digits, dots and dashes ([`crate::output`]); anything else is replaced all the same.
fn attachment(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

/// A role in a list, with its levels: `GET /api/roles` and the pages' lists of roles.
#[derive(Serialize)]
pub(crate) struct RoleSummary<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) family: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) levels: Vec<LevelSummary<'a>>,
}

/// A level of a role in a list, with its indicative grades.
#[derive(Serialize)]
pub(crate) struct LevelSummary<'a> {
    id: &'a str,
    name: &'a str,
    variant: crate::model::Variant,
    grades: &'a [String],
}

impl<'a> RoleSummary<'a> {
    /// Role `r` as a list shows it.
    pub(crate) fn of(r: &'a Role) -> RoleSummary<'a> {
        RoleSummary {
            id: &r.id,
            name: &r.name,
            family: &r.family,
            summary: &r.summary,
            levels: r
                .levels
                .iter()
                .map(|l| LevelSummary {
                    id: &l.id,
                    name: &l.name,
                    variant: l.variant,
                    grades: r.indicative_grades(l),
                })
                .collect(),
        }
    }
}

/// Every role by job family, then name: the order the pages list and offer them in.
pub(crate) fn roles_by_family(data: &Data) -> Vec<&Role> {
    let mut roles: Vec<&Role> = data.roles.values().collect();
    roles.sort_by(|a, b| (&a.family, &a.name).cmp(&(&b.family, &b.name)));
    roles
}

/// A department in a list: `GET /api/orgs` and the pages' lists and selects of departments.
#[derive(Serialize)]
pub(crate) struct OrgSummary<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
}

/// Every department, in the data's order.
pub(crate) fn org_summaries(data: &Data) -> Vec<OrgSummary<'_>> {
    data.orgs
        .values()
        .map(|o| OrgSummary {
            id: &o.id,
            name: &o.org.name,
        })
        .collect()
}

async fn roles(State(app): State<Arc<App>>) -> Response {
    answer(&app, |session| {
        let roles: Vec<_> = session.data.roles.values().map(RoleSummary::of).collect();
        Ok(json(StatusCode::OK, &roles))
    })
    .await
}

#[derive(Serialize)]
struct RoleDetail<'a> {
    id: &'a str,
    name: &'a str,
    family: &'a str,
    summary: &'a str,
    description: Option<&'a str>,
    responsibilities: &'a [String],
    levels: Vec<LevelDetail<'a>>,
}

#[derive(Serialize)]
struct LevelDetail<'a> {
    id: &'a str,
    name: &'a str,
    variant: crate::model::Variant,
    summary: &'a str,
    description: Option<&'a str>,
    responsibilities: &'a [String],
    grades: Vec<&'a crate::model::Grade>,
    skills: Vec<SkillAt<'a>>,
}

#[derive(Serialize)]
struct SkillAt<'a> {
    id: &'a str,
    name: &'a str,
    level: crate::model::SkillLevel,
}

/// A role by id, or a 404 naming the nearest ids.
fn find_role<'a>(session: &'a Session, id: &str) -> Result<&'a Role, Problem> {
    session.data.role(id).ok_or_else(|| {
        Problem::new(
            StatusCode::NOT_FOUND,
            Diagnostic::new(format!("unknown role `{id}`"))
                .at_key("role")
                .help(suggest(id, session.data.roles.keys().map(String::as_str))),
        )
    })
}

async fn role(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    answer(&app, move |session| {
        let data = &session.data;
        let r = find_role(session, &id)?;
        let levels = r
            .levels
            .iter()
            .map(|l| LevelDetail {
                id: &l.id,
                name: &l.name,
                variant: l.variant,
                summary: &l.summary,
                description: l.description.as_deref(),
                responsibilities: &l.responsibilities,
                grades: r
                    .indicative_grades(l)
                    .iter()
                    .filter_map(|g| data.grade(g))
                    .collect(),
                skills: l
                    .skills
                    .iter()
                    .map(|s| SkillAt {
                        id: &s.skill,
                        name: data.skills.get(&s.skill).map_or(&s.skill, |k| &k.name),
                        level: s.level,
                    })
                    .collect(),
            })
            .collect();
        Ok(json(
            StatusCode::OK,
            &RoleDetail {
                id: &r.id,
                name: &r.name,
                family: &r.family,
                summary: &r.summary,
                description: r.description.as_deref(),
                responsibilities: &r.responsibilities,
                levels,
            },
        ))
    })
    .await
}

async fn orgs(State(app): State<Arc<App>>) -> Response {
    answer(&app, |session| {
        Ok(json(StatusCode::OK, &org_summaries(&session.data)))
    })
    .await
}

async fn grades(State(app): State<Arc<App>>) -> Response {
    answer(&app, |session| {
        Ok(json(StatusCode::OK, &session.data.grades))
    })
    .await
}

/// What `POST /api/adverts` takes in its query string.
#[derive(Debug, PartialEq)]
pub struct AdvertQuery {
    /// `format`: one format (default `md`).
    pub format: Format,
    /// `template`: the document kind (default `advert`).
    pub template: String,
    /// `allow_incomplete`: write a Civil Service Jobs export with required fields empty.
    pub allow_incomplete: bool,
}

/// The query parameters `POST /api/adverts` knows.
const ADVERT_PARAMS: &[&str] = &["format", "template", "allow_incomplete"];

/// Reads `POST /api/adverts`' query string; every problem is reported, with the nearest names.
pub fn advert_query(query: Option<&str>) -> Result<AdvertQuery, Problem> {
    let mut q = AdvertQuery {
        format: Format::MD,
        template: "advert".into(),
        allow_incomplete: false,
    };
    let mut problems = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let at = format!("?{key}");
        match &*key {
            "format" => match Format::from_name(&value) {
                Some(f) => q.format = f,
                None => problems.push(
                    Diagnostic::new(format!("unknown format `{value}`"))
                        .at_key(at)
                        .help(suggest(&value, Format::names())),
                ),
            },
            "template" => q.template = value.into_owned(),
            "allow_incomplete" => match &*value {
                "" | "true" | "yes" | "1" => q.allow_incomplete = true,
                "false" | "no" | "0" => q.allow_incomplete = false,
                _ => problems.push(
                    Diagnostic::new(format!("`allow_incomplete` is yes or no, not `{value}`"))
                        .at_key(at),
                ),
            },
            _ => problems.push(
                Diagnostic::new(format!("unknown query parameter `{key}`"))
                    .at_key(at)
                    .help(suggest(&key, ADVERT_PARAMS.iter().copied())),
            ),
        }
    }
    if problems.is_empty() {
        Ok(q)
    } else {
        Err(Problem {
            status: StatusCode::BAD_REQUEST,
            diagnostics: Diagnostics(problems),
        })
    }
}

/// The body of a JSON request as text: 415 when it does not say it is JSON, 413 when it is
/// (or its Content-Length says it will be) larger than [`BODY_LIMIT`], 408 when the client
/// stops sending it.
async fn json_text(headers: &HeaderMap, body: Body) -> Result<String, Problem> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = media.split(';').next().unwrap_or("").trim();
    let is_json = essence.eq_ignore_ascii_case("application/json")
        || (essence.len() > 5 && essence[essence.len() - 5..].eq_ignore_ascii_case("+json"));
    if !is_json {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Diagnostic::new(if media.is_empty() {
                "the request has no Content-Type; the API reads JSON".to_string()
            } else {
                format!("the request's Content-Type is `{media}`; the API reads JSON")
            })
            .help("send the vacancy as JSON with `Content-Type: application/json`"),
        ));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(too_large(BODY_LIMIT));
    }
    let bytes = read_limited(body, BODY_LIMIT).await?;
    String::from_utf8(bytes).map_err(|e| {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Diagnostic::new(format!(
                "the body is not UTF-8 (byte {} is not)",
                e.utf8_error().valid_up_to()
            ))
            .help("JSON is sent as UTF-8"),
        )
    })
}

/// 413: a body larger than `limit` bytes.
fn too_large(limit: usize) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        Diagnostic::new(format!(
            "the request is larger than {} KiB, the most jobgen reads",
            limit / 1024
        ))
        .help("send one vacancy at a time"),
    )
}

/// Reads a body of at most `limit` bytes: 413 as soon as more arrives (a body sent in chunks
/// has no length to check first).
pub(crate) async fn read_limited(body: Body, limit: usize) -> Result<Vec<u8>, Problem> {
    let mut body = body;
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            Problem::new(
                StatusCode::REQUEST_TIMEOUT,
                Diagnostic::new(format!("the request's body could not be read: {e}"))
                    .help("send the whole body without pausing"),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(too_large(limit));
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// The vacancy a JSON body holds; its problems name JSON pointers (`/role`).
fn vacancy(text: &str) -> Result<Request, Problem> {
    Request::from_json_str("request body", text).map_err(|d| Problem {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        diagnostics: d,
    })
}

/// Writes the document a request asks for, as the command line's `generate` writes it: the
/// same checks, the same name, the same bytes.
pub fn document(
    session: &Session,
    req: &Request,
    template: &str,
    format: Format,
    allow_incomplete: bool,
) -> Result<(String, Vec<u8>), Error> {
    crate::vacancy_lint_problems(req).into_result(())?;
    let generated = session.generate(req, template, &[format])?;
    if let Some(missing) =
        crate::encoding::csj::incomplete(&generated.advert, req, &[format], allow_incomplete)
    {
        return Err(missing.into());
    }
    let name = generated.names().remove(0);
    let bytes = generated
        .files
        .into_iter()
        .next()
        .map(|f| f.bytes)
        .unwrap_or_default();
    Ok((name, bytes))
}

async fn adverts(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let q = match advert_query(query.as_deref()) {
        Ok(q) => q,
        Err(p) => return p.into_response(),
    };
    let text = match json_text(&headers, body).await {
        Ok(t) => t,
        Err(p) => return p.into_response(),
    };
    answer(&app, move |session| {
        let req = vacancy(&text)?;
        let (name, bytes) = document(session, &req, &q.template, q.format, q.allow_incomplete)
            .map_err(Problem::from_error)?;
        Ok(download(&name, q.format, bytes))
    })
    .await
}

async fn context(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Response {
    let text = match json_text(&headers, body).await {
        Ok(t) => t,
        Err(p) => return p.into_response(),
    };
    answer(&app, move |session| {
        let req = vacancy(&text)?;
        let context = session
            .context(&req)
            .and_then(|c| c.to_json())
            .map_err(Problem::from_error)?;
        Ok((
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            context,
        )
            .into_response())
    })
    .await
}

/// Anything else under `/api/`: 404 as JSON.
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    Problem::new(
        StatusCode::NOT_FOUND,
        Diagnostic::new(format!("nothing at `{}`", uri.path())).help(
            "the API has GET /api/roles, /api/roles/{role}, /api/orgs, /api/grades and \
             POST /api/adverts, /api/context",
        ),
    )
    .into_response()
}
