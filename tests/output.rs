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
}
