//! Importing the framework: its official CSV download, or the text of a role page, into
//! jobgen's own data files; and its indicative grades ([`plan_grades`]).
//!
//! Both readers produce the same thing, an [`Import`] (roles and skills), which is merged with the
//! data already in the target folder (ids, grades, profiles and anything else the framework does
//! not publish are kept), compared with it to report what changed, and written in jobgen's own
//! layout and style ([`emit_role`], [`emit_skills`]). A grades file sets the grades and their
//! source on the levels of that same data and is written the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Level, LevelSkill, Role, Skill, SkillLevel, SkillsFile, Variant};

/// Roles and skills read from the framework.
#[derive(Debug, Clone, Default)]
pub struct Import {
    /// Roles by id, with their levels in seniority order.
    pub roles: Vec<Role>,
    /// Skills read (bullets per level).
    pub skills: Vec<Skill>,
    /// Notes for the user: skipped rows, levels placed by guesswork, fixes made.
    pub notes: Vec<String>,
}

/// Known typos in the framework's text, fixed on import.
const TYPOS: [(&str, &str); 1] = [("apply apply", "apply")];

/// Cleans framework text: U+2028/U+2029 separators become line breaks, runs of spaces collapse,
/// trailing white space goes, known typos are fixed.
pub fn clean(text: &str) -> String {
    let text = text
        .replace(['\u{2028}', '\u{2029}'], "\n")
        .replace('\r', "");
    let mut out = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    for (typo, fix) in TYPOS {
        out = out.replace(typo, fix);
    }
    out.trim().to_string()
}

/// Lower-case kebab-case id from a name: `Systems design` -> `systems-design`.
pub(crate) fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Ids are made from names ([`kebab`]); an import refuses a name that makes no id, or an id that
/// another name of the same kind (role, level of one role, skill) already made, rather than
/// inventing an id the next import might not reproduce. `kind` and `name` describe the thing;
/// `seen` holds the ids made so far with their name and line. `Err` is the problem's message and
/// help.
fn new_id(
    kind: (&str, &str),
    name: &str,
    line: usize,
    seen: &mut BTreeMap<String, (String, usize)>,
) -> Result<String, (String, String)> {
    let (one, many) = kind;
    let id = kebab(name);
    if id.is_empty() {
        return Err((
            format!("{one} \"{name}\" has no letters or digits to make an id from"),
            format!(
                "jobgen makes ids from the letters a to z and digits of a name: give the {one} a name that has some"
            ),
        ));
    }
    match seen.get(&id) {
        Some((other, at)) if other != name => Err((
            format!("{many} \"{other}\" (line {at}) and \"{name}\" both make the id `{id}`"),
            "rename one of them so that their ids differ".to_string(),
        )),
        Some(_) => Ok(id),
        None => {
            seen.insert(id.clone(), (name.to_string(), line));
            Ok(id)
        }
    }
}

/// Splits a description into its paragraphs before an intro line such as "At this role level,
/// you will:" and the "- " bullets after it.
fn split_bullets(text: &str, intro: &str) -> (Vec<String>, Vec<String>) {
    let text = clean(text);
    // The intro line ("You can:") is sometimes written without its colon; it must end the line.
    let intro = intro.trim_end_matches(':');
    let found = text.match_indices(intro).find(|(i, _)| {
        let rest = &text[i + intro.len()..];
        rest.is_empty() || rest.starts_with(':') || rest.starts_with('\n')
    });
    let (before, after) = match found {
        Some((i, _)) => (
            &text[..i],
            Some(text[i + intro.len()..].trim_start_matches(':')),
        ),
        None => (&text[..], None),
    };
    let paragraphs = before
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let bullets = after
        .map(|a| {
            a.lines()
                .filter_map(|l| bullet(l))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    (paragraphs, bullets)
}

/// The text of a bullet line (`- x`, `• x`, `* x`), if it is one.
fn bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    ["- ", "• ", "* ", "•\t"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .or_else(|| t.strip_prefix('•'))
        .map(str::trim)
        .filter(|b| !b.is_empty())
}

/// The seniority of a level name within its role: apprentice, trainee, junior, associate, the
/// plain level, senior, lead, principal, head, chief. `None` when the name gives no clue.
fn seniority(level: &str, role: &str) -> Option<u8> {
    let name = level.trim_end_matches(" - management").to_lowercase();
    let first = name.split_whitespace().next().unwrap_or("");
    let rank = match first {
        "apprentice" => 1,
        "trainee" => 2,
        "junior" => 3,
        "associate" => 4,
        "senior" => 6,
        "lead" => 7,
        "principal" => 8,
        "head" => 9,
        "chief" => 10,
        _ if name == role.to_lowercase() => 5,
        _ if name.ends_with(" lead") => 7,
        _ if name.starts_with("major ") => 6,
        _ => return None,
    };
    Some(rank)
}

/// Orders levels by seniority, each management level after its technical twin. Levels whose
/// names give no clue keep their place among the plain levels, analysts before managers, and
/// are reported.
fn order_levels(role: &str, levels: &mut [Level], notes: &mut Vec<String>) {
    // A name with no seniority word is the plain level; analysts come before the others.
    let key = |l: &Level| {
        let sub = u8::from(!l.name.to_lowercase().contains("analyst"));
        (
            seniority(&l.name, role).unwrap_or(5),
            sub,
            l.variant == Variant::Management,
        )
    };
    let unplaced: Vec<&Level> = levels
        .iter()
        .filter(|l| seniority(&l.name, role).is_none() && l.variant == Variant::Technical)
        .collect();
    if unplaced.len() > 1 {
        for l in unplaced {
            notes.push(format!(
                "{role}: could not place level \"{}\" by its name; it is put among the role's plain levels (analysts first): check the order",
                l.name
            ));
        }
    }
    levels.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name)));
}

/// Management levels take the grades of their technical twin.
fn link_twins(levels: &mut [Level]) {
    let ids: Vec<String> = levels.iter().map(|l| l.id.clone()).collect();
    for l in levels.iter_mut() {
        if l.variant == Variant::Management && l.grades.is_empty() {
            let twin = l.id.trim_end_matches("-management").to_string();
            if ids.contains(&twin) {
                l.grades_from = Some(twin);
            }
        }
    }
}

fn skill_level(name: &str) -> Option<SkillLevel> {
    SkillLevel::ALL
        .into_iter()
        .find(|l| l.name().eq_ignore_ascii_case(name.trim()))
}

