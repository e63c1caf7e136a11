//! Where each key and value of a YAML file is written, from the parser's own marks.
//!
//! yaml_serde reports a position only for the errors it finds itself; the checks that run after
//! parsing (an unknown grade, a second `sfia` override with a bad level, a vacancy of a list)
//! need the position of a value by its key path. [`Positions::index`] walks the events of
//! saphyr-parser once and records, for every key path in yaml_serde's syntax
//! (`levels[2].skills[4].level`, `[2].level`), the line and column of the key and of the value.
//!
//! The same walk bounds what YAML aliases would expand to: serde expands every `*alias` into a
//! copy of its anchored node, so a small file can stand for gigabytes. [`MAX_ALIAS_EXPANSION`]
//! caps the bytes that aliases add, and the alias that crosses it is reported before serde runs.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// The most bytes that YAML aliases may add to a file when serde expands them (16 MiB). Each
/// alias adds the size of the node its anchor names, aliases inside that node included.
pub const MAX_ALIAS_EXPANSION: u64 = 16 * 1024 * 1024;

/// Below this depth, nodes are walked (for alias sizes) but not indexed: serde refuses deeper
/// nesting anyway, and building ever longer paths would cost time quadratic in the depth.
const MAX_INDEXED_DEPTH: usize = 130;

/// A 1-based line and column (the column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Where one key path is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The key, for a value in a map; `None` for a list item or the document itself.
    pub key: Option<Pos>,
    /// The value (for a list item, the item).
    pub value: Pos,
}

impl Place {
    /// The key if there is one, else the value: where a person looks for "this entry".
    pub fn entry(&self) -> Pos {
        self.key.unwrap_or(self.value)
    }
}

/// A top-level list item's text, as byte offsets into the file, and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpan {
    /// First byte of the item's value.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Where the value starts.
    pub pos: Pos,
}

/// Why indexing stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The YAML is not well-formed here; serde will say so too.
    Syntax {
        /// Where the parser gave up.
        pos: Pos,
        /// What it said.
        message: String,
    },
    /// The aliases would add more than [`MAX_ALIAS_EXPANSION`] bytes; this alias crosses it.
    AliasExpansion {
        /// The alias.
        pos: Pos,
        /// Its key path.
        path: String,
        /// The bytes the aliases up to this one add.
        total: u64,
    },
}

/// Every key path of a YAML document and where it is written.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    first: HashMap<Box<str>, Place>,
    /// Second and later occurrences of a path: duplicate keys.
    repeated: Vec<(Box<str>, Place)>,
    /// The items of a top-level list, in order.
    pub items: Vec<ItemSpan>,
    /// Why indexing stopped before the end of the document, if it did.
    pub stop: Option<Stop>,
    /// Values written as plain (unquoted) `true` or `false`, by key path: YAML reads them as
    /// booleans, but yaml_serde gives their text to a field that asks for text.
    booleans: HashMap<Box<str>, bool>,
}

/// A node being walked: a list or map, with its key path (`None` below the indexed depth or
/// under a complex key).
struct Frame {
    path: Option<String>,
    kind: Kind,
    /// The anchor it defines (0: none), its first byte and the alias bytes added before it.
    anchor: usize,
    start: usize,
    added_before: u64,
    top_level_list: bool,
}

enum Kind {
    Seq {
        next: usize,
    },
    Map {
        key: Option<(String, Pos)>,
        want_key: bool,
    },
}

