//! The batch page: a role (every level) and a department, or an uploaded vacancies file, give a
//! zip of every advert in every chosen format with the index and `lint.json`, the same files
//! `jobgen batch` writes ([`crate::batch::zip`]). Any problem shows the form again with the
//! GOV.UK error summary and an inline message at each field, the values kept (all but the file,
//! which no browser lets a page fill in again).

use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};

use super::{made, render};
use crate::batch::{Options, Source};
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::request::Request;
use crate::web::api::{self, Problem, org_summaries, roles_by_family};
use crate::web::app::Loaded;
use crate::web::{App, BODY_LIMIT};

use crate::{Error, Format, Session};

/// The largest vacancies file read: the request body's limit.
const FILE_LIMIT: usize = BODY_LIMIT;

/// Room in the request for the form's other fields and the multipart boundaries.
const FORM_ROOM: usize = 16 * 1024;

/// The request body limit of the batch form: the file and the rest of the form.
pub(super) fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(FILE_LIMIT + FORM_ROOM)
}

/// The formats checked when the form is first shown.
const DEFAULT_FORMATS: &[Format] = &[Format::HTML, Format::DOCX];

/// What the form was sent with, kept to show it again.
#[derive(Debug, Default, Clone)]
struct Form {
    org: String,
    role: String,
    formats: Vec<String>,
    template: String,
    /// The uploaded file's name (its last part) and bytes, if a file was chosen.
    file: Option<(String, Vec<u8>)>,
}

/// A problem with one field of the form: the id of the input its summary links to.
#[derive(Debug, Serialize, Clone)]
struct FieldError {
    field: &'static str,
    href: String,
    text: String,
}

/// The form's fields (each field's first input id).
const FIELDS: &[(&str, &str)] = &[
    ("org", "org"),
    ("role", "role"),
    ("vacancies", "vacancies"),
    ("formats", "formats"),
    ("template", "template"),
];

fn field_error(field: &'static str, text: impl Into<String>) -> FieldError {
    let id = FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field, |(_, id)| id);
    FieldError {
        field,
        href: format!("#{id}"),
        text: text.into(),
    }
}

/// A diagnostic as one sentence for the error summary: where (the file and line, for an
/// uploaded file), what is wrong and what to do.
fn sentence(d: &Diagnostic) -> String {
    let mut s = String::new();
    if let Some(file) = &d.file {
        s.push_str(file);
        if let Some(line) = d.line {
            s.push_str(&format!(", line {line}"));
        }
        if let Some(key) = &d.key {
            s.push_str(&format!(" (`{key}`)"));
        }
        s.push_str(": ");
    }
    s.push_str(&d.message);
    if let Some(help) = &d.help {
        s.push_str(" – ");
        s.push_str(help);
    }
    s
}

/// The field a library problem belongs to: the uploaded file's, or else the one its key names.
fn field_of(d: &Diagnostic, from_file: bool) -> &'static str {
    if from_file {
        return "vacancies";
    }
    let key = d.key.as_deref().unwrap_or("");
    if key.contains("org") {
        "org"
    } else if key.contains("format") {
        "formats"
    } else if key.contains("template") {
        "template"
    } else {
        "role"
    }
}

