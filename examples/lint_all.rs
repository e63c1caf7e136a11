//! Times `jobgen lint` over every built-in role level, with no department and with each one:
//! merge, render to Markdown and check, as `jobgen lint --role R --level L [--org O]` does.
//! `cargo run --release --example lint_all`; the figure is in BENCHMARKS.md.

use jobgen::Session;
use jobgen::model::{Text, Vacancy};
use jobgen::request::Request;

fn main() {
    let session = Session::load(&[], None).unwrap_or_else(|e| panic!("{e}"));
    let orgs: Vec<Option<String>> = std::iter::once(None)
        .chain(session.data.orgs.keys().cloned().map(Some))
        .collect();
    let mut requests = Vec::new();
    for role in session.data.roles.values() {
        for level in &role.levels {
            for org in &orgs {
                requests.push(Request::new(Vacancy {
                    role: Some(Text(role.id.clone())),
                    level: Some(Text(level.id.clone())),
                    org: org.clone().map(Text),
                    ..Vacancy::default()
                }));
            }
        }
    }
    // Build every department's template engine first, as a long-running process would have.
    for r in requests.iter().take(orgs.len()) {
        session.lint(r, &[]).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        findings = 0;
        for r in &requests {
            let (_, report) = session.lint(r, &[]).unwrap_or_else(|e| panic!("{e}"));
            findings += report.findings.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} adverts ({} levels x {} departments incl. none), {findings} findings: best of 5 {:.3} s, {:.2} ms an advert",
        requests.len(),
        requests.len() / orgs.len(),
        orgs.len(),
        best,
        best * 1000.0 / requests.len() as f64
    );
}
