//! The command line, run as a user runs it: the real binary in a fresh folder.

mod support;

use std::path::Path;

use support::{jobgen, jobgen_in, stderr, stdout};

const SEO_HOME_OFFICE: [&str; 9] = [
    "generate",
    "--role",
    "devops-engineer",
    "--level",
    "devops-engineer",
    "--grade",
    "SEO",
    "--org",
    "home-office",
];

#[test]
fn generate_writes_the_advert_into_output_and_prints_its_path() {
    let (dir, out) = jobgen(&SEO_HOME_OFFICE);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "output/home-office-devops-engineer-seo.md\n");
    let advert =
        std::fs::read_to_string(dir.path().join("output/home-office-devops-engineer-seo.md"))
            .expect("advert written");
    assert!(advert.starts_with("# DevOps engineer\n"));
    assert!(
        stderr(&out).is_empty(),
        "nothing on stderr: {}",
        stderr(&out)
    );
}

#[test]
fn the_binary_copied_alone_to_an_empty_folder_still_generates_the_advert() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = dir.path().join("jobgen");
    std::fs::copy(env!("CARGO_BIN_EXE_jobgen"), &exe).expect("copy binary");
    let out = std::process::Command::new(&exe)
        .args(SEO_HOME_OFFICE)
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let advert =
        std::fs::read_to_string(dir.path().join("output/home-office-devops-engineer-seo.md"))
            .expect("written");
    assert!(advert.contains("The Home Office leads on immigration"));
}

#[test]
fn list_levels_lists_the_nine_devops_levels_most_junior_first() {
    let (_d, out) = jobgen(&["list", "levels", "devops-engineer"]);
    assert!(out.status.success());
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "apprentice-devops-engineer",
            "junior-devops-engineer",
            "devops-engineer",
            "senior-devops-engineer",
            "senior-devops-engineer-management",
            "lead-devops-engineer",
            "lead-devops-engineer-management",
            "principal-devops-engineer",
            "principal-devops-engineer-management",
        ]
    );
}

