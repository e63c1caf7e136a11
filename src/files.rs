//! The built-in data and templates, and the folders that override them file by file.
//!
//! `data/` and `templates/` are compiled into the binary, so an installed jobgen works from any
//! directory. A folder given with `--data` or `--templates` is laid over them: a file there
//! replaces the built-in file with the same relative path, and new files add to the set. This
//! module is the only place that reads input files from disk (vacancy files included), and every
//! error names the path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::Diagnostic;

static BUILTIN_DATA: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");
static BUILTIN_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Input files larger than this are refused: no hand-written data file comes near it, and YAML
/// parsing of hostile multi-megabyte input is slow.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The text of one input file and the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// How messages name the file: its path on disk, or `data/grades.yaml (built-in)`.
    pub display: String,
    /// Its content.
    pub text: String,
    /// True for files compiled into the binary.
    pub builtin: bool,
}

/// A set of files by relative path (`roles/devops-engineer.yaml`), later layers winning.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    files: BTreeMap<String, Source>,
}

impl Layers {
    /// The built-in data files.
    pub fn builtin_data() -> Self {
        Self::from_dir(&BUILTIN_DATA, "data")
    }

    /// The built-in templates.
    pub fn builtin_templates() -> Self {
        Self::from_dir(&BUILTIN_TEMPLATES, "templates")
    }

    fn from_dir(dir: &Dir<'_>, label: &str) -> Self {
        let mut layers = Layers::default();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            stack.extend(d.dirs());
            for f in d.files() {
                let rel = f.path().to_string_lossy().replace('\\', "/");
                if let Some(text) = f.contents_utf8() {
                    layers.files.insert(
                        rel.clone(),
                        Source {
                            display: format!("{label}/{rel} (built-in)"),
                            text: text.to_owned(),
                            builtin: true,
                        },
                    );
                }
            }
        }
        layers
    }

    /// Lays the files under `dir` over these, collecting a problem for each file that cannot be
    /// read. Hidden files and folders (`.git`) are skipped. Linked files and folders are
    /// followed (a department's folder may live elsewhere), except a link to a folder that
    /// contains it: following that would never end, so it is reported.
    pub fn overlay(&mut self, dir: &Path, problems: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            problems.push(
                Diagnostic::new(format!("{} is not a folder", dir.display()))
                    .help("give a folder that holds files laid out like the built-in ones"),
            );
            return;
        }
        // Each folder to read, with the real paths of the folders it is inside (itself included).
        let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut stack = vec![(dir.to_path_buf(), vec![root])];
        while let Some((d, ancestors)) = stack.pop() {
            let entries = match std::fs::read_dir(&d) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Diagnostic::new(format!(
                        "cannot read folder {}: {e}",
                        d.display()
                    )));
                    continue;
                }
            };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let hidden = path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if hidden {
                    continue;
                }
                if path.is_dir() {
                    let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                    if let Some(outer) = ancestors.iter().position(|a| *a == real) {
                        // The folder shown is the one on the way down that the link leads back to.
                        let shown = path.ancestors().nth(ancestors.len() - outer).unwrap_or(dir);
                        problems.push(
                            Diagnostic::new(format!(
                                "{} links back to {}, a folder that contains it",
                                path.display(),
                                shown.display()
                            ))
                            .help("remove the link, or point it at a folder outside this one"),
                        );
                        continue;
                    }
                    let mut inner = ancestors.clone();
                    inner.push(real);
                    stack.push((path, inner));
                    continue;
                }
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                match read_text(&path) {
                    Ok(text) => {
                        self.files.insert(
                            rel,
                            Source {
                                display: path.display().to_string(),
                                text,
                                builtin: false,
                            },
                        );
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
    }

    /// The file at `rel`, if any layer has it.
    pub fn get(&self, rel: &str) -> Option<&Source> {
        self.files.get(rel)
    }

    /// Every file whose relative path starts with `prefix`, in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Source)> {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v))
    }
}

/// Reads a UTF-8 text file, refusing files over [`MAX_FILE_BYTES`].
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_text_limited(path, MAX_FILE_BYTES)
}

/// Reads a UTF-8 text file, refusing files over `limit` bytes. The limit applies to the bytes
/// read, not to the length the file system reports, so that pipes (`<(cat file)`), `/dev/stdin`
/// and devices such as `/dev/zero` are held to it too.
pub(crate) fn read_text_limited(path: &Path, limit: u64) -> Result<String, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::new(format!("cannot read {shown}: {e}"))
            .help("check the file's name and folder")
    })?;
    let too_big = |size: String| {
        Diagnostic::new(format!(
            "{shown} is {size} bytes; this input may be at most {limit} bytes"
        ))
        .in_file(&shown)
        .help("split the file, or check that it is the file you meant")
    };
    // A regular file says how big it is: refuse it without reading it.
    let reported = file.metadata().map(|m| m.len()).unwrap_or(0);
    if reported > limit {
        return Err(too_big(reported.to_string()));
    }
    let mut bytes = Vec::with_capacity(reported.min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::new(format!("cannot read {shown}: {e}")).in_file(&shown))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(format!("more than {limit}")));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        let text = String::from_utf8_lossy(bytes);
        Diagnostic::new("the file is not UTF-8 text")
            .in_file(&shown)
            .at(&text, line, 1)
            .help(
                "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_the_bytes_read_not_the_reported_length() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("v.yaml");
        std::fs::write(&path, "x".repeat(11)).expect("write");
        assert_eq!(
            read_text_limited(&path, 11).expect("at the limit"),
            "x".repeat(11)
        );
        let err = read_text_limited(&path, 10).expect_err("over the limit");
        assert!(
            err.message
                .ends_with("is 11 bytes; this input may be at most 10 bytes"),
            "{err}"
        );
        #[cfg(unix)]
        {
            let err = read_text_limited(Path::new("/dev/zero"), 10).expect_err("endless");
            assert_eq!(
                err.message,
                "/dev/zero is more than 10 bytes; this input may be at most 10 bytes"
            );
        }
    }
}
