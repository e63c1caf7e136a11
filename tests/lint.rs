//! `jobgen lint` as a user runs it: findings with their real positions, JSON with the same
//! data, the --deny exit code, and each way of turning a check off.

mod support;

use support::Case;

/// `jobgen lint` of the advert most tests look at (support::SEO_HOME_OFFICE's selectors).
fn ho_seo() -> Vec<&'static str> {
    std::iter::once("lint")
        .chain(support::SEO_HOME_OFFICE[1..].iter().copied())
        .collect()
}

#[test]
fn lint_reports_the_home_office_seo_adverts_findings_at_their_lines_and_columns() {
    let out = Case::new().args(ho_seo()).run();
    out.success()
        .stdout_contains(
            "warning[acronym]: `BAU` is not spelled out at its first use\n  --> home-office-devops-engineer-seo.md:44:62\n",
        )
        // The line is shown with a caret under the word.
        .stdout_contains(" 44 | - You can expect to focus on one of 3 areas: core platforms, BAU fixes")
        .stdout_contains(
            "note[gender-coded]: `leads` is masculine-coded (stem `lead`)\n  --> home-office-devops-engineer-seo.md:7:17\n",
        )
        // After `You’ll` (a three-byte apostrophe) the column counts characters.
        .stdout_contains(
            "note[gender-coded]: `support` is feminine-coded (stem `support`)\n  --> home-office-devops-engineer-seo.md:19:46\n",
        )
        .stdout_contains("warning[long-sentence]: sentence of 32 words (at most 25)")
        .stdout_contains("why acronym: ")
        .stdout_contains("home-office-devops-engineer-seo.md: 0 errors, ")
        .stdout_contains("strongly feminine-coded (15 masculine-coded, 21 feminine-coded words)");
    let caret = out
        .stdout()
        .lines()
        .skip_while(|l| !l.starts_with(" 44 |"))
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert_eq!(caret.find('^'), Some(" 44 | ".len() + 61), "{caret}");
}

#[test]
fn json_gives_the_same_findings_as_data_with_a_summary() {
    let case = Case::new().args(ho_seo()).args(["--format", "json"]);
    let out = case.run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(out.stdout().trim()).expect("one JSON object");
    let findings = v["findings"].as_array().expect("findings");
    let bau = findings
        .iter()
        .find(|f| f["text"] == "BAU")
        .expect("BAU is found");
    assert_eq!(bau["rule"], "acronym");
    assert_eq!(bau["severity"], "warning");
    assert_eq!(bau["line"], 44);
    assert_eq!(bau["column"], 62);
    assert!(bau["help"].as_str().unwrap_or("").contains("(BAU)"));
    let summary = &v["summary"];
    assert_eq!(summary["gender"]["verdict"], "strongly feminine-coded");
    assert_eq!(summary["gender"]["masculine"], 15);
    assert_eq!(summary["gender"]["feminine"], 21);
    assert_eq!(summary["suppressed"], 0);
    assert_eq!(summary["errors"], 0);
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(summary["warnings"], warnings);
    // The human form counts the same.
    let human = Case::new().args(ho_seo()).run();
    human.stdout_contains(&format!("0 errors, {warnings} warnings, "));
}

#[test]
fn deny_warning_fails_with_exit_code_1_and_the_default_does_not() {
    Case::new().args(ho_seo()).run().success();
    Case::new()
        .args(ho_seo())
        .args(["--deny", "warning"])
        .run()
        .fails_with(1)
        .stderr_contains("error: the advert has findings at the --deny level (warning)");
}

#[test]
fn allow_turns_checks_off_and_counts_what_they_found_as_suppressed() {
    let out = Case::new()
        .args(ho_seo())
        .args([
            "--allow",
            "acronym,long-sentence,reading-age,gender-coded,missing-fact,late-role",
            "--deny",
            "warning",
            "--format",
            "json",
        ])
        .run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(out.stdout().trim()).expect("JSON");
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0));
    assert!(v["summary"]["suppressed"].as_u64().unwrap_or(0) > 40, "{v}");
}

#[test]
fn an_unknown_check_is_a_usage_error_with_did_you_mean() {
    Case::new()
        .args(ho_seo())
        .args(["--allow", "acronyms"])
        .run()
        .fails_with(2)
        .stderr_contains("unknown check `acronyms`")
        .stderr_contains("did you mean `acronym`?");
}

#[test]
fn a_vacancy_turns_a_check_off_with_a_reason() {
    let case = Case::new().file(
        "v.yaml",
        "role: devops-engineer\nlevel: devops-engineer\ngrade: SEO\norg: home-office\nlint:\n  allow: [acronym]\n  reason: BAU is the team's own word\n",
    );
    let out = case.run_with(["lint", "--vacancy", "v.yaml", "--format", "json"]);
    out.success();
    let v: serde_json::Value = serde_json::from_str(out.stdout().trim()).expect("JSON");
    let acronyms = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "acronym")
        .count();
    assert_eq!(acronyms, 0);
    // BAU, the Home Office's own word: the one acronym the advert leaves unexplained.
    assert_eq!(v["summary"]["suppressed"], 1, "{v}");
    // generate accepts the same vacancy file.
    case.run_with(["generate", "--vacancy", "v.yaml", "--out", "out"])
        .success();
    case.write(
        "bad.yaml",
        "role: devops-engineer\nlevel: 3\nlint:\n  allow: [acronyms]\n  reason: x\n",
    );
    case.run_with(["lint", "--vacancy", "bad.yaml"])
        .fails_with(1)
        .stderr_contains("unknown check `acronyms`")
        .stderr_contains("did you mean `acronym`?");
}

