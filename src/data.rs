//! Loading: turns the layered data files into one checked [`Data`] value.
//!
//! Parsing and checking go through every file and collect every problem before failing. After
//! [`load`] succeeds, every id that one file uses to name something in another (a skill, a
//! grade, a level, an SFIA code) is known to exist, so later stages can look ids up without
//! failing.

use std::collections::HashSet;
use std::path::PathBuf;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, from_yaml, suggest};
use crate::files::{Layers, Source};
use crate::model::{
    Behaviour, BehavioursFile, Block, Bullet, CsjLists, GenderWords, Grade, GradesFile,
    LintSettings, Org, Pension, Role, Rule, RulesFile, SfiaFile, Skill, SkillsFile, Variant,
};
use crate::yaml::{MAX_ALIAS_EXPANSION, Positions, Stop, disallowed_char, strip_bom};

/// All data, checked.
#[derive(Debug, Clone)]
pub struct Data {
    /// Grades, most junior first.
    pub grades: Vec<Grade>,
    /// The skill catalogue by id.
    pub skills: IndexMap<String, Skill>,
    /// Roles by id, in file-name order. When loaded for one role ([`load_for_role`]), only that
    /// role.
    pub roles: IndexMap<String, Role>,
    /// The id of every role file, loaded or not (its file name): for suggestions and checks.
    pub role_ids: Vec<String>,
    /// Departments by id, in folder-name order.
    pub orgs: IndexMap<String, OrgEntry>,
    /// SFIA skills and the default mapping.
    pub sfia: SfiaFile,
    /// What `jobgen lint` checks with: the files under `lint/`.
    pub lint: LintData,
    /// The Success Profiles behaviours and levels: `behaviours.yaml`.
    pub behaviours: BehavioursFile,
    /// Security clearance levels: `security.yaml`.
    pub security: Vec<Rule>,
    /// Nationality rules: `nationality.yaml`.
    pub nationality: Vec<Rule>,
    /// The employer's pension contribution: `pension.yaml`.
    pub pension: Pension,
    /// Civil Service Jobs' list values: `csj.yaml`.
    pub csj: CsjLists,
    /// The scoring sheets' rating scale: `scoring.yaml`.
    pub scoring: crate::document::scoring::Scale,
}

/// The data of `jobgen lint`'s checks.
#[derive(Debug, Clone)]
pub struct LintData {
    /// The gender-coded word stems.
    pub gender: GenderWords,
    /// The settings for every advert.
    pub settings: LintSettings,
    /// Phrases to avoid: `lint/wording.yaml`.
    pub wording: crate::lint::Wording,
    /// The facts a candidate needs: `lint/facts.yaml`.
    pub facts: crate::lint::Facts,
}

/// A department and its own templates.
#[derive(Debug, Clone)]
pub struct OrgEntry {
    /// The folder name: `home-office`.
    pub id: String,
    /// Its org.yaml.
    pub org: Org,
    /// Templates in `orgs/<id>/templates/`, by file name, replacing built-ins for this
    /// department only.
    pub templates: Vec<(String, Source)>,
}

impl Data {
    /// A grade by id (case-insensitive).
    pub fn grade(&self, id: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.id.eq_ignore_ascii_case(id))
    }

    /// A role by id (case-insensitive).
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles
            .get(id)
            .or_else(|| self.roles.values().find(|r| r.id.eq_ignore_ascii_case(id)))
    }

    /// A Success Profiles behaviour by id or name (case-insensitive).
    pub fn behaviour(&self, name: &str) -> Option<&Behaviour> {
        let name = name.trim();
        self.behaviours
            .behaviours
            .iter()
            .find(|b| b.id.eq_ignore_ascii_case(name) || b.name.eq_ignore_ascii_case(name))
    }

    /// A security clearance level by id (case-insensitive).
    pub fn clearance(&self, id: &str) -> Option<&Rule> {
        self.security
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id.trim()))
    }

    /// A nationality rule by id (case-insensitive).
    pub fn nationality_rule(&self, id: &str) -> Option<&Rule> {
        self.nationality
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id.trim()))
    }

    /// A department by id (case-insensitive).
    pub fn org(&self, id: &str) -> Option<&OrgEntry> {
        self.orgs
            .get(id)
            .or_else(|| self.orgs.values().find(|o| o.id.eq_ignore_ascii_case(id)))
    }
}

/// Loads the built-in data with each folder of `overlays` laid over it, in order.
pub fn load(overlays: &[PathBuf]) -> Result<Data, Diagnostics> {
    load_for_role(overlays, None)
}

