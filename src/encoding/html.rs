//! HTML: one self-contained GOV.UK-styled page (see [`crate::render::html`]).

use super::{EncodeError, Encoding, RenderContext};

/// A self-contained web page.
pub(super) struct Html;

impl Encoding for Html {
    fn name(&self) -> &'static str {
        "html"
    }
    fn help(&self) -> &'static str {
        "A self-contained web page"
    }
    fn media_type(&self) -> &'static str {
        "text/html; charset=utf-8"
    }
    fn link_label(&self) -> &'static str {
        "Web page"
    }
    fn writes_index(&self) -> bool {
        true
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        let d = ctx.document;
        Ok(crate::render::html::write(d.tree(), &d.meta, &d.style).into_bytes())
    }
}