#[test]
fn list_prints_one_item_per_line_id_first() {
    for (what, first) in [
        (
            "roles",
            "business-architect\tBusiness architect\tArchitecture\t4 levels",
        ),
        ("grades", "AA\tAdministrative Assistant"),
        ("orgs", "department-for-example\tDepartment for Example"),
        ("skills", "accessibility\tAccessibility"),
        ("sfia", "PROG\tProgramming/software development\tlevels 2-6"),
    ] {
        let (_d, out) = jobgen(&["list", what]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        assert_eq!(stdout(&out).lines().next(), Some(first), "{what}");
    }
    let (_d, out) = jobgen(&["list", "grades"]);
    assert!(stdout(&out).contains("SEO\tSenior Executive Officer\n"));
}

#[test]
fn every_devops_level_generates_for_the_home_office() {
    for n in 1..=9 {
        let n = n.to_string();
        let (_d, out) = jobgen(&[
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            &n,
            "--org",
            "home-office",
            "--out",
            "-",
        ]);
        assert!(out.status.success(), "level {n}: {}", stderr(&out));
        let md = stdout(&out);
        assert!(
            md.contains("## Skills you’ll need") && md.contains("## Appendix"),
            "level {n}"
        );
        assert!(!md.contains("{{") && !md.contains("{%"), "level {n}");
    }
}

#[test]
fn ids_are_case_insensitive_and_a_level_may_be_given_by_number() {
    let run = |level: &str, role: &str| {
        let (_d, out) = jobgen(&[
            "generate",
            "--role",
            role,
            "--level",
            level,
            "--grade",
            "seo",
            "--org",
            "Home-Office",
            "--out",
            "-",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let by_id = run("devops-engineer", "devops-engineer");
    assert_eq!(run("3", "devops-engineer"), by_id);
    assert_eq!(run("DevOps-Engineer", "DEVOPS-ENGINEER"), by_id);
}

#[test]
fn without_a_grade_the_advert_gives_the_indicative_grades() {
    let (_d, out) = jobgen(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "devops-engineer",
        "--out",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(
        "| Job grade | Higher Executive Officer (HEO) or Senior Executive Officer (SEO) |"
    ));
}

#[test]
fn a_grade_outside_the_indicative_grades_is_allowed_with_a_warning() {
    let (_d, out) = jobgen(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "devops-engineer",
        "--grade",
        "G6",
        "--out",
        "-",
    ]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(
            "warning: G6 is not one of the indicative grades of DevOps engineer (HEO, SEO)"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("| Job grade | Grade 6 (G6) |"));
}

#[test]
fn an_unknown_role_fails_with_exit_1_and_suggests_the_nearest() {
    let (_d, out) = jobgen(&["generate", "--role", "devops-enginer", "--level", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error: unknown role `devops-enginer`"),
        "{err}"
    );
    assert!(err.contains("did you mean `devops-engineer`?"), "{err}");
}

#[test]
fn an_unknown_level_names_the_role_and_suggests_levels() {
    let (_d, out) = jobgen(&[
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "senior-devops",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("role `devops-engineer` has no level `senior-devops`"),
        "{err}"
    );
    assert!(err.contains("`senior-devops-engineer`"), "{err}");
}

#[test]
fn wrong_usage_exits_2() {
    let (_d, out) = jobgen(&["generate", "--colour", "red"]);
    assert_eq!(out.status.code(), Some(2));
    let (_d, out) = jobgen(&["list"]);
    assert_eq!(out.status.code(), Some(2));
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, text).expect("write fixture");
    name.to_string()
}

#[test]
fn a_vacancy_file_fills_the_appendix_and_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "vacancy.yaml",
        "org: home-office\nrole: devops-engineer\nlevel: devops-engineer\ngrade: SEO\nreference: HO/2026/123\nsalary: £45,000 to £50,000\nlocation: Sheffield\nnumber_of_jobs: 2\ncontract_type: Fixed term\nlength_of_employment: 2 years\nhours: 37 per week\nreports_to: Lead DevOps engineer\nclosing_date: 31 January 2027\nextra:\n  team: Borders\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "output/ho-2026-123.md\n");
    let md = std::fs::read_to_string(dir.path().join("output/ho-2026-123.md")).expect("written");
    for row in [
        "| Reference number | HO/2026/123 |",
        "| Salary | £45,000 to £50,000 |",
        "| Location | Sheffield |",
        "| Number of jobs available | 2 |",
        "| Length of employment | 2 years |",
        "| Reports to | Lead DevOps engineer |",
        "| Closing date | 31 January 2027 |",
        "| Type of role | Digital |",
        "| Working pattern | To be confirmed |",
    ] {
        assert!(md.contains(row), "{row}");
    }
}

#[test]
fn command_line_selectors_override_the_vacancy_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "role: devops-engineer\nlevel: devops-engineer\ngrade: HEO\n",
    );
    let out = jobgen_in(
        dir.path(),
        &["generate", "--vacancy", &v, "--grade", "SEO", "--out", "-"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("| Job grade | Senior Executive Officer (SEO) |"));
}

#[test]
fn a_misspelt_vacancy_key_is_an_error_with_its_line_and_the_right_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "role: devops-engineer\nlevel: 3\nsalery: £40,000\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown field `salery`"), "{err}");
    assert!(err.contains("--> v.yaml:3:1"), "{err}");
    assert!(err.contains("3 | salery: £40,000"), "{err}");
    assert!(err.contains("did you mean `salary`?"), "{err}");
    assert!(!dir.path().join("output").exists(), "nothing written");
}

#[test]
fn an_unknown_org_in_a_vacancy_file_points_at_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "role: devops-engineer\nlevel: 3\norg: home-ofice\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown department `home-ofice`"), "{err}");
    assert!(err.contains("--> v.yaml:3:1"), "{err}");
    assert!(err.contains("did you mean `home-office`?"), "{err}");
}

#[test]
fn markdown_in_a_vacancy_field_stays_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "role: devops-engineer\nlevel: 3\nlocation: \"# London <script>alert(1)</script> [x](javascript:alert(1)) *bold*\"\nsalary: \"| broken | table\"\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v, "--out", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains(r"| Location | \# London \<script\>alert(1)\</script\> \[x\](javascript:alert(1)) \*bold\* |"), "{md}");
    assert!(md.contains(r"| Salary | \| broken \| table |"), "{md}");
}