/// Like [`load`], but when `role` is given, parses only that role's file (matched by file name,
/// case-insensitively) besides the shared files: writing one advert then does not pay for
/// parsing every role. An unknown role loads no role file; the caller reports it.
pub fn load_for_role(overlays: &[PathBuf], role: Option<&str>) -> Result<Data, Diagnostics> {
    let mut layers = Layers::builtin_data();
    let mut problems = Vec::new();
    for dir in overlays {
        layers.overlay(dir, &mut problems);
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    from_layers_for_role(&layers, role)
}

fn role_file_id(rel: &str) -> &str {
    rel.trim_start_matches("roles/")
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
}

fn from_layers_for_role(layers: &Layers, only: Option<&str>) -> Result<Data, Diagnostics> {
    // The built-in files are known to parse, so the usual run does not index where their keys
    // are written (a third of the time of a one-advert run). If anything is wrong, the data
    // is loaded again with every file indexed, so that each problem is located.
    from_layers_indexed(layers, only, false).or_else(|_| from_layers_indexed(layers, only, true))
}

fn from_layers_indexed(
    layers: &Layers,
    only: Option<&str>,
    index_builtins: bool,
) -> Result<Data, Diagnostics> {
    let mut p = Diagnostics::default();
    fn parse_file<T: DeserializeOwned>(
        src: &Source,
        p: &mut Diagnostics,
        index_builtins: bool,
    ) -> Option<(T, Positions)> {
        if src.builtin && !index_builtins {
            parse_unindexed(src, p)
        } else {
            parse_located(src, p)
        }
    }
    let required = |rel: &str, p: &mut Diagnostics| match layers.get(rel) {
        Some(src) => Some(src),
        None => {
            p.push(Diagnostic::new(format!("data/{rel} is missing")));
            None
        }
    };

    let grades = required("grades.yaml", &mut p)
        .and_then(|src| parse_file::<GradesFile>(src, &mut p, index_builtins))
        .map(|f| f.0.grades);
    let skills = required("skills.yaml", &mut p)
        .and_then(|src| parse_file::<SkillsFile>(src, &mut p, index_builtins));
    let sfia = required("sfia.yaml", &mut p)
        .and_then(|src| parse_file::<SfiaFile>(src, &mut p, index_builtins));
    let gender = required("lint/gender-coded.yaml", &mut p)
        .and_then(|src| parse_file::<GenderWords>(src, &mut p, index_builtins));
    let settings = required("lint/checks.yaml", &mut p)
        .and_then(|src| parse_file::<LintSettings>(src, &mut p, index_builtins));
    let behaviours = required("behaviours.yaml", &mut p)
        .and_then(|src| parse_file::<BehavioursFile>(src, &mut p, index_builtins));
    let security = required("security.yaml", &mut p)
        .and_then(|src| parse_file::<RulesFile>(src, &mut p, index_builtins));
    let nationality = required("nationality.yaml", &mut p)
        .and_then(|src| parse_file::<RulesFile>(src, &mut p, index_builtins));
    let pension = required("pension.yaml", &mut p)
        .and_then(|src| parse_file::<Pension>(src, &mut p, index_builtins));
    let csj = required("csj.yaml", &mut p)
        .and_then(|src| parse_file::<CsjLists>(src, &mut p, index_builtins));
    let scoring = required("scoring.yaml", &mut p)
        .and_then(|src| parse_file::<crate::document::scoring::Scale>(src, &mut p, index_builtins));
    let wording = required("lint/wording.yaml", &mut p)
        .and_then(|src| parse_file::<crate::lint::Wording>(src, &mut p, index_builtins));
    let facts = required("lint/facts.yaml", &mut p)
        .and_then(|src| parse_file::<crate::lint::Facts>(src, &mut p, index_builtins));

    let mut roles = Vec::new();
    let mut role_ids = Vec::new();
    for (rel, src) in layers.under("roles/") {
        if !is_yaml(rel) {
            continue;
        }
        role_ids.push(role_file_id(rel).to_string());
        if only.is_some_and(|id| !role_file_id(rel).eq_ignore_ascii_case(id.trim())) {
            continue;
        }
        if let Some((role, at)) = parse_file::<Role>(src, &mut p, index_builtins) {
            roles.push((rel.to_string(), src.clone(), role, at));
        }
    }

    let mut orgs = Vec::new();
    for (rel, src) in layers.under("orgs/") {
        let parts: Vec<&str> = rel.split('/').collect();
        if parts.len() == 3
            && parts[2] == "org.yaml"
            && let Some((org, at)) = parse_file::<Org>(src, &mut p, index_builtins)
        {
            orgs.push((parts[1].to_string(), src.clone(), org, at));
        }
    }
    let (
        Some(grades),
        Some(skills),
        Some(sfia),
        Some(gender),
        Some(settings),
        Some(behaviours),
        Some(security),
        Some(nationality),
        Some(pension),
        Some(csj),
        Some(wording),
        Some(facts),
    ) = (
        grades,
        skills,
        sfia,
        gender,
        settings,
        behaviours,
        security,
        nationality,
        pension,
        csj,
        wording,
        facts,
    )
    else {
        return Err(p);
    };
    let Some(scoring) = scoring else {
        return Err(p);
    };
    if let Some(src) = layers.get("scoring.yaml") {
        crate::document::scoring::check_scale(src, &scoring, &mut p);
    }
    check_facts(
        layers,
        &behaviours,
        &security,
        &nationality,
        &pension,
        &mut p,
    );
    check_lint(layers, &gender.0, &settings, &mut p);
    check_lint_lists(layers, &wording, &facts, &mut p);
    let lint = LintData {
        gender: gender.0,
        settings: settings.0,
        wording: wording.0,
        facts: facts.0,
    };

    let ((skills, skills_at), (sfia, sfia_at)) = (skills, sfia);
    let mut data = Data {
        grades,
        skills: IndexMap::new(),
        roles: IndexMap::new(),
        role_ids,
        orgs: IndexMap::new(),
        sfia,
        lint,
        behaviours: behaviours.0,
        security: security.0.rules,
        nationality: nationality.0.rules,
        pension: pension.0,
        csj: csj.0,
        scoring: scoring.0,
    };
    check_skills(layers, &skills_at, skills.skills, &mut data, &mut p);
    for (rel, src, role, at) in roles {
        check_role(&rel, &src, &at, &role, &data, &mut p);
        if data.roles.contains_key(&role.id) {
            p.push(
                Diagnostic::new(format!("two role files use the id `{}`", role.id))
                    .in_file(&src.display)
                    .at_path(strip_bom(&src.text), &at, "id")
                    .help("give each role its own id"),
            );
        }
        data.roles.insert(role.id.clone(), role);
    }
    check_sfia(layers, &sfia_at, &data, &mut p);
    let all_roles = only.is_none();
    for (id, src, org, at) in orgs {
        check_org(&id, &src, &at, &org, &data, all_roles, &mut p);
        let prefix = format!("orgs/{id}/templates/");
        let templates = layers
            .under(&prefix)
            .map(|(rel, s)| (rel[prefix.len()..].to_string(), s.clone()))
            .collect();
        data.orgs
            .insert(id.clone(), OrgEntry { id, org, templates });
    }
    p.into_result(data)
}

fn is_yaml(rel: &str) -> bool {
    rel.ends_with(".yaml") || rel.ends_with(".yml")
}

/// Parses one YAML file, recording a located problem if it is not valid.
pub fn parse<T: DeserializeOwned>(src: &Source, p: &mut Diagnostics) -> Option<T> {
    parse_str(&src.display, &src.text)
        .map_err(|d| p.push(d))
        .ok()
}

/// Like [`parse`], keeping the index of where each key is written.
fn parse_located<T: DeserializeOwned>(src: &Source, p: &mut Diagnostics) -> Option<(T, Positions)> {
    parse_str_located(&src.display, &src.text)
        .map_err(|d| p.push(d))
        .ok()
}

/// Like [`parse_located`] for a file known to be good (a built-in one): no index, which is
/// empty. A file that fails after all is parsed again with its index, to locate the problem.
fn parse_unindexed<T: DeserializeOwned>(
    src: &Source,
    p: &mut Diagnostics,
) -> Option<(T, Positions)> {
    let text = strip_bom(&src.text);
    match serde_yaml::from_str(text) {
        Ok(v) if crate::escape::check_values(&src.display, text).is_ok() => {
            Some((v, Positions::default()))
        }
        _ => parse_located(src, p),
    }
}

/// Parses YAML text, naming `file` in the error.
pub fn parse_str<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    parse_str_located(file, text).map(|(v, _)| v)
}

