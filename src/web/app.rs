//! What every request shares: the loaded session, read-only, and the reload of the user's
//! `--data` and `--templates` folders when a file in them changes.
//!
//! A request asks [`App::current`] for the data. When the folders' files (names, sizes, times)
//! differ from those last loaded, the data is loaded again first, so the next request after an
//! edit sees it. A change that breaks the data keeps the last good session served, with the
//! problem beside it for every page to show, until the files change again.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use crate::diagnostics::Diagnostics;
use crate::{Error, Session};

/// The session every request reads, and why the files on disk could not replace it, if they
/// could not.
pub struct Loaded {
    /// The data and templates last loaded without a problem.
    pub session: Arc<Session>,
    /// The problems of the files on disk when they last changed and failed to load; the session
    /// is then the last good one.
    pub problem: Option<Arc<Diagnostics>>,
    /// The fingerprint of the files last tried.
    fingerprint: u64,
}

/// The state shared by every request: where the data comes from, and what was loaded.
pub struct App {
    data_dirs: Vec<PathBuf>,
    template_dir: Option<PathBuf>,
    current: RwLock<Arc<Loaded>>,
    /// Held while the files are loaded again, so that two requests never load them at once.
    reloading: Mutex<()>,
}

impl App {
    /// Loads the built-in data with the user's folders laid over them. Fails, with every
    /// problem, when they cannot be loaded: the server does not start on broken data.
    pub fn load(data_dirs: Vec<PathBuf>, template_dir: Option<PathBuf>) -> Result<App, Error> {
        let fingerprint = fingerprint(&data_dirs, template_dir.as_deref());
        let session = Session::load(&data_dirs, template_dir.as_deref())?;
        Ok(App::with_session(
            session,
            data_dirs,
            template_dir,
            fingerprint,
        ))
    }

    /// An app over a session already loaded (tests); `data_dirs` and `template_dir` are watched
    /// as [`App::load`] watches them.
    pub fn with_session(
        session: Session,
        data_dirs: Vec<PathBuf>,
        template_dir: Option<PathBuf>,
        fingerprint: u64,
    ) -> App {
        App {
            data_dirs,
            template_dir,
            current: RwLock::new(Arc::new(Loaded {
                session: Arc::new(session),
                problem: None,
                fingerprint,
            })),
            reloading: Mutex::new(()),
        }
    }

    /// Whether any folder is watched: without `--data` or `--templates` the data is the
    /// built-in data, which cannot change.
    fn watches(&self) -> bool {
        !self.data_dirs.is_empty() || self.template_dir.is_some()
    }

    /// The session to serve this request with: the one loaded, or, when the watched files
    /// changed since, the files loaded again (or the last good session and the problem).
    /// Blocking: it reads the file system, so call it off the async threads.
    pub fn current(&self) -> Arc<Loaded> {
        let loaded = self.loaded();
        if !self.watches() {
            return loaded;
        }
        let now = fingerprint(&self.data_dirs, self.template_dir.as_deref());
        if now == loaded.fingerprint {
            return loaded;
        }
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|e| e.into_inner());
        // Another request may have loaded the same files while this one waited.
        let loaded = self.loaded();
        if now == loaded.fingerprint {
            return loaded;
        }
        let next = match Session::load(&self.data_dirs, self.template_dir.as_deref()) {
            Ok(session) => Loaded {
                session: Arc::new(session),
                problem: None,
                fingerprint: now,
            },
            Err(e) => Loaded {
                session: loaded.session.clone(),
                problem: Some(Arc::new(e.diagnostics())),
                fingerprint: now,
            },
        };
        let next = Arc::new(next);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = next.clone();
        next
    }

    fn loaded(&self) -> Arc<Loaded> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// A hash of every file under the folders: its path, size and modification time. Any edit,
/// new file or removal changes it (a folder that does not exist hashes as such).
pub fn fingerprint(data_dirs: &[PathBuf], template_dir: Option<&Path>) -> u64 {
    // SipHash with fixed keys: the same files give the same value in every process.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    for dir in data_dirs.iter().map(PathBuf::as_path).chain(template_dir) {
        dir.hash(&mut h);
        walk(dir, &mut h, 0);
    }
    h.finish()
}

/// Folders deeper than this are not watched: data is `orgs/<id>/templates/<file>` at most.
const MAX_DEPTH: usize = 8;

fn walk(dir: &Path, h: &mut impl Hasher, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        0u8.hash(h);
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        path.hash(h);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, h, depth + 1);
            }
            continue;
        }
        meta.len().hash(h);
        if let Ok(t) = meta.modified() {
            t.hash(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(dir: &Path, name: &str) {
        let org = dir.join("orgs/test-dept");
        std::fs::create_dir_all(&org).unwrap();
        std::fs::write(org.join("org.yaml"), format!("name: {name}\n")).unwrap();
    }

    fn name(app: &App) -> String {
        app.current().session.data.orgs["test-dept"]
            .org
            .name
            .clone()
    }

    #[test]
    fn an_edit_is_seen_by_the_next_request_and_a_broken_edit_keeps_the_last_good_data() {
        let dir = tempfile::tempdir().unwrap();
        org(dir.path(), "First Department");
        let app = App::load(vec![dir.path().to_path_buf()], None).unwrap();
        assert_eq!(name(&app), "First Department");
        assert!(app.current().problem.is_none());

        // A different length, so that the change shows even where times are coarse.
        org(dir.path(), "The Second Department");
        assert_eq!(name(&app), "The Second Department");

        let yaml = dir.path().join("orgs/test-dept/org.yaml");
        std::fs::write(&yaml, "name: [unclosed\n").unwrap();
        let broken = app.current();
        assert_eq!(
            broken.session.data.orgs["test-dept"].org.name,
            "The Second Department"
        );
        let problem = broken
            .problem
            .as_ref()
            .expect("the broken file is reported");
        let shown = problem.to_string();
        assert!(shown.contains("org.yaml"), "{shown}");

        org(dir.path(), "Third Department, fixed");
        let fixed = app.current();
        assert!(fixed.problem.is_none());
        assert_eq!(name(&app), "Third Department, fixed");
    }

    #[test]
    fn without_folders_nothing_is_watched() {
        let app = App::load(Vec::new(), None).unwrap();
        let a = app.current();
        let b = app.current();
        assert!(Arc::ptr_eq(&a, &b));
    }
}
