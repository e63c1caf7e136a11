//! The Word writer: a real Word document built with docx-rs, then finished by hand.
//!
//! Structure is real Word structure: `#` is the Title style, `##` Heading 1, `###` Heading 2
//! (so the navigation pane and screen readers see the outline), lists are numbering definitions,
//! links are hyperlinks, table header rows repeat on each page. With [`SectionStyle::Boxed`] each
//! `##` section is a one-column table whose shaded first row holds its title, the Home Office
//! look; a section that is only a table (the appendix) becomes that table under a title row.
//!
//! docx-rs leaves some things undone, and [`finish`] does them on the package: fixed zip
//! timestamps and order (identical input gives identical bytes), our own document properties
//! (title, subject, creator, language), the language in the style defaults, a single `Normal`
//! style (docx-rs writes an empty one of its own before ours) as the default, and repeating table
//! header rows (only the header rows: other rows that must not split keep `cantSplit` alone).
//! Every string that reaches a part goes through [`crate::escape::xml`]. Ids that docx-rs would take from process-wide counters (hyperlinks, paragraphs)
//! are given per document, so that a document's bytes never depend on what the process or the
//! thread rendered before it.

use std::io::{Cursor, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Header, Hyperlink, HyperlinkData,
    IndentLevel, Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering,
    NumberingId, PageMargin, Paragraph, ParagraphChild, Run, RunFonts, Shading, ShdType, Start,
    Style as WordStyle, StyleType, Table, TableCell, TableCellMargins, TableRow, WidthType,
};

use super::{Block, DocMeta, Emphasis, Inline, SectionStyle, Style};
use crate::escape::{Markup, xml};

/// Why a Word document could not be made.
#[derive(Debug)]
pub struct DocxError(String);

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocxError {}

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);

/// Numbering ids: docx-rs reserves 1 for its own, so bullets are 2 and numbered lists 3 up.
const BULLETS: usize = 2;

/// Marks a table's header rows for [`finish`], which replaces the mark with `w:tblHeader`
/// (docx-rs cannot write it). Word row heights are whole twentieths of a point, so a half can
/// never be a real height.
const HEADER_ROW_MARK: f32 = 0.5;
const HEADER_ROW_MARK_XML: &str = "<w:trHeight w:val=\"0.5\" w:hRule=\"atLeast\" />";

/// A row that repeats at the top of each page the table runs onto, and is never split.
fn header(row: TableRow) -> TableRow {
    row.cant_split().row_height(HEADER_ROW_MARK)
}

/// The fixed date written into the package, so identical input gives identical bytes.
const FIXED_DATE: &str = "2024-01-01T00:00:00Z";

/// Writes the document.
pub fn write(blocks: &[Block], meta: &DocMeta, style: &Style) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer {
        style,
        links: 0,
        next_num: BULLETS + 1,
        numbered: Vec::new(),
    };
    let body = w.document(blocks);

    let colour = hex(&style.colour, "1D70B8");
    let size = (style.font_size_pt.clamp(6, 72) * 2) as usize;
    let font = clean(&style.font);
    let fonts = RunFonts::new()
        .ascii(&font)
        .hi_ansi(&font)
        .cs(&font)
        .east_asia(&font);
    let heading_colour = if style.sections == SectionStyle::Plain {
        colour.clone()
    } else {
        "0B0C0C".to_string()
    };
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts.clone())
        .default_size(size)
        .created_at(FIXED_DATE)
        .updated_at(FIXED_DATE)
        .add_style(
            WordStyle::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .fonts(fonts.clone())
                .size(size)
                // 1.15 lines. `auto` said outright: Word assumes it, but LibreOffice reads a
                // `line` without a rule as a fixed height of 276 twips (13.8 pt).
                .line_spacing(
                    LineSpacing::new()
                        .after(120)
                        .line(276)
                        .line_rule(LineSpacingType::Auto),
                ),
        )
        .add_style(heading("Title", "Title", 40, &heading_colour, &fonts).outline_lvl(0))
        .add_style(heading("Heading1", "heading 1", 32, &heading_colour, &fonts).outline_lvl(0))
        .add_style(heading("Heading2", "heading 2", 26, &heading_colour, &fonts).outline_lvl(1))
        .add_style(heading("Heading3", "heading 3", 24, &heading_colour, &fonts).outline_lvl(2))
        .add_style(
            WordStyle::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("1D70B8")
                .underline("single"),
        )
        .add_abstract_numbering(numbering(BULLETS, true))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for &id in &w.numbered {
        docx = docx
            .add_abstract_numbering(numbering(id, false))
            .add_numbering(Numbering::new(id, id));
    }
    if !style.header.is_empty() {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text(clean(&style.header))
                        .size(20)
                        .color("505A5F"),
                ),
            ),
        );
    }
    for item in body {
        docx = match item {
            Item::P(p) => docx.add_paragraph(*p),
            Item::T(t) => docx.add_table(*t),
        };
    }
    finish(parts(docx.build()), meta)
}

