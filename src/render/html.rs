//! The HTML writer: one self-contained, accessible page styled after the GOV.UK Design System.
//!
//! The page uses GOV.UK Frontend's class names (`govuk-heading-l`, `govuk-body`,
//! `govuk-list govuk-list--bullet`, `govuk-summary-list`, `govuk-table`...), so a department can
//! swap the inline stylesheet for the real govuk-frontend one. Styles are inline, there are no
//! scripts, fonts or other requests, and every piece of text is escaped. Two-column tables (the
//! appendix of vacancy fields) become summary lists; wider ones become tables in a scrollable,
//! focusable region, so that the page reads at 400% zoom.

use std::fmt::Write as _;

use super::{Block, DocMeta, Emphasis, Inline, Style};

/// Writes the page.
pub fn write(blocks: &[Block], meta: &DocMeta, style: &Style) -> String {
    let mut body = String::with_capacity(16 * 1024);
    let mut state = State::default();
    for b in blocks {
        block(&mut body, b, &mut state);
    }
    let lang = if meta.language.is_empty() {
        "en-GB"
    } else {
        &meta.language
    };
    let mut out = String::with_capacity(body.len() + 8 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(
        out,
        "<html lang=\"{}\" class=\"govuk-template\">",
        attr(lang)
    );
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", text(&meta.title));
    if !meta.subject.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            attr(&meta.subject)
        );
    }
    if !meta.author.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            attr(&meta.author)
        );
    }
    out.push_str("<meta name=\"generator\" content=\"jobgen\">\n<style>\n");
    out.push_str(&css(style));
    out.push_str("</style>\n</head>\n<body class=\"govuk-template__body\">\n");
    out.push_str("<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\n");
    if !style.header.is_empty() {
        let _ = writeln!(
            out,
            "<header class=\"app-header\"><div class=\"govuk-width-container\"><p class=\"app-header__name\">{}</p></div></header>",
            text(&style.header)
        );
    }
    out.push_str("<div class=\"govuk-width-container\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
    out.push_str(&body);
    out.push_str("</main>\n</div>\n</body>\n</html>\n");
    out
}

/// What the page has written so far that later blocks depend on.
#[derive(Default)]
struct State {
    /// Wide tables so far, to name their scrollable regions.
    tables: usize,
    /// The level of the last heading written (0 before any).
    last_level: u8,
    /// The text of the last heading written, to name a table's region after its section.
    last_heading: String,
}

impl State {
    /// The level a Markdown heading is written at, so that the page has one `h1` and its outline
    /// never skips a level: a later `#` becomes `h2`, and `####` straight after `##` becomes
    /// `h3`. Word keeps the Markdown levels; only the page's outline is repaired.
    fn heading_level(&mut self, level: u8) -> u8 {
        let wanted = if level <= 1 && self.last_level > 0 {
            2
        } else {
            level.clamp(1, 6)
        };
        let level = wanted.min(self.last_level + 1);
        self.last_level = level;
        level
    }
}