/// Reads the framework's CSV download: `roles.csv` and `skills.csv`.
pub fn read_csv(roles_csv: &Path, skills_csv: &Path) -> Result<Import, Diagnostics> {
    let mut p = Diagnostics::default();
    let mut import = Import::default();

    let skills_rows = csv_rows(
        skills_csv,
        &[
            "Skill Name",
            "Skill Description",
            "Awareness",
            "Working",
            "Practitioner",
            "Expert",
        ],
        &mut p,
    );
    let role_rows = csv_rows(
        roles_csv,
        &[
            "Role Family",
            "Role",
            "Role Description",
            "Role Level",
            "Role Level Description",
            "Skill Name",
            "Skill Level",
        ],
        &mut p,
    );
    let (Some(skills_rows), Some(role_rows)) = (skills_rows, role_rows) else {
        return Err(p);
    };

    let mut skill_ids = BTreeMap::new();
    for (line, row) in &skills_rows {
        let name = clean(&row["Skill Name"]);
        if name.is_empty() {
            continue;
        }
        let id = match new_id(("skill", "skills"), &name, *line, &mut skill_ids) {
            Ok(id) => id,
            Err((msg, help)) => {
                p.push(
                    Diagnostic::new(msg)
                        .in_file(format!("{}:{line}", skills_csv.display()))
                        .at_key("Skill Name")
                        .help(help),
                );
                continue;
            }
        };
        let description = clean(&row["Skill Description"]);
        let mut levels = IndexMap::new();
        for level in SkillLevel::ALL {
            let (_, bullets) = split_bullets(&row[level.name()], "You can:");
            if !bullets.is_empty() {
                levels.insert(level, bullets);
            }
        }
        if levels.is_empty() {
            // The chief roles' skills have no levels; a role level that needs one is an error
            // (checked below).
            import.notes.push(format!(
                "skipped skill \"{name}\" ({}:{line}): it has no skill levels",
                skills_csv.display()
            ));
            continue;
        }
        import.skills.push(Skill {
            id,
            name,
            description: (!description.is_empty() && description != "MISSING")
                .then_some(description),
            levels,
        });
    }

    // Roles, in the CSV's order of first appearance; levels gathered per role.
    let mut roles: IndexMap<String, (Role, IndexMap<String, Level>)> = IndexMap::new();
    let mut chief = BTreeMap::new();
    let mut role_ids = BTreeMap::new();
    // Level ids by role name.
    let mut level_ids: BTreeMap<String, BTreeMap<String, (String, usize)>> = BTreeMap::new();
    // Names refused already: their other rows are skipped without another message.
    let mut refused = std::collections::BTreeSet::new();
    for (line, row) in &role_rows {
        let role_name = clean(&row["Role"]);
        let level_name = clean(&row["Role Level"]);
        if level_name == "NOT IN USE" {
            chief.insert(role_name, ());
            continue;
        }
        let at = || format!("{}:{line}", roles_csv.display());
        if refused.contains(&(role_name.clone(), String::new()))
            || refused.contains(&(role_name.clone(), level_name.clone()))
        {
            continue;
        }
        let role_id = new_id(("role", "roles"), &role_name, *line, &mut role_ids);
        let level_id = role_id.as_ref().map_err(Clone::clone).and_then(|_| {
            new_id(
                ("level", "levels"),
                &level_name,
                *line,
                level_ids.entry(role_name.clone()).or_default(),
            )
        });
        if let Err((msg, help)) = level_id {
            let (msg, key) = match role_id {
                Ok(_) => (
                    msg.replacen(
                        &format!("\"{level_name}\""),
                        &format!("\"{level_name}\" of role \"{role_name}\""),
                        1,
                    ),
                    "Role Level",
                ),
                Err(_) => (msg, "Role"),
            };
            p.push(Diagnostic::new(msg).in_file(at()).at_key(key).help(help));
            let level = if key == "Role" {
                String::new()
            } else {
                level_name
            };
            refused.insert((role_name, level));
            continue;
        }
        let entry = roles.entry(role_name.clone()).or_insert_with(|| {
            let (paragraphs, responsibilities) =
                split_bullets(&row["Role Description"], "In this role, you will:");
            let mut paragraphs = paragraphs.into_iter();
            let summary = paragraphs.next().unwrap_or_default();
            let rest: Vec<String> = paragraphs.collect();
            (
                Role {
                    id: kebab(&role_name),
                    name: role_name.clone(),
                    family: clean(&row["Role Family"]),
                    summary,
                    description: (!rest.is_empty()).then(|| rest.join("\n\n")),
                    responsibilities,
                    levels: Vec::new(),
                },
                IndexMap::new(),
            )
        });
        let level = entry.1.entry(level_name.clone()).or_insert_with(|| {
            let (paragraphs, responsibilities) = split_bullets(
                &row["Role Level Description"],
                "At this role level, you will:",
            );
            let mut paragraphs = paragraphs.into_iter();
            let summary = paragraphs.next().unwrap_or_default();
            let rest: Vec<String> = paragraphs.collect();
            Level {
                id: kebab(&level_name),
                name: level_name.clone(),
                variant: if level_name.ends_with(" - management") {
                    Variant::Management
                } else {
                    Variant::Technical
                },
                summary,
                description: (!rest.is_empty()).then(|| rest.join("\n\n")),
                responsibilities,
                grades: Vec::new(),
                grades_from: None,
                grades_source: None,
                skills: Vec::new(),
                profile: None,
            }
        });
        let skill_name = clean(&row["Skill Name"]);
        let Some(skill_level) = skill_level(&row["Skill Level"]) else {
            p.push(
                Diagnostic::new(format!(
                    "skill level \"{}\" of \"{skill_name}\" is not one of awareness, working, practitioner, expert",
                    row["Skill Level"].trim()
                ))
                .in_file(at())
                .at_key("Skill Level"),
            );
            continue;
        };
        let skill_id = kebab(&skill_name);
        match import.skills.iter().find(|s| s.id == skill_id) {
            Some(s) if s.levels.contains_key(&skill_level) => {}
            Some(_) => {
                p.push(
                    Diagnostic::new(format!(
                        "level \"{level_name}\" needs \"{skill_name}\" at {}, but skills.csv gives no bullets for that level",
                        skill_level.id()
                    ))
                    .in_file(at()),
                );
                continue;
            }
            None => {
                p.push(
                    Diagnostic::new(format!("level \"{level_name}\" needs \"{skill_name}\", which skills.csv does not list"))
                        .in_file(at()),
                );
                continue;
            }
        }
        level.skills.push(LevelSkill {
            skill: skill_id,
            level: skill_level,
        });
    }
    for (name, _) in chief {
        import
            .notes
            .push(format!("skipped \"{name}\": a chief role with no levels"));
    }
    for (_, (mut role, levels)) in roles {
        let mut levels: Vec<Level> = levels.into_values().collect();
        for l in &levels {
            if l.skills.is_empty() {
                p.push(
                    Diagnostic::new(format!(
                        "level \"{}\" of \"{}\" has no skills",
                        l.name, role.name
                    ))
                    .in_file(roles_csv.display().to_string()),
                );
            }
        }
        order_levels(&role.name, &mut levels, &mut import.notes);
        import.notes.dedup();
        link_twins(&mut levels);
        role.levels = levels;
        import.roles.push(role);
    }
    p.into_result(import)
}

