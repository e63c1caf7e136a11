//! Markdown in, publishable documents out.
//!
//! The advert's content is written once, as Markdown, by a template. [`parse`] reads that
//! Markdown once, with pulldown-cmark, into a small document tree ([`Block`], [`Inline`]); every
//! writer walks the same tree: [`html`] writes a self-contained GOV.UK-styled page, [`docx`] a
//! Word document. Writers know nothing of roles, levels or departments: all they get besides the
//! tree is a [`DocMeta`] (title, author, language) and a [`Style`] (the house look).
//!
//! Parsing is where untrusted text is made safe for every writer at once: raw HTML becomes text,
//! images become their alt text, and a link whose address is not `http:`, `https:`, `mailto:` or
//! a relative file name keeps its text and loses its link.

pub mod docx;
pub mod html;

pub use crate::model::{DocMeta, SectionStyle, Style};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading, level 1 (the title) to 6.
    Heading(u8, Vec<Inline>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list: `Some(start)` for a numbered list. Each item is a list of blocks.
    List(Option<u64>, Vec<Vec<Block>>),
    /// A table: header cells, then rows of cells.
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>),
    /// A quotation.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A thematic break.
    Rule,
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text(String, Emphasis),
    /// A link to a safe address.
    Link(String, Vec<Inline>),
    /// A line break.
    Break,
}

/// Emphasis of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Emphasis {
    /// Bold.
    pub strong: bool,
    /// Italic.
    pub em: bool,
    /// Struck through.
    pub strike: bool,
    /// Code.
    pub code: bool,
}

/// Whether a link address may become a link: web and mail addresses, and relative file names
/// (the index's links to its adverts). Anything with another scheme (`javascript:`, `data:`,
/// `file:`) may not.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.is_empty() || url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    if ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // Relative: no scheme before the first '/', '?' or '#', and not protocol-relative.
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !lower.starts_with("//") && !lower.starts_with('\\')
}

/// `<br>`, `<br/>` or `<br />`, in any case.
fn is_line_break(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>" | "<br />")
}

/// Parses Markdown into the document tree every writer walks.
pub fn parse(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    builder.finish()
}

/// What is open while events arrive.
enum Open {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>, Vec<Inline>),
    Quote(Vec<Block>),
    Code(String),
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>, bool),
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Link(String, Vec<Inline>),
    Image(Vec<Inline>),
    /// A link or image that is not allowed: its text is kept.
    Unlinked(Vec<Inline>),
}

