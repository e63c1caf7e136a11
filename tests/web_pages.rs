//! The recruiters' pages of `jobgen serve`, in process: the advert form, the preview, its
//! problems and downloads; and the GOV.UK components against govuk-frontend's fixtures.

use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jobgen::model::VACANCY_FIELDS;
use tower::ServiceExt;

/// Status, headers and body of `GET uri`.
fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let app = std::sync::Arc::new(jobgen::web::App::load(Vec::new(), None).expect("data"));
        let response = jobgen::web::router(app)
            .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, headers, body.to_vec())
    })
}

fn page(uri: &str) -> (StatusCode, String) {
    let (status, _, body) = get(uri);
    (status, String::from_utf8(body).expect("UTF-8"))
}

const DEVOPS: &str = "level=devops-engineer%2Fsenior-devops-engineer&org=home-office&grade=SEO";

#[test]
fn the_form_has_every_vacancy_field_and_is_sent_by_get_to_the_preview() {
    let (status, html) = page("/");
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<form action=\"/advert\" method=\"get\""),
        "{html}"
    );
    // `role` and `level` are one select, `level`, whose value is `role/level`.
    for f in VACANCY_FIELDS.iter().filter(|f| f.key != "role") {
        let named = html.contains(&format!("name=\"{}\"", f.key))
            || html.contains(&format!("name=\"{}-day\"", f.key));
        assert!(named, "no form field for `{}`", f.key);
    }
    assert!(
        html.contains(
            "<optgroup label=\"Development operations (DevOps) engineer (Software development)\">"
        ),
        "{html}"
    );
    assert!(html.contains("value=\"devops-engineer/senior-devops-engineer\""));
}

#[test]
fn the_preview_shows_the_advert_and_a_download_per_format() {
    let (status, html) = page(&format!("/advert?{DEVOPS}"));
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("<div class=\"app-preview\">"));
    assert!(html.contains("Senior DevOps engineer"), "{html}");
    for f in ["md", "html", "docx", "csj", "csj-json"] {
        assert!(
            html.contains(&format!("/advert/download?format={f}&amp;")),
            "no {f} download"
        );
    }
    // The page stays one document: the HTML format's own page is not nested in it.
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("<main").count(), 1);
    // The values are kept in the form below the preview.
    assert!(
        html.contains("value=\"devops-engineer/senior-devops-engineer\" selected"),
        "{html}"
    );
}

#[test]
fn the_sheets_offer_csv_and_not_the_civil_service_jobs_export() {
    let (status, html) = page(&format!(
        "/advert?{DEVOPS}&template=sift-sheet&experience_assessed=yes"
    ));
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("/advert/download?format=csv&amp;"));
    assert!(!html.contains("/advert/download?format=csj"));
}

#[test]
fn downloads_are_the_command_lines_files() {
    let out = tempfile::tempdir().expect("temp dir");
    for format in ["md", "html", "docx"] {
        let (status, headers, bytes) = get(&format!("/advert/download?format={format}&{DEVOPS}"));
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        let dir = out.path().join(format);
        let run = Command::new(env!("CARGO_BIN_EXE_jobgen"))
            .args([
                "generate",
                "--role",
                "devops-engineer",
                "--level",
                "senior-devops-engineer",
                "--org",
                "home-office",
                "--grade",
                "SEO",
                "--format",
                format,
                "--out",
            ])
            .arg(&dir)
            .output()
            .expect("jobgen runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let file = std::fs::read_dir(&dir)
            .expect("out dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .expect("one file");
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"{name}\"").as_str()
        );
        assert!(
            std::fs::read(&file).expect("file") == bytes,
            "{format} differs"
        );
    }
}

#[test]
fn a_typo_is_shown_in_the_error_summary_and_at_its_field_and_kept() {
    let (status, html) = page("/advert?level=devops-enginer%2Fsenior-devops-engineer");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("<title>Error: "), "{html}");
    assert!(html.contains("class=\"govuk-error-summary\""));
    assert!(html.contains("<div role=\"alert\">"));
    assert!(
        html.contains("<a href=\"#level\">unknown role `devops-enginer`"),
        "{html}"
    );
    assert!(html.contains("did you mean `devops-engineer`?"));
    assert!(html.contains("govuk-form-group--error"));
    assert!(html.contains("govuk-select--error"));
    assert!(html.contains("value=\"devops-enginer/senior-devops-engineer\" selected"));
}