/// Shows the form with `values` and `errors`: each field as the options of its GOV.UK
/// component (`components.html`).
fn page(loaded: &Loaded, status: StatusCode, values: &Form, errors: &[FieldError]) -> Response {
    let data = &loaded.session.data;
    let error_of = |field: &str| {
        let text = errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        (!text.is_empty()).then(|| json!({ "text": text }))
    };
    let mut orgs = vec![json!({"value": "", "text": "None"})];
    orgs.extend(
        org_summaries(data)
            .into_iter()
            .map(|o| json!({"value": o.id, "text": o.name})),
    );
    let mut roles = vec![json!({"value": "", "text": "Choose a role"})];
    roles.extend(
        roles_by_family(data)
            .into_iter()
            .map(|r| json!({"value": r.id, "text": format!("{} ({})", r.name, r.family)})),
    );
    let formats: Vec<Value> = Format::ALL
        .iter()
        .filter(|f| **f != Format::MD)
        .map(|f| json!({"value": f.name(), "text": f.label(), "hint": {"text": f.encoding().help()}}))
        .collect();
    let templates: Vec<Value> = crate::document::KINDS
        .iter()
        .map(|k| json!({"value": k.name(), "text": k.name(), "hint": {"text": k.about()}}))
        .collect();
    let fields = json!({
        "org": {
            "name": "org",
            "label": {"text": "Department"},
            "hint": {"text": "Its text, defaults and look go into every advert"},
            "items": orgs,
            "value": (!values.org.is_empty()).then_some(&values.org),
            "errorMessage": error_of("org"),
        },
        "role": {
            "name": "role",
            "label": {"text": "Role"},
            "hint": {"text": "One advert for each of its levels"},
            "items": roles,
            "value": (!values.role.is_empty()).then_some(&values.role),
            "errorMessage": error_of("role"),
        },
        "vacancies": {
            "name": "vacancies",
            "label": {"text": "Vacancies file"},
            "hint": {"html": "A YAML list of vacancies (.yaml or .yml, at most 1 MiB), as <code>jobgen batch --vacancies</code> reads it. Leave the role empty."},
            "attributes": {"accept": ".yaml,.yml"},
            "errorMessage": error_of("vacancies"),
        },
        "formats": {
            "name": "formats",
            "fieldset": {"legend": {"text": "Formats"}},
            "hint": {"text": "Every advert is written in Markdown too, with the index page and lint.json."},
            "items": formats,
            "values": values.formats,
            "errorMessage": error_of("formats"),
        },
        "template": {
            "name": "template",
            "fieldset": {"legend": {"text": "Document"}},
            "items": templates,
            "value": values.template,
            "errorMessage": error_of("template"),
        },
    });
    let mut context = tera::Context::new();
    context.insert("fields", &fields);
    context.insert("errors", errors);
    context.insert(
        "file_lost",
        &values.file.as_ref().map(|(name, _)| name.as_str()),
    );
    render(loaded, status, "batch.html", "/batch", context)
}

pub(super) async fn form(State(app): State<Arc<App>>) -> Response {
    let values = Form {
        formats: DEFAULT_FORMATS
            .iter()
            .map(|f| f.name().to_string())
            .collect(),
        template: "advert".into(),
        ..Form::default()
    };
    made(&app, move |loaded| {
        page(loaded, StatusCode::OK, &values, &[])
    })
    .await
}

/// Reads the multipart form: every field as text but the file, which is read up to
/// [`FILE_LIMIT`]. A problem reading it (too large, not multipart) comes back with its status.
async fn read(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Form, (StatusCode, FieldError)> {
    let mut multipart = multipart.map_err(|e| {
        (
            e.status(),
            field_error(
                "vacancies",
                format!(
                    "The form could not be read ({}): send it from this page",
                    e.body_text()
                ),
            ),
        )
    })?;
    let broken = |e: axum::extract::multipart::MultipartError| {
        let status = e.status();
        let text = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "The selected file must be smaller than {} MiB",
                FILE_LIMIT / (1024 * 1024)
            )
        } else {
            format!(
                "The form could not be read ({}): send it again",
                e.body_text()
            )
        };
        (status, field_error("vacancies", text))
    };
    let mut form = Form::default();
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "vacancies" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(broken)? {
                if bytes.len() + chunk.len() > FILE_LIMIT {
                    return Err((
                        StatusCode::PAYLOAD_TOO_LARGE,
                        field_error(
                            "vacancies",
                            format!(
                                "The selected file must be smaller than {} MiB",
                                FILE_LIMIT / (1024 * 1024)
                            ),
                        ),
                    ));
                }
                bytes.extend_from_slice(&chunk);
            }
            // A browser sends an empty part with no name when no file was chosen.
            if !file_name.is_empty() || !bytes.is_empty() {
                let base = file_name
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                form.file = Some((base, bytes));
            }
            continue;
        }
        let value = field.text().await.map_err(broken)?;
        match name.as_str() {
            "org" => form.org = value,
            "role" => form.role = value,
            "formats" => form.formats.push(value),
            "template" => form.template = value,
            // Anything else (a button's name) is not part of the batch.
            _ => {}
        }
    }
    Ok(form)
}

/// What the form asks for, checked: the source, its requests and the options.
struct Checked {
    requests: Vec<Request>,
    unread: Diagnostics,
    opts: Options,
    /// The zip's name: `<role or file stem>-adverts.zip`.
    zip_name: String,
}

