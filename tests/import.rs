//! `jobgen import`: the framework's CSV download and role pages become jobgen's data.

mod support;

use std::path::{Path, PathBuf};

use support::{jobgen_in, seed, stderr, stdout};

fn framework() -> PathBuf {
    support::seeds_dir().join("../framework")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn copy_data(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from)
            .expect("list")
            .filter_map(Result::ok)
        {
            if e.path().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
            }
        }
    }
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), to);
}

#[test]
fn importing_the_csv_over_the_shipped_data_reports_no_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data(&dir.path().join("data"));
    let roles = framework().join("roles.csv").display().to_string();
    let skills = framework().join("skills.csv").display().to_string();
    let out = jobgen_in(
        dir.path(),
        &["import", "csv", &roles, &skills, "--out", "data"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.ends_with("no changes\n"), "{err}");
    assert!(
        err.contains("note: skipped \"Chief data officer\": a chief role with no levels"),
        "{err}"
    );
    assert_eq!(stdout(&out), "", "no file rewritten");
}

#[test]
fn importing_the_csv_twice_into_an_empty_folder_reports_no_changes_the_second_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let roles = framework().join("roles.csv").display().to_string();
    let skills = framework().join("skills.csv").display().to_string();
    // Compared with the built-in data (made from this download), nothing changes; every file
    // is written, since the folder is empty.
    let first = jobgen_in(
        dir.path(),
        &["import", "csv", &roles, &skills, "--out", "fresh"],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).ends_with("no changes\n"),
        "{}",
        stderr(&first)
    );
    assert_eq!(
        stdout(&first).lines().count(),
        49,
        "48 roles and the skill catalogue"
    );
    let second = jobgen_in(
        dir.path(),
        &["import", "csv", &roles, &skills, "--out", "fresh"],
    );
    assert!(
        stderr(&second).ends_with("no changes\n"),
        "{}",
        stderr(&second)
    );
    assert_eq!(stdout(&second), "", "nothing rewritten");
    // The folder works as it is with --data, on top of the built-in grades and departments; the
    // levels keep the grades the built-in data has (the download has none).
    let list = jobgen_in(
        dir.path(),
        &["--data", "fresh", "list", "levels", "data-engineer"],
    );
    assert_eq!(
        stdout(&list),
        "data-engineer\t1\tData engineer\tHEO, SEO\nsenior-data-engineer\t2\tSenior data engineer\tSEO, G7\nlead-data-engineer\t3\tLead data engineer\tG7\nhead-of-data-engineering\t4\tHead of data engineering\tG7, G6\n",
        "{}",
        stderr(&list)
    );
}

