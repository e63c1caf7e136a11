//! Untrusted text and hostile files: whatever a vacancy holds, every output is well-formed, its
//! text survives as text, and nothing escapes the output folder.

mod support;

use proptest::prelude::*;

use jobgen::model::{Text, Vacancy};
use jobgen::request::Request;
use jobgen::{Format, Session};
use support::readback;

fn session() -> &'static Session {
    static S: std::sync::OnceLock<Session> = std::sync::OnceLock::new();
    S.get_or_init(|| Session::load(&[], None).unwrap_or_else(|e| panic!("{e}")))
}

/// What a field's text becomes on the page: white space runs (line breaks included) are one
/// space, control characters go, the ends are trimmed.
fn expected(field: &str) -> String {
    let cleaned: String = field
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    cleaned
        .split(' ')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn render(location: &str, salary: &str) -> Vec<jobgen::Encoded> {
    let req = Request::new(Vacancy {
        org: Some(Text("home-office".into())),
        role: Some(Text("devops-engineer".into())),
        level: Some(Text("3".into())),
        location: Some(Text(location.into())),
        salary: Some(Text(salary.into())),
        ..Vacancy::default()
    });
    let s = session();
    let advert = s.advert(&req).expect("merges");
    s.documents(&advert, "advert", &[Format::MD, Format::HTML, Format::DOCX])
        .expect("renders")
}

fn row(blocks: &[String], label: &str) -> Option<String> {
    blocks
        .iter()
        .position(|b| b == label)
        .and_then(|i| blocks.get(i + 1).cloned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn any_unicode_in_a_field_stays_text_in_every_format(
        location in "\\PC{0,40}|[<>&*_#|\\[\\]()!`\\\\~\\-+=.0-9 \\n\\t\u{200b}\u{200f}\u{202e}\u{2028}\u{feff}😀é]{0,40}",
        salary in any::<String>().prop_map(|s| s.chars().take(40).collect::<String>()),
    ) {
        let docs = render(&location, &salary);
        let md = String::from_utf8(docs[0].bytes.clone()).expect("UTF-8 Markdown");
        let html = String::from_utf8(docs[1].bytes.clone()).expect("UTF-8 HTML");
        let md_blocks = readback::markdown_blocks(&md);
        let want_location = expected(&location);
        let want_salary = expected(&salary);
        let shown = |s: &str| if s.is_empty() { "To be confirmed".to_string() } else { s.to_string() };
        // Markdown round-trips the text of the field.
        prop_assert_eq!(row(&md_blocks, "Location"), Some(shown(&want_location)));
        prop_assert_eq!(row(&md_blocks, "Salary"), Some(shown(&want_salary)));
        // The page holds the same text, and no markup came from the field.
        let html_blocks = readback::html_blocks(&html);
        prop_assert_eq!(&html_blocks, &md_blocks);
        prop_assert!(!html.contains("<script") && !html.contains("<img"));
        // The Word document parses and holds the same text.
        let docx_blocks = readback::docx_blocks(&docs[2].bytes).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&docx_blocks, &md_blocks);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Whatever a vacancies file holds, reading it gives vacancies and located problems or one
    /// located error: the YAML index under it never panics, and every position it gives is a
    /// line of the file.
    #[test]
    fn any_text_as_a_vacancies_list_gives_requests_or_a_located_error(
        text in "[-:\\[\\]{},&*!|>'\" \n\tabé0-9\u{feff}#?]{0,200}",
    ) {
        let positions = jobgen::yaml::Positions::index(&text);
        for item in &positions.items {
            prop_assert!(item.pos.line <= text.lines().count().max(1));
        }
        if let Ok((requests, problems)) = jobgen::request::vacancies_from_str("v.yaml", &text) {
            for d in &problems.0 {
                prop_assert!(d.line.is_some(), "{}", d);
            }
            for r in &requests {
                let _ = r.locate("level", jobgen::diagnostics::Diagnostic::new("x")).to_string();
            }
        }
    }
}

#[test]
fn script_and_event_handlers_in_fields_show_as_text() {
    let docs = render(
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](https://e.example/i.png)",
    );
    let html = String::from_utf8(docs[1].bytes.clone()).expect("utf-8");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains(
        "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) ![i](https://e.example/i.png)"
    ));
    assert!(!html.contains("href=\"javascript"));
    let xml = {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docs[2].bytes)).expect("zip");
        let mut s = String::new();
        z.by_name("word/document.xml")
            .expect("document")
            .read_to_string(&mut s)
            .expect("read");
        s
    };
    assert!(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!xml.contains("javascript:alert(1)\" TargetMode"));
}