#[test]
fn a_data_folder_replaces_built_in_files_by_name_and_adds_new_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "mydata/orgs/test-dept/org.yaml",
        "name: Test Department\nabout:\n  - title: About us\n    body:\n      - We test things.\n",
    );
    let out = jobgen_in(
        dir.path(),
        &[
            "--data",
            "mydata",
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--org",
            "test-dept",
            "--out",
            "-",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("## About us\n\nWe test things.\n"));
    let out = jobgen_in(dir.path(), &["--data", "mydata", "list", "orgs"]);
    assert_eq!(
        stdout(&out),
        "department-for-example\tDepartment for Example\nhome-office\tHome Office\ntest-dept\tTest Department\n"
    );
    // Replacing a built-in file.
    write(
        dir.path(),
        "mydata/grades.yaml",
        "grades:\n  - { id: SEO, name: Senior Executive Officer }\n  - { id: HEO, name: Higher Executive Officer }\n  - { id: AO, name: Administrative Officer }\n  - { id: EO, name: Executive Officer }\n  - { id: G7, name: Grade Seven }\n  - { id: G6, name: Grade 6 }\n",
    );
    let out = jobgen_in(dir.path(), &["--data", "mydata", "list", "grades"]);
    assert!(
        stdout(&out).contains("G7\tGrade Seven\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_templates_folder_overrides_a_template_which_can_extend_the_builtin() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "tpl/advert.md.tera",
        "{% extends \"builtin/advert.md.tera\" %}{% block credit %}\nOverridden credit.\n{% endblock credit %}",
    );
    let out = jobgen_in(
        dir.path(),
        &[
            "--templates",
            "tpl",
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--out",
            "-",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("Overridden credit."));
    assert!(!md.contains("Open Government Licence"));
    assert!(md.contains("## Skills you’ll need"), "other blocks stay");
}

#[test]
fn a_template_using_a_missing_variable_fails_instead_of_leaving_a_blank() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "tpl/advert.md.tera", "# {{ level.nmae }}\n");
    let out = jobgen_in(
        dir.path(),
        &[
            "--templates",
            "tpl",
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--out",
            "-",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("template error"), "{err}");
    assert!(err.contains("nmae"), "{err}");
}

#[test]
fn a_second_run_replaces_the_file_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = jobgen_in(dir.path(), &SEO_HOME_OFFICE);
    assert!(first.status.success());
    let path = dir.path().join("output/home-office-devops-engineer-seo.md");
    let a = std::fs::read(&path).expect("first");
    std::fs::write(&path, "stale").expect("spoil");
    let second = jobgen_in(dir.path(), &SEO_HOME_OFFICE);
    assert!(second.status.success());
    assert_eq!(
        std::fs::read(&path).expect("second"),
        a,
        "same bytes as the first run"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("output"))
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".jobgen-written", "home-office-devops-engineer-seo.md"],
        "no temporary files left; the record of jobgen's files"
    );
}

#[test]
fn overriding_one_block_changes_that_block_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = jobgen_in(
        dir.path(),
        &[&SEO_HOME_OFFICE[..], &["--out", "-"]].concat(),
    );
    write(
        dir.path(),
        "tpl/advert.md.tera",
        "{% extends \"builtin/advert.md.tera\" %}{% block lead %}Join our platform team.\n{% endblock lead %}",
    );
    let args = [
        &["--templates", "tpl"][..],
        &SEO_HOME_OFFICE[..],
        &["--out", "-"],
    ]
    .concat();
    let changed = jobgen_in(dir.path(), &args);
    assert!(changed.status.success(), "{}", stderr(&changed));
    let (a, b) = (stdout(&plain), stdout(&changed));
    let differ: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(
        differ,
        [(
            "Senior Executive Officer (SEO), Home Office",
            "Join our platform team."
        )]
    );
    assert_eq!(a.lines().count(), b.lines().count());
}

