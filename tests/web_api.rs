//! The HTTP API in process (tower's `oneshot` on the router `jobgen serve` serves): every route
//! and status, downloads byte-identical to what `jobgen generate` writes, the diagnostics as
//! JSON, the body limits, the security headers and hostile values.

mod support;

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jobgen::Format;
use serde_json::{Value, json};
use support::web::{self, Reply};

/// The `errors` of a problem answer, each with every field of a diagnostic.
fn errors(reply: &Reply) -> Vec<Value> {
    let v = reply.json();
    let errors = v["errors"].as_array().expect("errors").clone();
    assert!(!errors.is_empty(), "{v}");
    for e in &errors {
        for field in [
            "severity", "key", "message", "help", "file", "line", "column",
        ] {
            assert!(e.get(field).is_some(), "no `{field}` in {e}");
        }
    }
    errors
}

async fn send(req: Request<Body>) -> Reply {
    web::send(web::app(), req).await
}

async fn get(uri: &str) -> Reply {
    web::get(web::app(), uri).await
}

async fn post_json(uri: &str, body: impl Into<Body>) -> Reply {
    send(
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap(),
    )
    .await
}

fn root() -> &'static Path {
    support::repo()
}

/// The example vacancy with every field, as the JSON the API takes.
fn example_json() -> Value {
    let yaml =
        std::fs::read_to_string(root().join("examples/devops-seo-home-office.yaml")).unwrap();
    serde_yaml::from_str(&yaml).unwrap()
}

fn minimal_json() -> Value {
    json!({"role": "devops-engineer", "level": "3"})
}

/// What `jobgen generate` does with `vacancy` (written as YAML): the file it wrote and its name,
/// or what it printed on standard error when it failed.
fn generate(vacancy: &Value, template: &str, format: Format) -> Result<(String, Vec<u8>), String> {
    let yaml = serde_yaml::to_string(vacancy).unwrap();
    web::one_file_by_jobgen(
        &[
            "generate",
            "--vacancy",
            "vacancy.yaml",
            "--template",
            template,
            "--format",
            format.name(),
        ],
        &[("vacancy.yaml", yaml.as_bytes())],
    )
}

#[tokio::test]
async fn roles_lists_every_built_in_role_with_its_levels_and_grades() {
    let r = get("/api/roles").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), "application/json");
    let roles = r.json();
    let roles = roles.as_array().unwrap();
    let session = &web::app().current().session;
    let ids: Vec<&str> = roles.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let built_in: Vec<&str> = session.data.roles.keys().map(String::as_str).collect();
    assert_eq!(ids, built_in);
    assert!(ids.len() > 40, "{}", ids.len());
    let devops = roles.iter().find(|r| r["id"] == "devops-engineer").unwrap();
    let level = &devops["levels"][2];
    assert_eq!(level["id"], "devops-engineer");
    assert_eq!(level["grades"], json!(["HEO", "SEO"]));
    for role in roles {
        assert!(!role["levels"].as_array().unwrap().is_empty(), "{role}");
        for l in role["levels"].as_array().unwrap() {
            // Some levels have no indicative grade in the framework: an empty list, not none.
            assert!(l["grades"].is_array(), "{role}");
        }
    }
}