#[test]
fn a_100_megabyte_vacancy_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = std::fs::File::create(dir.path().join("big.yaml")).expect("create");
    f.set_len(100 * 1024 * 1024).expect("sparse file");
    let out = support::jobgen_in(dir.path(), &["generate", "--vacancy", "big.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = support::stderr(&out);
    assert!(
        err.contains("big.yaml is 104857600 bytes; this input may be at most 4194304 bytes"),
        "{err}"
    );
}

#[test]
fn very_long_fields_and_lines_render() {
    let long = "a".repeat(200_000);
    let docs = render(&long, &"£".repeat(50_000));
    assert!(
        readback::docx_blocks(&docs[2].bytes)
            .expect("reads")
            .contains(&long)
    );
}

#[test]
fn references_cannot_name_a_file_outside_the_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = "- { role: devops-engineer, level: 3, reference: ../../escape }\n- { role: devops-engineer, level: 3, reference: /etc/passwd }\n- { role: devops-engineer, level: 3, reference: 'C:\\Windows\\evil' }\n- { role: devops-engineer, level: 3, reference: CON }\n- { role: devops-engineer, level: 3, reference: \"nul\\0byte\" }\n";
    std::fs::write(dir.path().join("v.yaml"), list).expect("write");
    let out = support::jobgen_in(
        dir.path(),
        &["batch", "--vacancies", "v.yaml", "--out", "out"],
    );
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert_eq!(
        support::stdout(&out),
        "out/escape.md\nout/etc-passwd.md\nout/c-windows-evil.md\nout/_con.md\nout/nul-byte.md\nout/index.md\nout/lint.json\n"
    );
    let mut everything: Vec<String> = Vec::new();
    for e in walk(dir.path()) {
        everything.push(
            e.strip_prefix(dir.path())
                .expect("inside")
                .display()
                .to_string(),
        );
    }
    everything.sort();
    assert_eq!(
        everything,
        [
            "out/.jobgen-written",
            "out/_con.md",
            "out/c-windows-evil.md",
            "out/escape.md",
            "out/etc-passwd.md",
            "out/index.md",
            "out/lint.json",
            "out/nul-byte.md",
            "v.yaml"
        ]
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("list").filter_map(Result::ok) {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn a_file_jobgen_did_not_write_is_never_replaced_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("devops-engineer.md"), "my own notes").expect("write");
    let args = ["generate", "--role", "devops-engineer", "--level", "3"];
    let refused = support::jobgen_in(dir.path(), &args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        support::stderr(&refused)
            .contains("output/devops-engineer.md exists and jobgen did not write it"),
        "{}",
        support::stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("devops-engineer.md")).expect("read"),
        "my own notes"
    );
    let forced = support::jobgen_in(dir.path(), &[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", support::stderr(&forced));
    // Now jobgen wrote it, so it replaces it again without --force.
    assert!(support::jobgen_in(dir.path(), &args).status.success());
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_replaced_never_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "precious").expect("write");
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::os::unix::fs::symlink(&outside, out.join("devops-engineer.md")).expect("symlink");
    let args = ["generate", "--role", "devops-engineer", "--level", "3"];
    assert_eq!(
        support::jobgen_in(dir.path(), &args).status.code(),
        Some(1),
        "not jobgen's file"
    );
    let forced = support::jobgen_in(dir.path(), &[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", support::stderr(&forced));
    assert_eq!(
        std::fs::read_to_string(&outside).expect("read"),
        "precious",
        "the target is untouched"
    );
    assert!(
        !std::fs::symlink_metadata(out.join("devops-engineer.md"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_batch_that_would_replace_a_stranger_file_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("index.md"), "my index").expect("write");
    let run = support::jobgen_in(dir.path(), &["batch", "--role", "devops-engineer"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(support::stderr(&run).contains("output/index.md exists and jobgen did not write it"));
    let names: Vec<_> = std::fs::read_dir(&out)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing else written");
}

#[test]
fn an_output_path_that_cannot_be_a_folder_gives_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("not-a-folder"), "x").expect("write");
    let run = support::jobgen_in(
        dir.path(),
        &[
            "generate",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--out",
            "not-a-folder/sub",
        ],
    );
    assert_eq!(run.status.code(), Some(3));
    let err = support::stderr(&run);
    assert!(
        err.starts_with("error: cannot write not-a-folder/sub:"),
        "{err}"
    );
}

/// Runs jobgen in `dir` with `args`, `stdin` piped in from a thread, killed after `secs`
/// seconds and limited to 1 GiB of address space, so that a regression fails the test instead
/// of hanging it or exhausting the machine's memory.
#[cfg(unix)]
fn jobgen_bounded(
    dir: &std::path::Path,
    args: &[&str],
    stdin: Option<Vec<u8>>,
    secs: u64,
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_jobgen"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jobgen runs");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // jobgen stops reading at the limit: the broken pipe that follows is expected.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
#[test]
fn a_vacancy_read_from_dev_zero_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jobgen_bounded(
        dir.path(),
        &["generate", "--vacancy", "/dev/zero"],
        None,
        30,
    );
    let err = support::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "/dev/zero is more than 4194304 bytes; this input may be at most 4194304 bytes"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_ten_megabyte_vacancy_through_a_pipe_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut big = b"role: devops-engineer\nlevel: \"3\"\n".to_vec();
    big.extend(std::iter::repeat_n(b"# padding\n", 1024 * 1024).flatten());
    let out = jobgen_bounded(
        dir.path(),
        &["generate", "--vacancy", "/dev/stdin", "--out", "-"],
        Some(big),
        30,
    );
    let err = support::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "/dev/stdin is more than 4194304 bytes; this input may be at most 4194304 bytes"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn two_links_to_their_own_folder_in_data_or_templates_are_reported_not_followed_forever() {
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in ["mydata", "mytemplates"] {
        let f = dir.path().join(folder);
        std::fs::create_dir_all(&f).expect("mkdir");
        std::os::unix::fs::symlink(".", f.join("a")).expect("symlink");
        std::os::unix::fs::symlink(".", f.join("b")).expect("symlink");
    }
    for args in [
        &["--data", "mydata", "list", "roles"][..],
        &["--templates", "mytemplates", "validate"][..],
    ] {
        let out = jobgen_bounded(dir.path(), args, None, 30);
        let err = support::stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        let folder = args[1];
        assert!(
            err.contains(&format!(
                "{folder}/a links back to {folder}, a folder that contains it"
            )),
            "{err}"
        );
        assert!(err.contains(&format!("{folder}/b links back")), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_linked_folder_outside_the_data_folder_is_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shared = dir.path().join("shared/roles");
    std::fs::create_dir_all(&shared).expect("mkdir");
    let role = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/roles/devops-engineer.yaml"),
    )
    .expect("role");
    std::fs::write(
        shared.join("devops-engineer.yaml"),
        role.replacen("name: Development operations", "name: Linked operations", 1),
    )
    .expect("write");
    std::fs::create_dir_all(dir.path().join("mydata")).expect("mkdir");
    std::os::unix::fs::symlink("../shared/roles", dir.path().join("mydata/roles"))
        .expect("symlink");
    let out = support::jobgen_in(dir.path(), &["--data", "mydata", "list", "roles"]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(
        support::stdout(&out).contains("Linked operations (DevOps) engineer"),
        "{}",
        support::stdout(&out)
    );
}

#[test]
fn a_department_name_with_a_control_character_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = support::jobgen_in(dir.path(), &["new-org", "x", "--name", "Dept\x7f"]);
    let err = support::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the department's name contains the control character \\u{7f}"),
        "{err}"
    );
    assert!(!dir.path().join("data").exists(), "nothing written");
    let retry = support::jobgen_in(dir.path(), &["new-org", "x", "--name", "Dept"]);
    assert!(retry.status.success(), "{}", support::stderr(&retry));
}

#[test]
fn a_department_name_with_yaml_and_markup_characters_reads_back_as_written() {
    let name = "Dept: \"A\" #1 'b' \\ {c} [d] & <e> - f";
    let dir = tempfile::tempdir().expect("temp dir");
    let out = support::jobgen_in(dir.path(), &["new-org", "x", "--name", name]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let md = support::jobgen_in(
        dir.path(),
        &[
            "--data",
            "data",
            "generate",
            "--org",
            "x",
            "--role",
            "devops-engineer",
            "--level",
            "3",
            "--out",
            "-",
            "--format",
            "html",
        ],
    );
    assert!(md.status.success(), "{}", support::stderr(&md));
    assert!(
        support::stdout(&md)
            .contains("app-header__name\">Dept: \"A\" #1 'b' \\ {c} [d] &amp; &lt;e&gt; - f</p>"),
        "{}",
        support::stdout(&md)
    );
}

#[test]
fn new_org_writes_nothing_when_a_later_file_cannot_be_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let org = dir.path().join("data/orgs/x");
    std::fs::create_dir_all(&org).expect("mkdir");
    // A file where the templates folder should be: the second file cannot be written.
    std::fs::write(org.join("templates"), "in the way").expect("write");
    let out = support::jobgen_in(dir.path(), &["new-org", "x", "--name", "Dept"]);
    assert_eq!(out.status.code(), Some(3), "{}", support::stderr(&out));
    assert!(
        !org.join("org.yaml").exists(),
        "org.yaml is not left behind"
    );
    std::fs::remove_file(org.join("templates")).expect("rm");
    let retry = support::jobgen_in(dir.path(), &["new-org", "x", "--name", "Dept"]);
    assert!(retry.status.success(), "{}", support::stderr(&retry));
}

#[test]
fn a_font_name_with_a_noncharacter_is_an_error_naming_its_file_and_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let org = dir.path().join("data/orgs/home-office");
    std::fs::create_dir_all(&org).expect("mkdir");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/orgs/home-office/org.yaml"),
    )
    .expect("org");
    std::fs::write(
        org.join("org.yaml"),
        text.replacen("font: Arial", "font: \"Arial\\uFFFE\"", 1),
    )
    .expect("write");
    let out = support::jobgen_in(dir.path(), &["--data", "data", "validate"]);
    let err = support::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the value holds the character \\u{fffe}, which documents cannot hold"),
        "{err}"
    );
    assert!(err.contains("data/orgs/home-office/org.yaml:105"), "{err}");
    assert!(err.contains("= key: style.font"), "{err}");
}

#[test]
fn terminal_escapes_in_input_are_shown_escaped_in_messages() {
    let (_dir, out) = support::jobgen(&["generate", "--role", "\x1b[31mred", "--level", "3"]);
    let err = support::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("\\u{1b}[31mred"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// Text inside the candidate fields (a criterion, an allowance, the sift, the contact's
    /// name) stays text in every format, the Civil Service Jobs export included.
    #[test]
    fn any_unicode_in_a_candidate_field_stays_text_in_every_format(
        text in "\\PC{1,30}|[<>&*_#|\\[\\]()!`\\\\~\\-+=.0-9 \u{200b}\u{202e}😀é]{1,30}|\\[[a-z]{1,5}\\]\\(https://[a-z]{1,5}\\)",
    ) {
        let req = Request::new(Vacancy {
            org: Some(Text("home-office".into())),
            role: Some(Text("devops-engineer".into())),
            level: Some(Text("3".into())),
            person_specification: Some(jobgen::model::PersonSpecification {
                essential: vec![text.clone()],
                desirable: Vec::new(),
            }),
            contact: Some(jobgen::model::Contact {
                name: text.clone(),
                email: "a@example.gov.uk".into(),
            }),
            selection: Some(jobgen::model::Selection {
                sift: Some(text.clone()),
                ..Default::default()
            }),
            ..Vacancy::default()
        });
        let s = session();
        let advert = s.advert(&req).expect("merges");
        let docs = s
            .documents(
                &advert,
                "advert",
                &[Format::MD, Format::HTML, Format::DOCX, Format::CSJ_JSON],
            )
            .expect("renders");
        let md = String::from_utf8(docs[0].bytes.clone()).expect("UTF-8 Markdown");
        let md_blocks = readback::markdown_blocks(&md);
        let html = String::from_utf8(docs[1].bytes.clone()).expect("UTF-8 HTML");
        prop_assert_eq!(&readback::html_blocks(&html), &md_blocks);
        let docx_blocks = readback::docx_blocks(&docs[2].bytes).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&docx_blocks, &md_blocks);
        let want = expected(&text);
        if !want.is_empty() {
            prop_assert!(md_blocks.iter().any(|b| b.contains(&want)), "{:?} in {:?}", want, md_blocks);
        }
        let export: serde_json::Value =
            serde_json::from_slice(&docs[3].bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let spec = export["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["label"] == "Person specification"))
            .and_then(|f| f["value"].as_str())
            .unwrap_or_default()
            .to_string();
        prop_assert!(spec.contains(text.trim()), "{:?} in {:?}", text, spec);
    }
}
