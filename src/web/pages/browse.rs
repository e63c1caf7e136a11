//! The browse pages: every role by family, one role with its levels, grades, skills and
//! progression matrix (so a hiring manager can compare levels before choosing one), every
//! department, and one department with its text, defaults, look and templates.
//!
//! Department text is untrusted: it goes through the library's own escaping for Markdown
//! (which keeps only `[text](https://...)` links), is parsed like an advert's Markdown, and
//! reaches the page as plain pieces of text and link addresses that the page template escapes.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Value, json};

use super::{made, render};
use crate::data::Data;
use crate::model::{Block, Bullet, Org, Section, SectionStyle, Style, VACANCY_FIELDS, Vacancy};
use crate::render::Inline;
use crate::web::App;
use crate::web::api::{RoleSummary, org_summaries, roles_by_family};
use crate::web::app::Loaded;

/// The roles of one family.
#[derive(Serialize)]
struct Family<'a> {
    name: &'a str,
    roles: Vec<RoleSummary<'a>>,
}

/// Every role grouped by family, families and roles in name order.
fn families(data: &Data) -> Vec<Family<'_>> {
    let mut families: Vec<Family> = Vec::new();
    for r in roles_by_family(data) {
        match families.last_mut() {
            Some(f) if f.name == r.family => f.roles.push(RoleSummary::of(r)),
            _ => families.push(Family {
                name: &r.family,
                roles: vec![RoleSummary::of(r)],
            }),
        }
    }
    families
}

/// A list page (`template`, under navigation link `path`) with `context`. With `unknown`, it
/// is the 404 for a name not among `ids`, offering the nearest one.
fn list_page<'a>(
    loaded: &Loaded,
    mut context: tera::Context,
    template: &str,
    path: &str,
    unknown: Option<&str>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Response {
    let suggestion = unknown.and_then(|u| crate::diagnostics::nearest(u, ids).into_iter().next());
    context.insert("unknown", &unknown);
    context.insert("suggestion", &suggestion);
    let status = if unknown.is_some() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    render(loaded, status, template, path, context)
}

/// The list of roles; with `unknown`, the 404 for a role that does not exist.
fn roles_page(loaded: &Loaded, unknown: Option<&str>) -> Response {
    let data = &loaded.session.data;
    let mut context = tera::Context::new();
    context.insert("families", &families(data));
    let ids = data.roles.keys().map(String::as_str);
    list_page(loaded, context, "roles.html", "/roles", unknown, ids)
}

pub(super) async fn roles(State(app): State<Arc<App>>) -> Response {
    made(&app, |loaded| roles_page(loaded, None)).await
}

/// One level of a role as its page shows it.
#[derive(Serialize)]
struct LevelView<'a> {
    id: &'a str,
    name: &'a str,
    summary: &'a str,
    description: Option<&'a str>,
    responsibilities: &'a [String],
    /// Its indicative grades and track, as a GOV.UK summary list's rows.
    rows: [Value; 2],
    /// The advert form with this role and level chosen.
    form: String,
}

/// A row of a GOV.UK summary list whose value is text.
fn row(key: &str, value: impl Into<String>) -> Value {
    json!({"key": {"text": key}, "value": {"text": value.into()}})
}

/// A row of a GOV.UK summary list whose value is markup, every data value in it escaped.
fn row_html(key: &str, html: String) -> Value {
    json!({"key": {"text": key}, "value": {"html": html}})
}

/// Text escaped for an element's content, for the markup of a [`row_html`].
fn text(t: &str) -> std::borrow::Cow<'_, str> {
    crate::escape::xml(t, crate::escape::Markup::Text)
}

