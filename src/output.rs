//! Writing files: safe names, atomic writes, and the transaction that is the only way into an
//! output folder.
//!
//! This is the only module that writes to disk. A single file is written to a temporary file in
//! the same folder and renamed into place, so a reader (or a crash) never sees half a file.
//! Adverts go into an output folder through a [`Transaction`]: the folder is locked, every file
//! is staged first, and a journal makes the move into place all-or-nothing even across a kill.
//! Names made from ids and references pass through [`safe_file_stem`], which keeps them inside
//! the output folder.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Turns any text (an id, a reference) into a file name stem that cannot leave its folder:
/// letters, digits, `-`, `_` and `.` only (everything else becomes `-`), no leading dot or dash,
/// no Windows reserved device name, at most 80 characters. Empty input gives `advert`.
pub(crate) fn safe_file_stem(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        if c == '.' && (out.is_empty() || out.ends_with('.')) {
            continue;
        }
        out.push(c);
    }
    let mut out: String = out.chars().take(80).collect();
    while out.ends_with(['-', '.']) {
        out.pop();
    }
    if out.is_empty() {
        return "advert".into();
    }
    let base = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    out
}

/// An error while writing, naming the path.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub source: std::io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hint = match self.source.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                " (check that the output folder is writable, or choose another with --out)"
            }
            std::io::ErrorKind::StorageFull => " (the disk is full: free some space and run again)",
            _ => "",
        };
        write!(
            f,
            "cannot write {}: {}{hint}",
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The file in an output folder that lists the files jobgen wrote there.
pub(crate) const RECORD: &str = ".jobgen-written";

/// The journal of a commit under way. Once it exists the commit is decided: if the run stops
/// before removing it, the next run into the folder finishes the commit.
pub(crate) const JOURNAL: &str = ".jobgen-journal";

/// What a transaction's staging folder is called: this prefix and six random characters.
const STAGING_PREFIX: &str = ".jobgen-staging-";
/// The staging folders of jobgen before transactions; a run still removes those left behind.
const OLD_STAGING_PREFIX: &str = ".jobgen-batch-";
/// The first line of a journal.
const JOURNAL_HEADER: &str = "jobgen journal 1";

/// Files written into an output folder all together or not at all: the one way jobgen writes
/// there.
///
/// [`begin`](Transaction::begin) locks the folder (a second run waits for the first) and
/// finishes or cleans up after any run that was interrupted; [`check`](Transaction::check) says
/// which names may be written; [`stage`](Transaction::stage) writes a file where no one sees it
/// yet; [`commit`](Transaction::commit) moves every staged file into place and records it.
/// Dropping a transaction before it commits removes what it staged and leaves the folder as it
/// was.
///
/// A commit writes a journal (the names to move in) before it moves anything. A run stopped
/// after that (killed, power cut, disk full) leaves the journal, the staging folder and some
/// files moved in; the next run into the folder moves in the rest and records them, so the
/// folder always ends with every old file or every new one, and no run needs `--force` for it.
pub struct Transaction {
    dir: PathBuf,
    staging: PathBuf,
    force: bool,
    /// The record as it was when the transaction began.
    written: BTreeSet<String>,
    /// The names [`Transaction::check`] allowed.
    checked: BTreeSet<String>,
    /// How many files were staged: for the fault at the k-th.
    staged: AtomicUsize,
    state: State,
    /// Held until the transaction is dropped.
    _lock: Lock,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing decided: dropping the transaction removes its staging folder.
    Open,
    /// The journal is written: the staging folder stays for the next run to finish the commit.
    Journaled,
    /// Committed and cleaned up.
    Done,
}

impl Transaction {
    /// Creates `dir` if needed, locks it (calling `waiting` once, then waiting, while
    /// another jobgen holds it), finishes a commit that an earlier run left unfinished, removes
    /// the staging folders and temporary files that interrupted runs left, and reads the record.
    pub fn begin(
        dir: &Path,
        force: bool,
        waiting: &mut dyn FnMut(&Path),
    ) -> Result<Transaction, WriteError> {
        std::fs::create_dir_all(dir).map_err(at(dir))?;
        let lock = Lock::take(dir, waiting)?;
        recover(dir)?;
        let written = read_record(dir)?;
        let staging = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(dir)
            .map_err(at(dir))?
            .keep();
        Ok(Transaction {
            dir: dir.to_path_buf(),
            staging,
            force,
            written,
            checked: BTreeSet::new(),
            staged: AtomicUsize::new(0),
            state: State::Open,
            _lock: lock,
        })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Checks that each name can be written: it does not exist, or jobgen wrote it, or `force`.
    /// A name that is a folder can never be written. Only names checked here can be committed.
    pub fn check(&mut self, names: &[String]) -> Result<(), crate::diagnostics::Diagnostics> {
        let mut problems = crate::diagnostics::Diagnostics::default();
        for name in names {
            let path = self.dir.join(name);
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                problems.push(
                    crate::diagnostics::Diagnostic::new(format!(
                        "{} is a folder, so the advert cannot be written there",
                        path.display()
                    ))
                    .help("move the folder, or choose another --out"),
                );
            } else if !self.force && !self.written.contains(name) {
                problems.push(
                    crate::diagnostics::Diagnostic::new(format!(
                        "{} exists and jobgen did not write it",
                        path.display()
                    ))
                    .help("move it away, choose another --out, or give --force to replace it"),
                );
            }
        }
        problems.into_result(())?;
        self.checked.extend(names.iter().cloned());
        Ok(())
    }

    /// Writes `bytes` as the file `name` of the output folder-to-be, in the transaction's
    /// private staging folder (inside the output folder, so moving it in is a rename). Safe to
    /// call from many threads. There is no temporary file, since no one else sees the folder,
    /// and no fsync per file (at 0.4 ms a file it would double the time of a batch): the commit
    /// flushes every staged file at once.
    pub fn stage(&self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let dest = self.dir.join(name);
        if !valid_name(name) {
            return Err(WriteError {
                path: dest,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a plain file name jobgen may write",
                ),
            });
        }
        let k = self.staged.fetch_add(1, Ordering::Relaxed) + 1;
        fault::at(fault::Step::Stage(k)).map_err(at(&dest))?;
        std::fs::write(self.staging.join(name), bytes).map_err(at(&dest))
    }

    /// Moves the staged files `names` into place, in that order, and adds them to the record;
    /// returns their paths in that order. Every name must have been checked and staged.
    ///
    /// Until the journal is written a failure leaves the folder as it was; after it, the
    /// folder is left for the next run to finish (see [`Transaction`]).
    pub fn commit(mut self, names: &[String]) -> Result<Vec<PathBuf>, WriteError> {
        for name in names {
            let dest = self.dir.join(name);
            if !self.checked.contains(name) {
                return Err(WriteError {
                    path: dest,
                    source: std::io::Error::other("jobgen did not check this name before writing"),
                });
            }
            let staged = std::fs::symlink_metadata(self.staging.join(name));
            if !staged.is_ok_and(|m| m.is_file()) {
                return Err(WriteError {
                    path: dest,
                    source: std::io::Error::other("jobgen did not stage this file"),
                });
            }
        }
        sync_staged(&self.staging, names).map_err(at(&self.staging))?;
        fault::at(fault::Step::Staged).map_err(at(&self.staging))?;

        let staging_name = self
            .staging
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let mut journal = format!("{JOURNAL_HEADER}\nstaging {staging_name}\n");
        for name in names {
            journal.push_str(name);
            journal.push('\n');
        }
        write_atomic(&self.dir, JOURNAL, journal.as_bytes())?;
        sync_dir(&self.dir)?;
        self.state = State::Journaled;
        fault::at(fault::Step::Journal).map_err(at(&self.dir.join(JOURNAL)))?;

        finish(&self.dir, &self.staging, names)?;
        self.state = State::Done;
        Ok(names.iter().map(|n| self.dir.join(n)).collect())
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if self.state == State::Open {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The second half of a commit, from the journal on: moves in each staged file that is still
/// staged, adds every name to the record as it is on disk now, then removes the journal and
/// the staging folder. Each step can be repeated, so a run that finds a journal calls this
/// again.
fn finish(dir: &Path, staging: &Path, names: &[String]) -> Result<(), WriteError> {
    for (k, name) in names.iter().enumerate() {
        let from = staging.join(name);
        let to = dir.join(name);
        // A file no longer staged was moved in before the run stopped.
        if std::fs::symlink_metadata(&from).is_ok() {
            std::fs::rename(&from, &to).map_err(at(&to))?;
        }
        fault::at(fault::Step::Rename(k + 1)).map_err(at(&to))?;
    }
    let record_path = dir.join(RECORD);
    fault::at(fault::Step::BeforeRecord).map_err(at(&record_path))?;
    let mut record = read_record(dir)?;
    record.extend(names.iter().cloned());
    let mut text = String::new();
    for n in &record {
        text.push_str(n);
        text.push('\n');
    }
    write_atomic(dir, RECORD, text.as_bytes())?;
    fault::at(fault::Step::AfterRecord).map_err(at(&record_path))?;
    sync_dir(dir)?;
    let journal = dir.join(JOURNAL);
    match std::fs::remove_file(&journal) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(at(&journal)(e)),
        _ => {}
    }
    // Committed: a staging folder that cannot be removed now is removed by the next run.
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
}

/// Finishes the commit of an earlier run that stopped after writing its journal, and removes
/// what interrupted runs left: staging folders and temporary files whose names jobgen makes
/// (`.jobgen-staging-XXXXXX`, `.jobgen-batch-XXXXXX`, `.jobgen-XXXXXX.tmp`) and nothing else.
/// Only called with the folder locked, so nothing it removes belongs to a run under way.
fn recover(dir: &Path) -> Result<(), WriteError> {
    let journal = dir.join(JOURNAL);
    match std::fs::read_to_string(&journal) {
        Ok(text) => {
            let Some((staging, names)) = parse_journal(&text) else {
                return Err(WriteError {
                    path: journal,
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "this is not a journal jobgen wrote; move it away and run again",
                    ),
                });
            };
            finish(dir, &dir.join(staging), &names)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(at(&journal)(e)),
    }
    for entry in std::fs::read_dir(dir).map_err(at(dir))? {
        let entry = entry.map_err(at(dir))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() && is_staging_name(name) {
            std::fs::remove_dir_all(&path).map_err(at(&path))?;
        } else if meta.is_file() && is_temp_name(name) {
            std::fs::remove_file(&path).map_err(at(&path))?;
        }
    }
    Ok(())
}

/// The staging folder and names of a journal, if it is one.
fn parse_journal(text: &str) -> Option<(&str, Vec<String>)> {
    let mut lines = text.lines();
    if lines.next()? != JOURNAL_HEADER {
        return None;
    }
    let staging = lines.next()?.strip_prefix("staging ")?;
    if !is_staging_name(staging) {
        return None;
    }
    let names: Vec<String> = lines.map(str::to_owned).collect();
    names
        .iter()
        .all(|n| valid_name(n))
        .then_some((staging, names))
}

/// `prefix` followed by the six letters or digits that tempfile adds, then `suffix`.
fn is_random_name(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_staging_name(name: &str) -> bool {
    is_random_name(name, STAGING_PREFIX, "") || is_random_name(name, OLD_STAGING_PREFIX, "")
}

fn is_temp_name(name: &str) -> bool {
    is_random_name(name, ".jobgen-", ".tmp")
}

/// A plain file name, not one of jobgen's own files: what a transaction may write.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.starts_with(".jobgen-")
        && !name.contains(['/', '\\', '\n', '\r', '\0'])
}

/// The record of the files jobgen wrote in `dir`; empty if there is none.
fn read_record(dir: &Path) -> Result<BTreeSet<String>, WriteError> {
    let path = dir.join(RECORD);
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok(t.lines().map(str::to_owned).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(WriteError { path, source: e }),
    }
}

/// Makes the staged files durable before the journal says they are ready: one `syncfs` of the
/// file system on Linux, one fsync per file elsewhere.
fn sync_staged(staging: &Path, names: &[String]) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let _ = names;
        let folder = std::fs::File::open(staging)?;
        rustix::fs::syncfs(&folder)?;
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        for name in names {
            std::fs::File::open(staging.join(name))?.sync_all()?;
        }
        Ok(())
    }
}

