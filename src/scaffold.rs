//! `jobgen new-org`: a new department's folder, with commented example files that a person who
//! is not a programmer can edit, and that generate a complete advert as they are.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostics::Diagnostic;
use crate::output::{safe_file_stem, write_atomic};

/// Creates `<data>/orgs/<id>/org.yaml` and `<data>/orgs/<id>/templates/advert.md.tera`.
/// Refuses to overwrite an existing department. Everything is checked before anything is
/// written: the id, the name, and the new org.yaml, which is read back in memory as jobgen will
/// read it. The files are written all or nothing: if one cannot be written, what was written
/// (files and new folders) is removed. Returns the files written, org.yaml first.
pub fn new_org(data: &Path, id: &str, name: &str) -> Result<Vec<PathBuf>, Error> {
    let valid = !id.is_empty()
        && id.len() <= 60
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !valid {
        let suggestion = safe_file_stem(id).replace(['.', '_'], "-");
        return Err(Diagnostic::new(format!("`{id}` cannot be a department id"))
            .help(format!(
                "use lower-case letters, digits and dashes, for example `{suggestion}`"
            ))
            .into());
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Diagnostic::new("the department's name is empty")
            .help("give it with --name \"Department for Transport\"")
            .into());
    }
    if let Some(c) = name
        .chars()
        .find(|&c| c.is_control() || crate::escape::unfit_for_markup(c))
    {
        let what = if c.is_control() {
            "the control character"
        } else {
            "the character"
        };
        return Err(Diagnostic::new(format!(
            "the department's name contains {what} \\u{{{:x}}}, which documents cannot hold",
            c as u32
        ))
        .help("retype the name without it; it may have come in with copied text")
        .into());
    }
    let org = ORG_YAML.replace("{{NAME}}", &yaml_quoted(name));
    // Read it back as jobgen will, before writing anything.
    let back: crate::model::Org = crate::data::parse_str("the new org.yaml", &org)?;
    if back.name != name || back.style.header != name {
        return Err(Diagnostic::new(format!(
            "the department's name reads back as `{}`",
            back.name
        ))
        .help("this is a bug in jobgen: please report it with the name you gave")
        .into());
    }
    let dir = data.join("orgs").join(id);
    if dir.join("org.yaml").exists() {
        return Err(
            Diagnostic::new(format!("{} already exists", dir.join("org.yaml").display()))
                .help("edit that file, or choose another id")
                .into(),
        );
    }
    let templates = dir.join("templates");
    // Folders that do not exist yet, innermost first: removed again if a write fails.
    let new_dirs: Vec<PathBuf> = templates
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .map(Path::to_path_buf)
        .collect();
    // org.yaml last: while it is missing, a retry does not find an "existing" department.
    let template = write_atomic(&templates, "advert.md.tera", TEMPLATE.as_bytes());
    let written = template.and_then(|t| match write_atomic(&dir, "org.yaml", org.as_bytes()) {
        Ok(o) => Ok(vec![o, t]),
        Err(e) => {
            let _ = std::fs::remove_file(&t);
            Err(e)
        }
    });
    if written.is_err() {
        for d in &new_dirs {
            let _ = std::fs::remove_dir(d);
        }
    }
    Ok(written?)
}