#[derive(Default)]
struct Builder {
    done: Vec<Block>,
    stack: Vec<Open>,
    emphasis: Emphasis,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, self.emphasis),
            Event::Code(t) => {
                let e = Emphasis {
                    code: true,
                    ..self.emphasis
                };
                self.text(&t, e);
            }
            // `<br>` is the one way to break a line inside a table cell; it is a line break and
            // carries nothing else.
            Event::InlineHtml(t) if is_line_break(&t) => self.inline(Inline::Break),
            // Raw HTML is shown as text, never passed on as markup.
            Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t.replace('\n', " "), self.emphasis)
            }
            Event::SoftBreak => self.text(" ", self.emphasis),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            Event::FootnoteReference(t) => self.text(&format!("[{t}]"), self.emphasis),
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, self.emphasis)
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, self.emphasis),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let open = match tag {
            Tag::Paragraph => Open::Paragraph(Vec::new()),
            Tag::Heading { level, .. } => Open::Heading(heading_level(level), Vec::new()),
            Tag::BlockQuote(_) => Open::Quote(Vec::new()),
            Tag::CodeBlock(_) => Open::Code(String::new()),
            Tag::List(start) => Open::List(start, Vec::new()),
            Tag::Item => Open::Item(Vec::new(), Vec::new()),
            Tag::Table(_) => Open::Table(Vec::new(), Vec::new(), false),
            Tag::TableHead => {
                if let Some(Open::Table(_, _, in_head)) = self.stack.last_mut() {
                    *in_head = true;
                }
                Open::Row(Vec::new())
            }
            Tag::TableRow => Open::Row(Vec::new()),
            Tag::TableCell => Open::Cell(Vec::new()),
            Tag::Emphasis => {
                self.emphasis.em = true;
                return;
            }
            Tag::Strong => {
                self.emphasis.strong = true;
                return;
            }
            Tag::Strikethrough => {
                self.emphasis.strike = true;
                return;
            }
            Tag::Link { dest_url, .. } => {
                if safe_url(&dest_url) && !self.in_link() {
                    Open::Link(dest_url.to_string(), Vec::new())
                } else {
                    Open::Unlinked(Vec::new())
                }
            }
            Tag::Image { .. } => Open::Image(Vec::new()),
            // Everything else (footnote definitions, metadata, definition lists) keeps its text
            // in a paragraph.
            _ => Open::Paragraph(Vec::new()),
        };
        self.stack.push(open);
    }

    fn in_link(&self) -> bool {
        self.stack.iter().any(|o| matches!(o, Open::Link(..)))
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis => self.emphasis.em = false,
            TagEnd::Strong => self.emphasis.strong = false,
            TagEnd::Strikethrough => self.emphasis.strike = false,
            TagEnd::Link | TagEnd::Image => match self.stack.pop() {
                Some(Open::Link(url, children)) => self.inline(Inline::Link(url, children)),
                Some(Open::Image(children) | Open::Unlinked(children)) => {
                    for c in children {
                        self.inline(c);
                    }
                }
                Some(other) => self.stack.push(other),
                None => {}
            },
            TagEnd::TableCell => {
                if let Some(Open::Cell(inlines)) = self.stack.pop()
                    && let Some(Open::Row(cells)) = self.stack.last_mut()
                {
                    cells.push(inlines);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Open::Row(cells)) = self.stack.pop()
                    && let Some(Open::Table(head, rows, in_head)) = self.stack.last_mut()
                {
                    if *in_head {
                        *head = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Item => {
                if let Some(Open::Item(mut blocks, loose)) = self.stack.pop() {
                    if !loose.is_empty() {
                        blocks.push(Block::Paragraph(loose));
                    }
                    if let Some(Open::List(_, items)) = self.stack.last_mut() {
                        items.push(blocks);
                    }
                }
            }
            _ => self.close_block(),
        }
    }

    /// Closes the innermost open block and adds it to its parent.
    fn close_block(&mut self) {
        let block = match self.stack.pop() {
            Some(Open::Paragraph(mut i)) => {
                trim_end(&mut i);
                if i.is_empty() {
                    return;
                }
                Block::Paragraph(i)
            }
            Some(Open::Heading(l, i)) => Block::Heading(l, i),
            Some(Open::List(s, items)) => Block::List(s, items),
            Some(Open::Quote(b)) => Block::Quote(b),
            Some(Open::Code(t)) => Block::Code(t),
            Some(Open::Table(head, rows, _)) => Block::Table(head, rows),
            Some(other) => {
                self.stack.push(other);
                return;
            }
            None => return,
        };
        self.block(block);
    }

    fn block(&mut self, block: Block) {
        // Tight list items hold their text directly; a block inside an item ends that text.
        match self.stack.last_mut() {
            Some(Open::Item(blocks, loose)) => {
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(loose)));
                }
                blocks.push(block);
            }
            Some(Open::Quote(blocks)) => blocks.push(block),
            Some(Open::List(_, items)) => items.push(vec![block]),
            _ => self.done.push(block),
        }
    }

    fn inline(&mut self, inline: Inline) {
        let target = match self.stack.last_mut() {
            Some(
                Open::Paragraph(i)
                | Open::Heading(_, i)
                | Open::Item(_, i)
                | Open::Cell(i)
                | Open::Link(_, i)
                | Open::Image(i)
                | Open::Unlinked(i),
            ) => i,
            Some(Open::Code(t)) => {
                if let Inline::Text(s, _) = inline {
                    t.push_str(&s);
                }
                return;
            }
            _ => {
                // Text outside any block (a stray event): give it a paragraph of its own.
                self.stack.push(Open::Paragraph(vec![inline]));
                self.close_block();
                return;
            }
        };
        // Merge adjacent text of the same emphasis.
        if let (Inline::Text(new, e), Some(Inline::Text(last, le))) = (&inline, target.last_mut())
            && e == le
        {
            last.push_str(new);
            return;
        }
        target.push(inline);
    }

    fn text(&mut self, text: &str, emphasis: Emphasis) {
        if text.is_empty() {
            return;
        }
        if let Some(Open::Code(t)) = self.stack.last_mut() {
            t.push_str(text);
            return;
        }
        self.inline(Inline::Text(text.to_string(), emphasis));
    }

    fn finish(mut self) -> Vec<Block> {
        while !self.stack.is_empty() {
            let before = self.stack.len();
            match self.stack.last() {
                Some(Open::Item(..)) => self.end(TagEnd::Item),
                Some(Open::Cell(_)) => self.end(TagEnd::TableCell),
                Some(Open::Row(_)) => self.end(TagEnd::TableRow),
                Some(Open::Link(..) | Open::Image(_) | Open::Unlinked(_)) => self.end(TagEnd::Link),
                _ => self.close_block(),
            }
            if self.stack.len() >= before {
                self.stack.pop();
            }
        }
        self.done
    }
}