/// Reads a CSV file, checking that it has the columns needed. Rows come with their line number.
fn csv_rows(
    path: &Path,
    needed: &[&str],
    p: &mut Diagnostics,
) -> Option<Vec<(usize, BTreeMap<String, String>)>> {
    let shown = path.display().to_string();
    let text = match crate::files::read_text_limited(path, 64 * 1024 * 1024) {
        Ok(t) => t,
        Err(d) => {
            p.push(d);
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            p.push(Diagnostic::new(format!("cannot read the CSV header: {e}")).in_file(&shown));
            return None;
        }
    };
    let missing: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|n| !headers.iter().any(|h| h == n))
        .collect();
    if !missing.is_empty() {
        p.push(
            Diagnostic::new(format!("missing column(s): {}", missing.join(", ")))
                .in_file(format!("{shown}:1"))
                .help(format!("the file's columns are: {}", headers.join(", "))),
        );
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |pos| pos.line() as usize);
                let map = headers
                    .iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.clone(), v.to_string()))
                    .collect::<BTreeMap<_, _>>();
                let mut map = map;
                for n in needed {
                    map.entry((*n).to_string()).or_default();
                }
                rows.push((line, map));
            }
            Err(e) => {
                p.push(Diagnostic::new(format!("cannot read a CSV row: {e}")).in_file(&shown))
            }
        }
    }
    Some(rows)
}

/// Reads the text of a role page as copied from a browser (the format of seed 001): the role's
/// description, each numbered level with its summary, responsibilities, grades and skills.
pub fn read_page(path: &Path) -> Result<Import, Diagnostics> {
    let text = crate::files::read_text(path).map_err(Diagnostics::from)?;
    parse_page(&path.display().to_string(), &text)
}

