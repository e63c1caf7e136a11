//! The Civil Service Jobs export: every field of Civil Service Jobs' advert form, under its exact
//! label and in its order, as plain text ready to paste (`csj`) or as JSON for systems that post
//! to Civil Service Jobs or an applicant tracking system (`csj-json`).
//!
//! The fields are worked out once, at the merge ([`fields`], from the [`Advert`] and the list
//! values of `data/csj.yaml`), and kept in the advert; the two encodings only write them out.
//! A required field that is empty is written as empty and listed by [`incomplete`], which the
//! commands use to refuse the export unless `--allow-incomplete` is given.

use serde::Serialize;

use super::{EncodeError, Encoding, RenderContext};
use crate::advert::{Advert, BlockView};
use crate::diagnostics::Diagnostic;
use crate::model::CsjLists;
use crate::request::Request;

/// One field of the Civil Service Jobs form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsjField {
    /// Its label, exactly as Civil Service Jobs shows it: `Job grade`.
    pub label: &'static str,
    /// The vacancy key that fills it, where one does (`location`), so a problem can name it.
    pub key: Option<&'static str>,
    /// True when every advert on Civil Service Jobs has it.
    pub required: bool,
    /// True when Civil Service Jobs offers a list of values for it (`data/csj.yaml`).
    pub list: bool,
    /// The text to paste: plain, no Markdown; bullets as `• `; empty when not given.
    pub value: String,
    /// Its length in characters.
    pub characters: usize,
}

/// A value that is not one of Civil Service Jobs' list values.
#[derive(Debug, Clone, PartialEq)]
pub struct ListMiss {
    /// The vacancy key.
    pub key: &'static str,
    /// The field's label.
    pub label: &'static str,
    /// The value as given.
    pub value: String,
    /// The values the list offers.
    pub offered: Vec<String>,
}

/// `[text](url)` -> `text (url)`; a `mailto:` link gives its text only when the text is the
/// address.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](") else {
            break;
        };
        let Some(close) = rest[open + mid..].find(')') else {
            break;
        };
        let label = &rest[open + 1..open + mid];
        let url = &rest[open + mid + 2..open + mid + close];
        out.push_str(&rest[..open]);
        out.push_str(label);
        let address = url.strip_prefix("mailto:").unwrap_or(url);
        if address != label {
            out.push_str(&format!(" ({address})"));
        }
        rest = &rest[open + mid + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Paragraphs, and bullets as Civil Service Jobs shows them: `• item`. Only department text
/// ([`Text::blocks`]) has links to turn into plain text; other text is kept as written.
struct Text(Vec<String>);

impl Text {
    fn new() -> Text {
        Text(Vec::new())
    }
    fn para(&mut self, p: impl AsRef<str>) -> &mut Text {
        let p = p.as_ref().trim();
        if !p.is_empty() {
            self.0.push(p.to_string());
        }
        self
    }
    fn bullets<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Text {
        if !items.is_empty() {
            let list: Vec<String> = items
                .iter()
                .map(|i| format!("• {}", i.as_ref().trim()))
                .collect();
            self.0.push(list.join("\n"));
        }
        self
    }
    fn blocks(&mut self, blocks: &[BlockView]) -> &mut Text {
        for b in blocks {
            if b.kind == "list" {
                let items: Vec<String> = b.items.iter().map(|i| plain(i)).collect();
                self.bullets(&items);
            } else {
                self.para(plain(&b.text));
            }
        }
        self
    }
    fn done(&self) -> String {
        self.0.join("\n\n")
    }
}

/// `full time` and `Full-time` alike: lower case, letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each comma-separated item of `value` as the list value it names (equal ignoring case and
/// punctuation, or the start of one: `Flexible` is `Flexible working`).
fn to_list(
    key: &'static str,
    label: &'static str,
    value: Option<&str>,
    offered: &[String],
    misses: &mut Vec<ListMiss>,
) -> String {
    let Some(value) = value else {
        return String::new();
    };
    let mut out: Vec<&str> = Vec::new();
    for item in value.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let s = squash(item);
        let found = offered.iter().find(|o| squash(o) == s).or_else(|| {
            offered
                .iter()
                .find(|o| !s.is_empty() && squash(o).starts_with(&s))
        });
        match found {
            Some(o) if !out.contains(&o.as_str()) => out.push(o),
            Some(_) => {}
            None => {
                misses.push(ListMiss {
                    key,
                    label,
                    value: item.to_string(),
                    offered: offered.to_vec(),
                });
                out.push(item);
            }
        }
    }
    out.join(", ")
}

