//! The corpus of bad inputs: every case under tests/bad/ is a small folder with the files a user
//! might get wrong, `args` (the command line, one argument per line) and `expected.stderr`, the
//! exact message jobgen must print. Each case must fail with the exit code in `expected.code`
//! (default 1) and write nothing.
//!
//! To accept new messages after reviewing them: `JOBGEN_BLESS=1 cargo test --test bad_inputs`,
//! then read the diff of tests/bad/ like code.

mod support;

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from)
        .expect("list")
        .filter_map(Result::ok)
    {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

#[test]
fn every_bad_input_gives_its_exact_error_and_writes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let bless = std::env::var_os("JOBGEN_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/bad")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "the corpus has {} cases; it should have at least 40",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let work = tempfile::tempdir().expect("temp dir");
        let input = work.path().join("case");
        copy_dir(case, &input);
        let args_text = std::fs::read_to_string(case.join("args"))
            .unwrap_or_else(|_| panic!("{name}: no args file"));
        let args: Vec<&str> = args_text.lines().filter(|l| !l.is_empty()).collect();
        let out = support::jobgen_in(&input, &args);
        let want_code: i32 = std::fs::read_to_string(case.join("expected.code"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let stderr = support::stderr(&out);
        let expected_path = case.join("expected.stderr");
        if bless {
            std::fs::write(&expected_path, &stderr).expect("bless");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if out.status.code() != Some(want_code) {
            failures.push(format!(
                "{name}: exit code {:?}, wanted {want_code}\n{stderr}",
                out.status.code()
            ));
        }
        if stderr != expected {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{expected}\n--- actual\n{stderr}"
            ));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            failures.push(format!("{name}: panicked\n{stderr}"));
        }
        if input.join("output").exists() {
            failures.push(format!("{name}: wrote output"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
