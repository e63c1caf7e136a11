//! The help a user reads never lies: every example at the end of `--help` runs, the README shows
//! the same examples, the completion scripts load and the manual pages render.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{repo, stderr, stdout};

const EXE: &str = env!("CARGO_BIN_EXE_jobgen");

fn jobgen(dir: &Path, args: &[&str]) -> Output {
    Command::new(EXE)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("jobgen runs")
}

/// The help of `command` (`[]` for jobgen itself).
fn help(command: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args = command.to_vec();
    args.push("--help");
    let out = jobgen(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// The commands `jobgen --help` lists, but `help`: the names at the start of the lines of its
/// Commands section (further-indented lines continue a description).
fn commands() -> Vec<String> {
    help(&[])
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The lines of the examples at the end of a help text, as printed, without their indent: the
/// indented lines after `Examples:`.
fn example_lines(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l[2..].trim_end().to_string())
        .collect()
}

/// The example commands: `#` comments left out, a line ending in `\` joined to the next (bash
/// reads the two as one command).
fn examples(help: &str) -> Vec<String> {
    let mut commands: Vec<String> = Vec::new();
    let mut continued = false;
    for line in example_lines(help) {
        if continued {
            let last = commands.last_mut().expect("a command to continue");
            last.push('\n');
            last.push_str(&line);
        } else if !line.starts_with('#') {
            commands.push(line.clone());
        }
        continued = line.ends_with('\\');
    }
    commands
}

/// A fresh folder holding the files the examples name, as a user would have them: a vacancy
/// file, a vacancies list, the framework's CSV download and the DevOps role page.
fn folder_for_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let vacancy = "org: home-office\nrole: devops-engineer\nlevel: devops-engineer\ngrade: SEO\n\
                   reference: HO/2026/123\nsalary: £45,000 to £50,000\nlocation: Sheffield\n";
    std::fs::write(dir.path().join("vacancy.yaml"), vacancy).expect("write");
    let vacancies = "- {org: home-office, role: devops-engineer, level: 3, reference: HO-1}\n\
                     - {role: devops-engineer, level: 4, grade: G7, reference: HO-2}\n";
    std::fs::write(dir.path().join("vacancies.yaml"), vacancies).expect("write");
    for f in ["roles.csv", "skills.csv"] {
        std::fs::copy(support::framework_dir().join(f), dir.path().join(f)).expect("copy");
    }
    std::fs::write(dir.path().join("role-page.txt"), support::seed("001")).expect("write");
    dir
}

/// Runs one example line with bash in `dir`, with this jobgen first on the PATH and `dir` as
/// the home folder.
fn run_example(dir: &Path, line: &str) -> Output {
    let bin = Path::new(EXE).parent().expect("bin folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new("bash")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .output()
        .expect("bash runs")
}

/// Runs a `jobgen serve` example as a user would, but on a free port (`--port 0`, so that a
/// server already on 8080 does not fail the test): it must print its address, answer there, and
/// stop with exit code 0 on SIGTERM, as on Ctrl-C.
fn serve_example(dir: &Path, line: &str) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut words: Vec<&str> = line.split_whitespace().collect();
    match words.iter().position(|w| *w == "--port") {
        Some(i) if i + 1 < words.len() => words[i + 1] = "0",
        _ => words.extend(["--port", "0"]),
    }
    /// Kills the server if the test fails before it is stopped, so that no server outlives it.
    struct Server(Option<std::process::Child>);
    impl Drop for Server {
        fn drop(&mut self) {
            if let Some(mut c) = self.0.take() {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
    let mut server = Server(Some(
        Command::new(EXE)
            .args(&words[1..])
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("jobgen serve starts"),
    ));
    let child = server.0.as_mut().expect("the server");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line on stdout");
    let addr = first
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("`{line}` printed no address: {first}"));
    let addr = addr.replace("0.0.0.0", "127.0.0.1");
    let mut stream = std::net::TcpStream::connect(&addr).expect("the server accepts");
    stream
        .write_all(b"GET /api/grades HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("request sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let child = server.0.take().expect("the server");
    let out = child.wait_with_output().expect("jobgen serve stops");
    assert!(
        out.status.success(),
        "`{line}` did not stop cleanly on SIGTERM ({}): {}",
        out.status,
        stderr(&out)
    );
}

#[test]
fn every_command_ends_its_help_with_examples() {
    let commands = commands();
    assert!(commands.len() >= 9, "{commands:?}");
    assert!(
        !examples(&help(&[])).is_empty(),
        "jobgen --help has no examples"
    );
    for c in &commands {
        assert!(
            !examples(&help(&[c])).is_empty(),
            "jobgen {c} --help has no examples"
        );
    }
}

#[test]
fn every_example_in_the_help_runs() {
    let mut ran = 0;
    for command in std::iter::once(None).chain(commands().iter().map(Some)) {
        let help = help(command.map(|c| vec![c.as_str()]).as_deref().unwrap_or(&[]));
        // One fresh folder per command: its examples run in order, as a user would type them.
        let dir = folder_for_examples();
        for line in examples(&help) {
            assert!(line.contains("jobgen "), "not a jobgen example: {line}");
            if line.starts_with("jobgen serve") {
                serve_example(dir.path(), &line);
                ran += 1;
                continue;
            }
            let out = run_example(dir.path(), &line);
            assert!(
                out.status.success(),
                "the help example `{line}` failed ({}):\n{}{}",
                out.status,
                stdout(&out),
                stderr(&out)
            );
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} examples");
}

#[test]
fn the_readme_shows_every_help_example() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    for command in std::iter::once(None).chain(commands().iter().map(Some)) {
        let help = help(command.map(|c| vec![c.as_str()]).as_deref().unwrap_or(&[]));
        for line in example_lines(&help) {
            assert!(
                readme.contains(&format!("    {line}\n")),
                "the README does not show the example of `jobgen {} --help`: {line}",
                command.map_or("", |c| c.as_str())
            );
        }
    }
}

#[test]
fn the_bash_completion_script_loads_and_completes_jobgen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run_example(
        dir.path(),
        "source <(jobgen completions bash) && complete -p jobgen",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.starts_with("complete ") && line.trim_end().ends_with(" jobgen"),
        "{line}"
    );
}

#[test]
fn the_bash_completion_offers_commands_and_format_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let complete = |words: &str| {
        let script = format!(
            "source <(jobgen completions bash) && COMP_WORDS=({words}) && \
             COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)) && COMP_LINE=\"${{COMP_WORDS[*]}}\" && \
             COMP_POINT=${{#COMP_LINE}} && \
             _jobgen jobgen \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" && \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = run_example(dir.path(), &script);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let commands = complete("jobgen ge");
    assert_eq!(commands.trim(), "generate", "{commands}");
    let formats = complete("jobgen generate --format ''");
    for f in ["md", "html", "docx"] {
        assert!(
            formats.lines().any(|l| l == f),
            "{f} not offered: {formats}"
        );
    }
}

#[test]
fn every_shell_gets_a_completion_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = jobgen(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("generate"),
            "{shell}: {}",
            stdout(&out)
        );
    }
    let out = jobgen(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `man` (man-db) or, failing that, groff; None (with a note printed) when neither is here and
/// CI has not said they must be (JOBGEN_REQUIRE_MAN=1, set by .ci/run, which installs man-db).
fn man_reader() -> Option<&'static str> {
    for reader in ["man", "groff"] {
        let found = Command::new(reader)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if found {
            return Some(reader);
        }
    }
    assert!(
        std::env::var_os("JOBGEN_REQUIRE_MAN").is_none(),
        "JOBGEN_REQUIRE_MAN is set but neither man nor groff is installed"
    );
    println!("note: neither man nor groff is installed; the manual pages were made, not rendered");
    None
}

#[test]
fn man_writes_a_page_for_jobgen_and_each_command_and_each_renders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jobgen(dir.path(), &["man", "--out", "man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let mut expected = vec!["man/jobgen.1".to_string()];
    expected.extend(commands().iter().map(|c| format!("man/jobgen-{c}.1")));
    expected.extend([
        "man/jobgen-import-csv.1".into(),
        "man/jobgen-list-roles.1".into(),
    ]);
    for page in &expected {
        assert!(written.contains(page), "{page} not written: {written:?}");
    }
    assert!(
        !written
            .iter()
            .any(|p| p.contains("synth-vacancies") || p.contains("help"))
    );
    let Some(reader) = man_reader() else {
        return;
    };
    for page in &written {
        let path = dir.path().join(page);
        let out = match reader {
            "man" => Command::new("man")
                .args(["--warnings", "-l"])
                .arg(&path)
                .env("MANWIDTH", "80")
                .output(),
            _ => Command::new("groff")
                .args(["-man", "-Tutf8", "-ww"])
                .arg(&path)
                .output(),
        }
        .expect("the reader runs");
        assert!(out.status.success(), "{page}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{page} renders with warnings");
        let text = stdout(&out);
        let name = page.trim_start_matches("man/").trim_end_matches(".1");
        assert!(
            text.contains("NAME") && text.contains(name),
            "{page}:\n{text}"
        );
    }
    let generate = std::fs::read_to_string(dir.path().join("man/jobgen-generate.1")).expect("read");
    assert!(
        generate.contains("devops\\-engineer"),
        "no examples in the page"
    );
}

#[test]
fn man_twice_into_one_folder_needs_no_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    for _ in 0..2 {
        let out = jobgen(dir.path(), &["man", "--out", "man"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}