/// Parses YAML text, naming `file` in the error, and indexes where each key and value is
/// written (positions are in `text` without its byte-order mark: see [`strip_bom`]). The
/// checks of [`prepare`] come first.
pub(crate) fn parse_str_located<T: DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<(T, Positions), Diagnostic> {
    let (text, positions) = prepare(file, text)?;
    match serde_yaml::from_str(text) {
        Ok(v) => {
            // Characters no document can hold are refused here, so that no writer meets them.
            crate::escape::check_values(file, text)?;
            Ok((v, positions))
        }
        Err(e) => Err(from_yaml(file, text, &positions, &e)),
    }
}

/// What every YAML file goes through before serde sees it: a leading UTF-8 byte-order mark is
/// dropped (editors on Windows write one); a NUL or other control character YAML forbids is
/// reported where it is; the text is indexed; and aliases that would expand the file by more
/// than [`MAX_ALIAS_EXPANSION`] bytes are refused. Returns the text without its byte-order
/// mark, and its index.
pub fn prepare<'a>(file: &str, text: &'a str) -> Result<(&'a str, Positions), Diagnostic> {
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::new("the file is empty")
            .in_file(file)
            .help("see the README's data reference for what the file holds"));
    }
    if let Some((at, c)) = disallowed_char(text) {
        return Err(Diagnostic::new(format!(
            "the file holds the control character U+{:04X}, which YAML does not allow",
            u32::from(c)
        ))
        .in_file(file)
        .at(text, at.line, at.column)
        .help("delete it; if the file was saved by another program, save it again as plain UTF-8 text"));
    }
    let positions = Positions::index(text);
    if let Some(Stop::AliasExpansion { pos, path, .. }) = &positions.stop {
        return Err(Diagnostic::new(format!(
            "YAML aliases would expand the file by more than {} MiB; this alias crosses the limit",
            MAX_ALIAS_EXPANSION / (1024 * 1024),
        ))
        .in_file(file)
        .at_key(path.as_str())
        .at(text, pos.line, pos.column)
        .help("the file repeats content through YAML anchors and aliases (&name, *name) too many times: write the values out"));
    }
    Ok((text, positions))
}

