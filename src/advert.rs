//! Merging: a vacancy, a role level and a department become one [`Advert`], the value every
//! template sees.
//!
//! This is pure: no I/O, no templates. It resolves ids (case-insensitively, a level also by its
//! number), picks the grades, resolves a department's conditional text against the level, works
//! out the SFIA list (the department's own where it has one, else the default mapping) and fills
//! the appendix, writing "To be confirmed" for any field left out everywhere.

use indexmap::IndexMap;
use serde::Serialize;

use crate::data::{Data, OrgEntry};
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{
    Block, Bullet, DocMeta, Level, Profile, Role, Section, Style, VACANCY_FIELDS, Vacancy, Variant,
};
use crate::request::Request;

/// What the appendix shows for a field that no vacancy or department default fills.
pub(crate) const TO_BE_CONFIRMED: &str = "To be confirmed";

/// The grade in words when neither the vacancy nor the level gives one: said in full, since
/// the advert's lead line shows it on its own.
pub(crate) const GRADE_TO_BE_CONFIRMED: &str = "Grade to be confirmed";

/// Everything a template can use. `jobgen context` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Advert {
    /// "DevOps engineer, Senior Executive Officer (SEO), Home Office".
    pub title: String,
    /// The department, if one was chosen.
    pub org: Option<OrgView>,
    /// The role.
    pub role: RoleView,
    /// The role level.
    pub level: LevelView,
    /// The grade chosen for this vacancy, if one was.
    pub grade: Option<GradeView>,
    /// The grades the advert is for: the chosen one, or else the level's indicative grades.
    pub grades: Vec<GradeView>,
    /// The grades in words: "Senior Executive Officer (SEO)", or "Higher Executive Officer (HEO)
    /// or Senior Executive Officer (SEO)"; "Grade to be confirmed" when there is none.
    pub grade_text: String,
    /// The department's opening sections.
    pub about: Vec<SectionView>,
    /// The department's sections for this role, resolved for this level.
    pub sections: Vec<SectionView>,
    /// The department's closing sections.
    pub closing: Vec<SectionView>,
    /// The SFIA skills for this level.
    pub sfia: SfiaView,
    /// The appendix: Civil Service Jobs fields and their values, in order.
    pub appendix: Vec<Field>,
    /// The vacancy's fields by key (`salary`), `null` where not given anywhere.
    pub vacancy: IndexMap<String, Option<String>>,
    /// The vacancy's `extra` map.
    pub extra: IndexMap<String, serde_json::Value>,
    /// Warnings to show the user (not part of the advert's text).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    /// Facts for the document writers.
    #[serde(skip)]
    pub meta: DocMeta,
    /// The department's house style (the built-in default without a department).
    #[serde(skip)]
    pub style: Style,
}

/// A department, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    /// `home-office`.
    pub id: String,
    /// `Home Office`.
    pub name: String,
}

/// A role, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    /// `devops-engineer`.
    pub id: String,
    /// `Development operations (DevOps) engineer`.
    pub name: String,
    /// `Software development`.
    pub family: String,
    /// One-sentence summary.
    pub summary: String,
    /// A further paragraph, or `null`.
    pub description: Option<String>,
    /// "In this role, you will:" bullets (may be empty).
    pub responsibilities: Vec<String>,
}

/// A role level, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    /// `devops-engineer`.
    pub id: String,
    /// Its position in the role, 1 for the most junior.
    pub number: usize,
    /// `DevOps engineer`.
    pub name: String,
    /// `technical` or `management`.
    pub variant: Variant,
    /// One-sentence summary.
    pub summary: String,
    /// Further paragraphs about the level, or `null`.
    pub description: Option<String>,
    /// "At this role level, you will:" bullets.
    pub responsibilities: Vec<String>,
    /// The indicative grades (a management level's are its technical twin's).
    pub grades: Vec<GradeView>,
    /// The level whose grades a management level takes, or `null`.
    pub grades_from: Option<String>,
    /// The skills, each with its level and bullets.
    pub skills: Vec<SkillView>,
    /// A professional body's profile, or `null`.
    pub profile: Option<Profile>,
}

