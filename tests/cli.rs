//! The command line, run as a user runs it: the real binary in a fresh folder.

mod support;

use support::{Case, SEO_HOME_OFFICE};

/// `generate --role devops-engineer --level <level> ... --out -`, the advert on stdout.
fn devops_to_stdout<'a>(level: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["generate", "--role", "devops-engineer", "--level", level];
    args.extend_from_slice(more);
    args.extend_from_slice(&["--out", "-"]);
    args
}

#[test]
fn generate_writes_the_advert_into_output_and_prints_its_path() {
    let out = Case::new().args(SEO_HOME_OFFICE).run();
    out.success()
        .stdout_is("output/home-office-devops-engineer-seo.md\n");
    // Standard error holds only the wording checks' summary line.
    let err = out.stderr();
    assert!(
        err.starts_with("lint: ") && err.lines().count() == 1,
        "{err}"
    );
    assert!(
        out.file("output/home-office-devops-engineer-seo.md")
            .starts_with("# DevOps engineer\n")
    );
}

#[test]
fn the_binary_copied_alone_to_an_empty_folder_still_generates_the_advert() {
    let out = Case::new()
        .binary_copied_into_the_folder()
        .args(SEO_HOME_OFFICE)
        .run();
    out.success();
    assert!(
        out.file("output/home-office-devops-engineer-seo.md")
            .contains("The Home Office leads on immigration")
    );
}

#[test]
fn list_levels_lists_the_nine_devops_levels_most_junior_first() {
    let out = Case::new()
        .args(["list", "levels", "devops-engineer"])
        .run();
    out.success();
    let ids: Vec<String> = out
        .stdout()
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
        let out = Case::new().args(["list", what]).run();
        out.success();
        assert_eq!(out.stdout().lines().next(), Some(first), "{what}");
    }
    Case::new()
        .args(["list", "grades"])
        .run()
        .stdout_contains("SEO\tSenior Executive Officer\n");
}

#[test]
fn every_devops_level_generates_for_the_home_office() {
    for n in 1..=9 {
        let n = n.to_string();
        let out = Case::new()
            .args(devops_to_stdout(&n, &["--org", "home-office"]))
            .run();
        out.success()
            .stdout_contains("## Skills you’ll need")
            .stdout_contains("## Appendix")
            .stdout_lacks("{{")
            .stdout_lacks("{%");
    }
}

#[test]
fn ids_are_case_insensitive_and_a_level_may_be_given_by_number() {
    let run = |level: &str, role: &str| {
        let out = Case::new()
            .args([
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
            ])
            .run();
        out.success();
        out.stdout()
    };
    let by_id = run("devops-engineer", "devops-engineer");
    assert_eq!(run("3", "devops-engineer"), by_id);
    assert_eq!(run("DevOps-Engineer", "DEVOPS-ENGINEER"), by_id);
}

#[test]
fn without_a_grade_the_advert_gives_the_indicative_grades() {
    Case::new()
        .args(devops_to_stdout("devops-engineer", &[]))
        .run()
        .success()
        .stdout_contains(
            "| Job grade | Higher Executive Officer (HEO) or Senior Executive Officer (SEO) |",
        );
}

#[test]
fn a_grade_outside_the_indicative_grades_is_allowed_with_a_warning() {
    Case::new()
        .args(devops_to_stdout("devops-engineer", &["--grade", "G6"]))
        .run()
        .success()
        .stderr_contains(
            "warning: G6 is not one of the indicative grades of DevOps engineer (HEO, SEO)",
        )
        .stdout_contains("| Job grade | Grade 6 (G6) |");
}

#[test]
fn an_unknown_role_fails_with_exit_1_and_suggests_the_nearest() {
    Case::new()
        .args(["generate", "--role", "devops-enginer", "--level", "3"])
        .run()
        .fails_with(1)
        .stderr_contains("error: unknown role `devops-enginer`")
        .stderr_contains("did you mean `devops-engineer`?");
}

