//! The advert form: what a query string (`/advert?...`) asks for, and the form's fields built
//! from [`VACANCY_FIELDS`] as GOV.UK components' options, with the values typed and each field's
//! problems. A field added to the table appears in the form with no template change.
//!
//! The form is sent by GET, so the preview's address holds the whole vacancy. Besides the
//! vacancy's own keys it has page fields: `template`, `format` (downloads), a date's three parts
//! (`closing_date-day`, `-month`, `-year`, joined here into `YYYY-MM-DD`) and the level select,
//! whose value is `role/level` so that one select works with JavaScript off.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::Session;
use crate::diagnostics::Diagnostic;
use crate::model::{FieldKind, VACANCY_FIELDS, VacancyField};
use crate::web::api::{org_summaries, roles_by_family};

/// The parts of a date input, in the order GOV.UK shows them.
const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// The fieldsets of the form, in order, and the vacancy keys each holds. A field in none of
/// them goes in the last, "Other details".
const GROUPS: &[(&str, &[&str])] = &[
    (
        "About the job",
        &[
            "reference",
            "type_of_role",
            "business_area",
            "contract_type",
            "length_of_employment",
            "working_pattern",
            "number_of_jobs",
            "hours",
            "reports_to",
        ],
    ),
    ("Pay", &["salary", "salary_bands"]),
    (
        "Dates",
        &["closing_date", "interview_dates", "reserve_list_months"],
    ),
    ("Where and how", &["location", "working_arrangement"]),
    (
        "Candidate requirements",
        &["security_clearance", "nationality", "person_specification"],
    ),
    (
        "Selection",
        &[
            "behaviours",
            "behaviours_at_application",
            "technical_skills",
            "experience_assessed",
            "strengths_assessed",
            "selection",
        ],
    ),
    ("Contact", &["contact"]),
];

/// The fields the form shows before the fieldsets, as selects: the department, the role and
/// level, the grade.
const SELECTORS: &[&str] = &["org", "role", "level", "grade"];

/// What a query string asks for.
#[derive(Debug, Default)]
pub(crate) struct Input {
    /// The values as typed, by form field name (the last of a repeated field), to show again.
    pub(crate) values: HashMap<String, String>,
    /// The vacancy's fields, for [`crate::request::Request::from_form`].
    pub(crate) pairs: Vec<(String, String)>,
    /// The document kind: `template` (default `advert`).
    pub(crate) template: String,
    /// `format`, for a download.
    pub(crate) format: Option<String>,
}

impl Input {
    /// Reads a query string: page fields apart, dates joined, `level=role/level` split.
    pub(crate) fn parse(query: &str) -> Input {
        let mut input = Input {
            template: "advert".into(),
            ..Input::default()
        };
        let raw: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        for (key, value) in &raw {
            input.values.insert(key.clone(), value.clone());
        }
        for (key, value) in raw {
            if let Some(date) = date_key(&key) {
                // Joined once, at the first of its parts.
                if input.pairs.iter().any(|(k, _)| k == date) {
                    continue;
                }
                let joined = input.joined_date(date);
                input.pairs.push((date.to_string(), joined));
                continue;
            }
            match key.as_str() {
                "template" => {
                    if !value.trim().is_empty() {
                        input.template = value.trim().to_string();
                    }
                }
                "format" => input.format = Some(value),
                "level" => match value.split_once('/') {
                    Some((role, level)) => {
                        input.pairs.push(("role".into(), role.into()));
                        input.pairs.push(("level".into(), level.into()));
                    }
                    None => input.pairs.push((key, value)),
                },
                _ => {
                    // A date given whole (`closing_date=2027-01-28`) is kept as given.
                    if input.pairs.iter().any(|(k, _)| *k == key) && is_date(&key) {
                        continue;
                    }
                    input.pairs.push((key, value));
                }
            }
        }
        input
    }

