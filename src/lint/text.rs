//! The prose of an advert's Markdown, as the checks read it: blocks (headings, paragraphs, list
//! items, table cells) of plain text, each byte mapped back to its place in the Markdown, so a
//! finding names the line and column a person sees in their editor. Markdown marks (`##`, `-`,
//! `|`, `**`), link URLs and code blocks are not text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading of this level (1 for `#`).
    Heading(u8),
    /// A paragraph outside lists and tables.
    Paragraph,
    /// A list item (or a paragraph inside one).
    Item,
    /// A table cell: its row (0 for the header) and column.
    Cell { row: usize, column: usize },
}

/// One block of text and where each of its bytes is in the Markdown.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// What it is.
    pub(crate) kind: Kind,
    /// Its plain text: soft and hard line breaks as spaces.
    pub(crate) text: String,
    /// For each byte of `text`, the byte offset in the Markdown it came from.
    offsets: Vec<usize>,
    /// The index of the `##` section it is in (0: before the first `##`).
    pub(crate) section: usize,
    /// Where in `text` the Markdown's line breaks are (the spaces that stand for them).
    pub(crate) breaks: Vec<usize>,
    /// Its words (see [`words`]), found once for every check.
    pub(crate) words: Vec<Range<usize>>,
    /// `text` in lower case, when lower-casing keeps every character's length (so a word's
    /// range is the same in both); `None` otherwise.
    lower: Option<String>,
}

impl Block {
    /// The Markdown byte offset of `text[at]`.
    pub(crate) fn source_offset(&self, at: usize) -> usize {
        self.offsets
            .get(at)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    fn push_break(&mut self, at: usize) {
        self.breaks.push(self.text.len());
        self.text.push(' ');
        self.offsets.push(at);
    }

    /// Appends `text`, which the parser read from `source[range]`. When they are the same bytes
    /// (no escapes or entities) each byte maps to itself; otherwise each character is matched to
    /// the next place in the source it appears, so `\*` or `&amp;` shift nothing after them.
    fn push_text(&mut self, text: &str, source: &str, range: Range<usize>) {
        let raw = source.get(range.clone()).unwrap_or("");
        if raw == text {
            self.text.push_str(text);
            self.offsets.extend(range.start..range.start + text.len());
            return;
        }
        let mut j = 0;
        for c in text.chars() {
            let at = match raw.get(j..).and_then(|rest| rest.find(c)) {
                Some(p) if p <= 8 => {
                    let at = j + p;
                    j = at + c.len_utf8();
                    at
                }
                _ => j.min(raw.len()),
            };
            self.text.push(c);
            self.offsets
                .extend(std::iter::repeat_n(range.start + at, c.len_utf8()));
        }
    }
}

/// The Markdown's blocks in reading order, and the titles of its `##` sections (index 0 is
/// the part before the first `##`, titled by the `#` heading if any).
#[derive(Debug, Clone, Default)]
pub(crate) struct Prose {
    /// Headings, paragraphs, list items and table cells, in the order they start.
    pub(crate) blocks: Vec<Block>,
    /// Section titles by index.
    pub(crate) sections: Vec<String>,
    /// Every list, in the order it starts.
    pub(crate) lists: Vec<List>,
    /// Where content with no prose starts (code blocks, rules, HTML, images with no alt text),
    /// so that a section holding only that is not empty.
    pub(crate) other: Vec<usize>,
}

/// A list: where it starts in the Markdown, and its own items (not those of lists inside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct List {
    /// The byte offset of its first item.
    pub(crate) offset: usize,
    /// Its items.
    pub(crate) items: usize,
}

impl Block {
    fn new(kind: Kind, section: usize) -> Self {
        Block {
            kind,
            text: String::new(),
            offsets: Vec::new(),
            section,
            breaks: Vec::new(),
            words: Vec::new(),
            lower: None,
        }
    }

    /// Finds the words and the lower-case text, once the text is complete.
    fn finish(&mut self) {
        self.words = words(&self.text);
        if self.text.is_ascii() {
            self.lower = Some(self.text.to_ascii_lowercase());
            return;
        }
        let mut lower = String::with_capacity(self.text.len());
        let mut same = true;
        for c in self.text.chars() {
            let before = lower.len();
            lower.extend(c.to_lowercase());
            same &= lower.len() - before == c.len_utf8();
        }
        self.lower = same.then_some(lower);
    }

