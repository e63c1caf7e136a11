//! Located, actionable error reports.
//!
//! A [`Diagnostic`] names the file, line, column and key of a problem, says what is wrong and how
//! to fix it, and shows the offending line the way rustc does. Loading and merging collect every
//! problem into [`Diagnostics`] before failing, so that a person fixes a file once.

use std::fmt;

use crate::yaml::{Place, Pos, Positions};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing; never fails a command.
    Note,
    /// Probably a mistake; the command still succeeds.
    Warning,
    /// The input is wrong; the command fails.
    Error,
}

impl Severity {
    /// `error`, `warning` or `note`, as messages print it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem with an input. Serialised (for `--message-format json` and the web API) with
/// every field, `null` where unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The file as the user knows it (`data/roles/devops-engineer.yaml (built-in)`), if any.
    pub file: Option<String>,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
    /// The key path inside the file: `levels[2].skills[4].level`; or the flag (`--role`), form
    /// field or JSON pointer (`/role`) the value came from.
    pub key: Option<String>,
    /// Where a value came from when it is not a file: `form field` (the field is the key).
    pub origin: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The offending line of the file, shown under the message.
    pub source_line: Option<String>,
    /// The id of the `jobgen lint` check that found it (`long-sentence`), if one did.
    pub rule: Option<String>,
}

impl Diagnostic {
    /// An error with no location.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            key: None,
            origin: None,
            message: message.into(),
            help: None,
            source_line: None,
            rule: None,
        }
    }

    /// A warning with no location.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(message)
        }
    }

    /// A note with no location.
    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::new(message)
        }
    }

    /// True for an error (not a warning or note).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// This diagnostic as one line of JSON (no trailing newline).
    pub fn to_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Names the check that found it.
    pub fn rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Names the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Names the key path.
    pub fn at_key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        if !key.is_empty() {
            self.key = Some(key);
        }
        self
    }

    /// Says how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points at a line and column of `text`, which is the content of the file.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// Names where a value came from when it is not a file (`form field`).
    pub fn from_origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }

    /// Names the key path and points at its key (for a list item, at the item), as the YAML
    /// parser saw it in `text`. A path the index lacks points at its nearest indexed parent.
    pub fn at_path(self, text: &str, positions: &Positions, path: &str) -> Self {
        self.point(text, positions, path, Place::entry)
    }

    /// Like [`Diagnostic::at_path`], but points at the value rather than its key.
    pub fn at_value(self, text: &str, positions: &Positions, path: &str) -> Self {
        self.point(text, positions, path, |p| p.value)
    }

    fn point(
        self,
        text: &str,
        positions: &Positions,
        path: &str,
        which: fn(&Place) -> Pos,
    ) -> Self {
        let d = self.at_key(path);
        let mut p = path;
        loop {
            if let Some(place) = positions.get(p) {
                let at = which(&place);
                return d.at(text, at.line, at.column);
            }
            match p.rfind(['.', '[']) {
                Some(i) if i > 0 => p = &p[..i],
                _ => return d,
            }
        }
    }

    /// Points at the first line of `text` from `from_line` on (1-based) that contains `needle`,
    /// at the column where it starts. Only for text that is not YAML (templates), where no
    /// parser gives positions; YAML problems use [`Diagnostic::at_path`].
    pub(crate) fn find(self, text: &str, from_line: usize, needle: &str) -> Self {
        let found = text
            .lines()
            .enumerate()
            .skip(from_line.saturating_sub(1))
            .find_map(|(i, line)| line.find(needle).map(|col| (i + 1, col + 1)));
        match found {
            Some((line, col)) => {
                let col = text
                    .lines()
                    .nth(line - 1)
                    .map_or(col, |l| l[..col - 1].chars().count() + 1);
                self.at(text, line, col)
            }
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, &|_, text| text.to_string())
    }
}

/// A part of a human-readable diagnostic that a front end may colour: the severity label
/// (`error:`), the gutters (`-->`, `|`, `=` and the line number) and the caret under the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `error:`, `warning:` or `note:`.
    Label(Severity),
    /// `-->`, `|`, `=` and the line number beside the shown line.
    Gutter,
    /// The `^` under the column, in the severity's colour.
    Caret(Severity),
}

/// Turns a part's text into what is printed: the text wrapped in a terminal's colour codes, say.
/// The plain rendering ([`fmt::Display`]) returns the text as it is.
pub type Paint<'a> = &'a dyn Fn(Part, &str) -> String;