#[tokio::test]
async fn a_role_has_its_levels_grades_with_names_and_skills_with_levels() {
    let r = get("/api/roles/devops-engineer").await;
    assert_eq!(r.status, StatusCode::OK);
    let role = r.json();
    assert_eq!(role["name"], "Development operations (DevOps) engineer");
    let levels = role["levels"].as_array().unwrap();
    assert_eq!(levels.len(), 9);
    let senior = &levels[3];
    assert_eq!(senior["id"], "senior-devops-engineer");
    let grades: Vec<&str> = senior["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(grades, ["SEO", "G7"]);
    assert!(
        senior["grades"][0]["name"]
            .as_str()
            .unwrap()
            .contains("Senior Executive Officer"),
        "{}",
        senior["grades"][0]
    );
    let skills = senior["skills"].as_array().unwrap();
    assert!(!skills.is_empty());
    for s in skills {
        assert!(!s["name"].as_str().unwrap().is_empty(), "{s}");
        assert!(
            ["awareness", "working", "practitioner", "expert"]
                .contains(&s["level"].as_str().unwrap()),
            "{s}"
        );
    }
}

#[tokio::test]
async fn an_unknown_role_is_404_with_the_nearest_one() {
    let r = get("/api/roles/devops-enginer").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let e = &errors(&r)[0];
    assert_eq!(e["severity"], "error");
    assert!(e["message"].as_str().unwrap().contains("devops-enginer"));
    assert!(
        e["help"].as_str().unwrap().contains("devops-engineer"),
        "{e}"
    );
    // Anything else under /api is a JSON 404 too.
    let r = get("/api/nothing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        errors(&r)[0]["help"]
            .as_str()
            .unwrap()
            .contains("/api/roles")
    );
}

#[tokio::test]
async fn orgs_and_grades() {
    let r = get("/api/orgs").await;
    assert_eq!(r.status, StatusCode::OK);
    let orgs = r.json();
    let home = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "home-office")
        .expect("the Home Office");
    assert_eq!(home["name"], "Home Office");

    let r = get("/api/grades").await;
    assert_eq!(r.status, StatusCode::OK);
    let grades = r.json();
    let ids: Vec<&str> = grades
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    for g in ["AA", "AO", "EO", "HEO", "SEO", "G7", "G6"] {
        assert!(ids.contains(&g), "{ids:?}");
    }
}

/// Every template in every format, for the example with every field and a minimal vacancy:
/// when `jobgen generate` writes a file, the API answers it with the same name and bytes; when
/// it refuses (CSV of an advert, the CSJ export of a sift sheet, an incomplete CSJ export), the
/// API refuses with 422 and the same message.
#[tokio::test]
async fn every_format_and_template_downloads_what_generate_writes() {
    let mut written = 0;
    let mut refused = 0;
    for vacancy in [example_json(), minimal_json()] {
        for template in ["advert", "summary", "sift-sheet", "interview-sheet"] {
            for &format in Format::ALL {
                let uri = format!("/api/adverts?format={}&template={template}", format.name());
                let r = post_json(&uri, vacancy.to_string()).await;
                let case = format!("{template} as {} of {vacancy}", format.name());
                match generate(&vacancy, template, format) {
                    Ok((name, bytes)) => {
                        written += 1;
                        assert_eq!(
                            r.status,
                            StatusCode::OK,
                            "{case}: {}",
                            String::from_utf8_lossy(&r.body)
                        );
                        assert_eq!(r.header("content-type"), format.media_type(), "{case}");
                        assert_eq!(
                            r.header("content-disposition"),
                            format!("attachment; filename=\"{name}\""),
                            "{case}"
                        );
                        assert!(r.body == bytes, "{case}: the bytes differ from generate's");
                    }
                    Err(stderr) => {
                        refused += 1;
                        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
                        let errors = errors(&r);
                        let first = errors[0]["message"].as_str().unwrap();
                        assert!(
                            stderr.contains(first),
                            "{case}: the API says `{first}`, generate said:\n{stderr}"
                        );
                    }
                }
            }
        }
    }
    // Both kinds of answer were checked.
    assert!(
        written >= 20 && refused >= 4,
        "{written} written, {refused} refused"
    );
}

