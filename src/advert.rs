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
use crate::date::Date;
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{
    Appendix, Arrangement, Band, Block, Bullet, Contact, DocMeta, Level, Pension,
    PersonSpecification, Profile, Role, Rule, SalaryBands, Section, Selection, Style, Text,
    VACANCY_FIELDS, Vacancy, Variant, WorkingArrangement,
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
    /// The candidate half: pay, dates, Success Profiles, selection, security, nationality,
    /// contact.
    pub candidate: Candidate,
    /// The Civil Service Jobs form's fields, for the export (`--format csj`).
    #[serde(skip)]
    pub csj: Vec<crate::encoding::csj::CsjField>,
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
    /// The Benefits section's text.
    pub benefits: Vec<BlockView>,
    /// About working for the department.
    pub working_for_us: Vec<BlockView>,
    /// The diversity and inclusion statement.
    pub diversity: Vec<BlockView>,
    /// Reasonable adjustments and Disability Confident.
    pub reasonable_adjustments: Vec<BlockView>,
    /// Further information.
    pub further_information: Vec<BlockView>,
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
    if let Some((_, level)) = level {
        for (path, d) in check_fields(data, v, Some(level)) {
            problems.push(req.locate(&path, d));
        }
    }
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
    let indicative: Vec<GradeView> = role
        .indicative_grades(level)
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

    let skills: Vec<SkillView> = level
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
    let merged = match org {
        Some(o) => v.with_defaults(&o.org.defaults),
        None => v.clone(),
    };
    let candidate = candidate(data, &merged, level, &skills, grade.as_ref(), &mut warnings);
    let vacancy = fields(&merged, &candidate);
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
    let mut advert = Advert {
        title,
        org: org.map(|o| {
            let blocks = |b: &[Block]| -> Vec<BlockView> {
                b.iter()
                    .filter_map(|b| resolve_block(b, responsibilities))
                    .collect()
            };
            OrgView {
                id: o.id.clone(),
                name: o.org.name.clone(),
                benefits: blocks(&o.org.benefits),
                working_for_us: blocks(&o.org.working_for_us),
                diversity: blocks(&o.org.diversity),
                reasonable_adjustments: blocks(&o.org.reasonable_adjustments),
                further_information: blocks(&o.org.further_information),
            }
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
        candidate,
        csj: Vec::new(),
        warnings,
        meta,
        style: org.map(|o| o.org.style.clone()).unwrap_or_default(),
    };
    let (csj, misses) = crate::encoding::csj::fields(&advert, &data.csj);
    advert.csj = csj;
    for m in misses {
        advert.warnings.push(
            Diagnostic::warning(format!(
                "`{}` is not one of Civil Service Jobs' values for {}; the export writes it as given",
                m.value, m.label
            ))
            .at_key(m.key)
            .help(format!("Civil Service Jobs offers: {}", m.offered.join(", "))),
        );
    }
    advert
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

/// Each labelled field but the grade, printed: the vacancy's value (with the department's
/// defaults already taken), text as written (blank counts as absent), structured values in
/// words.
fn fields(v: &Vacancy, c: &Candidate) -> IndexMap<String, Option<String>> {
    let join = |items: Vec<String>| (!items.is_empty()).then(|| items.join(", "));
    VACANCY_FIELDS
        .iter()
        .filter(|f| f.label.is_some() && f.key != "grade")
        .map(|f| {
            let value = match f.key {
                "salary" => (f.text)(v)
                    .map(|t| t.as_str().trim().to_string())
                    .filter(|t| !t.is_empty())
                    .or_else(|| c.pay.as_ref().map(|p| p.text.clone())),
                "salary_bands" => c.pay.as_ref().map(|p| p.text.clone()),
                "working_arrangement" => c.working_arrangement.clone(),
                "closing_date" => c.closing_date.as_ref().map(|d| d.text.clone()),
                "interview_dates" => {
                    join(c.interview_dates.iter().map(|d| d.text.clone()).collect())
                }
                "security_clearance" => c.security.as_ref().map(|r| r.name.clone()),
                "nationality" => c.nationality.as_ref().map(|r| r.name.clone()),
                "reserve_list_months" => v.reserve_list_months.map(|m| {
                    if m == 1 {
                        "1 month".to_string()
                    } else {
                        format!("{m} months")
                    }
                }),
                "contact" => c
                    .contact
                    .as_ref()
                    .map(|c| format!("{} ({})", c.name, c.email)),
                "person_specification" => c.person_specification.as_ref().map(|p| {
                    format!(
                        "{} essential, {} desirable",
                        p.essential.len(),
                        p.desirable.len()
                    )
                }),
                "behaviours" => c
                    .behaviours
                    .as_ref()
                    .and_then(|b| join(b.items.iter().map(|b| b.name.clone()).collect())),
                "behaviours_at_application" => c.behaviours.as_ref().and_then(|b| {
                    join(
                        b.items
                            .iter()
                            .filter(|b| b.at_application)
                            .map(|b| b.name.clone())
                            .collect(),
                    )
                }),
                "technical_skills" => {
                    join(c.technical_skills.iter().map(|s| s.name.clone()).collect())
                }
                "experience_assessed" => v.experience_assessed.map(yes_no),
                "strengths_assessed" => v.strengths_assessed.map(yes_no),
                "selection" => (!c.selection.is_empty()).then(|| c.selection.join(" ")),
                _ => (f.text)(v)
                    .map(|t| t.as_str().trim().to_string())
                    .filter(|t| !t.is_empty()),
            };
            (f.key.to_string(), value)
        })
        .collect()
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

/// The appendix: the fields the table shows there, in its order; "To be confirmed" for a field
/// always shown that no value fills; the length of employment also for fixed-term contracts.
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
            let always =
                f.appendix == Appendix::Always || (f.key == "length_of_employment" && fixed_term);
            if f.appendix == Appendix::No || (value.is_none() && !always) {
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

/// The candidate half of an advert: pay, working arrangements, dates, the Success Profiles
/// assessed, the selection process, security, nationality and a contact point, each worked out
/// from the vacancy (with the department's defaults) and the data. `null` or empty where not
/// given, so that a template writes a section only when it has content.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Candidate {
    /// The salary bands, if given, and the pension contribution worked out from them.
    pub pay: Option<PayView>,
    /// The working arrangement in words: "Hybrid: at least 60% of your working time in the
    /// office".
    pub working_arrangement: Option<String>,
    /// The closing date.
    pub closing_date: Option<DateView>,
    /// Interview dates.
    pub interview_dates: Vec<DateView>,
    /// The security clearance the job needs.
    pub security: Option<RuleView>,
    /// The nationality rule.
    pub nationality: Option<RuleView>,
    /// The reserve list, in a sentence.
    pub reserve_list: Option<String>,
    /// The contact point for applicants.
    pub contact: Option<Contact>,
    /// Essential and desirable criteria (`null` when both are empty).
    pub person_specification: Option<PersonSpecification>,
    /// The behaviours assessed (`null` when none are named).
    pub behaviours: Option<BehavioursView>,
    /// The framework skills assessed: those named, else all of the level's.
    pub technical_skills: Vec<SkillView>,
    /// Whether experience is assessed.
    pub experience_assessed: bool,
    /// Whether strengths are assessed.
    pub strengths_assessed: bool,
    /// The selection process, one sentence a step (empty when not given).
    pub selection: Vec<String>,
    /// What candidates send, by name: `CV`, `statement of suitability`, `application form`
    /// (empty when the vacancy does not say).
    pub sends: Vec<String>,
    /// True when the vacancy says how candidates are assessed (behaviours, technical skills,
    /// experience, strengths or a selection process): the advert then lists the technical
    /// skills assessed.
    pub assessed: bool,
}

/// A salary worked out from bands.
#[derive(Debug, Clone, Serialize)]
pub struct PayView {
    /// As printed: "£45,000 to £50,000 National, £50,000 to £55,000 London".
    pub text: String,
    /// The one band, or the National band.
    pub national: Option<Band>,
    /// The London band.
    pub london: Option<Band>,
    /// The allowance, in words.
    pub allowance: Option<String>,
    /// The employer's pension contribution, when the salary is given as bands.
    pub pension: Option<PensionView>,
}

/// The employer's pension contribution for a salary.
#[derive(Debug, Clone, Serialize)]
pub struct PensionView {
    /// The rate, as printed: `28.97%`.
    pub rate: String,
    /// "A Civil Service Pension with an employer contribution of 28.97% (£13,037 to £14,485 a
    /// year on the National band)".
    pub text: String,
    /// The scheme.
    pub scheme: String,
    /// The date the rate applies from.
    pub applies_from: String,
    /// Where the rate is published.
    pub source: String,
}

/// A date, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2027-01-28`.
    pub iso: String,
    /// `Thursday 28 January 2027`.
    pub text: String,
}

/// A security clearance level or nationality rule, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    /// `SC`.
    pub id: String,
    /// `Security Check (SC)`.
    pub name: String,
    /// The sentence an advert prints.
    pub sentence: String,
    /// Where the facts come from.
    pub source: String,
}

/// The Success Profiles behaviours assessed.
#[derive(Debug, Clone, Serialize)]
pub struct BehavioursView {
    /// The Success Profiles level of the advert's grade, when one grade is chosen.
    pub level: Option<u8>,
    /// The behaviours, in the vacancy's order.
    pub items: Vec<BehaviourView>,
    /// The names of those the application form asks evidence for.
    pub at_application: Vec<String>,
    /// Where the names come from.
    pub source: String,
}

/// One behaviour assessed.
#[derive(Debug, Clone, Serialize)]
pub struct BehaviourView {
    /// `delivering-at-pace`.
    pub id: String,
    /// `Delivering at pace`.
    pub name: String,
    /// True when the application form asks evidence for it.
    pub at_application: bool,
}

/// `45000` -> `£45,000`.
pub(crate) fn pounds(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::from("£");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn band_text(b: Band) -> String {
    if b.min == b.max {
        pounds(b.min)
    } else {
        format!("{} to {}", pounds(b.min), pounds(b.max))
    }
}

/// The bands of a salary: the one band (or National band) and the London band.
fn bands(s: &SalaryBands) -> (Option<Band>, Option<Band>) {
    let one = match (s.min, s.max) {
        (Some(min), Some(max)) => Some(Band { min, max }),
        _ => None,
    };
    (s.national.or(one), s.london)
}

fn pay_view(s: &SalaryBands, pension: &Pension) -> PayView {
    let (national, london) = bands(s);
    let mut text = match (national, london) {
        (Some(n), Some(l)) => format!("{} National, {} London", band_text(n), band_text(l)),
        (Some(n), None) => band_text(n),
        _ => String::new(),
    };
    if let Some(a) = s
        .allowance
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        text.push_str(", ");
        text.push_str(a);
    }
    let rate = pension.employer_rate_percent;
    let yearly = |b: Band| {
        let at = |n: u32| (f64::from(n) * rate / 100.0).round() as u32;
        band_text(Band {
            min: at(b.min),
            max: at(b.max),
        })
    };
    let rate_text = format!("{rate}%");
    let pension = national.map(|n| {
        let mut amounts = format!("{} a year", yearly(n));
        if let Some(l) = london {
            amounts = format!(
                "{amounts} on the National band, {} a year on the London band",
                yearly(l)
            );
        }
        PensionView {
            text: format!(
                "A Civil Service Pension with an employer contribution of {rate_text} ({amounts})"
            ),
            rate: rate_text,
            scheme: pension.scheme.clone(),
            applies_from: pension.applies_from.clone(),
            source: pension.source.clone(),
        }
    });
    PayView {
        text,
        national,
        london,
        allowance: s.allowance.clone(),
        pension,
    }
}

fn arrangement_text(w: &WorkingArrangement) -> String {
    let mut text = match (w.kind, w.office_percent, w.office_days) {
        (Arrangement::Hybrid, Some(p), _) => {
            format!("Hybrid: at least {p}% of your working time in the office")
        }
        (Arrangement::Hybrid, None, Some(1)) => {
            "Hybrid: at least 1 day a week in the office".into()
        }
        (Arrangement::Hybrid, None, Some(d)) => {
            format!("Hybrid: at least {d} days a week in the office")
        }
        (Arrangement::Hybrid, None, None) => "Hybrid".into(),
        (Arrangement::Office, ..) => "Office-based".into(),
        (Arrangement::Remote, ..) => "Remote: you can work from home".into(),
    };
    if let Some(note) = w.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        text.push_str(". ");
        text.push_str(note);
    }
    text
}

fn date_view(d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        text: d.csj(),
    }
}

