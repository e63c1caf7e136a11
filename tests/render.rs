//! The HTML and Word writers: structure a person and their software rely on, read back from the
//! files; and the same text, in the same order, in Markdown, HTML and Word.

mod support;

use std::io::Read;

use jobgen::render::{self, DocMeta, SectionStyle, Style};
use support::readback;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/render/every-construct.md"
    ))
    .expect("fixture")
}

fn meta() -> DocMeta {
    DocMeta {
        title: "A title, SEO, Home Office".into(),
        subject: "Job advert".into(),
        author: "Home Office".into(),
        language: "en-GB".into(),
    }
}

fn style(sections: SectionStyle) -> Style {
    Style {
        colour: "#8f23b3".into(),
        sections,
        header: "Home Office".into(),
        ..Style::default()
    }
}

fn docx(md: &str, sections: SectionStyle) -> Vec<u8> {
    render::docx::write(&render::parse(md), &meta(), &style(sections)).expect("docx")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// The text of a Word element: every `w:t` under it, joined.
fn text_of(node: &roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect()
}

/// The `w:val` of the first `tag` element under `node`, or empty.
fn val_of(node: &roxmltree::Node, tag: &str) -> String {
    node.descendants()
        .find(|n| n.has_tag_name((W, tag)))
        .and_then(|n| n.attribute((W, "val")))
        .unwrap_or("")
        .to_string()
}

fn paragraphs_with_style(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("document.xml parses");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| (val_of(&p, "pStyle"), text_of(&p)))
        .collect()
}

#[test]
fn word_headings_use_real_styles_that_word_names() {
    let bytes = docx(&fixture(), SectionStyle::Plain);
    let paras = paragraphs_with_style(&part(&bytes, "word/document.xml"));
    let styled: Vec<(&str, &str)> = paras
        .iter()
        .filter(|(s, _)| !s.is_empty())
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        styled,
        [
            ("Title", "A title"),
            ("Heading1", "First section"),
            ("Heading2", "A subsection"),
            ("Heading1", "Appendix"),
            ("Heading1", "A wide table")
        ]
    );
    let styles = part(&bytes, "word/styles.xml");
    for (id, name) in [
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Normal", "Normal"),
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\""))
                && styles.contains(&format!("<w:name w:val=\"{name}\" />")),
            "{id}"
        );
    }
    assert!(
        styles.contains("<w:lang w:val=\"en-GB\""),
        "language in the style defaults"
    );
    assert!(styles.contains("<w:rFonts w:ascii=\"Arial\""));
    assert!(styles.contains("<w:sz w:val=\"24\" />"), "12 pt");
}

#[test]
fn word_lists_are_numbering_definitions_with_nesting() {
    let bytes = docx(&fixture(), SectionStyle::Plain);
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    let mut nums = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        if let Some(num) = p.descendants().find(|n| n.has_tag_name((W, "numPr"))) {
            nums.push((val_of(&num, "numId"), val_of(&num, "ilvl"), text_of(&p)));
        }
    }
    let got: Vec<(&str, &str, &str)> = nums
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "0", "a bullet"),
            ("2", "0", "a bullet with a nested list"),
            ("2", "1", "a nested bullet"),
            ("2", "0", "a last bullet"),
            ("3", "0", "first step"),
            ("3", "0", "second step"),
        ]
    );
    assert!(!xml.contains('•'), "no typed bullets");
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:abstractNum w:abstractNumId=\"2\""));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\" />"));
    assert!(numbering.contains("<w:abstractNum w:abstractNumId=\"3\""));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\" />"));
    assert_eq!(
        numbering.matches("<w:num w:numId=\"2\"").count(),
        1,
        "no duplicate numbering ids"
    );
}

#[test]
fn word_links_work_and_their_ids_are_the_documents_own() {
    let bytes = docx(&fixture(), SectionStyle::Plain);
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains("<w:hyperlink r:id=\"rIdHyperlink1\""), "{xml}");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdHyperlink1\""));
    assert!(
        rels.contains("Target=\"https://www.gov.uk/\" TargetMode=\"External\""),
        "{rels}"
    );
}