/// Turns the parser's character offsets into byte offsets, walking forward (or back) from the
/// last one asked for: events arrive in order, so this is linear overall.
struct Bytes<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl Bytes<'_> {
    fn at(&mut self, char_index: usize) -> usize {
        while self.chars < char_index {
            match self.text[self.bytes..].chars().next() {
                Some(c) => {
                    self.bytes += c.len_utf8();
                    self.chars += 1;
                }
                None => break,
            }
        }
        while self.chars > char_index {
            match self.text[..self.bytes].chars().next_back() {
                Some(c) => {
                    self.bytes -= c.len_utf8();
                    self.chars -= 1;
                }
                None => break,
            }
        }
        self.bytes
    }
}

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Positions {
    /// Indexes the first document of `text`. Never fails: on a syntax error, or an alias that
    /// would expand past [`MAX_ALIAS_EXPANSION`], it keeps what it indexed so far and says why
    /// it stopped in [`Positions::stop`].
    pub fn index(text: &str) -> Positions {
        let mut out = Positions::default();
        let mut bytes = Bytes {
            text,
            chars: 0,
            bytes: 0,
        };
        let mut stack: Vec<Frame> = Vec::new();
        // The expanded size of each anchored node, by the parser's anchor id.
        let mut sizes: HashMap<usize, u64> = HashMap::new();
        let mut added: u64 = 0;
        let mut documents = 0;
        for event in Parser::new_from_str(text) {
            let (event, span) = match event {
                Ok(e) => e,
                Err(e) => {
                    out.stop = Some(Stop::Syntax {
                        pos: Pos {
                            line: e.marker().line(),
                            column: e.marker().col() + 1,
                        },
                        message: e.info().to_string(),
                    });
                    break;
                }
            };
            let (anchor, opens) = match &event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        break;
                    }
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = stack.pop() else { continue };
                    let end = bytes.at(span.end.index());
                    if frame.anchor != 0 {
                        let raw = end.saturating_sub(frame.start) as u64;
                        sizes.insert(
                            frame.anchor,
                            raw.saturating_add(added.saturating_sub(frame.added_before)),
                        );
                    }
                    if let Some(parent) = stack.last()
                        && parent.top_level_list
                        && let Some(item) = out.items.last_mut()
                    {
                        item.end = end.max(item.start);
                    }
                    continue;
                }
                Event::Scalar(_, _, anchor, _) => (*anchor, false),
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => (*anchor, true),
                Event::Alias(_) => (0, false),
                _ => continue,
            };
            // A node: work out its key path (and its key, in a map) from its parent.
            let here = pos(&span);
            let depth = stack.len();
            let mut path: Option<String> = None;
            let mut key_at: Option<Pos> = None;
            let mut is_key = false;
            let mut top_item = false;
            match stack.last_mut() {
                None => {}
                Some(parent) => match &mut parent.kind {
                    Kind::Seq { next } => {
                        let i = *next;
                        *next += 1;
                        path = parent.path.as_ref().map(|p| format!("{p}[{i}]"));
                        top_item = parent.top_level_list;
                    }
                    Kind::Map { key, want_key } => {
                        if *want_key {
                            is_key = true;
                            *want_key = false;
                            *key = match &event {
                                Event::Scalar(k, ..) => Some((k.to_string(), here)),
                                _ => None,
                            };
                        } else {
                            *want_key = true;
                            if let (Some(p), Some((k, at))) = (&parent.path, key.take()) {
                                path = Some(join(p, &k));
                                key_at = Some(at);
                            }
                        }
                    }
                },
            }
            if depth > MAX_INDEXED_DEPTH {
                path = None;
            }
            let start = bytes.at(span.start.index());
            if top_item {
                let end = if opens {
                    start
                } else {
                    bytes.at(span.end.index())
                };
                out.items.push(ItemSpan {
                    start,
                    end,
                    pos: here,
                });
            }
            // A scalar's path is needed no further: record it without a copy.
            if let (Some(p), Event::Scalar(v, ScalarStyle::Plain, ..)) = (&path, &event) {
                let b = match v.as_ref() {
                    "true" | "True" | "TRUE" => Some(true),
                    "false" | "False" | "FALSE" => Some(false),
                    _ => None,
                };
                if let Some(b) = b {
                    out.booleans.insert(p.as_str().into(), b);
                }
            }
            let path = match (path, &event) {
                (Some(p), Event::Scalar(..)) => {
                    out.record(p, key_at, here);
                    None
                }
                (Some(p), _) => {
                    out.record(p.clone(), key_at, here);
                    Some(p)
                }
                (None, _) if depth == 0 => Some(String::new()),
                (None, _) => None,
            };
            match event {
                Event::Alias(id) => {
                    let size = sizes.get(&id).copied().unwrap_or(0);
                    added = added.saturating_add(size);
                    if added > MAX_ALIAS_EXPANSION {
                        out.stop = Some(Stop::AliasExpansion {
                            pos: here,
                            path: path.unwrap_or_default(),
                            total: added,
                        });
                        break;
                    }
                }
                Event::Scalar(..) if anchor != 0 => {
                    let end = bytes.at(span.end.index());
                    sizes.insert(anchor, end.saturating_sub(start) as u64);
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let is_seq = matches!(event, Event::SequenceStart(..));
                    stack.push(Frame {
                        top_level_list: is_seq && depth == 0,
                        path: if is_key { None } else { path },
                        kind: if is_seq {
                            Kind::Seq { next: 0 }
                        } else {
                            Kind::Map {
                                key: None,
                                want_key: true,
                            }
                        },
                        anchor,
                        start,
                        added_before: added,
                    });
                }
                _ => {}
            }
        }
        out
    }

    fn record(&mut self, path: String, key: Option<Pos>, value: Pos) {
        let place = Place { key, value };
        match self.first.entry(path.into_boxed_str()) {
            std::collections::hash_map::Entry::Occupied(e) => {
                self.repeated.push((e.key().clone(), place));
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(place);
            }
        }
    }

    /// Where `path` is first written.
    pub fn get(&self, path: &str) -> Option<Place> {
        self.first.get(path).copied()
    }

    /// The boolean a plain `true` or `false` at `path` stands for, if that is what is written
    /// there (a quoted `"true"` is text).
    pub fn plain_boolean(&self, path: &str) -> Option<bool> {
        if self.booleans.is_empty() {
            return None;
        }
        self.booleans.get(path).copied()
    }

    /// True when no value is a plain `true` or `false`.
    pub fn has_no_booleans(&self) -> bool {
        self.booleans.is_empty()
    }

    /// Where `path` is written a second time (a duplicate key), if it is.
    pub fn second(&self, path: &str) -> Option<Place> {
        self.repeated
            .iter()
            .find(|(p, _)| &**p == path)
            .map(|(_, place)| *place)
    }
}