    /// A date field's parts joined: `YYYY-MM-DD` when they are numbers, else as written
    /// (`28 January 2027`), for the library to read or refuse.
    fn joined_date(&self, key: &str) -> String {
        let part = |p: &str| {
            self.values
                .get(&format!("{key}-{p}"))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let (day, month, year) = (part("day"), part("month"), part("year"));
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return self.values.get(key).cloned().unwrap_or_default();
        }
        let numbers = [&day, &month, &year]
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
        if numbers && year.len() == 4 && day.len() <= 2 && month.len() <= 2 {
            format!("{year}-{month:0>2}-{day:0>2}")
        } else {
            [day, month, year]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    /// The value typed in form field `name`, or empty.
    fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// A date's three parts as typed, or taken from a whole date (`2027-01-28`) in the address.
    fn date_parts(&self, key: &str) -> [String; 3] {
        let typed = DATE_PARTS.map(|p| self.value(&format!("{key}-{p}")).to_string());
        if typed.iter().any(|s| !s.is_empty()) {
            return typed;
        }
        let whole = self.value(key);
        let mut parts = whole.splitn(3, '-');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d)) if y.len() == 4 => [d.into(), m.into(), y.into()],
            _ => typed,
        }
    }
}

/// True for a date field's key.
fn is_date(key: &str) -> bool {
    VacancyField::named(key).is_some_and(|f| f.kind == FieldKind::Date)
}

/// The date field a date part's name belongs to: `closing_date-day` is `closing_date`'s.
fn date_key(name: &str) -> Option<&str> {
    let (key, part) = name.rsplit_once('-')?;
    (DATE_PARTS.contains(&part) && is_date(key)).then_some(key)
}

/// The id of the form control a problem with vacancy key `key` links to: the level select for
/// the role and level, a date's day input for a date.
pub(crate) fn field_id(key: &str) -> Option<String> {
    let key = key.strip_prefix("extra.").unwrap_or(key);
    match key {
        "role" | "level" => Some("level".into()),
        "template" => Some("template".into()),
        _ if is_date(key) => Some(format!("{key}-day")),
        _ => VacancyField::named(key).map(|f| f.key.to_string()),
    }
}

/// The words of a problem as the page shows them: the message and what to do.
pub(crate) fn words(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} – {help}", d.message),
        None => d.message.clone(),
    }
}

/// One entry of the error summary.
#[derive(Serialize)]
pub(crate) struct ErrorLink {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<String>,
}

/// The problems, as the error summary lists them and as each field shows its own.
#[derive(Default)]
pub(crate) struct Errors {
    /// The summary's entries, in order.
    pub(crate) list: Vec<ErrorLink>,
    /// The message at each field, by field key (`level`, `closing_date`).
    at: HashMap<String, String>,
}

impl Errors {
    /// The problems of `diagnostics`, each tied to its form field where it has one.
    pub(crate) fn new(diagnostics: &[Diagnostic]) -> Errors {
        let mut errors = Errors::default();
        for d in diagnostics {
            let text = words(d);
            let id = d.key.as_deref().and_then(field_id);
            let field = d.key.as_deref().map(|k| match k {
                "role" => "level",
                other => other,
            });
            if let (Some(_), Some(field)) = (&id, field) {
                errors
                    .at
                    .entry(field.to_string())
                    .and_modify(|t| {
                        t.push_str("; ");
                        t.push_str(&text);
                    })
                    .or_insert_with(|| text.clone());
            }
            errors.list.push(ErrorLink {
                text,
                href: id.map(|i| format!("#{i}")),
            });
        }
        errors
    }

    /// True when there is none.
    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn message(&self, key: &str) -> Option<Value> {
        self.at.get(key).map(|t| json!({ "text": t }))
    }
}

/// One control of the form: the component that draws it and its GOV.UK options.
#[derive(Serialize)]
struct Control {
    component: &'static str,
    params: Value,
}