/// Parses role page text; `file` names it in errors. A skill level shown at several role levels
/// must have the same bullets each time (the framework's pages do); names must make ids that
/// are neither empty nor another name's.
pub fn parse_page(file: &str, text: &str) -> Result<Import, Diagnostics> {
    let text = clean(text);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut p = Diagnostics::default();
    let err = |msg: String, line: usize| Diagnostic::new(msg).in_file(file).at(&text, line + 1, 1);

    // The role: "What a ... does" starts its description; the name is the line before
    // "Find out what ..." or the first non-empty line.
    let what = lines
        .iter()
        .position(|l| l.starts_with("What a ") || l.starts_with("What an "));
    let name = lines
        .iter()
        .position(|l| l.starts_with("Find out what"))
        .and_then(|i| lines[..i].iter().rev().find(|l| !l.is_empty()))
        .or_else(|| {
            lines.iter().find(|l| {
                !l.is_empty() && !l.starts_with("Skip to") && !l.contains("feedback survey")
            })
        })
        .map(|s| s.to_string())
        .unwrap_or_default();
    let level_start = |l: &str| {
        l.split_once(". ").is_some_and(|(n, rest)| {
            !rest.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
        })
    };
    let first_level = lines.iter().position(|l| level_start(l));
    let Some(first_level) = first_level else {
        p.push(
            Diagnostic::new(
                "the page has no role levels (lines such as \"1. Apprentice DevOps engineer\")",
            )
            .in_file(file),
        );
        return Err(p);
    };
    let role_levels_heading = lines[..first_level]
        .iter()
        .rposition(|l| l.ends_with("role levels"));
    let desc_end = role_levels_heading.unwrap_or(first_level);
    let desc_lines: Vec<&str> = match what {
        Some(w) if w < desc_end => lines[w + 1..desc_end].to_vec(),
        _ => Vec::new(),
    };
    let desc: Vec<String> = desc_lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.to_string())
        .collect();
    let joined = desc.join("\n");
    let (paragraphs, responsibilities) = split_bullets(&joined, "In this role, you will:");
    let mut paragraphs = paragraphs.into_iter();
    let summary = paragraphs.next().unwrap_or_default();
    let rest: Vec<String> = paragraphs.collect();

    let mut import = Import::default();
    let mut levels = Vec::new();
    let mut skills: IndexMap<String, Skill> = IndexMap::new();
    let mut level_ids = BTreeMap::new();
    let mut skill_ids = BTreeMap::new();
    // The line where each skill level's bullets were first given.
    let mut bullets_at: BTreeMap<(String, SkillLevel), usize> = BTreeMap::new();
    let mut i = first_level;
    while i < lines.len() {
        if !level_start(lines[i]) {
            i += 1;
            continue;
        }
        let level_line = i;
        let level_name = lines[i]
            .split_once(". ")
            .map(|(_, n)| n.trim().to_string())
            .unwrap_or_default();
        let level_id = new_id(
            ("level", "levels"),
            &level_name,
            level_line + 1,
            &mut level_ids,
        );
        if let Err((msg, help)) = &level_id {
            p.push(err(msg.clone(), level_line).help(help.clone()));
        }
        i += 1;
        let end = lines[i..]
            .iter()
            .position(|l| level_start(l) || l.starts_with("Role Shared skills") || *l == "Updates")
            .map_or(lines.len(), |k| i + k);
        let block = &lines[i..end];
        let mut summary_lines = Vec::new();
        let mut responsibilities = Vec::new();
        let mut grades = Vec::new();
        let mut level_skills = Vec::new();
        let mut j = 0;
        // Summary: lines until "At this role level, you will:".
        while j < block.len() && !block[j].starts_with("At this role level") {
            if !block[j].is_empty() {
                summary_lines.push(block[j].to_string());
            }
            j += 1;
        }
        j += 1;
        while j < block.len() {
            let l = block[j];
            if let Some(b) = bullet(l) {
                responsibilities.push(b.to_string());
            } else if !l.is_empty() {
                break;
            }
            j += 1;
        }
        while j < block.len() && !block[j].starts_with("Skill Description") {
            if block[j].starts_with("This role level is") {
                j += 1;
                while j < block.len() {
                    if let Some(b) = bullet(block[j]) {
                        grades.push(b.split_whitespace().next().unwrap_or("").to_string());
                    } else if !block[j].is_empty() {
                        break;
                    }
                    j += 1;
                }
                continue;
            }
            j += 1;
        }
        // Skills: "<name>", "Level: <level>", ..., "You can:", bullets.
        while j < block.len() {
            if let Some(lv) = block[j].strip_prefix("Level:") {
                let name_at = block[..j].iter().rposition(|l| !l.is_empty());
                let skill_name = name_at.map(|n| block[n].to_string()).unwrap_or_default();
                // The skill's line in the page, counted from 0.
                let skill_line = i + name_at.unwrap_or(j);
                let Some(level) = skill_level(lv) else {
                    p.push(err(
                        format!("skill level \"{}\" of \"{skill_name}\" is not one of awareness, working, practitioner, expert", lv.trim()),
                        i + j,
                    ));
                    j += 1;
                    continue;
                };
                let mut k = j + 1;
                while k < block.len() && !block[k].starts_with("You can") {
                    k += 1;
                }
                k += 1;
                let mut bullets = Vec::new();
                while k < block.len() {
                    if let Some(b) = bullet(block[k]) {
                        bullets.push(b.to_string());
                    } else if !block[k].is_empty() {
                        break;
                    }
                    k += 1;
                }
                let id = match new_id(
                    ("skill", "skills"),
                    &skill_name,
                    skill_line + 1,
                    &mut skill_ids,
                ) {
                    Ok(id) => id,
                    Err((msg, help)) => {
                        p.push(err(msg, skill_line).help(help));
                        j = k;
                        continue;
                    }
                };
                // A skill level's bullets are the same wherever the page shows them.
                match bullets_at.get(&(id.clone(), level)) {
                    Some(&first) if skills[&id].levels[&level] != bullets => {
                        p.push(
                            err(
                                format!(
                                    "\"{skill_name}\" at {} has different bullets here than at line {}",
                                    level.id(),
                                    first + 1
                                ),
                                skill_line,
                            )
                            .help("a skill level has one set of bullets: make the two lists the same"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        bullets_at.insert((id.clone(), level), skill_line);
                    }
                }
                let skill = skills.entry(id.clone()).or_insert_with(|| Skill {
                    id: id.clone(),
                    name: skill_name.clone(),
                    description: None,
                    levels: IndexMap::new(),
                });
                skill.levels.insert(level, bullets);
                level_skills.push(LevelSkill { skill: id, level });
                j = k;
                continue;
            }
            j += 1;
        }
        if level_skills.is_empty() {
            p.push(err(
                format!("level \"{level_name}\" has no skills"),
                level_line,
            ));
        }
        let mut summary_lines = summary_lines.into_iter();
        let level_summary = summary_lines.next().unwrap_or_default();
        let extra: Vec<String> = summary_lines
            .filter(|l| !l.starts_with("There are 2 different roles"))
            .collect();
        levels.push(Level {
            id: level_id.unwrap_or_default(),
            variant: if level_name.ends_with(" - management") {
                Variant::Management
            } else {
                Variant::Technical
            },
            name: level_name,
            summary: level_summary,
            description: (!extra.is_empty()).then(|| extra.join("\n\n")),
            responsibilities,
            grades,
            grades_from: None,
            grades_source: None,
            skills: level_skills,
            profile: None,
        });
        i = end;
    }
    link_twins(&mut levels);
    if kebab(&name).is_empty() {
        let at = lines.iter().position(|l| *l == name).unwrap_or(0);
        p.push(
            err(
                format!("role \"{name}\" has no letters or digits to make an id from"),
                at,
            )
            .help("jobgen makes ids from the letters a to z and digits of a name: give the role a name that has some"),
        );
    }
    import.roles.push(Role {
        id: kebab(&name),
        family: String::new(),
        name,
        summary,
        description: (!rest.is_empty()).then(|| rest.join("\n\n")),
        responsibilities,
        levels,
    });
    import.skills = skills.into_values().collect();
    p.into_result(import)
}

/// What an import changes in existing data.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes(pub Vec<String>);

/// Merges an import with existing data: existing ids (matched by name), grades, profiles,
/// families and skill descriptions the import does not give are kept; `grades` (level id ->
/// grade ids) adds grades for levels that have none. Returns the merged roles and skills.
pub fn merge(
    mut import: Import,
    existing_roles: &[Role],
    existing_skills: &[Skill],
    grades: &BTreeMap<String, Vec<String>>,
) -> (Vec<Role>, Vec<Skill>) {
    // Skill ids: keep existing ids for the same name.
    let skill_id: BTreeMap<String, String> = existing_skills
        .iter()
        .map(|s| (s.name.to_lowercase(), s.id.clone()))
        .collect();
    let rename = |id: &mut String, name: &str| {
        if let Some(existing) = skill_id.get(&name.to_lowercase()) {
            *id = existing.clone();
        }
    };
    let names: BTreeMap<String, String> = import
        .skills
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    for s in &mut import.skills {
        let name = s.name.clone();
        rename(&mut s.id, &name);
    }
    for r in &mut import.roles {
        for l in &mut r.levels {
            for s in &mut l.skills {
                if let Some(name) = names.get(&s.skill) {
                    rename(&mut s.skill, name);
                }
            }
        }
    }
    // Skills: imported ones replace existing ones of the same id (keeping a description the
    // import lacks); existing ones the import does not mention stay.
    let mut skills: IndexMap<String, Skill> = existing_skills
        .iter()
        .map(|s| (s.id.clone(), s.clone()))
        .collect();
    for mut s in import.skills {
        if let Some(old) = skills.get(&s.id) {
            if s.description.is_none() {
                s.description = old.description.clone();
            }
            // A page gives only the levels its role uses: keep the others.
            for (lvl, bullets) in &old.levels {
                s.levels.entry(*lvl).or_insert_with(|| bullets.clone());
            }
            s.levels.sort_keys();
        }
        skills.insert(s.id.clone(), s);
    }
    skills.sort_keys();

    let mut roles = Vec::new();
    for mut r in import.roles {
        let old = existing_roles
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(&r.name));
        if let Some(old) = old {
            r.id = old.id.clone();
            if r.family.is_empty() {
                r.family = old.family.clone();
            }
        }
        for l in &mut r.levels {
            let old_level = old.and_then(|o| {
                o.levels
                    .iter()
                    .find(|x| x.name.eq_ignore_ascii_case(&l.name))
            });
            if let Some(ol) = old_level {
                l.id = ol.id.clone();
                if l.grades.is_empty() && l.grades_from.is_none() {
                    l.grades = ol.grades.clone();
                    l.grades_from = ol.grades_from.clone();
                    l.grades_source = ol.grades_source.clone();
                } else if l.grades == ol.grades {
                    // A role page giving the same grades: their source stays.
                    l.grades_source = ol.grades_source.clone();
                }
                if l.profile.is_none() {
                    l.profile = ol.profile.clone();
                }
            }
            if l.grades.is_empty()
                && l.grades_from.is_none()
                && let Some(g) = grades.get(&l.id)
            {
                l.grades = g.clone();
            }
            if !l.grades.is_empty() {
                l.grades_from = None;
            }
        }
        roles.push(r);
    }
    (roles, skills.into_values().collect())
}

