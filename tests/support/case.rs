//! A command-line case: a fresh folder with the files a user would have, one or more runs of the
//! real binary in it, and assertions on what it printed, its exit code and the files it wrote.
//! Every failed assertion names the command and shows what jobgen printed.
//!
//! ```ignore
//! Case::new()
//!     .file("v.yaml", "role: devops-engineer\nlevel: 3\nsalery: £40,000\n")
//!     .args(["generate", "--vacancy", "v.yaml"])
//!     .run()
//!     .fails_with(1)
//!     .stderr_contains("did you mean `salary`?");
//! ```

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::rc::Rc;

/// A fresh temporary folder, the files in it and the arguments of the run.
pub struct Case {
    dir: Rc<tempfile::TempDir>,
    exe: PathBuf,
    args: Vec<OsString>,
}

impl Default for Case {
    fn default() -> Self {
        Self::new()
    }
}

impl Case {
    /// An empty folder; `run` runs the binary cargo built, with no arguments yet.
    pub fn new() -> Self {
        Case {
            dir: Rc::new(tempfile::tempdir().expect("temp dir")),
            exe: PathBuf::from(env!("CARGO_BIN_EXE_jobgen")),
            args: Vec::new(),
        }
    }

    /// Writes `text` to `path` (relative to the folder, parent folders made as needed).
    pub fn file(self, path: &str, text: &str) -> Self {
        self.write(path, text);
        self
    }

    /// Adds arguments to the command line.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Runs a copy of the binary placed in the folder, as a user who copied it there alone would.
    pub fn binary_copied_into_the_folder(mut self) -> Self {
        let exe = self.dir.path().join("jobgen");
        std::fs::copy(&self.exe, &exe).expect("copy binary");
        self.exe = exe;
        self
    }

    /// Runs jobgen in the folder with the arguments given by `args`.
    #[track_caller]
    pub fn run(&self) -> Outcome {
        self.run_with(self.args.clone())
    }

    /// Runs jobgen in the same folder with other arguments (a second command of the same case).
    #[track_caller]
    pub fn run_with<I, S>(&self, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let output = std::process::Command::new(&self.exe)
            .args(&args)
            .current_dir(self.dir.path())
            .output()
            .expect("jobgen runs");
        let command = std::iter::once("jobgen".to_string())
            .chain(args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        Outcome {
            dir: Rc::clone(&self.dir),
            command,
            output,
        }
    }

    /// Writes (or rewrites) a file in the folder between runs.
    pub fn write(&self, path: &str, text: &str) {
        let p = self.path(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
    }

    /// The text of a file in the folder.
    #[track_caller]
    pub fn read(&self, path: &str) -> String {
        read(&self.path(path))
    }

    /// `path` inside the folder.
    pub fn path(&self, path: &str) -> PathBuf {
        self.dir.path().join(path)
    }
}

#[track_caller]
fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// What one run printed and returned; it keeps the case's folder alive to read what it wrote.
pub struct Outcome {
    dir: Rc<tempfile::TempDir>,
    command: String,
    output: Output,
}

impl Outcome {
    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// The exit code (None if killed by a signal).
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// The run exited with 0.
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert!(
            self.output.status.success(),
            "`{}` failed ({}):\n{}",
            self.command,
            self.output.status,
            self.stderr()
        );
        self
    }

    /// The run exited with `code`.
    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            Some(code),
            "exit code of `{}`; stderr:\n{}",
            self.command,
            self.stderr()
        );
        self
    }

    /// Standard output is exactly `expected`.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout(), expected, "stdout of `{}`", self.command);
        self
    }

    /// Standard output contains `part`.
    #[track_caller]
    pub fn stdout_contains(&self, part: &str) -> &Self {
        let out = self.stdout();
        assert!(
            out.contains(part),
            "stdout of `{}` lacks {part:?}:\n{out}",
            self.command
        );
        self
    }

    /// Standard output does not contain `part`.
    #[track_caller]
    pub fn stdout_lacks(&self, part: &str) -> &Self {
        let out = self.stdout();
        assert!(
            !out.contains(part),
            "stdout of `{}` has {part:?}:\n{out}",
            self.command
        );
        self
    }

    /// Standard error is exactly `expected`.
    #[track_caller]
    pub fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr(), expected, "stderr of `{}`", self.command);
        self
    }

    /// Standard error contains `part`.
    #[track_caller]
    pub fn stderr_contains(&self, part: &str) -> &Self {
        let err = self.stderr();
        assert!(
            err.contains(part),
            "stderr of `{}` lacks {part:?}:\n{err}",
            self.command
        );
        self
    }

    /// The text of a file the run wrote, relative to the case's folder.
    #[track_caller]
    pub fn file(&self, path: &str) -> String {
        read(&self.path(path))
    }

    /// The run left nothing at `path` (relative to the case's folder).
    #[track_caller]
    pub fn no_file(&self, path: &str) -> &Self {
        assert!(
            !self.path(path).exists(),
            "`{}` wrote {path}, which should not exist",
            self.command
        );
        self
    }

    /// `path` inside the case's folder.
    pub fn path(&self, path: &str) -> PathBuf {
        self.dir.path().join(path)
    }
}