/// One fieldset of the form.
#[derive(Serialize)]
struct Group {
    legend: &'static str,
    controls: Vec<Control>,
}

/// The form's fieldsets with every value typed and every problem at its field.
#[derive(Serialize)]
pub(crate) struct Form {
    /// The selects at the top: department, level, grade, document.
    selectors: Vec<Control>,
    /// The vacancy's other fields, in fieldsets.
    groups: Vec<Group>,
}

/// `(value, text)` items of a select, the one equal to `chosen` selected; a `chosen` value not
/// among them is added first, so a value typed wrong is kept and shown.
fn options(items: Vec<(String, String)>, chosen: &str) -> Vec<Value> {
    let mut out = Vec::new();
    if !chosen.is_empty() && !items.iter().any(|(v, _)| v == chosen) {
        out.push(
            json!({"value": chosen, "text": format!("{chosen} (not found)"), "selected": true}),
        );
    }
    out.extend(items.into_iter().map(
        |(v, t)| json!({"selected": v == chosen && !chosen.is_empty(), "value": v, "text": t}),
    ));
    out
}

/// The form for `input`, with `errors` at their fields.
pub(crate) fn build(session: &Session, input: &Input, errors: &Errors) -> Form {
    let data = &session.data;
    // The department.
    let org = input.value("org");
    let mut orgs = vec![(String::new(), "No department".to_string())];
    orgs.extend(
        org_summaries(data)
            .into_iter()
            .map(|o| (o.id.to_string(), o.name.to_string())),
    );
    let org_select = json!({
        "name": "org", "id": "org",
        "label": {"text": "Department", "classes": "govuk-label--s"},
        "hint": {"text": "Its own wording, look and checks; or none for the framework's text alone."},
        "items": options(orgs, org),
        "errorMessage": errors.message("org"),
    });

    // The role and level: one select, a group per role, value `role/level`.
    let role = input
        .pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "role")
        .map_or("", |(_, v)| v.as_str());
    let level = input
        .pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "level")
        .map_or("", |(_, v)| v.as_str());
    let chosen = if role.is_empty() && level.is_empty() {
        String::new()
    } else {
        format!("{role}/{level}")
    };
    let mut level_items = vec![json!({"value": "", "text": "Choose a role and level"})];
    let mut found = false;
    // Roles by job family, then name: the family is in each group's label.
    for r in roles_by_family(data) {
        let items: Vec<Value> = r
            .levels
            .iter()
            .map(|l| {
                let value = format!("{}/{}", r.id, l.id);
                let selected = value == chosen;
                found |= selected;
                json!({"value": value, "text": l.name, "selected": selected})
            })
            .collect();
        level_items.push(json!({"text": format!("{} ({})", r.name, r.family), "items": items}));
    }
    if !chosen.is_empty() && !found {
        level_items.insert(
            1,
            json!({"value": chosen, "text": format!("{chosen} (not found)"), "selected": true}),
        );
    }
    let level_select = json!({
        "name": "level", "id": "level",
        "label": {"text": "Role and level", "classes": "govuk-label--s"},
        "hint": {"text": "The Capability Framework role, grouped by role (and its job family), then the level."},
        "items": level_items,
        "errorMessage": errors.message("level"),
    });

    // The grade: the chosen level's indicative grades first.
    let indicative: Vec<String> = data
        .role(role)
        .and_then(|r| {
            r.levels
                .iter()
                .find(|l| l.id == level)
                .map(|l| r.indicative_grades(l).to_vec())
        })
        .unwrap_or_default();
    let grade = input.value("grade");
    let grade_text = |id: &str| {
        data.grade(id)
            .map_or(id.to_string(), |g| format!("{} ({})", g.id, g.name))
    };
    // A grade given in another case is that grade: its option is the one selected.
    let chosen = data.grade(grade).map_or(grade, |g| g.id.as_str());
    let option = |id: &str| json!({"value": id, "text": grade_text(id), "selected": id == chosen});
    let mut grade_items =
        vec![json!({"value": "", "text": "Not given", "selected": chosen.is_empty()})];
    if !chosen.is_empty() && data.grade(chosen).is_none() {
        grade_items.push(
            json!({"value": chosen, "text": format!("{chosen} (not found)"), "selected": true}),
        );
    }
    if indicative.is_empty() {
        grade_items.extend(data.grades.iter().map(|g| option(&g.id)));
    } else {
        let first: Vec<Value> = indicative.iter().map(|g| option(g)).collect();
        let rest: Vec<Value> = data
            .grades
            .iter()
            .filter(|g| !indicative.contains(&g.id))
            .map(|g| option(&g.id))
            .collect();
        grade_items.push(json!({"text": "The level's indicative grades", "items": first}));
        grade_items.push(json!({"text": "Other grades", "items": rest}));
    }
    let grade_hint = if indicative.is_empty() {
        "Every grade; once a level is chosen and previewed, its indicative grades come first."
            .to_string()
    } else {
        format!("The level's indicative grades: {}.", indicative.join(", "))
    };
    let grade_select = json!({
        "name": "grade", "id": "grade",
        "label": {"text": "Grade", "classes": "govuk-label--s"},
        "hint": {"text": grade_hint},
        "items": grade_items,
        "errorMessage": errors.message("grade"),
    });

    let template = input.template.as_str();
    let template_select = json!({
        "name": "template", "id": "template",
        "label": {"text": "Document", "classes": "govuk-label--s"},
        "items": options(
            crate::document::KINDS
                .iter()
                .map(|k| (k.name().to_string(), format!("{} – {}", k.name(), k.about())))
                .collect(),
            template,
        ),
        "errorMessage": errors.message("template"),
    });

    let selectors = [org_select, level_select, grade_select, template_select]
        .into_iter()
        .map(|params| Control {
            component: "select",
            params,
        })
        .collect();

    let mut groups: Vec<Group> = GROUPS
        .iter()
        .map(|(legend, _)| Group {
            legend,
            controls: Vec::new(),
        })
        .collect();
    groups.push(Group {
        legend: "Other details",
        controls: Vec::new(),
    });
    for f in VACANCY_FIELDS
        .iter()
        .filter(|f| !SELECTORS.contains(&f.key))
    {
        let at = GROUPS
            .iter()
            .position(|(_, keys)| keys.contains(&f.key))
            .unwrap_or(GROUPS.len());
        groups[at].controls.push(control(session, f, input, errors));
    }
    groups.retain(|g| !g.controls.is_empty());
    Form { selectors, groups }
}

