//! Requests: what to write (a vacancy's selectors and fields), and where each value came from.
//!
//! A value can come from a vacancy file (a key path, whose line and column the YAML index
//! knows), a command-line flag, a web form field or a JSON key. Each is a [`Provenance`], so
//! that one problem (an unknown role, say) names `--role`, `v.yaml:3:1` key `[2].role`, the form
//! field `role` or the JSON key `/role`, whichever the value really came from.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, from_yaml, suggest};
use crate::model::{FieldKind, VACANCY_FIELDS, Vacancy, VacancyField};
use crate::yaml::{Positions, Stop};
use crate::{Error, data};

/// The largest vacancies list jobgen reads: a list of thousands is larger than a data file may
/// be.
pub const MAX_VACANCIES_FILE: u64 = 64 * 1024 * 1024;

/// A YAML file that values came from: its text (without a byte-order mark) and where each key
/// is written in it.
#[derive(Debug)]
pub struct SourceFile {
    /// The file as messages name it.
    pub name: String,
    /// Its text, to show the offending line.
    pub text: Arc<str>,
    /// Where each key path is written.
    pub positions: Positions,
}

/// Where a value came from.
#[derive(Debug, Clone)]
pub enum Provenance {
    /// A command-line flag: `--role`.
    Flag(String),
    /// A key path of a YAML file: `[2].level`.
    File {
        /// The file.
        file: Arc<SourceFile>,
        /// The key path.
        path: String,
    },
    /// A field of a web form: `role`.
    Form(String),
    /// A key of a JSON document, as a JSON pointer: `/role`.
    Json {
        /// The document as messages name it (a file name, or `request body`).
        name: String,
        /// The pointer.
        pointer: String,
    },
}

impl Provenance {
    /// Makes `d` say where the value came from: the file, line, column and key path; or the
    /// flag, form field or JSON key.
    pub fn locate(&self, d: Diagnostic) -> Diagnostic {
        match self {
            Provenance::Flag(flag) => d.at_key(flag.as_str()),
            Provenance::File { file, path } => {
                d.in_file(&file.name)
                    .at_path(&file.text, &file.positions, path)
            }
            Provenance::Form(field) => d.from_origin("form field").at_key(field.as_str()),
            Provenance::Json { name, pointer } => d.in_file(name).at_key(pointer.as_str()),
        }
    }
}

/// Where in a file a vacancy was written.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file.
    pub file: Arc<SourceFile>,
    /// The key path of the vacancy in the file: empty, or `[2]` in a list.
    pub key_prefix: String,
}

impl Origin {
    /// The key path of `key` of this vacancy: `[2].level`.
    pub fn path(&self, key: &str) -> String {
        match (self.key_prefix.is_empty(), key.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => self.key_prefix.clone(),
            (false, false) => format!("{}.{key}", self.key_prefix),
        }
    }
}

/// What to write: the selectors and vacancy fields, and where each came from.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The vacancy: selectors and fields, with every flag, form field or JSON key folded in.
    pub vacancy: Vacancy,
    /// The file the vacancy came from, if any: the provenance of every value not in `given`.
    pub origin: Option<Origin>,
    /// Values given apart from the file (flags, form fields, JSON keys), by vacancy key.
    given: Vec<(String, Provenance)>,
}

/// A value written as text (a form field, a flag) as the JSON value of field `f`'s kind: a
/// number, `yes`/`no`, a list one item a line, or a map written in YAML or JSON
/// (`{min: 45000, max: 50000}`). Text that is none of those is passed on as text, for the
/// field's own reading to refuse with its message.
fn from_text(f: &VacancyField, text: &str) -> serde_json::Value {
    let text = text.trim();
    match f.kind {
        FieldKind::Text | FieldKind::Date | FieldKind::Choice => text.into(),
        FieldKind::Number => text
            .parse::<u64>()
            .map_or_else(|_| text.into(), serde_json::Value::from),
        FieldKind::YesNo => match text.to_lowercase().as_str() {
            "yes" | "true" => true.into(),
            "no" | "false" => false.into(),
            _ => text.into(),
        },
        FieldKind::List | FieldKind::Dates => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(serde_json::Value::from)
            .collect(),
        FieldKind::Money | FieldKind::Map => {
            serde_yaml::from_str::<serde_json::Value>(text).unwrap_or_else(|_| text.into())
        }
    }
}