/// Lists what differs between the existing and the new data.
pub fn diff(
    old_roles: &[Role],
    old_skills: &[Skill],
    new_roles: &[Role],
    new_skills: &[Skill],
) -> Changes {
    let mut c = Vec::new();
    for r in new_roles {
        match old_roles.iter().find(|o| o.id == r.id) {
            None => c.push(format!("added role {} ({} levels)", r.id, r.levels.len())),
            Some(o) => {
                if o.summary != r.summary
                    || o.description != r.description
                    || o.responsibilities != r.responsibilities
                    || o.family != r.family
                    || o.name != r.name
                {
                    c.push(format!("reworded role {}", r.id));
                }
                for l in &r.levels {
                    match o.levels.iter().find(|x| x.id == l.id) {
                        None => c.push(format!("added level {}/{}", r.id, l.id)),
                        Some(ol) => {
                            let same_skills = ol.skills.len() == l.skills.len()
                                && ol
                                    .skills
                                    .iter()
                                    .zip(&l.skills)
                                    .all(|(a, b)| a.skill == b.skill && a.level == b.level);
                            if ol.summary != l.summary
                                || ol.responsibilities != l.responsibilities
                                || ol.description != l.description
                                || ol.name != l.name
                            {
                                c.push(format!("reworded level {}/{}", r.id, l.id));
                            }
                            if !same_skills {
                                c.push(format!("changed the skills of level {}/{}", r.id, l.id));
                            }
                            if ol.grades != l.grades || ol.grades_from != l.grades_from {
                                c.push(format!("changed the grades of level {}/{}", r.id, l.id));
                            }
                        }
                    }
                }
                for ol in &o.levels {
                    if !r.levels.iter().any(|l| l.id == ol.id) {
                        c.push(format!("removed level {}/{}", r.id, ol.id));
                    }
                }
                let order_old: Vec<&str> = o.levels.iter().map(|l| l.id.as_str()).collect();
                let order_new: Vec<&str> = r.levels.iter().map(|l| l.id.as_str()).collect();
                if order_old != order_new && order_old.len() == order_new.len() {
                    c.push(format!("reordered the levels of {}", r.id));
                }
            }
        }
    }
    for s in new_skills {
        match old_skills.iter().find(|o| o.id == s.id) {
            None => c.push(format!("added skill {}", s.id)),
            Some(o)
                if o.levels != s.levels || o.name != s.name || o.description != s.description =>
            {
                let mut what = Vec::new();
                if o.name != s.name {
                    what.push("name".to_string());
                }
                match (&o.description, &s.description) {
                    (None, Some(_)) => what.push("description added".into()),
                    (Some(_), None) => what.push("description removed".into()),
                    (a, b) if a != b => what.push("description".into()),
                    _ => {}
                }
                for lvl in SkillLevel::ALL {
                    if o.levels.get(&lvl) != s.levels.get(&lvl) {
                        what.push(format!("{} bullets", lvl.id()));
                    }
                }
                c.push(format!("reworded skill {} ({})", s.id, what.join(", ")))
            }
            Some(_) => {}
        }
    }
    for o in old_skills {
        if !new_skills.iter().any(|s| s.id == o.id) {
            c.push(format!("removed skill {}", o.id));
        }
    }
    Changes(c)
}

/// Writes YAML text for a role file, in the style of the shipped data.
pub(crate) fn emit_role(role: &Role, source: &str) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "# {}: the role and its {} level{}, most junior first.\n",
        role.name,
        role.levels.len(),
        if role.levels.len() == 1 { "" } else { "s" }
    ));
    o.push_str(&format!(
        "# Source: {source}. Crown copyright, Open Government Licence v3.0.\n"
    ));
    o.push_str("# Skill bullets live in data/skills.yaml. Written by `jobgen import`; edits are kept\n# only where the framework is silent (ids, grades, profiles).\n");
    o.push_str(&format!("id: {}\n", role.id));
    o.push_str(&format!("name: {}\n", scalar(&role.name)));
    o.push_str(&format!("family: {}\n", scalar(&role.family)));
    o.push_str(&format!("summary: {}\n", scalar(&role.summary)));
    if let Some(d) = &role.description {
        o.push_str(&format!("description: {}\n", scalar(d)));
    }
    if !role.responsibilities.is_empty() {
        o.push_str("responsibilities:\n");
        for r in &role.responsibilities {
            o.push_str(&format!("  - {}\n", scalar(r)));
        }
    }
    o.push_str("levels:\n");
    for l in &role.levels {
        o.push_str(&format!("  - id: {}\n", l.id));
        o.push_str(&format!("    name: {}\n", scalar(&l.name)));
        o.push_str(&format!(
            "    variant: {}\n",
            if l.variant == Variant::Management {
                "management"
            } else {
                "technical"
            }
        ));
        o.push_str(&format!("    summary: {}\n", scalar(&l.summary)));
        if let Some(d) = &l.description {
            o.push_str(&format!("    description: {}\n", scalar(d)));
        }
        o.push_str("    responsibilities:\n");
        for r in &l.responsibilities {
            o.push_str(&format!("      - {}\n", scalar(r)));
        }
        if let Some(twin) = &l.grades_from {
            o.push_str("    # The framework lists no grades for management levels: they are performed at the grades\n    # of their technical twin.\n");
            o.push_str(&format!("    grades_from: {twin}\n"));
        } else if !l.grades.is_empty() {
            o.push_str(&format!("    grades: [{}]\n", l.grades.join(", ")));
            if let Some(src) = &l.grades_source {
                if src.keep {
                    o.push_str(
                        "    # keep: `jobgen import grades` leaves these grades as they are.\n",
                    );
                }
                o.push_str("    grades_source:\n");
                if let Some(url) = &src.url {
                    o.push_str(&format!("      url: {}\n", scalar(url)));
                }
                if let Some(doc) = &src.document {
                    o.push_str(&format!("      document: {}\n", scalar(doc)));
                }
                o.push_str(&format!("      updated: {}\n", scalar(&src.updated)));
                if src.keep {
                    o.push_str("      keep: true\n");
                }
            }
        }
        o.push_str("    skills:\n");
        for s in &l.skills {
            o.push_str(&format!(
                "      - {{ skill: {}, level: {} }}\n",
                s.skill,
                s.level.id()
            ));
        }
        if let Some(profile) = &l.profile {
            #[derive(serde::Serialize)]
            struct Wrapper<'a> {
                profile: &'a crate::model::Profile,
            }
            let yaml = serde_yaml::to_string(&Wrapper { profile }).unwrap_or_default();
            for line in yaml.lines().filter(|l| !l.ends_with(": null")) {
                o.push_str("    ");
                o.push_str(line);
                o.push('\n');
            }
        }
    }
    o
}

