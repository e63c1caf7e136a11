//! Writing survives faults: a full disk, a kill at any moment, two runs into one folder. Each
//! test runs the real binary. Most stop or fail a run at a chosen step of its commit with
//! `JOBGEN_FAULT=<how>:<step>[:<k>]` (see `src/output.rs`), which only debug builds obey; one
//! kills batches with SIGKILL at arbitrary moments.

#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{stderr, stdout};

const BIN: &str = env!("CARGO_BIN_EXE_jobgen");

/// Runs jobgen in `dir`, with `fault` as JOBGEN_FAULT if given.
fn run(dir: &Path, fault: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).env_remove("JOBGEN_FAULT");
    if let Some(f) = fault {
        cmd.env("JOBGEN_FAULT", f);
    }
    cmd.output().expect("jobgen runs")
}

/// A run that did not finish: killed by a signal, or failed.
fn stopped(o: &Output) -> bool {
    o.status.code().is_none_or(|c| c != 0)
}

/// Names in `out` that start with `.jobgen-`, other than the record: what a run left behind.
fn leftovers(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".jobgen-") && n != ".jobgen-written")
        .collect();
    v.sort();
    v
}

/// Every file of `out` that does not start with a dot, with its text.
fn files(out: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(out)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// The names in the output folder's record.
fn record(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join(".jobgen-written"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Writes `count` vacancies to `dir/name` (closing in March), and the same vacancies closing
/// in April to `dir/new-name`.
fn vacancies(dir: &Path, count: usize, name: &str) {
    let o = run(dir, None, &["synth-vacancies", &count.to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    std::fs::write(dir.join(name), &text).expect("write");
    std::fs::write(
        dir.join(format!("new-{name}")),
        text.replace("March 2027", "April 2027"),
    )
    .expect("write");
}

/// Which version every advert of `out` is: "old" (March), "new" (April), or a panic if the
/// folder holds a mix or not `count` adverts.
fn version(out: &Path, count: usize) -> &'static str {
    let adverts: Vec<(String, String)> = files(out)
        .into_iter()
        .filter(|(n, _)| n.starts_with("syn-"))
        .collect();
    assert_eq!(adverts.len(), count, "every advert is there");
    let old = adverts
        .iter()
        .filter(|(_, t)| t.contains("March 2027"))
        .count();
    let new = adverts
        .iter()
        .filter(|(_, t)| t.contains("April 2027"))
        .count();
    match (old, new) {
        (o, 0) if o == count => "old",
        (0, n) if n == count => "new",
        _ => panic!("a mix of {old} old and {new} new adverts"),
    }
}

/// A run that only writes one other file into `out`: the "next run" that recovers the folder.
fn another_run(dir: &Path) {
    let o = run(
        dir,
        None,
        &[
            "generate",
            "--role",
            "data-engineer",
            "--level",
            "1",
            "--out",
            "out",
        ],
    );
    assert!(o.status.success(), "the next run succeeds: {}", stderr(&o));
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "JOBGEN_FAULT exists only in debug builds"
)]
fn a_disk_full_generate_leaves_nothing_the_rerun_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "generate",
        "--role",
        "devops-engineer",
        "--level",
        "3",
        "--format",
        "md,html,docx",
        "--out",
        "out",
    ];
    // The disk fills up on the third file, the Word document.
    let o = run(dir.path(), Some("full:stage:3"), &args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("the disk is full"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(".docx"),
        "names the file: {}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "", "no path printed: nothing was written");
    let out = dir.path().join("out");
    assert!(files(&out).is_empty(), "nothing written: {:?}", files(&out));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    let o = run(dir.path(), None, &args);
    assert!(o.status.success(), "the rerun succeeds: {}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    assert_eq!(files(&out).len(), 3);
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "JOBGEN_FAULT exists only in debug builds"
)]
fn a_batch_that_cannot_write_its_record_is_finished_by_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    vacancies(dir.path(), 12, "v.yaml");
    let args = ["batch", "--vacancies", "v.yaml", "--out", "out"];
    let o = run(dir.path(), Some("full:before-record"), &args);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("the disk is full"), "{}", stderr(&o));
    assert!(stderr(&o).contains(".jobgen-written"), "{}", stderr(&o));

    let out = dir.path().join("out");
    let o = run(dir.path(), None, &args);
    assert!(
        o.status.success(),
        "the rerun needs no --force: {}",
        stderr(&o)
    );
    assert_eq!(version(&out, 12), "old");
    let recorded = record(&out);
    for name in files(&out).keys() {
        assert!(recorded.contains(name), "{name} is recorded");
    }
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "JOBGEN_FAULT exists only in debug builds"
)]
fn a_killed_batch_leaves_no_staging_folder_or_temporary_file_after_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    vacancies(dir.path(), 30, "v.yaml");
    let o = run(
        dir.path(),
        Some("stop:staged"),
        &["batch", "--vacancies", "v.yaml", "--out", "out"],
    );
    assert!(o.status.code().is_none(), "killed: {:?}", o.status);
    let out = dir.path().join("out");
    let left = leftovers(&out);
    assert_eq!(
        left.len(),
        1,
        "the staging folder of the killed run: {left:?}"
    );
    // What a run killed while writing a file leaves, and files of the same look that are not
    // jobgen's, which stay.
    std::fs::write(out.join(".jobgen-Ab3dE9.tmp"), "half a file").expect("write");
    std::fs::write(out.join(".jobgen-notes.tmp"), "mine").expect("write");
    std::fs::create_dir(out.join(".jobgen-batch-mine")).expect("mkdir");

    another_run(dir.path());
    assert_eq!(
        leftovers(&out),
        vec![
            ".jobgen-batch-mine".to_string(),
            ".jobgen-notes.tmp".to_string()
        ],
        "only jobgen's own leftovers are removed"
    );
    assert_eq!(files(&out).len(), 1, "none of the killed batch's adverts");
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "JOBGEN_FAULT exists only in debug builds"
)]
fn a_rerun_stopped_at_any_step_of_its_commit_is_all_old_or_all_new_after_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = 15;
    vacancies(dir.path(), count, "v.yaml");
    let old = ["batch", "--vacancies", "v.yaml", "--out", "out"];
    let new = ["batch", "--vacancies", "new-v.yaml", "--out", "out"];
    let out = dir.path().join("out");
    for (fault, after) in [
        ("stop:stage:4", "old"),
        ("full:stage:4", "old"),
        ("stop:staged", "old"),
        ("fail:staged", "old"),
        ("stop:journal", "new"),
        ("fail:journal", "new"),
        ("stop:rename:1", "new"),
        ("stop:rename:7", "new"),
        ("fail:rename:7", "new"),
        ("stop:before-record", "new"),
        ("full:before-record", "new"),
        ("stop:after-record", "new"),
    ] {
        let o = run(dir.path(), None, &old);
        assert!(o.status.success(), "{fault}: {}", stderr(&o));
        assert_eq!(version(&out, count), "old");
        let o = run(dir.path(), Some(fault), &new);
        assert!(stopped(&o), "{fault}: the rerun did not finish");
        another_run(dir.path());
        assert_eq!(version(&out, count), after, "{fault}");
        assert!(leftovers(&out).is_empty(), "{fault}: {:?}", leftovers(&out));
        let recorded = record(&out);
        for name in files(&out).keys() {
            assert!(recorded.contains(name), "{fault}: {name} is recorded");
        }
        let o = run(dir.path(), None, &new);
        assert!(
            o.status.success(),
            "{fault}: no --force needed: {}",
            stderr(&o)
        );
        assert_eq!(version(&out, count), "new");
    }
}

