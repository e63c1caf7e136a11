//! Renders a Markdown file (by default `tests/fixtures/render/advert.md`) to HTML and Word in
//! both section styles, for the checkers and for looking at:
//! `cargo run --example render_fixture -- [INPUT.md] [OUT_DIR]` writes `advert.html`,
//! `advert.docx` (boxed, Home Office look), `advert-plain.html` and `advert-plain.docx`.
use std::error::Error;
use std::path::PathBuf;

use jobgen::render::{self, DocMeta, SectionStyle, Style};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/advert.md"),
        PathBuf::from,
    );
    let out = PathBuf::from(args.next().unwrap_or_else(|| "/tmp".into()));
    let md = std::fs::read_to_string(&input)?;
    let tree = render::parse(&md);
    let meta = DocMeta {
        title: "DevOps engineer, Senior Executive Officer (SEO), Home Office".into(),
        subject: "Job advert".into(),
        author: "Home Office".into(),
        language: "en-GB".into(),
    };
    for (name, sections) in [
        ("advert", SectionStyle::Boxed),
        ("advert-plain", SectionStyle::Plain),
    ] {
        let style = Style {
            colour: "#8f23b3".into(),
            sections,
            header: "Home Office".into(),
            ..Style::default()
        };
        let html = out.join(format!("{name}.html"));
        std::fs::write(&html, render::html::write(&tree, &meta, &style))?;
        let docx = out.join(format!("{name}.docx"));
        std::fs::write(&docx, render::docx::write(&tree, &meta, &style)?)?;
        println!("{}\n{}", html.display(), docx.display());
    }
    Ok(())
}
