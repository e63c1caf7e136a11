//! `jobgen serve`'s browse pages (roles, departments) and batch page, in process with tower's
//! `oneshot`; the batch zip is compared with what the `jobgen batch` binary writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jobgen::web::{App, router};
use tower::ServiceExt;

fn app() -> Arc<App> {
    Arc::new(App::load(Vec::new(), None).expect("built-in data"))
}

/// Sends `request` to a fresh router over `app`: the status, the headers and the body.
async fn send(app: Arc<App>, request: Request<Body>) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let response = router(app).oneshot(request).await.expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, headers, body.to_vec())
}

async fn get(app: Arc<App>, path: &str) -> (StatusCode, String) {
    let (status, _, body) = send(
        app,
        Request::get(path).body(Body::empty()).expect("request"),
    )
    .await;
    (status, String::from_utf8(body).expect("UTF-8"))
}

/// Text as a page shows it: escaped for HTML as tera escapes.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn every_role_page_lists_each_level_and_its_grades() {
    let app = app();
    let session = jobgen::Session::load(&[], None).expect("data");
    let (status, list) = get(app.clone(), "/roles").await;
    assert_eq!(status, StatusCode::OK);
    for role in session.data.roles.values() {
        assert!(
            list.contains(&format!("href=\"/roles/{}\"", role.id)),
            "{}",
            role.id
        );
        assert!(
            list.contains(&format!(
                "<h2 class=\"govuk-heading-m\">{}</h2>",
                escaped(&role.family)
            )),
            "{}",
            role.family
        );
        let (status, page) = get(app.clone(), &format!("/roles/{}", role.id)).await;
        assert_eq!(status, StatusCode::OK, "{}", role.id);
        for level in &role.levels {
            assert!(
                page.contains(&escaped(&level.name)),
                "{} {}",
                role.id,
                level.id
            );
            assert!(
                page.contains(&format!("?role={}&amp;level={}", role.id, level.id)),
                "{} {}: the link to the advert form",
                role.id,
                level.id
            );
            for g in role.indicative_grades(level) {
                let grade = session.data.grade(g).expect("a known grade");
                assert!(
                    page.contains(&format!(
                        "{} ({})",
                        escaped(&grade.id),
                        escaped(&grade.name)
                    )),
                    "{} {}: grade {g}",
                    role.id,
                    level.id
                );
            }
        }
    }
}

/// The rows of the page's first table: each row's header and cells, as text.
fn html_table(page: &str) -> Vec<Vec<String>> {
    let start = page.find("<table").expect("a table");
    let end = page[start..].find("</table>").expect("its end") + start;
    page[start..end]
        .split("<tr")
        .skip(1)
        .map(|row| {
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(open) = rest.find(['<']) {
                let tag = &rest[open..];
                if tag.starts_with("<th") || tag.starts_with("<td") {
                    let text_start = open + tag.find('>').expect("tag end") + 1;
                    let text_end = rest[text_start..].find("</t").expect("cell end") + text_start;
                    cells.push(rest[text_start..text_end].trim().to_string());
                    rest = &rest[text_end + 3..];
                } else {
                    rest = &rest[open + 1..];
                }
            }
            cells
        })
        .collect()
}

/// The Markdown table under `heading` in `markdown`: its header and rows, without the rule.
fn markdown_table(markdown: &str, heading: &str) -> Vec<Vec<String>> {
    let after = &markdown[markdown.find(heading).expect("the heading")..];
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("| ---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_role_page_shows_the_progression_matrix_of_the_batch_index() {
    let (_, page) = get(app(), "/roles/devops-engineer").await;
    let index = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("output/home-office/index.md"),
    )
    .expect("the committed batch index");
    let mut from_index = markdown_table(&index, "## How the Development operations");
    let from_page = html_table(&page);
    // The page says "Skill" over the skills as the index does; the index escapes nothing in it.
    from_index[0][0] = "Skill".into();
    assert_eq!(
        from_page.len(),
        11,
        "a header and ten skills: {from_page:?}"
    );
    assert_eq!(from_page, from_index);
    assert!(page.contains("<th scope=\"col\" class=\"govuk-table__header\">Skill</th>"));
    assert!(page.contains(
        "<th scope=\"row\" class=\"govuk-table__header\">Availability and capacity management</th>"
    ));
    assert!(page.contains("<caption class=\"govuk-table__caption"));
}