fn check_skills(
    layers: &Layers,
    at: &Positions,
    skills: Vec<Skill>,
    data: &mut Data,
    p: &mut Diagnostics,
) {
    let src = layers.get("skills.yaml");
    let locate = |d: Diagnostic, path: String| match src {
        Some(src) => d
            .in_file(&src.display)
            .at_path(strip_bom(&src.text), at, &path),
        None => d.at_key(path),
    };
    for (i, skill) in skills.into_iter().enumerate() {
        if skill.levels.is_empty() {
            p.push(
                locate(
                    Diagnostic::new(format!("skill `{}` has no levels", skill.id)),
                    format!("skills[{i}].levels"),
                )
                .help("give the \"You can\" bullets for at least one skill level"),
            );
        }
        if data.skills.contains_key(&skill.id) {
            p.push(locate(
                Diagnostic::new(format!("two skills use the id `{}`", skill.id)),
                format!("skills[{i}].id"),
            ));
            // Keep the first, so that levels referring to it are not reported as well.
            continue;
        }
        data.skills.insert(skill.id.clone(), skill);
    }
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    crate::date::Date::parse_iso(s).is_some()
}

/// True for an `https:` or `http:` address with something after the scheme.
pub(crate) fn is_web_address(s: &str) -> bool {
    ["https://", "http://"].iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
    })
}

/// Checks a level's `grades_source`: an address or a document, a date, and grades to go with it.
fn check_grades_source(
    source: &crate::model::GradesSource,
    no_grades: bool,
    li: usize,
    key: &dyn Fn(String, String) -> Diagnostic,
    value: &dyn Fn(String, String) -> Diagnostic,
    p: &mut Diagnostics,
) {
    let path = format!("levels[{li}].grades_source");
    match (&source.url, &source.document) {
        (None, None) => p.push(
            key("`grades_source` says neither `url` nor `document`".into(), path.clone())
                .help("give the address the grades were read from (`url: https://...`), or the document's name (`document: ...`)"),
        ),
        (Some(_), Some(_)) => p.push(
            key("`grades_source` gives both `url` and `document`".into(), format!("{path}.document"))
                .help("keep one of them"),
        ),
        _ => {}
    }
    if let Some(url) = &source.url
        && !is_web_address(url)
    {
        p.push(
            value(
                format!("`{url}` is not a web address"),
                format!("{path}.url"),
            )
            .help("write the page's address, starting with https:// (or http://)"),
        );
    }
    if !is_date(&source.updated) {
        p.push(
            value(
                format!("`{}` is not a date written YYYY-MM-DD", source.updated),
                format!("{path}.updated"),
            )
            .help("write the date the page was last updated as year-month-day: 2025-08-29"),
        );
    }
    if no_grades {
        p.push(
            key("a level gives `grades_source` but no `grades`".into(), path)
                .help("give the level's `grades`, or remove `grades_source`"),
        );
    }
}