/// Makes renames and removals in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(at(dir))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn at(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + use<> {
    let path = path.to_path_buf();
    move |source| WriteError { path, source }
}

/// An exclusive lock on an output folder, released when dropped (or when the process dies).
struct Lock {
    #[cfg(unix)]
    _folder: std::fs::File,
}

impl Lock {
    /// Locks the folder itself (`flock` on the folder, so no lock file is left in it), waiting
    /// while another jobgen holds it.
    #[cfg(unix)]
    fn take(dir: &Path, waiting: &mut dyn FnMut(&Path)) -> Result<Lock, WriteError> {
        use rustix::fs::{FlockOperation, flock};
        let folder = std::fs::File::open(dir).map_err(at(dir))?;
        match flock(&folder, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(rustix::io::Errno::WOULDBLOCK) => {
                waiting(dir);
                flock(&folder, FlockOperation::LockExclusive).map_err(|e| at(dir)(e.into()))?;
            }
            Err(e) => return Err(at(dir)(e.into())),
        }
        Ok(Lock { _folder: folder })
    }

    /// No lock outside Unix: two runs into one folder at once are not serialised there.
    #[cfg(not(unix))]
    fn take(_dir: &Path, _waiting: &mut dyn FnMut(&Path)) -> Result<Lock, WriteError> {
        Ok(Lock {})
    }
}