/// The parts of the package docx-rs built, named as its own zipper names them. Media, web
/// extensions and custom XML are never made by this writer.
fn parts(xml: docx_rs::XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), xml.content_type),
        ("_rels/.rels".to_string(), xml.rels),
        ("docProps/app.xml".to_string(), xml.doc_props.app),
        ("docProps/core.xml".to_string(), xml.doc_props.core),
        ("docProps/custom.xml".to_string(), xml.doc_props.custom),
        (
            "word/_rels/document.xml.rels".to_string(),
            xml.document_rels,
        ),
        ("word/document.xml".to_string(), xml.document),
        ("word/styles.xml".to_string(), xml.styles),
        ("word/settings.xml".to_string(), xml.settings),
        ("word/fontTable.xml".to_string(), xml.font_table),
        ("word/comments.xml".to_string(), xml.comments),
        ("word/numbering.xml".to_string(), xml.numberings),
        (
            "word/commentsExtended.xml".to_string(),
            xml.comments_extended,
        ),
        ("word/footnotes.xml".to_string(), xml.footnotes),
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    parts
}

fn heading(id: &str, name: &str, size: usize, colour: &str, fonts: &RunFonts) -> WordStyle {
    WordStyle::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .bold()
        .size(size)
        .color(colour)
        .fonts(fonts.clone())
        .line_spacing(LineSpacing::new().before(240).after(120))
}

/// A list's numbering definition: nine levels, each indented a step further. `bullets`: bullet
/// glyphs; otherwise numbers (1., a., i.).
fn numbering(id: usize, bullets: bool) -> AbstractNumbering {
    let mut n = AbstractNumbering::new(id);
    for level in 0..9 {
        let (format, text) = if bullets {
            ("bullet", ["•", "◦", "▪"][level % 3].to_string())
        } else {
            (
                ["decimal", "lowerLetter", "lowerRoman"][level % 3],
                format!("%{}.", level + 1),
            )
        };
        n = n.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(docx_rs::SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    n
}

/// A piece of body content: a paragraph or a table.
enum Item {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// A full-width table with room around the text of each cell.
fn table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(85, 115, 85, 115))
}

fn para(p: Paragraph) -> Item {
    Item::P(Box::new(p))
}

struct Writer<'a> {
    style: &'a Style,
    /// Hyperlinks made so far in this document: their relationship ids.
    links: usize,
    /// The next numbering id for a numbered list.
    next_num: usize,
    /// Numbering ids of numbered lists.
    numbered: Vec<usize>,
}

