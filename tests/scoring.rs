//! The scoring sheets (`--template sift-sheet`, `--template interview-sheet`): what they hold in
//! every format, the CSV read back, the Word sheet read back, consistency with the advert for
//! every level of every built-in department, department overrides and batches.

mod support;

use jobgen::Session;
use jobgen::render::{Block, Inline, parse, plain};
use jobgen::request::Request;
use support::Case;
use support::readback::{docx_blocks, html_blocks, markdown_blocks};

const EXAMPLE: &str = "examples/devops-seo-home-office.yaml";

/// Reads RFC 4180 CSV back: records of fields, quotes undone.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a record ends with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF ends a record: {text}"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends with CRLF"
    );
    records
}

fn generate(case: &Case, template: &str, formats: &str) {
    case.run_with([
        "generate",
        "--vacancy",
        &support::repo().join(EXAMPLE).display().to_string(),
        "--template",
        template,
        "--format",
        formats,
        "--out",
        "out",
    ])
    .success();
}

#[test]
fn the_example_gives_a_sift_and_an_interview_sheet_in_every_format() {
    let case = Case::new();
    for sheet in ["sift-sheet", "interview-sheet"] {
        generate(&case, sheet, "md,html,docx,csv");
        for ext in ["md", "html", "docx", "csv"] {
            assert!(
                case.path(&format!("out/ho-2027-0042-{sheet}.{ext}"))
                    .is_file(),
                "{sheet}.{ext}"
            );
        }
    }
    let sift = case.read("out/ho-2027-0042-sift-sheet.md");
    let interview = case.read("out/ho-2027-0042-interview-sheet.md");
    for md in [&sift, &interview] {
        for part in [
            "**Vacancy:** DevOps engineer, SEO, Home Office",
            "**Reference:** HO/2027/0042",
            "**Grade:** Senior Executive Officer (SEO)",
            "**Department:** Home Office",
            "**Panel member:**",
            "**Candidate name or number:**",
            "**Date:**",
            "- **1: Insufficient evidence.**",
            "- **7: Outstanding demonstration.**",
        ] {
            assert!(md.contains(part), "{part} missing from\n{md}");
        }
    }
    // The sift: essential criteria, the behaviour the form asks for, experience.
    assert!(
        sift.contains("out of 28: the sum of the 4 scores above"),
        "{sift}"
    );
    assert!(sift.contains("| Delivering at pace |"));
    // The sift looks where the vacancy's candidates send their evidence, named as it names it.
    assert!(
        sift.contains("Look for it in the CV, statement of suitability and application form."),
        "{sift}"
    );
    assert!(!sift.contains("Working together"), "{sift}");
    assert!(!sift.contains("Technical skills"), "{sift}");
    assert!(!sift.contains("| Strengths |"), "{sift}");
    // The interview: every behaviour, every skill with its "You can" statements, strengths;
    // the essential criteria were the sift's.
    assert!(
        interview.contains("out of 49: the sum of the 7 scores above"),
        "{interview}"
    );
    assert!(interview.contains("## Behaviours, at Success Profiles level 3"));
    assert!(interview.contains("| Systems integration (working) | Working level: the candidate can<br>• build and test simple interfaces between systems<br>"));
    assert!(interview.contains("| Strengths |"));
    assert!(!interview.contains("Essential criteria"), "{interview}");
}

#[test]
fn the_csv_has_one_summable_row_per_item_under_its_section() {
    let case = Case::new();
    generate(&case, "interview-sheet", "csv");
    let bytes = std::fs::read(case.path("out/ho-2027-0042-interview-sheet.csv")).expect("csv");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 byte order mark"
    );
    let rows = read_csv(std::str::from_utf8(&bytes).expect("UTF-8"));
    assert_eq!(
        rows[0],
        [
            "Section",
            "Item",
            "Evidence to look for",
            "Score (1 to 7)",
            "Notes: evidence for and against"
        ]
    );
    let items: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (
                "Behaviours, at Success Profiles level 3",
                "Delivering at pace"
            ),
            (
                "Behaviours, at Success Profiles level 3",
                "Working together"
            ),
            (
                "Behaviours, at Success Profiles level 3",
                "Changing and improving"
            ),
            ("Technical skills", "Modern development standards (working)"),
            ("Technical skills", "Systems integration (working)"),
            ("Experience and strengths", "Experience"),
            ("Experience and strengths", "Strengths"),
        ]
    );
    for r in &rows[1..] {
        assert_eq!(r.len(), 5, "{r:?}");
        assert_eq!(r[3], "", "the score is left blank to fill: {r:?}");
        assert_eq!(r[4], "", "the notes are left blank to fill: {r:?}");
    }
    // The statements keep their line breaks inside one quoted field.
    assert!(rows[4][2].starts_with("Working level: the candidate can\n• explain"));
}