/// Starts a batch in the background.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("JOBGEN_FAULT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jobgen starts")
}

#[test]
fn a_batch_killed_at_any_moment_is_all_old_or_all_new_and_the_rerun_needs_no_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let count = 120;
    vacancies(dir.path(), count, "v.yaml");
    let old = ["batch", "--vacancies", "v.yaml", "--out", "out"];
    let new = ["batch", "--vacancies", "new-v.yaml", "--out", "out"];
    let out = dir.path().join("out");

    // Into an empty folder: nothing or everything.
    let mut child = spawn(dir.path(), &old);
    std::thread::sleep(Duration::from_millis(400));
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    another_run(dir.path());
    let adverts = files(&out).keys().filter(|n| n.starts_with("syn-")).count();
    assert!(adverts == 0 || adverts == count, "{adverts} adverts");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    let start = Instant::now();
    let o = run(dir.path(), None, &old);
    assert!(o.status.success(), "{}", stderr(&o));
    let full = start.elapsed();

    // Over an existing output, killed at moments spread over a whole run, and once as soon as
    // its journal appears (in the middle of moving files in).
    let mut mid_commit = 0;
    for moment in [Some(0.1), Some(0.5), Some(0.8), Some(0.95), None, None] {
        let o = run(dir.path(), None, &old);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut child = spawn(dir.path(), &new);
        match moment {
            Some(f) => std::thread::sleep(full.mul_f64(f)),
            None => {
                let journal = out.join(".jobgen-journal");
                while !journal.exists() && child.try_wait().expect("poll").is_none() {
                    std::hint::spin_loop();
                }
            }
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("wait");
        if out.join(".jobgen-journal").exists() {
            mid_commit += 1;
        }
        another_run(dir.path());
        let v = version(&out, count);
        assert!(
            leftovers(&out).is_empty(),
            "{moment:?}: {:?}",
            leftovers(&out)
        );
        let recorded = record(&out);
        for name in files(&out).keys() {
            assert!(recorded.contains(name), "{moment:?}: {name} is recorded");
        }
        let o = run(dir.path(), None, &new);
        assert!(o.status.success(), "{moment:?} ({v}): {}", stderr(&o));
        assert_eq!(version(&out, count), "new");
    }
    eprintln!("{mid_commit} of 6 kills landed while files were moved in");
}

