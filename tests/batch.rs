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
    assert_eq!(printed.len(), 10, "{printed:?}");
    assert_eq!(
        printed[0],
        "output/home-office-apprentice-devops-engineer.md"
    );
    assert_eq!(printed[9], "output/index.md");
    for p in &printed {
        assert!(dir.path().join(p).is_file(), "{p}");
    }
    let files = snapshot(&dir.path().join("output"));
    assert_eq!(
        files.len(),
        11,
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
        "output/ho-1001.md\noutput/ho-1002.md\noutput/sd-7.md\noutput/index.md\n"
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
        "output/ho-1001.md\noutput/sd-7.md\noutput/index.md\n"
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