#[test]
fn untrusted_text_in_the_csv_cannot_become_a_formula() {
    let vacancy = "org: home-office\nrole: devops-engineer\nlevel: devops-engineer\n\
        person_specification:\n  essential:\n    - \"=HYPERLINK(\\\"https://example.com\\\", \\\"x\\\")\"\n    - \"+1, with \\\"quotes\\\"\"\n";
    let case = Case::new().file("v.yaml", vacancy);
    let out = case
        .run_with([
            "generate",
            "--vacancy",
            "v.yaml",
            "--template",
            "sift-sheet",
            "--format",
            "csv",
            "--out",
            "-",
        ])
        .success()
        .stdout();
    let rows = read_csv(&out);
    let items: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        items,
        [
            "'=HYPERLINK(\"https://example.com\", \"x\")",
            "'+1, with \"quotes\""
        ]
    );
}

#[test]
fn a_document_without_tables_is_refused_as_csv_with_what_to_do() {
    Case::new()
        .args([
            "generate",
            "--vacancy",
            &support::repo().join(EXAMPLE).display().to_string(),
            "--template",
            "summary",
            "--format",
            "csv",
            "--out",
            "out",
        ])
        .run()
        .fails_with(2)
        .stderr_contains("CSV holds a document's tables")
        .stderr_contains("--template sift-sheet")
        .no_file("out");
}

#[test]
fn a_sift_sheet_with_nothing_to_score_says_which_keys_to_add() {
    Case::new()
        .file(
            "v.yaml",
            "org: home-office\nrole: devops-engineer\nlevel: devops-engineer\n",
        )
        .args([
            "generate",
            "--vacancy",
            "v.yaml",
            "--template",
            "sift-sheet",
        ])
        .run()
        .fails_with(1)
        .stderr_contains("the sift sheet has nothing to score")
        .stderr_contains("behaviours_at_application");
}