/// A diagnostic (or a list of them) shown with its parts painted: see [`Diagnostic::styled`].
pub struct Styled<'a, T> {
    item: &'a T,
    paint: Paint<'a>,
}

impl fmt::Display for Styled<'_, Diagnostic> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.item.render(f, self.paint)
    }
}

impl fmt::Display for Styled<'_, Diagnostics> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.item.render(f, self.paint)
    }
}

impl Diagnostic {
    /// The same text as [`fmt::Display`], with the label, gutters and caret passed through
    /// `paint` (the command line colours them on a terminal). Stripped of what `paint` adds, it
    /// is byte for byte the plain text.
    pub fn styled<'a>(&'a self, paint: Paint<'a>) -> Styled<'a, Diagnostic> {
        Styled { item: self, paint }
    }

    fn render(&self, f: &mut fmt::Formatter<'_>, paint: Paint<'_>) -> fmt::Result {
        // Input quoted in a message is shown with its control characters escaped.
        let t = crate::escape::terminal;
        let gutter = |text: &str| paint(Part::Gutter, text);
        let label = match &self.rule {
            Some(rule) => format!("{}[{}]:", self.severity.label(), t(rule)),
            None => format!("{}:", self.severity.label()),
        };
        write!(
            f,
            "{} {}",
            paint(Part::Label(self.severity), &label),
            t(&self.message)
        )?;
        if let (None, Some(origin)) = (&self.file, &self.origin) {
            write!(f, "\n  {} {}", gutter("-->"), t(origin))?;
        }
        if let Some(file) = &self.file {
            write!(f, "\n  {} {}", gutter("-->"), t(file))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
        }
        if let Some(key) = &self.key {
            write!(f, "\n   {} key: {}", gutter("="), t(key))?;
        }
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let shown = shown_source(src.chars().take(200));
            let bar = gutter("|");
            write!(f, "\n {pad} {bar}\n {} {bar} {shown}", gutter(&num))?;
            if let Some(col) = self.column {
                let before = shown_source(src.chars().take(col.saturating_sub(1).min(200)));
                let offset: String = before
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let caret = paint(Part::Caret(self.severity), "^");
                write!(f, "\n {pad} {bar} {offset}{caret}")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n   {} help: {}", gutter("="), t(help))?;
        }
        Ok(())
    }
}