/// Writes YAML text for the skill catalogue.
pub(crate) fn emit_skills(skills: &[Skill], source: &str) -> String {
    let mut o = String::new();
    o.push_str(
        "# The skill catalogue: every skill's \"You can\" bullets, stored once per skill level.\n",
    );
    o.push_str(&format!(
        "# Role levels refer to skills by id (data/roles/*.yaml). Source: {source}.\n"
    ));
    o.push_str("# Crown copyright, Open Government Licence v3.0. Written by `jobgen import`.\n");
    o.push_str("skills:\n");
    for s in skills {
        o.push_str(&format!("  - id: {}\n", s.id));
        o.push_str(&format!("    name: {}\n", scalar(&s.name)));
        if let Some(d) = &s.description {
            o.push_str(&format!("    description: {}\n", scalar(d)));
        }
        o.push_str("    levels:\n");
        for (lvl, bullets) in &s.levels {
            o.push_str(&format!("      {}:\n", lvl.id()));
            for b in bullets {
                o.push_str(&format!("        - {}\n", scalar(b)));
            }
        }
    }
    o
}

/// A YAML scalar: plain when that reads back as the same string, else double-quoted.
fn scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains('\n')
        && !s.ends_with(':')
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && serde_yaml::from_str::<String>(s).ok().as_deref() == Some(s);
    if plain_ok {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// What an import would change, and the files it would write.
pub struct Plan {
    /// What changed, compared with the data that was there.
    pub changes: Changes,
    /// The files whose text differs from what `out` holds: folder, file name and new text.
    pending: Vec<(PathBuf, String, String)>,
}

impl Plan {
    /// Writes the files that differ (each atomically) and returns their paths. Call it after
    /// showing [`Plan::changes`], so that a framework update is reported before it lands.
    pub fn apply(self) -> Result<Vec<PathBuf>, crate::output::WriteError> {
        self.pending
            .into_iter()
            .map(|(dir, name, text)| crate::output::write_atomic(&dir, &name, text.as_bytes()))
            .collect()
    }
}

/// The data an import compares with: the built-in data with `out` laid over it, as `--data out`
/// would see it, so that ids, grades and profiles carry over even into an empty folder.
fn existing_layers(out: &Path) -> Result<crate::files::Layers, crate::Error> {
    let mut existing = crate::files::Layers::builtin_data();
    let mut problems = Vec::new();
    if out.is_dir() {
        existing.overlay(out, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(existing)
}

/// Every role file of `existing`, parsed (problems go to `p`).
fn existing_roles(existing: &crate::files::Layers, p: &mut Diagnostics) -> Vec<Role> {
    existing
        .under("roles/")
        .filter(|(rel, _)| rel.ends_with(".yaml"))
        .filter_map(|(_, src)| crate::data::parse::<Role>(src, p))
        .collect()
}

/// Merges `import` with the existing data and works out what changed and which files differ
/// from what `out` holds (`roles/<id>.yaml`, `skills.yaml`); [`Plan::apply`] writes them. The
/// existing data is the built-in data with `out` laid over it, as `--data out` would see it, so
/// that ids, grades and profiles carry over even into an empty folder, and the folder works
/// with the built-in data.
pub fn plan(
    import: Import,
    out: &Path,
    grades_file: Option<&Path>,
    source: &str,
) -> Result<Plan, crate::Error> {
    let existing = existing_layers(out)?;
    let mut p = Diagnostics::default();
    let old_skills: Vec<Skill> = existing
        .get("skills.yaml")
        .and_then(|s| crate::data::parse::<SkillsFile>(s, &mut p))
        .map(|f| f.skills)
        .unwrap_or_default();
    let old_roles = existing_roles(&existing, &mut p);
    let grades: BTreeMap<String, Vec<String>> = match grades_file {
        Some(path) => {
            let text = crate::files::read_text(path)?;
            crate::data::parse_str(&path.display().to_string(), &text)?
        }
        None => BTreeMap::new(),
    };
    if !p.is_empty() {
        return Err(crate::Error::Input(p));
    }
    let (roles, skills) = merge(import, &old_roles, &old_skills, &grades);
    let changes = diff(&old_roles, &old_skills, &roles, &skills);
    let mut pending = Vec::new();
    let roles_dir = out.join("roles");
    let differs = |path: PathBuf, text: &str| {
        // The header comment names the source; a file whose data is the same is left alone.
        let data = |t: &str| {
            t.lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        };
        std::fs::read_to_string(path).map_or(true, |old| data(&old) != data(text))
    };
    for r in &roles {
        let text = emit_role(r, source);
        let name = format!("{}.yaml", crate::output::safe_file_stem(&r.id));
        if differs(roles_dir.join(&name), &text) {
            pending.push((roles_dir.clone(), name, text));
        }
    }
    let text = emit_skills(&skills, source);
    if differs(out.join("skills.yaml"), &text) {
        pending.push((out.to_path_buf(), "skills.yaml".to_string(), text));
    }
    Ok(Plan { changes, pending })
}

/// The columns of a grades file (`../shared/framework/grades/grades-2025.csv`).
const GRADE_COLUMNS: [&str; 5] = [
    "role",
    "level",
    "grades",
    "source_url",
    "last_updated_on_page",
];

/// What the source documents, not a grades file, hold: the levels whose `grades_source` says
/// `keep: true`, and where the file differs from them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Kept {
    /// How many levels the file lists that are kept as they are.
    pub levels: usize,
    /// The kept levels whose grades the file gives differently: `role/level: data (the file:
    /// file)`.
    pub differing: Vec<String>,
}

/// What a grades import changes, besides [`Plan::changes`] (each grade added or changed).
#[derive(Debug, Default)]
pub struct GradesReport {
    /// Levels whose grades stay the same, with a newer source.
    pub sources_updated: usize,
    /// Levels held by their source document.
    pub kept: Kept,
    /// Levels with grades that the file does not list (left as they are): `role/level (grades)`.
    pub not_in_file: Vec<String>,
    /// Levels with no grades in the file or the data (nor a technical twin's): `role/level`.
    pub without_grades: Vec<String>,
}

/// A level's grades in words: `HEO, SEO`, or `none`.
fn grade_list(grades: &[String]) -> String {
    if grades.is_empty() {
        "none".into()
    } else {
        grades.join(", ")
    }
}

/// One row of a grades file, checked and matched with the data.
struct GradeRow {
    line: usize,
    role: usize,
    level: usize,
    grades: Vec<String>,
    source: crate::model::GradesSource,
}

/// Reads a grades file against `roles` and the known `grades` (ids, most junior first): every
/// row must name a known role and level (by name, as the framework writes them, or by id),
/// known grade ids, a web address and a date; a level may appear once. Every problem is
/// located at its row and column name.
fn read_grade_rows(
    path: &Path,
    roles: &[Role],
    grades: &[crate::model::Grade],
) -> Result<Vec<GradeRow>, Diagnostics> {
    use crate::diagnostics::suggest;
    let mut p = Diagnostics::default();
    let Some(rows) = csv_rows(path, &GRADE_COLUMNS, &mut p) else {
        return Err(p);
    };
    let shown = path.display().to_string();
    let mut out = Vec::new();
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (line, row) in &rows {
        let at = |key: &str, msg: String| {
            Diagnostic::new(msg)
                .in_file(format!("{shown}:{line}"))
                .at_key(key)
        };
        let (role_name, level_name) = (clean(&row["role"]), clean(&row["level"]));
        let named = |name: &str, id: &str, wanted: &str| {
            name.eq_ignore_ascii_case(wanted) || id.eq_ignore_ascii_case(wanted)
        };
        let Some(ri) = roles.iter().position(|r| named(&r.name, &r.id, &role_name)) else {
            p.push(
                at("role", format!("unknown role \"{role_name}\""))
                    .help(suggest(&role_name, roles.iter().map(|r| r.name.as_str()))),
            );
            continue;
        };
        let role = &roles[ri];
        let Some(li) = role
            .levels
            .iter()
            .position(|l| named(&l.name, &l.id, &level_name))
        else {
            p.push(
                at(
                    "level",
                    format!("role \"{}\" has no level \"{level_name}\"", role.name),
                )
                .help(suggest(
                    &level_name,
                    role.levels.iter().map(|l| l.name.as_str()),
                )),
            );
            continue;
        };
        if let Some(first) = seen.insert((ri, li), *line) {
            p.push(
                at(
                    "level",
                    format!(
                        "level \"{level_name}\" of \"{}\" is listed twice (first at line {first})",
                        role.name
                    ),
                )
                .help("keep one row per level"),
            );
            continue;
        }
        let mut ids = Vec::new();
        let mut ok = true;
        for g in row["grades"]
            .split(';')
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            match grades.iter().position(|k| k.id.eq_ignore_ascii_case(g)) {
                Some(k) => ids.push(k),
                None => {
                    ok = false;
                    p.push(
                        at("grades", format!("unknown grade `{g}`"))
                            .help(suggest(g, grades.iter().map(|k| k.id.as_str()))),
                    );
                }
            }
        }
        if ids.is_empty() && ok {
            ok = false;
            p.push(
                at("grades", format!("no grades for level \"{level_name}\""))
                    .help("give grade ids separated by `;` (EO;HEO), or leave the level out"),
            );
        }
        let url = row["source_url"].trim().to_string();
        if !crate::data::is_web_address(&url) {
            ok = false;
            p.push(
                at("source_url", format!("`{url}` is not a web address"))
                    .help("give the address the grades were read from, starting with https://"),
            );
        }
        let updated = row["last_updated_on_page"].trim().to_string();
        if !crate::data::is_date(&updated) {
            ok = false;
            p.push(
                at(
                    "last_updated_on_page",
                    format!("`{updated}` is not a date written YYYY-MM-DD"),
                )
                .help("write the date the page was last updated as year-month-day: 2025-08-29"),
            );
        }
        if !ok {
            continue;
        }
        // Most junior first, once each, as the grade ids are spelt in the data.
        ids.sort_unstable();
        ids.dedup();
        out.push(GradeRow {
            line: *line,
            role: ri,
            level: li,
            grades: ids.into_iter().map(|k| grades[k].id.clone()).collect(),
            source: crate::model::GradesSource {
                url: Some(url),
                document: None,
                updated,
                keep: false,
            },
        });
    }
    p.into_result(out)
}

/// The source a role file's header names (`# Source: ... Crown copyright...`), if it has one.
fn header_source(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("# Source: "))
        .map(|l| {
            l.trim_end_matches(" Crown copyright, Open Government Licence v3.0.")
                .trim_end_matches('.')
                .to_string()
        })
}