#[tokio::test]
async fn an_unknown_role_or_department_is_a_404_with_the_nearest_one() {
    let (status, page) = get(app(), "/roles/devops-enginer").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("devops-enginer"), "{page}");
    assert!(
        page.contains(
            "Did you mean <a class=\"govuk-link\" href=\"/roles/devops-engineer\">devops-engineer</a>?"
        ),
        "{page}"
    );
    let (status, page) = get(app(), "/orgs/home-offce").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains(">home-office</a>?"), "{page}");
}

#[tokio::test]
async fn department_pages_show_text_defaults_look_and_templates() {
    let (status, list) = get(app(), "/orgs").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(">Home Office</a>"), "{list}");
    assert!(list.contains(">Department for Example</a>"), "{list}");

    let (status, page) = get(app(), "/orgs/department-for-example").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1 class=\"govuk-heading-l\">Department for Example</h1>"));
    // About text, with its link kept.
    assert!(page.contains("Who we are"), "{page}");
    assert!(page.contains(">Service Standard</a>"), "{page}");
    assert!(
        page.contains("href=\"https://www.gov.uk/service-manual/service-standard\""),
        "{page}"
    );
    // Role text, defaults, look and the template that replaces the built-in advert.
    assert!(
        page.contains("For Development operations (DevOps) engineer"),
        "{page}"
    );
    assert!(
        page.contains("<code>advert.md.tera</code>: replaces"),
        "{page}"
    );
    assert!(page.contains("#00703c"), "{page}");
    assert!(page.contains("Plain headings"), "{page}");
    let (_, home) = get(app(), "/orgs/home-office").await;
    assert!(home.contains("Type of role"), "{home}");
    assert!(
        home.contains("Digital Data and Technology (DDaT)"),
        "{home}"
    );
    assert!(home.contains("Boxed"), "{home}");
}

#[tokio::test]
async fn a_hostile_department_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let org = dir.path().join("orgs/evil");
    std::fs::create_dir_all(&org).expect("folder");
    std::fs::write(
        org.join("org.yaml"),
        "name: \"<script>alert(1)</script> Dept\"\n\
         about:\n  - title: \"<img src=x onerror=alert(2)>\"\n    body:\n      - \"<script>alert(3)</script> [ok](https://example.org/a?b=c&d=e) [x](javascript:alert(4))\"\n      - bullets:\n          - \"<b onclick=alert(5)>bold</b>\"\n\
         defaults:\n  type_of_role: \"<script>alert(6)</script>\"\n",
    )
    .expect("org.yaml");
    let app = Arc::new(App::load(vec![dir.path().to_path_buf()], None).expect("data"));
    for path in ["/orgs", "/orgs/evil"] {
        let (status, page) = get(app.clone(), path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for bad in ["<script>alert", "<img", "<b ", "href=\"javascript"] {
            assert!(!page.contains(bad), "{path}: {bad} in {page}");
        }
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Dept"),
            "{path}: {page}"
        );
    }
    let (_, page) = get(app, "/orgs/evil").await;
    assert!(page.contains("&lt;script&gt;alert(6)"), "{page}");
    assert!(page.contains("&lt;b onclick=alert(5)&gt;bold"), "{page}");
    // A web link stays a link, its address escaped for the attribute.
    assert!(
        page.contains("<a class=\"govuk-link\" href=\"https://example.org/a?b=c&amp;d=e\">ok</a>"),
        "{page}"
    );
}

/// A multipart body: text fields, then the file (name and bytes), if any.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "jobgen-test-boundary-7d1e";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"vacancies\"; filename=\"{file_name}\"\r\nContent-Type: application/x-yaml\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_batch(
    app: Arc<App>,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let (media, body) = multipart(fields, file);
    send(
        app,
        Request::post("/batch")
            .header(header::CONTENT_TYPE, media)
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

/// Every entry of a zip with its bytes.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut out).expect("read");
            (f.name().to_string(), out)
        })
        .collect()
}