/// Every field of the Civil Service Jobs form for `a`, in the form's order, and the values that
/// are not on Civil Service Jobs' lists.
pub(crate) fn fields(a: &Advert, lists: &CsjLists) -> (Vec<CsjField>, Vec<ListMiss>) {
    let mut misses = Vec::new();
    let v = |key: &str| a.vacancy.get(key).cloned().flatten();
    let c = &a.candidate;
    let mut out = Vec::new();
    let mut push =
        |label: &'static str, key: Option<&'static str>, required, list, value: String| {
            out.push(CsjField {
                label,
                key,
                required,
                list,
                characters: value.chars().count(),
                value,
            });
        };
    push(
        "Reference number",
        Some("reference"),
        false,
        false,
        v("reference").unwrap_or_default(),
    );
    push(
        "Salary",
        Some("salary"),
        true,
        false,
        v("salary").unwrap_or_default(),
    );
    let grade = a
        .grades
        .iter()
        .map(|g| lists.grades.get(&g.id).map_or("Other", String::as_str))
        .collect::<Vec<_>>()
        .join(", ");
    push("Job grade", Some("grade"), true, true, grade);
    let contract = to_list(
        "contract_type",
        "Contract type",
        v("contract_type").as_deref(),
        &lists.contract_types,
        &mut misses,
    );
    let fixed_term = squash(&contract).contains("fixed");
    push("Contract type", Some("contract_type"), true, true, contract);
    if fixed_term || v("length_of_employment").is_some() {
        push(
            "Length of employment",
            Some("length_of_employment"),
            fixed_term,
            false,
            v("length_of_employment").unwrap_or_default(),
        );
    }
    push(
        "Business area",
        Some("business_area"),
        true,
        false,
        v("business_area").unwrap_or_default(),
    );
    let type_of_role = to_list(
        "type_of_role",
        "Type of role",
        v("type_of_role").as_deref(),
        &lists.types_of_role,
        &mut misses,
    );
    push(
        "Type of role",
        Some("type_of_role"),
        true,
        true,
        type_of_role,
    );
    let pattern = to_list(
        "working_pattern",
        "Working pattern",
        v("working_pattern").as_deref(),
        &lists.working_patterns,
        &mut misses,
    );
    push(
        "Working pattern",
        Some("working_pattern"),
        true,
        true,
        pattern,
    );
    push(
        "Number of jobs available",
        Some("number_of_jobs"),
        true,
        false,
        v("number_of_jobs").unwrap_or_default(),
    );
    let mut location = Text::new();
    location.para(v("location").unwrap_or_default());
    if let Some(w) = &c.working_arrangement {
        location.para(w);
    }
    push("Location", Some("location"), true, false, location.done());

    let mut summary = Text::new();
    for s in &a.about {
        summary.blocks(&s.body);
    }
    summary.para(&a.level.summary).para(&a.role.summary);
    push("Job summary", None, true, false, summary.done());
    let mut description = Text::new();
    for s in &a.sections {
        description.para(&s.title).blocks(&s.body);
    }
    description
        .para("At this role level, you will:")
        .bullets(&a.level.responsibilities);
    push("Job description", None, true, false, description.done());
    let mut spec = Text::new();
    if let Some(p) = &c.person_specification {
        if !p.essential.is_empty() {
            spec.para("Essential criteria:").bullets(&p.essential);
        }
        if !p.desirable.is_empty() {
            spec.para("Desirable criteria:").bullets(&p.desirable);
        }
    }
    push(
        "Person specification",
        Some("person_specification"),
        true,
        false,
        spec.done(),
    );
    if let Some(profile) = a
        .level
        .profile
        .as_ref()
        .filter(|p| !p.qualifications.is_empty())
    {
        let q: Vec<String> = profile
            .qualifications
            .iter()
            .map(|q| format!("{}, awarded by {}", q.name, q.awarding_body))
            .collect();
        let mut t = Text::new();
        t.para("These qualifications are desirable, not essential:")
            .bullets(&q);
        push("Qualifications", None, false, false, t.done());
    }
    let mut behaviours = Text::new();
    if let Some(b) = &c.behaviours {
        let names: Vec<&str> = b.items.iter().map(|b| b.name.as_str()).collect();
        let level = b
            .level
            .map(|l| format!(", at Success Profiles level {l},"))
            .unwrap_or_default();
        behaviours
            .para(format!(
                "We’ll assess you against these behaviours{level} during the selection process:"
            ))
            .bullets(&names);
        if !b.at_application.is_empty() {
            behaviours.para(format!(
                "The application form asks for evidence of: {}.",
                b.at_application.join(", ")
            ));
        }
    }
    push(
        "Behaviours",
        Some("behaviours"),
        false,
        false,
        behaviours.done(),
    );
    let mut technical = Text::new();
    if c.assessed {
        let skills: Vec<String> = c
            .technical_skills
            .iter()
            .map(|s| format!("{} ({})", s.name, s.level))
            .collect();
        technical
            .para("We’ll assess you against these technical skills during the selection process:")
            .bullets(&skills);
    }
    push(
        "Technical skills",
        Some("technical_skills"),
        false,
        false,
        technical.done(),
    );
    if c.experience_assessed {
        push(
            "Experience",
            Some("experience_assessed"),
            false,
            false,
            "We’ll assess your experience.".into(),
        );
    }
    if c.strengths_assessed {
        push(
            "Strengths",
            Some("strengths_assessed"),
            false,
            false,
            "We’ll assess your strengths.".into(),
        );
    }
    let mut benefits = Text::new();
    if let Some(p) = c.pay.as_ref().and_then(|p| p.pension.as_ref()) {
        benefits.para(format!("{}.", p.text));
    }
    if let Some(o) = &a.org {
        benefits.blocks(&o.benefits);
    }
    push("Benefits", None, false, false, benefits.done());
    let mut selection = Text::new();
    for step in &c.selection {
        selection.para(step);
    }
    if !c.interview_dates.is_empty() {
        let dates: Vec<&str> = c.interview_dates.iter().map(|d| d.text.as_str()).collect();
        selection.para(format!("Interviews are expected on {}.", dates.join(", ")));
    }
    if let Some(r) = &c.reserve_list {
        selection.para(r);
    }
    push(
        "Selection process details",
        Some("selection"),
        true,
        false,
        selection.done(),
    );
    push(
        "Security",
        Some("security_clearance"),
        false,
        false,
        c.security
            .as_ref()
            .map(|r| r.sentence.clone())
            .unwrap_or_default(),
    );
    push(
        "Nationality requirements",
        Some("nationality"),
        true,
        false,
        c.nationality
            .as_ref()
            .map(|r| r.sentence.clone())
            .unwrap_or_default(),
    );
    let mut working = Text::new();
    if let Some(o) = &a.org {
        working
            .blocks(&o.working_for_us)
            .blocks(&o.diversity)
            .blocks(&o.reasonable_adjustments)
            .blocks(&o.further_information);
    }
    push(
        "Working for the Civil Service",
        None,
        false,
        false,
        working.done(),
    );
    push(
        "Contact point for applicants",
        Some("contact"),
        true,
        false,
        c.contact
            .as_ref()
            .map(|c| format!("{}\nEmail: {}", c.name, c.email))
            .unwrap_or_default(),
    );
    push(
        "Closing date",
        Some("closing_date"),
        true,
        false,
        c.closing_date
            .as_ref()
            .map(|d| format!("Apply before 11:55 pm on {}", d.text))
            .unwrap_or_default(),
    );
    (out, misses)
}