/// `text` without a leading UTF-8 byte-order mark. Positions are counted in the text without it.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The first character of `text` that YAML does not allow (a NUL or another control character
/// other than tab, line feed and carriage return), and where it is.
pub fn disallowed_char(text: &str) -> Option<(Pos, char)> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || (' '..='~').contains(&c)
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    let (at, c) = text.char_indices().find(|&(_, c)| !allowed(c))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    Some((Pos { line, column }, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn block_maps_and_lists_give_key_and_value_positions() {
        let p = Positions::index(
            "id: a\nlevels:\n  - id: one\n    grades: [SEO]\n  - id: two\n    grades:\n      - HEO\n      - SEO\n",
        );
        assert_eq!(
            p.get("id"),
            Some(Place {
                key: Some(at(1, 1)),
                value: at(1, 5)
            })
        );
        assert_eq!(p.get("levels[1]").map(|x| x.value), Some(at(5, 5)));
        assert_eq!(p.get("levels[1].id").and_then(|x| x.key), Some(at(5, 5)));
        assert_eq!(
            p.get("levels[0].grades[0]").map(|x| x.value),
            Some(at(4, 14))
        );
        assert_eq!(
            p.get("levels[1].grades[1]").map(|x| x.value),
            Some(at(8, 9))
        );
        assert!(p.stop.is_none());
    }

    #[test]
    fn flow_and_indented_lists_index_each_item() {
        let flow =
            Positions::index("[{role: a, level: b},\n {role: c, level: d}, {role: e, level: f}]\n");
        assert_eq!(flow.get("[2].level").and_then(|x| x.key), Some(at(2, 33)));
        assert_eq!(flow.get("[2].level").map(|x| x.value), Some(at(2, 40)));
        assert_eq!(flow.items.len(), 3);
        let indented = Positions::index("  - role: a\n    level: b\n  - role: c\n    level: d\n");
        assert_eq!(
            indented.get("[1].level").and_then(|x| x.key),
            Some(at(4, 5))
        );
        assert_eq!(indented.items.len(), 2);
        assert_eq!(indented.items[1].pos, at(3, 5));
    }

    #[test]
    fn nested_maps_and_multi_line_scalars() {
        let p = Positions::index(
            "summary: |\n  one\n  two\nroles:\n  devops:\n    sections:\n      - title: >\n          long\n          title\n        body: [x]\nafter: 1\n",
        );
        assert_eq!(
            p.get("roles.devops.sections[0].body").and_then(|x| x.key),
            Some(at(10, 9))
        );
        assert_eq!(p.get("after").and_then(|x| x.key), Some(at(11, 1)));
        // A block scalar's value starts at its text, on the line after `|`.
        assert_eq!(p.get("summary").map(|x| x.value), Some(at(2, 3)));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let p = Positions::index("name: \"Département – é\"\nx: {ä: 1, level: b}\n");
        assert_eq!(p.get("x.level").and_then(|x| x.key), Some(at(2, 11)));
    }

    #[test]
    fn a_duplicate_key_is_indexed_twice_so_the_second_can_be_shown() {
        let p = Positions::index("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(p.get("b.c").and_then(|x| x.key), Some(at(3, 3)));
        assert_eq!(p.second("b.c").and_then(|x| x.key), Some(at(4, 3)));
        assert_eq!(p.second("a"), None);
    }

    #[test]
    fn plain_booleans_are_told_from_quoted_text() {
        let p = Positions::index("a: true\nb: \"true\"\nc: [FALSE, 'false']\n");
        assert_eq!(p.plain_boolean("a"), Some(true));
        assert_eq!(p.plain_boolean("b"), None);
        assert_eq!(p.plain_boolean("c[0]"), Some(false));
        assert_eq!(p.plain_boolean("c[1]"), None);
        assert!(Positions::index("a: yes\n").has_no_booleans());
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before() {
        let p = Positions::index("a: 1\nb: [1, 2\nc: 3\n");
        assert_eq!(p.get("a").map(|x| x.value), Some(at(1, 4)));
        assert!(matches!(p.stop, Some(Stop::Syntax { .. })), "{:?}", p.stop);
    }

    #[test]
    fn one_big_anchored_string_reused_many_times_is_stopped_at_the_alias_that_crosses_the_limit() {
        // Four copies fit within the limit; the fifth alias crosses it.
        let big = "x".repeat(4 * 1024 * 1024 - 64);
        let mut text = format!("a: &big {big}\nb:\n");
        for _ in 0..2499 {
            text.push_str("  - *big\n");
        }
        let p = Positions::index(&text);
        match p.stop {
            Some(Stop::AliasExpansion { pos, path, total }) => {
                assert_eq!(path, "b[4]");
                assert_eq!(pos, at(7, 5));
                assert!(total > MAX_ALIAS_EXPANSION);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nested_aliases_count_what_they_expand_to() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let row = vec![format!("*{}", w[0]); 9].join(",");
            text.push_str(&format!("{}: &{} [{row}]\n", w[1], w[1]));
        }
        let p = Positions::index(&text);
        assert!(
            matches!(p.stop, Some(Stop::AliasExpansion { .. })),
            "{:?}",
            p.stop
        );
        // A few aliases of a small node are fine.
        assert!(
            Positions::index("a: &x [1, 2]\nb: *x\nc: *x\n")
                .stop
                .is_none()
        );
    }

    #[test]
    fn hostile_input_neither_panics_nor_hangs() {
        for text in [
            "[".repeat(100_000),
            "{a: ".repeat(50_000),
            "- ".repeat(50_000),
            "*x".into(),
            "a: &a *a".into(),
            "\u{feff}\u{feff}".into(),
            "? [a]\n: b\n".into(),
            "a: b\n---\nc: d\n".into(),
            "'unterminated".into(),
        ] {
            let _ = Positions::index(&text);
        }
    }

    #[test]
    fn finds_a_control_character_at_its_line_and_column() {
        assert_eq!(
            disallowed_char("a: 1\nb: 2\nc: é\0\n"),
            Some((at(3, 5), '\0'))
        );
        assert_eq!(disallowed_char("a: \t1\r\n"), None);
    }
}
