//! The repository's output/ folder holds the example set; it must be exactly what the current
//! code writes (regenerate it with scripts/regenerate-output).

mod support;

use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn output_holds_the_current_example_set() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    for org in ["home-office", "department-for-example"] {
        let (dir, out) = support::jobgen(&[
            "batch",
            "--role",
            "devops-engineer",
            "--org",
            org,
            "--format",
            "md,html,docx",
            "--out",
            "fresh",
        ]);
        assert!(out.status.success(), "{}", support::stderr(&out));
        let fresh = files(&dir.path().join("fresh"));
        assert_eq!(
            fresh.len(),
            9 * 3 + 4,
            "27 adverts, the index page in two formats, lint.json and the record of jobgen's files"
        );
        let committed = files(&repo.join(org));
        let stale: Vec<&String> = fresh
            .iter()
            .filter(|(name, bytes)| committed.get(*name) != Some(bytes))
            .map(|(name, _)| name)
            .chain(committed.keys().filter(|n| !fresh.contains_key(*n)))
            .collect();
        assert!(
            stale.is_empty(),
            "output/{org} is stale ({stale:?}): run scripts/regenerate-output and commit the result"
        );
    }
    // The example vacancy: the advert in every format and both scoring sheets.
    let vacancy = support::repo().join("examples/devops-seo-home-office.yaml");
    let vacancy = vacancy.to_str().expect("UTF-8 path");
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh_dir = dir.path().join("fresh");
    let fresh_dir = fresh_dir.to_str().expect("UTF-8 path");
    for (template, formats) in [
        ("advert", "md,html,docx,csj,csj-json"),
        ("sift-sheet", "md,html,docx,csv"),
        ("interview-sheet", "md,html,docx,csv"),
    ] {
        let (_, out) = support::jobgen(&[
            "generate",
            "--vacancy",
            vacancy,
            "--template",
            template,
            "--format",
            formats,
            "--out",
            fresh_dir,
        ]);
        assert!(
            out.status.success(),
            "{template}: {}",
            support::stderr(&out)
        );
    }
    let fresh = files(&dir.path().join("fresh"));
    assert!(fresh.len() >= 13, "{:?}", fresh.keys());
    let committed = files(&repo.join("example-vacancy"));
    assert!(
        fresh == committed,
        "output/example-vacancy is stale: run scripts/regenerate-output and commit the result"
    );
}