/// The progression matrix as the options of a GOV.UK table: a row per skill, a column per level.
fn matrix_table(m: &crate::batch::Matrix) -> Value {
    let mut head = vec![json!({"text": "Skill"})];
    head.extend(m.levels.iter().map(|l| json!({"text": l})));
    let rows: Vec<Vec<Value>> = m
        .rows
        .iter()
        .map(|r| {
            std::iter::once(json!({"text": r.skill}))
                .chain(r.cells.iter().map(|c| json!({"text": c})))
                .collect()
        })
        .collect();
    json!({
        "caption": format!("Skill levels of {} at each level", m.role),
        "captionClasses": "govuk-table__caption--s",
        "classes": "govuk-table--small-text-until-tablet",
        "firstCellIsHeader": true,
        "head": head,
        "rows": rows,
    })
}

/// The "Indicative grades" row of a level: each grade's id and full name (when the data has a
/// grade of that id), or that the framework gives none.
fn grades_row(data: &Data, grades: &[String]) -> Value {
    if grades.is_empty() {
        return row("Indicative grades", "None given by the framework");
    }
    let items: String = grades
        .iter()
        .map(|g| match data.grade(g) {
            Some(grade) => format!("<li>{} ({})</li>", text(g), text(&grade.name)),
            None => format!("<li>{}</li>", text(g)),
        })
        .collect();
    row_html(
        "Indicative grades",
        format!("<ul class=\"govuk-list\">{items}</ul>"),
    )
}

pub(super) async fn role(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    made(&app, move |loaded| {
        let data = &loaded.session.data;
        let Some(r) = data.role(&id) else {
            return roles_page(loaded, Some(&id));
        };
        let levels: Vec<LevelView> = r
            .levels
            .iter()
            .map(|l| LevelView {
                id: &l.id,
                name: &l.name,
                summary: &l.summary,
                description: l.description.as_deref(),
                responsibilities: &l.responsibilities,
                rows: [
                    grades_row(data, r.indicative_grades(l)),
                    row(
                        "Track",
                        if l.variant == crate::model::Variant::Management {
                            "Management"
                        } else {
                            "Technical"
                        },
                    ),
                ],
                form: format!(
                    "/?{}",
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair("role", &r.id)
                        .append_pair("level", &l.id)
                        .finish()
                ),
            })
            .collect();
        let all: Vec<&crate::model::Level> = r.levels.iter().collect();
        let mut context = tera::Context::new();
        context.insert("role", r);
        context.insert("levels", &levels);
        context.insert(
            "matrix",
            &matrix_table(&crate::batch::matrix(data, r, &all)),
        );
        render(loaded, StatusCode::OK, "role.html", "/roles", context)
    })
    .await
}

/// The list of departments; with `unknown`, the 404 for a department that does not exist.
fn orgs_page(loaded: &Loaded, unknown: Option<&str>) -> Response {
    let data = &loaded.session.data;
    let mut context = tera::Context::new();
    context.insert("orgs", &org_summaries(data));
    let ids = data.orgs.keys().map(String::as_str);
    list_page(loaded, context, "orgs.html", "/orgs", unknown, ids)
}

pub(super) async fn orgs(State(app): State<Arc<App>>) -> Response {
    made(&app, |loaded| orgs_page(loaded, None)).await
}

/// A run of department text: plain text, or a link's text and address. The page escapes both.
#[derive(Debug, Serialize, PartialEq)]
struct Piece {
    text: String,
    href: Option<String>,
}

/// A paragraph or a bullet list of department text.
#[derive(Serialize)]
struct BlockView {
    /// The paragraph, when it is one.
    paragraph: Option<Vec<Piece>>,
    /// The bullets, when it is a list.
    bullets: Vec<BulletView>,
}

#[derive(Serialize)]
struct BulletView {
    pieces: Vec<Piece>,
    /// The words that make the bullet show, for a conditional bullet.
    when: Vec<String>,
}

/// A titled piece of department text.
#[derive(Serialize)]
struct SectionView {
    title: String,
    subsection: bool,
    blocks: Vec<BlockView>,
}