#[test]
fn a_bad_date_links_to_its_day_and_keeps_its_parts() {
    let (status, html) = page(&format!(
        "/advert?{DEVOPS}&closing_date-day=40&closing_date-month=1&closing_date-year=2027"
    ));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("href=\"#closing_date-day\""), "{html}");
    assert!(
        html.contains("name=\"closing_date-day\" type=\"text\" value=\"40\""),
        "{html}"
    );
}

#[test]
fn a_date_in_three_parts_round_trips() {
    let (status, html) = page(&format!(
        "/advert?{DEVOPS}&closing_date-day=3&closing_date-month=2&closing_date-year=2027"
    ));
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("3 February 2027") || html.contains("2027-02-03"),
        "{html}"
    );
    for (part, value) in [("day", "3"), ("month", "2"), ("year", "2027")] {
        assert!(
            html.contains(&format!(
                "name=\"closing_date-{part}\" type=\"text\" value=\"{value}\""
            )),
            "{part}"
        );
    }
}

#[test]
fn hostile_values_are_escaped_wherever_they_are_shown() {
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
    ];
    // The http crate refuses addresses over 64 KiB, so the largest value tested is 20 KiB.
    let big = "x".repeat(20 * 1024);
    for value in hostile.iter().copied().chain([big.as_str()]) {
        let q: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("reports_to", value)
            .append_pair("level", value)
            .append_pair("closing_date-day", value)
            .finish();
        for uri in [format!("/advert?{DEVOPS}&{q}"), format!("/advert?{q}")] {
            let (_, html) = page(&uri);
            assert!(!html.contains("<script>alert"), "{uri}");
            assert!(!html.contains("<img src=x"), "{uri}");
            assert!(!html.contains("href=\"javascript:"), "{uri}");
        }
    }
}

/// Markup with whitespace between and around tags collapsed and each tag's attributes sorted.
fn normalise(html: &str) -> String {
    let collapsed = html.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut rest = collapsed.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(rest[..start].trim());
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start + 1..end.saturating_sub(1)];
        let mut parts = split_attrs(tag);
        let name = parts.remove(0);
        parts.sort();
        out.push('<');
        out.push_str(&[vec![name], parts].concat().join(" "));
        out.push('>');
        rest = &rest[end..];
    }
    out.push_str(rest.trim());
    out
}