    /// `text[range]` in lower case, borrowed when it can be.
    pub(crate) fn lower(&self, range: Range<usize>) -> std::borrow::Cow<'_, str> {
        match &self.lower {
            Some(l) => std::borrow::Cow::Borrowed(&l[range]),
            None => std::borrow::Cow::Owned(self.text[range].to_lowercase()),
        }
    }

    /// The text's lines: byte ranges of `text` between the Markdown's line breaks.
    pub(crate) fn lines(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let ends = self.breaks.iter().copied().chain([self.text.len()]);
        let starts = std::iter::once(0).chain(self.breaks.iter().map(|b| b + 1));
        starts.zip(ends).map(|(s, e)| s..e)
    }
}

/// Reads the prose of `markdown`.
pub(crate) fn prose(markdown: &str) -> Prose {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut done: Vec<(usize, Block)> = Vec::new();
    let mut open: Vec<(usize, Block)> = Vec::new();
    let mut sections = vec![String::new()];
    let mut in_code = false;
    let (mut row, mut column) = (0usize, 0usize);
    let mut in_item = 0usize;
    let mut lists: Vec<List> = Vec::new();
    let mut list_stack: Vec<usize> = Vec::new();
    let mut other = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let section = sections.len() - 1;
        let mut start = |kind| open.push((range.start, Block::new(kind, section)));
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as u8;
                if level == 2 {
                    sections.push(String::new());
                }
                let section = sections.len() - 1;
                open.push((range.start, Block::new(Kind::Heading(level), section)));
            }
            Event::Start(Tag::Paragraph) => start(if in_item > 0 {
                Kind::Item
            } else {
                Kind::Paragraph
            }),
            Event::Start(Tag::Item) => {
                in_item += 1;
                if let Some(&i) = list_stack.last() {
                    lists[i].items += 1;
                }
                start(Kind::Item)
            }
            Event::Start(Tag::List(_)) => {
                list_stack.push(lists.len());
                lists.push(List {
                    offset: range.start,
                    items: 0,
                });
            }
            Event::End(TagEnd::List(_)) => {
                list_stack.pop();
            }
            Event::Start(Tag::HtmlBlock) | Event::Rule => other.push(range.start),
            Event::Start(Tag::Image { .. }) => other.push(range.start),
            Event::Start(Tag::TableHead) => row = 0,
            Event::Start(Tag::TableRow) => {
                row += 1;
                column = 0;
            }
            Event::Start(Tag::TableCell) => {
                start(Kind::Cell { row, column });
                column += 1;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                other.push(range.start);
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                if matches!(event, Event::End(TagEnd::Item)) {
                    in_item = in_item.saturating_sub(1);
                }
                if let Some((at, block)) = open.pop() {
                    if let Kind::Heading(level @ (1 | 2)) = block.kind
                        && (level == 2 || sections.len() == 1)
                    {
                        let title = block.text.trim().to_string();
                        if let Some(last) = sections.last_mut() {
                            *last = title;
                        }
                    }
                    if !block.text.trim().is_empty() {
                        let mut block = block;
                        block.finish();
                        done.push((at, block));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) if !in_code => {
                if let Some((_, block)) = open.last_mut() {
                    block.push_text(&text, markdown, range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, block)) = open.last_mut() {
                    block.push_break(range.start);
                }
            }
            _ => {}
        }
    }
    done.sort_by_key(|(at, _)| *at);
    Prose {
        blocks: done.into_iter().map(|(_, b)| b).collect(),
        sections,
        lists,
        other,
    }
}

/// Line starts of a text, to turn byte offsets into 1-based lines and character columns.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Line `line` (1-based) without its line ending; empty past the end.
    pub(crate) fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let text: &'a str = self.text;
        let l = text.get(start..end).unwrap_or("");
        l.strip_suffix('\r').unwrap_or(l)
    }

    /// The 1-based line and column (in characters, not bytes) of byte `offset`.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(0, |s| s.chars().count());
        (line, column + 1)
    }
}

/// A word of a block: letters and digits, with apostrophes and hyphens inside it
/// (`you'll`, `hand-in-hand`). Byte range in the block's text.
pub(crate) fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-' | '‐')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if let Some(s) = start.take() {
            out.push(s..last_end);
        }
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

