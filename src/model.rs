//! The data jobgen reads, as plain serde types with no I/O.
//!
//! Each type mirrors one YAML file (or one part of it) under `data/`; the README's "Data" section
//! documents them. Every struct denies unknown keys, so a typo such as `salery` fails loudly
//! instead of being dropped. Ids are lower-case kebab-case; they are how files refer to each other.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The six hex digits of a `#rrggbb` colour, or `None` if `value` is not one. The one test of a
/// colour: loading refuses others, and writers rely on it.
pub(crate) fn hex_colour(value: &str) -> Option<&str> {
    value
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The four skill levels of the Capability Framework, in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillLevel {
    /// "Awareness is the first of 4 ascending skill levels".
    Awareness,
    /// The second level.
    Working,
    /// The third level.
    Practitioner,
    /// The fourth and highest level.
    Expert,
}

impl SkillLevel {
    /// Every level, lowest first.
    pub const ALL: [SkillLevel; 4] = [
        SkillLevel::Awareness,
        SkillLevel::Working,
        SkillLevel::Practitioner,
        SkillLevel::Expert,
    ];

    /// The id used in data files (`awareness`).
    pub fn id(self) -> &'static str {
        match self {
            SkillLevel::Awareness => "awareness",
            SkillLevel::Working => "working",
            SkillLevel::Practitioner => "practitioner",
            SkillLevel::Expert => "expert",
        }
    }

    /// The name as the framework prints it (`Awareness`).
    pub fn name(self) -> &'static str {
        match self {
            SkillLevel::Awareness => "Awareness",
            SkillLevel::Working => "Working",
            SkillLevel::Practitioner => "Practitioner",
            SkillLevel::Expert => "Expert",
        }
    }

    /// 1 for awareness up to 4 for expert.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }
}

/// `data/grades.yaml`: the Civil Service grades, most junior first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradesFile {
    /// Every grade jobgen knows.
    pub grades: Vec<Grade>,
}

/// A Civil Service grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Short id as adverts write it: `SEO`.
    pub id: String,
    /// Full title: `Senior Executive Officer`.
    pub name: String,
}

/// `data/skills.yaml`: the skill catalogue. Each skill's bullets are stored once, here, and role
/// levels refer to them by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillsFile {
    /// Every skill, in the order `jobgen list skills` prints them.
    pub skills: Vec<Skill>,
}

/// One skill of the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// Kebab-case id: `systems-design`.
    pub id: String,
    /// Name as the framework prints it: `Systems design`.
    pub name: String,
    /// What the skill is about, when the source gives it.
    #[serde(default)]
    pub description: Option<String>,
    /// The "You can" bullets for each skill level the skill is defined at.
    pub levels: IndexMap<SkillLevel, Vec<String>>,
}

/// `data/roles/<id>.yaml`: one role and its levels.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Kebab-case id: `devops-engineer`.
    pub id: String,
    /// Name as the framework prints it: `Development operations (DevOps) engineer`.
    pub name: String,
    /// The role group (family): `Software development`.
    pub family: String,
    /// The one-sentence summary of the role.
    pub summary: String,
    /// A further paragraph describing the role, when the source has one.
    #[serde(default)]
    pub description: Option<String>,
    /// "In this role, you will:" bullets, when the source lists them.
    #[serde(default)]
    pub responsibilities: Vec<String>,
    /// The role's levels, most junior first.
    pub levels: Vec<Level>,
}

/// Whether a role level is the technical track or the management track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// The technical role (the default).
    Technical,
    /// The "- management" role at the same level.
    Management,
}