fn check_role(
    rel: &str,
    src: &Source,
    at: &Positions,
    role: &Role,
    data: &Data,
    p: &mut Diagnostics,
) {
    let stem = rel
        .trim_start_matches("roles/")
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml");
    let text = strip_bom(&src.text);
    // Points at the key of `path`.
    let key = |msg: String, path: String| {
        Diagnostic::new(msg)
            .in_file(&src.display)
            .at_path(text, at, &path)
    };
    // Points at the value of `path`.
    let value = |msg: String, path: String| {
        Diagnostic::new(msg)
            .in_file(&src.display)
            .at_value(text, at, &path)
    };
    if role.id != stem {
        p.push(
            key(
                format!(
                    "the role's id `{}` differs from its file name `{stem}`",
                    role.id
                ),
                "id".into(),
            )
            .help(format!(
                "rename the file to roles/{}.yaml, or set `id: {stem}`",
                role.id
            )),
        );
    }
    if role.levels.is_empty() {
        p.push(key(
            format!("role `{}` has no levels", role.id),
            "levels".into(),
        ));
    }
    let level_ids: Vec<&str> = role.levels.iter().map(|l| l.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (li, level) in role.levels.iter().enumerate() {
        if !seen.insert(level.id.as_str()) {
            p.push(key(
                format!("two levels use the id `{}`", level.id),
                format!("levels[{li}].id"),
            ));
        }
        for (gi, g) in level.grades.iter().enumerate() {
            if data.grade(g).is_none() {
                p.push(
                    value(
                        format!("unknown grade `{g}`"),
                        format!("levels[{li}].grades[{gi}]"),
                    )
                    .help(suggest(g, data.grades.iter().map(|g| g.id.as_str()))),
                );
            }
        }
        let grades_from = format!("levels[{li}].grades_from");
        match (&level.grades_from, level.grades.is_empty()) {
            (Some(twin), true) => match role.levels.iter().find(|l| &l.id == twin) {
                None => p.push(
                    key(
                        format!("`grades_from` names an unknown level `{twin}`"),
                        grades_from,
                    )
                    .help(suggest(twin, level_ids.iter().copied())),
                ),
                Some(t) if t.grades_from.is_some() => p.push(
                    key(
                        format!(
                            "`grades_from` names level `{twin}`, which takes its grades from another level itself"
                        ),
                        grades_from,
                    )
                    .help("name the technical level that lists the grades"),
                ),
                Some(_) => {}
            },
            (Some(_), false) => p.push(
                key(
                    "a level gives both `grades` and `grades_from`".into(),
                    grades_from,
                )
                .at_key(format!("levels[{li}]"))
                .help("keep one of them"),
            ),
            (None, _) => {}
        }
        if let Some(source) = &level.grades_source {
            check_grades_source(source, level.grades.is_empty(), li, &key, &value, p);
        }
        if level.variant == Variant::Management
            && level.grades.is_empty()
            && level.grades_from.is_none()
        {
            p.push(
                key(
                    format!("management level `{}` has no grades", level.id),
                    format!("levels[{li}].id"),
                )
                .at_key(format!("levels[{li}]"))
                .help("add `grades_from: <its technical twin>` to say which grades it takes"),
            );
        }
        for (si, s) in level.skills.iter().enumerate() {
            let path = format!("levels[{li}].skills[{si}]");
            match data.skills.get(&s.skill) {
                None => p.push(
                    value(
                        format!("unknown skill `{}`", s.skill),
                        format!("{path}.skill"),
                    )
                    .help(suggest(&s.skill, data.skills.keys().map(String::as_str))),
                ),
                Some(skill) if !skill.levels.contains_key(&s.level) => p.push(
                    value(
                        format!(
                            "skill `{}` has no bullets at level `{}`",
                            s.skill,
                            s.level.id()
                        ),
                        format!("{path}.level"),
                    )
                    .help(format!(
                        "use a level the skill catalogue defines ({}), or add its bullets to skills.yaml",
                        skill.levels.keys().map(|l| l.id()).collect::<Vec<_>>().join(", ")
                    )),
                ),
                Some(_) => {}
            }
        }
    }
}

fn check_sfia(layers: &Layers, at: &Positions, data: &Data, p: &mut Diagnostics) {
    let Some(src) = layers.get("sfia.yaml") else {
        return;
    };
    let text = strip_bom(&src.text);
    let here = |msg: String, path: String| {
        Diagnostic::new(msg)
            .in_file(&src.display)
            .at_path(text, at, &path)
    };
    let codes: Vec<&str> = data.sfia.skills.iter().map(|s| s.code.as_str()).collect();
    for (i, skill) in data.sfia.skills.iter().enumerate() {
        let [lo, hi] = skill.levels;
        if !(1..=7).contains(&lo) || !(1..=7).contains(&hi) || lo > hi {
            p.push(
                here(
                    format!("SFIA skill {} has levels {lo} to {hi}", skill.code),
                    format!("skills[{i}].levels"),
                )
                .help("SFIA levels run from 1 to 7, lowest first: `levels: [2, 6]`"),
            );
        }
    }
    for (skill, mapped) in &data.sfia.mapping {
        if !data.skills.contains_key(skill) {
            p.push(
                here(
                    format!("the SFIA mapping names an unknown skill `{skill}`"),
                    format!("mapping.{skill}"),
                )
                .help(suggest(skill, data.skills.keys().map(String::as_str))),
            );
        }
        for (j, code) in mapped.iter().enumerate() {
            if !codes.contains(&code.as_str()) {
                p.push(
                    Diagnostic::new(format!("unknown SFIA code `{code}`"))
                        .in_file(&src.display)
                        .at_value(text, at, &format!("mapping.{skill}[{j}]"))
                        .help(suggest(code, codes.iter().copied())),
                );
            }
        }
    }
    for level in crate::model::SkillLevel::ALL {
        if !data.sfia.rule.contains_key(&level) {
            p.push(
                here(
                    format!("the SFIA rule gives no level for `{}`", level.id()),
                    "rule".into(),
                )
                .help("give an SFIA level (1 to 7) for each of awareness, working, practitioner and expert"),
            );
        }
    }
}

/// Checks a department. `all_roles`: every role is loaded, so an SFIA list's levels can be
/// checked against its role (otherwise only loaded roles are).
/// Checks the checks' data: rule ids exist; stems are lower case, so that they can match.
fn check_lint(
    layers: &Layers,
    gender: &GenderWords,
    (settings, at): &(LintSettings, Positions),
    p: &mut Diagnostics,
) {
    if let Some(src) = layers.get("lint/checks.yaml") {
        check_lint_rules(
            &src.display,
            strip_bom(&src.text),
            at,
            "allow",
            &settings.allow,
            p,
        );
    }
    if let Some(src) = layers.get("lint/gender-coded.yaml") {
        for (list, stems) in [
            ("feminine", &gender.feminine),
            ("masculine", &gender.masculine),
        ] {
            for stem in stems {
                if stem.is_empty() || stem.to_lowercase() != *stem {
                    p.push(
                        Diagnostic::new(format!(
                            "gender-coded stem `{stem}` in `{list}` is not lower case"
                        ))
                        .in_file(&src.display)
                        .help("write stems in lower case: words are lower-cased before matching"),
                    );
                }
            }
        }
    }
}

/// Checks the phrase and fact lists: each phrase names a wording check and has words; each fact
/// has a label.
fn check_lint_lists(
    layers: &Layers,
    (wording, wording_at): &(crate::lint::Wording, Positions),
    (facts, facts_at): &(crate::lint::Facts, Positions),
    p: &mut Diagnostics,
) {
    if let Some(src) = layers.get("lint/wording.yaml") {
        let text = strip_bom(&src.text);
        let ids = crate::lint::WORDING_RULES;
        for (i, phrase) in wording.phrases.iter().enumerate() {
            if !ids.contains(&phrase.rule.as_str()) {
                p.push(
                    Diagnostic::new(format!(
                        "`{}` is not a check a phrase can belong to",
                        phrase.rule
                    ))
                    .in_file(&src.display)
                    .at_value(text, wording_at, &format!("phrases[{i}].rule"))
                    .help(suggest(&phrase.rule, ids.iter().copied())),
                );
            }
            if !phrase.phrase.chars().any(char::is_alphanumeric) {
                p.push(
                    Diagnostic::new("a phrase with no words can never be found")
                        .in_file(&src.display)
                        .at_value(text, wording_at, &format!("phrases[{i}].phrase"))
                        .help("write the words to look for, or remove the entry"),
                );
            }
        }
    }
    if let Some(src) = layers.get("lint/facts.yaml") {
        let text = strip_bom(&src.text);
        for (i, fact) in facts.facts.iter().enumerate() {
            if !fact.labels.iter().any(|l| !l.trim().is_empty()) {
                p.push(
                    Diagnostic::new(format!("the fact `{}` has no label", fact.name))
                        .in_file(&src.display)
                        .at_path(text, facts_at, &format!("facts[{i}].labels"))
                        .help("give the labels that introduce it in an advert: `labels: [Salary, Pay]`"),
                );
            }
        }
    }
}

/// Reports rule ids in `allow` that no check has.
pub(crate) fn check_lint_rules(
    file: &str,
    text: &str,
    at: &Positions,
    path: &str,
    allow: &[String],
    p: &mut Diagnostics,
) {
    let ids = || crate::lint::RULES.iter().map(|r| r.id);
    for (i, rule) in allow.iter().enumerate() {
        if crate::lint::rule(rule).is_none() {
            p.push(
                Diagnostic::new(format!("unknown check `{rule}`"))
                    .in_file(file)
                    .at_value(text, at, &format!("{path}[{i}]"))
                    .help(suggest(rule, ids())),
            );
        }
    }
}

fn check_org(
    id: &str,
    src: &Source,
    at: &Positions,
    org: &Org,
    data: &Data,
    all_roles: bool,
    p: &mut Diagnostics,
) {
    let text = strip_bom(&src.text);
    let key = |msg: String, path: &str| {
        Diagnostic::new(msg)
            .in_file(&src.display)
            .at_path(text, at, path)
    };
    let value = |msg: String, path: &str| {
        Diagnostic::new(msg)
            .in_file(&src.display)
            .at_value(text, at, path)
    };
    check_lint_rules(&src.display, text, at, "lint.allow", &org.lint.allow, p);
    let role_ids = || data.role_ids.iter().map(String::as_str);
    for role in org.roles.keys() {
        if !data.role_ids.contains(role) {
            p.push(
                key(
                    format!("department `{id}` has text for an unknown role `{role}`"),
                    &format!("roles.{role}"),
                )
                .help(suggest(role, role_ids())),
            );
        }
    }
    for (i, o) in org.sfia.iter().enumerate() {
        let path = format!("sfia[{i}]");
        if !all_roles && !data.roles.contains_key(&o.role) && data.role_ids.contains(&o.role) {
            continue;
        }
        let Some(role) = data.roles.get(&o.role) else {
            p.push(
                value(
                    format!("unknown role `{}`", o.role),
                    &format!("{path}.role"),
                )
                .help(suggest(&o.role, role_ids())),
            );
            continue;
        };
        for (j, l) in o.levels.iter().enumerate() {
            if !role.levels.iter().any(|x| &x.id == l) {
                p.push(
                    value(
                        format!("role `{}` has no level `{l}`", role.id),
                        &format!("{path}.levels[{j}]"),
                    )
                    .help(suggest(l, role.levels.iter().map(|x| x.id.as_str()))),
                );
            }
        }
        for (j, g) in o.grades.iter().enumerate() {
            if data.grade(g).is_none() {
                p.push(
                    value(
                        format!("unknown grade `{g}`"),
                        &format!("{path}.grades[{j}]"),
                    )
                    .help(suggest(g, data.grades.iter().map(|g| g.id.as_str()))),
                );
            }
        }
        for (j, e) in o.skills.iter().enumerate() {
            if !(1..=7).contains(&e.level) {
                p.push(
                    value(
                        format!("SFIA level {} is out of range", e.level),
                        &format!("{path}.skills[{j}].level"),
                    )
                    .help("SFIA levels run from 1 to 7"),
                );
            }
        }
    }
    if let Some(b) = crate::request::plain_booleans(&src.display, text, at, "defaults") {
        p.push(b);
    }
    for (path, d) in crate::advert::check_fields(data, &org.defaults, None) {
        let path = format!("defaults.{path}");
        p.push(
            Diagnostic { key: None, ..d }
                .in_file(&src.display)
                .at_value(text, at, &path),
        );
    }
    let d = &org.defaults;
    for (name, set) in [
        ("org", d.org.is_some()),
        ("role", d.role.is_some()),
        ("level", d.level.is_some()),
        ("grade", d.grade.is_some()),
    ] {
        if set {
            p.push(
                key(format!("`defaults` cannot set `{name}`"), &format!("defaults.{name}"))
                    .help("defaults fill in vacancy fields such as salary or location; choose the role level in the vacancy or on the command line"),
            );
        }
    }
    let sections = org
        .about
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("about[{i}]"), s))
        .chain(
            org.closing
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("closing[{i}]"), s)),
        )
        .chain(org.roles.iter().flat_map(|(role, r)| {
            r.sections
                .iter()
                .enumerate()
                .map(move |(i, s)| (format!("roles.{role}.sections[{i}]"), s))
        }));
    for (path, s) in sections {
        for (bi, b) in s.body.iter().enumerate() {
            if let Block::List(list) = b {
                for (ki, bullet) in list.bullets.iter().enumerate() {
                    if let Bullet::Conditional(c) = bullet
                        && c.when_responsibilities_mention.is_empty()
                    {
                        p.push(
                            key(
                                "a conditional bullet lists no words".into(),
                                &format!("{path}.body[{bi}].bullets[{ki}].when_responsibilities_mention"),
                            )
                            .help("list the words, for example `when_responsibilities_mention: [coach, mentor]`"),
                        );
                    }
                }
            }
        }
    }
    if let Err((name, msg)) = check_style(&org.style) {
        p.push(key(msg, &format!("style.{name}")));
    }
}