/// Department text as the adverts show it: escaped for Markdown with its `https:` links kept
/// (as every template does with department text), then parsed as an advert's Markdown is.
fn pieces(text: &str) -> Vec<Piece> {
    let blocks = crate::render::parse(&crate::escape::with_links(text));
    let mut out = Vec::new();
    for b in &blocks {
        if let crate::render::Block::Paragraph(inlines) = b {
            for i in inlines {
                match i {
                    Inline::Text(t, _) => out.push(Piece {
                        text: t.clone(),
                        href: None,
                    }),
                    Inline::Link(href, label) => out.push(Piece {
                        text: crate::render::plain(label),
                        href: Some(href.clone()),
                    }),
                    Inline::Break => out.push(Piece {
                        text: " ".into(),
                        href: None,
                    }),
                }
            }
        }
    }
    // Escaped text is always one paragraph; should it ever not be, the words are kept.
    if out.is_empty() && !text.trim().is_empty() {
        out.push(Piece {
            text: text.to_string(),
            href: None,
        });
    }
    out
}

fn blocks(blocks: &[Block]) -> Vec<BlockView> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(text) => BlockView {
                paragraph: Some(pieces(text)),
                bullets: Vec::new(),
            },
            Block::List(list) => BlockView {
                paragraph: None,
                bullets: list
                    .bullets
                    .iter()
                    .map(|b| match b {
                        Bullet::Text(t) => BulletView {
                            pieces: pieces(t),
                            when: Vec::new(),
                        },
                        Bullet::Conditional(c) => BulletView {
                            pieces: pieces(&c.text),
                            when: c.when_responsibilities_mention.clone(),
                        },
                    })
                    .collect(),
            },
        })
        .collect()
}

fn sections(list: &[Section]) -> Vec<SectionView> {
    list.iter()
        .map(|s| SectionView {
            title: s.title.clone(),
            subsection: s.subsection,
            blocks: blocks(&s.body),
        })
        .collect()
}

/// The department-wide texts of every advert, each as a section under its advert heading.
fn texts(org: &Org) -> Vec<SectionView> {
    [
        ("Benefits", &org.benefits),
        ("Working for us", &org.working_for_us),
        ("Diversity and inclusion", &org.diversity),
        ("Reasonable adjustments", &org.reasonable_adjustments),
        ("Further information", &org.further_information),
    ]
    .into_iter()
    .filter(|(_, b)| !b.is_empty())
    .map(|(title, b)| SectionView {
        title: title.into(),
        subsection: false,
        blocks: blocks(b),
    })
    .collect()
}

/// A vacancy field a department fills for every advert: its label and value as written.
#[derive(Debug, Serialize)]
struct DefaultView {
    key: &'static str,
    label: &'static str,
    value: String,
    /// True for a structured value, shown as YAML.
    structured: bool,
}

/// The fields a department's `defaults:` fill, in the vacancy file's order: text as written,
/// structured values (salary bands, contact...) in YAML, as the department wrote them.
fn defaults(v: &Vacancy) -> Vec<DefaultView> {
    let json = serde_json::to_value(v).unwrap_or_default();
    VACANCY_FIELDS
        .iter()
        .filter(|f| (f.given)(v))
        .map(|f| {
            let (value, structured) = match (f.text)(v) {
                Some(t) => (t.as_str().to_string(), false),
                None => {
                    let mut j = json.get(f.key).cloned().unwrap_or_default();
                    drop_nulls(&mut j);
                    let yaml = serde_yaml::to_string(&j).unwrap_or_default();
                    (
                        yaml.trim_end().to_string(),
                        !(j.is_number() || j.is_boolean()),
                    )
                }
            };
            DefaultView {
                key: f.key,
                label: f.label.unwrap_or(f.key),
                value,
                structured,
            }
        })
        .collect()
}

/// The fields a department's `defaults:` fill as a GOV.UK summary list's rows: structured
/// values as YAML, preformatted.
fn default_rows(v: &Vacancy) -> Vec<Value> {
    defaults(v)
        .into_iter()
        .map(|d| {
            if d.structured {
                row_html(
                    d.label,
                    format!("<pre class=\"app-code\">{}</pre>", text(&d.value)),
                )
            } else {
                row(d.label, d.value)
            }
        })
        .collect()
}