/// One level of a role.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Kebab-case id: `senior-devops-engineer-management`.
    pub id: String,
    /// Name as the framework prints it: `Senior DevOps engineer - management`.
    pub name: String,
    /// Technical or management track.
    #[serde(default = "technical")]
    pub variant: Variant,
    /// One-sentence summary of the level.
    pub summary: String,
    /// Further paragraphs about the level, when the source has them.
    #[serde(default)]
    pub description: Option<String>,
    /// "At this role level, you will:" bullets.
    pub responsibilities: Vec<String>,
    /// Indicative Civil Service grade ids (`HEO`, `SEO`). Empty when `grades_from` is given.
    #[serde(default)]
    pub grades: Vec<String>,
    /// The id of the level whose grades this level takes. The framework lists no grades for
    /// management levels; they are performed at the grades of their technical twin.
    #[serde(default)]
    pub grades_from: Option<String>,
    /// Skills needed at this level.
    pub skills: Vec<LevelSkill>,
    /// A professional body's job role profile for this level (qualifications, knowledge,
    /// development), when one exists.
    #[serde(default)]
    pub profile: Option<Profile>,
}

fn technical() -> Variant {
    Variant::Technical
}

/// A skill a level needs, at a skill level.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSkill {
    /// Id of a skill in the catalogue.
    pub skill: String,
    /// The level it is needed at.
    pub level: SkillLevel,
}

/// A job role profile from a professional body (seed 002: BCS).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Who wrote it and what it is called.
    pub source: String,
    /// Qualifications that suit the level; adverts show them as desirable.
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Knowledge and skills, with their depth where the profile gives one.
    #[serde(default)]
    pub knowledge: Vec<Knowledge>,
    /// Training the level offers.
    #[serde(default)]
    pub training: Vec<Activity>,
    /// Professional development activities the level offers.
    #[serde(default)]
    pub development: Vec<Activity>,
}

/// A qualification and who awards it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// `Registered IT Technician (RITTech)`.
    pub name: String,
    /// `BCS – The Chartered Institute for IT`.
    pub awarding_body: String,
}

/// How deeply a profile expects a piece of knowledge to be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Depth {
    /// "Aware of".
    #[serde(rename = "aware of")]
    AwareOf,
    /// "Familiar with".
    #[serde(rename = "familiar with")]
    FamiliarWith,
    /// "Proficient in".
    #[serde(rename = "proficient in")]
    ProficientIn,
}

/// A piece of knowledge or a skill from a profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    /// `Programming Languages`.
    pub name: String,
    /// How deeply; absent for behavioural skills.
    #[serde(default)]
    pub depth: Option<Depth>,
    /// `Technical Knowledge and Skills`, `Behavioural Skills`, ...
    pub kind: String,
    /// What it means.
    pub description: String,
}

/// A training or development activity.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// `Coaching`.
    pub name: String,
    /// What it covers.
    pub description: String,
}

/// `data/sfia.yaml`: the SFIA skills adverts use and the default mapping to them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfiaFile {
    /// Which SFIA version the codes and levels come from: `9`.
    pub version: String,
    /// The SFIA skills (codes, names, categories and defined levels only: SFIA's descriptions are
    /// licensed by the SFIA Foundation and are not shipped).
    pub skills: Vec<SfiaSkill>,
    /// The SFIA level for each framework skill level, before clamping to the levels SFIA defines.
    pub rule: IndexMap<SkillLevel, u8>,
    /// For each framework skill id, the SFIA codes it maps to.
    pub mapping: IndexMap<String, Vec<String>>,
}

/// One SFIA skill.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfiaSkill {
    /// Four-letter code: `PROG`.
    pub code: String,
    /// `Programming/software development`.
    pub name: String,
    /// `Development and implementation`.
    pub category: String,
    /// `Systems development`.
    pub subcategory: String,
    /// Lowest and highest level at which SFIA defines the skill.
    pub levels: [u8; 2],
}