/// Checks the files of facts: ids are unique, each level's grades exist in `grades.yaml` is
/// left to the grades' own check; a pension rate is a percentage.
fn check_facts(
    layers: &Layers,
    behaviours: &(BehavioursFile, Positions),
    security: &(RulesFile, Positions),
    nationality: &(RulesFile, Positions),
    pension: &(Pension, Positions),
    p: &mut Diagnostics,
) {
    let located = |rel: &str, at: &Positions, path: String, msg: String| match layers.get(rel) {
        Some(src) => {
            Diagnostic::new(msg)
                .in_file(&src.display)
                .at_path(strip_bom(&src.text), at, &path)
        }
        None => Diagnostic::new(msg),
    };
    let mut ids = HashSet::new();
    for (i, b) in behaviours.0.behaviours.iter().enumerate() {
        if !ids.insert(b.id.to_lowercase()) {
            p.push(located(
                "behaviours.yaml",
                &behaviours.1,
                format!("behaviours[{i}].id"),
                format!("two behaviours use the id `{}`", b.id),
            ));
        }
    }
    for (rel, (file, at)) in [
        ("security.yaml", security),
        ("nationality.yaml", nationality),
    ] {
        let mut ids = HashSet::new();
        for (i, r) in file.rules.iter().enumerate() {
            if !ids.insert(r.id.to_lowercase()) {
                p.push(located(
                    rel,
                    at,
                    format!("rules[{i}].id"),
                    format!("two rules use the id `{}`", r.id),
                ));
            }
        }
    }
    let rate = pension.0.employer_rate_percent;
    if !(0.0..=100.0).contains(&rate) {
        p.push(
            located(
                "pension.yaml",
                &pension.1,
                "employer_rate_percent".into(),
                format!("the employer's pension contribution is {rate}%"),
            )
            .help("give a percentage between 0 and 100, for example `28.97`"),
        );
    }
}

