//! Markdown: the text the template wrote, unchanged.

use super::{EncodeError, Encoding, RenderContext};

/// Markdown, as the template wrote it.
pub(super) struct Markdown;

impl Encoding for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["markdown"]
    }
    fn help(&self) -> &'static str {
        "Markdown, as the template wrote it"
    }
    fn media_type(&self) -> &'static str {
        "text/markdown; charset=utf-8"
    }
    fn link_label(&self) -> &'static str {
        "Markdown"
    }
    fn writes_index(&self) -> bool {
        true
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        Ok(ctx.document.markdown.as_bytes().to_vec())
    }
}
