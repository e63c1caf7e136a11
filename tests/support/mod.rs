//! Shared helpers for the integration tests: where the source documents are, running the binary
//! in a fresh folder, and a reader for the framework's role page (seed 001) that is independent of
//! jobgen's own code, so the data can be checked against the source.

#![allow(dead_code)]

mod case;
pub mod readback;
pub mod web;

// Not every test file runs cases.
#[allow(unused_imports)]
pub use case::{Case, Outcome};

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository's copy of the source documents, `tests/fixtures/shared/` (`seeds/` and
/// `framework/`, laid out as in `../shared`; `scripts/refresh-fixtures` copies them). Set
/// JOBGEN_SHARED to a folder of the same layout to test against another copy.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("JOBGEN_SHARED") {
        Some(p) => PathBuf::from(p),
        None => repo().join("tests/fixtures/shared"),
    }
}

/// The source documents of the specification (seeds 000 to 004).
pub fn seeds_dir() -> PathBuf {
    shared_dir().join("seeds")
}

/// The framework's CSV download (`roles.csv`, `skills.csv`) and `grades/`.
pub fn framework_dir() -> PathBuf {
    shared_dir().join("framework")
}

/// The advert most tests look at: DevOps engineer at SEO for the Home Office, written to
/// `output/home-office-devops-engineer-seo.md`.
pub const SEO_HOME_OFFICE: [&str; 9] = [
    "generate",
    "--role",
    "devops-engineer",
    "--level",
    "devops-engineer",
    "--grade",
    "SEO",
    "--org",
    "home-office",
];

/// The repository's root folder.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the seed whose file name starts with `prefix` (`001`).
pub fn seed(prefix: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}_* in {}", dir.display()));
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}

/// The source's one known typo, fixed in the data.
pub fn fix_typo(s: &str) -> String {
    s.replace("apply apply", "apply")
}

/// Runs the jobgen binary in `dir` with `args`.
pub fn jobgen_in(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("jobgen runs")
}

/// Runs jobgen in a fresh temporary folder; returns the folder (kept alive) and the output.
pub fn jobgen(args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jobgen_in(dir.path(), args);
    (dir, out)
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Non-blank lines, trimmed: "blank lines and surrounding white space aside".
pub fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A role level as the framework's role page shows it.
#[derive(Debug, Default, Clone)]
pub struct PageLevel {
    pub number: usize,
    pub name: String,
    pub summary: String,
    pub responsibilities: Vec<String>,
    pub grades: Vec<String>,
    /// (skill name, level in lower case, bullets)
    pub skills: Vec<(String, String, Vec<String>)>,
}

fn bullet(line: &str) -> Option<&str> {
    line.trim().strip_prefix('•').map(str::trim)
}

/// Reads the levels of a role page (seed 001).
pub fn page_levels(text: &str) -> Vec<PageLevel> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut levels = Vec::new();
    let mut i = 0;
    let bullets_from = |mut i: usize| {
        let mut out = Vec::new();
        while i < lines.len() && (lines[i].trim().is_empty() || bullet(lines[i]).is_some()) {
            if let Some(b) = bullet(lines[i]) {
                out.push(b.to_string());
            } else if !out.is_empty() && lines.get(i + 1).is_none_or(|l| bullet(l).is_none()) {
                break;
            }
            i += 1;
        }
        (out, i)
    };
    while i < lines.len() {
        let heading = lines[i]
            .split_once(". ")
            .filter(|(n, _)| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()));
        let Some((n, name)) = heading else {
            i += 1;
            continue;
        };
        let mut level = PageLevel {
            number: n.parse().expect("digit"),
            name: name.to_string(),
            ..Default::default()
        };
        i += 1;
        while lines[i].trim().is_empty() {
            i += 1;
        }
        level.summary = lines[i].trim().to_string();
        while !lines[i].starts_with("At this role level") {
            i += 1;
        }
        let (r, next) = bullets_from(i + 1);
        level.responsibilities = r;
        i = next;
        while !lines[i].starts_with("Skill Description") {
            if lines[i].starts_with("This role level is") {
                let (g, next) = bullets_from(i + 1);
                level.grades = g
                    .iter()
                    .map(|g| g.split(' ').next().unwrap_or("").to_string())
                    .collect();
                i = next;
                continue;
            }
            i += 1;
        }
        while i < lines.len() {
            let l = lines[i];
            let next_level = l
                .split_once(". ")
                .is_some_and(|(n, _)| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()));
            if next_level || l.starts_with("Role Shared") {
                break;
            }
            if let Some(lv) = l.strip_prefix("Level: ") {
                let name = lines[i - 2].trim().to_string();
                let mut j = i;
                while !lines[j].starts_with("You can:") {
                    j += 1;
                }
                let (b, next) = bullets_from(j + 1);
                level.skills.push((name, lv.trim().to_lowercase(), b));
                i = next;
                continue;
            }
            i += 1;
        }
        levels.push(level);
    }
    levels
}