/// A grade, as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeView {
    /// `SEO`.
    pub id: String,
    /// `Senior Executive Officer`.
    pub name: String,
}

/// A skill at a level, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct SkillView {
    /// `systems-design`.
    pub id: String,
    /// `Systems design`.
    pub name: String,
    /// `working`.
    pub level: String,
    /// `Working`.
    pub level_name: String,
    /// 1 (awareness) to 4 (expert).
    pub rank: u8,
    /// The "You can" bullets at that level.
    pub bullets: Vec<String>,
}

/// A section of department text, resolved for one level.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The heading.
    pub title: String,
    /// True when the section belongs inside the one before it (a `###` heading).
    pub subsection: bool,
    /// Paragraphs and lists.
    pub body: Vec<BlockView>,
}

/// A paragraph (`kind: paragraph`, `text`) or a bullet list (`kind: list`, `items`).
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `paragraph` or `list`.
    pub kind: &'static str,
    /// The paragraph's text (empty for a list).
    pub text: String,
    /// The list's bullets (empty for a paragraph).
    pub items: Vec<String>,
}

/// The SFIA skills of an advert.
#[derive(Debug, Clone, Serialize)]
pub struct SfiaView {
    /// The SFIA version the names and levels come from, when known.
    pub version: Option<String>,
    /// `department` when the department gave its own list, `default` for jobgen's mapping.
    pub source: &'static str,
    /// Skills grouped by category and subcategory, in order.
    pub groups: Vec<SfiaGroup>,
}

/// SFIA skills under one category and subcategory.
#[derive(Debug, Clone, Serialize)]
pub struct SfiaGroup {
    /// `Development and implementation`.
    pub category: String,
    /// `Systems development`.
    pub subcategory: String,
    /// The skills.
    pub skills: Vec<SfiaSkillView>,
}

/// One SFIA skill at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SfiaSkillView {
    /// `PROG`.
    pub code: String,
    /// `Programming/software development`.
    pub name: String,
    /// 1 to 7.
    pub level: u8,
}

/// One appendix row.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The vacancy key: `salary`.
    pub key: String,
    /// The label, as Civil Service Jobs words it: `Salary`.
    pub label: String,
    /// The value, or "To be confirmed".
    pub value: String,
    /// False when the value is "To be confirmed".
    pub given: bool,
}

/// Merges a request with the data.
pub fn merge(data: &Data, req: &Request) -> Result<Advert, Vec<Diagnostic>> {
    let v = &req.vacancy;
    let mut problems = Vec::new();
    // Each problem names where its value came from: a flag, a file position, a form field.
    let locate =
        |key: &str, msg: String, help: String| req.locate(key, Diagnostic::new(msg).help(help));

    let org = match v.org.as_ref().map(|t| t.as_str()) {
        None => None,
        Some(id) => match data.org(id) {
            Some(o) => Some(o),
            None => {
                problems.push(locate(
                    "org",
                    format!("unknown department `{id}`"),
                    suggest(id, data.orgs.keys().map(String::as_str)),
                ));
                None
            }
        },
    };
    let role = match v.role.as_ref().map(|t| t.as_str()) {
        None => {
            problems.push(locate(
                "role",
                "no role given".into(),
                "give --role (or `role:` in the vacancy); `jobgen list roles` lists them".into(),
            ));
            None
        }
        Some(id) => match data.role(id) {
            Some(r) => Some(r),
            None => {
                problems.push(locate(
                    "role",
                    format!("unknown role `{id}`"),
                    suggest(id, data.role_ids.iter().map(String::as_str)),
                ));
                None
            }
        },
    };
    let level = role.and_then(|role| match v.level.as_ref().map(|t| t.as_str()) {
        None => {
            problems.push(locate(
                "level",
                "no level given".into(),
                format!(
                    "give --level (or `level:` in the vacancy); `jobgen list levels {}` lists them",
                    role.id
                ),
            ));
            None
        }
        Some(id) => match find_level(role, id) {
            Some(l) => Some(l),
            None => {
                let help = if id.trim().parse::<usize>().is_ok() {
                    format!(
                        "give a number from 1 to {}, or a level id (`jobgen list levels {}`)",
                        role.levels.len(),
                        role.id
                    )
                } else {
                    format!(
                        "{} (or give its number, 1 to {})",
                        suggest(id, role.levels.iter().map(|l| l.id.as_str())),
                        role.levels.len()
                    )
                };
                problems.push(locate(
                    "level",
                    format!("role `{}` has no level `{id}`", role.id),
                    help,
                ));
                None
            }
        },
    });
    let grade = match v.grade.as_ref().map(|t| t.as_str()) {
        None => None,
        Some(id) => match data.grade(id) {
            Some(g) => Some(GradeView {
                id: g.id.clone(),
                name: g.name.clone(),
            }),
            None => {
                problems.push(locate(
                    "grade",
                    format!("unknown grade `{id}`"),
                    suggest(id, data.grades.iter().map(|g| g.id.as_str())),
                ));
                None
            }
        },
    };
    let (Some(role), Some((number, level))) = (role, level) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut advert = build(data, org, role, number, level, grade, v);
    // Warnings point at the value as the user gave it, like errors.
    advert.warnings = std::mem::take(&mut advert.warnings)
        .into_iter()
        .map(|w| match w.key.clone() {
            Some(key) => req.locate(&key, Diagnostic { key: None, ..w }),
            None => w,
        })
        .collect();
    Ok(advert)
}