#[test]
fn boxed_sections_are_one_column_tables_with_a_shaded_title_row() {
    let bytes = docx(&fixture(), SectionStyle::Boxed);
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .expect("body");
    let tables: Vec<_> = body
        .children()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    assert_eq!(tables.len(), 3, "one box per section");
    let first_row_fill = |t: &roxmltree::Node| {
        t.descendants()
            .find(|n| n.has_tag_name((W, "shd")))
            .and_then(|n| n.attribute((W, "fill")))
            .map(str::to_owned)
    };
    for t in &tables {
        assert_eq!(first_row_fill(t).as_deref(), Some("8F23B3"));
    }
    let grid_cols = |t: &roxmltree::Node| {
        t.descendants()
            .filter(|n| n.has_tag_name((W, "gridCol")))
            .count()
    };
    assert_eq!(grid_cols(&tables[0]), 1, "a section is one column");
    assert_eq!(
        grid_cols(&tables[1]),
        2,
        "the appendix keeps field and value columns"
    );
    // The title rows still carry heading styles, for the navigation pane.
    let paras = paragraphs_with_style(&xml);
    assert!(paras.contains(&("Heading1".into(), "First section".into())));
    assert!(paras.contains(&("Heading2".into(), "A subsection".into())));
    assert!(xml.contains("<w:tblHeader />"), "header rows repeat");
}

#[test]
fn word_document_properties_name_the_advert_and_department() {
    let bytes = docx(&fixture(), SectionStyle::Plain);
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>A title, SEO, Home Office</dc:title>"));
    assert!(core.contains("<dc:creator>Home Office</dc:creator>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(core.contains("<dc:subject>Job advert</dc:subject>"));
}

#[test]
fn word_output_is_byte_identical_whatever_was_rendered_before_or_on_which_thread() {
    let md = fixture();
    let first = docx(&md, SectionStyle::Boxed);
    // Render other documents with links in between, then on other threads.
    for _ in 0..3 {
        let _ = docx(
            "# x\n\n[a](https://a.example) [b](https://b.example)\n",
            SectionStyle::Plain,
        );
    }
    assert_eq!(docx(&md, SectionStyle::Boxed), first);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let md = md.clone();
            std::thread::spawn(move || {
                let _ = docx("# y\n\n[c](https://c.example)\n", SectionStyle::Plain);
                docx(&md, SectionStyle::Boxed)
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread"), first);
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).expect("zip");
    for i in 0..zip.len() {
        let f = zip.by_index(i).expect("entry");
        // Small parts are stored, larger ones deflated.
        let want = if f.size() < 8192 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(f.compression(), want, "{}", f.name());
        let t = f.last_modified().expect("time");
        assert_eq!((t.year(), t.month(), t.day()), (2024, 1, 1), "{}", f.name());
    }
}

#[test]
fn the_page_has_one_h1_and_no_skipped_heading_levels() {
    let html = render::html::write(
        &render::parse(&fixture()),
        &meta(),
        &style(SectionStyle::Boxed),
    );
    let levels: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10).map(|d| d as u8))
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "skipped from h{} to h{}",
            pair[0],
            pair[1]
        );
    }
    assert!(html.contains("<ul class=\"govuk-list govuk-list--bullet\">"));
    assert!(html.contains("<ol class=\"govuk-list govuk-list--number\">"));
    assert!(html.contains("<dl class=\"govuk-summary-list\">"));
    assert!(html.contains("<table class=\"govuk-table\">"));
    assert!(html.contains("<a href=\"https://www.gov.uk/\" class=\"govuk-link\">link</a>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<p class=\"app-header__name\">Home Office</p>"));
}

#[test]
fn markdown_html_and_word_hold_the_same_text_in_the_same_order() {
    let md = fixture();
    let tree = render::parse(&md);
    let want = readback::markdown_blocks(&md);
    assert!(want.len() > 20);
    let html = render::html::write(&tree, &meta(), &style(SectionStyle::Boxed));
    assert_eq!(readback::html_blocks(&html), want);
    for sections in [SectionStyle::Boxed, SectionStyle::Plain] {
        let bytes = render::docx::write(&tree, &meta(), &style(sections)).expect("docx");
        assert_eq!(
            readback::docx_blocks(&bytes).expect("readback"),
            want,
            "{sections:?}"
        );
    }
}

#[test]
fn every_devops_level_reads_the_same_in_markdown_html_and_word() {
    for org in ["home-office", "department-for-example"] {
        for level in 1..=9 {
            let n = level.to_string();
            let (dir, out) = support::jobgen(&[
                "generate",
                "--role",
                "devops-engineer",
                "--level",
                &n,
                "--org",
                org,
                "--format",
                "md,html,docx",
            ]);
            assert!(out.status.success(), "{}", support::stderr(&out));
            let files: Vec<String> = support::stdout(&out).lines().map(str::to_owned).collect();
            let md = std::fs::read_to_string(dir.path().join(&files[0])).expect("md");
            let html = std::fs::read_to_string(dir.path().join(&files[1])).expect("html");
            let docx = std::fs::read(dir.path().join(&files[2])).expect("docx");
            let want = readback::markdown_blocks(&md);
            assert_eq!(
                readback::html_blocks(&html),
                want,
                "{org} level {level}: HTML"
            );
            assert_eq!(
                readback::docx_blocks(&docx).expect("docx"),
                want,
                "{org} level {level}: Word"
            );
        }
    }
}

