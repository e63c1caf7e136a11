//! Helpers for the web app's tests: the app on the built-in data (loaded once), a request sent
//! in process with tower's `oneshot` and what came back, and the files the jobgen binary writes
//! for the same input, to compare downloads with.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use jobgen::web::{App, router};
use tower::ServiceExt;

/// The app on the built-in data, loaded once for the whole test binary.
pub fn app() -> Arc<App> {
    static APP: OnceLock<Arc<App>> = OnceLock::new();
    APP.get_or_init(|| Arc::new(App::load(Vec::new(), None).expect("built-in data loads")))
        .clone()
}

/// What a request got back.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            )
        })
    }

    /// The value of header `name`, which must be there.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .expect("header is text")
    }
}

/// Sends `request` to a fresh router over `app`.
pub async fn send(app: Arc<App>, request: Request<Body>) -> Reply {
    let response = router(app)
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

/// `GET uri` on `app`.
pub async fn get(app: Arc<App>, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

/// Runs `future` to its end on a runtime of its own, for tests that are not async.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// Runs the jobgen binary with `args` and `--out out` in a new folder holding `files`: every
/// file it wrote, by name (its own hidden files, such as `.jobgen-written`, left out), or what
/// it printed on standard error when it failed.
pub fn written_by_jobgen(
    args: &[&str],
    files: &[(&str, &[u8])],
) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("input file");
    }
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .current_dir(dir.path())
        .args(args)
        .args(["--out", "out"])
        .output()
        .expect("jobgen runs");
    if !run.status.success() {
        return Err(String::from_utf8_lossy(&run.stderr).into_owned());
    }
    Ok(std::fs::read_dir(dir.path().join("out"))
        .expect("out folder")
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("written file"),
            )
        })
        .collect())
}

/// The one file jobgen wrote for `args`: its name and bytes.
pub fn one_file_by_jobgen(
    args: &[&str],
    files: &[(&str, &[u8])],
) -> Result<(String, Vec<u8>), String> {
    let mut written = written_by_jobgen(args, files)?;
    assert_eq!(written.len(), 1, "{:?}", written.keys());
    Ok(written.pop_first().expect("one file"))
}
