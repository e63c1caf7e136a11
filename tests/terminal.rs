//! What a user sees on a terminal, through a pseudo-terminal (`script`, from util-linux): the
//! batch progress bar on standard error whatever standard output is, colour in messages; and,
//! piped or with NO_COLOR, not one control character.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::{stderr, stdout};

const EXE: &str = env!("CARGO_BIN_EXE_jobgen");

/// Runs `shell` (a command line for sh, in which `jobgen` is the binary under test) in `dir`
/// with its standard streams on a pseudo-terminal; returns everything the terminal received.
/// The command must exit with `code`.
fn on_a_terminal(dir: &Path, shell: &str, code: i32, env: &[(&str, &str)]) -> String {
    let shell = shell.replace("jobgen ", &format!("'{EXE}' "));
    // A hung run fails the test (timeout's code 124) rather than hanging it.
    let mut cmd = Command::new("timeout");
    cmd.args(["300", "script", "-qfec", &shell, "/dev/null"])
        .current_dir(dir)
        .env("SHELL", "/bin/sh")
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .expect("`script` (util-linux) runs: the terminal tests need it");
    assert_eq!(
        out.status.code(),
        Some(code),
        "`{shell}` under script:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Runs jobgen in `dir` with standard output and standard error piped.
fn piped(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(EXE);
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("jobgen runs")
}

/// A folder with `v.yaml`, 200 synthetic vacancies.
fn two_hundred_vacancies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = piped(dir.path(), &["synth-vacancies", "200"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.path().join("v.yaml"), &out.stdout).expect("write v.yaml");
    dir
}

const UNKNOWN_ROLE: [&str; 5] = ["generate", "--role", "nope", "--level", "1"];

#[test]
fn a_batch_on_a_terminal_shows_its_progress_bar_on_stderr_while_stdout_goes_to_a_file() {
    let dir = two_hundred_vacancies();
    let seen = on_a_terminal(
        dir.path(),
        "jobgen batch --vacancies v.yaml 2>&1 >paths.txt",
        0,
        &[],
    );
    assert!(seen.contains("/200 adverts"), "no progress bar:\n{seen}");
    let paths = std::fs::read_to_string(dir.path().join("paths.txt")).expect("paths.txt");
    assert_eq!(
        paths.lines().count(),
        202,
        "200 adverts, the index and lint.json"
    );
    assert!(!paths.contains('\x1b'), "control characters on stdout");
}

#[test]
fn a_piped_batch_writes_no_control_characters_on_stderr() {
    let dir = two_hundred_vacancies();
    let out = piped(dir.path(), &["batch", "--vacancies", "v.yaml"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\x1b'), "{:?}", stderr(&out));
    assert!(!stdout(&out).contains('\x1b'));
    assert_eq!(stdout(&out).lines().count(), 202);
}

#[test]
fn quiet_draws_no_progress_bar_even_on_a_terminal() {
    let dir = two_hundred_vacancies();
    let seen = on_a_terminal(
        dir.path(),
        "jobgen --quiet batch --vacancies v.yaml 2>&1 >paths.txt",
        0,
        &[],
    );
    assert!(
        !seen.contains("adverts"),
        "a progress bar with --quiet:\n{seen}"
    );
    assert!(!seen.contains('\x1b'), "{seen:?}");
}

#[test]
fn an_error_on_a_terminal_has_its_label_and_gutters_coloured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seen = on_a_terminal(
        dir.path(),
        &format!("jobgen {}", UNKNOWN_ROLE.join(" ")),
        1,
        &[],
    );
    // Bold bright red `error:`, bold bright blue `=` gutters, then back to plain.
    assert!(
        seen.contains("\x1b[1m\x1b[91merror:\x1b[0m unknown role `nope`"),
        "{seen:?}"
    );
    assert!(
        seen.contains("\x1b[1m\x1b[94m=\x1b[0m key: --role"),
        "{seen:?}"
    );
}

#[test]
fn a_warning_on_a_terminal_has_its_label_coloured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seen = on_a_terminal(
        dir.path(),
        "jobgen generate --role devops-engineer --level 1 --grade G7 >/dev/null",
        0,
        &[],
    );
    assert!(
        seen.contains("\x1b[1m\x1b[93mwarning:\x1b[0m G7"),
        "{seen:?}"
    );
}

#[test]
fn no_color_turns_colour_off_on_a_terminal_but_an_empty_no_color_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = format!("jobgen {}", UNKNOWN_ROLE.join(" "));
    let seen = on_a_terminal(dir.path(), &shell, 1, &[("NO_COLOR", "1")]);
    assert!(seen.contains("error: unknown role `nope`"), "{seen:?}");
    assert!(!seen.contains('\x1b'), "colour with NO_COLOR=1: {seen:?}");
    let seen = on_a_terminal(dir.path(), &shell, 1, &[("NO_COLOR", "")]);
    assert!(
        seen.contains('\x1b'),
        "no colour with an empty NO_COLOR: {seen:?}"
    );
}

#[test]
fn a_piped_error_is_plain_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = piped(dir.path(), &UNKNOWN_ROLE, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: unknown role `nope`\n   = key: --role"));
    assert!(!stderr(&out).contains('\x1b'), "{:?}", stderr(&out));
}

#[test]
fn a_long_vacancies_list_shows_a_spinner_while_it_is_read_and_checked() {
    // 2,000 vacancies and a wrong one: the batch reads and checks them all (about a second in a
    // debug build, well over the spinner's quarter of a second), reports the wrong one and
    // writes nothing, so the whole run is planning.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = piped(dir.path(), &["synth-vacancies", "2000"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut list = out.stdout;
    list.extend_from_slice(b"- {role: devops-engineer, level: 3, reference: BAD-1, salery: x}\n");
    std::fs::write(dir.path().join("v.yaml"), list).expect("write v.yaml");
    let seen = on_a_terminal(dir.path(), "jobgen batch --vacancies v.yaml", 1, &[]);
    assert!(
        seen.contains("reading the vacancies") || seen.contains("checking 2001 adverts"),
        "no spinner:\n{seen}"
    );
    assert!(seen.contains("unknown field `salery`"), "{seen}");
    let piped = piped(dir.path(), &["batch", "--vacancies", "v.yaml"], &[]);
    assert!(!stderr(&piped).contains('\x1b'), "{:?}", stderr(&piped));
}
