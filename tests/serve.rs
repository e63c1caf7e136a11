//! `jobgen serve`, the real binary over TCP: its start (address, the warning off this machine,
//! a port in use), its graceful stop on SIGTERM and SIGINT, the reload of `--data`, and its
//! robustness: many clients at once, slow clients, malformed requests. The timeouts are
//! shortened with the hidden `JOBGEN_SERVE_TIMEOUTS` (`server::Limits`) so that each test takes
//! a few seconds; no assertion is about speed.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `jobgen serve`, stopped (SIGKILL) when dropped if a test failed before its stop.
struct Server {
    child: Child,
    port: u16,
    stderr: std::process::ChildStderr,
}

impl Server {
    fn start(args: &[&str], timeouts: &str) -> Server {
        Server::start_with(args, &[], timeouts)
    }

    /// `jobgen ARGS serve --port 0 SERVE_ARGS`.
    fn start_with(args: &[&str], serve_args: &[&str], timeouts: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobgen"))
            .args(args)
            .args(["serve", "--port", "0"])
            .args(serve_args)
            .env("JOBGEN_SERVE_TIMEOUTS", timeouts)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("jobgen starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let rest = line
            .strip_prefix("jobgen serves http://")
            .unwrap_or_else(|| panic!("the first line is `{line}`"));
        let (host, after) = rest.split_once('/').unwrap();
        assert!(
            host.starts_with("127.0.0.1:") || host.starts_with("0.0.0.0:"),
            "{line}"
        );
        assert!(after.starts_with(" (Ctrl-C stops it)"), "{line}");
        let port = host.rsplit_once(':').unwrap().1.parse().unwrap();
        let stderr = child.stderr.take().unwrap();
        Server {
            child,
            port,
            stderr,
        }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
        s
    }

    /// Sends `raw` on a new connection and reads the answer until the server closes it.
    fn exchange(&self, raw: &[u8]) -> Reply {
        let mut s = self.connect();
        let _ = s.write_all(raw);
        Reply::read(&mut s)
    }

    fn get(&self, path: &str) -> Reply {
        self.exchange(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }

    fn post_json(&self, path: &str, body: &str) -> Reply {
        self.exchange(post(path, body).as_bytes())
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }

    /// Waits for the process to end (at most 10 s) and returns its exit code and stderr.
    fn wait(mut self) -> (Option<i32>, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "jobgen serve did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        let _ = self.stderr.read_to_string(&mut err);
        (status.code(), err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn post(path: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// An HTTP/1.1 answer; `status` is 0 when the server closed the connection without one.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn read(s: &mut TcpStream) -> Reply {
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
            return Reply {
                status: 0,
                head: String::from_utf8_lossy(&bytes).into_owned(),
                body: Vec::new(),
            };
        };
        let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut body = bytes[end + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        Reply { status, head, body }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

const VACANCY: &str =
    r#"{"role": "devops-engineer", "level": "3", "org": "home-office", "reference": "HO/1"}"#;

#[test]
fn it_prints_its_address_serves_and_warns_off_this_machine() {
    let local = Server::start(&[], "");
    let r = local.get("/api/orgs");
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.text().contains("home-office"));
    local.signal("TERM");
    let (code, err) = local.wait();
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");

    let wide = Server::start_with(&[], &["--bind", "0.0.0.0"], "");
    assert_eq!(wide.get("/api/grades").status, 200);
    wide.signal("INT");
    let (code, err) = wide.wait();
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("no sign-in") && err.contains("proxy"), "{err}");
}

#[test]
fn a_port_in_use_exits_2_naming_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--port") && err.contains(&port), "{err}");
}

#[test]
fn broken_data_at_start_is_reported_like_generate_and_the_server_does_not_start() {
    let dir = tempfile::tempdir().unwrap();
    org(dir.path(), "name: [unclosed\n");
    let out = Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .arg("--data")
        .arg(dir.path())
        .args(["serve", "--port", "0"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("org.yaml:1"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "it printed an address: {:?}",
        out.stdout
    );
}

#[test]
fn a_bad_timeouts_variable_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .args(["serve", "--port", "0"])
        .env("JOBGEN_SERVE_TIMEOUTS", "headr=5")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("JOBGEN_SERVE_TIMEOUTS") && err.contains("headr"),
        "{err}"
    );
}

/// A request whose body is still arriving when the stop is asked for gets its whole answer,
/// then the server exits 0, and takes no new connection.
#[test]
fn sigterm_and_sigint_stop_it_gracefully() {
    for signal in ["TERM", "INT"] {
        let server = Server::start(&[], "body=5000,grace=5000");
        let whole = post("/api/adverts?format=docx", VACANCY);
        let (first, second) = whole.as_bytes().split_at(whole.len() - 20);
        let mut s = server.connect();
        s.write_all(first).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        server.signal(signal);
        std::thread::sleep(Duration::from_millis(300));
        s.write_all(second).unwrap();
        let r = Reply::read(&mut s);
        assert_eq!(r.status, 200, "{signal}: {r:?}");
        assert!(r.body.starts_with(b"PK"), "{signal}: not a Word document");
        assert!(
            r.head.contains("senior") || r.head.contains(".docx"),
            "{}",
            r.head
        );
        let port = server.port;
        let (code, err) = server.wait();
        assert_eq!(code, Some(0), "{signal}: {err}");
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    }
}

fn org(dir: &Path, yaml: &str) {
    let org = dir.join("orgs/test-dept");
    std::fs::create_dir_all(&org).unwrap();
    std::fs::write(org.join("org.yaml"), yaml).unwrap();
}

#[test]
fn an_edit_to_data_is_served_next_and_a_broken_one_keeps_the_last_good_data() {
    let dir = tempfile::tempdir().unwrap();
    org(dir.path(), "name: First Test Department\n");
    let data = dir.path().to_str().unwrap();
    let server = Server::start(&["--data", data], "");
    let r = server.get("/api/orgs");
    assert!(r.text().contains("First Test Department"), "{}", r.text());
    assert!(
        !r.head
            .to_ascii_lowercase()
            .contains("x-jobgen-data-problem")
    );

    // A different length, so that the change shows where file times are coarse.
    org(dir.path(), "name: The Second Test Department\n");
    let r = server.get("/api/orgs");
    assert!(
        r.text().contains("The Second Test Department"),
        "{}",
        r.text()
    );

    org(dir.path(), "name: [unclosed\n");
    let r = server.get("/api/orgs");
    assert_eq!(r.status, 200);
    assert!(
        r.text().contains("The Second Test Department"),
        "{}",
        r.text()
    );
    let head = r.head.to_ascii_lowercase();
    assert!(
        head.contains("x-jobgen-data-problem: 1 problem(s)"),
        "{}",
        r.head
    );
    assert!(head.contains("org.yaml:1"), "{}", r.head);
    // Every page says so too, with the located error, and still shows the last good data.
    for path in ["/", "/orgs", "/roles/devops-engineer", "/no-such-page"] {
        let page = server.get(path).text();
        assert!(
            page.contains("The data files changed and cannot be loaded")
                && page.contains("org.yaml:1"),
            "{path}: {page}"
        );
    }
    assert!(
        server
            .get("/orgs")
            .text()
            .contains("The Second Test Department")
    );

    org(dir.path(), "name: Third Test Department, fixed\n");
    let r = server.get("/api/orgs");
    assert!(
        r.text().contains("Third Test Department, fixed"),
        "{}",
        r.text()
    );
    assert!(
        !r.head
            .to_ascii_lowercase()
            .contains("x-jobgen-data-problem")
    );
    assert!(
        !server
            .get("/orgs")
            .text()
            .contains("The data files changed")
    );
}

#[test]
fn sixty_four_clients_at_once_get_the_same_document() {
    let server = Server::start(&[], "");
    let documents: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..64)
            .map(|_| {
                scope.spawn(|| {
                    (0..2)
                        .map(|_| {
                            let r = server.post_json("/api/adverts?format=docx", VACANCY);
                            assert_eq!(r.status, 200, "{r:?}");
                            r.body
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect()
    });
    assert_eq!(documents.len(), 128);
    assert!(documents[0].starts_with(b"PK"));
    assert!(documents.iter().all(|d| *d == documents[0]));
}

/// A client that sends its headers a byte at a time is cut off at the header timeout, and
/// others are served meanwhile.
#[test]
fn a_slow_client_is_cut_off_and_others_are_served_meanwhile() {
    let server = Server::start(&[], "header=1000,body=1000");
    let mut slow = server.connect();
    let trickle = std::thread::spawn(move || {
        let started = Instant::now();
        for b in b"GET /api/orgs HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaa\r\n\r\n" {
            if slow.write_all(&[*b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
            // Once the server closed it (or answered it), a read returns at once.
            slow.set_nonblocking(true).unwrap();
            let mut buf = [0u8; 256];
            let closed = match slow.read(&mut buf) {
                Ok(_) => true,
                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
            };
            slow.set_nonblocking(false).unwrap();
            if closed {
                return Some(started.elapsed());
            }
        }
        None
    });
    let mut served = 0;
    while !trickle.is_finished() {
        assert_eq!(server.get("/api/grades").status, 200);
        served += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    let cut = trickle.join().unwrap();
    let cut = cut.expect("the slow client was never cut off");
    // A connection that sends nothing at all is closed at the same timeout.
    let mut idle = server.connect();
    let started = Instant::now();
    assert_eq!(Reply::read(&mut idle).status, 0);
    assert!(started.elapsed() < Duration::from_secs(7));
    // Its whole request would have taken 14 s; it was cut off well before.
    assert!(cut < Duration::from_secs(8), "{cut:?}");
    assert!(served >= 3, "{served}");
}

/// A client that sends half a body and stops gets 408 or a closed connection.
#[test]
fn a_stalled_body_gets_408_or_a_closed_connection() {
    let server = Server::start(&[], "header=1000,body=1000");
    let whole = post("/api/adverts", VACANCY);
    let mut s = server.connect();
    s.write_all(&whole.as_bytes()[..whole.len() - 30]).unwrap();
    let started = Instant::now();
    let r = Reply::read(&mut s);
    assert!(r.status == 408 || r.status == 0, "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(7));
    assert_eq!(server.get("/api/grades").status, 200);
}

#[test]
fn malformed_requests_get_4xx_or_a_closed_connection_and_the_server_goes_on() {
    let server = Server::start(&[], "header=1000,body=1000");
    let huge_header = format!(
        "GET /api/orgs HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(200 * 1024)
    );
    let long_line = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", (0..=255u8).cycle().take(4096).collect()),
        ("huge header", huge_header.into_bytes()),
        ("request line of 100 KB", long_line.into_bytes()),
        ("invalid method", b"G\x01T /api/orgs HTTP/1.1\r\nHost: x\r\n\r\n".to_vec()),
        ("unknown method", b"BREW /api/orgs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec()),
        ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec()),
        ("bad version", b"GET /api/orgs HTTP/9.9\r\nHost: x\r\n\r\n".to_vec()),
        ("two lengths", b"POST /api/adverts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}".to_vec()),
        ("negative length", b"POST /api/adverts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n".to_vec()),
        ("bad chunk", b"POST /api/adverts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".to_vec()),
    ];
    for (what, raw) in cases {
        let r = server.exchange(&raw);
        assert!(
            r.status == 0 || (400..500).contains(&r.status),
            "{what}: {r:?}"
        );
        assert_eq!(server.get("/api/grades").status, 200, "after {what}");
    }
    // HTTP/1.0 is answered, and the connection closed after it.
    let r = server.exchange(b"GET /api/grades HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.head.starts_with("HTTP/1."));
}

/// A body over 1 MiB sent in chunks, with no length to check first, is refused with 413 once
/// it passes the limit (or the connection is closed before the server read all of it).
#[test]
fn a_chunked_body_over_one_mib_is_413() {
    let server = Server::start(&[], "");
    let mut s = server.connect();
    s.write_all(
        b"POST /api/adverts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
    let mut sent_all = true;
    for _ in 0..40 {
        if s.write_all(chunk.as_bytes()).is_err() {
            sent_all = false;
            break;
        }
    }
    if sent_all {
        let _ = s.write_all(b"0\r\n\r\n");
    }
    let r = Reply::read(&mut s);
    assert!(
        r.status == 413 || (r.status == 0 && !sent_all),
        "sent all: {sent_all}, {r:?}"
    );
    assert_eq!(server.get("/api/grades").status, 200);
}
