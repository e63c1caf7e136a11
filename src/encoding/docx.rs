//! Word: a .docx document (see [`crate::render::docx`]).

use super::{EncodeError, Encoding, RenderContext};

/// A Word document.
pub(super) struct Docx;

impl Encoding for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["word"]
    }
    fn help(&self) -> &'static str {
        "A Word document"
    }
    fn media_type(&self) -> &'static str {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    }
    fn link_label(&self) -> &'static str {
        "Word document"
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        let d = ctx.document;
        crate::render::docx::write(d.tree(), &d.meta, &d.style).map_err(|e| EncodeError {
            format: "Word",
            message: e.to_string(),
        })
    }
}
