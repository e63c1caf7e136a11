//! The advert pages: the form (`/`), the preview (`/advert?...`) and its downloads
//! (`/advert/download?format=...&...`). The preview runs what `jobgen generate` runs (merge,
//! document, the HTML format, the wording checks) and each download is
//! [`api::document`](crate::web::api::document), so its name and bytes are the command line's.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::form::{self, Errors, Input};
use super::{made, render};
use crate::diagnostics::{Diagnostic, suggest};
use crate::request::Request;
use crate::web::app::Loaded;
use crate::web::{App, api};

use crate::{Error, Format};

/// `GET /`: the empty form.
pub(super) async fn form_page(State(app): State<Arc<App>>) -> Response {
    made(&app, |loaded| page(loaded, &Input::parse(""), None)).await
}

/// `GET /advert?...`: the preview, or the form with its problems.
pub(super) async fn preview(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Response {
    made(&app, move |loaded| {
        let input = Input::parse(q.as_deref().unwrap_or(""));
        page(loaded, &input, Some(preview_of(loaded, &input)))
    })
    .await
}

/// `GET /advert/download?format=...&...`: one document, as `jobgen generate` writes it; the
/// form with its problems when it cannot be written.
pub(super) async fn download(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Response {
    made(&app, move |loaded| {
        let input = Input::parse(q.as_deref().unwrap_or(""));
        let name = input.format.clone().unwrap_or_default();
        let Some(format) = Format::from_name(&name) else {
            let d = Diagnostic::new(format!("unknown format `{name}`"))
                .help(suggest(&name, Format::names()));
            return page(loaded, &input, Some(Err(vec![d])));
        };
        let written = Request::from_form(&input.pairs)
            .map_err(|d| d.0)
            .and_then(|req| {
                api::document(&loaded.session, &req, &input.template, format, false)
                    .map_err(problems)
            });
        match written {
            Ok((name, bytes)) => api::download(&name, format, bytes),
            Err(ds) => page(loaded, &input, Some(Err(ds))),
        }
    })
    .await
}

/// The diagnostics of a library error.
fn problems(e: Error) -> Vec<Diagnostic> {
    e.diagnostics().0
}

/// A written preview: the document's HTML body and what the checks found.
#[derive(Serialize)]
struct Preview {
    /// The HTML format's page body, escaped by its writer.
    html: String,
    /// The advert's warnings, as text.
    warnings: Vec<String>,
    /// The wording checks' findings: rule, where and what.
    findings: Vec<serde_json::Value>,
    /// A download link per format the document can be written in.
    downloads: Vec<Download>,
}

#[derive(Serialize)]
struct Download {
    href: String,
    text: String,
}

/// The body of a page the HTML format wrote: what its `<main>` holds.
fn main_of(page: &str) -> &str {
    let start = page
        .find("<main")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1));
    let end = page.rfind("</main>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => &page[s..e],
        _ => page,
    }
}

/// The preview of what `input` asks for, or its problems.
fn preview_of(loaded: &Loaded, input: &Input) -> Result<Preview, Vec<Diagnostic>> {
    let session = &loaded.session;
    let req = Request::from_form(&input.pairs).map_err(|d| d.0)?;
    let template = input.template.as_str();
    let generated = session
        .generate(&req, template, &[Format::HTML])
        .map_err(problems)?;
    let report = session.check(&req, &generated.advert, &generated.markdown, template, &[]);
    let html = generated
        .files
        .first()
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default();
    let document = crate::document::kind(template)
        .build(session, &generated.advert)
        .map_err(problems)?;
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(input.values.iter().filter(|(k, _)| *k != "format"))
        .finish();
    let downloads = Format::ALL
        .iter()
        .filter(|f| {
            crate::encoding::check_kind(template, &[**f]).is_ok()
                && f.encoding().check(&document).is_ok()
        })
        .map(|f| Download {
            href: format!("/advert/download?format={}&{query}", f.name()),
            text: format!("{} (.{})", f.label(), f.ext()),
        })
        .collect();
    Ok(Preview {
        html: main_of(&html).trim().to_string(),
        warnings: generated.advert.warnings.iter().map(form::words).collect(),
        findings: report
            .findings
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                let key = match &d.rule {
                    Some(rule) => format!("{} ({rule})", d.severity.label()),
                    None => d.severity.label().to_string(),
                };
                serde_json::json!({"key": {"text": key}, "value": {"text": form::words(d)}})
            })
            .collect(),
        downloads,
    })
}

/// The form page: with the preview above the form, or the problems at the top and at each
/// field. A page with problems is 422, whatever asked for it.
fn page(
    loaded: &Loaded,
    input: &Input,
    preview: Option<Result<Preview, Vec<Diagnostic>>>,
) -> Response {
    let (preview, errors) = match preview {
        Some(Ok(p)) => (Some(p), Errors::default()),
        Some(Err(ds)) => (None, Errors::new(&ds)),
        None => (None, Errors::default()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut context = tera::Context::new();
    context.insert("form", &form::build(&loaded.session, input, &errors));
    context.insert("errors", &errors.list);
    context.insert("preview", &preview);
    render(loaded, status, "form.html", "/", context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_what_the_html_format_writes_inside_main() {
        assert_eq!(
            main_of("<body><main class=\"x\" id=\"y\">\n<h1>A</h1>\n</main></body>"),
            "\n<h1>A</h1>\n"
        );
    }
}
