//! Escaping: data for Markdown, text for markup (XML and HTML), and text for the terminal.
//!
//! Markdown: so that text from vacancies and departments stays text.
//! Templates are Markdown, and tera calls [`markdown`] on every `{{ value }}` in a `.md.tera`
//! template. It backslash-escapes every character that could start markup (emphasis, links,
//! images, raw HTML, entities, code, tables) and neutralises what would be markup at the start of
//! a line (headings, lists, quotes, rules), while leaving ordinary prose as people wrote it, so
//! that plain-text output such as the role summary still reads naturally. Line breaks inside a
//! value become spaces: a value is one run of text, never new blocks.
//!
//! [`with_links`] is the one exception, for department boilerplate: `[text](https://...)` stays a
//! link when the address is `https:`, `http:` or `mailto:`; everything else is escaped.
//!
//! Markup: every string a writer puts into a Word part or a web page goes through [`xml`], which
//! escapes it and replaces what such documents cannot hold ([`unfit_for_markup`]). Data never
//! gets that far with such characters: [`check_values`] reports them when a file is loaded.
//!
//! Terminal: [`terminal`] shows control characters in messages as `\u{1b}`, so that input
//! cannot colour, move or clear the user's terminal.

/// True for a character that a Word document or web page cannot hold: what XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE and U+FFFF), and what HTML
/// forbids besides (DEL, C1 controls and the other noncharacters). Lone surrogates cannot occur
/// in a Rust string.
pub(crate) fn unfit_for_markup(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// What [`xml`] does with the characters that are markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// Element content: `&`, `<` and `>` become references.
    Text,
    /// A double- or single-quoted attribute value: quotes become references too.
    Attribute,
    /// Leave them: the caller's library (docx-rs) escapes them itself, and escaping here too
    /// would show `&amp;` in the document.
    Keep,
}