#[test]
fn an_unknown_level_names_the_role_and_suggests_levels() {
    Case::new()
        .args([
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "senior-devops",
        ])
        .run()
        .fails_with(1)
        .stderr_contains("role `devops-engineer` has no level `senior-devops`")
        .stderr_contains("`senior-devops-engineer`");
}

#[test]
fn wrong_usage_exits_2() {
    Case::new()
        .args(["generate", "--colour", "red"])
        .run()
        .fails_with(2);
    Case::new().args(["list"]).run().fails_with(2);
}

#[test]
fn a_vacancy_file_fills_the_appendix_and_names_the_file() {
    let out = Case::new()
        .file(
            "vacancy.yaml",
            "org: home-office\nrole: devops-engineer\nlevel: devops-engineer\ngrade: SEO\nreference: HO/2026/123\nsalary: £45,000 to £50,000\nlocation: Sheffield\nnumber_of_jobs: 2\ncontract_type: Fixed term\nlength_of_employment: 2 years\nhours: 37 per week\nreports_to: Lead DevOps engineer\nclosing_date: 31 January 2027\nextra:\n  team: Borders\n",
        )
        .args(["generate", "--vacancy", "vacancy.yaml"])
        .run();
    out.success().stdout_is("output/ho-2026-123.md\n");
    let md = out.file("output/ho-2026-123.md");
    for row in [
        "| Reference number | HO/2026/123 |",
        "| Salary | £45,000 to £50,000 |",
        "| Location | Sheffield |",
        "| Number of jobs available | 2 |",
        "| Length of employment | 2 years |",
        "| Reports to | Lead DevOps engineer |",
        "| Closing date | Sunday 31 January 2027 |",
        "| Type of role | Digital |",
        "| Working pattern | To be confirmed |",
    ] {
        assert!(md.contains(row), "{row}");
    }
}

#[test]
fn command_line_selectors_override_the_vacancy_file() {
    Case::new()
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: devops-engineer\ngrade: HEO\n",
        )
        .args([
            "generate",
            "--vacancy",
            "v.yaml",
            "--grade",
            "SEO",
            "--out",
            "-",
        ])
        .run()
        .success()
        .stdout_contains("| Job grade | Senior Executive Officer (SEO) |");
}

#[test]
fn a_misspelt_vacancy_key_is_an_error_with_its_line_and_the_right_key() {
    Case::new()
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: 3\nsalery: £40,000\n",
        )
        .args(["generate", "--vacancy", "v.yaml"])
        .run()
        .fails_with(1)
        .stderr_contains("unknown field `salery`")
        .stderr_contains("--> v.yaml:3:1")
        .stderr_contains("3 | salery: £40,000")
        .stderr_contains("did you mean `salary`?")
        .no_file("output");
}

#[test]
fn an_unknown_org_in_a_vacancy_file_points_at_its_line() {
    Case::new()
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: 3\norg: home-ofice\n",
        )
        .args(["generate", "--vacancy", "v.yaml"])
        .run()
        .fails_with(1)
        .stderr_contains("unknown department `home-ofice`")
        .stderr_contains("--> v.yaml:3:1")
        .stderr_contains("did you mean `home-office`?");
}

#[test]
fn markdown_in_a_vacancy_field_stays_text() {
    Case::new()
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: 3\nlocation: \"# London <script>alert(1)</script> [x](javascript:alert(1)) *bold*\"\nsalary: \"| broken | table\"\n",
        )
        .args(["generate", "--vacancy", "v.yaml", "--out", "-"])
        .run()
        .success()
        .stdout_contains(r"| Location | \# London \<script\>alert(1)\</script\> \[x\](javascript:alert(1)) \*bold\* |")
        .stdout_contains(r"| Salary | \| broken \| table |");
}

