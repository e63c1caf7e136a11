//! Reading documents back as a list of text blocks, for the equivalence tests: every heading,
//! paragraph, list item and table cell, in order, with white space collapsed.
//!
//! A test helper, not part of jobgen: the integration tests and the `markdown` fuzz target share
//! this one reading (the fuzz target includes the file by path).

use std::io::Read;

use jobgen::render::{Block, parse, plain};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text blocks of a Markdown document, as jobgen parses it.
pub fn markdown_blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Heading(_, i) | Block::Paragraph(i) => out.push(norm(&plain(i))),
                Block::List(_, items) => {
                    for item in items {
                        walk(item, out);
                    }
                }
                Block::Table(head, rows) => {
                    out.extend(head.iter().map(|c| norm(&plain(c))));
                    for r in rows {
                        out.extend(r.iter().map(|c| norm(&plain(c))));
                    }
                }
                Block::Quote(b) => walk(b, out),
                Block::Code(t) => out.extend(t.lines().map(norm)),
                Block::Rule => {}
            }
        }
    }
    walk(&parse(markdown), &mut out);
    out.retain(|s| !s.is_empty());
    out
}

/// The text blocks of a page jobgen wrote: the text of every `h1`-`h6`, `p`, `li` (up to a
/// nested list), `th`, `td`, `dt` and `dd` inside `<main>`.
pub fn html_blocks(html: &str) -> Vec<String> {
    let main = html
        .split_once("<main")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or(html, |(m, _)| m);
    const BLOCKS: [&str; 12] = [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "dt", "dd",
    ];
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut rest = main;
    while let Some(lt) = rest.find('<') {
        if let Some(cur) = current.as_mut() {
            cur.push_str(&rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let is_block = BLOCKS.contains(&name.as_str());
        let ends_text = is_block || name == "ul" || name == "ol" || name == "dl" || name == "table";
        if ends_text {
            if let Some(cur) = current.take() {
                out.push(norm(&unescape(&cur)));
            }
            if is_block && !closing {
                current = Some(String::new());
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    out.retain(|s| !s.is_empty());
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The text blocks of a Word document: the text of every paragraph of the body, in order
/// (paragraphs inside table cells included).
pub fn docx_blocks(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| e.to_string())?;
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((w, "p"))) {
        let mut text = String::new();
        for n in p.descendants() {
            if n.has_tag_name((w, "t")) {
                text.push_str(n.text().unwrap_or(""));
            } else if n.has_tag_name((w, "br")) || n.has_tag_name((w, "tab")) {
                text.push(' ');
            }
        }
        let t = norm(&text);
        if !t.is_empty() {
            out.push(t);
        }
    }
    Ok(out)
}
