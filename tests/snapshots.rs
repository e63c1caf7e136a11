//! Snapshots of what a person reads in one advert per department: the Markdown, the text of the
//! web page, and the Word document's paragraphs with their styles. Bytes are checked elsewhere
//! (`render.rs`); these show a change as a reviewer would see it.
//!
//! The `.snap` files in `tests/snapshots/` were read and approved as adverts. After a change
//! that alters an advert, run `cargo insta test --review` (or `INSTA_UPDATE=always cargo test
//! --test snapshots`, then read `git diff tests/snapshots`). With CI=true, insta never writes a
//! snapshot: a missing or different one fails.

mod support;

use std::collections::HashMap;
use std::io::Read;

use support::{Case, SEO_HOME_OFFICE};

/// The advert's Markdown, web page and Word document, as `generate` writes them.
struct Advert {
    md: String,
    html: String,
    docx: Vec<u8>,
}

fn generate(args: &[&str]) -> Advert {
    let out = Case::new()
        .args(args)
        .args(["--format", "md,html,docx", "--out", "out"])
        .run();
    out.success();
    let paths: Vec<String> = out.stdout().lines().map(str::to_owned).collect();
    let find = |ext: &str| {
        let p = paths
            .iter()
            .find(|p| p.ends_with(ext))
            .unwrap_or_else(|| panic!("no {ext} among {paths:?}"));
        out.path(p)
    };
    Advert {
        md: out.file(&paths[0]),
        html: std::fs::read_to_string(find(".html")).expect("page"),
        docx: std::fs::read(find(".docx")).expect("Word document"),
    }
}

/// The advert in the README's quick start and CI: DevOps engineer at SEO for the Home Office.
fn home_office() -> Advert {
    generate(&SEO_HOME_OFFICE)
}

/// CI's second advert: the example department's senior DevOps engineer, no grade given.
fn department_for_example() -> Advert {
    generate(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "senior-devops-engineer",
        "--org",
        "department-for-example",
    ])
}

/// The example vacancy with every field: the Home Office advert with the candidate half.
fn example_vacancy() -> Advert {
    let vacancy = support::repo().join("examples/devops-seo-home-office.yaml");
    generate(&["generate", "--vacancy", &vacancy.to_string_lossy()])
}

#[test]
fn the_example_vacancy_advert_in_markdown() {
    insta::assert_snapshot!("example_vacancy_md", example_vacancy().md);
}

#[test]
fn the_example_vacancy_advert_as_a_word_document_reads() {
    insta::assert_snapshot!(
        "example_vacancy_docx_paragraphs",
        docx_paragraphs(&example_vacancy().docx)
    );
}

#[test]
fn home_office_devops_seo_advert_in_markdown() {
    insta::assert_snapshot!("home_office_md", home_office().md);
}

#[test]
fn home_office_devops_seo_advert_as_a_web_page_reads() {
    insta::assert_snapshot!("home_office_html_text", page_text(&home_office().html));
}

#[test]
fn home_office_devops_seo_advert_as_a_word_document_reads() {
    insta::assert_snapshot!(
        "home_office_docx_paragraphs",
        docx_paragraphs(&home_office().docx)
    );
}

#[test]
fn department_for_example_senior_devops_advert_in_markdown() {
    insta::assert_snapshot!("department_for_example_md", department_for_example().md);
}

#[test]
fn department_for_example_senior_devops_advert_as_a_web_page_reads() {
    insta::assert_snapshot!(
        "department_for_example_html_text",
        page_text(&department_for_example().html)
    );
}

#[test]
fn department_for_example_senior_devops_advert_as_a_word_document_reads() {
    insta::assert_snapshot!(
        "department_for_example_docx_paragraphs",
        docx_paragraphs(&department_for_example().docx)
    );
}