/// Runs `jobgen batch` with `args` in a new folder: every file it wrote (its own record of
/// them, `.jobgen-written`, left out).
fn cli_batch(args: &[&str], files: &[(&str, &[u8])]) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("input");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobgen"))
        .current_dir(dir.path())
        .arg("batch")
        .args(args)
        .args(["--out", "out"])
        .output()
        .expect("jobgen runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: PathBuf = dir.path().join("out");
    std::fs::read_dir(&written)
        .expect("out")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != ".jobgen-written")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_batch_zip_holds_what_jobgen_batch_writes_and_is_the_same_each_time() {
    let fields = [
        ("org", "home-office"),
        ("role", "devops-engineer"),
        ("formats", "html"),
        ("formats", "docx"),
        ("template", "advert"),
    ];
    let (status, headers, zip) = post_batch(app(), &fields, None).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&zip));
    assert_eq!(headers[header::CONTENT_TYPE], "application/zip");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"devops-engineer-adverts.zip\""
    );
    let from_web = unzip(&zip);
    let from_cli = cli_batch(
        &[
            "--role",
            "devops-engineer",
            "--org",
            "home-office",
            "--format",
            "md,html,docx",
        ],
        &[],
    );
    assert_eq!(
        from_web.keys().collect::<Vec<_>>(),
        from_cli.keys().collect::<Vec<_>>()
    );
    assert!(from_web.contains_key("index.html") && from_web.contains_key("lint.json"));
    for (name, bytes) in &from_cli {
        assert!(from_web[name] == *bytes, "{name} differs");
    }
    let (_, _, again) = post_batch(app(), &fields, None).await;
    assert_eq!(zip, again, "two requests, the same bytes");
}

const VACANCIES: &str = "\
- role: devops-engineer
  level: senior-devops-engineer
  org: home-office
  reference: HO-101
- role: devops-engineer
  level: 2
  reference: X-102
";

#[tokio::test]
async fn an_uploaded_vacancies_file_gives_what_jobgen_batch_vacancies_writes() {
    let (status, headers, zip) = post_batch(
        app(),
        &[
            ("org", ""),
            ("role", ""),
            ("formats", "html"),
            ("template", "advert"),
        ],
        Some(("team-vacancies.yaml", VACANCIES.as_bytes())),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&zip));
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"team-vacancies-adverts.zip\""
    );
    let from_web = unzip(&zip);
    let from_cli = cli_batch(
        &["--vacancies", "team-vacancies.yaml", "--format", "md,html"],
        &[("team-vacancies.yaml", VACANCIES.as_bytes())],
    );
    assert_eq!(
        from_web.keys().collect::<Vec<_>>(),
        from_cli.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &from_cli {
        assert!(from_web[name] == *bytes, "{name} differs");
    }
}

#[tokio::test]
async fn a_bad_upload_shows_the_error_summary_with_the_file_s_line_and_keeps_the_values() {
    let bad = "- role: devops-engineer\n  level: 3\n- role: devops-enginer\n  level: 2\n";
    let (status, _, page) = post_batch(
        app(),
        &[("formats", "docx"), ("template", "summary")],
        Some(("mine.yaml", bad.as_bytes())),
    )
    .await;
    let page = String::from_utf8(page).expect("UTF-8");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(
        page.contains("<h2 class=\"govuk-error-summary__title\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"#vacancies\">mine.yaml, line 3"),
        "{page}"
    );
    assert!(page.contains("did you mean `devops-engineer`?"), "{page}");
    assert!(page.contains("id=\"vacancies-error\""), "{page}");
    assert!(page.contains("choose mine.yaml again"), "{page}");
    // The values are kept: the Word box checked, the web page box not, the summary chosen.
    assert!(
        page.contains("value=\"docx\" aria-describedby=\"formats-2-item-hint\" checked"),
        "{page}"
    );
    assert!(
        page.contains("value=\"html\" aria-describedby=\"formats-item-hint\">"),
        "{page}"
    );
    assert!(
        page.contains("value=\"summary\" aria-describedby=\"template-2-item-hint\" checked"),
        "{page}"
    );

    let (status, _, page) = post_batch(
        app(),
        &[("template", "advert")],
        Some(("notes.txt", b"- role: devops-engineer\n")),
    )
    .await;
    let page = String::from_utf8(page).expect("UTF-8");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("must be YAML"), "{page}");

    let (status, _, page) = post_batch(
        app(),
        &[
            ("role", "devops-enginer"),
            ("org", "home-office"),
            ("template", "advert"),
        ],
        None,
    )
    .await;
    let page = String::from_utf8(page).expect("UTF-8");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("<a href=\"#role\">There is no role `devops-enginer`"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"home-office\" selected>"),
        "{page}"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let big = vec![b'#'; 2 * 1024 * 1024];
    let (status, _, page) =
        post_batch(app(), &[("template", "advert")], Some(("big.yaml", &big))).await;
    let page = String::from_utf8(page).expect("UTF-8");
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("must be smaller than 1 MiB"), "{page}");
    // Just over the file's limit, within the form's: refused all the same.
    let big = vec![b'#'; 1024 * 1024 + 1];
    let (status, _, _) =
        post_batch(app(), &[("template", "advert")], Some(("big.yaml", &big))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}