/// `word/document.xml` of a Word file.
fn document_xml(docx: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

#[test]
fn the_word_sheet_holds_every_item_with_a_repeating_header_row_per_table() {
    let case = Case::new();
    generate(&case, "interview-sheet", "md,html,docx");
    let bytes = std::fs::read(case.path("out/ho-2027-0042-interview-sheet.docx")).expect("docx");
    let word = docx_blocks(&bytes).expect("reads back");
    let md = markdown_blocks(&case.read("out/ho-2027-0042-interview-sheet.md"));
    let html = html_blocks(&case.read("out/ho-2027-0042-interview-sheet.html"));
    assert_eq!(word, md, "the Word sheet says what the Markdown says");
    // The page reader joins the lines of a `<br>` without a space; the words are the same.
    let squeeze =
        |blocks: &[String]| -> Vec<String> { blocks.iter().map(|b| b.replace(' ', "")).collect() };
    assert_eq!(
        squeeze(&html),
        squeeze(&md),
        "the web page says what the Markdown says"
    );
    // One table per section, each with its column names in a header row that repeats on every
    // page it runs onto.
    let xml = document_xml(&bytes);
    let tables = xml.matches("<w:tbl>").count();
    assert_eq!(
        tables, 5,
        "three sections of items, the total and how to score"
    );
    assert!(xml.matches("<w:tblHeader />").count() >= 2 * 3, "{xml}");
}

#[test]
fn a_department_template_overrides_a_block_of_the_sheet() {
    let template = "{% extends \"builtin/scoring-sheet.md.tera\" %}\n{% block total %}\n## Total\n\nOur own total line.\n{% endblock total %}\n";
    let case = Case::new().file("tpl/scoring-sheet.md.tera", template);
    let out = case
        .run_with([
            "generate",
            "--templates",
            "tpl",
            "--vacancy",
            &support::repo().join(EXAMPLE).display().to_string(),
            "--template",
            "interview-sheet",
            "--out",
            "-",
        ])
        .success()
        .stdout();
    assert!(out.contains("Our own total line."), "{out}");
    assert!(
        out.contains("| Strengths |"),
        "the other blocks stay: {out}"
    );
}

#[test]
fn batch_writes_one_sheet_per_vacancy() {
    let case = Case::new();
    case.run_with([
        "batch",
        "--role",
        "devops-engineer",
        "--org",
        "home-office",
        "--template",
        "interview-sheet",
        "--format",
        "docx,csv",
        "--out",
        "out",
    ])
    .success();
    let sheets: Vec<String> = std::fs::read_dir(case.path("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-interview-sheet.csv"))
        .collect();
    let session = Session::load(&[], None).expect("data");
    let levels = session.data.roles["devops-engineer"].levels.len();
    assert_eq!(sheets.len(), levels, "{sheets:?}");
}

/// The list items under the `## heading` of a parsed document.
fn list_under(blocks: &[Block], heading: &str) -> Vec<String> {
    let Some(at) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(2, h) if plain(h).starts_with(heading)))
    else {
        return Vec::new();
    };
    blocks[at + 1..]
        .iter()
        .take_while(|b| !matches!(b, Block::Heading(..)))
        .find_map(|b| match b {
            Block::List(_, items) => Some(
                items
                    .iter()
                    .filter_map(|i| match i.first() {
                        Some(Block::Paragraph(p)) => Some(plain(p)),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

/// The first column of the table under each `## heading` starting with `heading`.
fn items_under(blocks: &[Block], heading: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for b in blocks {
        match b {
            Block::Heading(2, h) => inside = plain(h).starts_with(heading),
            Block::Table(_, rows) if inside => out.extend(
                rows.iter()
                    .map(|r| plain(r.first().map_or(&[][..], |c| &c[..]))),
            ),
            _ => {}
        }
    }
    out
}

fn cell_text(i: &[Inline]) -> String {
    plain(i)
}

#[test]
fn every_sheet_asks_for_exactly_the_behaviours_and_skills_of_its_advert_at_every_level_of_every_department()
 {
    let session = Session::load(&[], None).expect("data");
    let mut checked = 0;
    for org in session.data.orgs.keys() {
        for (role_id, role) in &session.data.roles {
            for level in &role.levels {
                let yaml = format!(
                    "org: {org}\nrole: {role_id}\nlevel: {}\nbehaviours: [Seeing the big picture, Working together, Delivering at pace, Leadership]\nbehaviours_at_application: [Working together, Leadership]\n",
                    level.id
                );
                let req = Request::from_yaml_str("v.yaml", &yaml).expect("vacancy");
                let advert = session.advert(&req).expect("merges");
                let md = parse(&session.markdown(&advert, "advert").expect("advert"));
                let sheet = |kind| {
                    let files = session
                        .documents(&advert, kind, &[jobgen::Format::MD])
                        .expect("sheet");
                    parse(std::str::from_utf8(&files[0].bytes).expect("UTF-8"))
                };
                let (sift, interview) = (sheet("sift-sheet"), sheet("interview-sheet"));
                let where_ = format!("{org} {role_id} {}", level.id);

                assert_eq!(
                    items_under(&interview, "Behaviours"),
                    list_under(&md, "Behaviours"),
                    "interview behaviours, {where_}"
                );
                assert_eq!(
                    items_under(&interview, "Technical skills"),
                    list_under(&md, "Technical skills"),
                    "interview skills, {where_}"
                );
                // The sift scores the behaviours the advert says the form asks for, and no skill.
                let asked = md
                    .iter()
                    .find_map(|b| match b {
                        Block::Paragraph(p) => cell_text(p)
                            .strip_prefix("The application form asks for evidence of: ")
                            .map(|s| {
                                s.trim_end_matches('.')
                                    .split(", ")
                                    .map(String::from)
                                    .collect::<Vec<_>>()
                            }),
                        _ => None,
                    })
                    .unwrap_or_default();
                assert_eq!(items_under(&sift, "Behaviours"), asked, "sift, {where_}");
                assert!(
                    items_under(&sift, "Technical skills").is_empty(),
                    "{where_}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "every level of every department: {checked}");
}

#[test]
fn validate_renders_the_sheets_template_with_its_sheet_and_finds_a_bad_override() {
    Case::new().args(["validate"]).run().success();
    let bad = "{% extends \"builtin/scoring-sheet.md.tera\" %}\n{% block total %}{{ sheet.totl }}{% endblock total %}\n";
    Case::new()
        .file("tpl/scoring-sheet.md.tera", bad)
        .args(["--templates", "tpl", "validate"])
        .run()
        .fails_with(1)
        .stderr_contains("scoring-sheet.md.tera")
        .stderr_contains("totl");
}