#[test]
fn a_department_turns_checks_off_and_sets_thresholds_in_its_org_file() {
    let case = Case::new().file(
        "d/orgs/tiny/org.yaml",
        "name: Tiny Department\nlint:\n  allow: [reading-age]\n  long_sentence_words: 5\n  acronyms_known: [BAU]\n",
    );
    let out = case.run_with([
        "--data",
        "d",
        "lint",
        "--role",
        "devops-engineer",
        "--level",
        "devops-engineer",
        "--org",
        "tiny",
    ]);
    out.success()
        .stdout_lacks("`BAU` is not spelled out")
        .stdout_lacks("warning[reading-age]")
        .stdout_contains("(at most 5)");
    case.write(
        "d/orgs/tiny/org.yaml",
        "name: Tiny Department\nlint:\n  allow: [reading-ages]\n",
    );
    case.run_with([
        "--data",
        "d",
        "lint",
        "--role",
        "devops-engineer",
        "--level",
        "1",
    ])
    .fails_with(1)
    .stderr_contains("unknown check `reading-ages`")
    .stderr_contains("--> d/orgs/tiny/org.yaml:3:");
}

#[test]
fn lint_checks_markdown_written_elsewhere() {
    Case::new()
        .file(
            "a.md",
            "# Tester\n\n## About\n\nYou’ll lead **BAU** work. See [the guide](https://example.org/leadership).\n",
        )
        .file(
            "b.md",
            "# Fine\n\nYou will test code.\n\n| Salary | £40,000 |\n| --- | --- |\n| Location | Leeds |\n| Closing date | 2999-01-01 |\n| Number of jobs | 1 |\n| Working pattern | Full-time |\n",
        )
        .args(["lint", "a.md", "b.md"])
        .run()
        .success()
        .stdout_contains("note[gender-coded]: `lead` is masculine-coded (stem `lead`)\n  --> a.md:5:8\n")
        .stdout_contains("warning[acronym]: `BAU` is not spelled out at its first use\n  --> a.md:5:15\n")
        // `leadership` in the link's URL is not text.
        .stdout_contains("(1 masculine-coded and 0 feminine-coded words)")
        .stdout_contains("b.md: 0 errors, 0 warnings, 0 notes, 0 suppressed");
    Case::new()
        .args(["lint", "missing.md"])
        .run()
        .fails_with(1)
        .stderr_contains("cannot read missing.md");
}

/// The day the corpus is checked on, so that a closing date's having passed does not change
/// with the calendar.
const CORPUS_TODAY: &str = "2026-11-23";

/// One finding as the corpus's `expected` files write it:
/// `severity[rule] line:column "text" message` (`-` for a finding with no place).
fn corpus_line(f: &serde_json::Value) -> String {
    let at = match (f["line"].as_u64(), f["column"].as_u64()) {
        (Some(l), Some(c)) => format!("{l}:{c}"),
        _ => "-".into(),
    };
    format!(
        "{}[{}] {at} {:?} {}",
        f["severity"].as_str().unwrap_or(""),
        f["rule"].as_str().unwrap_or(""),
        f["text"].as_str().unwrap_or(""),
        f["message"].as_str().unwrap_or("")
    )
}