#[test]
fn a_data_folder_replaces_built_in_files_by_name_and_adds_new_ones() {
    let case = Case::new().file(
        "mydata/orgs/test-dept/org.yaml",
        "name: Test Department\nabout:\n  - title: About us\n    body:\n      - We test things.\n",
    );
    case.run_with(
        [
            &["--data", "mydata"][..],
            &devops_to_stdout("3", &["--org", "test-dept"]),
        ]
        .concat(),
    )
    .success()
    .stdout_contains("## About us\n\nWe test things.\n");
    case.run_with(["--data", "mydata", "list", "orgs"]).stdout_is(
        "department-for-example\tDepartment for Example\nhome-office\tHome Office\ntest-dept\tTest Department\n",
    );
    // Replacing a built-in file.
    case.write(
        "mydata/grades.yaml",
        "grades:\n  - { id: SEO, name: Senior Executive Officer }\n  - { id: HEO, name: Higher Executive Officer }\n  - { id: AO, name: Administrative Officer }\n  - { id: EO, name: Executive Officer }\n  - { id: G7, name: Grade Seven }\n  - { id: G6, name: Grade 6 }\n",
    );
    case.run_with(["--data", "mydata", "list", "grades"])
        .stdout_contains("G7\tGrade Seven\n");
}

#[test]
fn a_templates_folder_overrides_a_template_which_can_extend_the_builtin() {
    Case::new()
        .file(
            "tpl/advert.md.tera",
            "{% extends \"builtin/advert.md.tera\" %}{% block credit %}\nOverridden credit.\n{% endblock credit %}",
        )
        .args(["--templates", "tpl"])
        .args(devops_to_stdout("3", &[]))
        .run()
        .success()
        .stdout_contains("Overridden credit.")
        .stdout_lacks("Open Government Licence")
        // The other blocks stay.
        .stdout_contains("## Skills you’ll need");
}

#[test]
fn a_template_using_a_missing_variable_fails_instead_of_leaving_a_blank() {
    Case::new()
        .file("tpl/advert.md.tera", "# {{ level.nmae }}\n")
        .args(["--templates", "tpl"])
        .args(devops_to_stdout("3", &[]))
        .run()
        .fails_with(1)
        .stderr_contains("template error")
        .stderr_contains("nmae");
}

#[test]
fn a_second_run_replaces_the_file_whole() {
    let case = Case::new().args(SEO_HOME_OFFICE);
    case.run().success();
    let path = case.path("output/home-office-devops-engineer-seo.md");
    let a = std::fs::read(&path).expect("first");
    std::fs::write(&path, "stale").expect("spoil");
    case.run().success();
    assert_eq!(
        std::fs::read(&path).expect("second"),
        a,
        "same bytes as the first run"
    );
    let mut names: Vec<String> = std::fs::read_dir(case.path("output"))
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
    let case = Case::new();
    let plain = case.run_with([&SEO_HOME_OFFICE[..], &["--out", "-"]].concat());
    case.write(
        "tpl/advert.md.tera",
        "{% extends \"builtin/advert.md.tera\" %}{% block lead %}Join our platform team.\n{% endblock lead %}",
    );
    let changed = case.run_with(
        [
            &["--templates", "tpl"][..],
            &SEO_HOME_OFFICE[..],
            &["--out", "-"],
        ]
        .concat(),
    );
    changed.success();
    let (a, b) = (plain.stdout(), changed.stdout());
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
    let case = Case::new();
    case.run_with([
        "new-org",
        "department-for-testing",
        "--name",
        "Department for Testing",
    ])
    .success()
    .stdout_is(
        "data/orgs/department-for-testing/org.yaml\ndata/orgs/department-for-testing/templates/advert.md.tera\n",
    );
    let generate = [
        &["--data", "data"][..],
        &devops_to_stdout("3", &["--org", "department-for-testing"]),
    ]
    .concat();
    case.run_with(&generate).success().stdout_contains(
        "Higher Executive Officer (HEO) or Senior Executive Officer (SEO), Department for Testing",
    );
    // Edit by hand, as a person would: change a paragraph and the style.
    let org = "data/orgs/department-for-testing/org.yaml";
    let edited = case
        .read(org)
        .replace("We are a government department. Replace this paragraph with what your department does and why it matters.", "We test everything twice.")
        .replace("sections: plain", "sections: boxed");
    case.write(org, &edited);
    case.run_with(&generate)
        .success()
        .stdout_contains("## About us\n\nWe test everything twice.\n");
    // Refuses to overwrite, and refuses bad ids.
    case.run_with(["new-org", "department-for-testing", "--name", "X"])
        .fails_with(1);
    case.run_with(["new-org", "../evil", "--name", "X"])
        .fails_with(1)
        .stderr_contains("cannot be a department id");
}