/// Sets field `key` of `v` from a JSON value; numbers given to a text field are written as JSON
/// writes them.
fn set(v: &mut Vacancy, key: &str, value: serde_json::Value) -> Option<Result<(), String>> {
    let f = VacancyField::named(key)?;
    let value = match value {
        serde_json::Value::Number(n) if f.is_text() => n.to_string().into(),
        other => other,
    };
    Some((f.set)(v, value))
}

fn invalid(key: &str, message: String) -> Diagnostic {
    let about = VacancyField::named(key).map_or("", |f| f.about);
    Diagnostic::new(format!("invalid value: {message}")).help(format!(
        "`{key}` takes {about}; see the README's vacancy file reference"
    ))
}

/// The first text field of the vacancy at `prefix` (empty, `[2]` or `defaults`) written as a
/// plain `true` or `false`: YAML reads that as a boolean, which is most likely a value left out
/// or a mistake, so it is refused as yaml_serde would refuse any other boolean. A quoted
/// `"true"` is text and passes.
pub(crate) fn plain_booleans(
    name: &str,
    text: &str,
    positions: &Positions,
    prefix: &str,
) -> Option<Diagnostic> {
    if positions.has_no_booleans() {
        return None;
    }
    VACANCY_FIELDS.iter().filter(|f| f.is_text()).find_map(|f| {
        let key = f.key;
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        let b = positions.plain_boolean(&path)?;
        Some(
            Diagnostic::new(format!(
                "invalid type: boolean `{b}`, expected text (a string or a number)"
            ))
            .in_file(name)
            .at_value(text, positions, &path)
            .help("check the value's type against the README's data reference"),
        )
    })
}

fn unknown_key(key: &str) -> Diagnostic {
    let mut valid: Vec<&str> = VACANCY_FIELDS.iter().map(|f| f.key).collect();
    valid.push("extra");
    Diagnostic::new(format!("unknown field `{key}`")).help(suggest(key, valid))
}

impl Request {
    /// A request for `vacancy`, built by code: problems with its values name the flag of the
    /// same key (`--role`), as if it had been given on the command line.
    pub fn new(vacancy: Vacancy) -> Request {
        Request {
            vacancy,
            ..Request::default()
        }
    }

    /// Reads a vacancy file.
    pub fn from_vacancy_file(path: &Path) -> Result<Request, Error> {
        let text = crate::files::read_text(path)?;
        Ok(Self::from_yaml_str(&path.display().to_string(), &text)?)
    }

    /// Parses a vacancy written in YAML; `name` is the file as messages name it.
    pub fn from_yaml_str(name: &str, text: &str) -> Result<Request, Diagnostic> {
        let (vacancy, positions) = data::parse_str_located::<Vacancy>(name, text)?;
        let text = crate::yaml::strip_bom(text);
        if let Some(d) = plain_booleans(name, text, &positions, "") {
            return Err(d);
        }
        let file = Arc::new(SourceFile {
            name: name.to_string(),
            text: text.into(),
            positions,
        });
        Ok(Request {
            vacancy,
            origin: Some(Origin {
                file,
                key_prefix: String::new(),
            }),
            given: Vec::new(),
        })
    }