/// `data/orgs/<id>/org.yaml`: one department.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    /// The department's name: `Home Office`.
    pub name: String,
    /// Sections that open every advert (about the organisation, about the directorate).
    #[serde(default)]
    pub about: Vec<Section>,
    /// Text for particular roles, by role id.
    #[serde(default)]
    pub roles: IndexMap<String, OrgRole>,
    /// SFIA lists that replace the default mapping for particular role levels and grades.
    #[serde(default)]
    pub sfia: Vec<SfiaOverride>,
    /// Values for vacancy fields that a vacancy leaves out.
    #[serde(default)]
    pub defaults: Vacancy,
    /// Sections that close every advert (benefits, how to apply).
    #[serde(default)]
    pub closing: Vec<Section>,
    /// How the department's documents look.
    #[serde(default)]
    pub style: Style,
    /// How `jobgen lint` checks the department's adverts: rules off, thresholds, words and
    /// acronyms its readers know.
    #[serde(default)]
    pub lint: LintSettings,
}

/// Settings of `jobgen lint`'s checks: the built-in ones (`data/lint/checks.yaml`) and a
/// department's (`lint:` in its org.yaml), which add to the lists and replace the thresholds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// Rule ids turned off.
    #[serde(default)]
    pub allow: Vec<String>,
    /// A sentence of more words than this is long.
    #[serde(default)]
    pub long_sentence_words: Option<usize>,
    /// A reading age above this is a warning (above 9, GOV.UK's, a note).
    #[serde(default)]
    pub reading_age_warn: Option<f64>,
    /// Words that start with a gender-coded stem but are not coded here (lower case).
    #[serde(default)]
    pub words_allowed: Vec<String>,
    /// Acronyms that need no spelling out.
    #[serde(default)]
    pub acronyms_known: Vec<String>,
    /// Phrases of `data/lint/wording.yaml` that are fine here (`young` for a youth service).
    #[serde(default)]
    pub phrases_allowed: Vec<String>,
    /// More words than this before the role is described is late.
    #[serde(default)]
    pub late_role_words: Option<usize>,
    /// Words that, in a heading, say the role is described there (`role`, `job`).
    #[serde(default)]
    pub role_words: Vec<String>,
    /// A list of more items than this is long.
    #[serde(default)]
    pub long_list_items: Option<usize>,
}

/// `data/lint/gender-coded.yaml`: the gender-coded word stems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenderWords {
    /// Where the lists come from, and their licence.
    pub source: String,
    /// Feminine-coded stems, lower case.
    pub feminine: Vec<String>,
    /// Masculine-coded stems, lower case.
    pub masculine: Vec<String>,
    /// Words that start with a stem but are not coded.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

/// A vacancy's `lint:` key: rules turned off for this advert, and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VacancyLint {
    /// Rule ids turned off.
    pub allow: Vec<String>,
    /// Why: kept with the advert so that a reviewer can judge it.
    pub reason: String,
}

/// A titled piece of boilerplate.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// True to show the section inside the one before it, under a smaller heading (the way the
    /// Home Office form puts "About Digital Data and Technology" in the "About the organisation"
    /// box).
    #[serde(default)]
    pub subsection: bool,
    /// Paragraphs and lists, in order.
    pub body: Vec<Block>,
}

/// A paragraph or a bullet list of department text. Text may hold links written
/// `[text](https://...)`; everything else is shown as written.
///
/// Read by hand rather than as an untagged enum, so that a misspelt `bulets:` is reported at its
/// own line with a did-you-mean, not as "did not match any variant".
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph.
    Paragraph(String),
    /// A bullet list.
    List(ListBlock),
}

/// Text, or a map read as `T`: what [`Block`] and [`Bullet`] hold.
fn text_or_map<'de, D, T, R>(
    deserializer: D,
    expecting: &'static str,
    text: fn(String) -> R,
    map: fn(T) -> R,
) -> Result<R, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Visitor<T, R> {
        expecting: &'static str,
        text: fn(String) -> R,
        map: fn(T) -> R,
    }
    impl<'de, T: Deserialize<'de>, R> serde::de::Visitor<'de> for Visitor<T, R> {
        type Value = R;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<R, E> {
            Ok((self.text)(v.to_owned()))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<R, E> {
            Ok((self.text)(v))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<R, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(self.map)
        }
    }
    deserializer.deserialize_any(Visitor {
        expecting,
        text,
        map,
    })
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        text_or_map(
            deserializer,
            "a paragraph (text) or a list (`bullets:`)",
            Block::Paragraph,
            Block::List,
        )
    }
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        text_or_map(
            deserializer,
            "a bullet (text) or a conditional bullet (`text:` and `when_responsibilities_mention:`)",
            Bullet::Text,
            Bullet::Conditional,
        )
    }
}