fn rule_view(r: &Rule) -> RuleView {
    RuleView {
        id: r.id.clone(),
        name: r.name.clone(),
        sentence: r.sentence.clone(),
        source: r.source.clone(),
    }
}

/// A plausible email address: one `@`, something before it, a dotted domain after it, no
/// spaces or brackets.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let ok_chars = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || "._%+-'".contains(c))
    };
    !local.is_empty()
        && ok_chars(local)
        && ok_chars(domain)
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A skill of `level` by id or name (case-insensitive).
fn level_skill<'a>(data: &'a Data, level: &Level, name: &str) -> Option<&'a str> {
    let name = name.trim();
    level.skills.iter().find_map(|s| {
        let skill = data.skills.get(&s.skill)?;
        (skill.id.eq_ignore_ascii_case(name) || skill.name.eq_ignore_ascii_case(name))
            .then_some(skill.id.as_str())
    })
}

/// Checks the values of a vacancy's fields that the data gives meaning to (bands, dates, ids,
/// an email address); each problem comes with the key path of the value it is about. With a
/// level, technical skills are checked against the level's skills; without one (a department's
/// defaults), against the catalogue.
pub(crate) fn check_fields(
    data: &Data,
    v: &Vacancy,
    level: Option<&Level>,
) -> Vec<(String, Diagnostic)> {
    let mut out = Vec::new();
    let mut push = |path: String, msg: String, help: String| {
        out.push((path, Diagnostic::new(msg).help(help)));
    };
    if let Some(s) = &v.salary_bands {
        match (s.min, s.max, s.national) {
            (Some(_), Some(_), None) | (None, None, Some(_)) => {}
            (_, _, Some(_)) => push(
                "salary_bands.national".into(),
                "the salary gives both one band (`min`, `max`) and a National band".into(),
                "give `min` and `max` for one band, or `national` and `london` for two".into(),
            ),
            (Some(_), None, None) | (None, Some(_), None) => push(
                "salary_bands".into(),
                "the salary band needs both `min` and `max`".into(),
                "write `salary_bands: {min: 45000, max: 50000}`".into(),
            ),
            (None, None, None) => push(
                "salary_bands".into(),
                "the salary gives no band".into(),
                "write `salary_bands: {min: 45000, max: 50000}`, or `national:` and `london:` bands".into(),
            ),
        }
        let (national, london) = bands(s);
        for (key, band) in [("national", national), ("london", london)] {
            if let Some(b) = band
                && b.min > b.max
            {
                let path = if s.national.is_none() && key == "national" {
                    "salary_bands.max".to_string()
                } else {
                    format!("salary_bands.{key}.max")
                };
                push(
                    path,
                    format!(
                        "the salary band's maximum ({}) is lower than its minimum ({})",
                        pounds(b.max),
                        pounds(b.min)
                    ),
                    "give the lowest pay as `min` and the highest as `max`".into(),
                );
            }
        }
        match (national, london) {
            (Some(n), Some(l)) if l.min < n.min || l.max < n.max => push(
                "salary_bands.london".into(),
                format!(
                    "the London band ({}) is lower than the National band ({})",
                    band_text(l),
                    band_text(n)
                ),
                "London pay is at least National pay: check that the bands are not swapped".into(),
            ),
            (None, Some(_)) => push(
                "salary_bands.london".into(),
                "a London band needs a National band".into(),
                "add `national: {min: ..., max: ...}`".into(),
            ),
            _ => {}
        }
    }
    if let Some(w) = &v.working_arrangement {
        let both = w.office_percent.is_some() && w.office_days.is_some();
        match w.kind {
            Arrangement::Hybrid if both => push(
                "working_arrangement".into(),
                "a hybrid arrangement gives both `office_percent` and `office_days`".into(),
                "keep one of them".into(),
            ),
            Arrangement::Hybrid => {}
            _ if w.office_percent.is_some() || w.office_days.is_some() => push(
                "working_arrangement.type".into(),
                "office attendance is given for a job that is not hybrid".into(),
                "write `type: hybrid`, or leave out `office_percent` and `office_days`".into(),
            ),
            _ => {}
        }
        if let Some(p) = w.office_percent
            && !(1..=100).contains(&p)
        {
            push(
                "working_arrangement.office_percent".into(),
                format!("office attendance of {p}% is not a share of working time"),
                "give a percentage from 1 to 100".into(),
            );
        }
        if let Some(d) = w.office_days
            && !(1..=7).contains(&d)
        {
            push(
                "working_arrangement.office_days".into(),
                format!("{d} days a week in the office is not a number of days in a week"),
                "give a number of days from 1 to 5 (or up to 7)".into(),
            );
        }
    }
    let date_help = "write the date as 2027-01-28 or 28 January 2027";
    if let Some(d) = &v.closing_date
        && Date::parse(d.as_str()).is_none()
    {
        push(
            "closing_date".into(),
            format!("the closing date `{}` is not a date", d.as_str()),
            date_help.into(),
        );
    }
    for (i, d) in v.interview_dates.iter().flatten().enumerate() {
        if Date::parse(d.as_str()).is_none() {
            push(
                format!("interview_dates[{i}]"),
                format!("the interview date `{}` is not a date", d.as_str()),
                date_help.into(),
            );
        }
    }
    if let Some(id) = &v.security_clearance
        && data.clearance(id.as_str()).is_none()
    {
        push(
            "security_clearance".into(),
            format!("unknown security clearance `{}`", id.as_str()),
            suggest(id.as_str(), data.security.iter().map(|r| r.id.as_str())),
        );
    }
    if let Some(id) = &v.nationality
        && data.nationality_rule(id.as_str()).is_none()
    {
        push(
            "nationality".into(),
            format!("unknown nationality rule `{}`", id.as_str()),
            suggest(id.as_str(), data.nationality.iter().map(|r| r.id.as_str())),
        );
    }
    if let Some(c) = &v.contact {
        if c.name.trim().is_empty() {
            push(
                "contact.name".into(),
                "the contact point has no name".into(),
                "give the name of a person or team candidates can ask".into(),
            );
        }
        if !is_email(c.email.trim()) {
            push(
                "contact.email".into(),
                format!("`{}` is not an email address", c.email),
                "write it as name@department.gov.uk".into(),
            );
        }
    }
    let names = || data.behaviours.behaviours.iter().map(|b| b.name.as_str());
    for (i, b) in v.behaviours.iter().flatten().enumerate() {
        if data.behaviour(b.as_str()).is_none() {
            push(
                format!("behaviours[{i}]"),
                format!("unknown Success Profiles behaviour `{}`", b.as_str()),
                suggest(b.as_str(), names()),
            );
        }
    }
    let assessed: Vec<&str> = v
        .behaviours
        .iter()
        .flatten()
        .filter_map(|b| data.behaviour(b.as_str()).map(|b| b.id.as_str()))
        .collect();
    for (i, b) in v.behaviours_at_application.iter().flatten().enumerate() {
        match data.behaviour(b.as_str()) {
            None => push(
                format!("behaviours_at_application[{i}]"),
                format!("unknown Success Profiles behaviour `{}`", b.as_str()),
                suggest(b.as_str(), names()),
            ),
            Some(found) if !assessed.contains(&found.id.as_str()) => push(
                format!("behaviours_at_application[{i}]"),
                format!("`{}` is not one of the behaviours assessed", found.name),
                "add it to `behaviours`, or take it out of `behaviours_at_application`".into(),
            ),
            Some(_) => {}
        }
    }
    for (i, s) in v.technical_skills.iter().flatten().enumerate() {
        let known = match level {
            Some(l) => level_skill(data, l, s.as_str()).is_some(),
            None => data.skills.values().any(|k| {
                k.id.eq_ignore_ascii_case(s.as_str().trim())
                    || k.name.eq_ignore_ascii_case(s.as_str().trim())
            }),
        };
        if !known {
            let help = match level {
                Some(l) => suggest(
                    s.as_str(),
                    l.skills
                        .iter()
                        .filter_map(|x| data.skills.get(&x.skill))
                        .map(|k| k.name.as_str())
                        .collect::<Vec<_>>(),
                ),
                None => suggest(s.as_str(), data.skills.values().map(|k| k.name.as_str())),
            };
            let msg = match level {
                Some(l) => format!("`{}` is not a skill of {}", s.as_str(), l.name),
                None => format!("unknown skill `{}`", s.as_str()),
            };
            push(format!("technical_skills[{i}]"), msg, help);
        }
    }
    if let Some(sel) = &v.selection {
        if sel.statement_words == Some(0) {
            push(
                "selection.statement_words".into(),
                "a statement of suitability of 0 words".into(),
                "give the word limit, for example `statement_words: 750`".into(),
            );
        }
        if let Some(i) = &sel.interview
            && i.format.trim().is_empty()
        {
            push(
                "selection.interview.format".into(),
                "the interview has no format".into(),
                "write `video`, `in person` or `telephone`".into(),
            );
        }
    }
    out
}

