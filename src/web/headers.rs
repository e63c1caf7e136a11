//! Security headers on every response: a strict Content-Security-Policy (no inline script but
//! GOV.UK Frontend's one-line support check, by its hash), nosniff, no framing, no referrer.
//! Responses that say nothing of caching are not stored: a preview holds a vacancy's details.

use axum::http::{HeaderValue, header};
use axum::response::Response;

use std::sync::OnceLock;

use super::assets;

/// The policy: scripts from this server and GOV.UK Frontend's inline support check
/// ([`assets::SUPPORTED_SNIPPET`]) by its hash; nothing from elsewhere; no framing.
pub(crate) fn policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| {
        let snippet = assets::csp_hash(assets::SUPPORTED_SNIPPET);
        format!(
            "default-src 'none'; script-src 'self' '{snippet}'; style-src 'self'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'"
        )
    })
}

/// Adds the headers a response does not already have.
pub(crate) async fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    let mut set = |name, value: &str| {
        if !h.contains_key(&name)
            && let Ok(v) = HeaderValue::from_str(value)
        {
            h.insert(name, v);
        }
    };
    set(header::CONTENT_SECURITY_POLICY, policy());
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::CACHE_CONTROL, "no-store");
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    response
}