/// A bullet list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    /// The bullets.
    pub bullets: Vec<Bullet>,
}

/// A bullet: plain text, or text shown only when the level calls for it. Read by hand, as
/// [`Block`] is.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Bullet {
    /// Always shown.
    Text(String),
    /// Shown only when the condition holds.
    Conditional(ConditionalBullet),
}

/// A bullet shown only at some levels.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionalBullet {
    /// The bullet.
    pub text: String,
    /// Shown when one of the level's responsibilities contains one of these words
    /// (case-insensitive), for example `[coach, mentor]`.
    pub when_responsibilities_mention: Vec<String>,
}

/// A department's text for one role. Every section is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgRole {
    /// The role's sections in advert order: about the role, day-to-day, person specification...
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A department's SFIA list for some levels (and grades) of a role.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfiaOverride {
    /// Role id.
    pub role: String,
    /// Level ids it applies to.
    pub levels: Vec<String>,
    /// Grade ids it applies to; empty for every grade.
    #[serde(default)]
    pub grades: Vec<String>,
    /// The SFIA version the names come from, if not the built-in one.
    #[serde(default)]
    pub version: Option<String>,
    /// The list, in order, grouped by category and subcategory.
    pub skills: Vec<SfiaEntry>,
}

/// One SFIA skill at a level, with the category it is shown under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SfiaEntry {
    /// `Development and Implementation`.
    pub category: String,
    /// `Systems Development`.
    pub subcategory: String,
    /// `DESN`.
    pub code: String,
    /// `Systems Design`.
    pub name: String,
    /// SFIA level of responsibility, 1 to 7.
    pub level: u8,
}

/// A vacancy file: which role level, where, and the appendix fields. Department defaults use
/// the same keys (all but `org`, `role`, `level` and `grade`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// Department id.
    #[serde(default)]
    pub org: Option<Text>,
    /// Role id.
    #[serde(default)]
    pub role: Option<Text>,
    /// Level id, or its number within the role.
    #[serde(default)]
    pub level: Option<Text>,
    /// Grade id.
    #[serde(default)]
    pub grade: Option<Text>,
    /// Civil Service Jobs reference number.
    #[serde(default)]
    pub reference: Option<Text>,
    /// Salary, as it should be printed: `£45,000 to £50,000`.
    #[serde(default)]
    pub salary: Option<Text>,
    /// Type of role: `Digital`.
    #[serde(default)]
    pub type_of_role: Option<Text>,
    /// Location(s).
    #[serde(default)]
    pub location: Option<Text>,
    /// Business area.
    #[serde(default)]
    pub business_area: Option<Text>,
    /// `Permanent`, `Fixed term`, ...
    #[serde(default)]
    pub contract_type: Option<Text>,
    /// Length of employment (fixed-term contracts).
    #[serde(default)]
    pub length_of_employment: Option<Text>,
    /// `Full-time, Part-time, Job share`.
    #[serde(default)]
    pub working_pattern: Option<Text>,
    /// Number of jobs available.
    #[serde(default)]
    pub number_of_jobs: Option<Text>,
    /// Weekly hours.
    #[serde(default)]
    pub hours: Option<Text>,
    /// Who the post holder reports to.
    #[serde(default)]
    pub reports_to: Option<Text>,
    /// Closing date, as it should be printed.
    #[serde(default)]
    pub closing_date: Option<Text>,
    /// Anything else, for templates (`extra.team`).
    #[serde(default)]
    pub extra: IndexMap<String, serde_json::Value>,
    /// Checks `jobgen lint` leaves out for this advert, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<VacancyLint>,
}