#[test]
fn context_prints_every_variable_templates_see() {
    let out = Case::new()
        .args([
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
        ])
        .run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(&out.stdout()).expect("JSON");
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
    let out = Case::new()
        .args(["context", "--role", "devops-engineer", "--level", "3"])
        .run();
    assert!(
        out.stdout()
            .starts_with("title: DevOps engineer, HEO or SEO\n"),
        "{}",
        out.stdout()
    );
}

#[test]
fn a_vacancy_file_that_starts_with_a_byte_order_mark_is_read() {
    let case = Case::new()
        .file(
            "v.yaml",
            "\u{feff}role: devops-engineer\nlevel: devops-engineer\nreference: BOM-1\n",
        )
        .file(
            "list.yaml",
            "\u{feff}- role: devops-engineer\n  level: 1\n  reference: BOM-2\n",
        );
    case.run_with(["generate", "--vacancy", "v.yaml"])
        .success()
        .stdout_is("output/bom-1.md\n");
    case.run_with(["batch", "--vacancies", "list.yaml", "--out", "b"])
        .success();
}

#[test]
fn vacancy_values_are_printed_exactly_as_written() {
    let out = Case::new()
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: 3\nhours: 37.50\nsalary: 45000.00\nreference: 1e3\nlocation: 0x10\n",
        )
        .args(["generate", "--vacancy", "v.yaml"])
        .run();
    out.success().stdout_is("output/1e3.md\n");
    let md = out.file("output/1e3.md");
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
    Case::new()
        .file("v.yaml", &aliased_vacancies(4 * 1024 * 1024, 2500))
        .args(["validate", "--vacancies", "v.yaml"])
        .run()
        .fails_with(1)
        .stderr_contains(
            "YAML aliases would expand the file by more than 16 MiB; this alias crosses the limit",
        )
        // The fourth alias crosses the limit: vacancy [4], on line 5.
        .stderr_contains("--> v.yaml:5:")
        .stderr_contains("key: [4].salary");
}

#[test]
fn a_megabyte_of_aliases_cannot_make_hundreds_of_megabytes_of_adverts() {
    // About 0.4 MB of YAML that serde would expand to 504 MB of salaries.
    Case::new()
        .file("v.yaml", &aliased_vacancies(200_000, 2520))
        .args(["batch", "--vacancies", "v.yaml", "--out", "out"])
        .run()
        .fails_with(1)
        .stderr_contains("YAML aliases would expand the file")
        .no_file("out");
}

#[test]
fn new_org_takes_its_files_away_when_the_department_does_not_render() {
    let case = Case::new().file("data/roles/broken.yaml", "id: [unclosed\n");
    case.run_with(["new-org", "department-for-testing", "--name", "X"])
        .fails_with(1)
        .stderr_contains("broken.yaml")
        .no_file("data/orgs/department-for-testing");
    // Once the other data is mended, the retry starts afresh instead of finding half a folder.
    std::fs::remove_file(case.path("data/roles/broken.yaml")).expect("remove");
    case.run_with(["new-org", "department-for-testing", "--name", "X"])
        .success();
}

/// The command between the backticks of a lint summary line: `run `jobgen lint ...` for
/// details`, split into arguments (none of these tests' arguments needs quoting).
fn details_command(line: &str) -> Vec<String> {
    let command = line.split('`').nth(1).unwrap_or_else(|| panic!("{line}"));
    assert!(command.starts_with("jobgen "), "{command}");
    command.split(' ').skip(1).map(str::to_owned).collect()
}