/// What candidates send: each thing's name (`CV`) and how the advert asks for it (`a CV`).
fn sent(sel: &Selection) -> Vec<(&'static str, String)> {
    let mut send = Vec::new();
    if sel.cv {
        send.push(("CV", "a CV".to_string()));
    }
    if let Some(w) = sel.statement_words {
        send.push((
            "statement of suitability",
            format!("a statement of suitability of no more than {w} words"),
        ));
    }
    if sel.application_form {
        send.push(("application form", "an application form".to_string()));
    }
    send
}

/// Items as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn selection_steps(sel: &Selection) -> Vec<String> {
    let send: Vec<String> = sent(sel).into_iter().map(|(_, asked)| asked).collect();
    let mut steps = Vec::new();
    if !send.is_empty() {
        steps.push(format!("You will be asked to send {}.", and_list(&send)));
    }
    if let Some(s) = sel.sift.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        steps.push(s.to_string());
    }
    if let Some(i) = &sel.interview {
        steps.push(match i.minutes {
            Some(m) => format!(
                "If you are shortlisted, you will have a {m}-minute {} interview.",
                i.format.trim()
            ),
            None => format!(
                "If you are shortlisted, you will have a {} interview.",
                i.format.trim()
            ),
        });
    }
    steps
}

/// The candidate half of the advert, from a merged vacancy (known to pass [`check_fields`]).
fn candidate(
    data: &Data,
    v: &Vacancy,
    level: &Level,
    skills: &[SkillView],
    grade: Option<&GradeView>,
    warnings: &mut Vec<Diagnostic>,
) -> Candidate {
    let date = |t: &Text| Date::parse(t.as_str()).map(date_view);
    let closing_date = v
        .closing_date
        .as_ref()
        .and_then(|t| Date::parse(t.as_str()));
    if let Some(d) = closing_date {
        match Date::today() {
            Ok(today) if d < today => warnings.push(
                Diagnostic::warning(format!(
                    "the closing date, {}, is in the past (today is {})",
                    d.csj(),
                    today.csj()
                ))
                .at_key("closing_date")
                .help("give a date after today"),
            ),
            Ok(_) => {}
            Err(e) => warnings.push(Diagnostic::warning(e)),
        }
    }
    let behaviours = v.behaviours.as_ref().filter(|b| !b.is_empty()).map(|list| {
        let at_application: Vec<&str> = v
            .behaviours_at_application
            .iter()
            .flatten()
            .filter_map(|b| data.behaviour(b.as_str()).map(|b| b.id.as_str()))
            .collect();
        let items: Vec<BehaviourView> = list
            .iter()
            .filter_map(|b| data.behaviour(b.as_str()))
            .map(|b| BehaviourView {
                id: b.id.clone(),
                name: b.name.clone(),
                at_application: at_application.contains(&b.id.as_str()),
            })
            .collect();
        BehavioursView {
            level: grade.and_then(|g| {
                data.behaviours
                    .levels
                    .iter()
                    .find(|l| l.grades.iter().any(|x| x.eq_ignore_ascii_case(&g.id)))
                    .map(|l| l.level)
            }),
            at_application: items
                .iter()
                .filter(|b| b.at_application)
                .map(|b| b.name.clone())
                .collect(),
            items,
            source: data.behaviours.source.clone(),
        }
    });
    let technical_skills = match &v.technical_skills {
        Some(names) => {
            let mut wanted = Vec::new();
            for (i, n) in names.iter().enumerate() {
                match level_skill(data, level, n.as_str()) {
                    Some(id) => wanted.push(id.to_string()),
                    None => warnings.push(
                        Diagnostic::warning(format!(
                            "the department's technical skill `{}` is not a skill of {}; left out",
                            n.as_str(),
                            level.name
                        ))
                        .at_key(format!("technical_skills[{i}]")),
                    ),
                }
            }
            skills
                .iter()
                .filter(|s| wanted.contains(&s.id))
                .cloned()
                .collect()
        }
        None => skills.to_vec(),
    };
    Candidate {
        pay: v.salary_bands.as_ref().map(|s| pay_view(s, &data.pension)),
        working_arrangement: v.working_arrangement.as_ref().map(arrangement_text),
        closing_date: closing_date.map(date_view),
        interview_dates: v.interview_dates.iter().flatten().filter_map(date).collect(),
        security: v
            .security_clearance
            .as_ref()
            .and_then(|id| data.clearance(id.as_str()))
            .map(rule_view),
        nationality: v
            .nationality
            .as_ref()
            .and_then(|id| data.nationality_rule(id.as_str()))
            .map(rule_view),
        reserve_list: v.reserve_list_months.map(|m| {
            let months = if m == 1 { "1 month".into() } else { format!("{m} months") };
            format!(
                "A reserve list will be held for {months}, from which further appointments may be made."
            )
        }),
        contact: v.contact.clone(),
        person_specification: v
            .person_specification
            .clone()
            .filter(|p| !p.essential.is_empty() || !p.desirable.is_empty()),
        behaviours,
        technical_skills,
        experience_assessed: v.experience_assessed.unwrap_or(false),
        strengths_assessed: v.strengths_assessed.unwrap_or(false),
        selection: v.selection.as_ref().map(selection_steps).unwrap_or_default(),
        sends: v
            .selection
            .as_ref()
            .map(|sel| sent(sel).into_iter().map(|(name, _)| name.to_string()).collect())
            .unwrap_or_default(),
        assessed: v.behaviours.is_some()
            || v.technical_skills.is_some()
            || v.experience_assessed.is_some()
            || v.strengths_assessed.is_some()
            || v.selection.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pension() -> Pension {
        Pension {
            scheme: "alpha".into(),
            employer_rate_percent: 28.97,
            applies_from: "2024-04-01".into(),
            source: "EPN 698".into(),
        }
    }

    #[test]
    fn pounds_have_thousands_separators() {
        assert_eq!(pounds(0), "£0");
        assert_eq!(pounds(999), "£999");
        assert_eq!(pounds(45000), "£45,000");
        assert_eq!(pounds(1234567), "£1,234,567");
    }

    #[test]
    fn the_printed_salary_and_the_pension_come_from_the_bands() {
        let two = SalaryBands {
            min: None,
            max: None,
            national: Some(Band {
                min: 45000,
                max: 50000,
            }),
            london: Some(Band {
                min: 50000,
                max: 55000,
            }),
            allowance: Some("plus an allowance".into()),
        };
        let pay = pay_view(&two, &pension());
        assert_eq!(
            pay.text,
            "£45,000 to £50,000 National, £50,000 to £55,000 London, plus an allowance"
        );
        let p = pay.pension.expect("a pension");
        // 45,000 x 28.97% = 13,036.50, rounded to 13,037; 50,000 x 28.97% = 14,485.
        assert_eq!(
            p.text,
            "A Civil Service Pension with an employer contribution of 28.97% (£13,037 to £14,485 a year on the National band, £14,485 to £15,934 a year on the London band)"
        );
        let one = SalaryBands {
            min: Some(30000),
            max: Some(30000),
            national: None,
            london: None,
            allowance: None,
        };
        assert_eq!(pay_view(&one, &pension()).text, "£30,000");
    }

    #[test]
    fn emails_are_checked_for_their_shape() {
        for good in ["a@b.gov.uk", "first.last+jobs@example.org"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a.b.gov.uk",
            "@b.gov.uk",
            "a@b",
            "a@b..uk",
            "a b@c.uk",
            "a@b@c.uk",
            "a@.uk",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn working_arrangements_are_worded_for_candidates() {
        let w = |kind, office_percent, office_days| WorkingArrangement {
            kind,
            office_percent,
            office_days,
            note: None,
        };
        assert_eq!(
            arrangement_text(&w(Arrangement::Hybrid, Some(60), None)),
            "Hybrid: at least 60% of your working time in the office"
        );
        assert_eq!(
            arrangement_text(&w(Arrangement::Hybrid, None, Some(1))),
            "Hybrid: at least 1 day a week in the office"
        );
        assert_eq!(
            arrangement_text(&w(Arrangement::Office, None, None)),
            "Office-based"
        );
    }

    #[test]
    fn the_selection_process_lists_what_candidates_send() {
        let sel = Selection {
            cv: true,
            statement_words: Some(750),
            application_form: true,
            sift: None,
            interview: Some(crate::model::Interview {
                format: "video".into(),
                minutes: Some(60),
            }),
        };
        assert_eq!(
            selection_steps(&sel),
            [
                "You will be asked to send a CV, a statement of suitability of no more than 750 words and an application form.",
                "If you are shortlisted, you will have a 60-minute video interview."
            ]
        );
    }
}