#[test]
fn word_relationships_are_written_in_a_fixed_order() {
    let md = "# Links\n\n[a](https://a.example) [b](https://b.example) [c](https://c.example) [d](https://d.example) [e](https://e.example)\n";
    let first = docx(md, SectionStyle::Plain);
    for _ in 0..20 {
        assert_eq!(docx(md, SectionStyle::Plain), first);
    }
    let rels = part(&first, "word/_rels/document.xml.rels");
    let ids: Vec<&str> = rels
        .match_indices("Id=\"rIdHyperlink")
        .map(|(i, _)| &rels[i + 4..i + 17])
        .collect();
    assert_eq!(
        ids,
        [
            "rIdHyperlink1",
            "rIdHyperlink2",
            "rIdHyperlink3",
            "rIdHyperlink4",
            "rIdHyperlink5"
        ]
    );
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/render")
            .join(name),
    )
    .expect(name)
}

fn page(md: &str) -> String {
    render::html::write(&render::parse(md), &meta(), &style(SectionStyle::Boxed))
}

/// The levels of the page's headings, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let mut c = html[i + 2..].chars();
            let d = c.next()?.to_digit(10)?;
            matches!(c.next(), Some(' ' | '>')).then_some(d as u8)
        })
        .collect()
}

#[test]
fn the_advert_page_is_a_govuk_page_with_one_h1_a_language_and_a_title() {
    let html = page(&read_fixture("advert.md"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("<title>A title, SEO, Home Office</title>"));
    assert!(html.contains("<meta name=\"description\" content=\"Job advert\">"));
    assert!(html.contains("<meta name=\"author\" content=\"Home Office\">"));
    assert_eq!(heading_levels(&html), [1, 2, 3, 3, 2, 3, 3, 2, 2]);
    for class in [
        "govuk-width-container",
        "govuk-main-wrapper",
        "<h1 class=\"govuk-heading-xl\">",
        "<h2 class=\"govuk-heading-l\">",
        "<h3 class=\"govuk-heading-m\">",
        "<p class=\"govuk-body\">",
        "<ul class=\"govuk-list govuk-list--bullet\">",
        "<ol class=\"govuk-list govuk-list--number\">",
        "<table class=\"govuk-table\">",
        "<th scope=\"col\" class=\"govuk-table__header\">",
        "<dl class=\"govuk-summary-list\">",
        "<dt class=\"govuk-summary-list__key\">Salary</dt><dd class=\"govuk-summary-list__value\">£45,000 to £52,000</dd>",
        "<a href=\"mailto:ddat-recruitment@example.gov.uk\" class=\"govuk-link\">",
        "<header class=\"app-header\">",
        "<main class=\"govuk-main-wrapper\" id=\"main-content\">",
        "@page{size:A4;margin:20mm}",
    ] {
        assert!(html.contains(class), "{class}");
    }
    // Self-contained: no scripts, stylesheets, fonts or images to fetch.
    for request in [
        "<script",
        "<link",
        "<img",
        "src=",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!html.contains(request), "{request}");
    }
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(page(&read_fixture("advert.md")), html, "deterministic");
}