impl Writer<'_> {
    /// The document body: title and lead as they are, then each section, boxed or plain.
    fn document(&mut self, blocks: &[Block]) -> Vec<Item> {
        let mut out = Vec::new();
        if self.style.sections == SectionStyle::Plain {
            for b in blocks {
                self.block(b, 0, &mut out);
            }
            return out;
        }
        // Boxed: split at each `##`.
        let first = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading(2, _)))
            .unwrap_or(blocks.len());
        for b in &blocks[..first] {
            self.block(b, 0, &mut out);
        }
        let mut rest = &blocks[first..];
        while let Some((Block::Heading(_, title), tail)) = rest.split_first() {
            let end = tail
                .iter()
                .position(|b| matches!(b, Block::Heading(1 | 2, _)))
                .unwrap_or(tail.len());
            out.push(Item::T(Box::new(self.section_box(title, &tail[..end]))));
            // A separating empty paragraph: Word merges adjacent tables otherwise.
            out.push(para(Paragraph::new()));
            rest = &tail[end..];
            // A stray `#` after the sections is written plainly.
            while let Some((b @ Block::Heading(1, _), t)) = rest.split_first() {
                self.block(b, 0, &mut out);
                rest = t;
            }
        }
        out
    }

    /// One boxed section: a shaded title row, then a row per `###` part.
    fn section_box(&mut self, title: &[Inline], body: &[Block]) -> Table {
        let fill = hex(&self.style.colour, "1D70B8");
        let on = hex(&self.style.on_colour, "FFFFFF");
        let title_para = |w: &mut Self, level: &str, inlines: &[Inline], colour: &str| {
            let mut p = Paragraph::new().style(level).keep_next(true);
            for r in w.runs(inlines, Emphasis::default()) {
                p = match r {
                    ParagraphChild::Run(run) => p.add_run(run.color(colour)),
                    ParagraphChild::Hyperlink(h) => p.add_hyperlink(h),
                    _ => p,
                };
            }
            p
        };
        // The appendix: a section that is only a table keeps its columns.
        if let [Block::Table(head, rows)] = body {
            let cols = head.len().max(1);
            let grid = column_widths(head, rows);
            let header_row = header(TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(title_para(self, "Heading1", title, &on))
                    .shading(shade(&fill))
                    .grid_span(cols)
                    .width(TEXT_W, WidthType::Dxa),
            ]));
            let mut table_rows = vec![header_row, self.header_row(head, &grid)];
            for r in rows {
                table_rows.push(self.body_row(r, &grid));
            }
            return table(table_rows, grid);
        }
        let mut rows = vec![header(TableRow::new(vec![
            TableCell::new()
                .add_paragraph(title_para(self, "Heading1", title, &on))
                .shading(shade(&fill))
                .width(TEXT_W, WidthType::Dxa),
        ]))];
        let mut chunk: Vec<Item> = Vec::new();
        let flush = |chunk: &mut Vec<Item>, rows: &mut Vec<TableRow>| {
            if !chunk.is_empty() {
                let mut cell = TableCell::new().width(TEXT_W, WidthType::Dxa);
                for item in chunk.drain(..) {
                    cell = match item {
                        Item::P(p) => cell.add_paragraph(*p),
                        Item::T(t) => cell.add_table(*t).add_paragraph(Paragraph::new()),
                    };
                }
                rows.push(TableRow::new(vec![cell]));
            }
        };
        for b in body {
            if let Block::Heading(3, inlines) = b {
                flush(&mut chunk, &mut rows);
                rows.push(
                    TableRow::new(vec![
                        TableCell::new()
                            .add_paragraph(title_para(self, "Heading2", inlines, "0B0C0C"))
                            .shading(shade(&tint(&fill)))
                            .width(TEXT_W, WidthType::Dxa),
                    ])
                    .cant_split(),
                );
            } else {
                self.block(b, 0, &mut chunk);
            }
        }
        flush(&mut chunk, &mut rows);
        table(rows, vec![TEXT_W])
    }

    fn block(&mut self, b: &Block, depth: usize, out: &mut Vec<Item>) {
        match b {
            Block::Heading(level, inlines) => {
                let style = match level {
                    1 => "Title",
                    2 => "Heading1",
                    3 => "Heading2",
                    _ => "Heading3",
                };
                out.push(para(
                    self.paragraph(inlines, Emphasis::default())
                        .style(style)
                        .keep_next(true),
                ));
            }
            Block::Paragraph(inlines) => {
                out.push(para(self.paragraph(inlines, Emphasis::default())))
            }
            Block::List(start, items) => {
                let num = match start {
                    Some(_) => {
                        let id = self.next_num;
                        self.next_num += 1;
                        self.numbered.push(id);
                        id
                    }
                    None => BULLETS,
                };
                for item in items {
                    let mut first = true;
                    for b in item {
                        match b {
                            Block::Paragraph(inlines) => {
                                let mut p = self.paragraph(inlines, Emphasis::default());
                                if first {
                                    p = p.numbering(
                                        NumberingId::new(num),
                                        IndentLevel::new(depth.min(8)),
                                    );
                                } else {
                                    p = p.indent(Some(360 * (depth as i32 + 1)), None, None, None);
                                }
                                out.push(para(p));
                            }
                            other => self.block(other, depth + 1, out),
                        }
                        first = false;
                    }
                }
            }
            Block::Table(head, rows) => {
                let grid = column_widths(head, rows);
                let mut table_rows = vec![self.header_row(head, &grid)];
                for r in rows {
                    table_rows.push(self.body_row(r, &grid));
                }
                out.push(Item::T(Box::new(table(table_rows, grid))));
                out.push(para(Paragraph::new()));
            }
            Block::Quote(blocks) => {
                for b in blocks {
                    let mut inner = Vec::new();
                    self.block(b, depth, &mut inner);
                    for item in inner {
                        out.push(match item {
                            Item::P(p) => para(p.indent(Some(720), None, None, None)),
                            t => t,
                        });
                    }
                }
            }
            Block::Code(code) => {
                for line in code.lines() {
                    out.push(para(
                        Paragraph::new().add_run(
                            Run::new()
                                .add_text(clean(line))
                                .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New")),
                        ),
                    ));
                }
            }
            Block::Rule => out.push(para(
                Paragraph::new()
                    .add_run(Run::new().add_text("* * *"))
                    .align(AlignmentType::Center),
            )),
        }
    }

    fn header_row(&mut self, cells: &[Vec<Inline>], grid: &[usize]) -> TableRow {
        let strong = Emphasis {
            strong: true,
            ..Emphasis::default()
        };
        header(TableRow::new(
            cells
                .iter()
                .zip(grid)
                .map(|(c, w)| {
                    TableCell::new()
                        .add_paragraph(self.paragraph(c, strong))
                        .shading(shade("F3F2F1"))
                        .width(*w, WidthType::Dxa)
                })
                .collect(),
        ))
    }

    fn body_row(&mut self, cells: &[Vec<Inline>], grid: &[usize]) -> TableRow {
        let mut out = Vec::with_capacity(grid.len());
        for (i, w) in grid.iter().enumerate() {
            let inlines = cells.get(i).map_or(&[][..], |c| &c[..]);
            out.push(
                TableCell::new()
                    .add_paragraph(self.paragraph(inlines, Emphasis::default()))
                    .width(*w, WidthType::Dxa),
            );
        }
        // A row of a table is short: it moves to the next page whole, as on the printed page.
        TableRow::new(out).cant_split()
    }

    fn paragraph(&mut self, inlines: &[Inline], base: Emphasis) -> Paragraph {
        let mut p = Paragraph::new();
        for child in self.runs(inlines, base) {
            p = match child {
                ParagraphChild::Run(r) => p.add_run(*r),
                ParagraphChild::Hyperlink(h) => p.add_hyperlink(h),
                _ => p,
            };
        }
        p
    }

    fn runs(&mut self, inlines: &[Inline], base: Emphasis) -> Vec<ParagraphChild> {
        let mut out = Vec::new();
        for i in inlines {
            match i {
                Inline::Text(t, e) => {
                    out.push(ParagraphChild::Run(Box::new(run(t, merge(base, *e)))))
                }
                Inline::Break => out.push(ParagraphChild::Run(Box::new(
                    Run::new().add_break(BreakType::TextWrapping),
                ))),
                Inline::Link(url, children) => {
                    self.links += 1;
                    let mut link = Hyperlink {
                        link: HyperlinkData::External {
                            rid: format!("rIdHyperlink{}", self.links),
                            path: xml_escape(url),
                        },
                        history: None,
                        children: Vec::new(),
                    };
                    let text_children = if children.is_empty() {
                        vec![Inline::Text(url.clone(), Emphasis::default())]
                    } else {
                        children.clone()
                    };
                    for c in self.runs(&text_children, base) {
                        if let ParagraphChild::Run(r) = c {
                            link = link.add_run(r.style("Hyperlink"));
                        }
                    }
                    out.push(ParagraphChild::Hyperlink(link));
                }
            }
        }
        out
    }
}