    /// Parses a vacancy written as a JSON object; `name` is the document as messages name it.
    /// Text fields take strings (or numbers, written as JSON writes them); `extra` takes an
    /// object. Every unknown key and wrong type is reported, each naming its JSON key.
    pub fn from_json_str(name: &str, text: &str) -> Result<Request, Diagnostics> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Diagnostic::new(format!("not valid JSON: {e}"))
                .in_file(name)
                .at(text, e.line(), e.column())
        })?;
        let serde_json::Value::Object(map) = value else {
            return Err(Diagnostic::new("a vacancy is a JSON object")
                .in_file(name)
                .help("write `{\"role\": \"...\", \"level\": \"...\"}`")
                .into());
        };
        let mut req = Request::default();
        let mut problems = Diagnostics::default();
        for (key, value) in map {
            let at = Provenance::Json {
                name: name.to_string(),
                pointer: format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            };
            if key == "extra" {
                match value {
                    serde_json::Value::Object(extra) => req.vacancy.extra.extend(extra),
                    serde_json::Value::Null => {}
                    _ => problems.push(
                        at.locate(
                            Diagnostic::new("`extra` is an object of values for templates")
                                .help("write `\"extra\": {\"team\": \"...\"}`"),
                        ),
                    ),
                }
                continue;
            }
            if value.is_null() {
                continue;
            }
            match set(&mut req.vacancy, &key, value) {
                Some(Ok(())) => req.given.push((key, at)),
                Some(Err(e)) => problems.push(at.locate(invalid(&key, e))),
                None => problems.push(at.locate(unknown_key(&key))),
            }
        }
        problems.into_result(req)
    }

    /// A request from a web form's fields, in order. A blank field is not given; a field named
    /// `extra.<name>` fills `extra`. Each value's provenance is its form field.
    pub fn from_form(pairs: &[(String, String)]) -> Result<Request, Diagnostics> {
        let mut req = Request::default();
        let mut problems = Diagnostics::default();
        for (name, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            let at = Provenance::Form(name.clone());
            if let Some(extra) = name.strip_prefix("extra.") {
                req.vacancy
                    .extra
                    .insert(extra.to_string(), value.clone().into());
                continue;
            }
            let Some(f) = VacancyField::named(name) else {
                problems.push(at.locate(unknown_key(name)));
                continue;
            };
            match (f.set)(&mut req.vacancy, from_text(f, value)) {
                Ok(()) => req.given.push((name.clone(), at)),
                Err(e) => problems.push(at.locate(invalid(name, e))),
            }
        }
        problems.into_result(req)
    }

    /// Sets `key` (`role`, `level`, `grade`, `org` or any other vacancy field) from the command
    /// line flag `--<key>`: it replaces a value from a file, and problems with it name the flag.
    ///
    /// # Panics
    /// If `key` is not a text vacancy field: flags are fixed by the program.
    pub fn with_flag(mut self, key: &str, value: impl Into<String>) -> Request {
        let f = VacancyField::named(key)
            .filter(|f| f.is_text())
            .unwrap_or_else(|| panic!("`{key}` is not a text vacancy field"));
        let set = (f.set)(&mut self.vacancy, value.into().into());
        debug_assert!(set.is_ok(), "a text field takes any text");
        self.given.retain(|(k, _)| k != key);
        self.given
            .push((key.to_string(), Provenance::Flag(format!("--{key}"))));
        self
    }

    /// Where the value of `key` came from. A key the vacancy leaves out is attributed to the
    /// file the vacancy came from (pointing at the vacancy), or else to its flag. `key` may be a
    /// path into a structured field (`salary.london`, `behaviours[2]`): a value given apart from
    /// the file is named by its field (a JSON key by its pointer into the value).
    pub fn provenance(&self, key: &str) -> Provenance {
        let field = key.split(['.', '[']).next().unwrap_or(key);
        if let Some((_, p)) = self.given.iter().rev().find(|(k, _)| k == field) {
            return match p {
                Provenance::Json { name, pointer } if field != key => {
                    let rest = key[field.len()..]
                        .replace('[', ".")
                        .replace(']', "")
                        .replace('.', "/");
                    Provenance::Json {
                        name: name.clone(),
                        pointer: format!("{pointer}{rest}"),
                    }
                }
                p => p.clone(),
            };
        }
        match &self.origin {
            Some(o) => Provenance::File {
                file: o.file.clone(),
                path: o.path(key),
            },
            // Only the selectors have flags; any other key was not given at all, and is named
            // as a vacancy file would write it.
            None if matches!(field, "org" | "role" | "level" | "grade") => {
                Provenance::Flag(format!("--{key}"))
            }
            None => Provenance::Flag(key.to_string()),
        }
    }

    /// Makes `d` say where the value of `key` came from.
    pub fn locate(&self, key: &str, d: Diagnostic) -> Diagnostic {
        self.provenance(key).locate(d)
    }
}