/// Drops white space at the end of a paragraph (left by raw HTML lines).
fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(Inline::Text(t, _)) = inlines.last_mut() {
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
        if !t.is_empty() {
            break;
        }
        inlines.pop();
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The plain text of some inlines.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t, _) => out.push_str(t),
            Inline::Link(_, c) => out.push_str(&plain(c)),
            Inline::Break => out.push(' '),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into(), Emphasis::default())
    }

    #[test]
    fn raw_html_becomes_text() {
        let doc = parse("<script>alert(1)</script>\n\nA <b>bold</b> claim.\n");
        assert_eq!(
            doc,
            vec![
                Block::Paragraph(vec![text("<script>alert(1)</script>")]),
                Block::Paragraph(vec![text("A <b>bold</b> claim.")]),
            ]
        );
    }

    #[test]
    fn br_breaks_a_line_in_a_table_cell_and_other_tags_stay_text() {
        let doc = parse("| A | B |\n| --- | --- |\n| one<br>two | x<BR />y<br onclick=z> |\n");
        assert_eq!(
            doc,
            vec![Block::Table(
                vec![vec![text("A")], vec![text("B")]],
                vec![vec![
                    vec![text("one"), Inline::Break, text("two")],
                    vec![text("x"), Inline::Break, text("y<br onclick=z>")],
                ]]
            )]
        );
    }

    #[test]
    fn unsafe_links_keep_their_text_and_images_become_alt_text() {
        let doc = parse(
            "[a](javascript:alert(1)) [b](https://www.gov.uk) ![c](https://x/y.png) [d](advert.html)\n",
        );
        assert_eq!(
            doc,
            vec![Block::Paragraph(vec![
                text("a "),
                Inline::Link("https://www.gov.uk".into(), vec![text("b")]),
                text(" c "),
                Inline::Link("advert.html".into(), vec![text("d")]),
            ])]
        );
    }

    #[test]
    fn tight_and_nested_lists_keep_their_structure() {
        let doc = parse("- one\n- two\n  - inner\n");
        assert_eq!(
            doc,
            vec![Block::List(
                None,
                vec![
                    vec![Block::Paragraph(vec![text("one")])],
                    vec![
                        Block::Paragraph(vec![text("two")]),
                        Block::List(None, vec![vec![Block::Paragraph(vec![text("inner")])]]),
                    ],
                ]
            )]
        );
    }

    #[test]
    fn tables_have_a_header_and_rows() {
        let doc = parse("| Field | Value |\n| --- | --- |\n| Salary | £1 |\n");
        assert_eq!(
            doc,
            vec![Block::Table(
                vec![vec![text("Field")], vec![text("Value")]],
                vec![vec![vec![text("Salary")], vec![text("£1")]]]
            )]
        );
    }

    #[test]
    fn safe_urls() {
        for ok in [
            "https://x",
            "http://x",
            "mailto:a@b",
            "advert.html",
            "sub/dir.html",
            "#top",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "file:///etc",
            "//evil",
            "vbscript:x",
            " javascript:x",
            "",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }
}