/// `0 errors, 3 warnings, 12 notes` (and `, N suppressed`) for a `jobgen lint --format json`
/// summary, as the summary lines of generate and batch count.
fn counts(summary: &serde_json::Value) -> String {
    let mut text = format!(
        "{} errors, {} warnings, {} notes",
        summary["errors"], summary["warnings"], summary["notes"]
    );
    if summary["suppressed"] != 0 {
        text.push_str(&format!(", {} suppressed", summary["suppressed"]));
    }
    text
}

#[test]
fn generate_prints_one_lint_line_that_names_the_command_showing_the_same_findings() {
    let case = Case::new().args(SEO_HOME_OFFICE);
    let out = case.run();
    out.success();
    let line = out.stderr();
    assert!(line.ends_with(
        "; run `jobgen lint --role devops-engineer --level devops-engineer --grade SEO --org home-office` for details\n"
    ), "{line}");
    // The command it names checks the same advert and counts the same.
    let lint = case.run_with(
        details_command(&line)
            .into_iter()
            .chain(["--format".into(), "json".into()]),
    );
    lint.success();
    let v: serde_json::Value = serde_json::from_str(lint.stdout().trim()).expect("JSON");
    assert_eq!(v["file"], "home-office-devops-engineer-seo.md");
    let s = &v["summary"];
    assert_eq!(
        line,
        format!(
            "lint: {} ({}; reading age {:.1}); run `jobgen lint --role devops-engineer --level devops-engineer --grade SEO --org home-office` for details\n",
            counts(s),
            s["gender"]["verdict"].as_str().unwrap_or_default(),
            s["reading_age"].as_f64().unwrap_or_default()
        )
    );
    assert!(s["warnings"].as_u64().unwrap_or(0) > 0, "{s}");
}

#[test]
fn generate_checks_the_document_it_writes_with_its_vacancy_template_and_allow() {
    let case = Case::new().file(
        "v.yaml",
        "role: devops-engineer\nlevel: 3\norg: home-office\n",
    );
    let out = case.run_with([
        "--data",
        ".",
        "generate",
        "--vacancy",
        "v.yaml",
        "--template",
        "summary",
        "--allow",
        "gender-coded",
        "--out",
        "-",
    ]);
    out.success();
    let line = out.stderr();
    let args = details_command(&line);
    assert_eq!(
        args.join(" "),
        "--data . lint --vacancy v.yaml --template summary --allow gender-coded"
    );
    let lint = case.run_with(args.into_iter().chain(["--format".into(), "json".into()]));
    lint.success();
    let v: serde_json::Value = serde_json::from_str(lint.stdout().trim()).expect("JSON");
    assert_eq!(v["file"], "home-office-devops-engineer-summary.md");
    assert!(
        line.starts_with(&format!("lint: {} (", counts(&v["summary"]))),
        "{line}"
    );
    assert!(
        line.contains(" suppressed ("),
        "--allow counts what it hides: {line}"
    );
}

