//! Writing files: safe names and atomic writes.
//!
//! This is the only module that writes to disk. A file is written to a temporary file in the
//! same folder and renamed into place, so a reader (or a crash) never sees half a file. Names
//! made from ids and references pass through [`safe_file_stem`], which keeps them inside the
//! output folder.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Turns any text (an id, a reference) into a file name stem that cannot leave its folder:
/// letters, digits, `-`, `_` and `.` only (everything else becomes `-`), no leading dot or dash,
/// no Windows reserved device name, at most 80 characters. Empty input gives `advert`.
pub fn safe_file_stem(text: &str) -> String {
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
pub const RECORD: &str = ".jobgen-written";

/// An output folder and the record of the files jobgen wrote in it. jobgen replaces a file only
/// if it wrote it (or with `force`): a file of the same name that a person put there is never
/// overwritten by surprise.
pub struct OutDir {
    /// The folder.
    pub dir: PathBuf,
    written: std::collections::BTreeSet<String>,
    force: bool,
}

impl OutDir {
    /// Opens `dir` (which need not exist yet) and reads its record.
    pub fn open(dir: &Path, force: bool) -> OutDir {
        let written = std::fs::read_to_string(dir.join(RECORD))
            .map(|t| t.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        OutDir {
            dir: dir.to_path_buf(),
            written,
            force,
        }
    }

    /// Checks that each name can be written: it does not exist, or jobgen wrote it, or `force`.
    /// A name that is a folder can never be written.
    pub fn check(&self, names: &[String]) -> Result<(), crate::diagnostics::Diagnostics> {
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
        problems.into_result(())
    }

    /// Records `names` as written by jobgen and saves the record (atomically).
    pub fn record<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), WriteError> {
        self.written.extend(names.into_iter().map(str::to_owned));
        let mut text = String::new();
        for n in &self.written {
            text.push_str(n);
            text.push('\n');
        }
        write_atomic(&self.dir, RECORD, text.as_bytes()).map(|_| ())
    }
}

/// Writes `bytes` to `staging/name`, a file in a private staging folder that is moved into place
/// later (the batch's staging folder). No one else sees the folder, so there is no temporary file,
/// and no fsync per file: at 0.4 ms a file it would double the time of a batch, and the rename
/// into place is what makes the files appear whole or not at all.
pub fn write_staged(staging: &Path, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let path = staging.join(name);
    std::fs::write(&path, bytes).map_err(|source| WriteError { path, source })
}

/// Writes `bytes` to `dir/name` atomically (temporary file in `dir`, then rename), creating
/// `dir` if needed. `name` must come from [`safe_file_stem`] plus an extension.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
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
}
