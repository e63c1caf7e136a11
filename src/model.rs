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

/// `data/behaviours.yaml`: the nine Success Profiles behaviours and the grades of each
/// Success Profiles level.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BehavioursFile {
    /// Where the names and levels come from.
    pub source: String,
    /// The behaviours, in the order Success Profiles lists them.
    pub behaviours: Vec<Behaviour>,
    /// Each level and the grades it is for, most junior first.
    pub levels: Vec<BehaviourLevel>,
}

/// A Success Profiles behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// Kebab-case id: `delivering-at-pace`.
    pub id: String,
    /// `Delivering at pace`.
    pub name: String,
}

/// A Success Profiles behaviour level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BehaviourLevel {
    /// 1 to 5.
    pub level: u8,
    /// Grade ids at this level.
    pub grades: Vec<String>,
}

/// `data/security.yaml` and `data/nationality.yaml`: a list of rules, each with jobgen's own
/// sentence stating it and its public source.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// The rules.
    pub rules: Vec<Rule>,
}

/// A security clearance level or a nationality rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The id vacancies give: `SC`, `reserved`.
    pub id: String,
    /// `Security Check (SC)`.
    pub name: String,
    /// What it means for a candidate, in jobgen's own words.
    pub sentence: String,
    /// The public source of the facts.
    pub source: String,
}

/// `data/pension.yaml`: the employer's pension contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pension {
    /// `Civil Service Pension Scheme (alpha)`.
    pub scheme: String,
    /// The employer's contribution, in per cent of pensionable pay.
    pub employer_rate_percent: f64,
    /// The date the rate applies from: `2024-04-01`.
    pub applies_from: String,
    /// Where the rate is published.
    pub source: String,
}

/// `data/csj.yaml`: the values of Civil Service Jobs' lists, for the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsjLists {
    /// Where the lists were read.
    pub source: String,
    /// Job grade values, by jobgen grade id; a grade not listed is `Other`.
    pub grades: IndexMap<String, String>,
    /// Contract type values.
    pub contract_types: Vec<String>,
    /// Type of role values.
    pub types_of_role: Vec<String>,
    /// Working pattern values.
    pub working_patterns: Vec<String>,
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

impl Role {
    /// The indicative grade ids of `level`, one of this role's levels: its own, or those of the
    /// technical twin it takes its grades from (`grades_from`).
    pub fn indicative_grades<'a>(&'a self, level: &'a Level) -> &'a [String] {
        match &level.grades_from {
            Some(twin) => self
                .levels
                .iter()
                .find(|l| &l.id == twin)
                .map_or(&[][..], |l| &l.grades[..]),
            None => &level.grades,
        }
    }
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
    /// Where `grades` were read, so that each level's grades can be traced and updated
    /// (`jobgen import grades`). Only with `grades`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades_source: Option<GradesSource>,
    /// Skills needed at this level.
    pub skills: Vec<LevelSkill>,
    /// A professional body's job role profile for this level (qualifications, knowledge,
    /// development), when one exists.
    #[serde(default)]
    pub profile: Option<Profile>,
}

/// Where a level's indicative grades come from: a framework page (or a copy of its data) and
/// the date the page says it was last updated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradesSource {
    /// The address the grades were read from (`http:` or `https:`). Give this or `document`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document the grades were read from, when it has no address. Give this or `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The date the page was last updated, `YYYY-MM-DD`.
    pub updated: String,
    /// `jobgen import grades` leaves this level's grades and source as they are (and reports
    /// where its file differs): for grades held by a source document (the DevOps role page).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep: bool,
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
    /// The Benefits section: what the department offers besides pay.
    #[serde(default)]
    pub benefits: Vec<Block>,
    /// About working for the department ("Working for the Civil Service").
    #[serde(default)]
    pub working_for_us: Vec<Block>,
    /// The department's diversity and inclusion statement.
    #[serde(default)]
    pub diversity: Vec<Block>,
    /// Reasonable adjustments and the Disability Confident scheme.
    #[serde(default)]
    pub reasonable_adjustments: Vec<Block>,
    /// Further information: how to complain, the Civil Service Code, ...
    #[serde(default)]
    pub further_information: Vec<Block>,
    /// Sections that close every advert (how to apply, anything else).
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

