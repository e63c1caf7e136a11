//! `jobgen batch`: every level of a role, or every vacancy of a list, plus the index.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::{jobgen, jobgen_in, stderr, stdout};

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).expect("list").filter_map(Result::ok) {
        let p = e.path();
        if p.is_file() {
            out.insert(
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            );
        } else {
            out.insert(format!("{}/", e.file_name().to_string_lossy()), Vec::new());
        }
    }
    out
}

#[test]
fn batch_role_writes_one_advert_per_level_and_an_index() {
    let (dir, out) = jobgen(&["batch", "--role", "devops-engineer", "--org", "home-office"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(printed.len(), 11, "{printed:?}");
    assert_eq!(
        printed[0],
        "output/home-office-apprentice-devops-engineer.md"
    );
    assert_eq!(printed[9], "output/index.md");
    assert_eq!(printed[10], "output/lint.json");
    for p in &printed {
        assert!(dir.path().join(p).is_file(), "{p}");
    }
    let files = snapshot(&dir.path().join("output"));
    assert_eq!(
        files.len(),
        12,
        "no staging folder left behind: {:?}",
        files.keys()
    );
    assert!(
        files.contains_key(".jobgen-written"),
        "the record of jobgen's files"
    );
}

#[test]
fn the_index_links_every_advert_and_shows_how_the_role_grows() {
    let (dir, out) = jobgen(&["batch", "--role", "devops-engineer", "--org", "home-office"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("output/index.md")).expect("index");
    assert!(index.contains("[Markdown](home-office-senior-devops-engineer-management.md)"));
    assert!(index.contains(
        "| Skill | Apprentice DevOps engineer | Junior DevOps engineer | DevOps engineer |"
    ));
    assert!(index.contains(
        "| Systems design | – | Awareness | Working | Practitioner | Practitioner | Practitioner | Practitioner | Practitioner | Practitioner |"
    ));
    assert!(index.contains(
        "| Availability and capacity management | Awareness | Awareness | Working | Working | Practitioner | Working | Practitioner | Practitioner | Expert |"
    ));
}

const THREE: &str = "\
- org: home-office
  role: devops-engineer
  level: devops-engineer
  grade: SEO
  reference: HO/1001
  salary: £45,000
- org: home-office
  role: devops-engineer
  level: senior-devops-engineer
  grade: G7
  reference: HO/1002
  location: Croydon
- role: software-developer
  level: developer
  grade: HEO
  reference: SD 7
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).expect("write fixture");
    name.to_string()
}

#[test]
fn a_vacancies_file_of_three_gives_three_adverts_named_by_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "output/ho-1001.md\noutput/ho-1002.md\noutput/sd-7.md\noutput/index.md\noutput/lint.json\n"
    );
    let first = std::fs::read_to_string(dir.path().join("output/ho-1001.md")).expect("first");
    assert!(
        first.contains("| Reference number | HO/1001 |") && first.contains("| Salary | £45,000 |")
    );
    let second = std::fs::read_to_string(dir.path().join("output/ho-1002.md")).expect("second");
    assert!(
        second.contains("| Reference number | HO/1002 |")
            && second.contains("| Location | Croydon |")
    );
    let index = std::fs::read_to_string(dir.path().join("output/index.md")).expect("index");
    assert!(index.contains("(reference HO/1001)"));
    assert!(index.contains("How the Software developer role grows"));
}

#[test]
fn a_failing_vacancy_leaves_the_output_folder_as_it_was_and_every_problem_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    assert!(
        jobgen_in(dir.path(), &["batch", "--vacancies", &v])
            .status
            .success()
    );
    let before = snapshot(&dir.path().join("output"));
    let bad = THREE
        .replace("grade: G7", "grade: G8")
        .replace("salary: £45,000", "salery: £45,000");
    let v = write(dir.path(), "vacancies.yaml", &bad);
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v, "--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown field `salery`"), "{err}");
    assert!(err.contains("key: [0].salery"), "{err}");
    assert!(err.contains("vacancies.yaml:6:3"), "{err}");
    assert!(
        err.contains("unknown grade `G8`") && err.contains("key: [1].grade"),
        "{err}"
    );
    assert!(err.contains("2 problems found"), "{err}");
    assert!(stdout(&out).is_empty());
    assert_eq!(
        snapshot(&dir.path().join("output")),
        before,
        "output folder unchanged"
    );
}

