//! The web app and HTTP API (`jobgen serve`): a second front end on the library, beside the
//! command line. A handler turns a form, a query string or JSON into a
//! [`Request`](crate::request::Request) and calls the [`Session`](crate::Session), as a
//! `src/cmd/` file turns flags into one; it holds no logic the command line would need.
//!
//! ```text
//! app        the shared, read-only session; reload of --data/--templates on change
//! server     listening, slow-client timeouts, graceful shutdown
//! headers    security headers on every response (CSP, nosniff, frame-ancestors, referrer)
//! assets     GOV.UK Frontend's compiled CSS and JS, embedded, with long-lived caching
//! api        JSON: roles, departments, grades; a vacancy as JSON in, a document out
//! pages      the recruiters' pages: the advert form, preview, batch, browse (templates/)
//! ```
//!
//! Nothing here writes a file, and no request value ever becomes a path.

pub mod api;
pub mod app;
pub mod assets;
mod headers;
mod pages;
pub mod server;

use std::sync::Arc;

use axum::Router;

pub use app::App;

/// The largest request body read: a vacancy as JSON, a form, or an uploaded vacancies file.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Every route of the app, with the security headers on every response.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(assets::routes())
        .merge(pages::routes())
        .fallback(pages::not_found)
        .with_state(app)
        .layer(axum::middleware::map_response(headers::secure))
}

/// Runs blocking work (loading, rendering, zipping) off the async threads, on the session the
/// app serves now.
pub(crate) async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce(&app::Loaded) -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(&app.current())).await
}