/// One field of a vacancy: the key a vacancy file (or form, or JSON body) uses, how the advert's
/// appendix labels it, the Civil Service Jobs field it fills, and how to read it. This table is
/// the one list of vacancy fields: the merge, the appendix, `jobgen context`, the README's
/// reference (checked by a test) and the web form all read it.
pub struct VacancyField {
    /// The key: `salary`.
    pub key: &'static str,
    /// The appendix label: `Salary`. `None` for the selectors (`org`, `role`, `level`), which
    /// the appendix does not list.
    pub label: Option<&'static str>,
    /// The label of the Civil Service Jobs field this fills, where there is one.
    pub csj_label: Option<&'static str>,
    /// What to write, in a few words, for help and documentation.
    pub about: &'static str,
    /// The field's value in a vacancy.
    pub get: fn(&Vacancy) -> Option<&Text>,
    /// The field's slot in a vacancy, to set it (from a flag, a form field, a JSON key).
    pub slot: fn(&mut Vacancy) -> &mut Option<Text>,
}

impl VacancyField {
    /// The field called `key`.
    pub fn named(key: &str) -> Option<&'static VacancyField> {
        VACANCY_FIELDS.iter().find(|f| f.key == key)
    }
}

macro_rules! field {
    ($key:ident, $label:expr, $csj:expr, $about:expr) => {
        VacancyField {
            key: stringify!($key),
            label: $label,
            csj_label: $csj,
            about: $about,
            get: |v| v.$key.as_ref(),
            slot: |v| &mut v.$key,
        }
    };
}

/// Every vacancy field but `extra`, selectors first, then in the appendix's order.
pub static VACANCY_FIELDS: &[VacancyField] = &[
    field!(org, None, None, "department id (`jobgen list orgs`)"),
    field!(role, None, None, "role id (`jobgen list roles`)"),
    field!(
        level,
        None,
        None,
        "level id or number (`jobgen list levels ROLE`)"
    ),
    field!(
        reference,
        Some("Reference number"),
        Some("Reference number"),
        "the vacancy's reference; also names the output file"
    ),
    field!(
        grade,
        Some("Job grade"),
        Some("Job grade"),
        "grade id (`jobgen list grades`)"
    ),
    field!(
        salary,
        Some("Salary"),
        Some("Salary"),
        "the salary, as it should be printed"
    ),
    field!(
        type_of_role,
        Some("Type of role"),
        Some("Type of role"),
        "the type of role: `Digital`"
    ),
    field!(
        location,
        Some("Location"),
        Some("Location"),
        "where the job is"
    ),
    field!(
        business_area,
        Some("Business area"),
        Some("Business area"),
        "the business area"
    ),
    field!(
        contract_type,
        Some("Contract type"),
        Some("Contract type"),
        "`Permanent`, `Fixed term`, ..."
    ),
    field!(
        length_of_employment,
        Some("Length of employment"),
        Some("Length of employment"),
        "for fixed-term contracts"
    ),
    field!(
        working_pattern,
        Some("Working pattern"),
        Some("Working pattern"),
        "`Full-time, Part-time, Job share`"
    ),
    field!(
        number_of_jobs,
        Some("Number of jobs available"),
        Some("Number of jobs available"),
        "how many posts"
    ),
    field!(hours, Some("Hours"), None, "weekly hours"),
    field!(
        reports_to,
        Some("Reports to"),
        None,
        "who the post holder reports to"
    ),
    field!(
        closing_date,
        Some("Closing date"),
        None,
        "the closing date, as it should be printed"
    ),
];

