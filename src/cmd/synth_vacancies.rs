//! `jobgen synth-vacancies` (hidden): a synthetic vacancies file for benchmarks.

use std::path::{Path, PathBuf};

use jobgen::Error;

use super::Console;

/// Prints a vacancies file of `count` vacancies: every role level in turn, each department in
/// turn, with a unique reference and varied appendix fields. Deterministic.
pub fn run(
    data: &[PathBuf],
    templates: Option<&Path>,
    count: usize,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let session = super::session(data, templates, console)?;
    let data = &session.data;
    let levels: Vec<(&str, &str)> = data
        .roles
        .values()
        .flat_map(|r| r.levels.iter().map(move |l| (r.id.as_str(), l.id.as_str())))
        .collect();
    let orgs: Vec<&str> = data.orgs.keys().map(String::as_str).collect();
    let places = [
        "London",
        "Leeds",
        "Glasgow",
        "Cardiff",
        "Belfast",
        "Sheffield",
        "Manchester",
    ];
    let mut out = String::with_capacity(count * 260);
    for i in 0..count {
        let (role, level) = levels[i % levels.len()];
        let org = orgs[(i / levels.len().max(1)) % orgs.len().max(1)];
        out.push_str(&format!(
            "- org: {org}\n  role: {role}\n  level: {level}\n  reference: SYN-{i:06}\n  salary: \"£{},000\"\n  location: {}\n  number_of_jobs: {}\n  closing_date: {} March 2027\n",
            30 + i % 40,
            places[i % places.len()],
            1 + i % 5,
            1 + i % 28
        ));
    }
    console.bytes(out.as_bytes())?;
    console.flush()
}