/// Plans a grades import: the grades and source of every level `path` lists (a file in the
/// format of `../shared/framework/grades/`), compared with the data in `out` (the built-in data
/// with `out` laid over it). A level whose `grades_source` says `keep: true` is left as it is
/// and reported; a level the file does not list keeps its grades. Only role files whose data
/// changes are written.
pub fn plan_grades(path: &Path, out: &Path) -> Result<(Plan, GradesReport), crate::Error> {
    let existing = existing_layers(out)?;
    let mut p = Diagnostics::default();
    let mut roles = existing_roles(&existing, &mut p);
    let grades = existing
        .get("grades.yaml")
        .and_then(|s| crate::data::parse::<crate::model::GradesFile>(s, &mut p))
        .map(|f| f.grades)
        .unwrap_or_default();
    if !p.is_empty() {
        return Err(crate::Error::Input(p));
    }
    let rows = read_grade_rows(path, &roles, &grades)?;
    let mut changes = Vec::new();
    let mut report = GradesReport::default();
    let mut touched = std::collections::BTreeSet::new();
    let mut listed = std::collections::BTreeSet::new();
    // In the data's order (roles by id, levels most junior first), whatever the file's order.
    let mut rows: Vec<&GradeRow> = rows.iter().collect();
    rows.sort_by_key(|r| (&roles[r.role].id, r.level, r.line));
    for row in rows {
        listed.insert((row.role, row.level));
        let role = &mut roles[row.role];
        let level = &mut role.levels[row.level];
        let at = format!("{}/{}", role.id, level.id);
        if level.grades_source.as_ref().is_some_and(|s| s.keep) {
            report.kept.levels += 1;
            if level.grades != row.grades {
                report.kept.differing.push(format!(
                    "{at}: {} (the file: {})",
                    grade_list(&level.grades),
                    grade_list(&row.grades)
                ));
            }
            continue;
        }
        if level.grades == row.grades && level.grades_from.is_none() {
            if level.grades_source.as_ref() != Some(&row.source) {
                report.sources_updated += 1;
                level.grades_source = Some(row.source.clone());
                touched.insert(row.role);
            }
            continue;
        }
        changes.push(match (&level.grades_from, level.grades.is_empty()) {
            (Some(twin), _) => format!(
                "gave level {at} its own grades: {} (it took those of {twin})",
                grade_list(&row.grades)
            ),
            (None, true) => format!("added grades to level {at}: {}", grade_list(&row.grades)),
            (None, false) => format!(
                "changed the grades of level {at}: {} -> {}",
                grade_list(&level.grades),
                grade_list(&row.grades)
            ),
        });
        level.grades = row.grades.clone();
        level.grades_from = None;
        level.grades_source = Some(row.source.clone());
        touched.insert(row.role);
    }
    for (ri, role) in roles.iter().enumerate() {
        for (li, level) in role.levels.iter().enumerate() {
            if listed.contains(&(ri, li)) || level.grades_from.is_some() {
                continue;
            }
            let at = format!("{}/{}", role.id, level.id);
            if level.grades.is_empty() {
                report.without_grades.push(at);
            } else {
                report
                    .not_in_file
                    .push(format!("{at} ({})", grade_list(&level.grades)));
            }
        }
    }
    let roles_dir = out.join("roles");
    let mut pending = Vec::new();
    for ri in touched {
        let role = &roles[ri];
        let name = format!("{}.yaml", crate::output::safe_file_stem(&role.id));
        let source = existing
            .get(&format!("roles/{}.yaml", role.id))
            .and_then(|s| header_source(&s.text))
            .unwrap_or_else(|| {
                "the Government Digital and Data Profession Capability Framework's CSV download"
                    .into()
            });
        pending.push((roles_dir.clone(), name, emit_role(role, &source)));
    }
    Ok((
        Plan {
            changes: Changes(changes),
            pending,
        },
        report,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_fixes_separators_spaces_and_the_known_typo() {
        assert_eq!(clean("a\u{2028}b  c \napply apply x  "), "a\nb c\napply x");
    }

    #[test]
    fn levels_are_ordered_by_seniority_with_management_after_its_twin() {
        let mk = |name: &str| Level {
            id: kebab(name),
            name: name.into(),
            variant: if name.ends_with("management") {
                Variant::Management
            } else {
                Variant::Technical
            },
            summary: String::new(),
            description: None,
            responsibilities: vec![],
            grades: vec![],
            grades_from: None,
            grades_source: None,
            skills: vec![],
            profile: None,
        };
        let mut levels: Vec<Level> = [
            "Senior developer - management",
            "Developer",
            "Head of development",
            "Lead developer",
            "Apprentice developer",
            "Senior developer",
            "Junior developer",
        ]
        .iter()
        .map(|n| mk(n))
        .collect();
        let mut notes = vec![];
        order_levels("Developer", &mut levels, &mut notes);
        let names: Vec<&str> = levels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Apprentice developer",
                "Junior developer",
                "Developer",
                "Senior developer",
                "Senior developer - management",
                "Lead developer",
                "Head of development"
            ]
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    /// A level of a test page: its name and its (skill name, skill level, bullet)s.
    type PageLevel<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);

    /// A role page of `levels`.
    fn page(levels: &[PageLevel]) -> String {
        let mut t = String::from("Tester\n\nWhat a tester does\n\nA tester tests.\n\n");
        for (n, (name, skills)) in levels.iter().enumerate() {
            t.push_str(&format!(
                "{}. {name}\n\nA level.\n\nAt this role level, you will:\n\n- test\n\nSkill Description\n\n",
                n + 1
            ));
            for (skill, level, bullet) in *skills {
                t.push_str(&format!(
                    "{skill}\n\nLevel: {level}\n\nYou can:\n\n- {bullet}\n\n"
                ));
            }
        }
        t
    }

    #[test]
    fn a_skill_level_given_different_bullets_at_two_role_levels_is_an_error_naming_both_lines() {
        let text = page(&[
            ("Tester", &[("Testing", "Working", "test")]),
            ("Senior tester", &[("Testing", "Working", "test more")]),
        ]);
        let err = parse_page("page.txt", &text).expect_err("the bullets disagree");
        let shown = err.to_string();
        assert!(
            shown.contains("\"Testing\" at working has different bullets here than at line 17"),
            "{shown}"
        );
        assert!(shown.contains("page.txt:35"), "{shown}");
        // The same bullets at both levels are fine.
        let text = page(&[
            ("Tester", &[("Testing", "Working", "test")]),
            ("Senior tester", &[("Testing", "Working", "test")]),
        ]);
        assert!(parse_page("page.txt", &text).is_ok());
    }

    #[test]
    fn a_page_whose_names_make_empty_or_equal_ids_is_refused_naming_the_lines() {
        let text = page(&[
            ("Dev-ops tester", &[("Testing", "Working", "test")]),
            ("Dev ops tester", &[("Testing", "Working", "test")]),
        ]);
        let shown = parse_page("page.txt", &text)
            .expect_err("ids collide")
            .to_string();
        assert!(
            shown.contains("levels \"Dev-ops tester\" (line 7) and \"Dev ops tester\" both make the id `dev-ops-tester`"),
            "{shown}"
        );
        assert!(shown.contains("page.txt:25"), "{shown}");
        let text = page(&[(
            "Tester",
            &[("Testing", "Working", "a"), ("Testing!", "Expert", "b")],
        )]);
        let shown = parse_page("page.txt", &text)
            .expect_err("ids collide")
            .to_string();
        assert!(
            shown.contains(
                "skills \"Testing\" (line 17) and \"Testing!\" both make the id `testing`"
            ),
            "{shown}"
        );
        let text = page(&[("日本", &[("Testing", "Working", "a")])]);
        let shown = parse_page("page.txt", &text)
            .expect_err("empty id")
            .to_string();
        assert!(
            shown.contains("level \"日本\" has no letters or digits to make an id from"),
            "{shown}"
        );
        let text = page(&[("Tester", &[("テスト", "Working", "a")])]);
        let shown = parse_page("page.txt", &text)
            .expect_err("empty id")
            .to_string();
        assert!(
            shown.contains("skill \"テスト\" has no letters or digits to make an id from"),
            "{shown}"
        );
    }

    #[test]
    fn scalars_round_trip() {
        for s in [
            "plain text",
            "a: b",
            "- dash",
            "yes",
            "‘quoted’",
            "x #y",
            "3",
            "null",
            "ends:",
        ] {
            let yaml = format!("v: {}\n", scalar(s));
            let back: BTreeMap<String, String> = serde_yaml::from_str(&yaml).unwrap_or_default();
            assert_eq!(back.get("v").map(String::as_str), Some(s), "{yaml}");
        }
    }
}
