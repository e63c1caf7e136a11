//! Times `jobgen lint` over every built-in role level, with no department and with each one, as
//! `jobgen lint --role R --level L [--org O]` does: first writing each advert's Markdown (merge
//! and template), then checking it, each timed apart (best of 5 runs).
//!
//!     cargo run --release --example lint_all              # the timings (BENCHMARKS.md, "Lint")
//!     cargo run --release --example lint_all -- findings  # and what each check found, for the
//!                                                         # README's review of the built-in adverts
//!
//! `JOBGEN_TODAY` is fixed inside so that the figures do not depend on the day.

use std::collections::BTreeMap;
use std::time::Instant;

use jobgen::Session;
use jobgen::lint::{self, Options};
use jobgen::model::{Text, Vacancy};
use jobgen::request::Request;

/// Seconds this thread has run on a CPU (Linux: /proc/thread-self/schedstat), which, unlike the
/// clock, does not count the time other processes on a shared machine hold the CPU.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The best of 5 runs: (wall-clock seconds, CPU seconds if known).
fn best_of_5(mut run: impl FnMut()) -> (f64, Option<f64>) {
    let mut best = (f64::MAX, None::<f64>);
    for _ in 0..5 {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        run();
        let wall = start.elapsed().as_secs_f64();
        let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
        best.0 = best.0.min(wall);
        best.1 = match (best.1, cpu) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    best
}

fn show(what: &str, (wall, cpu): (f64, Option<f64>), n: usize) {
    let per = |s: f64| s * 1000.0 / n as f64;
    let cpu = cpu.map_or_else(String::new, |c| {
        format!("; on the CPU {c:.3} s, {:.3} ms an advert", per(c))
    });
    println!(
        "{what}: best of 5 {wall:.3} s, {:.3} ms an advert{cpu}",
        per(wall)
    );
}

fn main() {
    let show_findings = std::env::args().any(|a| a == "findings");
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

    let write = || -> Vec<(String, Option<String>, String)> {
        requests
            .iter()
            .map(|r| {
                let advert = session.advert(r).unwrap_or_else(|e| panic!("{e}"));
                let markdown = session
                    .markdown(&advert, "advert")
                    .unwrap_or_else(|e| panic!("{e}"));
                let org = advert.org.as_ref().map(|o| o.id.clone());
                (jobgen::file_stem(&advert, "advert"), org, markdown)
            })
            .collect()
    };
    let mut adverts = Vec::new();
    let writing = best_of_5(|| adverts = write());

    let today = jobgen::date::Date::parse("2026-11-23").expect("a date");
    // SAFETY of set_var: the example is one thread until here.
    unsafe { std::env::set_var(jobgen::date::TODAY_VAR, today.to_string()) };
    let check = || -> Vec<lint::Report> {
        adverts
            .iter()
            .map(|(file, org, markdown)| {
                let options = Options {
                    org: org
                        .as_ref()
                        .and_then(|o| session.data.orgs.get(o))
                        .map(|o| &o.org.lint),
                    ..Options::default()
                };
                lint::lint(markdown, file, &session.data.lint, &options)
            })
            .collect()
    };
    let mut reports = Vec::new();
    let checking = best_of_5(|| reports = check());

    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let n = requests.len();
    println!(
        "{n} adverts ({} levels x {} departments incl. none), {findings} findings",
        n / orgs.len(),
        orgs.len()
    );
    show("writing the Markdown (merge + template)", writing, n);
    show("checking it (jobgen::lint::lint)", checking, n);
    if show_findings {
        // rule -> (findings, adverts with one, text -> count)
        let mut by_rule: BTreeMap<String, (usize, usize, BTreeMap<String, usize>)> =
            BTreeMap::new();
        for r in &reports {
            let mut seen = std::collections::BTreeSet::new();
            for f in &r.findings {
                let rule = f.diagnostic.rule.clone().unwrap_or_default();
                let e = by_rule.entry(rule.clone()).or_default();
                e.0 += 1;
                if seen.insert(rule) {
                    e.1 += 1;
                }
                let key = if f.text.is_empty() {
                    f.diagnostic.message.clone()
                } else {
                    f.text.clone()
                };
                *e.2.entry(key).or_default() += 1;
            }
        }
        for (rule, (count, adverts, texts)) in by_rule {
            println!("\n{rule}: {count} findings in {adverts} adverts");
            let mut texts: Vec<(String, usize)> = texts.into_iter().collect();
            texts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (text, k) in texts.into_iter().take(12) {
                let short: String = text.chars().take(110).collect();
                println!("  {k:5}  {short}");
            }
        }
    }
}