/// Why the export cannot be written in `formats` for `advert`: the required fields that are
/// empty, each as an error naming the vacancy key that fills it (located where `req` gave its
/// values). `None` when there are none, when no format is the export, or when `allow_incomplete`
/// (`--allow-incomplete`): every front end refuses an incomplete export through this one check.
pub fn incomplete(
    advert: &Advert,
    req: &Request,
    formats: &[super::Format],
    allow_incomplete: bool,
) -> Option<Vec<Diagnostic>> {
    if allow_incomplete || !formats.iter().any(|f| f.is_csj()) {
        return None;
    }
    let missing: Vec<Diagnostic> = advert
        .csj
        .iter()
        .filter(|f| f.required && f.value.trim().is_empty())
        .map(|f| {
            let d = Diagnostic::new(format!(
                "the Civil Service Jobs field \"{}\" is required and empty",
                f.label
            ));
            match f.key {
                Some(key) => req.locate(
                    key,
                    d.help(format!(
                        "give `{key}` in the vacancy (or the department's defaults), or pass --allow-incomplete to write the export anyway"
                    )),
                ),
                None => d.help(
                    "it comes from the department's text and the role level; pass --allow-incomplete to write the export anyway",
                ),
            }
        })
        .collect();
    (!missing.is_empty()).then_some(missing)
}