/// Fault injection for the tests of [`Transaction`]: `JOBGEN_FAULT=<how>:<step>[:<k>]` makes
/// the step fail (`fail`), fail as on a full disk (`full`) or stop the process at once, as a
/// kill would (`stop`). Steps: `stage:K` (before the K-th staged file), `staged` (every file
/// staged, before the journal), `journal` (after it), `rename:K` (after the K-th file moved
/// in), `before-record`, `after-record`. Read only by debug builds: a release build ignores it.
mod fault {
    /// A step of a transaction.
    #[derive(Clone, Copy)]
    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub(super) enum Step {
        Stage(usize),
        Staged,
        Journal,
        Rename(usize),
        BeforeRecord,
        AfterRecord,
    }

    #[cfg(debug_assertions)]
    pub(super) fn at(step: Step) -> std::io::Result<()> {
        static SPEC: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let Some(spec) = SPEC.get_or_init(|| std::env::var("JOBGEN_FAULT").ok()) else {
            return Ok(());
        };
        let mut parts = spec.split(':');
        let how = parts.next().unwrap_or_default();
        let name = parts.next().unwrap_or_default();
        let k: Option<usize> = parts.next().and_then(|k| k.parse().ok());
        let hit = match step {
            Step::Stage(i) => name == "stage" && k == Some(i),
            Step::Staged => name == "staged",
            Step::Journal => name == "journal",
            Step::Rename(i) => name == "rename" && k == Some(i),
            Step::BeforeRecord => name == "before-record",
            Step::AfterRecord => name == "after-record",
        };
        match how {
            _ if !hit => Ok(()),
            "fail" => Err(std::io::Error::other("injected fault (JOBGEN_FAULT)")),
            "full" => Err(std::io::ErrorKind::StorageFull.into()),
            "stop" => std::process::abort(),
            _ => Ok(()),
        }
    }