#[tokio::test]
async fn an_incomplete_csj_export_is_refused_unless_allowed() {
    let refused = post_json("/api/adverts?format=csj", minimal_json().to_string()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        errors(&refused)[0]["message"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    let allowed = post_json(
        "/api/adverts?format=csj&allow_incomplete=true",
        minimal_json().to_string(),
    )
    .await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert!(!allowed.body.is_empty());
    let sift = post_json(
        "/api/adverts?format=csj&template=sift-sheet&allow_incomplete=yes",
        example_json().to_string(),
    )
    .await;
    assert_eq!(sift.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bad_values_are_422_with_located_diagnostics_and_the_nearest_name() {
    let cases = [
        (
            json!({"role": "devops-enginer", "level": "3"}),
            "/role",
            "devops-engineer",
        ),
        (
            json!({"role": "devops-engineer", "level": "seniour-devops-engineer"}),
            "/level",
            "senior-devops-engineer",
        ),
        (
            json!({"role": "devops-engineer", "level": "3", "grade": "SE0"}),
            "/grade",
            "SEO",
        ),
        (
            json!({"role": "devops-engineer", "level": "3", "salery": "£40,000"}),
            "/salery",
            "salary",
        ),
        (
            json!({"role": "devops-engineer", "level": "3", "org": "home-ofice"}),
            "/org",
            "home-office",
        ),
    ];
    for (vacancy, key, nearest) in cases {
        let r = post_json("/api/adverts", vacancy.to_string()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{vacancy}");
        let errors = errors(&r);
        let e = errors
            .iter()
            .find(|e| e["key"] == key)
            .unwrap_or_else(|| panic!("no error at {key}: {errors:?}"));
        assert_eq!(e["severity"], "error");
        assert!(
            e["help"].as_str().unwrap_or("").contains(nearest),
            "{vacancy}: {e}"
        );
    }
}

#[tokio::test]
async fn malformed_json_is_422_at_its_line_and_column() {
    let r = post_json(
        "/api/adverts",
        "{\n  \"role\": \"devops-engineer\",\n  \"level\": 3,,\n}",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = &errors(&r)[0];
    assert_eq!(e["line"], 3, "{e}");
    assert!(e["column"].as_u64().unwrap() > 10, "{e}");
    assert!(e["message"].as_str().unwrap().contains("JSON"), "{e}");

    for text in ["[1, 2]", "\"role\"", ""] {
        let r = post_json("/api/adverts", text).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        errors(&r);
    }
    let r = post_json("/api/adverts", vec![b'{', 0xff, b'}']).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors(&r)[0]["message"].as_str().unwrap().contains("UTF-8"));
}

#[tokio::test]
async fn an_unknown_query_parameter_or_format_is_400_with_the_nearest_name() {
    for (query, nearest) in [
        ("format=docz", "docx"),
        ("fromat=docx", "format"),
        ("allow_incomplete=maybe", ""),
    ] {
        let r = post_json(&format!("/api/adverts?{query}"), minimal_json().to_string()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        let e = &errors(&r)[0];
        assert!(e["key"].as_str().unwrap().starts_with('?'), "{e}");
        assert!(e["help"].as_str().unwrap_or("").contains(nearest), "{e}");
    }
}

#[tokio::test]
async fn a_body_over_one_mib_is_413_with_or_without_its_length() {
    let big = format!(
        "{{\"role\": \"devops-engineer\", \"level\": \"3\", \"location\": \"{}\"}}",
        "x".repeat(jobgen::web::BODY_LIMIT)
    );
    // With a Content-Length.
    let r = send(
        Request::post("/api/adverts")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, big.len())
            .body(Body::from(big.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        errors(&r)[0]["message"]
            .as_str()
            .unwrap()
            .contains("1024 KiB")
    );
    // Without one: the body is read until it passes the limit (the real server's chunked
    // requests are in tests/serve.rs).
    let r = post_json("/api/adverts", big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the limit is read (and then judged on its content).
    let under = format!(
        "{{\"role\": \"devops-engineer\", \"level\": \"3\", \"extra\": {{\"note\": \"{}\"}}}}",
        "x".repeat(1000)
    );
    assert_eq!(
        post_json("/api/adverts", under).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut req = Request::post("/api/adverts");
        if let Some(t) = content_type {
            req = req.header(header::CONTENT_TYPE, t);
        }
        let r = send(req.body(Body::from(minimal_json().to_string())).unwrap()).await;
        assert_eq!(
            r.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert!(
            errors(&r)[0]["help"]
                .as_str()
                .unwrap()
                .contains("application/json")
        );
    }
    // A parameter or a +json type is still JSON.
    for t in [
        "application/json; charset=utf-8",
        "application/vnd.jobgen+json",
    ] {
        let r = send(
            Request::post("/api/adverts")
                .header(header::CONTENT_TYPE, t)
                .body(Body::from(minimal_json().to_string()))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{t}");
    }
}

#[tokio::test]
async fn context_is_what_jobgen_context_prints() {
    for vacancy in [example_json(), minimal_json()] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("v.yaml"),
            serde_yaml::to_string(&vacancy).unwrap(),
        )
        .unwrap();
        let cli = support::jobgen_in(
            dir.path(),
            &["context", "--as", "json", "--vacancy", "v.yaml"],
        );
        assert!(cli.status.success(), "{}", support::stderr(&cli));
        let r = post_json("/api/context", vacancy.to_string()).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/json");
        assert!(
            r.body == cli.stdout,
            "the API's context differs from `jobgen context --as json`"
        );
    }
    let r = post_json("/api/context", json!({"role": "nope"}).to_string()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    errors(&r);
}

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let answers = [
        get("/api/roles").await,
        get("/api/roles/nope").await,
        post_json("/api/adverts?format=html", minimal_json().to_string()).await,
        post_json("/api/adverts", "{").await,
        get(&jobgen::web::assets::url("govuk-frontend.min.css")).await,
        get("/nothing").await,
    ];
    for r in &answers {
        let csp = r.header("content-security-policy");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert_eq!(r.header("referrer-policy"), "no-referrer");
    }
    for r in &answers[..4] {
        assert_eq!(r.header("cache-control"), "no-store");
    }
}

#[tokio::test]
async fn assets_are_immutable_with_their_type_and_an_unknown_one_is_404() {
    for (name, media) in [
        ("govuk-frontend.min.css", "text/css; charset=utf-8"),
        ("govuk-frontend.min.js", "text/javascript; charset=utf-8"),
        ("init.mjs", "text/javascript; charset=utf-8"),
        ("govuk-frontend-LICENCE.txt", "text/plain; charset=utf-8"),
    ] {
        let r = get(&jobgen::web::assets::url(name)).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
        assert_eq!(r.header("content-type"), media, "{name}");
        assert!(r.header("cache-control").contains("immutable"), "{name}");
        assert!(!r.body.is_empty());
    }
    for uri in [
        jobgen::web::assets::url("nope.css"),
        jobgen::web::assets::url("..%2F..%2FCargo.toml"),
        format!("{}../../Cargo.toml", jobgen::web::assets::prefix()),
    ] {
        let r = get(&uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
    }
    // An old version's path gets today's file, not to be kept.
    let r = get("/static/000000000000/govuk-frontend.min.css").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn hostile_values_never_escape_the_file_name_or_the_page() {
    let r = post_json(
        "/api/adverts",
        json!({"role": "../../etc/passwd", "level": "3"}).to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = get("/api/roles/..%2F..%2Fetc%2Fpasswd").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let hostile = json!({
        "role": "devops-engineer",
        "level": "3",
        "reference": "../../etc/passwd\"; x=\r\n",
        "location": "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>",
        "business_area": "# Heading\n\n| a | b |\n<!-- comment -->",
    });
    for format in ["html", "md", "docx", "csj-json"] {
        let r = post_json(
            &format!("/api/adverts?format={format}&allow_incomplete=true"),
            hostile.to_string(),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{format}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let disposition = r.header("content-disposition");
        let name = disposition
            .strip_prefix("attachment; filename=\"")
            .and_then(|n| n.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{disposition}"));
        assert!(
            !name.contains("..") && !name.contains('/') && !name.contains('\\'),
            "{name}"
        );
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{name}"
        );
        if format == "html" {
            let page = String::from_utf8(r.body.clone()).unwrap();
            assert!(!page.contains("<script>alert"), "a script got through");
            assert!(!page.contains("<img src=x"), "an element got through");
            assert!(!page.contains("href=\"javascript:"), "a link got through");
            assert!(
                page.contains("&lt;script&gt;"),
                "the value is not shown escaped"
            );
        }
    }
}

#[tokio::test]
async fn wrong_methods_are_405() {
    let r = get("/api/adverts").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    let r = send(Request::post("/api/roles").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}