/// Reads a YAML list of vacancies. Every bad vacancy is reported (one problem each, at its own
/// line) and the others are still returned, so that a batch reports every problem in one go.
pub fn read_vacancies(path: &Path) -> Result<(Vec<Request>, Diagnostics), Error> {
    let text = crate::files::read_text_limited(path, MAX_VACANCIES_FILE)?;
    Ok(vacancies_from_str(&path.display().to_string(), &text)?)
}

/// Parses a YAML list of vacancies (block, flow or indented); `name` is the file as messages
/// name it. See [`read_vacancies`].
pub fn vacancies_from_str(
    name: &str,
    text: &str,
) -> Result<(Vec<Request>, Diagnostics), Diagnostic> {
    // The checks every YAML file gets (byte-order mark, control characters, aliases), and the
    // index.
    let (text, positions) = data::prepare(name, text)?;
    let file = Arc::new(SourceFile {
        name: name.to_string(),
        text: text.into(),
        positions,
    });
    let origin = |i: usize| Origin {
        file: file.clone(),
        key_prefix: format!("[{i}]"),
    };
    // The usual case, every vacancy well-formed, parses straight into vacancies.
    let whole = serde_yaml::from_str::<Vec<Vacancy>>(text);
    let no_vacancies = || {
        Diagnostic::new("the vacancies file lists no vacancies")
            .in_file(name)
            .help(
                "write a YAML list: each item starts with `- ` and has the keys of a vacancy file",
            )
    };
    let whole_error = match whole {
        Ok(vacancies) if vacancies.is_empty() => return Err(no_vacancies()),
        Ok(vacancies) => {
            let mut problems = Diagnostics::default();
            let mut requests = Vec::with_capacity(vacancies.len());
            for (i, vacancy) in vacancies.into_iter().enumerate() {
                match plain_booleans(name, text, &file.positions, &format!("[{i}]")) {
                    Some(d) => problems.push(d),
                    None => requests.push(Request {
                        vacancy,
                        origin: Some(origin(i)),
                        given: Vec::new(),
                    }),
                }
            }
            return Ok((requests, problems));
        }
        // Not a list, or not YAML: nothing to read item by item.
        Err(e)
            if file.positions.items.is_empty()
                || matches!(file.positions.stop, Some(Stop::Syntax { .. })) =>
        {
            return Err(from_yaml(name, text, &file.positions, &e));
        }
        Err(e) => e,
    };
    // Otherwise each item is parsed on its own, from its own text, to report every bad vacancy
    // where it is. The item's text is padded to its column, so that yaml_serde's positions are
    // the file's; only its line needs moving.
    let mut problems = Diagnostics::default();
    let mut out = Vec::with_capacity(file.positions.items.len());
    for (i, item) in file.positions.items.iter().enumerate() {
        let body = text.get(item.start..item.end).unwrap_or("");
        let item_text = format!("{}{body}", " ".repeat(item.pos.column - 1));
        let parsed = serde_yaml::from_str::<Vacancy>(&item_text);
        if parsed.is_ok()
            && let Some(d) = plain_booleans(name, text, &file.positions, &format!("[{i}]"))
        {
            problems.push(d);
            continue;
        }
        match parsed {
            Ok(vacancy) => out.push(Request {
                vacancy,
                origin: Some(origin(i)),
                given: Vec::new(),
            }),
            Err(e) => {
                let mut d = from_yaml(name, &item_text, &Positions::index(&item_text), &e);
                let key = d.key.take().unwrap_or_default();
                d.key = Some(if key.is_empty() {
                    format!("[{i}]")
                } else {
                    format!("[{i}].{key}")
                });
                match (d.line, d.column) {
                    (Some(line), Some(column)) => {
                        d = d.at(text, line + item.pos.line - 1, column);
                    }
                    _ => {
                        d = d.at(text, item.pos.line, item.pos.column);
                    }
                }
                problems.push(d);
            }
        }
    }
    // An alias to an anchor in another item cannot be read item by item: then, or if the items
    // disagree with the whole, report the problem of the whole list rather than ones that are
    // not there.
    if problems.is_empty() || problems.0.iter().any(|d| d.message == "unknown anchor") {
        return Err(from_yaml(name, text, &file.positions, &whole_error));
    }
    Ok((out, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn shown(d: &Diagnostic) -> String {
        d.to_string()
    }

    #[test]
    fn a_flag_overrides_the_file_and_becomes_the_provenance() {
        let req = Request::from_yaml_str("v.yaml", "role: a\nlevel: b\n")
            .unwrap_or_else(|d| panic!("{d}"))
            .with_flag("role", "c");
        assert_eq!(req.vacancy.role, Some(Text("c".into())));
        let d = req.locate("role", Diagnostic::new("unknown role `c`"));
        assert_eq!(d.key.as_deref(), Some("--role"));
        assert_eq!(d.file, None);
        let d = req.locate("level", Diagnostic::new("unknown level"));
        assert_eq!((d.file.as_deref(), d.line), (Some("v.yaml"), Some(2)));
    }

    #[test]
    fn a_form_field_and_a_json_key_are_named() {
        let form = Request::from_form(&[
            ("role".into(), "x".into()),
            ("salary".into(), String::new()),
        ])
        .unwrap_or_else(|d| panic!("{d}"));
        let d = form.locate("role", Diagnostic::new("unknown role `x`"));
        assert!(shown(&d).contains("--> form field"), "{d}");
        assert_eq!(d.key.as_deref(), Some("role"));
        assert_eq!(form.vacancy.salary, None);

        let json = Request::from_json_str("body.json", r#"{"role": "x", "hours": 37.5}"#)
            .unwrap_or_else(|d| panic!("{d}"));
        let d = json.locate("role", Diagnostic::new("unknown role `x`"));
        assert_eq!(d.key.as_deref(), Some("/role"));
        assert_eq!(d.file.as_deref(), Some("body.json"));
    }

    #[test]
    fn json_and_form_refuse_unknown_keys_with_a_suggestion() {
        let e = Request::from_json_str("b.json", r#"{"rol": "x", "salery": "1"}"#)
            .expect_err("unknown keys");
        assert_eq!(e.0.len(), 2);
        assert_eq!(e.0[0].key.as_deref(), Some("/rol"));
        assert!(
            e.0[1].help.as_deref().unwrap_or("").contains("`salary`"),
            "{e}"
        );
        let e = Request::from_form(&[("levle".into(), "1".into())]).expect_err("unknown");
        assert!(
            e.0[0].help.as_deref().unwrap_or("").contains("`level`"),
            "{e}"
        );
        let e = Request::from_json_str("b.json", r#"{"hours": true}"#).expect_err("bool");
        assert_eq!(e.0[0].key.as_deref(), Some("/hours"));
    }

    #[test]
    fn values_are_kept_exactly_as_written() {
        let req = Request::from_yaml_str(
            "v.yaml",
            "hours: 37.50\nsalary: 45000.00\nreference: 1e3\nlocation: 0x10\nnumber_of_jobs: 2\n",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let v = &req.vacancy;
        let get = |t: &Option<Text>| t.as_ref().map(|t| t.as_str().to_string());
        assert_eq!(get(&v.hours).as_deref(), Some("37.50"));
        assert_eq!(get(&v.salary).as_deref(), Some("45000.00"));
        assert_eq!(get(&v.reference).as_deref(), Some("1e3"));
        assert_eq!(get(&v.location).as_deref(), Some("0x10"));
        assert_eq!(get(&v.number_of_jobs).as_deref(), Some("2"));
        let e = Request::from_yaml_str("v.yaml", "role: a\nsalary: true\n").expect_err("boolean");
        assert!(e.message.contains("boolean `true`"), "{e}");
        assert_eq!((e.line, e.column), (Some(2), Some(9)));
        let quoted = Request::from_yaml_str("v.yaml", "salary: \"true\"\n")
            .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(quoted.vacancy.salary, Some(Text("true".into())));
        let (good, bad) = vacancies_from_str(
            "v.yaml",
            "- {role: a, hours: 37.50}\n- {role: a, hours: FALSE}\n",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!((good.len(), bad.0.len()), (1, 1));
        assert_eq!(bad.0[0].key.as_deref(), Some("[1].hours"));
    }

    #[test]
    fn a_form_and_json_set_structured_fields_and_name_their_parts() {
        let form = Request::from_form(&[
            ("salary_bands".into(), "{min: 45000, max: 50000}".into()),
            (
                "behaviours".into(),
                "Leadership\n\nWorking together\n".into(),
            ),
            ("experience_assessed".into(), "yes".into()),
            ("reserve_list_months".into(), "12".into()),
        ])
        .unwrap_or_else(|d| panic!("{d}"));
        let v = &form.vacancy;
        assert_eq!(v.salary_bands.as_ref().and_then(|b| b.max), Some(50000));
        assert_eq!(v.behaviours.as_ref().map(Vec::len), Some(2));
        assert_eq!(v.experience_assessed, Some(true));
        assert_eq!(v.reserve_list_months, Some(12));
        let e = Request::from_form(&[("reserve_list_months".into(), "a year".into())])
            .expect_err("not a number");
        assert_eq!(e.0[0].key.as_deref(), Some("reserve_list_months"));

        let json = Request::from_json_str(
            "b.json",
            r#"{"salary_bands": {"national": {"min": 1, "max": 2}}, "closing_date": "2027-01-28"}"#,
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let d = json.locate("salary_bands.national", Diagnostic::new("x"));
        assert_eq!(d.key.as_deref(), Some("/salary_bands/national"));
        let e = Request::from_json_str("b.json", r#"{"contact": {"name": "A"}}"#)
            .expect_err("no email");
        assert_eq!(e.0[0].key.as_deref(), Some("/contact"));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let req = Request::from_yaml_str("v.yaml", "\u{feff}role: a\nlevel: b\n")
            .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(req.vacancy.role, Some(Text("a".into())));
    }

    fn bad_levels(text: &str) -> Vec<(String, usize, usize)> {
        let (good, problems) = vacancies_from_str("v.yaml", text).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(good.len() + problems.0.len(), 3, "{problems}");
        problems
            .0
            .iter()
            .map(|d| {
                (
                    d.key.clone().unwrap_or_default(),
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0),
                )
            })
            .collect()
    }

    #[test]
    fn every_bad_vacancy_of_a_list_is_reported_at_its_own_line() {
        // Block.
        assert_eq!(
            bad_levels("- role: a\n  level: b\n- role: a\n  levle: b\n- role: a\n  level: [x]\n"),
            vec![("[1].levle".into(), 4, 3), ("[2].level".into(), 6, 10)]
        );
        // Indented.
        assert_eq!(
            bad_levels(
                "  - role: a\n    level: b\n  - role: a\n    levle: b\n  - role: a\n    level: [x]\n"
            ),
            vec![("[1].levle".into(), 4, 5), ("[2].level".into(), 6, 12)]
        );
        // Flow.
        assert_eq!(
            bad_levels("[{role: a, level: b},\n {role: a, levle: b},\n {role: a, level: [x]}]\n"),
            vec![("[1].levle".into(), 2, 12), ("[2].level".into(), 3, 19)]
        );
    }

    #[test]
    fn an_alias_to_another_vacancy_is_not_reported_as_a_problem_of_its_own() {
        let text = "- {role: a, level: &l b, salery: 1}\n- {role: a, level: *l}\n";
        let e = vacancies_from_str("v.yaml", text).expect_err("the list has a bad key");
        assert!(e.message.contains("unknown field `salery`"), "{e}");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn a_merge_problem_in_a_list_points_at_its_vacancy() {
        let (reqs, _) =
            vacancies_from_str("v.yaml", "[{role: a, level: b}, {role: a,\n  level: zz}]\n")
                .unwrap_or_else(|d| panic!("{d}"));
        let d = reqs[1].locate("level", Diagnostic::new("no level `zz`"));
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
        assert_eq!(d.key.as_deref(), Some("[1].level"));
    }
}