#[test]
fn generate_deny_warning_fails_before_writing_anything_and_names_the_advert() {
    let case = Case::new().args(SEO_HOME_OFFICE);
    let out = case.run_with(SEO_HOME_OFFICE.iter().copied().chain(["--deny", "warning"]));
    out.fails_with(1)
        .stdout_is("")
        .stderr_contains("error: the advert has findings at the --deny level (warning): `home-office-devops-engineer-seo.md` has 0 errors, ")
        .stderr_contains("; nothing was written\n")
        .stderr_contains("help: see them with `jobgen lint --role devops-engineer --level devops-engineer --grade SEO --org home-office`")
        .no_file("output");
    // Over an advert written before, with --force: the folder is left as it was.
    case.run().success();
    let before = case.read("output/home-office-devops-engineer-seo.md");
    let record = case.read("output/.jobgen-written");
    case.write(
        "output/home-office-devops-engineer-seo.md",
        "edited by hand\n",
    );
    case.run_with(
        SEO_HOME_OFFICE
            .iter()
            .copied()
            .chain(["--deny", "warning", "--force", "--format", "md,html"]),
    )
    .fails_with(1)
    .no_file("output/home-office-devops-engineer-seo.html");
    assert_eq!(
        case.read("output/home-office-devops-engineer-seo.md"),
        "edited by hand\n"
    );
    assert_eq!(case.read("output/.jobgen-written"), record);
    assert!(before.starts_with("# DevOps engineer"));
    let left: Vec<String> = std::fs::read_dir(case.path("output"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "no staging folder or new file: {left:?}");
}

#[test]
fn generate_without_deny_never_fails_on_findings() {
    // The same advert fails with --deny warning (above); without --deny it is written.
    Case::new()
        .args(SEO_HOME_OFFICE)
        .run()
        .success()
        .stdout_is("output/home-office-devops-engineer-seo.md\n");
}

#[test]
fn the_lint_line_is_a_json_note_with_message_format_json_and_silent_with_quiet() {
    let json = Case::new()
        .args(["--message-format", "json"])
        .args(SEO_HOME_OFFICE)
        .run();
    json.success();
    let lines: Vec<serde_json::Value> = json
        .stderr()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 1, "{}", json.stderr());
    assert_eq!(lines[0]["severity"], "note");
    assert!(
        lines[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("lint: 0 errors, ") && m.ends_with(" for details")),
        "{}",
        lines[0]
    );
    Case::new()
        .args(["--quiet"])
        .args(SEO_HOME_OFFICE)
        .run()
        .success()
        .stderr_is("");
}

#[test]
fn lint_vacancies_names_each_advert_as_batch_does_with_positions_in_that_file() {
    let case = Case::new().file(
        "v.yaml",
        "- org: home-office\n  role: devops-engineer\n  level: devops-engineer\n  grade: SEO\n  reference: HO/1001\n- role: software-developer\n  level: developer\n  reference: SD 7\n",
    );
    let lint = case.run_with(["lint", "--vacancies", "v.yaml", "--format", "json"]);
    lint.success();
    let reports: Vec<serde_json::Value> = lint
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let files: Vec<&str> = reports.iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(files, ["ho-1001.md", "sd-7.md"]);
    // Every finding's line and column point at its text in the file batch writes.
    case.run_with(["batch", "--vacancies", "v.yaml"]).success();
    for r in &reports {
        let file = r["file"].as_str().unwrap_or_default();
        let written = case.read(&format!("output/{file}"));
        let mut located = 0;
        for f in r["findings"].as_array().expect("findings") {
            let (Some(line), Some(column)) = (f["line"].as_u64(), f["column"].as_u64()) else {
                continue;
            };
            let text = f["text"].as_str().unwrap_or_default();
            let at: String = written
                .lines()
                .nth(line as usize - 1)
                .unwrap_or_default()
                .chars()
                .skip(column as usize - 1)
                .collect();
            assert!(
                at.starts_with(text),
                "{file}:{line}:{column} {text:?}: {at:?}"
            );
            located += 1;
        }
        assert!(located > 0, "{file}");
    }
    // The human form ends with each advert's line and the totals; --deny covers them all.
    let human = case.run_with(["lint", "--vacancies", "v.yaml"]);
    human.success().stdout_contains("\nho-1001.md: 0 errors, ");
    assert!(
        human
            .stdout()
            .lines()
            .last()
            .unwrap_or_default()
            .starts_with("2 adverts: 0 errors, "),
        "{}",
        human.stdout()
    );
    case.run_with(["lint", "--vacancies", "v.yaml", "--deny", "warning"])
        .fails_with(1)
        .stderr_contains(
            "2 of 2 adverts have findings at the --deny level (warning): `ho-1001.md`, `sd-7.md`",
        );
}