/// A vacancy file: which role level, where, the appendix fields and the candidate half of the
/// advert (pay, working arrangements, Success Profiles, selection, security, nationality,
/// contact). Department defaults use the same keys (all but `org`, `role`, `level` and
/// `grade`). [`VACANCY_FIELDS`] lists every key.
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
    /// Salary, as it should be printed: `£45,000 to £50,000`. Without it, the salary is printed
    /// from `salary_bands`.
    #[serde(default)]
    pub salary: Option<Text>,
    /// Salary bands in pounds, from which the printed salary and the employer's pension
    /// contribution are worked out.
    #[serde(default)]
    pub salary_bands: Option<SalaryBands>,
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
    /// Hybrid (with office attendance), office-based or remote.
    #[serde(default)]
    pub working_arrangement: Option<WorkingArrangement>,
    /// Closing date: `2027-01-28` or `28 January 2027`.
    #[serde(default)]
    pub closing_date: Option<Text>,
    /// Interview dates, each written as the closing date is.
    #[serde(default)]
    pub interview_dates: Option<Vec<Text>>,
    /// Security clearance id (`data/security.yaml`): `BPSS`, `CTC`, `SC`, `eSC`, `DV`.
    #[serde(default)]
    pub security_clearance: Option<Text>,
    /// Nationality rule id (`data/nationality.yaml`).
    #[serde(default)]
    pub nationality: Option<Text>,
    /// How many months a reserve list is kept.
    #[serde(default)]
    pub reserve_list_months: Option<u32>,
    /// Who candidates can ask about the job.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Essential and desirable criteria.
    #[serde(default)]
    pub person_specification: Option<PersonSpecification>,
    /// Success Profiles behaviours assessed, by name or id (`data/behaviours.yaml`).
    #[serde(default)]
    pub behaviours: Option<Vec<Text>>,
    /// Which of `behaviours` the application form asks evidence for.
    #[serde(default)]
    pub behaviours_at_application: Option<Vec<Text>>,
    /// The level's framework skills assessed, by id or name; all of them when left out.
    #[serde(default)]
    pub technical_skills: Option<Vec<Text>>,
    /// Whether experience is assessed.
    #[serde(default)]
    pub experience_assessed: Option<bool>,
    /// Whether strengths are assessed.
    #[serde(default)]
    pub strengths_assessed: Option<bool>,
    /// What candidates send, the sift and the interview.
    #[serde(default)]
    pub selection: Option<Selection>,
    /// Anything else, for templates (`extra.team`).
    #[serde(default)]
    pub extra: IndexMap<String, serde_json::Value>,
    /// Checks `jobgen lint` leaves out for this advert, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<VacancyLint>,
}

/// Salary bands in whole pounds a year: `min` and `max` for one band, or `national` (and
/// `london`) for pay that depends on where the post holder works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryBands {
    /// The one band's lowest pay.
    #[serde(default)]
    pub min: Option<u32>,
    /// The one band's highest pay.
    #[serde(default)]
    pub max: Option<u32>,
    /// The band outside London.
    #[serde(default)]
    pub national: Option<Band>,
    /// The London band, no lower than the National one.
    #[serde(default)]
    pub london: Option<Band>,
    /// An allowance, in words: `plus a Digital allowance of up to £5,000`.
    #[serde(default)]
    pub allowance: Option<String>,
}

/// A pay band in whole pounds a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The lowest pay.
    pub min: u32,
    /// The highest pay.
    pub max: u32,
}

/// Where the post holder works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingArrangement {
    /// `hybrid`, `office` or `remote`.
    #[serde(rename = "type")]
    pub kind: Arrangement,
    /// Hybrid: the share of working time in the office, in per cent.
    #[serde(default)]
    pub office_percent: Option<u8>,
    /// Hybrid: days a week in the office.
    #[serde(default)]
    pub office_days: Option<u8>,
    /// Anything to add, in a sentence.
    #[serde(default)]
    pub note: Option<String>,
}