/// White space collapsed, as a reader sees it.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page as a reader meets it: its title and language, then each block of `<main>` on a
/// line, named by its element (`h2: About the role`, `li: ...`), nested lists indented, links
/// as `[text](address)`, each row of a table or summary list as `row: cell | cell`.
fn page_text(html: &str) -> String {
    let between = |open: &str, close: &str| {
        let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
        let end = start
            + html[start..]
                .find(close)
                .unwrap_or_else(|| panic!("no {close}"));
        &html[start..end + close.len()]
    };
    let title = between("<title>", "</title>");
    let lang = between("<html", ">")
        .split_once("lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("(none)", |(lang, _)| lang);
    let main = between("<main", "</main>");
    let doc = roxmltree::Document::parse(main).unwrap_or_else(|e| panic!("<main> is not XML: {e}"));
    let mut out = vec![
        format!("language: {lang}"),
        format!(
            "title: {}",
            norm(
                title
                    .trim_start_matches("<title>")
                    .trim_end_matches("</title>")
            )
        ),
        String::new(),
    ];
    fn inline(n: roxmltree::Node) -> String {
        let mut s = String::new();
        for c in n.children() {
            if c.is_text() {
                s.push_str(c.text().unwrap_or(""));
            } else if c.has_tag_name("a") {
                s.push_str(&format!(
                    "[{}]({})",
                    inline(c),
                    c.attribute("href").unwrap_or("")
                ));
            } else if !matches!(c.tag_name().name(), "ul" | "ol") {
                s.push_str(&inline(c));
            }
        }
        s
    }
    fn walk(n: roxmltree::Node, depth: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(depth);
        for c in n.children().filter(roxmltree::Node::is_element) {
            let name = c.tag_name().name();
            match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" => {
                    out.push(format!("{pad}{name}: {}", norm(&inline(c))));
                }
                "li" => {
                    out.push(format!("{pad}li: {}", norm(&inline(c))));
                    walk(c, depth + 1, out);
                }
                "ul" | "ol" => walk(c, depth, out),
                "table" | "dl" => {
                    out.push(format!(
                        "{pad}{name} ({})",
                        c.attribute("class").unwrap_or("")
                    ));
                    walk(c, depth + 1, out);
                }
                "tr" | "div"
                    if c.ancestors()
                        .any(|a| a.has_tag_name("table") || a.has_tag_name("dl")) =>
                {
                    let cells: Vec<String> = c
                        .children()
                        .filter(|x| matches!(x.tag_name().name(), "th" | "td" | "dt" | "dd"))
                        .map(|x| format!("{}: {}", x.tag_name().name(), norm(&inline(x))))
                        .collect();
                    out.push(format!("{pad}row: {}", cells.join(" | ")));
                }
                _ => {
                    out.push(format!("{pad}{name}:"));
                    walk(c, depth + 1, out);
                }
            }
        }
    }
    walk(doc.root_element(), 0, &mut out);
    out.join("\n") + "\n"
}