#[test]
fn every_unknown_id_in_a_batch_is_reported_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = THREE
        .replace("grade: G7", "grade: G8")
        .replace("level: developer", "level: develper");
    let v = write(dir.path(), "vacancies.yaml", &bad);
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("unknown grade `G8`") && err.contains("key: [1].grade"),
        "{err}"
    );
    assert!(err.contains("vacancies.yaml:10:3"), "{err}");
    assert!(
        err.contains("no level `develper`") && err.contains("key: [2].level"),
        "{err}"
    );
    assert!(err.contains("2 problems found"), "{err}");
    assert!(!dir.path().join("output").exists(), "nothing written");
}

#[test]
fn keep_going_writes_the_good_adverts_and_still_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = THREE.replace("grade: G7", "grade: G8");
    let v = write(dir.path(), "vacancies.yaml", &bad);
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v, "--keep-going"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "output/ho-1001.md\noutput/sd-7.md\noutput/index.md\noutput/lint.json\n"
    );
    let err = stderr(&out);
    assert!(err.contains("2 of 3 adverts written"), "{err}");
    assert!(err.contains("unknown grade `G8`"), "{err}");
}

#[test]
fn two_vacancies_with_the_same_reference_are_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(
        dir.path(),
        "vacancies.yaml",
        &THREE.replace("HO/1002", "HO/1001"),
    );
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the same file as advert 1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_needs_a_role_or_a_vacancies_file() {
    let (_d, out) = jobgen(&["batch"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_markdown_batch_ignores_an_index_html_it_does_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("output")).expect("mkdir");
    // A page of the user's own, not jobgen's: a Markdown batch writes no index.html, so it is
    // no reason to refuse.
    std::fs::write(dir.path().join("output/index.html"), "mine").expect("write");
    let out = jobgen_in(dir.path(), &["batch", "--role", "devops-engineer"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("output/index.html")).expect("read"),
        "mine"
    );
    assert!(dir.path().join("output/index.md").is_file());
}

/// The reports of `lint.json` in an output folder.
fn lint_json(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("lint.json")).expect("lint.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("lint.json is JSON");
    v.as_array().expect("an array").clone()
}

#[test]
fn lint_json_holds_each_adverts_report_as_lint_vacancies_gives_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(dir.path(), &["batch", "--vacancies", &v]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = lint_json(&dir.path().join("output"));
    let files: Vec<&str> = written.iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(files, ["ho-1001.md", "ho-1002.md", "sd-7.md"]);
    for r in &written {
        assert!(
            r["findings"].is_array() && r["summary"]["warnings"].is_u64(),
            "{r}"
        );
    }
    let lint = jobgen_in(dir.path(), &["lint", "--vacancies", &v, "--format", "json"]);
    assert!(lint.status.success(), "{}", stderr(&lint));
    let printed: Vec<serde_json::Value> = stdout(&lint)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(written, printed);
}

#[test]
fn the_index_lists_each_adverts_warnings_with_their_lines_and_the_batch_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(
        dir.path(),
        &["batch", "--vacancies", &v, "--format", "md,html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let output = dir.path().join("output");
    let index = std::fs::read_to_string(output.join("index.md")).expect("index");
    let reports = lint_json(&output);
    let sum = |key: &str| -> u64 {
        reports
            .iter()
            .map(|r| r["summary"][key].as_u64().unwrap_or(0))
            .sum()
    };
    assert!(
        index.contains(&format!(
            "found 0 errors, {} warnings and {} notes in 3 adverts; 3 adverts have warnings or errors.",
            sum("warnings"),
            sum("notes")
        )),
        "{index}"
    );
    let section = index
        .split("### DevOps engineer, Senior Executive Officer (SEO) (reference HO/1001)\n")
        .nth(1)
        .expect("a section for the first advert");
    let section = section.split("\n### ").next().unwrap_or_default();
    assert!(section.contains("| Check | Line | Finding |"), "{section}");
    let first = &reports[0];
    let mut rows = 0;
    for f in first["findings"].as_array().expect("findings") {
        let row = format!(
            "| {} | {} | ",
            f["rule"].as_str().unwrap_or_default(),
            f["line"]
                .as_u64()
                .map_or("–".to_string(), |l| l.to_string())
        );
        if f["severity"] == "note" {
            continue;
        }
        assert!(section.contains(&row), "{row} in\n{section}");
        rows += 1;
    }
    assert_eq!(
        rows as u64,
        first["summary"]["warnings"].as_u64().unwrap_or(0)
    );
    assert!(
        section.contains("| acronym | 44 | \\`BAU\\` is not spelled out at its first use |"),
        "{section}"
    );
    assert!(section.contains(&format!(
            "notes. Wording: {}",
            first["summary"]["gender"]["verdict"]
                .as_str()
                .unwrap_or_default()
        )));
    let html = std::fs::read_to_string(output.join("index.html")).expect("index.html");
    assert!(
        html.contains(">acronym</th>"),
        "the tables are in the web page too"
    );
}

/// An advert template with nothing for the checks to find: short sentences, and every fact a
/// candidate needs.
const CLEAN_ADVERT: &str = "# Tester\n\nYou will test code.\n\n| Fact | Value |\n| --- | --- |\n\
| Salary | £40,000 |\n| Location | Leeds |\n| Closing date | 28 January 2999 |\n\
| Number of jobs | 1 |\n| Working pattern | Full-time |\n";

#[test]
fn an_advert_with_no_warnings_gets_one_line_in_the_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("t")).expect("mkdir");
    write(dir.path(), "t/advert.md.tera", CLEAN_ADVERT);
    let out = jobgen_in(
        dir.path(),
        &["--templates", "t", "batch", "--role", "devops-engineer"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("output/index.md")).expect("index");
    assert!(index.contains("found 0 errors, 0 warnings and 0 notes in 9 adverts; 0 adverts have warnings or errors."), "{index}");
    assert!(!index.contains("| Check |"), "{index}");
    assert_eq!(
        index
            .matches("\nNo warnings or errors; 0 notes. Wording: empty; reading age ")
            .count(),
        9,
        "{index}"
    );
}

#[test]
fn batch_prints_one_lint_line_pointing_at_the_index_and_lint_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(
        dir.path(),
        &["batch", "--vacancies", &v, "--out", "adverts"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    let reports = lint_json(&dir.path().join("adverts"));
    let warnings: u64 = reports
        .iter()
        .map(|r| r["summary"]["warnings"].as_u64().unwrap_or(0))
        .sum();
    assert!(
        err.starts_with(&format!("lint: 0 errors, {warnings} warnings, ")),
        "{err}"
    );
    assert!(err.ends_with(" in 3 adverts, 3 with warnings or errors; each advert's are in adverts/index.md and adverts/lint.json, or run `jobgen lint --vacancies vacancies.yaml`\n"), "{err}");
    let quiet = jobgen_in(
        dir.path(),
        &["-q", "batch", "--vacancies", &v, "--out", "adverts"],
    );
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "");
    let json = jobgen_in(
        dir.path(),
        &[
            "--message-format",
            "json",
            "batch",
            "--vacancies",
            &v,
            "--out",
            "adverts",
        ],
    );
    let note: serde_json::Value =
        serde_json::from_str(stderr(&json).trim()).expect("one JSON line");
    assert_eq!(note["severity"], "note");
    assert!(
        note["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("lint: 0 errors, ")
    );
}

#[test]
fn batch_deny_warning_fails_before_writing_even_with_force_over_an_existing_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(
        dir.path(),
        &["batch", "--vacancies", &v, "--deny", "warning"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("output").exists(), "not even the folder");
    let err = stderr(&out);
    assert!(err.contains("error: 3 of 3 adverts have findings at the --deny level (warning): `ho-1001.md`, `ho-1002.md`, `sd-7.md`; nothing was written"), "{err}");
    assert!(
        err.contains("help: see them with `jobgen lint --vacancies vacancies.yaml`"),
        "{err}"
    );
    assert!(
        err.starts_with("lint: 0 errors, "),
        "the summary line first: {err}"
    );

    assert!(
        jobgen_in(dir.path(), &["batch", "--vacancies", &v])
            .status
            .success()
    );
    std::fs::write(dir.path().join("output/ho-1001.md"), "edited by hand").expect("write");
    let before = snapshot(&dir.path().join("output"));
    let out = jobgen_in(
        dir.path(),
        &[
            "batch",
            "--vacancies",
            &v,
            "--deny",
            "warning",
            "--force",
            "--format",
            "md,html,docx",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        snapshot(&dir.path().join("output")),
        before,
        "output folder unchanged"
    );
}

#[test]
fn allow_turns_a_check_off_in_every_advert_and_counts_it_suppressed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    let out = jobgen_in(
        dir.path(),
        &[
            "batch",
            "--vacancies",
            &v,
            "--allow",
            "acronym,long-sentence",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "or run `jobgen lint --vacancies vacancies.yaml --allow acronym,long-sentence`"
        ),
        "{}",
        stderr(&out)
    );
    for r in lint_json(&dir.path().join("output")) {
        for f in r["findings"].as_array().expect("findings") {
            assert!(
                f["rule"] != "acronym" && f["rule"] != "long-sentence",
                "{f}"
            );
        }
        assert!(r["summary"]["suppressed"].as_u64().unwrap_or(0) > 0, "{r}");
    }
}

#[test]
fn the_index_and_lint_json_are_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let v = write(dir.path(), "vacancies.yaml", THREE);
    for out in ["a", "b"] {
        let run = jobgen_in(
            dir.path(),
            &[
                "batch",
                "--vacancies",
                &v,
                "--format",
                "md,html",
                "--out",
                out,
            ],
        );
        assert!(run.status.success(), "{}", stderr(&run));
    }
    for name in ["index.md", "index.html", "lint.json"] {
        let a = std::fs::read(dir.path().join("a").join(name)).expect("a");
        let b = std::fs::read(dir.path().join("b").join(name)).expect("b");
        assert!(a == b, "{name} differs between two runs");
    }
}

#[test]
fn a_batch_that_passes_deny_writes_the_same_index_and_lint_json_as_without_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("t")).expect("mkdir");
    write(dir.path(), "t/advert.md.tera", CLEAN_ADVERT);
    for (out, deny) in [("a", None), ("b", Some("warning"))] {
        let mut args = vec![
            "--templates",
            "t",
            "batch",
            "--role",
            "devops-engineer",
            "--out",
            out,
        ];
        args.extend(deny.map(|d| ["--deny", d]).into_iter().flatten());
        let run = jobgen_in(dir.path(), &args);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    for name in ["index.md", "lint.json"] {
        let a = std::fs::read(dir.path().join("a").join(name)).expect("a");
        let b = std::fs::read(dir.path().join("b").join(name)).expect("b");
        assert!(a == b, "{name} differs with --deny");
    }
}

#[test]
fn the_index_lists_warnings_and_lint_json_every_finding_notes_included() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("t")).expect("mkdir");
    write(
        dir.path(),
        "t/index.md.tera",
        "{% for a in adverts %}{{ a.lint.summary.notes }} notes, {{ a.lint.findings | length }} shown\n{% endfor %}",
    );
    let out = jobgen_in(
        dir.path(),
        &[
            "--templates",
            "t",
            "batch",
            "--role",
            "devops-engineer",
            "--org",
            "home-office",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("output/index.md")).expect("index");
    let json = std::fs::read_to_string(dir.path().join("output/lint.json")).expect("lint.json");
    let reports: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let first = &reports[0];
    let notes = first["summary"]["notes"].as_u64().expect("notes");
    let warnings = first["summary"]["warnings"].as_u64().expect("warnings");
    assert!(notes > 0 && warnings > 0, "{first}");
    let all = first["findings"].as_array().expect("findings").len() as u64;
    assert_eq!(all, notes + warnings, "lint.json keeps every finding");
    assert!(
        index.starts_with(&format!("{notes} notes, {warnings} shown\n")),
        "the index's context keeps the warnings and counts the notes: {index}"
    );
}
