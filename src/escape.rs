//! Escaping data for Markdown, so that text from vacancies and departments stays text.
//!
//! Templates are Markdown, and tera calls [`markdown`] on every `{{ value }}` in a `.md.tera`
//! template. It backslash-escapes every character that could start markup (emphasis, links,
//! images, raw HTML, entities, code, tables) and neutralises what would be markup at the start of
//! a line (headings, lists, quotes, rules), while leaving ordinary prose as people wrote it, so
//! that plain-text output such as the role summary still reads naturally. Line breaks inside a
//! value become spaces: a value is one run of text, never new blocks.
//!
//! [`with_links`] is the one exception, for department boilerplate: `[text](https://...)` stays a
//! link when the address is `https:`, `http:` or `mailto:`; everything else is escaped.

/// Characters that are markup anywhere in a line.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#'];

/// Escapes `text` for use as inline Markdown text.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, true);
    out.truncate(out.trim_end().len());
    out
}

/// Escapes `text` like [`markdown`], but keeps `[text](address)` as a link when the address is
/// an `https:`, `http:` or `mailto:` address.
pub fn with_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut line_start = true;
    while !rest.is_empty() {
        match rest
            .find('[')
            .and_then(|open| link_at(&rest[open..]).map(|l| (open, l)))
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
}