/// The sentences of a block: byte ranges of its text, split after `.`, `!` or `?` followed by
/// a space or the end ("3.5" and "e.g. this" do not split).
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = bytes.get(i + 1).copied();
        if next.is_some_and(|b| b != b' ') {
            continue;
        }
        let before = &text[start..i];
        let last_word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        if c == '.'
            && matches!(
                last_word.to_lowercase().as_str(),
                "e.g" | "i.e" | "etc" | "eg"
            )
        {
            continue;
        }
        out.push(start..i + 1);
        start = i + 1;
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out.into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.end
        })
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(md: &str, word: &str) -> (usize, usize) {
        let prose = prose(md);
        let lines = Lines::new(md);
        for b in &prose.blocks {
            if let Some(i) = b.text.find(word) {
                return lines.locate(b.source_offset(i));
            }
        }
        panic!("{word} not found in {:?}", prose.blocks);
    }

    #[test]
    fn heading_marks_bullets_and_table_pipes_are_not_text() {
        let md = "# Title\n\n## About the role\n\n- first item\n- second\n\n| Field | Value |\n| --- | --- |\n| Salary | £40,000 |\n";
        let p = prose(md);
        let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Title",
                "About the role",
                "first item",
                "second",
                "Field",
                "Value",
                "Salary",
                "£40,000"
            ]
        );
        assert_eq!(p.sections, ["Title", "About the role"]);
        assert_eq!(p.blocks[2].kind, Kind::Item);
        assert_eq!(p.blocks[7].kind, Kind::Cell { row: 1, column: 1 });
        assert_eq!(at(md, "second"), (6, 3));
        assert_eq!(at(md, "£40,000"), (10, 12));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let md = "You’ll lead the team’s work.\n";
        // ’ is three bytes in UTF-8 but one column.
        assert_eq!(at(md, "lead"), (1, 8));
        assert_eq!(at(md, "work"), (1, 24));
    }

    #[test]
    fn link_urls_are_not_text_and_link_text_keeps_its_place() {
        let md = "See the [competency framework](https://example.org/leadership) first.\n";
        let p = prose(md);
        assert_eq!(p.blocks[0].text, "See the competency framework first.");
        assert_eq!(at(md, "first"), (1, 64));
    }

    #[test]
    fn escapes_and_emphasis_do_not_shift_later_columns() {
        let md = "A \\*starred\\* and **bold** word.\n";
        let p = prose(md);
        assert_eq!(p.blocks[0].text, "A *starred* and bold word.");
        assert_eq!(at(md, "word"), (1, 28));
        assert_eq!(at(md, "starred"), (1, 5));
    }

    #[test]
    fn code_blocks_are_skipped_and_wrapped_lines_keep_their_lines() {
        let md = "```\nlead lead\n```\n\nOne line\nand the next.\n";
        let p = prose(md);
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(p.blocks[0].text, "One line and the next.");
        assert_eq!(at(md, "next"), (6, 9));
    }

    #[test]
    fn lists_count_their_own_items_and_other_content_is_noted() {
        let md = "- a\n  - b\n  - c\n- d\n\n1. e\n\n```\ncode\n```\n\n---\n";
        let p = prose(md);
        let items: Vec<(usize, usize)> = p.lists.iter().map(|l| (l.offset, l.items)).collect();
        assert_eq!(items, [(0, 2), (6, 2), (21, 1)]);
        assert_eq!(p.other, [27, 41]);
    }

    #[test]
    fn a_blocks_lines_are_split_where_the_markdown_breaks_them() {
        let md = "Salary: 1  \nPlace: Leeds\nand York\n";
        let p = prose(md);
        let b = &p.blocks[0];
        let lines: Vec<&str> = b.lines().map(|r| &b.text[r]).collect();
        assert_eq!(lines, ["Salary: 1", "Place: Leeds", "and York"]);
    }

    #[test]
    fn words_keep_apostrophes_and_hyphens_inside() {
        let text = "You’ll work hand-in-hand - (well) isn't it?";
        let w: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(w, ["You’ll", "work", "hand-in-hand", "well", "isn't", "it"]);
    }

    #[test]
    fn sentences_split_at_stops_but_not_decimals_or_eg() {
        let text = "Version 3.5 is out. We use tools, e.g. Git! Why? Because";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            s,
            [
                "Version 3.5 is out.",
                "We use tools, e.g. Git!",
                "Why?",
                "Because"
            ]
        );
    }
}