/// A level by id (case-insensitive) or by its 1-based number.
pub(crate) fn find_level<'a>(role: &'a Role, id: &str) -> Option<(usize, &'a Level)> {
    if let Ok(n) = id.trim().parse::<usize>() {
        return role.levels.get(n.wrapping_sub(1)).map(|l| (n, l));
    }
    role.levels
        .iter()
        .enumerate()
        .find(|(_, l)| l.id.eq_ignore_ascii_case(id.trim()))
        .map(|(i, l)| (i + 1, l))
}

fn grade_view(data: &Data, id: &str) -> Option<GradeView> {
    data.grade(id).map(|g| GradeView {
        id: g.id.clone(),
        name: g.name.clone(),
    })
}

fn build(
    data: &Data,
    org: Option<&OrgEntry>,
    role: &Role,
    number: usize,
    level: &Level,
    grade: Option<GradeView>,
    v: &Vacancy,
) -> Advert {
    let mut warnings = Vec::new();
    let indicative_ids: &[String] = match &level.grades_from {
        Some(twin) => role
            .levels
            .iter()
            .find(|l| &l.id == twin)
            .map_or(&[][..], |l| &l.grades[..]),
        None => &level.grades,
    };
    let indicative: Vec<GradeView> = indicative_ids
        .iter()
        .filter_map(|g| grade_view(data, g))
        .collect();
    if let Some(g) = &grade
        && !indicative.is_empty()
        && !indicative.contains(g)
    {
        warnings.push(
            Diagnostic::warning(format!(
                "{} is not one of the indicative grades of {} ({}); writing the advert anyway",
                g.id,
                level.name,
                indicative
                    .iter()
                    .map(|g| g.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .at_key("grade")
            .help(
                "check the grade; `jobgen list levels ROLE` gives each level's indicative grades",
            ),
        );
    }
    let grades = match &grade {
        Some(g) => vec![g.clone()],
        None => indicative.clone(),
    };
    let grade_text = if grades.is_empty() {
        GRADE_TO_BE_CONFIRMED.to_string()
    } else {
        grades
            .iter()
            .map(|g| format!("{} ({})", g.name, g.id))
            .collect::<Vec<_>>()
            .join(" or ")
    };

    let skills = level
        .skills
        .iter()
        .filter_map(|s| {
            let skill = data.skills.get(&s.skill)?;
            Some(SkillView {
                id: skill.id.clone(),
                name: skill.name.clone(),
                level: s.level.id().into(),
                level_name: s.level.name().into(),
                rank: s.level.rank(),
                bullets: skill.levels.get(&s.level).cloned().unwrap_or_default(),
            })
        })
        .collect();

    let responsibilities = &level.responsibilities;
    let resolve = |sections: &[Section]| -> Vec<SectionView> {
        sections
            .iter()
            .map(|s| SectionView {
                title: s.title.clone(),
                subsection: s.subsection,
                body: s
                    .body
                    .iter()
                    .filter_map(|b| resolve_block(b, responsibilities))
                    .collect(),
            })
            .collect()
    };
    let (about, sections, closing) = match org {
        Some(o) => (
            resolve(&o.org.about),
            o.org
                .roles
                .get(&role.id)
                .map(|r| resolve(&r.sections))
                .unwrap_or_default(),
            resolve(&o.org.closing),
        ),
        None => Default::default(),
    };

    let sfia = sfia_for(data, org, role, level, grade.as_ref());
    let defaults = org.map(|o| &o.org.defaults);
    let vacancy = fields(v, defaults);
    let appendix = appendix(&vacancy, &grade_text);

    let org_name = org.map(|o| o.org.name.clone());
    let grade_short = grades
        .iter()
        .map(|g| g.id.as_str())
        .collect::<Vec<_>>()
        .join(" or ");
    let mut title = level.name.clone();
    if !grade_short.is_empty() {
        title.push_str(", ");
        title.push_str(&grade_short);
    }
    if let Some(n) = &org_name {
        title.push_str(", ");
        title.push_str(n);
    }
    let meta = DocMeta {
        title: title.clone(),
        subject: format!("Job advert: {} ({}), {}", level.name, role.name, grade_text),
        author: org_name.clone().unwrap_or_else(|| "jobgen".into()),
        language: "en-GB".into(),
    };
    Advert {
        title,
        org: org.map(|o| OrgView {
            id: o.id.clone(),
            name: o.org.name.clone(),
        }),
        role: RoleView {
            id: role.id.clone(),
            name: role.name.clone(),
            family: role.family.clone(),
            summary: role.summary.clone(),
            description: role.description.clone(),
            responsibilities: role.responsibilities.clone(),
        },
        level: LevelView {
            id: level.id.clone(),
            number,
            name: level.name.clone(),
            variant: level.variant,
            summary: level.summary.clone(),
            description: level.description.clone(),
            responsibilities: level.responsibilities.clone(),
            grades: indicative,
            grades_from: level.grades_from.clone(),
            skills,
            profile: level.profile.clone(),
        },
        grade,
        grades,
        grade_text,
        about,
        sections,
        closing,
        sfia,
        appendix,
        vacancy,
        extra: v.extra.clone(),
        warnings,
        meta,
        style: org.map(|o| o.org.style.clone()).unwrap_or_default(),
    }
}

fn resolve_block(b: &Block, responsibilities: &[String]) -> Option<BlockView> {
    match b {
        Block::Paragraph(text) => Some(BlockView {
            kind: "paragraph",
            text: text.clone(),
            items: Vec::new(),
        }),
        Block::List(list) => {
            let items: Vec<String> = list
                .bullets
                .iter()
                .filter_map(|bullet| match bullet {
                    Bullet::Text(t) => Some(t.clone()),
                    Bullet::Conditional(c) => {
                        let wanted = c.when_responsibilities_mention.iter().any(|word| {
                            let word = word.to_lowercase();
                            responsibilities
                                .iter()
                                .any(|r| r.to_lowercase().contains(&word))
                        });
                        wanted.then(|| c.text.clone())
                    }
                })
                .collect();
            (!items.is_empty()).then_some(BlockView {
                kind: "list",
                text: String::new(),
                items,
            })
        }
    }
}

/// The department's SFIA list for this level and grade, else the default mapping.
fn sfia_for(
    data: &Data,
    org: Option<&OrgEntry>,
    role: &Role,
    level: &Level,
    grade: Option<&GradeView>,
) -> SfiaView {
    let own = org.and_then(|o| {
        o.org.sfia.iter().find(|s| {
            s.role == role.id
                && s.levels.iter().any(|l| l == &level.id)
                && (s.grades.is_empty()
                    || grade
                        .is_some_and(|g| s.grades.iter().any(|x| x.eq_ignore_ascii_case(&g.id))))
        })
    });
    if let Some(own) = own {
        let groups = group(own.skills.iter().map(|e| {
            let skill = SfiaSkillView {
                code: e.code.clone(),
                name: e.name.clone(),
                level: e.level,
            };
            (e.category.as_str(), e.subcategory.as_str(), skill)
        }));
        return SfiaView {
            version: own.version.clone(),
            source: "department",
            groups,
        };
    }
    // Default mapping: each framework skill level gives an SFIA level by the rule, kept within
    // the levels SFIA defines; a code reached twice keeps its higher level.
    let mut chosen: IndexMap<usize, u8> = IndexMap::new();
    for s in &level.skills {
        let Some(codes) = data.sfia.mapping.get(&s.skill) else {
            continue;
        };
        let wanted = data.sfia.rule.get(&s.level).copied().unwrap_or(3);
        for code in codes {
            if let Some(i) = data.sfia.skills.iter().position(|x| &x.code == code) {
                let [lo, hi] = data.sfia.skills[i].levels;
                let lvl = wanted.clamp(lo, hi.max(lo));
                let e = chosen.entry(i).or_insert(lvl);
                *e = (*e).max(lvl);
            }
        }
    }
    let mut order: Vec<(usize, u8)> = chosen.into_iter().collect();
    order.sort_by_key(|(i, _)| *i);
    let groups = group(order.into_iter().map(|(i, level)| {
        let s = &data.sfia.skills[i];
        let skill = SfiaSkillView {
            code: s.code.clone(),
            name: s.name.clone(),
            level,
        };
        (s.category.as_str(), s.subcategory.as_str(), skill)
    }));
    SfiaView {
        version: Some(data.sfia.version.clone()),
        source: "default",
        groups,
    }
}

/// Groups SFIA skills under their category and subcategory, keeping their order: a new group
/// starts whenever the category or subcategory changes (sfia.yaml and department lists are
/// written grouped).
fn group<'a>(skills: impl Iterator<Item = (&'a str, &'a str, SfiaSkillView)>) -> Vec<SfiaGroup> {
    let mut groups: Vec<SfiaGroup> = Vec::new();
    for (category, subcategory, skill) in skills {
        match groups.last_mut() {
            Some(g) if g.category == category && g.subcategory == subcategory => {
                g.skills.push(skill)
            }
            _ => groups.push(SfiaGroup {
                category: category.to_string(),
                subcategory: subcategory.to_string(),
                skills: vec![skill],
            }),
        }
    }
    groups
}

/// Each vacancy field: the vacancy's value, else the department's default, else `None`.
/// The vacancy's value for each field that is not a selector, falling back to the department's
/// default; blank values count as absent.
fn fields(v: &Vacancy, defaults: Option<&Vacancy>) -> IndexMap<String, Option<String>> {
    VACANCY_FIELDS
        .iter()
        .filter(|f| f.label.is_some() && f.key != "grade")
        .map(|f| {
            let value = (f.get)(v)
                .or_else(|| defaults.and_then(f.get))
                .map(|t| t.as_str().trim().to_string())
                .filter(|t| !t.is_empty());
            (f.key.to_string(), value)
        })
        .collect()
}

/// The appendix: every labelled field in the table's order, "To be confirmed" where no value was
/// given; the length of employment only for fixed-term contracts or when given.
fn appendix(vacancy: &IndexMap<String, Option<String>>, grade_text: &str) -> Vec<Field> {
    let fixed_term = vacancy
        .get("contract_type")
        .and_then(|v| v.as_deref())
        .is_some_and(|c| c.to_lowercase().contains("fixed"));
    VACANCY_FIELDS
        .iter()
        .filter_map(|f| {
            let label = f.label?;
            let value = if f.key == "grade" {
                (grade_text != GRADE_TO_BE_CONFIRMED).then(|| grade_text.to_string())
            } else {
                vacancy.get(f.key).cloned().flatten()
            };
            if f.key == "length_of_employment" && value.is_none() && !fixed_term {
                return None;
            }
            Some(Field {
                key: f.key.into(),
                label: label.into(),
                given: value.is_some(),
                value: value.unwrap_or_else(|| TO_BE_CONFIRMED.into()),
            })
        })
        .collect()
}