/// The corpus: tests/fixtures/lint/<case>/advert.md, a small advert showing one thing (each
/// check firing, each way of turning one off, Unicode and Markdown that must not shift a
/// column, clean adverts with no findings), checked as `jobgen lint advert.md --format json`
/// (with `--data data` when the case has a data folder, and the arguments in its `args`), on
/// the day CORPUS_TODAY. `expected` lists every finding and the suppressed count. To accept new
/// findings after reading them: `JOBGEN_BLESS=1 cargo test --test lint corpus`.
#[test]
fn corpus_adverts_give_exactly_their_expected_findings() {
    let root = support::repo().join("tests/fixtures/lint");
    let bless = std::env::var_os("JOBGEN_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/lint")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        let mut args: Vec<String> = Vec::new();
        if case.join("data").is_dir() {
            args.extend(["--data".into(), "data".into()]);
        }
        args.extend(["lint", "advert.md", "--format", "json"].map(String::from));
        if let Ok(extra) = std::fs::read_to_string(case.join("args")) {
            args.extend(extra.lines().filter(|l| !l.is_empty()).map(String::from));
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"))
            .args(&args)
            .current_dir(case)
            .env("JOBGEN_TODAY", CORPUS_TODAY)
            .output()
            .expect("jobgen runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let Ok(v) = serde_json::from_str::<serde_json::Value>(stdout.trim()) else {
            failures.push(format!(
                "{name}: not JSON (exit {:?}):\n{stdout}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        };
        let mut got: Vec<String> = v["findings"]
            .as_array()
            .map(|a| a.iter().map(corpus_line).collect())
            .unwrap_or_default();
        got.push(format!("suppressed: {}", v["summary"]["suppressed"]));
        let got = got.join("\n") + "\n";
        let expected_path = case.join("expected");
        if bless {
            std::fs::write(&expected_path, &got).expect("write expected");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!("{name}:\n--- expected\n{want}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every check has a case of the corpus where it fires, and the clean adverts have none.
#[test]
fn the_corpus_shows_every_check_firing_and_clean_adverts_with_no_findings() {
    let root = support::repo().join("tests/fixtures/lint");
    let read = |case: &str| {
        std::fs::read_to_string(root.join(case).join("expected"))
            .unwrap_or_else(|_| panic!("{case}/expected"))
    };
    for rule in jobgen::lint::RULES {
        let fired = std::fs::read_dir(&root)
            .expect("corpus")
            .filter_map(Result::ok)
            .any(|e| {
                std::fs::read_to_string(e.path().join("expected"))
                    .is_ok_and(|t| t.contains(&format!("[{}] ", rule.id)))
            });
        assert!(fired, "no case of the corpus shows `{}` firing", rule.id);
    }
    for clean in ["clean-advert", "clean-advert-with-markdown"] {
        assert_eq!(read(clean), "suppressed: 0\n", "{clean}");
    }
    // Facts written on lines and under headings are found: nothing is missing.
    assert!(!read("facts-on-lines-and-under-headings").contains("[missing-fact]"));
}

/// The rules of `data/lint/wording.yaml`, `facts.yaml` and the structure checks are set per
/// department (thresholds, phrases allowed, rules off) and turned off per vacancy.
#[test]
fn a_department_sets_the_newer_checks_and_a_vacancy_turns_them_off() {
    let case = Case::new()
        .file(
            "d/orgs/tiny/org.yaml",
            "name: Tiny Department\nlint:\n  allow: [missing-fact]\n  late_role_words: 1\n  long_list_items: 2\n",
        )
        .file(
            "v.yaml",
            "role: devops-engineer\nlevel: devops-engineer\norg: tiny\nlint:\n  allow: [late-role, long-list]\n  reason: a short advert for an internal move\n",
        );
    let json = |args: &[&str]| -> serde_json::Value {
        let out = case.run_with(args.iter().copied());
        out.success();
        serde_json::from_str(out.stdout().trim()).expect("JSON")
    };
    let rules = |v: &serde_json::Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["rule"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let by_org = json(&[
        "--data",
        "d",
        "lint",
        "--role",
        "devops-engineer",
        "--level",
        "devops-engineer",
        "--org",
        "tiny",
        "--format",
        "json",
    ]);
    let fired = rules(&by_org);
    assert!(!fired.iter().any(|r| r == "missing-fact"), "{fired:?}");
    assert!(fired.iter().any(|r| r == "late-role"), "{fired:?}");
    assert!(fired.iter().any(|r| r == "long-list"), "{fired:?}");
    // The department's missing-fact findings are counted as suppressed.
    assert!(
        by_org["summary"]["suppressed"].as_u64().unwrap_or(0) >= 5,
        "{by_org}"
    );
    let text = by_org.to_string();
    assert!(
        text.contains("(at most 1)") && text.contains("(at most 2)"),
        "{text}"
    );

    let by_vacancy = json(&[
        "--data",
        "d",
        "lint",
        "--vacancy",
        "v.yaml",
        "--format",
        "json",
    ]);
    let fired = rules(&by_vacancy);
    assert!(
        !fired
            .iter()
            .any(|r| ["late-role", "long-list", "missing-fact"].contains(&r.as_str())),
        "{fired:?}"
    );
}

/// The README's "Advert checks" table has a row for every check, with its severity.
#[test]
fn the_readme_documents_every_check() {
    let readme = std::fs::read_to_string(support::repo().join("README.md")).expect("README");
    let section = readme
        .split("\n## Advert checks\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("an Advert checks section");
    for rule in jobgen::lint::RULES {
        let row = section
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", rule.id)))
            .unwrap_or_else(|| panic!("no README row for `{}`", rule.id));
        assert!(row.contains(rule.severity.label()), "{row}");
    }
}

#[test]
fn list_checks_prints_every_check_with_its_severity_and_the_help_points_at_it() {
    let expected: String = jobgen::lint::RULES
        .iter()
        .map(|r| format!("{}\t{}\t{}\n", r.id, r.severity.label(), r.why))
        .collect();
    assert!(expected.lines().count() >= 12);
    Case::new()
        .args(["list", "checks"])
        .run()
        .success()
        .stdout_is(&expected);
    Case::new()
        .args(["generate", "--help"])
        .run()
        .success()
        .stdout_contains("`jobgen list checks` lists their ids");
}