/// Text for markup: escaped as `markup` says, with every character the document cannot hold
/// ([`unfit_for_markup`]) replaced by U+FFFD. The one way text enters a Word part or a page.
pub(crate) fn xml(text: &str, markup: Markup) -> std::borrow::Cow<'_, str> {
    let special = |c: char| match markup {
        Markup::Text => matches!(c, '&' | '<' | '>'),
        Markup::Attribute => matches!(c, '&' | '<' | '>' | '"' | '\''),
        Markup::Keep => false,
    };
    if !text.contains(|c: char| special(c) || unfit_for_markup(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if unfit_for_markup(c) => out.push('\u{FFFD}'),
            c if !special(c) => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push_str("&apos;"),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Checks the values (and keys) of a YAML file for characters documents cannot hold: the
/// first one found, with the file, line and key, as an error. YAML refuses most of them written
/// as they are, so they come from escapes (`"\uFFFE"`), and only a file with a backslash (or
/// such a character) is parsed again to look.
pub(crate) fn check_values(file: &str, text: &str) -> Result<(), crate::diagnostics::Diagnostic> {
    if !text.contains(|c: char| c == '\\' || unfit_for_markup(c)) {
        return Ok(());
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Ok(());
    };
    let mut path = Vec::new();
    match unfit_value(&value, &mut path) {
        None => Ok(()),
        Some(c) => {
            // Find the key's line: each key of the path at or after its parent's line.
            let mut line = 1;
            let mut located = false;
            let mut key = String::new();
            for segment in &path {
                match segment {
                    Segment::Key(k) => {
                        if let Some(i) =
                            text.lines().enumerate().skip(line - 1).position(|(_, l)| {
                                let l = l.trim_start().trim_start_matches("- ");
                                l.starts_with(&format!("{k}:"))
                                    || l.starts_with(&format!("\"{k}\":"))
                            })
                        {
                            line += i;
                            located = true;
                        }
                        if !key.is_empty() {
                            key.push('.');
                        }
                        key.push_str(k);
                    }
                    Segment::Index(i) => key.push_str(&format!("[{i}]")),
                }
            }
            let d = crate::diagnostics::Diagnostic::new(format!(
                "the value holds the character \\u{{{:x}}}, which documents cannot hold",
                c as u32
            ))
            .in_file(file)
            .at_key(key)
            .help("delete it: it is invisible, and Word and web pages cannot show it");
            Err(if located { d.at(text, line, 1) } else { d })
        }
    }
}

/// A step of a key path: a map key or a list index.
enum Segment {
    Key(String),
    Index(usize),
}

/// The first character documents cannot hold in `value`, leaving `path` at where it is.
fn unfit_value(value: &serde_yaml::Value, path: &mut Vec<Segment>) -> Option<char> {
    use serde_yaml::Value;
    let in_str = |s: &str| s.chars().find(|&c| unfit_for_markup(c));
    match value {
        Value::String(s) => in_str(s),
        Value::Sequence(items) => items.iter().enumerate().find_map(|(i, v)| {
            path.push(Segment::Index(i));
            let found = unfit_value(v, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Value::Mapping(map) => map.iter().find_map(|(k, v)| {
            let name = match k {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let bad_key = match k {
                Value::String(s) => in_str(s),
                _ => None,
            };
            path.push(Segment::Key(name));
            let found = bad_key.or_else(|| unfit_value(v, path));
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Value::Tagged(t) => unfit_value(&t.value, path),
        _ => None,
    }
}

/// Text for a terminal: control characters other than line feed and tab, and the invisible
/// characters that reorder text (bidirectional controls), shown as `\u{1b}`, so that input
/// quoted in a message cannot colour, move or clear the terminal or disguise what it shows.
pub(crate) fn terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters that are markup anywhere in a line.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#'];

/// Escapes `text` for use as inline Markdown text.
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, true);
    out.truncate(out.trim_end().len());
    out
}

/// Escapes `text` like [`markdown`], but keeps `[text](address)` as a link when the address is
/// an `https:`, `http:` or `mailto:` address.
pub(crate) fn with_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut line_start = true;
    while !rest.is_empty() {
        // The first `[` that opens a link with a safe address: a `[` before it (text in
        // brackets, a link to `javascript:`) is escaped as text, and the links after it kept.
        match rest
            .match_indices('[')
            .find_map(|(open, _)| link_at(&rest[open..]).map(|l| (open, l)))
        {
            Some((open, (label, url, used))) => {
                escape_into(&mut out, &rest[..open], line_start);
                out.push('[');
                escape_into(&mut out, label, false);
                out.push_str("](");
                out.push_str(&url.replace('(', "%28").replace(')', "%29"));
                out.push(')');
                rest = &rest[open + used..];
            }
            None => {
                escape_into(&mut out, rest, line_start);
                rest = "";
            }
        }
        line_start = false;
    }
    out.truncate(out.trim_end().len());
    out
}

/// Appends `text` escaped. `line_start`: the text may begin a line of Markdown.
fn escape_into(out: &mut String, text: &str, line_start: bool) {
    let mut at_start = line_start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Line breaks and other separators become one space: a value never starts a new block
        // or an indented code block.
        let c = match c {
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' {
            if !(at_start || out.ends_with(' ')) {
                out.push(' ');
            }
            continue;
        }
        if at_start {
            at_start = false;
            if matches!(c, '-' | '+' | '=' | '>' | '#' | '*' | '_') {
                out.push('\\');
                out.push(c);
                continue;
            }
            if c.is_ascii_digit() {
                // "1." or "1)" would start an ordered list: escape the dot.
                out.push(c);
                while let Some(&d) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    out.push(d);
                    chars.next();
                }
                if let Some(&d) = chars.peek()
                    && (d == '.' || d == ')')
                {
                    out.push('\\');
                    out.push(d);
                    chars.next();
                }
                continue;
            }
        }
        if INLINE.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `[label](url)` at the start of `s`: its label, url and length, if it is a safe link.
fn link_at(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    if label.is_empty() || label.contains('[') || label.contains(']') {
        return None;
    }
    let after = &s[close + 2..];
    let end = after.find(')')?;
    let url = &after[..end];
    let lower = url.to_ascii_lowercase();
    let safe_scheme = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p));
    if !safe_scheme
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        return None;
    }
    Some((label, url, close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::all()),
        );
        out
    }

    #[test]
    fn ordinary_prose_is_left_alone() {
        let s = "manage service components to ensure they meet key performance indicators (KPIs), medium-to-high";
        assert_eq!(markdown(s), s);
    }

    #[test]
    fn markup_in_a_value_stays_text() {
        for hostile in [
            "# Heading",
            "- bullet",
            "1. item",
            "> quote",
            "[link](https://evil.example)",
            "![img](https://evil.example/x.png)",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "*bold* _it_ `code`",
            "a | b",
            "&amp; &#60;",
            "===",
            "---",
        ] {
            let md = format!("{}\n", markdown(hostile));
            let out = html(&md);
            assert!(out.starts_with("<p>"), "{hostile:?} became {out:?}");
            assert!(
                !out.contains("<a ") && !out.contains("<img") && !out.contains("<script"),
                "{hostile:?} became {out:?}"
            );
            assert!(
                !out.contains("<em>") && !out.contains("<strong>") && !out.contains("<code>"),
                "{hostile:?} became {out:?}"
            );
        }
    }

    #[test]
    fn line_breaks_cannot_start_new_blocks() {
        let md = format!("{}\n", markdown("text\n\n# not a heading\n- not a list"));
        assert_eq!(html(&md), "<p>text # not a heading - not a list</p>\n");
    }

    #[test]
    fn markup_text_is_escaped_and_what_documents_cannot_hold_is_replaced() {
        let bad = "a\u{0}\u{1b}\u{7f}\u{9b}\u{FFFE}\u{FFFF}\u{FDD0}\u{1FFFE}b";
        assert_eq!(
            xml(bad, Markup::Keep),
            format!("a{}b", "\u{FFFD}".repeat(8))
        );
        assert_eq!(
            xml("<a href='x'>&\"", Markup::Text),
            "&lt;a href='x'&gt;&amp;\""
        );
        assert_eq!(
            xml("<a href='x'>&\"", Markup::Attribute),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;"
        );
        assert_eq!(xml("<&>", Markup::Keep), "<&>");
        assert_eq!(
            xml("tab\tline\nreturn\r é 😀", Markup::Text),
            "tab\tline\nreturn\r é 😀"
        );
    }

    #[test]
    fn yaml_escapes_of_characters_documents_cannot_hold_are_found_with_their_key() {
        let text = "name: x\nstyle:\n  colour: \"#fff\"\n  font: \"Arial\\uFFFE\"\n";
        let d = check_values("org.yaml", text).expect_err("found");
        assert_eq!(d.key.as_deref(), Some("style.font"));
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("\\u{fffe}"), "{d}");
        let d = check_values(
            "r.yaml",
            "levels:\n  - id: a\n    skills: [x, \"\\e[31m\"]\n",
        )
        .expect_err("found");
        assert_eq!(d.key.as_deref(), Some("levels[0].skills[1]"));
        assert!(check_values("ok.yaml", "a: \"tab\\there\\n\"\nb: [c]\n").is_ok());
    }

    #[test]
    fn control_characters_are_shown_escaped_on_the_terminal() {
        assert_eq!(terminal("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(terminal("a\u{202E}b\u{9b}c"), "a\\u{202e}b\\u{9b}c");
        assert_eq!(terminal("line\n\tkept é"), "line\n\tkept é");
    }

    #[test]
    fn https_links_survive_with_links_and_javascript_does_not() {
        let md =
            with_links("See [DevOps](https://www.gov.uk/devops) and [x](javascript:alert(1)).");
        let out = html(&md);
        assert!(
            out.contains("<a href=\"https://www.gov.uk/devops\">DevOps</a>"),
            "{out}"
        );
        assert!(!out.contains("javascript:alert(1)\""), "{out}");
        assert!(out.contains("[x](javascript:alert(1))"), "{out}");
    }

    #[test]
    fn a_link_after_brackets_or_an_unsafe_link_is_still_a_link() {
        let md = with_links(
            "[x](javascript:alert(1)), [a note] and then [DevOps](https://www.gov.uk/devops).",
        );
        let out = html(&md);
        assert!(
            out.contains("<a href=\"https://www.gov.uk/devops\">DevOps</a>"),
            "{out}"
        );
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(out.contains("[a note]"), "{out}");
    }
}
