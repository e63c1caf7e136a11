//! CSV: a document's tables as one sheet a spreadsheet opens, one row per table row.
//!
//! The first column is the section the table sits in (the nearest heading above it); the others
//! are the tables' own columns. Every table of the document must have the same columns (the
//! scoring sheets' do: one row per item, its score column left blank to fill); a document with
//! no table, or with tables of different columns, is refused before anything is written
//! ([`Encoding::check`]), with what to do instead.
//!
//! The file is RFC 4180: fields separated by commas, quoted when they hold a comma, a quote, a
//! line break or surrounding space, lines ended by CRLF. It starts with a UTF-8 byte order mark
//! so that Excel reads it as UTF-8 (LibreOffice skips the mark). A cell whose text starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is written after a `'`, so that no text from a
//! vacancy or department becomes a formula when the file is opened.

use super::{EncodeError, Encoding, RenderContext};
use crate::diagnostics::Diagnostic;
use crate::document::Document;
use crate::render::{Block, Inline};

/// A spreadsheet of the document's tables.
pub(super) struct Csv;

/// A table found in the document, with the section it sits in.
struct Found<'a> {
    section: String,
    head: &'a [Vec<Inline>],
    rows: &'a [Vec<Vec<Inline>>],
}

/// Every table, in order, with the text of the nearest heading above it.
fn tables(blocks: &[Block]) -> Vec<Found<'_>> {
    fn walk<'a>(blocks: &'a [Block], section: &mut String, out: &mut Vec<Found<'a>>) {
        for b in blocks {
            match b {
                Block::Heading(_, inlines) => *section = text(inlines).replace('\n', " "),
                Block::Table(head, rows) => out.push(Found {
                    section: section.clone(),
                    head,
                    rows,
                }),
                Block::List(_, items) => {
                    for item in items {
                        walk(item, section, out);
                    }
                }
                Block::Quote(inner) => walk(inner, section, out),
                Block::Paragraph(_) | Block::Code(_) | Block::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut String::new(), &mut out);
    out
}

/// A cell's text; a line break stays a line break.
fn text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t, _) => out.push_str(t),
            Inline::Link(_, c) => out.push_str(&text(c)),
            Inline::Break => out.push('\n'),
        }
    }
    out.trim().to_string()
}

fn columns(head: &[Vec<Inline>]) -> Vec<String> {
    head.iter().map(|c| text(c)).collect()
}

/// Why `document` cannot be written as CSV, if it cannot.
fn refusal(document: &Document) -> Option<Diagnostic> {
    let found = tables(document.tree());
    let Some(first) = found.first() else {
        return Some(
            Diagnostic::new(format!(
                "CSV holds a document's tables, and \u{201c}{}\u{201d} has none",
                document.meta.title
            ))
            .at_key("--format")
            .help("write the scoring sheets as CSV (--template sift-sheet or --template interview-sheet), or choose md, html or docx for this document"),
        );
    };
    let want = columns(first.head);
    let odd = found.iter().find(|t| columns(t.head) != want)?;
    Some(
        Diagnostic::new(format!(
            "CSV writes one kind of row, but the table under \u{201c}{}\u{201d} has the columns {} and the first table, under \u{201c}{}\u{201d}, has {}",
            odd.section,
            columns(odd.head).join(", "),
            first.section,
            want.join(", ")
        ))
        .at_key("--format")
        .help("give every table of the template the same columns, or choose md, html or docx for this document"),
    )
}

/// One field, quoted if it must be, with a formula neutralised.
fn field(out: &mut String, value: &str) {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let quote = value.contains([',', '"', '\n']) || value.starts_with(' ') || value.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&value);
    }
}

fn record(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

/// The document as CSV text (without the byte order mark).
fn write(document: &Document) -> Result<String, String> {
    if let Some(d) = refusal(document) {
        return Err(d.message);
    }
    let found = tables(document.tree());
    let width = found.first().map_or(0, |t| t.head.len());
    let mut out = String::new();
    let mut head = vec!["Section".to_string()];
    head.extend(found.first().map(|t| columns(t.head)).unwrap_or_default());
    record(&mut out, &head);
    for t in &found {
        for row in t.rows {
            let mut fields = vec![t.section.clone()];
            fields.extend((0..width).map(|i| row.get(i).map(|c| text(c)).unwrap_or_default()));
            record(&mut out, &fields);
        }
    }
    Ok(out)
}

impl Encoding for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn help(&self) -> &'static str {
        "A spreadsheet of the document's tables (the scoring sheets: one row per item to score)"
    }
    fn media_type(&self) -> &'static str {
        "text/csv; charset=utf-8; header=present"
    }
    fn link_label(&self) -> &'static str {
        "Spreadsheet (CSV)"
    }
    fn check(&self, document: &Document) -> Result<(), Diagnostic> {
        refusal(document).map_or(Ok(()), Err)
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        let text = write(ctx.document).map_err(|message| EncodeError {
            format: "CSV",
            message,
        })?;
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(text.as_bytes());
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Style};

    fn doc(md: &str) -> Document {
        Document::new(
            md.into(),
            DocMeta {
                title: "T".into(),
                ..DocMeta::default()
            },
            Style::default(),
        )
    }

    #[test]
    fn each_table_row_is_a_record_under_its_section_with_crlf_and_quotes() {
        let d = doc(
            "# T\n\n## One\n\n| Item | Score |\n| --- | --- |\n| a, b | |\n| say \"hi\"<br>then | 3 |\n\n## Two\n\n| Item | Score |\n| --- | --- |\n| c | |\n",
        );
        assert_eq!(
            write(&d).expect("writes"),
            "Section,Item,Score\r\nOne,\"a, b\",\r\nOne,\"say \"\"hi\"\"\nthen\",3\r\nTwo,c,\r\n"
        );
    }

    #[test]
    fn text_that_would_be_a_formula_is_written_as_text() {
        for (cell, want) in [
            ("=HYPERLINK(x)", "'=HYPERLINK(x)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("a=b", "a=b"),
        ] {
            let mut out = String::new();
            field(&mut out, cell);
            assert_eq!(out, want);
        }
    }

    #[test]
    fn a_document_without_tables_or_with_two_kinds_of_table_is_refused() {
        let none = refusal(&doc("# T\n\nText.\n")).expect("refused");
        assert!(none.message.contains("has none"), "{}", none.message);
        let mixed = refusal(&doc(
            "## A\n\n| X | Y |\n| - | - |\n| 1 | 2 |\n\n## B\n\n| P | Q | R |\n| - | - | - |\n| 1 | 2 | 3 |\n",
        ))
        .expect("refused");
        assert!(
            mixed
                .message
                .contains("under \u{201c}B\u{201d} has the columns P, Q, R"),
            "{}",
            mixed.message
        );
        assert!(refusal(&doc("| X |\n| - |\n| 1 |\n")).is_none());
    }
}