/// `text` as a sentence: a capital first letter and a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// The control of field `f`, by its kind.
fn control(session: &Session, f: &VacancyField, input: &Input, errors: &Errors) -> Control {
    let label = f.label.unwrap_or(f.key);
    let hint = sentence(&f.about.replace('`', ""));
    let value = input.value(f.key);
    let error = errors.message(f.key);
    let (component, params) = match f.kind {
        FieldKind::Date => {
            let parts = input.date_parts(f.key);
            let classes = [
                "govuk-input--width-2",
                "govuk-input--width-2",
                "govuk-input--width-4",
            ];
            let items: Vec<Value> = DATE_PARTS
                .iter()
                .zip(parts)
                .zip(classes)
                .map(|((name, value), classes)| json!({"name": name, "value": value, "classes": classes}))
                .collect();
            (
                "date_input",
                json!({
                    "id": f.key, "namePrefix": f.key,
                    "fieldset": {"legend": {"text": label, "classes": "govuk-fieldset__legend--s"}},
                    // The field's `about` names the formats a vacancy file takes; the three inputs are
                    // GOV.UK's, so the hint is GOV.UK's example.
                    "hint": {"text": "For example, 28 1 2027"},
                    "items": items,
                    "errorMessage": error,
                }),
            )
        }
        FieldKind::YesNo => (
            "radios",
            json!({
                "name": f.key, "idPrefix": f.key, "classes": "govuk-radios--inline govuk-radios--small",
                "fieldset": {"legend": {"text": label, "classes": "govuk-fieldset__legend--s"}},
                "hint": {"text": hint},
                "value": value.trim().to_lowercase(),
                "items": [
                    {"value": "yes", "text": "Yes"},
                    {"value": "no", "text": "No"},
                    {"value": "", "text": "Not given"},
                ],
                "errorMessage": error,
            }),
        ),
        FieldKind::Choice => {
            let rules = match f.key {
                "security_clearance" => &session.data.security,
                _ => &session.data.nationality,
            };
            let mut items = vec![(String::new(), "Not given".to_string())];
            items.extend(rules.iter().map(|r| (r.id.clone(), r.name.clone())));
            (
                "select",
                json!({
                    "name": f.key, "id": f.key,
                    "label": {"text": label, "classes": "govuk-label--s"},
                    "hint": {"text": hint},
                    "items": options(items, value),
                    "errorMessage": error,
                }),
            )
        }
        FieldKind::List | FieldKind::Dates | FieldKind::Map | FieldKind::Money => {
            let how = match f.kind {
                FieldKind::List | FieldKind::Dates => "One a line.",
                _ => "In YAML, as a vacancy file writes it.",
            };
            (
                "textarea",
                json!({
                    "name": f.key, "id": f.key,
                    "rows": 3,
                    "label": {"text": label, "classes": "govuk-label--s"},
                    "hint": {"text": format!("{how} {hint}")},
                    "value": value,
                    "errorMessage": error,
                }),
            )
        }
        FieldKind::Number => (
            "input",
            json!({
                "name": f.key, "id": f.key, "inputmode": "numeric",
                "classes": "govuk-input--width-4",
                "label": {"text": label, "classes": "govuk-label--s"},
                "hint": {"text": hint},
                "value": value,
                "errorMessage": error,
            }),
        ),
        FieldKind::Text => (
            "input",
            json!({
                "name": f.key, "id": f.key,
                "label": {"text": label, "classes": "govuk-label--s"},
                "hint": {"text": hint},
                "value": value,
                "errorMessage": error,
            }),
        ),
    };
    let mut params = params;
    // Leave out options with no value: the components test for their presence.
    if let Value::Object(map) = &mut params {
        map.retain(|_, v| !v.is_null());
    }
    Control { component, params }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_joined_and_the_level_select_split() {
        let input = Input::parse(
            "level=devops-engineer%2Fsenior-devops-engineer&closing_date-day=3&closing_date-month=2\
             &closing_date-year=2027&template=summary&format=docx&salary=",
        );
        assert_eq!(input.template, "summary");
        assert_eq!(input.format.as_deref(), Some("docx"));
        let pairs: Vec<(&str, &str)> = input
            .pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("role", "devops-engineer"),
                ("level", "senior-devops-engineer"),
                ("closing_date", "2027-02-03"),
                ("salary", ""),
            ]
        );
        assert_eq!(
            Input::parse("closing_date-day=28&closing_date-month=January&closing_date-year=2027")
                .pairs,
            [("closing_date".to_string(), "28 January 2027".to_string())]
        );
        assert_eq!(
            Input::parse("closing_date=2027-01-28").date_parts("closing_date"),
            ["28", "01", "2027"]
        );
    }

    #[test]
    fn problems_link_to_their_fields() {
        assert_eq!(field_id("role").as_deref(), Some("level"));
        assert_eq!(
            field_id("closing_date").as_deref(),
            Some("closing_date-day")
        );
        assert_eq!(field_id("salary").as_deref(), Some("salary"));
        assert_eq!(field_id("--nothing"), None);
    }
}