/// A department's look as a GOV.UK summary list's rows.
fn look_rows(style: &Style) -> [Value; 4] {
    [
        row(
            "Font",
            format!("{}, {} point", style.font, style.font_size_pt),
        ),
        row(
            "Colour",
            format!("{}, with text in {}", style.colour, style.on_colour),
        ),
        row(
            "Sections",
            match style.sections {
                SectionStyle::Boxed => "Boxed: each section in a box with a shaded title row",
                SectionStyle::Plain => "Plain headings",
            },
        ),
        row(
            "Page header",
            if style.header.is_empty() {
                "None"
            } else {
                style.header.as_str()
            },
        ),
    ]
}

/// A heading of the department's page and the sections of text under it.
#[derive(Serialize)]
struct Group {
    title: String,
    /// Where the heading links to (a role's page), if anywhere.
    href: Option<String>,
    sections: Vec<SectionView>,
}

/// Every text of a department, under a heading each: about it, for every advert, for each role,
/// and the closing sections. Headings with no text are left out.
fn groups(session: &crate::Session, org: &Org) -> Vec<Group> {
    let mut groups = vec![
        Group {
            title: "About the department".into(),
            href: None,
            sections: sections(&org.about),
        },
        Group {
            title: "In every advert".into(),
            href: None,
            sections: texts(org),
        },
    ];
    for (id, r) in &org.roles {
        let role = session.data.roles.get(id);
        groups.push(Group {
            title: format!("For {}", role.map_or(id.as_str(), |r| r.name.as_str())),
            href: role.map(|r| format!("/roles/{}", r.id)),
            sections: sections(&r.sections),
        });
    }
    groups.push(Group {
        title: "Closing sections".into(),
        href: None,
        sections: sections(&org.closing),
    });
    groups.retain(|g| !g.sections.is_empty());
    groups
}

/// Removes the keys a department left out (`null`) from a structured value.
fn drop_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

#[derive(Serialize)]
struct TemplateView<'a> {
    name: &'a str,
    /// True when it replaces a template of jobgen's (or of `--templates`) of the same name.
    replaces: bool,
}

pub(super) async fn org(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    made(&app, move |loaded| {
        let session = &loaded.session;
        let Some(entry) = session.data.org(&id) else {
            return orgs_page(loaded, Some(&id));
        };
        let org = &entry.org;
        let templates: Vec<TemplateView> = entry
            .templates
            .iter()
            .map(|(name, _)| TemplateView {
                name,
                replaces: session.templates.get(name).is_some(),
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert("id", &entry.id);
        context.insert("name", &org.name);
        context.insert("groups", &groups(session, org));
        context.insert("defaults", &default_rows(&org.defaults));
        context.insert("look", &look_rows(&org.style));
        context.insert("templates", &templates);
        render(loaded, StatusCode::OK, "org.html", "/orgs", context)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_text_keeps_web_links_and_nothing_else() {
        let got =
            pieces("See [the standard](https://example.org/s) <b>now</b> [x](javascript:alert(1))");
        assert_eq!(
            got.iter().filter(|p| p.href.is_some()).count(),
            1,
            "{got:?}"
        );
        assert_eq!(got[1].href.as_deref(), Some("https://example.org/s"));
        let text: String = got.iter().map(|p| p.text.as_str()).collect();
        assert!(text.contains("<b>now</b>"), "{text}");
        assert!(text.contains("[x](javascript:alert(1))"), "{text}");
    }

    #[test]
    fn defaults_show_text_as_written_and_structures_as_yaml() {
        let v: Vacancy = serde_yaml::from_str(
            "type_of_role: Digital\ncontact: {name: A Person, email: a@example.org}\n",
        )
        .expect("vacancy");
        let d = defaults(&v);
        assert_eq!(d.len(), 2, "{d:?}");
        let value = |key: &str| &d.iter().find(|f| f.key == key).expect(key).value;
        assert_eq!(value("type_of_role"), "Digital");
        assert!(value("contact").contains("email: a@example.org"), "{d:?}");
        assert!(!value("contact").contains("null"), "{d:?}");
    }
}