/// `text` as a YAML double-quoted string that reads back as `text`. Characters YAML cannot
/// hold as they are, or reads as line breaks, are written as escapes.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
                || crate::escape::unfit_for_markup(c) =>
            {
                out.push_str(&format!("\\U{:08x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const ORG_YAML: &str = r##"# Your department's adverts: its boilerplate, its text for particular roles, default values
# for vacancy fields and its house style.
#
# How to edit this file:
# - Lines starting with # are comments: jobgen ignores them.
# - Keep the indentation (spaces, not tabs) as it is.
# - Put text that contains a colon followed by a space inside double quotes: "like: this".
# - Write a link as [text](https://www.gov.uk/...).
# - Check your changes with: jobgen --data data generate --org THIS-FOLDER'S-NAME --role devops-engineer --level 3
#
# The README's "Data" section describes every key.

name: {{NAME}}

# Sections at the start of every advert.
about:
  - title: About us
    body:
      # Each line starting with "- " is a paragraph.
      - We are a government department. Replace this paragraph with what your department does and why it matters.
      - Replace this paragraph with what it is like to work here.
  - title: About our digital teams
    # subsection: true shows this section inside the one before it, under a smaller heading.
    subsection: true
    body:
      - "Our digital teams work to these principles:"
      # A "bullets:" item is a bullet list.
      - bullets:
          - put user needs first
          - work in the open
          - iterate and improve frequently

# Text for particular roles, by role id (jobgen list roles).
roles:
  devops-engineer:
    sections:
      - title: About the job
        body:
          - Replace this paragraph with what a DevOps engineer does in your department.
          - bullets:
              - build and look after deployment pipelines
              - automate infrastructure with code
              # A bullet that only appears for levels whose responsibilities mention these words:
              - text: coach and mentor more junior colleagues
                when_responsibilities_mention: [coach, mentor]

# Sections at the end of every advert, after its appendix-free sections (how to apply...).
closing:
  - title: How to apply
    body:
      - Replace this paragraph with how to apply and what happens after the closing date.

# The Benefits section. With salary bands, the employer's pension contribution is worked out and
# shown first; list here what else you offer.
benefits:
  - bullets:
      - 25 days of annual leave, rising to 30, plus public holidays
      - flexible working

# "Things you need to know": working for your department, your diversity and inclusion
# statement, reasonable adjustments (and Disability Confident) and further information. Each is
# a list of paragraphs and bullet lists, like a section's body; leave one out to drop it.
working_for_us:
  - Replace this paragraph with what it means to work for your department.
diversity:
  - Replace this paragraph with your diversity and inclusion statement.
reasonable_adjustments:
  - Tell us if a disability or a health condition means you need a change to the way you apply, or to the job. We will make it.
further_information:
  - Replace this paragraph with how candidates can complain about the recruitment process.

# Values for vacancy fields that a vacancy leaves out (the README's "The vacancy file" lists
# every key). Fields left out everywhere show as "To be confirmed" in the appendix, or are left
# out of the advert.
defaults:
  type_of_role: Digital
  contract_type: Permanent
  working_pattern: Full-time, part-time, job share
  # hybrid (with office_percent or office_days), office or remote.
  working_arrangement:
    type: hybrid
    office_days: 2
  # BPSS, CTC, SC, eSC or DV.
  security_clearance: BPSS
  # non-reserved, or reserved (UK nationals only).
  nationality: non-reserved
  # Months a reserve list is kept.
  reserve_list_months: 12
  # Who candidates can ask about a job.
  contact:
    name: Recruitment Team
    email: recruitment@example.gov.uk
  # Success Profiles behaviours assessed, and the ones the application form asks evidence for.
  behaviours: [Delivering at pace, Working together]
  behaviours_at_application: [Delivering at pace]
  # What candidates send, and the interview.
  selection:
    cv: true
    statement_words: 750
    interview: {format: video, minutes: 60}

# How your documents look.
style:
  font: Arial
  font_size_pt: 12
  # Colours as # and six hex digits. Keep enough contrast with white for accessibility.
  colour: "#1d70b8"
  on_colour: "#ffffff"
  # boxed: each section in a box with a shaded title row; plain: ordinary headings.
  sections: plain
  header: {{NAME}}
"##;

const TEMPLATE: &str = r#"{#- This department's advert template.

    It starts from jobgen's built-in advert and can replace any of its blocks: title, lead,
    about_org, role_sections, role_level, skills, profile, sfia, person_specification,
    behaviours, technical_skills, benefits, selection, things_to_know, contact, closing_date,
    closing, appendix, credit
    (the README describes each). `jobgen context` prints every variable a block can use.

    To replace a block, copy this example below the "extends" line and change it:

    {% block lead %}{{ org.name }} is hiring a {{ level.name }} at {{ grade_text }}.
    {% endblock lead %}

    Delete this file to use the built-in advert unchanged. -#}
{% extends "builtin/advert.md.tera" %}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_from_the_yaml_exactly() {
        for name in [
            "Dept: \"A\" #1 'b' \\ {c} [d] & <e> - f",
            "- starts like a list",
            "yes",
            "Line\u{2028}separator \u{feff}bom \u{85}next",
            "日本 😀",
        ] {
            let yaml = format!("name: {}\n", yaml_quoted(name));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["name"], name, "{yaml}");
        }
    }

    #[test]
    fn the_scaffold_shows_every_department_level_field_and_its_defaults_are_valid() {
        let yaml = ORG_YAML.replace("{{NAME}}", "\"Test\"");
        let org: crate::model::Org =
            crate::data::parse_str("org.yaml", &yaml).unwrap_or_else(|d| panic!("{d}"));
        for (key, blocks) in [
            ("benefits", &org.benefits),
            ("working_for_us", &org.working_for_us),
            ("diversity", &org.diversity),
            ("reasonable_adjustments", &org.reasonable_adjustments),
            ("further_information", &org.further_information),
        ] {
            assert!(!blocks.is_empty(), "{key}");
        }
        for key in [
            "working_arrangement",
            "security_clearance",
            "nationality",
            "reserve_list_months",
            "contact",
            "behaviours",
            "behaviours_at_application",
            "selection",
        ] {
            let f = crate::model::VacancyField::named(key).expect("a field");
            assert!((f.given)(&org.defaults), "defaults.{key}");
        }
        let data = crate::data::load(&[]).unwrap_or_else(|e| panic!("{e}"));
        let problems = crate::advert::check_fields(&data, &org.defaults, None);
        assert!(problems.is_empty(), "{:?}", problems);
    }
}