/// Every problem found in one pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// `Ok(value)` when nothing is wrong, else the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// A line of an input as messages show it: a control character (a NUL, say) as its Unicode
/// picture, and anything else a terminal would obey escaped, so the line is shown, not run.
fn shown_source(chars: impl Iterator<Item = char>) -> String {
    let pictures: String = chars
        .map(|c| match c {
            '\t' => c,
            '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect();
    crate::escape::terminal(&pictures).into_owned()
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.render(f, &|_, text| text.to_string())
    }
}

impl Diagnostics {
    /// Every diagnostic as [`Diagnostic::styled`] shows it, then the count of errors.
    pub fn styled<'a>(&'a self, paint: Paint<'a>) -> Styled<'a, Diagnostics> {
        Styled { item: self, paint }
    }

    fn render(&self, f: &mut fmt::Formatter<'_>, paint: Paint<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            d.render(f, paint)?;
            writeln!(f)?;
        }
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        if errors > 1 {
            write!(f, "\n{errors} problems found")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The valid names nearest to `unknown`, best first, for "did you mean" hints.
pub(crate) fn nearest<'a>(unknown: &str, valid: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let unknown = unknown.to_lowercase();
    let mut scored: Vec<(f64, &str)> = valid
        .into_iter()
        .map(|v| {
            let lower = v.to_lowercase();
            let mut score = strsim::jaro_winkler(&unknown, &lower);
            if lower.contains(&unknown) || unknown.contains(&lower) {
                score = score.max(0.85);
            }
            (score, v)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    // Offer only the names nearly as close as the closest: a clear winner stands alone.
    let best = scored.first().map_or(0.0, |s| s.0);
    scored
        .into_iter()
        .take_while(|(score, _)| *score >= best - 0.06)
        .take(3)
        .map(|(_, v)| v)
        .collect()
}

/// "did you mean `a` or `b`?" for the nearest names, or a list of what is valid.
pub fn suggest<'a>(unknown: &str, valid: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let near = nearest(unknown, valid.clone());
    if near.is_empty() {
        let all: Vec<&str> = valid.into_iter().collect();
        if all.len() <= 12 {
            format!("valid names: {}", all.join(", "))
        } else {
            format!(
                "valid names include: {} (and {} more)",
                all[..12].join(", "),
                all.len() - 12
            )
        }
    } else {
        let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("did you mean {}?", quoted.join(" or "))
    }
}

/// Turns a YAML parse or type error into a located diagnostic. `positions` is the index of
/// `text`, for what yaml_serde does not locate itself (the second of two duplicate keys).
pub(crate) fn from_yaml(
    file: &str,
    text: &str,
    positions: &Positions,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let raw = err.to_string();
    // yaml_serde writes "path: message at line L column C"; split off the pieces we show apart.
    let without_loc = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (key, message) = match without_loc.split_once(": ") {
        Some((k, m)) if !k.contains(' ') && !k.is_empty() => (k.to_string(), m.to_string()),
        _ => (String::new(), without_loc),
    };
    let help = yaml_help(&message);
    // For an unknown key, the key path names the key itself, not the map holding it.
    let key = match message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        Some(field) if key.is_empty() || key == "." => field.to_string(),
        Some(field) => format!("{key}.{field}"),
        None => key,
    };
    let duplicate = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
        .map(str::to_owned);
    let mut d = Diagnostic::new(message).in_file(file).at_key(key);
    if let Some(loc) = err.location() {
        d = d.at(text, loc.line(), loc.column());
    }
    // yaml_serde points at the map; point at the second time the key is written.
    if let Some(field) = duplicate {
        let path = match d.key.as_deref() {
            None | Some(".") | Some("") => field,
            Some(map) => format!("{map}.{field}"),
        };
        if let Some(second) = positions.second(&path) {
            let at = second.entry();
            d = d.at(text, at.line, at.column).at_key(path);
        }
    }
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

fn yaml_help(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let valid: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        let near = nearest(field, valid.iter().copied());
        return Some(match near.first() {
            Some(n) => {
                format!("did you mean `{n}`? Keys are spelt as in the README's data reference")
            }
            None => "remove the key, or see the README's data reference for the keys allowed here"
                .into(),
        });
    }
    if message.starts_with("missing field") {
        return Some("add the key; the README's data reference lists what each file needs".into());
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return Some("check the value's type against the README's data reference".into());
    }
    if message.starts_with("unknown variant") {
        return Some("use one of the values listed above".into());
    }
    if message.starts_with("duplicate field") {
        return Some("a key may appear once: delete one of them".into());
    }
    if message.contains("repetition limit exceeded") {
        return Some("the file repeats content through YAML anchors and aliases (&name, *name) too many times: write the values out".into());
    }
    if message.contains("recursion limit exceeded") {
        return Some("the file nests lists or maps too deeply: vacancy and data files need only a few levels".into());
    }
    if message.contains("while scanning")
        || message.contains("while parsing")
        || message.contains("cannot start any token")
    {
        return Some("YAML syntax: check for an unclosed quote or bracket, and indent with spaces (not tabs), on this line or the one before".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_is_json_with_its_severity_and_position() {
        let d = Diagnostic::warning("grade outside the indicative ones")
            .in_file("v.yaml")
            .at_key("grade")
            .at("grade: G7\n", 1, 8);
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).expect("valid JSON");
        assert_eq!(json["severity"], "warning");
        assert_eq!(json["file"], "v.yaml");
        assert_eq!(json["line"], 1);
        assert_eq!(json["column"], 8);
        assert_eq!(json["key"], "grade");
        assert_eq!(json["source_line"], "grade: G7");
        assert!(d.to_string().starts_with("warning: grade outside"));
    }

    #[test]
    fn nearest_finds_a_close_id() {
        let valid = ["devops-engineer", "software-developer"];
        assert_eq!(nearest("devops-enginer", valid), vec!["devops-engineer"]);
        assert!(nearest("zzz", valid).is_empty());
    }

    #[test]
    fn shows_the_offending_line_with_a_caret() {
        let text = "a: 1\nsalery: 2\n";
        let d = Diagnostic::new("unknown field `salery`")
            .in_file("v.yaml")
            .at(text, 2, 1);
        let shown = d.to_string();
        assert!(shown.contains("--> v.yaml:2:1"), "{shown}");
        assert!(shown.contains(" 2 | salery: 2\n   | ^"), "{shown}");
    }

    #[test]
    fn yaml_unknown_field_suggests_the_right_key() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct V {
            salary: Option<String>,
        }
        let text = "salery: 1\n";
        let err = serde_yaml::from_str::<V>(text).unwrap_err();
        let d = from_yaml("v.yaml", text, &Positions::index(text), &err);
        assert_eq!(d.line, Some(1));
        assert!(d.help.as_deref().unwrap_or("").contains("`salary`"), "{d}");
    }
}