#[test]
fn two_batches_into_one_folder_at_once_both_succeed_and_are_both_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    vacancies(dir.path(), 150, "a.yaml");
    let text = std::fs::read_to_string(dir.path().join("a.yaml")).expect("read");
    std::fs::write(dir.path().join("b.yaml"), text.replace("SYN-", "TWO-")).expect("write");
    let a = ["batch", "--vacancies", "a.yaml", "--out", "out"];
    let b = ["batch", "--vacancies", "b.yaml", "--out", "out"];
    let (first, second) = (spawn(dir.path(), &a), spawn(dir.path(), &b));
    for child in [first, second] {
        let o = child.wait_with_output().expect("wait");
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let out = dir.path().join("out");
    let recorded = record(&out);
    let written = files(&out);
    assert_eq!(
        written.len(),
        2 * 150 + 2,
        "both batches' adverts, an index and lint.json"
    );
    for name in written.keys() {
        assert!(recorded.contains(name), "{name} is recorded");
    }
    for args in [a, b] {
        let o = run(dir.path(), None, &args);
        assert!(o.status.success(), "a rerun succeeds: {}", stderr(&o));
    }
}

#[test]
fn a_second_run_waits_for_the_first_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out: PathBuf = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    // The test holds the folder's lock, as a run writing there would.
    let held = std::fs::File::open(&out).expect("open folder");
    rustix::fs::flock(&held, rustix::fs::FlockOperation::LockExclusive).expect("lock");
    let mut child = Command::new(BIN)
        .args([
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--out",
            "out",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jobgen starts");
    let mut line = String::new();
    let mut err = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    err.read_line(&mut line).expect("read");
    assert_eq!(line, "waiting for another jobgen writing to out\n");
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().expect("poll").is_none(), "still waiting");
    drop(held);
    // The rest of standard error (the lint line) is read, as a terminal would.
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).expect("read");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{rest}");
    assert!(rest.starts_with("lint: "), "{rest}");
    assert_eq!(stdout(&o), "out/devops-engineer.md\n");
}