#[test]
fn raw_html_in_markdown_is_shown_as_text_never_as_markup() {
    let md = read_fixture("raw-html.md");
    let html = page(&md);
    let main = html.split_once("<main").expect("main").1;
    for tag in ["<script", "<img", "<div", "<b>"] {
        assert!(!main.contains(tag), "{tag}");
    }
    assert!(main.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(main.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(main.contains("&lt;b&gt;bold tags&lt;/b&gt;"));
    assert!(main.contains("&lt;div onclick=\"alert(2)\"&gt;a block of raw HTML&lt;/div&gt;"));
    // Word shows the same text.
    let text = readback::docx_blocks(&docx(&md, SectionStyle::Plain)).expect("docx");
    assert!(
        text.contains(&"<script>alert(1)</script>".to_string()),
        "{text:?}"
    );
    assert_eq!(readback::html_blocks(&html), readback::markdown_blocks(&md));
}

#[test]
fn links_to_other_schemes_keep_their_text_and_images_become_their_alt_text() {
    let md = read_fixture("javascript-link.md");
    let html = page(&md);
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("data:"), "{html}");
    assert!(
        !html.contains("tracker.example"),
        "no request for the image"
    );
    assert_eq!(
        html.matches("<a href=").count(),
        2,
        "skip link and the good link"
    );
    assert!(html.contains("A javascript link, a data link, an image the alt text and a <a href=\"https://www.gov.uk/\" class=\"govuk-link\">good link</a>."), "{html}");
    let bytes = docx(&md, SectionStyle::Plain);
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), 1, "{rels}");
    assert!(rels.contains("Target=\"https://www.gov.uk/\""));
    assert!(!rels.contains("javascript") && !rels.contains("tracker.example"));
    assert_eq!(
        readback::docx_blocks(&bytes).expect("docx"),
        readback::markdown_blocks(&md)
    );
}

#[test]
fn the_page_outline_never_skips_a_level_and_has_one_h1_whatever_the_markdown() {
    let html = page(&read_fixture("skipped-headings.md"));
    assert_eq!(heading_levels(&html), [1, 2, 2, 3, 2]);
    assert!(html.contains("<h2 class=\"govuk-heading-l\">A second title</h2>"));
}

#[test]
fn the_advert_reads_the_same_in_markdown_html_and_word_in_both_looks() {
    let md = read_fixture("advert.md");
    let want = readback::markdown_blocks(&md);
    assert!(want.len() > 40, "{want:?}");
    assert_eq!(readback::html_blocks(&page(&md)), want);
    for sections in [SectionStyle::Boxed, SectionStyle::Plain] {
        assert_eq!(
            readback::docx_blocks(&docx(&md, sections)).expect("docx"),
            want,
            "{sections:?}"
        );
    }
}

#[test]
fn the_boxed_advert_has_sub_header_rows_lists_in_cells_and_a_page_header() {
    let bytes = docx(&read_fixture("advert.md"), SectionStyle::Boxed);
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .expect("body");
    let tables: Vec<_> = body
        .children()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    assert_eq!(tables.len(), 4, "one box per section");
    // Rows of the first box: title, sub-header, body, sub-header, body.
    let rows: Vec<(Option<String>, String, String)> = tables[0]
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|tr| {
            let fill = tr
                .descendants()
                .find(|n| n.has_tag_name((W, "shd")))
                .and_then(|n| n.attribute((W, "fill")))
                .map(str::to_owned);
            let style = val_of(&tr, "pStyle");
            let text: String = tr
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .take(1)
                .collect();
            (fill, style, text)
        })
        .collect();
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows[0].0.as_deref(), Some("8F23B3"));
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2.as_str()),
        ("Heading1", "About the organisation")
    );
    assert_eq!(
        (rows[1].1.as_str(), rows[1].2.as_str()),
        ("Heading2", "About the Home Office")
    );
    assert!(rows[1].0.is_some(), "sub-header rows are shaded");
    assert_eq!(rows[2].0, None, "body rows are not");
    // The title row's text is white and bold on the colour.
    assert!(xml.contains("<w:color w:val=\"FFFFFF\" />"));
    // Lists inside cells are still numbered lists, nested ones one level in.
    let num_levels: Vec<&str> = tables[0]
        .descendants()
        .filter(|n| n.has_tag_name((W, "numPr")))
        .filter_map(|n| n.descendants().find(|c| c.has_tag_name((W, "ilvl"))))
        .filter_map(|n| n.attribute((W, "val")))
        .collect();
    assert_eq!(num_levels, ["0", "0", "0", "1", "1"]);
    // The appendix: its title row spans both columns.
    let appendix = tables[3];
    let span = appendix
        .descendants()
        .find(|n| n.has_tag_name((W, "gridSpan")))
        .and_then(|n| n.attribute((W, "val")));
    assert_eq!(span, Some("2"));
    // A page header with the department's name.
    assert!(xml.contains("<w:headerReference"), "header referenced");
    assert!(part(&bytes, "word/header1.xml").contains("Home Office"));
    // Two numbered lists would restart; this advert's one list has its own id.
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:num w:numId=\"3\""));
}

#[test]
fn each_numbered_list_restarts_with_its_own_numbering() {
    let md = "# T\n\n1. one\n2. two\n\nText.\n\n1. again\n";
    let bytes = docx(md, SectionStyle::Plain);
    let xml = part(&bytes, "word/document.xml");
    let ids: Vec<&str> = xml
        .match_indices("<w:numId w:val=\"")
        .map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    assert_eq!(ids, ["3", "3", "4"]);
}

