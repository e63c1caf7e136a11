//! GOV.UK Frontend's compiled CSS and JavaScript, jobgen's own start-up module and the licence
//! notice, embedded in the binary (built once by `scripts/build-assets`; the Rust build never
//! needs Node). They are served under a path that names their content's hash, so a browser may
//! keep them for a year: new files get a new path.

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use include_dir::{Dir, include_dir};
use sha2::{Digest, Sha256};

use super::App;

static STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/web/static");

/// GOV.UK Frontend's inline script, exactly as its page template has it, which marks the body
/// `govuk-frontend-supported` before the page is drawn. The only inline script a page has: the
/// Content-Security-Policy allows it by its hash.
pub const SUPPORTED_SNIPPET: &str = include_str!("static/supported-snippet.txt");

/// GOV.UK Frontend's licence notice, kept with its code.
pub const GOVUK_LICENCE: &str = include_str!("static/govuk-frontend-LICENCE.txt");

/// The versions of GOV.UK Frontend and Sass the assets were built with.
pub const GOVUK_VERSION: &str = include_str!("static/VERSION");

/// The start of every asset's path: `/static/<hash of every embedded file>/`.
pub fn prefix() -> &'static str {
    static PREFIX: OnceLock<String> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let mut h = Sha256::new();
        let mut files: Vec<_> = STATIC.files().collect();
        files.sort_by_key(|f| f.path());
        for f in files {
            h.update(f.path().to_string_lossy().as_bytes());
            h.update([0]);
            h.update(f.contents());
        }
        let digest = h.finalize();
        let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        format!("/static/{hex}/")
    })
}

/// The URL of embedded file `name`.
pub fn url(name: &str) -> String {
    format!("{}{name}", prefix())
}

/// The sha256 of `text` as a Content-Security-Policy source: `sha256-<base64>`.
pub fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The route of the embedded files.
pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route("/static/{version}/{file}", get(serve))
}

fn media_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn serve(Path((version, file)): Path<(String, String)>) -> Response {
    // Names are looked up among the embedded files only: nothing from the request reaches the
    // file system.
    let Some(found) = STATIC.get_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if prefix() == format!("/static/{version}/") {
        "public, max-age=31536000, immutable"
    } else {
        // An old page asking for an old version gets today's file, which it must not keep.
        "no-cache"
    };
    let mut response = found.contents().into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(media_type(&file)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csp_hash_is_sha256_in_base64() {
        // The example of the CSP specification (level 3, section 2.3.1 hash-source).
        assert_eq!(
            csp_hash("alert('Hello, world.');"),
            "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    #[test]
    fn the_asset_path_changes_with_the_content_and_is_stable_within_a_build() {
        assert_eq!(prefix(), prefix());
        assert!(prefix().starts_with("/static/") && prefix().len() == "/static/".len() + 13);
    }
}