fn merge(a: Emphasis, b: Emphasis) -> Emphasis {
    Emphasis {
        strong: a.strong || b.strong,
        em: a.em || b.em,
        strike: a.strike || b.strike,
        code: a.code || b.code,
    }
}

fn run(text: &str, e: Emphasis) -> Run {
    let mut r = Run::new().add_text(clean(text));
    if e.strong {
        r = r.bold();
    }
    if e.em {
        r = r.italic();
    }
    if e.strike {
        r = r.strike();
    }
    if e.code {
        r = r.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
    }
    r
}

/// Text for docx-rs, which escapes markup itself but passes on what XML cannot hold.
fn clean(text: &str) -> String {
    xml(text, Markup::Keep).into_owned()
}

/// Text for the parts jobgen writes itself, and for what docx-rs writes unescaped (hyperlink
/// targets).
fn xml_escape(text: &str) -> String {
    xml(text, Markup::Attribute).into_owned()
}

fn shade(fill: &str) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(fill)
}

/// `#8f23b3` -> `8F23B3`, or the fallback for anything that is not a colour (loading refuses
/// such a colour; a [`Style`] built in code may still hold one).
fn hex(c: &str, fallback: &str) -> String {
    crate::model::hex_colour(c).map_or_else(|| fallback.to_string(), str::to_ascii_uppercase)
}