#[test]
fn word_table_header_rows_repeat_and_are_bold() {
    let bytes = docx(&read_fixture("advert.md"), SectionStyle::Plain);
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    for tbl in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let first = tbl
            .children()
            .find(|n| n.has_tag_name((W, "tr")))
            .expect("a row");
        assert!(
            first
                .descendants()
                .any(|n| n.has_tag_name((W, "tblHeader")))
        );
        assert!(first.descendants().any(|n| n.has_tag_name((W, "b"))));
    }
}

#[test]
fn the_example_vacancy_has_every_civil_service_jobs_section_alike_in_markdown_html_and_word() {
    let vacancy = support::repo().join("examples/devops-seo-home-office.yaml");
    let vacancy = vacancy.to_string_lossy();
    let (dir, out) = support::jobgen(&[
        "generate",
        "--vacancy",
        &vacancy,
        "--format",
        "md,html,docx",
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let files: Vec<String> = support::stdout(&out).lines().map(str::to_owned).collect();
    let md = std::fs::read_to_string(dir.path().join(&files[0])).expect("md");
    let html = std::fs::read_to_string(dir.path().join(&files[1])).expect("html");
    let docx = std::fs::read(dir.path().join(&files[2])).expect("docx");
    // Civil Service Jobs' order, after the Home Office form's own sections.
    let headings = [
        "## Person specification",
        "## Behaviours",
        "## Technical skills",
        "## Benefits",
        "## Selection process details",
        "## Things you need to know",
        "### Security",
        "### Nationality requirements",
        "## Contact point for applicants",
        "## Closing date",
        "## Appendix",
    ];
    let mut at = md
        .find("## Capabilities and Competencies")
        .expect("the form's sections");
    for h in headings {
        let found = md[at..]
            .find(&format!("\n{h}\n"))
            .unwrap_or_else(|| panic!("{h} missing or out of order"));
        at += found + 1;
    }
    for text in [
        "Apply before 11:55 pm on Thursday 28 January 2027.",
        "employer contribution of 28.97% (£13,037 to £14,485 a year on the National band",
        "The application form asks for evidence of: Delivering at pace.",
    ] {
        assert!(md.contains(text), "{text}");
    }
    let appendix = md.split("## Appendix").nth(1).expect("appendix");
    assert!(
        !appendix.contains("To be confirmed"),
        "every appendix field is given: {appendix}"
    );
    let want = readback::markdown_blocks(&md);
    assert_eq!(readback::html_blocks(&html), want, "HTML");
    assert_eq!(readback::docx_blocks(&docx).expect("docx"), want, "Word");
}

/// The example vacancy's Civil Service Jobs export in `format`, and its Markdown advert.
fn example_export(format: &str) -> (String, String) {
    let vacancy = support::repo().join("examples/devops-seo-home-office.yaml");
    let vacancy = vacancy.to_string_lossy();
    let (dir, out) = support::jobgen(&[
        "generate",
        "--vacancy",
        &vacancy,
        "--format",
        &format!("md,{format}"),
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let files: Vec<String> = support::stdout(&out).lines().map(str::to_owned).collect();
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).expect("file");
    (read(&files[0]), read(&files[1]))
}

#[test]
fn the_civil_service_jobs_export_holds_every_field_in_order_with_the_adverts_text() {
    let (md, json) = example_export("csj-json");
    let export: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let labels: Vec<&str> = export["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["label"].as_str().expect("label"))
        .collect();
    assert_eq!(
        labels,
        [
            "Reference number",
            "Salary",
            "Job grade",
            "Contract type",
            "Business area",
            "Type of role",
            "Working pattern",
            "Number of jobs available",
            "Location",
            "Job summary",
            "Job description",
            "Person specification",
            "Behaviours",
            "Technical skills",
            "Experience",
            "Strengths",
            "Benefits",
            "Selection process details",
            "Security",
            "Nationality requirements",
            "Working for the Civil Service",
            "Contact point for applicants",
            "Closing date",
        ]
    );
    assert_eq!(export["missing"], serde_json::json!([]));
    // The advert's text as a reader sees it: no escapes, links as their text.
    let advert = md.replace('\\', "");
    for field in export["fields"].as_array().expect("fields") {
        let value = field["value"].as_str().expect("value");
        assert_eq!(
            field["characters"].as_u64(),
            Some(value.chars().count() as u64),
            "{field}"
        );
        assert!(!value.contains("**") && !value.contains("## "), "{field}");
        // Fields that hold the advert's text in other words: lists' values, the summary and
        // description put together from several sections, and yes-or-no elements.
        if [
            "Job summary",
            "Job description",
            "Location",
            "Job grade",
            "Experience",
            "Strengths",
        ]
        .contains(&field["label"].as_str().unwrap_or(""))
        {
            continue;
        }
        for line in value.lines().filter(|l| !l.is_empty()) {
            let line = line.trim_start_matches("• ");
            assert!(
                advert.contains(line)
                    || line.starts_with("Email: ")
                    || line.starts_with("Interviews are expected"),
                "{}: {line:?} is not in the advert",
                field["label"]
            );
        }
    }
}

#[test]
fn the_plain_text_export_labels_each_field_with_its_length_and_has_no_markdown() {
    let (_, text) = example_export("csj");
    assert!(text.contains("\n=== Job grade (24 characters) ===\nSenior Executive Officer\n"));
    assert!(text.contains("\n=== Closing date (49 characters) ===\nApply before 11:55 pm on Thursday 28 January 2027\n"));
    assert!(text.contains("\n• Delivering at pace\n"));
    for mark in ["**", "\n- ", "\n## ", "](", "\\"] {
        assert!(!text.contains(mark), "the export holds {mark:?}");
    }
    // The README's excerpt is what the export writes.
    let readme = std::fs::read_to_string(support::repo().join("README.md")).expect("README");
    let excerpt = readme
        .split("An excerpt, from\n`examples/devops-seo-home-office.yaml`:\n\n")
        .nth(1)
        .and_then(|s| s.split("\n\nThe required fields").next())
        .expect("the README's excerpt of the export");
    for line in excerpt.lines() {
        let line = line.strip_prefix("    ").unwrap_or(line);
        assert!(text.contains(line), "the export has no line {line:?}");
    }
}

#[test]
fn an_incomplete_export_is_refused_by_generate_and_batch_unless_allowed() {
    let (_, out) = support::jobgen(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "1",
        "--format",
        "csj",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = support::stderr(&out);
    assert!(err.contains("\"Salary\" is required and empty"), "{err}");
    let (_, out) = support::jobgen(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "1",
        "--format",
        "csj",
        "--allow-incomplete",
        "--out",
        "-",
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(support::stdout(&out).contains("=== Salary (required, empty) ==="));
    // batch refuses the same way, before anything is written.
    let (dir, out) = support::jobgen(&[
        "batch",
        "--role",
        "devops-engineer",
        "--org",
        "department-for-example",
        "--format",
        "md,csj,csj-json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        support::stderr(&out).contains("\"Salary\" is required and empty"),
        "{}",
        support::stderr(&out)
    );
    // A key with no flag is named as the vacancy file writes it, not as a flag.
    assert!(support::stderr(&out).contains("= key: salary\n"));
    assert!(!support::stderr(&out).contains("--salary"));
    assert!(!dir.path().join("output").exists());
    let (dir, out) = support::jobgen(&[
        "batch",
        "--role",
        "devops-engineer",
        "--org",
        "department-for-example",
        "--format",
        "md,csj,csj-json",
        "--allow-incomplete",
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let exports = std::fs::read_dir(dir.path().join("output"))
        .expect("output")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".csj.txt"))
        .count();
    assert_eq!(exports, 9);
}

#[test]
fn a_closing_date_before_today_is_a_warning_that_names_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("v.yaml"),
        "role: devops-engineer\nlevel: 1\nclosing_date: 28 January 2027\n",
    )
    .expect("vacancy");
    let run = |today: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"))
            .args(["generate", "--vacancy", "v.yaml", "--out", "-"])
            .env("JOBGEN_TODAY", today)
            .current_dir(dir.path())
            .output()
            .expect("jobgen runs")
    };
    let late = run("2027-02-01");
    assert!(late.status.success(), "{}", support::stderr(&late));
    let err = support::stderr(&late);
    assert!(
        err.contains("warning: the closing date, Thursday 28 January 2027, is in the past (today is Monday 1 February 2027)"),
        "{err}"
    );
    assert!(err.contains("v.yaml:3:1"), "{err}");
    assert!(support::stdout(&late).contains("Apply before 11:55 pm on Thursday 28 January 2027."));
    let early = run("2027-01-28");
    assert!(!support::stderr(&early).contains("in the past"));
}