/// Checks the style values that writers would otherwise have to second-guess.
fn check_style(style: &crate::model::Style) -> Result<(), (&'static str, String)> {
    for (key, value) in [("colour", &style.colour), ("on_colour", &style.on_colour)] {
        if crate::model::hex_colour(value).is_none() {
            return Err((
                key,
                format!(
                    "style.{key} is `{value}`; write a colour as `#` and six hex digits, for example `#1d70b8`"
                ),
            ));
        }
    }
    if !(6..=72).contains(&style.font_size_pt) {
        return Err((
            "font_size_pt",
            format!(
                "style.font_size_pt is {}; give a body text size between 6 and 72 points",
                style.font_size_pt
            ),
        ));
    }
    if style.font.trim().is_empty()
        || style
            .font
            .chars()
            .any(|c| c.is_control() || "<>\"&;{}".contains(c))
    {
        return Err((
            "font",
            format!("style.font `{}` is not a font name", style.font),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads() {
        let data = load(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(data.roles.contains_key("devops-engineer"));
        assert!(data.orgs.contains_key("home-office"));
        assert_eq!(
            data.grade("seo").map(|g| g.name.as_str()),
            Some("Senior Executive Officer")
        );
    }

    #[test]
    fn dates_are_real_calendar_dates_written_year_month_day() {
        for ok in ["2025-08-29", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-04-31",
            "2025-00-10",
            "2025-01-00",
            "29 August 2025",
            "2025-8-29",
            "2025-08-29 ",
            "+025-08-29",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn web_addresses_are_https_or_http_with_something_after_the_scheme() {
        assert!(is_web_address("https://www.gov.uk/x"));
        assert!(is_web_address("http://example.gov.uk"));
        for bad in [
            "https://",
            "ftp://x",
            "www.gov.uk",
            "https://a b",
            "javascript:alert(1)",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