/// A light tint of a colour (85% white), for sub-header rows.
fn tint(hex6: &str) -> String {
    let v = u32::from_str_radix(hex6, 16).unwrap_or(0x1D70B8);
    let ch = |shift: u32| {
        let c = (v >> shift) & 0xFF;
        c + (255 - c) * 85 / 100
    };
    format!("{:02X}{:02X}{:02X}", ch(16), ch(8), ch(0))
}

/// Each column's width: a two-column table is field and value, with a narrower first column;
/// a wider table shares the width by the longest line of each column (its header included),
/// counted up to 30 characters but never narrower than its longest word, so that a column of numbers stays narrow and a column
/// left empty to write in is as wide as its header asks.
fn column_widths(head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<usize> {
    let cols = head.len().max(1);
    if cols == 2 {
        // Field and value: a narrower first column.
        return vec![TEXT_W * 2 / 5, TEXT_W - TEXT_W * 2 / 5];
    }
    fn text(inlines: &[Inline], out: &mut String) {
        for i in inlines {
            match i {
                Inline::Text(t, _) => out.push_str(t),
                Inline::Link(_, c) => text(c, out),
                Inline::Break => out.push('\n'),
            }
        }
    }
    // The longest line, up to 30 characters, but never less than the longest word and a
    // margin, so that no word is broken across lines.
    let longest_line = |cell: &[Inline]| {
        let mut s = String::new();
        text(cell, &mut s);
        let line = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        let word = s
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        line.min(30).max(word + 2)
    };
    let weights: Vec<usize> = (0..cols)
        .map(|c| {
            std::iter::once(head.get(c))
                .chain(rows.iter().map(|r| r.get(c)))
                .flatten()
                .map(|cell| longest_line(cell))
                .max()
                .unwrap_or(0)
                .max(6)
        })
        .collect();
    let total: usize = weights.iter().sum();
    let mut grid: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let used: usize = grid.iter().sum();
    if let Some(last) = grid.last_mut() {
        *last += TEXT_W - used;
    }
    grid
}

/// Finishes the package docx-rs built: our own document properties, the document language,
/// repeating header rows, fixed ids and order, and a zip with fixed timestamps. Parts under
/// 8 KiB are stored and larger ones deflated at the fastest level: starting a compressor costs
/// more than writing a small part, and the fastest level still shrinks the document fourfold.
fn finish(mut parts: Vec<(String, Vec<u8>)>, meta: &DocMeta) -> Result<Vec<u8>, DocxError> {
    let err = |what: &str| {
        let what = what.to_string();
        move |e: zip::result::ZipError| DocxError(format!("{what}: {e}"))
    };
    let lang = if meta.language.is_empty() {
        "en-GB"
    } else {
        &meta.language
    };
    for (name, bytes) in &mut parts {
        match name.as_str() {
            "docProps/core.xml" => *bytes = core_xml(meta).into_bytes(),
            "word/styles.xml" => {
                let xml = String::from_utf8_lossy(bytes);
                let lang_tag = format!(
                    "<w:lang w:val=\"{0}\" w:eastAsia=\"{0}\" w:bidi=\"{0}\" />",
                    xml_escape(lang)
                );
                let xml = insert_before_close(&xml, "<w:rPrDefault>", "</w:rPr>", &lang_tag);
                *bytes = one_default_normal(&xml).into_bytes();
            }
            "word/document.xml" => {
                // Header rows carry the mark: make them repeat. Other rows keep cantSplit alone.
                let xml =
                    String::from_utf8_lossy(bytes).replace(HEADER_ROW_MARK_XML, "<w:tblHeader />");
                *bytes = renumber_para_ids(&xml).into_bytes();
            }
            // docx-rs gathers hyperlinks in a hash map: put their relationships in a fixed order.
            "word/_rels/document.xml.rels" => {
                *bytes = sort_relationships(&String::from_utf8_lossy(bytes)).into_bytes();
            }
            n if n.starts_with("word/header") && n.ends_with(".xml") => {
                *bytes = renumber_para_ids(&String::from_utf8_lossy(bytes)).into_bytes();
            }
            _ => {}
        }
    }
    // [Content_Types].xml first, then the rest in name order.
    parts.sort_by(|a, b| {
        (a.0 != "[Content_Types].xml", &a.0).cmp(&(b.0 != "[Content_Types].xml", &b.0))
    });
    let total: usize = parts.iter().map(|(_, b)| b.len()).sum();
    let mut out = Cursor::new(Vec::with_capacity(total / 4 + 4096));
    {
        let mut zout = zip::ZipWriter::new(&mut out);
        let when = zip::DateTime::from_date_and_time(2024, 1, 1, 0, 0, 0)
            .map_err(|e| DocxError(format!("zip date: {e}")))?;
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(when)
            .unix_permissions(0o644);
        for (name, bytes) in &parts {
            let part_options = if bytes.len() < 8192 {
                options.compression_method(zip::CompressionMethod::Stored)
            } else {
                options
                    .compression_method(zip::CompressionMethod::Deflated)
                    .compression_level(Some(1))
            };
            zout.start_file(name.as_str(), part_options)
                .map_err(err("writing the package"))?;
            zout.write_all(bytes)
                .map_err(|e| DocxError(format!("writing the package: {e}")))?;
        }
        zout.finish().map_err(err("writing the package"))?;
    }
    Ok(out.into_inner())
}

/// The opening of a `Normal` paragraph style as docx-rs writes it.
const NORMAL_OPEN: &str = "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">";

/// docx-rs always writes an empty `Normal` style of its own before the styles it is given, so
/// the package would define `Normal` twice: keeps only the last definition (ours, with the
/// font, size and spacing) and makes it the default paragraph style.
fn one_default_normal(xml: &str) -> String {
    let mut xml = xml.to_string();
    while xml.matches(NORMAL_OPEN).count() > 1 {
        let Some(start) = xml.find(NORMAL_OPEN) else {
            break;
        };
        let Some(len) = xml[start..].find("</w:style>") else {
            break;
        };
        xml.replace_range(start..start + len + "</w:style>".len(), "");
    }
    xml.replacen(
        NORMAL_OPEN,
        "<w:style w:type=\"paragraph\" w:styleId=\"Normal\" w:default=\"1\">",
        1,
    )
}

/// Inserts `insert` right before the first `close` that follows `outer`.
fn insert_before_close(xml: &str, outer: &str, close: &str, insert: &str) -> String {
    if let Some(o) = xml.find(outer)
        && let Some(i) = xml[o..].find(close)
    {
        let at = o + i;
        return format!("{}{}{}", &xml[..at], insert, &xml[at..]);
    }
    xml.to_string()
}

/// Sorts the `<Relationship .../>` elements of a relationships part by id (numbers in numeric
/// order), keeping everything around them.
fn sort_relationships(xml: &str) -> String {
    let (Some(first), Some(last)) = (xml.find("<Relationship "), xml.rfind("</Relationships>"))
    else {
        return xml.to_string();
    };
    let mut items: Vec<&str> = xml[first..last]
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let key = |item: &str| {
        let id = item
            .split_once("Id=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map_or("", |(id, _)| id);
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (stem, num) = id.split_at(id.len() - digits);
        (stem.to_string(), num.parse::<u64>().unwrap_or(0))
    };
    items.sort_by_key(|item| key(item));
    format!("{}{}{}", &xml[..first], items.concat(), &xml[last..])
}

/// Numbers the paragraphs' `w14:paraId`s 1, 2, 3... in document order. docx-rs takes them from
/// a counter that lives as long as the thread, so without this a document's bytes would depend
/// on what the thread rendered before it.
fn renumber_para_ids(xml: &str) -> String {
    const ATTR: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut n = 0u32;
    while let Some(i) = rest.find(ATTR) {
        let start = i + ATTR.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        n += 1;
        out.push_str(&rest[..start]);
        out.push_str(&format!("{n:08X}"));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

fn core_xml(meta: &DocMeta) -> String {
    let e = xml_escape;
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>",
            "<cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>{}</dc:language>",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}</dcterms:modified>",
            "</cp:coreProperties>"
        ),
        e(&meta.title),
        e(&meta.subject),
        e(&meta.author),
        e(&meta.author),
        e(if meta.language.is_empty() {
            "en-GB"
        } else {
            &meta.language
        }),
        FIXED_DATE,
        FIXED_DATE
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::render::parse;

    fn part(docx: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
        let mut s = String::new();
        z.by_name(name)
            .expect("part")
            .read_to_string(&mut s)
            .expect("read");
        s
    }

    fn meta() -> DocMeta {
        DocMeta {
            title: "T".into(),
            subject: "S".into(),
            author: "A".into(),
            language: "en-GB".into(),
        }
    }

    /// Every `<w:tr>` of `xml`, in order.
    fn rows(xml: &str) -> Vec<&str> {
        xml.split("<w:tr>").skip(1).collect()
    }

    #[test]
    fn only_a_tables_header_rows_repeat_and_its_other_rows_do_not_split() {
        let md = "# Advert\n\n## Vacancy details\n\n| Field | Value |\n| --- | --- |\n| Salary | £1 |\n| Location | Leeds |\n";
        for sections in [SectionStyle::Plain, SectionStyle::Boxed] {
            let style = Style {
                sections,
                ..Style::default()
            };
            let doc = write(&parse(md), &meta(), &style).expect("writes");
            let xml = part(&doc, "word/document.xml");
            let rows = rows(&xml);
            // Boxed: the section's title row and the column names; plain: the column names.
            let headers = if sections == SectionStyle::Boxed {
                2
            } else {
                1
            };
            assert_eq!(rows.len(), headers + 2, "{xml}");
            for (i, row) in rows.iter().enumerate() {
                let props = &row[..row.find("</w:trPr>").expect("row properties")];
                assert!(props.contains("<w:cantSplit />"), "row {i}: {props}");
                assert_eq!(
                    props.contains("<w:tblHeader />"),
                    i < headers,
                    "row {i} of {sections:?}: {props}"
                );
            }
        }
    }

    #[test]
    fn characters_xml_cannot_hold_never_reach_any_part() {
        let bad = "A\u{FFFE}\u{FFFF}\u{1}\u{1b}\u{7f}Z";
        let style = Style {
            font: bad.into(),
            header: bad.into(),
            sections: SectionStyle::Boxed,
            ..Style::default()
        };
        let meta = DocMeta {
            title: bad.into(),
            subject: bad.into(),
            author: bad.into(),
            language: bad.into(),
        };
        let md =
            format!("# {bad}\n\n## {bad}\n\n{bad} [{bad}](https://x.example/{bad})\n\n    {bad}\n");
        let doc = write(&parse(&md), &meta, &style).expect("writes");
        let mut z = zip::ZipArchive::new(Cursor::new(&doc)).expect("zip");
        for i in 0..z.len() {
            let mut f = z.by_index(i).expect("part");
            let name = f.name().to_string();
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8");
            assert!(
                !s.contains(|c: char| crate::escape::unfit_for_markup(c)),
                "{name}: {s}"
            );
            roxmltree::Document::parse(&s).unwrap_or_else(|e| panic!("{name}: {e}\n{s}"));
        }
    }

    #[test]
    fn normal_is_defined_once_as_the_default_with_our_font_size_and_spacing() {
        let style = Style {
            font: "Arial".into(),
            font_size_pt: 12,
            ..Style::default()
        };
        let doc = write(&parse("# T\n\nBody.\n"), &meta(), &style).expect("writes");
        let xml = part(&doc, "word/styles.xml");
        let styles = roxmltree::Document::parse(&xml).expect("styles.xml");
        let normals: Vec<_> = styles
            .descendants()
            .filter(|n| n.has_tag_name("style"))
            .filter(|n| {
                n.attributes()
                    .any(|a| a.name() == "styleId" && a.value() == "Normal")
            })
            .collect();
        assert_eq!(normals.len(), 1, "{xml}");
        let normal = normals[0];
        let attr = |tag: &str, name: &str| {
            normal
                .descendants()
                .find(|n| n.has_tag_name(tag))
                .and_then(|n| n.attributes().find(|a| a.name() == name))
                .map(|a| a.value().to_string())
        };
        assert_eq!(attr("style", "default").as_deref(), Some("1"));
        assert_eq!(attr("rFonts", "ascii").as_deref(), Some("Arial"));
        assert_eq!(attr("sz", "val").as_deref(), Some("24"));
        assert_eq!(attr("spacing", "after").as_deref(), Some("120"));
        assert_eq!(attr("spacing", "line").as_deref(), Some("276"));
        assert_eq!(attr("spacing", "lineRule").as_deref(), Some("auto"));
        let defaults = styles
            .descendants()
            .filter(|n| {
                n.attributes()
                    .any(|a| a.name() == "default" && a.value() == "1")
            })
            .count();
        assert_eq!(defaults, 1, "one default style: {xml}");
    }
}