/// The kinds of working arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrangement {
    /// Partly in the office, partly at home.
    Hybrid,
    /// In the office.
    Office,
    /// At home, or anywhere in the UK.
    Remote,
}

/// A contact point for applicants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who.
    pub name: String,
    /// Their email address.
    pub email: String,
}

/// The person specification's criteria.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpecification {
    /// Criteria every candidate must meet.
    #[serde(default)]
    pub essential: Vec<String>,
    /// Criteria that help.
    #[serde(default)]
    pub desirable: Vec<String>,
}

/// The selection process: what candidates send, the sift and the interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Candidates send a CV.
    #[serde(default)]
    pub cv: bool,
    /// Candidates send a statement of suitability of at most this many words.
    #[serde(default)]
    pub statement_words: Option<u32>,
    /// Candidates fill in an application form.
    #[serde(default)]
    pub application_form: bool,
    /// How applications are sifted, in a sentence.
    #[serde(default)]
    pub sift: Option<String>,
    /// The interview.
    #[serde(default)]
    pub interview: Option<Interview>,
}

/// An interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    /// `video`, `in person`, `telephone`.
    pub format: String,
    /// How long, in minutes.
    #[serde(default)]
    pub minutes: Option<u32>,
}

/// What kind of value a vacancy field holds: how a form field or JSON key is read into it, and
/// how the README documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Text, printed as written (a number or date is kept exactly as written).
    Text,
    /// A whole number.
    Number,
    /// `true` or `false` (a form writes `yes` or `no`).
    YesNo,
    /// A calendar date: `2027-01-28` or `28 January 2027`.
    Date,
    /// A list of dates (a form writes one a line).
    Dates,
    /// One id from a list in the data: a security clearance, a nationality rule.
    Choice,
    /// A list of names (a form writes one a line).
    List,
    /// Salary bands: `{min, max}` or `{national, london}`.
    Money,
    /// A map of keys (a form writes it as YAML or JSON: `{min: 45000, max: 50000}`).
    Map,
}

/// Where the appendix shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appendix {
    /// Always: "To be confirmed" when no value is given.
    Always,
    /// Only when a value is given.
    WhenGiven,
    /// Never: a selector, or a field with a section of its own.
    No,
}

/// One field of a vacancy: the key a vacancy file (or form, or JSON body) uses, its label, the
/// Civil Service Jobs field it fills, its kind and how to read and merge it. This table is the
/// one list of vacancy fields: the merge, the appendix, `jobgen context`, the README's reference
/// (checked by a test), the Civil Service Jobs export and the web form all read it.
pub struct VacancyField {
    /// The key: `salary`.
    pub key: &'static str,
    /// The label: `Salary`. `None` for the selectors (`org`, `role`, `level`).
    pub label: Option<&'static str>,
    /// The label of the Civil Service Jobs field this fills, where there is one.
    pub csj_label: Option<&'static str>,
    /// What kind of value it holds.
    pub kind: FieldKind,
    /// Whether the appendix shows it.
    pub appendix: Appendix,
    /// What to write, in a few words, for help and documentation.
    pub about: &'static str,
    /// The field's text, for a text, date or choice field.
    pub text: fn(&Vacancy) -> Option<&Text>,
    /// Whether a vacancy gives the field.
    pub given: fn(&Vacancy) -> bool,
    /// Sets the field from a JSON value (a JSON key, or a form field or flag read by its kind).
    pub set: fn(&mut Vacancy, serde_json::Value) -> Result<(), String>,
    /// Takes the field from `defaults` when the vacancy leaves it out.
    pub fill: fn(&mut Vacancy, &Vacancy),
}

impl VacancyField {
    /// The field called `key`.
    pub fn named(key: &str) -> Option<&'static VacancyField> {
        VACANCY_FIELDS.iter().find(|f| f.key == key)
    }

    /// True for a field held as [`Text`] (text, date and choice fields).
    pub fn is_text(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Text | FieldKind::Date | FieldKind::Choice
        )
    }
}

impl Vacancy {
    /// This vacancy with every field it leaves out taken from `defaults`.
    pub fn with_defaults(&self, defaults: &Vacancy) -> Vacancy {
        let mut v = self.clone();
        for f in VACANCY_FIELDS {
            (f.fill)(&mut v, defaults);
        }
        v
    }
}