/// A tag's name and attributes, quoted values kept whole.
fn split_attrs(tag: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in tag.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ' ' if !quoted => {
                if !current.is_empty() {
                    parts.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
}

/// Each component, its fixtures file, and the options it supports: a fixture using any other
/// option is skipped (GOV.UK options jobgen's pages do not use: `attributes`, prefixes and
/// suffixes, `formGroup` extras, `spellcheck`, `autocapitalize`, custom `describedBy`, `html`
/// in nested options, `isPageHeading` on fieldsets, `visuallyHiddenText` on summary list
/// actions, and every summary list `actions`/`card`).
const COMPONENTS: &[(&str, &str, &[&str])] = &[
    ("hint", "hint", &["text", "html", "id", "classes"]),
    (
        "error_message",
        "error-message",
        &["text", "html", "id", "classes"],
    ),
    (
        "label",
        "label",
        &["text", "html", "for", "classes", "isPageHeading"],
    ),
    (
        "input",
        "input",
        &[
            "name",
            "id",
            "label",
            "hint",
            "errorMessage",
            "value",
            "classes",
            "type",
            "inputmode",
            "autocomplete",
            "pattern",
            "disabled",
        ],
    ),
    (
        "textarea",
        "textarea",
        &[
            "name",
            "id",
            "label",
            "hint",
            "errorMessage",
            "value",
            "classes",
            "rows",
            "autocomplete",
            "disabled",
        ],
    ),
    (
        "warning_text",
        "warning-text",
        &["text", "html", "iconFallbackText", "classes"],
    ),
    (
        "inset_text",
        "inset-text",
        &["text", "html", "id", "classes"],
    ),
    ("tag", "tag", &["text", "html", "classes"]),
    (
        "back_link",
        "back-link",
        &["text", "html", "href", "classes"],
    ),
    (
        "details",
        "details",
        &[
            "summaryText",
            "summaryHtml",
            "text",
            "html",
            "id",
            "classes",
            "open",
        ],
    ),
    (
        "error_summary",
        "error-summary",
        &["titleText", "descriptionText", "errorList", "classes"],
    ),
    (
        "select",
        "select",
        &[
            "name",
            "id",
            "label",
            "hint",
            "errorMessage",
            "items",
            "value",
            "classes",
            "disabled",
        ],
    ),
    (
        "date_input",
        "date-input",
        &[
            "id",
            "namePrefix",
            "items",
            "hint",
            "errorMessage",
            "fieldset",
            "classes",
        ],
    ),
    (
        "choices kind=\"radios\"",
        "radios",
        &[
            "name",
            "idPrefix",
            "items",
            "hint",
            "errorMessage",
            "fieldset",
            "classes",
            "value",
        ],
    ),
    (
        "button",
        "button",
        &[
            "text", "html", "href", "classes", "name", "type", "value", "disabled",
        ],
    ),
    (
        "fieldset",
        "fieldset",
        &["legend", "classes", "role", "describedBy", "html"],
    ),
    ("summary_list", "summary-list", &["rows", "classes"]),
    (
        "table",
        "table",
        &[
            "rows",
            "head",
            "caption",
            "captionClasses",
            "firstCellIsHeader",
            "classes",
        ],
    ),
    (
        "notification_banner",
        "notification-banner",
        &[
            "text",
            "html",
            "titleText",
            "titleId",
            "type",
            "role",
            "classes",
        ],
    ),
];

/// Options skipped wherever they appear: custom `attributes`, radios' `conditional` reveals
/// and summary lists' row `actions`, which jobgen's pages do not use.
const UNSUPPORTED_ANYWHERE: &[&str] = &["attributes", "conditional", "actions"];

#[test]
fn components_give_govuk_frontends_markup() {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([""]);
    tera.add_raw_template(
        "components.html",
        include_str!("../src/web/templates/components.html"),
    )
    .expect("components parse");
    let mut checked = 0;
    let mut skipped = Vec::new();
    let mut failed = Vec::new();
    for (component, file, supported) in COMPONENTS {
        let path = format!(
            "{}/tests/fixtures/govuk/{file}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let fixtures: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("fixtures")).expect("JSON");
        for fixture in fixtures["fixtures"].as_array().expect("fixtures") {
            let name = fixture["name"].as_str().unwrap_or("");
            let options = fixture["options"].as_object().cloned().unwrap_or_default();
            let unsupported: Vec<&String> = options
                .keys()
                .filter(|k| !supported.contains(&k.as_str()))
                .collect();
            let json = serde_json::Value::Object(options.clone()).to_string();
            let nested = options.values().any(|v| v.get("html").is_some())
                || UNSUPPORTED_ANYWHERE
                    .iter()
                    .any(|k| json.contains(&format!("\"{k}\"")));
            if !unsupported.is_empty() || nested {
                skipped.push(format!("{file}: {name}"));
                continue;
            }
            let mut context = tera::Context::new();
            context.insert("p", &options);
            let got = tera
                .render_str(
                    &format!("{{{{ <govuk.{component} params={{p}} /> }}}}"),
                    &context,
                    true,
                )
                .unwrap_or_else(|e| format!("render error: {e:?}"));
            let want = fixture["html"].as_str().unwrap_or("");
            if normalise(&got) == normalise(want) {
                checked += 1;
            } else {
                failed.push(format!(
                    "{file}: {name}\n got: {}\nwant: {}",
                    normalise(&got),
                    normalise(want)
                ));
            }
        }
    }
    eprintln!("{checked} fixtures match; skipped: {skipped:#?}");
    assert!(
        failed.is_empty(),
        "{} differ:\n{}",
        failed.len(),
        failed.join("\n\n")
    );
    assert!(checked > 40, "{checked}");
}