fn fields_of<'a>(
    ctx: &'a RenderContext<'_>,
    format: &'static str,
) -> Result<&'a [CsjField], EncodeError> {
    ctx.advert.map(|a| a.csj.as_slice()).ok_or(EncodeError {
        format,
        message: "the Civil Service Jobs export is made from one vacancy".into(),
    })
}

/// The export as plain text.
pub(super) struct Csj;

impl Encoding for Csj {
    fn name(&self) -> &'static str {
        "csj"
    }
    fn help(&self) -> &'static str {
        "The Civil Service Jobs fields as plain text to paste, each with its character count"
    }
    fn extension(&self) -> &'static str {
        "csj.txt"
    }
    fn media_type(&self) -> &'static str {
        "text/plain; charset=utf-8"
    }
    fn link_label(&self) -> &'static str {
        "Civil Service Jobs fields"
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        let fields = fields_of(ctx, "Civil Service Jobs")?;
        let mut out = format!(
            "Civil Service Jobs fields: {}\nEach field: its label as Civil Service Jobs shows it and its length, then the text to paste.\n",
            ctx.document.meta.title
        );
        for f in fields {
            let note = match (f.value.is_empty(), f.required) {
                (true, true) => "required, empty".to_string(),
                (true, false) => "empty".to_string(),
                (false, _) => match f.characters {
                    1 => "1 character".to_string(),
                    n => format!("{n} characters"),
                },
            };
            out.push_str(&format!("\n=== {} ({note}) ===\n", f.label));
            if !f.value.is_empty() {
                out.push_str(&f.value);
                out.push('\n');
            }
        }
        Ok(out.into_bytes())
    }
}

/// The export as JSON.
pub(super) struct CsjJson;

/// What `csj-json` writes.
#[derive(Serialize)]
struct Export<'a> {
    title: &'a str,
    fields: &'a [CsjField],
    missing: Vec<&'a str>,
}

impl Encoding for CsjJson {
    fn name(&self) -> &'static str {
        "csj-json"
    }
    fn help(&self) -> &'static str {
        "The Civil Service Jobs fields as JSON, for systems that post adverts"
    }
    fn extension(&self) -> &'static str {
        "csj.json"
    }
    fn media_type(&self) -> &'static str {
        "application/json"
    }
    fn link_label(&self) -> &'static str {
        "Civil Service Jobs fields (JSON)"
    }
    fn write(&self, ctx: &RenderContext<'_>) -> Result<Vec<u8>, EncodeError> {
        let fields = fields_of(ctx, "Civil Service Jobs JSON")?;
        let export = Export {
            title: &ctx.document.meta.title,
            fields,
            missing: fields
                .iter()
                .filter(|f| f.required && f.value.is_empty())
                .map(|f| f.label)
                .collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&export).map_err(|e| EncodeError {
            format: "Civil Service Jobs JSON",
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_plain_text_with_their_address() {
        assert_eq!(
            plain("See [the code](https://example.org/code) or [a@b.uk](mailto:a@b.uk)."),
            "See the code (https://example.org/code) or a@b.uk."
        );
        assert_eq!(plain("no [link here"), "no [link here");
    }

    #[test]
    fn values_are_matched_to_civil_service_jobs_lists() {
        let offered: Vec<String> = ["Full-time", "Part-time", "Job share", "Flexible working"]
            .map(String::from)
            .to_vec();
        let mut misses = Vec::new();
        let got = to_list(
            "working_pattern",
            "Working pattern",
            Some("full time, Part-Time, flexible, job share, Full-time, hot desk"),
            &offered,
            &mut misses,
        );
        assert_eq!(
            got,
            "Full-time, Part-time, Flexible working, Job share, hot desk"
        );
        assert_eq!(misses.len(), 1);
        assert_eq!(misses[0].value, "hot desk");
    }
}