/// The Word document as a reader meets it: its title and page header, then each paragraph of
/// the body on a line as `Style name: text` (list paragraphs with their kind and level, links as
/// `[text](address)`), and each table with its rows and cells, the repeated header row marked.
fn docx_paragraphs(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .expect("UTF-8");
        s
    };
    let (document, styles, numbering, rels, header, core) = (
        part("word/document.xml"),
        part("word/styles.xml"),
        part("word/numbering.xml"),
        part("word/_rels/document.xml.rels"),
        part("word/header1.xml"),
        part("docProps/core.xml"),
    );
    let styles = roxmltree::Document::parse(&styles).expect("styles.xml");
    let numbering = roxmltree::Document::parse(&numbering).expect("numbering.xml");
    let rels = roxmltree::Document::parse(&rels).expect("rels");
    let header = roxmltree::Document::parse(&header).expect("header1.xml");
    let core = roxmltree::Document::parse(&core).expect("core.xml");
    let document = roxmltree::Document::parse(&document).expect("document.xml");

    use roxmltree::Node;
    /// An attribute by its local name (`w:val` -> `val`).
    fn w(n: Node, attr: &str) -> Option<String> {
        n.attributes()
            .find(|a| a.name() == attr)
            .map(|a| a.value().to_string())
    }
    /// The child elements named `tag` (local name).
    fn children<'a, 'i>(n: Node<'a, 'i>, tag: &str) -> Vec<Node<'a, 'i>> {
        n.children().filter(|c| c.has_tag_name(tag)).collect()
    }
    // Style id -> name; the first default paragraph style stands for paragraphs with none.
    let mut style_names = HashMap::new();
    let mut default_style = String::from("(no style)");
    for s in styles.descendants().filter(|n| n.has_tag_name("style")) {
        let id = w(s, "styleId").unwrap_or_default();
        let name = children(s, "name")
            .first()
            .and_then(|n| w(*n, "val"))
            .unwrap_or_else(|| id.clone());
        if w(s, "default").as_deref() == Some("1") && w(s, "type").as_deref() == Some("paragraph") {
            default_style = name.clone();
        }
        style_names.entry(id).or_insert(name);
    }
    // numId -> abstractNumId -> the format of each level (bullet, decimal...).
    let mut abstract_formats: HashMap<String, HashMap<String, String>> = HashMap::new();
    for a in numbering
        .descendants()
        .filter(|n| n.has_tag_name("abstractNum"))
    {
        let levels = children(a, "lvl")
            .into_iter()
            .map(|l| {
                let fmt = children(l, "numFmt").first().and_then(|f| w(*f, "val"));
                (w(l, "ilvl").unwrap_or_default(), fmt.unwrap_or_default())
            })
            .collect();
        abstract_formats.insert(w(a, "abstractNumId").unwrap_or_default(), levels);
    }
    let mut num_formats = HashMap::new();
    for n in numbering.descendants().filter(|n| n.has_tag_name("num")) {
        let abs = children(n, "abstractNumId")
            .first()
            .and_then(|a| w(*a, "val"));
        if let Some(levels) = abs.and_then(|a| abstract_formats.get(&a)) {
            num_formats.insert(w(n, "numId").unwrap_or_default(), levels.clone());
        }
    }
    let targets: HashMap<String, String> = rels
        .descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|r| {
            (
                w(r, "Id").unwrap_or_default(),
                w(r, "Target").unwrap_or_default(),
            )
        })
        .collect();

    fn text(n: roxmltree::Node, targets: &HashMap<String, String>) -> String {
        let mut s = String::new();
        for c in n.children() {
            match c.tag_name().name() {
                "t" => s.push_str(c.text().unwrap_or("")),
                "tab" => s.push('\t'),
                "br" => s.push_str(" ⏎ "),
                "hyperlink" => {
                    let id = c.attributes().find(|a| a.name() == "id").map(|a| a.value());
                    let target = id.and_then(|id| targets.get(id)).map_or("", String::as_str);
                    s.push_str(&format!("[{}]({target})", text(c, targets)));
                }
                "pPr" | "rPr" => {}
                _ => s.push_str(&text(c, targets)),
            }
        }
        s
    }
    let paragraph = |p: roxmltree::Node| {
        let ppr = children(p, "pPr");
        let ppr = ppr.first();
        let style = ppr
            .and_then(|pp| children(*pp, "pStyle").first().and_then(|s| w(*s, "val")))
            .map(|id| {
                style_names
                    .get(&id)
                    .cloned()
                    .unwrap_or(format!("{id} (undefined style)"))
            })
            .unwrap_or_else(|| default_style.clone());
        let list = ppr
            .and_then(|pp| children(*pp, "numPr").first().copied())
            .map(|np| {
                let num = children(np, "numId")
                    .first()
                    .and_then(|n| w(*n, "val"))
                    .unwrap_or_default();
                let ilvl = children(np, "ilvl")
                    .first()
                    .and_then(|n| w(*n, "val"))
                    .unwrap_or_default();
                let fmt = num_formats
                    .get(&num)
                    .and_then(|l| l.get(&ilvl))
                    .cloned()
                    .unwrap_or_else(|| format!("numbering {num} undefined"));
                let depth: usize = ilvl.parse().unwrap_or(0);
                format!(" [{fmt} list, level {}]", depth + 1)
            });
        format!(
            "{style}{}: {}",
            list.unwrap_or_default(),
            norm(&text(p, &targets))
        )
    };
    fn body(
        n: roxmltree::Node,
        depth: usize,
        paragraph: &dyn Fn(roxmltree::Node) -> String,
        out: &mut Vec<String>,
    ) {
        let pad = "  ".repeat(depth);
        for c in n.children().filter(roxmltree::Node::is_element) {
            match c.tag_name().name() {
                "p" => out.push(format!("{pad}{}", paragraph(c))),
                "tbl" => {
                    let columns = c
                        .descendants()
                        .find(|g| g.has_tag_name("tblGrid"))
                        .map_or(0, |g| {
                            g.children().filter(|x| x.has_tag_name("gridCol")).count()
                        });
                    out.push(format!("{pad}table, {columns} column(s):"));
                    for (i, row) in c.children().filter(|r| r.has_tag_name("tr")).enumerate() {
                        let header = row.descendants().any(|x| x.has_tag_name("tblHeader"));
                        let shaded = row.descendants().any(|x| x.has_tag_name("shd"));
                        let mut marks = Vec::new();
                        if header {
                            marks.push("repeated header");
                        }
                        if shaded {
                            marks.push("shaded");
                        }
                        let marks = if marks.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", marks.join(", "))
                        };
                        out.push(format!("{pad}  row {}{marks}:", i + 1));
                        for (j, cell) in row.children().filter(|x| x.has_tag_name("tc")).enumerate()
                        {
                            let span = cell
                                .descendants()
                                .find(|x| x.has_tag_name("gridSpan"))
                                .and_then(|x| w(x, "val"))
                                .map_or(String::new(), |n| format!(" (spans {n} columns)"));
                            out.push(format!("{pad}    cell {}{span}:", j + 1));
                            body(cell, depth + 3, paragraph, out);
                        }
                    }
                }
                "sectPr" | "tcPr" => {}
                other => out.push(format!("{pad}({other})")),
            }
        }
    }
    let title = core
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or("(none)");
    let language = core
        .descendants()
        .find(|n| n.has_tag_name("language"))
        .and_then(|n| n.text())
        .unwrap_or("(none)");
    let mut out = vec![format!("title: {title}"), format!("language: {language}")];
    for p in header.descendants().filter(|n| n.has_tag_name("p")) {
        out.push(format!("page header: {}", paragraph(p)));
    }
    out.push(String::new());
    let body_node = document
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("w:body");
    body(body_node, 0, &paragraph, &mut out);
    out.join("\n") + "\n"
}
