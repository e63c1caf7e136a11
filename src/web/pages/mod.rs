//! The recruiters' pages, rendered on the server in GOV.UK Frontend's markup, complete without
//! JavaScript. Page templates live in `src/web/templates/` (embedded) and are all escaped for
//! HTML, whatever their name: every value a page shows from a request or the data is escaped
//! unless a template marks it `safe` (the advert preview, which the HTML writer escaped).

mod advert;
mod batch;
mod browse;
mod form;

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use include_dir::{Dir, include_dir};
use serde::Serialize;

use super::app::Loaded;
use super::{App, assets, blocking};

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/web/templates");

/// The page templates, parsed once.
fn engine() -> &'static Result<tera::Tera, String> {
    static ENGINE: OnceLock<Result<tera::Tera, String>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut tera = tera::Tera::new();
        // Every page template is HTML: escape in all of them, not only those named `.html`.
        tera.autoescape_on([""]);
        let files: Vec<(String, String)> = TEMPLATES
            .files()
            .filter_map(|f| {
                Some((
                    f.path().to_str()?.to_string(),
                    f.contents_utf8()?.to_string(),
                ))
            })
            .collect();
        tera.add_raw_templates(files)
            .map_err(|e| format!("{e:?}"))?;
        Ok(tera)
    })
}

/// One link of the service navigation.
#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    text: &'static str,
    current: bool,
}

/// The links of the service navigation: path and text.
const NAVIGATION: &[(&str, &str)] = &[
    ("/", "Write an advert"),
    ("/batch", "Many adverts"),
    ("/roles", "Roles"),
    ("/orgs", "Departments"),
];

/// What the layout needs on every page.
#[derive(Serialize)]
struct PageInfo {
    assets: Assets,
    supported_snippet: &'static str,
    navigation: Vec<NavItem>,
    /// The problem of the data files on disk, when they changed and failed to load.
    data_problem: Option<String>,
}

#[derive(Serialize)]
struct Assets {
    css: String,
    init: String,
}

/// Renders page template `name` with `context` and the layout's values, as a response with
/// `status`. `current` is the navigation link the page belongs to (its path).
pub(crate) fn render(
    loaded: &Loaded,
    status: StatusCode,
    name: &str,
    current: &str,
    mut context: tera::Context,
) -> Response {
    let page = PageInfo {
        assets: Assets {
            css: assets::url("govuk-frontend.min.css"),
            init: assets::url("init.mjs"),
        },
        supported_snippet: assets::SUPPORTED_SNIPPET,
        navigation: NAVIGATION
            .iter()
            .map(|&(href, text)| NavItem {
                href,
                text,
                current: href == current,
            })
            .collect(),
        data_problem: loaded.problem.as_ref().map(|p| p.to_string()),
    };
    context.insert("page", &page);
    let rendered = match engine() {
        Ok(tera) => tera.render(name, &context).map_err(|e| format!("{e:?}")),
        Err(e) => Err(e.clone()),
    };
    match rendered {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        // A page template that fails is jobgen's bug, never the user's: say so plainly.
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("jobgen could not make this page (a bug in jobgen): {e}\n"),
        )
            .into_response(),
    }
}

/// Makes a page off the async threads, on the session served now ([`blocking`]); a page whose
/// making could not finish (a bug) is a plain 500.
pub(crate) async fn made(
    app: &Arc<App>,
    work: impl FnOnce(&Loaded) -> Response + Send + 'static,
) -> Response {
    blocking(app, work)
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The routes of the pages.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/about", get(about))
        .route("/", get(advert::form_page))
        .route("/advert", get(advert::preview))
        .route("/advert/download", get(advert::download))
        .route("/roles", get(browse::roles))
        .route("/roles/{role}", get(browse::role))
        .route("/orgs", get(browse::orgs))
        .route("/orgs/{org}", get(browse::org))
        .route(
            "/batch",
            get(batch::form)
                .post(batch::submit)
                .layer(batch::body_limit()),
        )
}

async fn about(axum::extract::State(app): axum::extract::State<Arc<App>>) -> Response {
    made(&app, |loaded| {
        let mut context = tera::Context::new();
        context.insert("govuk_licence", assets::GOVUK_LICENCE);
        context.insert("govuk_version", assets::GOVUK_VERSION.trim());
        render(loaded, StatusCode::OK, "about.html", "/about", context)
    })
    .await
}

/// A page for any address that is not one: 404, as a page for people or as JSON under `/api/`.
pub(crate) async fn not_found(
    axum::extract::State(app): axum::extract::State<Arc<App>>,
    uri: Uri,
) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return super::api::not_found(uri).await;
    }
    let path = uri.path().to_string();
    made(&app, move |loaded| {
        let mut context = tera::Context::new();
        context.insert("path", &path);
        render(loaded, StatusCode::NOT_FOUND, "not-found.html", "", context)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_template_parses_and_escapes() {
        assert!(engine().is_ok(), "{:?}", engine().as_ref().err());
        let mut context = tera::Context::new();
        context.insert("path", "<script>alert(1)</script>");
        let app = App::load(Vec::new(), None).expect("built-in data");
        let loaded = app.current();
        let response = render(
            &loaded,
            StatusCode::NOT_FOUND,
            "not-found.html",
            "",
            context,
        );
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let html = body_text(response);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"), "{html}");
    }

    #[test]
    fn the_layout_carries_the_snippet_the_policy_allows_byte_for_byte() {
        let app = App::load(Vec::new(), None).expect("built-in data");
        let html = body_text(render(
            &app.current(),
            StatusCode::OK,
            "about.html",
            "/about",
            {
                let mut c = tera::Context::new();
                c.insert("govuk_licence", assets::GOVUK_LICENCE);
                c.insert("govuk_version", "6");
                c
            },
        ));
        assert!(html.contains(&format!("<script>{}</script>", assets::SUPPORTED_SNIPPET)));
        assert!(
            super::super::headers::policy().contains(&assets::csp_hash(assets::SUPPORTED_SNIPPET))
        );
        // No other inline script: every other <script> has a src.
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"{}\">",
            assets::url("init.mjs")
        )));
        assert!(html.contains("Crown Copyright"));
    }

    /// The body of a response as text.
    pub(crate) fn body_text(response: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let bytes = rt
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }
}