fn block(out: &mut String, b: &Block, state: &mut State) {
    match b {
        Block::Heading(level, inlines) => {
            state.last_heading = super::plain(inlines).trim().to_string();
            let (tag, class) = match state.heading_level(*level) {
                1 => ("h1", "govuk-heading-xl"),
                2 => ("h2", "govuk-heading-l"),
                3 => ("h3", "govuk-heading-m"),
                4 => ("h4", "govuk-heading-s"),
                5 => ("h5", "govuk-heading-s"),
                _ => ("h6", "govuk-heading-s"),
            };
            let _ = write!(out, "<{tag} class=\"{class}\">");
            inline_all(out, inlines);
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Paragraph(inlines) => {
            out.push_str("<p class=\"govuk-body\">");
            inline_all(out, inlines);
            out.push_str("</p>\n");
        }
        Block::List(start, items) => {
            let (tag, class) = match start {
                Some(_) => ("ol", "govuk-list govuk-list--number"),
                None => ("ul", "govuk-list govuk-list--bullet"),
            };
            let _ = write!(out, "<{tag} class=\"{class}\"");
            if let Some(n) = start.filter(|n| *n != 1) {
                let _ = write!(out, " start=\"{n}\"");
            }
            out.push_str(">\n");
            for item in items {
                out.push_str("<li>");
                // A lone paragraph is the item's text, without a <p>.
                match item.as_slice() {
                    [Block::Paragraph(inlines)] => inline_all(out, inlines),
                    blocks => {
                        for (i, b) in blocks.iter().enumerate() {
                            match b {
                                Block::Paragraph(inlines) if i == 0 => inline_all(out, inlines),
                                other => {
                                    out.push('\n');
                                    block(out, other, state);
                                }
                            }
                        }
                    }
                }
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Table(head, rows) if head.len() == 2 && rows.iter().all(|r| r.len() <= 2) => {
            // Field and value: a summary list. The header row stays, as the list's column names.
            out.push_str("<dl class=\"govuk-summary-list\">\n");
            let row = |out: &mut String, cells: &[Vec<Inline>], extra: &str| {
                let _ = write!(out, "<div class=\"govuk-summary-list__row{extra}\"><dt class=\"govuk-summary-list__key\">");
                inline_all(out, cells.first().map_or(&[][..], |c| &c[..]));
                out.push_str("</dt><dd class=\"govuk-summary-list__value\">");
                inline_all(out, cells.get(1).map_or(&[][..], |c| &c[..]));
                out.push_str("</dd></div>\n");
            };
            row(out, head, " app-summary-list__head");
            for r in rows {
                row(out, r, "");
            }
            out.push_str("</dl>\n");
        }
        Block::Table(head, rows) => {
            state.tables += 1;
            // The region is named after its section, so that a screen reader's list of regions
            // tells the tables apart.
            let caption = if state.last_heading.is_empty() {
                format!("Table {}", state.tables)
            } else {
                format!("{} (table {})", state.last_heading, state.tables)
            };
            let _ = writeln!(
                out,
                "<div class=\"app-table-wrapper\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
                attr(&caption)
            );
            out.push_str("<table class=\"govuk-table\">\n<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">");
            for cell in head {
                out.push_str("<th scope=\"col\" class=\"govuk-table__header\">");
                inline_all(out, cell);
                out.push_str("</th>");
            }
            out.push_str("</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
            for r in rows {
                out.push_str("<tr class=\"govuk-table__row\">");
                for (i, cell) in r.iter().enumerate() {
                    if i == 0 {
                        out.push_str("<th scope=\"row\" class=\"govuk-table__header\">");
                        inline_all(out, cell);
                        out.push_str("</th>");
                    } else {
                        out.push_str("<td class=\"govuk-table__cell\">");
                        inline_all(out, cell);
                        out.push_str("</td>");
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote class=\"govuk-inset-text\">\n");
            for b in blocks {
                block(out, b, state);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Code(code) => {
            let _ = writeln!(out, "<pre class=\"app-code\"><code>{}</code></pre>", text(code));
        }
        Block::Rule => out.push_str("<hr class=\"govuk-section-break govuk-section-break--m govuk-section-break--visible\">\n"),
    }
}

fn inline_all(out: &mut String, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text(t, e) => emphasised(out, t, *e),
            Inline::Link(url, children) => {
                let _ = write!(out, "<a href=\"{}\" class=\"govuk-link\">", attr(url));
                if children.is_empty() {
                    out.push_str(&text(url));
                } else {
                    inline_all(out, children);
                }
                out.push_str("</a>");
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
}

fn emphasised(out: &mut String, t: &str, e: Emphasis) {
    let tags: [(&str, bool); 4] = [
        ("strong", e.strong),
        ("em", e.em),
        ("s", e.strike),
        ("code", e.code),
    ];
    for (tag, on) in tags {
        if on {
            let _ = write!(out, "<{tag}>");
        }
    }
    out.push_str(&text(t));
    for (tag, on) in tags.iter().rev() {
        if *on {
            let _ = write!(out, "</{tag}>");
        }
    }
}

/// Escapes text for an element's content (see [`crate::escape::xml`]).
pub fn text(s: &str) -> String {
    crate::escape::xml(s, crate::escape::Markup::Text).into_owned()
}

/// Escapes text for a double-quoted attribute value.
pub fn attr(s: &str) -> String {
    crate::escape::xml(s, crate::escape::Markup::Attribute).into_owned()
}

/// The inline stylesheet: GOV.UK Frontend's type scale and class names, Arial/Helvetica, the
/// department's colour, a print stylesheet for A4.
fn css(style: &Style) -> String {
    let colour = safe_colour(&style.colour, "#1d70b8");
    let on_colour = safe_colour(&style.on_colour, "#ffffff");
    let font = style
        .font
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect::<String>();
    CSS.replace("__COLOUR__", &colour)
        .replace("__ON_COLOUR__", &on_colour)
        .replace("__FONT__", &font)
}

/// `#1D70B8` -> `#1d70b8`, or the fallback for anything that is not a colour (loading refuses
/// such a colour; a [`Style`] built in code may still hold one).
fn safe_colour(c: &str, fallback: &str) -> String {
    crate::model::hex_colour(c).map_or_else(
        || fallback.to_string(),
        |h| format!("#{}", h.to_ascii_lowercase()),
    )
}

const CSS: &str = r#"*,*::before,*::after{box-sizing:border-box}
html{background-color:#f3f2f1;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background-color:#ffffff;color:#0b0c0c;font-family:"__FONT__",Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.25}
.govuk-template__body{min-height:100vh}
.govuk-skip-link{position:absolute;left:-9999px;top:auto;padding:10px 15px;background:#ffdd00;color:#0b0c0c;font-size:1rem;text-decoration:underline}
.govuk-skip-link:focus{position:static;display:block;outline:3px solid #ffdd00}
.app-header{background-color:__COLOUR__;color:__ON_COLOUR__;border-bottom:10px solid #0b0c0c}
.app-header__name{margin:0;padding:15px 0;font-size:1.5rem;font-weight:700;line-height:1.25;color:__ON_COLOUR__}
.govuk-width-container{max-width:960px;margin:0 15px}
@media (min-width:40.0625em){.govuk-width-container{margin:0 30px}}
@media (min-width:1020px){.govuk-width-container{margin:0 auto}}
.govuk-main-wrapper{display:block;padding-top:20px;padding-bottom:20px}
@media (min-width:40.0625em){.govuk-main-wrapper{padding-top:40px;padding-bottom:40px}}
.govuk-heading-xl,.govuk-heading-l,.govuk-heading-m,.govuk-heading-s{color:#0b0c0c;font-weight:700;margin-top:0}
.govuk-heading-xl{font-size:2rem;line-height:1.09375;margin-bottom:30px}
.govuk-heading-l{font-size:1.5rem;line-height:1.04167;margin-bottom:20px;margin-top:30px;padding-top:15px;border-top:2px solid __COLOUR__}
.govuk-heading-m{font-size:1.125rem;line-height:1.11111;margin-bottom:15px;margin-top:25px}
.govuk-heading-s{font-size:1rem;line-height:1.25;margin-bottom:15px;margin-top:20px}
.govuk-body,.govuk-list{font-size:1rem;line-height:1.25;margin-top:0;margin-bottom:15px}
@media (min-width:40.0625em){
.govuk-heading-xl{font-size:3rem;line-height:1.04167;margin-bottom:50px}
.govuk-heading-l{font-size:2.25rem;line-height:1.11111;margin-bottom:30px;margin-top:45px}
.govuk-heading-m{font-size:1.5rem;line-height:1.25;margin-bottom:20px;margin-top:35px}
.govuk-heading-s{font-size:1.1875rem;line-height:1.31579;margin-bottom:20px}
.govuk-body,.govuk-list{font-size:1.1875rem;line-height:1.31579;margin-bottom:20px}
}
.govuk-list{padding-left:0;list-style-type:none}
.govuk-list>li{margin-bottom:5px}
.govuk-list--bullet,.govuk-list--number{padding-left:20px}
.govuk-list--bullet{list-style-type:disc}
.govuk-list--number{list-style-type:decimal}
.govuk-list .govuk-list{margin-top:10px}
.govuk-link{color:#1d70b8;text-decoration:underline}
.govuk-link:visited{color:#4c2c92}
.govuk-link:hover{color:#003078}
.govuk-link:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#ffdd00;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
.govuk-summary-list{font-size:1rem;line-height:1.25;margin:0 0 20px}
@media (min-width:40.0625em){.govuk-summary-list{display:table;width:100%;table-layout:fixed;border-collapse:collapse;font-size:1.1875rem;line-height:1.31579;margin-bottom:30px}}
.govuk-summary-list__row{border-bottom:1px solid #b1b4b6;margin-bottom:15px}
@media (min-width:40.0625em){.govuk-summary-list__row{display:table-row;margin-bottom:0}}
.govuk-summary-list__key,.govuk-summary-list__value{margin:0;overflow-wrap:break-word}
.govuk-summary-list__key{margin-bottom:5px;font-weight:700}
@media (min-width:40.0625em){.govuk-summary-list__key,.govuk-summary-list__value{display:table-cell;padding:10px 20px 10px 0}.govuk-summary-list__key{width:40%}}
.app-summary-list__head .govuk-summary-list__key,.app-summary-list__head .govuk-summary-list__value{font-weight:700;color:#505a5f;font-size:.875em}
.app-table-wrapper{overflow-x:auto;margin-bottom:20px}
.app-table-wrapper:focus{outline:3px solid #ffdd00}
.govuk-table{width:100%;border-spacing:0;border-collapse:collapse;font-size:1rem;line-height:1.25}
@media (min-width:40.0625em){.govuk-table{font-size:1.1875rem;line-height:1.31579}}
.govuk-table__header,.govuk-table__cell{padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;text-align:left;vertical-align:top}
.govuk-table__header{font-weight:700}
.govuk-inset-text{padding:15px;margin:20px 0;border-left:10px solid #b1b4b6}
.govuk-section-break--visible{border:0;border-bottom:1px solid #b1b4b6}
.app-code{white-space:pre-wrap;overflow-wrap:break-word;font-family:monospace;background:#f3f2f1;padding:10px}
@page{size:A4;margin:20mm}
@media print{
html,body{background:#ffffff}
body{font-size:12pt;line-height:1.3}
.govuk-skip-link{display:none}
.app-header{border-bottom:2pt solid #0b0c0c;background:none;color:#0b0c0c}
.app-header__name{color:#0b0c0c;padding:0 0 6pt}
.govuk-width-container{max-width:none;margin:0}
.govuk-main-wrapper{padding:0}
.govuk-heading-xl{font-size:24pt;margin-bottom:12pt}
.govuk-heading-l{font-size:18pt;margin:18pt 0 8pt;padding-top:6pt}
.govuk-heading-m{font-size:14pt;margin:12pt 0 6pt}
.govuk-heading-s{font-size:12pt}
.govuk-body,.govuk-list,.govuk-summary-list,.govuk-table{font-size:12pt}
h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}
li,tr,.govuk-summary-list__row{break-inside:avoid;page-break-inside:avoid}
.govuk-link{color:#0b0c0c}
.govuk-link[href^="http"]::after{content:" (" attr(href) ")";font-size:90%;overflow-wrap:anywhere}
.app-table-wrapper{overflow:visible}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::parse;

    fn page(md: &str) -> String {
        write(
            &parse(md),
            &DocMeta {
                title: "T <x>".into(),
                subject: "S".into(),
                author: "A".into(),
                language: "en-GB".into(),
            },
            &Style::default(),
        )
    }

    #[test]
    fn the_page_is_self_contained_with_a_language_and_a_title() {
        let html = page("# Title\n\nText.\n");
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">")
        );
        assert!(html.contains("<title>T &lt;x&gt;</title>"));
        assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));
        assert!(html.contains("<h1 class=\"govuk-heading-xl\">Title</h1>"));
    }

    #[test]
    fn markup_in_text_is_escaped() {
        let html = page("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"));
    }

    #[test]
    fn characters_markup_cannot_hold_never_reach_the_page() {
        let bad = "A\u{FFFE}\u{FFFF}\u{1}\u{1b}\u{7f}\u{9b}Z";
        let style = Style {
            font: bad.into(),
            header: bad.into(),
            colour: bad.into(),
            ..Style::default()
        };
        let meta = DocMeta {
            title: bad.into(),
            subject: bad.into(),
            author: bad.into(),
            language: bad.into(),
        };
        let md = format!(
            "# {bad}\n\n{bad} [{bad}](https://x.example/{bad})\n\n    {bad}\n\n| {bad} | a | b |\n| - | - | - |\n| {bad} | c | d |\n"
        );
        let html = write(&parse(&md), &meta, &style);
        assert!(
            !html.contains(|c: char| crate::escape::unfit_for_markup(c)),
            "{html}"
        );
        assert!(
            html.contains("<title>A\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Z</title>"),
            "{html}"
        );
    }

    #[test]
    fn two_column_tables_become_summary_lists() {
        let html = page("| Field | Value |\n| --- | --- |\n| Salary | £1 |\n");
        assert!(html.contains("<dl class=\"govuk-summary-list\">"));
        assert!(html.contains("<dt class=\"govuk-summary-list__key\">Salary</dt><dd class=\"govuk-summary-list__value\">£1</dd>"));
    }
}
