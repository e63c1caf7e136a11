//! Standard output and standard error as a user's shell gives them: closed, full, or read as
//! JSON. jobgen never panics on them, and the exit code says what happened.

mod support;

use std::process::{Command, Stdio};

use support::{stderr, stdout};

fn jobgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jobgen"))
}

/// Runs jobgen with `args` in a fresh folder, its standard error going to `stderr`.
fn run(args: &[&str], stderr: impl Into<Stdio>) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    jobgen()
        .args(args)
        .current_dir(dir.path())
        .stderr(stderr)
        .output()
        .expect("runs")
}

/// The DevOps engineer level at grade 7, which is not one of its indicative grades: a warning.
const OUTSIDE_THE_INDICATIVE_GRADES: [&str; 7] = [
    "generate",
    "--role",
    "devops-engineer",
    "--level",
    "devops-engineer",
    "--grade",
    "G7",
];

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

#[test]
fn an_error_written_to_a_full_stderr_keeps_its_exit_code_and_does_not_panic() {
    let out = run(&["generate", "--role", "nope", "--level", "1"], dev_full());
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);
}

#[test]
fn an_error_with_stderr_closed_keeps_its_exit_code_and_does_not_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = env!("CARGO_BIN_EXE_jobgen");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{exe}' generate --role nope --level 1 2>&-; echo \"exit $?\""
        ))
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(stdout(&out).trim(), "exit 1", "{}", stderr(&out));
}

#[test]
fn a_warning_that_cannot_be_written_fails_the_run_with_code_3() {
    let out = run(&OUTSIDE_THE_INDICATIVE_GRADES, dev_full());
    assert_eq!(out.status.code(), Some(3), "{:?}", out.status);
}

#[test]
fn a_full_stdout_is_an_output_failure_with_code_3() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jobgen()
        .args(["list", "roles"])
        .current_dir(dir.path())
        .stdout(dev_full())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
}

#[test]
fn json_messages_give_each_diagnostic_as_one_object_per_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("v.yaml"),
        "role: devops-engineer\nlevel: devops-enginer\norg: home-ofice\n",
    )
    .expect("write");
    let out = jobgen()
        .args([
            "--message-format",
            "json",
            "generate",
            "--vacancy",
            "v.yaml",
        ])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stderr(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2, "{}", stderr(&out));
    let org = &lines[0];
    assert_eq!(org["severity"], "error");
    assert_eq!(org["message"], "unknown department `home-ofice`");
    assert_eq!(org["file"], "v.yaml");
    assert_eq!(org["line"], 3);
    assert_eq!(org["key"], "org");
    assert_eq!(org["help"], "did you mean `home-office`?");
    assert_eq!(lines[1]["line"], 2);
}

#[test]
fn json_messages_carry_warnings_with_their_severity() {
    let mut args = vec!["--message-format", "json"];
    args.extend(OUTSIDE_THE_INDICATIVE_GRADES);
    let out = run(&args, Stdio::piped());
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stderr(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 2, "the warning, then the lint line");
    let warning = &lines[0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["key"], "--grade");
    assert_eq!(lines[1]["severity"], "note");
    assert!(
        lines[1]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("lint: ")),
        "{}",
        lines[1]
    );
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let mut args = vec!["--quiet"];
    args.extend(OUTSIDE_THE_INDICATIVE_GRADES);
    let out = run(&args, Stdio::piped());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a warning with --quiet");
    assert!(stdout(&out).ends_with(".md\n"), "{}", stdout(&out));
    let out = run(
        &["-q", "generate", "--role", "nope", "--level", "1"],
        Stdio::piped(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: unknown role `nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn quiet_and_verbose_together_are_a_usage_error() {
    let out = run(&["--quiet", "--verbose", "list", "grades"], Stdio::piped());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn verbose_notes_what_was_loaded_and_each_file_committed() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("extra")).expect("mkdir");
    let out = jobgen()
        .args(["--verbose", "--data", "extra"])
        .args(support::SEO_HOME_OFFICE)
        .args(["--format", "md,html"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for note in [
        "note: data: extra laid over the built-in data\n",
        "note: loaded 1 role, 2 departments, ",
        "note: output folder output: 2 files committed as one transaction\n",
        "note: committed output/home-office-devops-engineer-seo.md\n",
        "note: committed output/home-office-devops-engineer-seo.html\n",
    ] {
        assert!(err.contains(note), "lacks {note:?}:\n{err}");
    }
    // Standard output is the same as without --verbose: the paths only.
    assert_eq!(
        stdout(&out),
        "output/home-office-devops-engineer-seo.md\noutput/home-office-devops-engineer-seo.html\n"
    );
}

#[test]
fn verbose_notes_are_json_notes_with_message_format_json() {
    let out = run(
        &["--verbose", "--message-format", "json", "list", "grades"],
        Stdio::piped(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let notes: Vec<serde_json::Value> = stderr(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(notes.iter().all(|n| n["severity"] == "note"), "{notes:?}");
    assert!(notes.iter().any(|n| {
        n["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("loaded "))
    }));
}

#[test]
fn quiet_still_says_what_was_asked_for_in_json_too() {
    // `import --check` reports its changes: the answer, not a note, so --quiet keeps it.
    let dir = tempfile::tempdir().expect("temp dir");
    let page = support::seeds_dir().join("001_fb090d67f314d95a.txt");
    for format in ["human", "json"] {
        let out = jobgen()
            .args(["--quiet", "--message-format", format, "import", "page"])
            .arg(&page)
            .args(["--out", "data", "--check"])
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("no changes"),
            "{format}: {}",
            stderr(&out)
        );
    }
}