#[test]
fn the_csv_and_seed_001_agree_on_the_devops_role() {
    let csv = jobgen::import::read_csv(
        &framework().join("roles.csv"),
        &framework().join("skills.csv"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let page = jobgen::import::parse_page("001", &seed("001")).unwrap_or_else(|e| panic!("{e}"));
    let from_csv = csv
        .roles
        .iter()
        .find(|r| r.name == "Development operations (DevOps) engineer")
        .expect("DevOps in the CSV");
    let from_page = &page.roles[0];
    assert_eq!(from_page.name, from_csv.name);
    assert_eq!(from_page.summary, from_csv.summary);
    assert_eq!(from_page.description, from_csv.description);
    assert_eq!(from_page.levels.len(), 9);
    for (a, b) in from_page.levels.iter().zip(&from_csv.levels) {
        assert_eq!(
            (&a.id, &a.summary, &a.responsibilities),
            (&b.id, &b.summary, &b.responsibilities)
        );
        let skills = |l: &jobgen::model::Level| {
            l.skills
                .iter()
                .map(|s| (s.skill.clone(), s.level))
                .collect::<Vec<_>>()
        };
        assert_eq!(skills(a), skills(b), "{}", a.id);
        assert_eq!(a.grades_from, b.grades_from, "{}", a.id);
    }
    for s in &page.skills {
        let c = csv
            .skills
            .iter()
            .find(|c| c.id == s.id)
            .expect("skill in the CSV");
        for (level, bullets) in &s.levels {
            assert_eq!(c.levels.get(level), Some(bullets), "{} {:?}", s.id, level);
        }
    }
}

#[test]
fn importing_seed_001_reproduces_the_shipped_devops_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data(&dir.path().join("data"));
    let page = support::seeds_dir().join("001_fb090d67f314d95a.txt");
    let out = jobgen_in(
        dir.path(),
        &[
            "import",
            "page",
            &page.display().to_string(),
            "--out",
            "data",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("no changes\n"), "{}", stderr(&out));
    // Into an empty folder: the same role, grades and level order as the shipped data.
    let fresh = jobgen_in(
        dir.path(),
        &[
            "import",
            "page",
            &page.display().to_string(),
            "--out",
            "fresh",
        ],
    );
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    let shipped = jobgen::data::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    let imported: jobgen::model::Role = serde_yaml::from_str(
        &std::fs::read_to_string(dir.path().join("fresh/roles/devops-engineer.yaml"))
            .expect("role file"),
    )
    .expect("parses");
    let devops = shipped.role("devops-engineer").expect("devops");
    assert_eq!(imported.levels.len(), devops.levels.len());
    for (a, b) in imported.levels.iter().zip(&devops.levels) {
        assert_eq!(
            (
                &a.id,
                &a.name,
                &a.summary,
                &a.responsibilities,
                &a.grades,
                &a.grades_from
            ),
            (
                &b.id,
                &b.name,
                &b.summary,
                &b.responsibilities,
                &b.grades,
                &b.grades_from
            )
        );
    }
}

#[test]
fn a_page_in_other_bullet_styles_and_wording_imports_the_same() {
    // As copied from another browser: "-" bullets, no header or footer, "most often performed at".
    let text = seed("001").replace("  • ", "- ").replace(
        "This role level is often performed at",
        "This role level is most often performed at",
    );
    let body = text
        .split("What a development operations")
        .nth(1)
        .expect("body");
    let body = format!(
        "What a development operations{}",
        body.split("Updates\n").next().unwrap_or("")
    );
    let a = jobgen::import::parse_page("variant", &body).unwrap_or_else(|e| panic!("{e}"));
    let b = jobgen::import::parse_page("001", &seed("001")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.roles[0].levels.len(), 9);
    for (x, y) in a.roles[0].levels.iter().zip(&b.roles[0].levels) {
        assert_eq!(
            (&x.summary, &x.responsibilities, &x.grades),
            (&y.summary, &y.responsibilities, &y.grades)
        );
    }
}

#[test]
fn every_level_of_the_download_generates_in_all_three_formats() {
    let session = jobgen::Session::load(&[], None).unwrap_or_else(|e| panic!("{e}"));
    let families: std::collections::BTreeSet<&str> = session
        .data
        .roles
        .values()
        .map(|r| r.family.as_str())
        .collect();
    assert_eq!(session.data.roles.len(), 48);
    assert_eq!(families.len(), 7, "{families:?}");
    let mut levels = 0;
    for role in session.data.roles.values() {
        for level in &role.levels {
            let req = jobgen::request::Request::new(jobgen::model::Vacancy {
                role: Some(jobgen::model::Text(role.id.clone())),
                level: Some(jobgen::model::Text(level.id.clone())),
                org: Some(jobgen::model::Text("home-office".into())),
                ..Default::default()
            });
            let advert = session
                .advert(&req)
                .unwrap_or_else(|e| panic!("{}: {e}", level.id));
            let docs = session
                .documents(
                    &advert,
                    "advert",
                    &[
                        jobgen::Format::MD,
                        jobgen::Format::HTML,
                        jobgen::Format::DOCX,
                    ],
                )
                .unwrap_or_else(|e| panic!("{}: {e}", level.id));
            assert_eq!(docs.len(), 3);
            assert!(support::readback::docx_blocks(&docs[2].bytes).is_ok());
            levels += 1;
        }
    }
    assert_eq!(levels, 201);
}

#[test]
fn list_roles_shows_the_48_roles_by_family() {
    let (_d, out) = support::jobgen(&["list", "roles"]);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 48);
    let families: Vec<String> = lines
        .iter()
        .map(|l| l.split('\t').nth(2).unwrap_or("").to_string())
        .collect();
    let mut sorted = families.clone();
    sorted.sort();
    assert_eq!(families, sorted, "grouped by family");
    assert!(lines.contains(&"data-engineer\tData engineer\tData\t4 levels".to_string()));
}

#[test]
fn batch_for_the_data_engineer_role_works_out_of_the_box() {
    let (dir, out) = support::jobgen(&["batch", "--role", "data-engineer", "--org", "home-office"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        6,
        "4 adverts, the index and lint.json"
    );
    assert!(
        dir.path()
            .join("output/home-office-head-of-data-engineering.md")
            .is_file()
    );
}

#[test]
fn import_errors_name_the_row_or_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| {
        let out = jobgen_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stderr(&out)
    };
    let err = run(&[
        "import",
        "csv",
        &fixture("missing-columns.csv"),
        &fixture("skills.csv"),
        "--out",
        "x",
    ]);
    assert!(
        err.contains(
            "missing column(s): Role Level, Role Level Description, Skill Name, Skill Level"
        ),
        "{err}"
    );
    assert!(err.contains("missing-columns.csv:1"), "{err}");
    let err = run(&[
        "import",
        "csv",
        &fixture("bad-skill-level.csv"),
        &fixture("skills.csv"),
        "--out",
        "x",
    ]);
    assert!(err.contains("skill level \"Grandmaster\" of \"Testing\" is not one of awareness, working, practitioner, expert"), "{err}");
    assert!(err.contains("bad-skill-level.csv:2"), "{err}");
    let err = run(&[
        "import",
        "page",
        &fixture("page-without-levels.txt"),
        "--out",
        "x",
    ]);
    assert!(err.contains("the page has no role levels"), "{err}");
    let err = run(&[
        "import",
        "page",
        &fixture("page-level-without-skills.txt"),
        "--out",
        "x",
    ]);
    assert!(err.contains("level \"Tester\" has no skills"), "{err}");
    assert!(err.contains("page-level-without-skills.txt:7"), "{err}");
    assert!(!dir.path().join("x").exists(), "nothing written");
}

#[test]
fn check_reports_the_changes_of_a_framework_update_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data(&dir.path().join("data"));
    // An older framework: one DevOps responsibility worded differently.
    let role = dir.path().join("data/roles/devops-engineer.yaml");
    let text = std::fs::read_to_string(&role).expect("role");
    std::fs::write(
        &role,
        text.replace("manage live test environments", "manage test environments"),
    )
    .expect("write");
    let before = std::fs::read_to_string(&role).expect("role");
    let page = support::seeds_dir()
        .join("001_fb090d67f314d95a.txt")
        .display()
        .to_string();
    let out = jobgen_in(
        dir.path(),
        &["import", "page", &page, "--out", "data", "--check"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "1 change(s):\n  reworded level devops-engineer/devops-engineer\n"
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(
        std::fs::read_to_string(&role).expect("role"),
        before,
        "nothing written"
    );
    // Without --check the update lands.
    let out = jobgen_in(dir.path(), &["import", "page", &page, "--out", "data"]);
    assert_eq!(stdout(&out), "data/roles/devops-engineer.yaml\n");
    assert!(
        std::fs::read_to_string(&role)
            .expect("role")
            .contains("manage live test environments")
    );
}

/// Writes a roles.csv of one-line rows (role, level, skill) and a skills.csv of `skills`, each
/// with awareness bullets, into `dir`.
fn small_csv(dir: &Path, rows: &[(&str, &str, &str)], skills: &[&str]) -> (String, String) {
    let mut roles = String::from(
        "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n",
    );
    for (role, level, skill) in rows {
        roles.push_str(&format!(
            "Quality,{role},A role.,{level},A level.,{skill},Things.,Awareness,You can: - x,\n"
        ));
    }
    let mut skills_csv = String::from(
        "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\n",
    );
    for s in skills {
        skills_csv.push_str(&format!("{s},Things.,\"You can:\n- do {s}\",,,,x\n"));
    }
    std::fs::write(dir.join("roles.csv"), roles).expect("write");
    std::fs::write(dir.join("skills.csv"), skills_csv).expect("write");
    ("roles.csv".into(), "skills.csv".into())
}

fn refused_import(rows: &[(&str, &str, &str)], skills: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let (roles, skills) = small_csv(dir.path(), rows, skills);
    let out = jobgen_in(
        dir.path(),
        &["import", "csv", &roles, &skills, "--out", "x"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("x").exists(), "nothing written");
    stderr(&out)
}

#[test]
fn a_role_name_with_no_latin_letters_is_refused_naming_its_row() {
    let err = refused_import(
        &[("Tester", "Tester", "Testing"), ("日本", "日本", "Testing")],
        &["Testing"],
    );
    assert!(
        err.contains("role \"日本\" has no letters or digits to make an id from"),
        "{err}"
    );
    assert!(err.contains("roles.csv:3"), "{err}");
}

#[test]
fn two_levels_whose_names_make_the_same_id_are_refused_naming_both_rows() {
    let err = refused_import(
        &[
            ("Tester", "Dev-ops engineer", "Testing"),
            ("Tester", "Dev ops engineer", "Testing"),
        ],
        &["Testing"],
    );
    assert!(
        err.contains("levels \"Dev-ops engineer\" (line 2) and \"Dev ops engineer\" of role \"Tester\" both make the id `dev-ops-engineer`"),
        "{err}"
    );
    assert!(err.contains("roles.csv:3"), "{err}");
}

#[test]
fn two_roles_or_skills_whose_names_make_the_same_id_are_refused_naming_both_rows() {
    let err = refused_import(
        &[
            ("Tester", "Tester", "Testing"),
            ("Tester!", "Tester!", "Testing"),
        ],
        &["Testing"],
    );
    assert!(
        err.contains("roles \"Tester\" (line 2) and \"Tester!\" both make the id `tester`"),
        "{err}"
    );
    let err = refused_import(&[("Tester", "Tester", "Testing")], &["Testing", "Testing!"]);
    assert!(
        err.contains("skills \"Testing\" (line 2) and \"Testing!\" both make the id `testing`"),
        "{err}"
    );
    assert!(err.contains("skills.csv:4"), "{err}");
    let err = refused_import(&[("Tester", "Tester", "Testing")], &["Testing", "日本"]);
    assert!(
        err.contains("skill \"日本\" has no letters or digits to make an id from"),
        "{err}"
    );
}

fn grades_file(name: &str) -> String {
    framework().join("grades").join(name).display().to_string()
}

/// Every file below `dir` with its bytes, by path.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn importing_grades_2025_over_the_shipped_data_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data(&dir.path().join("data"));
    let before = snapshot(&dir.path().join("data"));
    let out = jobgen_in(
        dir.path(),
        &["import", "grades", &grades_file("grades-2025.csv")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.ends_with("\nno changes\n"), "{err}");
    // The DevOps levels stay as seed 001 gives them, and the report says so.
    assert!(
        err.contains("left 6 level(s) as they are: their grades_source says `keep: true` (the source documents hold them); the file differs for 2:\n  devops-engineer/junior-devops-engineer: EO, HEO (the file: EO)\n  devops-engineer/principal-devops-engineer: G7, G6 (the file: G6)\n"),
        "{err}"
    );
    assert_eq!(stdout(&out), "", "no file rewritten");
    assert_eq!(snapshot(&dir.path().join("data")), before);
}

#[test]
fn importing_grades_2026_10_reports_the_review_of_2026_08_28_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_data(&dir.path().join("data"));
    let file = grades_file("grades-2026-10.csv");
    // --check reports and writes nothing.
    let before = snapshot(&dir.path().join("data"));
    let check = jobgen_in(dir.path(), &["import", "grades", &file, "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stdout(&check), "");
    assert_eq!(snapshot(&dir.path().join("data")), before, "--check wrote");

    let out = jobgen_in(dir.path(), &["import", "grades", &file, "--out", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err, stderr(&check), "--check reports what a run does");
    // 34 levels changed on 2026-08-28; three of them are not in this file, their sources
    // conflicting (the grades README): the two application operations engineer levels, which
    // have no grades in either file, and Configuration analyst, which keeps its 2025 grades.
    let changes: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.ends_with("grade change(s):"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(err.contains("\n31 grade change(s):\n"), "{err}");
    assert_eq!(changes.len(), 31, "{err}");
    for c in [
        "  changed the grades of level delivery-manager/delivery-manager: HEO, SEO -> SEO, G7",
        "  changed the grades of level machine-learning-engineer/senior-machine-learning-engineer: G7 -> SEO, G7, G6",
        "  changed the grades of level business-analyst/trainee-business-analyst: AO, EO -> EO",
        "  changed the grades of level analytics-engineer/analytics-engineer: HEO -> HEO, SEO",
        "  added grades to level digital-evaluator/digital-evaluator: SEO",
        "  added grades to level quality-assurance-test-analyst/senior-quality-assurance-test-analyst: HEO, SEO",
    ] {
        assert!(changes.contains(&c), "{c}\n{err}");
    }
    assert_eq!(
        changes
            .iter()
            .filter(|c| c.starts_with("  added grades"))
            .count(),
        5
    );
    assert!(
        err.contains("\nupdated the source of 91 level(s) whose grades did not change\n"),
        "{err}"
    );
    assert!(
        err.contains("note: not in ")
            && err.contains("change-and-release-manager/configuration-analyst (EO, HEO), data-governance-manager/data-governance-manager (HEO, SEO)"),
        "{err}"
    );
    assert!(
        err.contains("application-operations-engineer/application-operations-engineer, application-operations-engineer/principal-application-operations-engineer, digital-evaluator/lead-digital-evaluator\n"),
        "{err}"
    );
    assert!(
        err.contains("devops-engineer/principal-devops-engineer: G7, G6 (the file: G6)"),
        "{err}"
    );
    assert!(stdout(&out).contains("data/roles/delivery-manager.yaml\n"));
    assert!(!stdout(&out).contains("devops-engineer.yaml"));
    // The new grades and their source are in the files, and the folder loads.
    let delivery =
        std::fs::read_to_string(dir.path().join("data/roles/delivery-manager.yaml")).expect("role");
    assert!(
        delivery.contains("    grades: [SEO, G7]\n    grades_source:\n      url: https://github.com/roles-skills/roles-skills/blob/c8dd6678c1a2b36c71ec454496c928f4f3ee1044/data/sources/pcf/grades.tsv\n      updated: 2026-08-28\n"),
        "{delivery}"
    );
    let list = jobgen_in(
        dir.path(),
        &["--data", "data", "list", "levels", "digital-evaluator"],
    );
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("digital-evaluator\t2\tDigital evaluator\tSEO\n"),
        "{}",
        stdout(&list)
    );
    // A second run changes nothing: same report of held levels, no changes, no file written.
    let after = snapshot(&dir.path().join("data"));
    let again = jobgen_in(dir.path(), &["import", "grades", &file, "--out", "data"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).ends_with("\nno changes\n"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stdout(&again), "");
    assert_eq!(snapshot(&dir.path().join("data")), after, "byte-identical");
}

/// Runs `jobgen import grades` on a grades file of `rows` (after the header `header`) and
/// returns its standard error, checking that it failed and wrote nothing.
fn refused_grades(header: &str, rows: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = format!("{header}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(dir.path().join("g.csv"), text).expect("write");
    let out = jobgen_in(dir.path(), &["import", "grades", "g.csv", "--out", "x"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("x").exists(), "nothing written");
    stderr(&out)
}

const GRADES_HEADER: &str = "role,level,grades,source_url,last_updated_on_page";

#[test]
fn a_bad_grades_file_gets_located_errors_with_did_you_mean() {
    let err = refused_grades(
        GRADES_HEADER,
        &[
            "Business architect,Business architect,SEO;G7,https://example.gov.uk/a,2025-02-28",
            "Busines architect,Business architect,SEO,https://example.gov.uk/a,2025-02-28",
            "Business architect,Lead busines architect,G7,https://example.gov.uk/a,2025-02-28",
            "Data engineer,Data engineer,HEO;SE0,https://example.gov.uk/a,2025-02-28",
            "Data engineer,Senior data engineer,SEO,example.gov.uk,28 February 2025",
            "Data engineer,Lead data engineer,,https://example.gov.uk/a,2025-02-30",
            "Business architect,business architect,SEO,https://example.gov.uk/a,2025-02-28",
        ],
    );
    for (line, part) in [
        (3, "unknown role \"Busines architect\""),
        (3, "did you mean `Business architect`?"),
        (
            4,
            "role \"Business architect\" has no level \"Lead busines architect\"",
        ),
        (4, "did you mean `Lead business architect`?"),
        (5, "unknown grade `SE0`"),
        (5, "did you mean `SEO`?"),
        (6, "`example.gov.uk` is not a web address"),
        (6, "`28 February 2025` is not a date written YYYY-MM-DD"),
        (7, "no grades for level \"Lead data engineer\""),
        (7, "`2025-02-30` is not a date written YYYY-MM-DD"),
        (
            8,
            "level \"business architect\" of \"Business architect\" is listed twice (first at line 2)",
        ),
    ] {
        // Each message names its row (and its column, as the key).
        let block = err
            .split("\n\n")
            .find(|b| b.contains(part))
            .unwrap_or_else(|| panic!("{part}\n{err}"));
        assert!(
            block.contains(&format!("--> g.csv:{line}\n")),
            "{part} at line {line}\n{err}"
        );
    }
    assert!(err.contains("key: level"), "{err}");
    assert!(err.contains("key: last_updated_on_page"), "{err}");

    let err = refused_grades(
        "role,level,grade,source_url",
        &["Business architect,Business architect,SEO,https://example.gov.uk/a"],
    );
    assert!(
        err.contains("missing column(s): grades, last_updated_on_page"),
        "{err}"
    );
    assert!(err.contains("g.csv:1"), "{err}");
}

#[test]
fn a_level_with_no_known_grade_says_grade_to_be_confirmed_in_words() {
    for org in [None, Some("home-office"), Some("department-for-example")] {
        let mut args = vec![
            "generate",
            "--role",
            "digital-evaluator",
            "--level",
            "lead-digital-evaluator",
            "--out",
            "-",
        ];
        if let Some(o) = org {
            args.extend(["--org", o]);
        }
        let (_d, out) = support::jobgen(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let advert = stdout(&out);
        let lead = advert.lines().nth(2).unwrap_or("");
        assert!(
            lead.to_lowercase().contains("grade to be confirmed"),
            "{org:?}: {lead}"
        );
        assert!(!lead.starts_with("To be confirmed"), "{org:?}: {lead}");
        assert!(
            advert.contains("| Job grade | To be confirmed |"),
            "{org:?}"
        );
    }
    let (_d, out) = support::jobgen(&[
        "generate",
        "--role",
        "digital-evaluator",
        "--level",
        "lead-digital-evaluator",
        "--out",
        "-",
    ]);
    assert!(stdout(&out).contains("\nGrade to be confirmed\n"));
    // A level with grades says them.
    let (_d, out) = support::jobgen(&["list", "levels", "business-architect"]);
    assert_eq!(
        stdout(&out),
        "trainee-business-architect\t1\tTrainee business architect\tEO, HEO\nassociate-business-architect\t2\tAssociate business architect\tSEO\nbusiness-architect\t3\tBusiness architect\tSEO, G7\nlead-business-architect\t4\tLead business architect\tG7, G6\n"
    );
}

#[test]
fn grade_ids_in_a_grades_file_are_read_in_any_case_and_order_and_put_most_junior_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The shipped row says SEO;G7, with this source.
    std::fs::write(
        dir.path().join("g.csv"),
        "role,level,grades,source_url,last_updated_on_page\nbusiness-architect,Business Architect, g7; seo;SEO,https://github.com/roles-skills/roles-skills/blob/c8dd6678c1a2b36c71ec454496c928f4f3ee1044/data/sources/pcf/grades.tsv,2025-02-28\n",
    )
    .expect("write");
    let out = jobgen_in(dir.path(), &["import", "grades", "g.csv", "--out", "x"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("\nno changes\n"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    // Another order of the same grades with a newer page is a new source, not a grade change.
    std::fs::write(
        dir.path().join("g.csv"),
        "role,level,grades,source_url,last_updated_on_page\nBusiness architect,Business architect,G7;SEO,https://example.gov.uk/business-architect,2026-08-28\n",
    )
    .expect("write");
    let out = jobgen_in(dir.path(), &["import", "grades", "g.csv", "--out", "x"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with(
            "\nno grade changes\nupdated the source of 1 level(s) whose grades did not change\n"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "x/roles/business-architect.yaml\n");
    let written =
        std::fs::read_to_string(dir.path().join("x/roles/business-architect.yaml")).expect("file");
    assert!(
        written.contains("    grades: [SEO, G7]\n    grades_source:\n      url: https://example.gov.uk/business-architect\n      updated: 2026-08-28\n"),
        "{written}"
    );
}