/// Checks the form's values against the data; every problem is reported at its field.
fn check(session: &Session, form: &Form) -> Result<Checked, Vec<FieldError>> {
    let data = &session.data;
    let mut errors = Vec::new();
    let org = form.org.trim();
    if !org.is_empty() && data.org(org).is_none() {
        errors.push(field_error(
            "org",
            format!(
                "There is no department `{org}` – {}",
                suggest(org, data.orgs.keys().map(String::as_str))
            ),
        ));
    }
    let mut formats = vec![Format::MD];
    for name in &form.formats {
        match Format::from_name(name) {
            Some(f) if !formats.contains(&f) => formats.push(f),
            Some(_) => {}
            None => errors.push(field_error(
                "formats",
                format!(
                    "There is no format `{name}` – {}",
                    suggest(name, Format::names())
                ),
            )),
        }
    }
    formats.sort();
    let template = form.template.trim();
    let kinds = || crate::document::KINDS.iter().map(|k| k.name());
    if !kinds().any(|k| k == template) {
        errors.push(field_error(
            "template",
            if template.is_empty() {
                "Select the document to write".to_string()
            } else {
                format!(
                    "There is no document `{template}` – {}",
                    suggest(template, kinds())
                )
            },
        ));
    }
    let role = form.role.trim();
    let source = match (&form.file, role.is_empty()) {
        (Some(_), false) => {
            errors.push(field_error(
                "role",
                "Select a role or upload a vacancies file, not both",
            ));
            None
        }
        (None, true) => {
            errors.push(field_error(
                "role",
                "Select a role, or upload a vacancies file",
            ));
            None
        }
        (None, false) => match data.role(role) {
            Some(r) => Some((
                Some(Source::Role {
                    role: r.id.clone(),
                    org: (!org.is_empty()).then(|| org.to_string()),
                    grade: None,
                }),
                r.id.clone(),
            )),
            None => {
                errors.push(field_error(
                    "role",
                    format!(
                        "There is no role `{role}` – {}",
                        suggest(role, data.roles.keys().map(String::as_str))
                    ),
                ));
                None
            }
        },
        (Some((name, _)), true) => {
            let lower = name.to_ascii_lowercase();
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem)
                .to_string();
            if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
                errors.push(field_error(
                    "vacancies",
                    "The selected file must be YAML (a .yaml or .yml file)",
                ));
                None
            } else if !org.is_empty() {
                errors.push(field_error(
                    "org",
                    "A vacancies file names each vacancy's department: leave the department as None, or use a role",
                ));
                None
            } else {
                Some((None, stem))
            }
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((source, stem)) = source else {
        return Err(errors);
    };
    // The uploaded file is read from memory: its name only names it in messages.
    let (requests, unread) = match (&source, &form.file) {
        (None, Some((name, bytes))) => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                vec![field_error(
                    "vacancies",
                    format!(
                        "The selected file must be text (UTF-8): byte {} is not",
                        e.valid_up_to() + 1
                    ),
                )]
            })?;
            crate::request::vacancies_from_str(name, text)
                .map_err(|d| vec![field_error("vacancies", sentence(&d))])?
        }
        (Some(source), _) => {
            crate::batch::requests(session, source).map_err(|e| errors_of(&e, false))?
        }
        (None, None) => return Err(vec![field_error("vacancies", "Upload a vacancies file")]),
    };
    Ok(Checked {
        requests,
        unread,
        opts: Options {
            formats,
            template: template.to_string(),
            keep_going: false,
            allow: Vec::new(),
            allow_incomplete: false,
        },
        zip_name: format!("{stem}-adverts.zip"),
    })
}

/// A library error as errors at the form's fields.
fn errors_of(e: &Error, from_file: bool) -> Vec<FieldError> {
    e.diagnostics()
        .0
        .iter()
        .filter(|d| d.is_error())
        .map(|d| field_error(field_of(d, from_file), sentence(d)))
        .collect()
}

pub(super) async fn submit(
    State(app): State<Arc<App>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = read(multipart).await;
    made(&app, move |loaded| {
        let form = match form {
            Ok(form) => form,
            Err((status, error)) => return page(loaded, status, &Form::default(), &[error]),
        };
        let checked = match check(&loaded.session, &form) {
            Ok(c) => c,
            Err(errors) => {
                return page(loaded, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors);
            }
        };
        let from_file = form.file.is_some();
        match crate::batch::zip(
            &loaded.session,
            &checked.requests,
            checked.unread,
            &checked.opts,
        ) {
            Ok((bytes, _)) => api::download_as(&checked.zip_name, "application/zip", bytes),
            Err(e) => {
                let errors = errors_of(&e, from_file);
                page(loaded, Problem::from_error(e).status, &form, &errors)
            }
        }
    })
    .await
}
