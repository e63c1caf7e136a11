//! Rendering arbitrary Markdown: the page and the Word document must always be made, and the
//! Word document must read back.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/readback.rs"]
mod readback;

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    let tree = jobgen::render::parse(md);
    let meta = jobgen::render::DocMeta::default();
    let style = jobgen::render::Style::default();
    let _ = jobgen::render::html::write(&tree, &meta, &style);
    let docx =
        jobgen::render::docx::write(&tree, &meta, &style).expect("a Word document is always made");
    readback::docx_blocks(&docx).expect("the Word document reads back");
});
