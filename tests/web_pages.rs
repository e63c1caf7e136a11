//! The recruiters' pages of `jobgen serve`, in process: the advert form, the preview, its
//! problems and downloads; and the GOV.UK components against govuk-frontend's fixtures.

mod support;

use axum::http::{StatusCode, header};
use jobgen::model::VACANCY_FIELDS;
use support::web;

/// Status, headers and body of `GET uri`.
fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let r = web::block_on(web::get(web::app(), uri));
    (r.status, r.headers, r.body)
}

fn page(uri: &str) -> (StatusCode, String) {
    let (status, _, body) = get(uri);
    (status, String::from_utf8(body).expect("UTF-8"))
}

const DEVOPS: &str = "level=devops-engineer%2Fsenior-devops-engineer&org=home-office&grade=SEO";

/// The preview page of the DevOps advert with `more` parameters, which must answer `status`.
fn devops_preview(more: &str, status: StatusCode) -> String {
    let (got, html) = page(&format!("/advert?{DEVOPS}{more}"));
    assert_eq!(got, status, "{html}");
    html
}

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
    let html = devops_preview("", StatusCode::OK);
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
    let html = devops_preview(
        "&template=sift-sheet&experience_assessed=yes",
        StatusCode::OK,
    );
    assert!(html.contains("/advert/download?format=csv&amp;"));
    assert!(!html.contains("/advert/download?format=csj"));
}

#[test]
fn downloads_are_the_command_lines_files() {
    for format in ["md", "html", "docx"] {
        let (status, headers, bytes) = get(&format!("/advert/download?format={format}&{DEVOPS}"));
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        let (name, file) = web::one_file_by_jobgen(
            &[
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
            ],
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"{name}\"").as_str()
        );
        assert!(file == bytes, "{format} differs");
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

/// The `<option>`s of the grade select that are selected.
fn selected_grades(html: &str) -> Vec<String> {
    let start = html.find("name=\"grade\"").expect("a grade select");
    let end = start + html[start..].find("</select>").expect("its end");
    html[start..end]
        .split("<option")
        .skip(1)
        .filter(|o| o.contains(" selected"))
        .map(|o| o[o.find('>').unwrap() + 1..o.find("</option>").unwrap()].to_string())
        .collect()
}

#[test]
fn the_grade_select_selects_exactly_the_grade_given() {
    // The level's indicative grade, any grade, a grade in lower case, none, and an unknown one
    // (kept, marked, and the only one selected).
    let html = devops_preview("", StatusCode::OK);
    assert_eq!(selected_grades(&html), ["SEO (Senior Executive Officer)"]);
    let html = page(&format!("/advert?{}", DEVOPS.replace("SEO", "heo"))).1;
    assert_eq!(selected_grades(&html), ["HEO (Higher Executive Officer)"]);
    let html = page("/advert?level=devops-engineer%2Fsenior-devops-engineer").1;
    assert_eq!(selected_grades(&html), ["Not given"]);
    let html = page(&format!("/advert?{}", DEVOPS.replace("SEO", "XYZ"))).1;
    assert_eq!(selected_grades(&html), ["XYZ (not found)"]);
    assert_eq!(html.matches("(not found)").count(), 1, "{html}");
    assert!(html.contains(">Not given</option>"));
}

#[test]
fn a_bad_date_links_to_its_day_and_keeps_its_parts() {
    let html = devops_preview(
        "&closing_date-day=40&closing_date-month=1&closing_date-year=2027",
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert!(html.contains("href=\"#closing_date-day\""), "{html}");
    assert!(
        html.contains("name=\"closing_date-day\" type=\"text\" value=\"40\""),
        "{html}"
    );
}

#[test]
fn a_date_in_three_parts_round_trips() {
    let html = devops_preview(
        "&closing_date-day=3&closing_date-month=2&closing_date-year=2027",
        StatusCode::OK,
    );
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
        "choices kind=\"checkboxes\"",
        "checkboxes",
        &[
            "name",
            "idPrefix",
            "items",
            "hint",
            "errorMessage",
            "fieldset",
            "classes",
            "values",
            "describedBy",
        ],
    ),
    (
        "file_upload",
        "file-upload",
        &[
            "name",
            "id",
            "label",
            "hint",
            "errorMessage",
            "classes",
            "disabled",
            "multiple",
            "describedBy",
            "formGroup",
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

/// Checkboxes are checked by `values` as GOV.UK Frontend's are (its fixtures that show it also
/// use conditional reveals, which jobgen does not, so they are skipped above): an item's own
/// `checked` wins, `checked: false` included, and each item may have its own `name`.
#[test]
fn checkboxes_are_checked_by_values_and_items_may_have_their_own_name() {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([""]);
    tera.add_raw_template(
        "components.html",
        include_str!("../src/web/templates/components.html"),
    )
    .expect("components parse");
    let params = serde_json::json!({
        "name": "formats",
        "values": ["html", "docx", "pdf"],
        "items": [
            {"value": "html", "text": "Web page"},
            {"value": "docx", "text": "Word document", "checked": false},
            {"value": "odt", "text": "OpenDocument", "checked": true},
            {"value": "pdf", "text": "PDF", "name": "other"},
            {"value": "csv", "text": "Sheet"},
        ],
    });
    let mut context = tera::Context::new();
    context.insert("p", &params);
    let html = tera
        .render_str(
            "{{ <govuk.choices params={p} kind=\"checkboxes\" /> }}",
            &context,
            true,
        )
        .expect("renders");
    let checked: Vec<&str> = html
        .split("<input ")
        .skip(1)
        .filter(|i| {
            i.split('>')
                .next()
                .is_some_and(|tag| tag.contains(" checked"))
        })
        .filter_map(|i| i.split("value=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(checked, ["html", "odt", "pdf"], "{html}");
    assert!(
        html.contains("name=\"other\" type=\"checkbox\" value=\"pdf\""),
        "{html}"
    );
    assert_eq!(html.matches("name=\"formats\"").count(), 4, "{html}");
}