#[test]
fn lint_vacancies_reports_every_bad_vacancy_at_its_line_in_the_file() {
    Case::new()
        .file(
            "v.yaml",
            "- role: devops-engineer\n  level: 3\n  lint: {allow: [acronyms], reason: x}\n- role: devops-enginer\n  level: 3\n",
        )
        .args(["lint", "--vacancies", "v.yaml"])
        .run()
        .fails_with(1)
        .stdout_is("")
        .stderr_contains("error: unknown check `acronyms`\n  --> v.yaml:3:3\n   = key: [0].lint\n")
        .stderr_contains("error: unknown role `devops-enginer`\n  --> v.yaml:4:3\n   = key: [1].role\n")
        .stderr_contains("2 problems found");
}

#[test]
fn lint_role_without_level_checks_every_level_as_batch_names_them() {
    let out = Case::new()
        .args([
            "lint",
            "--role",
            "devops-engineer",
            "--org",
            "home-office",
            "--format",
            "json",
        ])
        .run();
    out.success();
    let files: Vec<String> = out
        .stdout()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            v["file"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(files.len(), 9);
    assert_eq!(files[0], "home-office-apprentice-devops-engineer.md");
    assert_eq!(
        files[8],
        "home-office-principal-devops-engineer-management.md"
    );
}

#[test]
fn context_prints_the_adverts_findings_under_lint_in_yaml_and_json() {
    let case = Case::new();
    // The Home Office SEO advert's selectors, after `generate`.
    let select = &SEO_HOME_OFFICE[1..];
    let json = case.run_with([&["context"], select, &["--as", "json"]].concat());
    json.success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout()).expect("JSON");
    let lint = case.run_with([&["lint"], select, &["--format", "json"]].concat());
    let expected: serde_json::Value = serde_json::from_str(lint.stdout().trim()).expect("JSON");
    assert_eq!(v["lint"], expected, "the same report as `jobgen lint`");
    assert_eq!(
        v["title"], "DevOps engineer, SEO, Home Office",
        "the advert's variables stay"
    );
    let yaml = case.run_with([&["context"], select].concat());
    yaml.success()
        .stdout_contains("\nlint:\n  file: home-office-devops-engineer-seo.md\n  findings:\n");
}

#[test]
fn context_still_prints_when_the_advert_template_fails_with_lint_empty() {
    let out = Case::new()
        .file("t/advert.md.tera", "# {{ no_such_variable }}\n")
        .args([
            "--templates",
            "t",
            "context",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--as",
            "json",
        ])
        .run();
    out.success()
        .stderr_contains("warning: ")
        .stderr_contains("so `lint` is empty");
    let v: serde_json::Value = serde_json::from_str(&out.stdout()).expect("JSON");
    assert!(v["lint"].is_null());
    assert_eq!(v["level"]["id"], "devops-engineer");
}

#[test]
fn a_level_with_no_responsibilities_gets_no_empty_heading_for_them() {
    let role = "id: tiny\nname: Tiny role\nfamily: Testing\nsummary: A tiny role.\nlevels:\n  - id: tiny-one\n    name: Tiny one\n    summary: The only level.\n    grades: [EO]\n    responsibilities: []\n    skills:\n      - { skill: systems-design, level: working }\n  - id: tiny-two\n    name: Tiny two\n    summary: The second level.\n    grades: [HEO]\n    responsibilities: [test things]\n    skills:\n      - { skill: systems-design, level: working }\n";
    let case = Case::new().file("d/roles/tiny.yaml", role);
    case.run_with([
        "--data", "d", "generate", "--role", "tiny", "--level", "1", "--out", "-",
    ])
    .success()
    .stdout_contains("The only level.")
    .stdout_lacks("At this role level");
    case.run_with([
        "--data", "d", "generate", "--role", "tiny", "--level", "2", "--out", "-",
    ])
    .success()
    .stdout_contains("### At this role level, you will\n\n- test things\n");
}