#[test]
fn new_org_scaffolds_a_department_that_generates_right_away_and_after_editing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jobgen_in(
        dir.path(),
        &[
            "new-org",
            "department-for-testing",
            "--name",
            "Department for Testing",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "data/orgs/department-for-testing/org.yaml\ndata/orgs/department-for-testing/templates/advert.md.tera\n"
    );
    let generate = [
        "--data",
        "data",
        "generate",
        "--org",
        "department-for-testing",
        "--role",
        "devops-engineer",
        "--level",
        "3",
        "--out",
        "-",
    ];
    let first = jobgen_in(dir.path(), &generate);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains(
        "Higher Executive Officer (HEO) or Senior Executive Officer (SEO), Department for Testing"
    ));
    // Edit by hand, as a person would: change a paragraph and the style.
    let org = dir.path().join("data/orgs/department-for-testing/org.yaml");
    let text = std::fs::read_to_string(&org).expect("org.yaml");
    let edited = text
        .replace("We are a government department. Replace this paragraph with what your department does and why it matters.", "We test everything twice.")
        .replace("sections: plain", "sections: boxed");
    std::fs::write(&org, edited).expect("edit");
    let second = jobgen_in(dir.path(), &generate);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stdout(&second).contains("## About us\n\nWe test everything twice.\n"));
    // Refuses to overwrite, and refuses bad ids.
    let again = jobgen_in(
        dir.path(),
        &["new-org", "department-for-testing", "--name", "X"],
    );
    assert_eq!(again.status.code(), Some(1));
    let bad = jobgen_in(dir.path(), &["new-org", "../evil", "--name", "X"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("cannot be a department id"));
}

#[test]
fn context_prints_every_variable_templates_see() {
    let (_d, out) = jobgen(&[
        "context",
        "--role",
        "devops-engineer",
        "--level",
        "3",
        "--grade",
        "SEO",
        "--org",
        "home-office",
        "--as",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    for key in [
        "title",
        "org",
        "role",
        "level",
        "grade",
        "grades",
        "grade_text",
        "about",
        "sections",
        "closing",
        "sfia",
        "appendix",
        "vacancy",
        "extra",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["sfia"]["groups"][0]["skills"][0]["code"], "DESN");
    let (_d, out) = jobgen(&["context", "--role", "devops-engineer", "--level", "3"]);
    assert!(
        stdout(&out).starts_with("title: DevOps engineer, HEO or SEO\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_vacancy_file_that_starts_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "\u{feff}role: devops-engineer\nlevel: devops-engineer\nreference: BOM-1\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "output/bom-1.md\n");
    let list = write(
        dir.path(),
        "list.yaml",
        "\u{feff}- role: devops-engineer\n  level: 1\n  reference: BOM-2\n",
    );
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &list, "--out", "b"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn vacancy_values_are_printed_exactly_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        "role: devops-engineer\nlevel: 3\nhours: 37.50\nsalary: 45000.00\nreference: 1e3\nlocation: 0x10\n",
    );
    let out = jobgen_in(dir.path(), &["generate", "--vacancy", &v]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "output/1e3.md\n");
    let md = std::fs::read_to_string(dir.path().join("output/1e3.md")).expect("written");
    // Markdown escapes a `.` after digits, which would otherwise start a numbered list.
    for row in [
        "| Hours | 37\\.50 |",
        "| Salary | 45000\\.00 |",
        "| Reference number | 1e3 |",
        "| Location | 0x10 |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
}

/// A list of vacancies whose first defines `&s` as `size` bytes of text and whose every vacancy
/// uses it as its salary.
fn aliased_vacancies(size: usize, count: usize) -> String {
    let mut text = format!(
        "- {{role: devops-engineer, level: 1, reference: R0, salary: &s {}}}\n",
        "x".repeat(size)
    );
    for i in 1..count {
        text.push_str(&format!(
            "- {{role: devops-engineer, level: 1, reference: R{i}, salary: *s}}\n"
        ));
    }
    text
}

#[test]
fn a_4_mib_string_reused_by_2499_aliases_is_refused_before_it_is_expanded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "v.yaml",
        &aliased_vacancies(4 * 1024 * 1024, 2500),
    );
    let out = jobgen_in(dir.path(), &["validate", "--vacancies", &v]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "YAML aliases would expand the file by more than 16 MiB; this alias crosses the limit"
        ),
        "{err}"
    );
    // The fourth alias crosses the limit: vacancy [4], on line 5.
    assert!(err.contains("--> v.yaml:5:"), "{err}");
    assert!(err.contains("key: [4].salary"), "{err}");
}

#[test]
fn a_megabyte_of_aliases_cannot_make_hundreds_of_megabytes_of_adverts() {
    let dir = tempfile::tempdir().expect("temp dir");
    // About 0.4 MB of YAML that serde would expand to 504 MB of salaries.
    let v = write(dir.path(), "v.yaml", &aliased_vacancies(200_000, 2520));
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v, "--out", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("YAML aliases would expand the file"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}