    #[cfg(not(debug_assertions))]
    #[inline]
    pub(super) fn at(_step: Step) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes `bytes` to `dir/name` atomically (temporary file in `dir`, then rename), creating
/// `dir` if needed. `name` must come from [`safe_file_stem`] plus an extension.
pub(crate) fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let path = dir.join(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jobgen-").suffix(".tmp");
    // Temporary files are private (0600); the finished file is an ordinary readable file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err(dir))?;
    tmp.write_all(bytes).map_err(err(&path))?;
    tmp.as_file().sync_all().map_err(err(&path))?;
    tmp.persist(&path).map_err(|e| WriteError {
        path: path.clone(),
        source: e.error,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_the_output_folder() {
        for (input, want) in [
            ("../../etc/passwd", "etc-passwd"),
            ("/abs/path", "abs-path"),
            ("C:\\Windows\\x", "c-windows-x"),
            ("HO/123 45", "ho-123-45"),
            ("CON", "_con"),
            ("com1.txt", "_com1.txt"),
            ("..", "advert"),
            ("a\0b", "a-b"),
            ("", "advert"),
            ("Devops Engineer (SEO)", "devops-engineer-seo"),
        ] {
            assert_eq!(safe_file_stem(input), want, "{input:?}");
        }
    }

    #[test]
    fn write_atomic_replaces_whole_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = write_atomic(dir.path(), "a.md", b"first").expect("write");
        write_atomic(dir.path(), "a.md", b"second").expect("rewrite");
        assert_eq!(std::fs::read(&p).expect("read"), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_commit_moves_every_staged_file_in_and_records_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        let wanted = strings(&["b.md", "a.md"]);
        let mut tx = Transaction::begin(&out, false, &mut |_| {}).expect("begin");
        tx.check(&wanted).expect("free");
        tx.stage("a.md", b"a").expect("stage");
        tx.stage("b.md", b"b").expect("stage");
        let paths = tx.commit(&wanted).expect("commit");
        assert_eq!(
            paths,
            vec![out.join("b.md"), out.join("a.md")],
            "in the order given"
        );
        assert_eq!(names(&out), strings(&[RECORD, "a.md", "b.md"]));
        assert_eq!(
            std::fs::read_to_string(out.join(RECORD)).expect("record"),
            "a.md\nb.md\n"
        );
    }

    #[test]
    fn a_dropped_transaction_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut tx = Transaction::begin(dir.path(), false, &mut |_| {}).expect("begin");
        tx.check(&strings(&["a.md"])).expect("free");
        tx.stage("a.md", b"a").expect("stage");
        drop(tx);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn only_checked_and_staged_names_are_committed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tx = Transaction::begin(dir.path(), false, &mut |_| {}).expect("begin");
        tx.stage("a.md", b"a").expect("stage");
        assert!(
            tx.commit(&strings(&["a.md"])).is_err(),
            "a.md was not checked"
        );
        let mut tx = Transaction::begin(dir.path(), false, &mut |_| {}).expect("begin");
        tx.check(&strings(&["a.md"])).expect("free");
        assert!(
            tx.commit(&strings(&["a.md"])).is_err(),
            "a.md was not staged"
        );
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn jobgens_own_files_cannot_be_staged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tx = Transaction::begin(dir.path(), false, &mut |_| {}).expect("begin");
        for bad in [RECORD, JOURNAL, "../x.md", "a/b.md", "", "..", "a\nb"] {
            assert!(tx.stage(bad, b"x").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_next_transaction_finishes_a_journaled_commit_and_merges_the_record() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        std::fs::write(out.join(RECORD), "other.md\n").expect("record");
        std::fs::write(out.join("other.md"), "theirs").expect("other");
        std::fs::write(out.join("a.md"), "old a").expect("moved in already");
        let staging = out.join(".jobgen-staging-Ab12Cd");
        std::fs::create_dir(&staging).expect("staging");
        std::fs::write(staging.join("b.md"), "new b").expect("staged");
        std::fs::write(
            out.join(JOURNAL),
            format!("{JOURNAL_HEADER}\nstaging .jobgen-staging-Ab12Cd\na.md\nb.md\n"),
        )
        .expect("journal");
        drop(Transaction::begin(out, false, &mut |_| {}).expect("begin recovers"));
        assert_eq!(names(out), strings(&[RECORD, "a.md", "b.md", "other.md"]));
        assert_eq!(
            std::fs::read_to_string(out.join("b.md")).expect("b"),
            "new b"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(RECORD)).expect("record"),
            "a.md\nb.md\nother.md\n"
        );
    }

    #[test]
    fn recovery_removes_only_what_jobgen_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        for d in [
            ".jobgen-staging-x1y2z3",
            ".jobgen-batch-Q9w8E7",
            ".jobgen-batch-keep",
            "keep",
        ] {
            std::fs::create_dir(out.join(d)).expect("folder");
            std::fs::write(out.join(d).join("f.md"), "x").expect("file");
        }
        for f in [
            ".jobgen-a1B2c3.tmp",
            ".jobgen-notes.tmp",
            "x.tmp",
            ".jobgen-a1B2c3.tmp.md",
        ] {
            std::fs::write(out.join(f), "x").expect("file");
        }
        drop(Transaction::begin(out, false, &mut |_| {}).expect("begin"));
        assert_eq!(
            names(out),
            strings(&[
                ".jobgen-a1B2c3.tmp.md",
                ".jobgen-batch-keep",
                ".jobgen-notes.tmp",
                "keep",
                "x.tmp"
            ])
        );
    }

    #[test]
    fn a_journal_jobgen_did_not_write_is_refused_not_followed() {
        assert!(parse_journal("jobgen journal 1\nstaging ../../etc\na.md\n").is_none());
        assert!(
            parse_journal("jobgen journal 1\nstaging .jobgen-staging-abcdef\n../a\n").is_none()
        );
        assert!(parse_journal("something else\n").is_none());
        let (staging, names) =
            parse_journal("jobgen journal 1\nstaging .jobgen-staging-abcdef\na.md\n").expect("ok");
        assert_eq!(
            (staging, names),
            (".jobgen-staging-abcdef", strings(&["a.md"]))
        );
    }
}