/// A text value that people may write as a number (`number_of_jobs: 2`) or a date. Kept exactly
/// as written: `hours: 37.50` stays `37.50`, `reference: 1e3` stays `1e3` (yaml_serde gives a
/// plain scalar's text to a field that asks for a string). That holds for a plain `true` too:
/// `request::plain_booleans` refuses it, with the YAML index that can tell it from `"true"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text (a string or a number)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Text, E> {
                Err(E::invalid_type(serde::de::Unexpected::Bool(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        // Not `deserialize_any`: that would read `37.50` as the number 37.5 and print `37.5`.
        deserializer.deserialize_str(Visitor)
    }
}

/// Facts about a document that are not part of its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    /// The document title (HTML `<title>`, DOCX core property `dc:title`).
    pub title: String,
    /// A one-line description (DOCX `dc:subject`, HTML `<meta name="description">`).
    pub subject: String,
    /// Who publishes it (DOCX `dc:creator`, HTML `<meta name="author">`).
    pub author: String,
    /// BCP 47 language tag, for example `en-GB`.
    pub language: String,
}

/// How a department wants its documents to look. Part of a department's data (`style:`), but
/// expressed only in terms writers understand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// Font family for body and headings (Word name; HTML falls back to Helvetica, sans-serif).
    pub font: String,
    /// Body text size in points (Word).
    pub font_size_pt: u32,
    /// Accent colour, `#rrggbb`: the HTML header bar, and the shaded title rows of boxed DOCX
    /// sections. Text in `on_colour` sits on it, so the pair needs enough contrast.
    pub colour: String,
    /// Text colour used on top of `colour`.
    pub on_colour: String,
    /// `boxed`: each `##` section is a one-column table whose shaded first row holds the title
    /// (the Home Office look); `plain`: ordinary headings.
    pub sections: SectionStyle,
    /// Text shown at the top of every page (DOCX header) and in the header bar (HTML). Usually the
    /// department's name; empty for none.
    pub header: String,
}

/// Section layout choice for [`Style::sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStyle {
    /// Each section in a one-column table with a shaded header row.
    Boxed,
    /// Plain headings.
    Plain,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            font: "Arial".into(),
            font_size_pt: 12,
            colour: "#1d70b8".into(),
            on_colour: "#ffffff".into(),
            sections: SectionStyle::Plain,
            header: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys serde accepts in a vacancy, from its own "unknown field" message.
    fn serde_keys() -> Vec<String> {
        let err = serde_yaml::from_str::<Vacancy>("no_such_key: 1\n")
            .expect_err("an unknown key is an error")
            .to_string();
        let expected = err.split("expected one of").nth(1).unwrap_or_default();
        expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, k)| k.to_string())
            .collect()
    }

    #[test]
    fn the_field_table_lists_every_key_a_vacancy_accepts() {
        let mut table: Vec<String> = VACANCY_FIELDS.iter().map(|f| f.key.into()).collect();
        // Keys that are not text fields: templates' own values and the checks' settings.
        table.push("extra".into());
        table.push("lint".into());
        let mut accepted = serde_keys();
        table.sort();
        accepted.sort();
        assert_eq!(table, accepted);
    }

    #[test]
    fn each_field_reads_its_own_value() {
        for f in VACANCY_FIELDS {
            let v: Vacancy =
                serde_yaml::from_str(&format!("{}: value of {}\n", f.key, f.key)).expect("parses");
            let got = (f.get)(&v).map(Text::as_str);
            assert_eq!(
                got,
                Some(format!("value of {}", f.key).as_str()),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn the_readme_documents_every_vacancy_field() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("## The vacancy file")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("the README has a vacancy file section");
        for f in VACANCY_FIELDS {
            assert!(
                section.contains(&format!("\n{}:", f.key)),
                "the README's vacancy file section does not show `{}`",
                f.key
            );
            if let Some(label) = f.label {
                assert!(
                    section.contains(label),
                    "the README does not give the label `{label}`"
                );
            }
        }
    }
}