macro_rules! field {
    ($key:ident, $kind:ident, $appendix:ident, $label:expr, $csj:expr, $about:expr) => {
        field!(@ $key, $kind, $appendix, $label, $csj, $about, |_| None)
    };
    (text $key:ident, $kind:ident, $appendix:ident, $label:expr, $csj:expr, $about:expr) => {
        field!(@ $key, $kind, $appendix, $label, $csj, $about, |v| v.$key.as_ref())
    };
    (@ $key:ident, $kind:ident, $appendix:ident, $label:expr, $csj:expr, $about:expr, $text:expr) => {
        VacancyField {
            key: stringify!($key),
            label: $label,
            csj_label: $csj,
            kind: FieldKind::$kind,
            appendix: Appendix::$appendix,
            about: $about,
            text: $text,
            given: |v| v.$key.is_some(),
            set: |v, value| {
                v.$key = Some(serde_json::from_value(value).map_err(|e| e.to_string())?);
                Ok(())
            },
            fill: |v, d| {
                if v.$key.is_none() {
                    v.$key = d.$key.clone();
                }
            },
        }
    };
}

/// Every vacancy field but `extra` and `lint`: selectors first, then the appendix's fields in
/// its order, then the fields that have sections of their own, in the advert's order.
pub static VACANCY_FIELDS: &[VacancyField] = &[
    field!(text org, Text, No, None, None, "department id (`jobgen list orgs`)"),
    field!(text role, Text, No, None, None, "role id (`jobgen list roles`)"),
    field!(
        text level,
        Text,
        No,
        None,
        None,
        "level id or number (`jobgen list levels ROLE`)"
    ),
    field!(
        text reference,
        Text,
        Always,
        Some("Reference number"),
        Some("Reference number"),
        "the vacancy's reference; also names the output file"
    ),
    field!(
        text grade,
        Text,
        Always,
        Some("Job grade"),
        Some("Job grade"),
        "grade id (`jobgen list grades`)"
    ),
    field!(
        text salary,
        Text,
        Always,
        Some("Salary"),
        Some("Salary"),
        "the salary, as it should be printed (printed from `salary_bands` when left out)"
    ),
    field!(
        salary_bands,
        Money,
        No,
        Some("Salary bands"),
        None,
        "`{min, max}` or `{national: {min, max}, london: {min, max}}` in pounds, with an optional `allowance`"
    ),
    field!(
        text type_of_role,
        Text,
        Always,
        Some("Type of role"),
        Some("Type of role"),
        "the type of role: `Digital`"
    ),
    field!(
        text location,
        Text,
        Always,
        Some("Location"),
        Some("Location"),
        "where the job is"
    ),
    field!(
        text business_area,
        Text,
        Always,
        Some("Business area"),
        Some("Business area"),
        "the business area"
    ),
    field!(
        text contract_type,
        Text,
        Always,
        Some("Contract type"),
        Some("Contract type"),
        "`Permanent`, `Fixed term`, ..."
    ),
    field!(
        text length_of_employment,
        Text,
        WhenGiven,
        Some("Length of employment"),
        Some("Length of employment"),
        "for fixed-term contracts"
    ),
    field!(
        text working_pattern,
        Text,
        Always,
        Some("Working pattern"),
        Some("Working pattern"),
        "`Full-time, Part-time, Job share`"
    ),
    field!(
        text number_of_jobs,
        Text,
        Always,
        Some("Number of jobs available"),
        Some("Number of jobs available"),
        "how many posts"
    ),
    field!(text hours, Text, Always, Some("Hours"), None, "weekly hours"),
    field!(
        text reports_to,
        Text,
        Always,
        Some("Reports to"),
        None,
        "who the post holder reports to"
    ),
    field!(
        working_arrangement,
        Map,
        WhenGiven,
        Some("Working arrangements"),
        None,
        "`type: hybrid` (with `office_percent` or `office_days`), `office` or `remote`; optional `note`"
    ),
    field!(
        text closing_date,
        Date,
        Always,
        Some("Closing date"),
        Some("Closing date"),
        "the closing date: `2027-01-28` or `28 January 2027`"
    ),
    field!(
        interview_dates,
        Dates,
        WhenGiven,
        Some("Interview dates"),
        None,
        "a list of dates"
    ),
    field!(
        text security_clearance,
        Choice,
        WhenGiven,
        Some("Security clearance"),
        Some("Security"),
        "`BPSS`, `CTC`, `SC`, `eSC` or `DV` (`data/security.yaml`)"
    ),
    field!(
        text nationality,
        Choice,
        WhenGiven,
        Some("Nationality requirements"),
        Some("Nationality requirements"),
        "a nationality rule id (`data/nationality.yaml`)"
    ),
    field!(
        reserve_list_months,
        Number,
        WhenGiven,
        Some("Reserve list"),
        None,
        "months a reserve list is kept"
    ),
    field!(
        contact,
        Map,
        WhenGiven,
        Some("Contact point for applicants"),
        Some("Contact point for applicants"),
        "`name` and `email`"
    ),
    field!(
        person_specification,
        Map,
        No,
        Some("Person specification"),
        Some("Person specification"),
        "`essential` and `desirable`, lists of criteria"
    ),
    field!(
        behaviours,
        List,
        No,
        Some("Behaviours"),
        Some("Behaviours"),
        "Success Profiles behaviours assessed, by name or id (`data/behaviours.yaml`)"
    ),
    field!(
        behaviours_at_application,
        List,
        No,
        Some("Behaviours at application"),
        None,
        "which of `behaviours` the application form asks evidence for"
    ),
    field!(
        technical_skills,
        List,
        No,
        Some("Technical skills"),
        Some("Technical skills"),
        "the level's framework skills assessed, by id or name (default: all)"
    ),
    field!(
        experience_assessed,
        YesNo,
        No,
        Some("Experience assessed"),
        Some("Experience"),
        "`true` when experience is assessed"
    ),
    field!(
        strengths_assessed,
        YesNo,
        No,
        Some("Strengths assessed"),
        Some("Strengths"),
        "`true` when strengths are assessed"
    ),
    field!(
        selection,
        Map,
        No,
        Some("Selection process details"),
        Some("Selection process details"),
        "`cv`, `statement_words`, `application_form`, `sift`, `interview: {format, minutes}`"
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
        for f in VACANCY_FIELDS.iter().filter(|f| f.is_text()) {
            let v: Vacancy =
                serde_yaml::from_str(&format!("{}: value of {}\n", f.key, f.key)).expect("parses");
            let got = (f.text)(&v).map(Text::as_str);
            assert_eq!(
                got,
                Some(format!("value of {}", f.key).as_str()),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn each_field_is_set_and_filled_by_its_own_functions() {
        let full: Vacancy = serde_yaml::from_str(
            "salary_bands: {national: {min: 1, max: 2}}\nworking_arrangement: {type: remote}\n\
             interview_dates: [2027-02-01]\nreserve_list_months: 12\n\
             contact: {name: A, email: a@example.org}\nperson_specification: {essential: [x]}\n\
             behaviours: [Leadership]\nbehaviours_at_application: [Leadership]\n\
             technical_skills: [x]\nexperience_assessed: true\nstrengths_assessed: false\n\
             selection: {cv: true}\n",
        )
        .expect("parses");
        let json = serde_json::to_value(&full).expect("serialises");
        for f in VACANCY_FIELDS.iter().filter(|f| !f.is_text()) {
            assert!((f.given)(&full), "{} is given", f.key);
            let mut v = Vacancy::default();
            (f.set)(&mut v, json[f.key].clone()).unwrap_or_else(|e| panic!("{}: {e}", f.key));
            assert!((f.given)(&v), "{} is set", f.key);
            let filled = Vacancy::default().with_defaults(&full);
            assert!((f.given)(&filled), "{} is filled", f.key);
        }
        let mut v = Vacancy::default();
        assert!(
            (VacancyField::named("reserve_list_months")
                .expect("field")
                .set)(&mut v, "twelve".into())
            .is_err()
        );
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
