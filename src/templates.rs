//! The tera engine: built-in templates, overridden by name.
//!
//! Every built-in template is registered as `builtin/<name>`. A template of the same name from
//! `--templates DIR` is registered as `<name>`, and a department's own
//! `data/orgs/<id>/templates/<name>` replaces both for that department. tera's fallback prefix
//! makes `render("advert.md.tera")`, `extends` and `include` find the override first and the
//! built-in otherwise, so an override can start with `{% extends "builtin/advert.md.tera" %}` and
//! replace single blocks.
//!
//! Every `{{ value }}` in a `.md.tera` template is escaped for Markdown ([`crate::escape`]);
//! `| links` keeps `[text](https://...)` links in department text; `| safe` turns escaping off.

use tera::{Context, Kwargs, State, Tera, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::files::{Layers, Source};

/// The prefix under which the built-in templates are always available.
pub(crate) const BUILTIN_PREFIX: &str = "builtin/";

/// Builds the engine: built-ins, then `user` overrides, then a department's `org` overrides.
pub(crate) fn build(user: &Layers, org: &[(String, Source)]) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    let mut problems = Diagnostics::default();
    if let Err(e) = tera.set_fallback_prefixes([BUILTIN_PREFIX]) {
        problems.push(Diagnostic::new(e.to_string()));
        return Err(problems);
    }
    tera.autoescape_on([".md.tera", ".md"]);
    tera.set_escape_fn(|input, out| out.write_all(crate::escape::markdown(input).as_bytes()));
    tera.register_filter("links", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&crate::escape::with_links(s))
    });

    let builtin = Layers::builtin_templates();
    let mut named: Vec<(String, String)> = Vec::new();
    for (rel, src) in builtin.under("") {
        named.push((format!("{BUILTIN_PREFIX}{rel}"), src.text.clone()));
    }
    // User files replace built-ins by name; a department's files replace both.
    let mut overrides: std::collections::BTreeMap<String, &Source> = Default::default();
    for (rel, src) in user.under("") {
        if !src.builtin {
            overrides.insert(rel.to_string(), src);
        }
    }
    for (rel, src) in org {
        overrides.insert(rel.clone(), src);
    }
    for (rel, src) in &overrides {
        check_blocks(rel, src, &builtin, &mut problems);
        named.push((rel.clone(), src.text.clone()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Err(e) = tera.add_raw_templates(named) {
        problems.push(template_error(&e, user, org));
        return Err(problems);
    }
    Ok(tera)
}

/// The template file name for `--template NAME`: `advert` -> `advert.md.tera`.
pub(crate) fn file_name(name: &str) -> String {
    if name.ends_with(".tera") {
        name.to_string()
    } else {
        format!("{name}.md.tera")
    }
}

/// Renders `name` with `context`, or explains what went wrong.
pub(crate) fn render(
    tera: &Tera,
    name: &str,
    context: &Context,
    user: &Layers,
    org: &[(String, Source)],
) -> Result<String, Diagnostic> {
    if !tera.contains_template(name) {
        let names: Vec<&str> = tera
            .get_template_names()
            .filter(|n| !n.starts_with(BUILTIN_PREFIX))
            .chain(
                tera.get_template_names()
                    .filter_map(|n| n.strip_prefix(BUILTIN_PREFIX)),
            )
            .filter_map(|n| n.strip_suffix(".md.tera"))
            .collect();
        let wanted = name.trim_end_matches(".md.tera");
        return Err(Diagnostic::new(format!("unknown template `{wanted}`"))
            .help(suggest(wanted, names.iter().copied())));
    }
    tera.render(name, context)
        .map_err(|e| template_error(&e, user, org))
}

/// Explains a tera error: its whole cause chain, and where the template lives on disk.
fn template_error(e: &tera::Error, user: &Layers, org: &[(String, Source)]) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str("\n  caused by: ");
            message.push_str(&text);
        }
        source = s.source();
    }
    let message = message
        .strip_prefix("error: ")
        .unwrap_or(&message)
        .to_string();
    // Name the file on disk when the template came from one.
    let mentioned = |rel: &str| {
        message.contains(&format!("{rel}:"))
            || message.contains(&format!("'{rel}'"))
            || message.contains(&format!("`{rel}`"))
    };
    let file = org
        .iter()
        .find(|(rel, _)| mentioned(rel))
        .map(|(_, s)| s.display.clone())
        .or_else(|| {
            user.under("")
                .find(|(rel, s)| !s.builtin && mentioned(rel))
                .map(|(_, s)| s.display.clone())
        });
    let d = match file {
        Some(f) => Diagnostic::new(format!("template error in {f}: {message}")),
        None => Diagnostic::new(format!("template error: {message}")),
    };
    d.help("check the template against the variables `jobgen context` prints; every variable must exist (test optional ones with `{% if x %}`)")
}

/// The block names a template defines, with the line of each.
pub(crate) fn blocks(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(pos) = rest.find("{%") {
            let after = rest[pos + 2..].trim_start_matches('-').trim_start();
            if let Some(name) = after.strip_prefix("block ") {
                let name: String = name
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((name, i + 1));
                }
            }
            rest = &rest[pos + 2..];
        }
    }
    out
}

/// The template a template extends, if it extends a built-in one.
fn extends_builtin(text: &str) -> Option<&str> {
    let start = text.find("extends")?;
    let rest = &text[start + "extends".len()..];
    let q = rest.find(['"', '\''])?;
    let quote = rest[q..].chars().next()?;
    let name = &rest[q + 1..];
    let end = name.find(quote)?;
    name[..end].strip_prefix(BUILTIN_PREFIX)
}

/// Reports blocks of an override that the built-in template it extends does not have: such a
/// block would silently never show.
fn check_blocks(rel: &str, src: &Source, builtin: &Layers, problems: &mut Diagnostics) {
    let Some(parent) = extends_builtin(&src.text) else {
        return;
    };
    let Some(parent_src) = builtin.get(parent) else {
        let names: Vec<String> = builtin.under("").map(|(r, _)| r.to_string()).collect();
        // Templates are tera, not YAML: no parser index gives positions here, so the text is
        // searched (`Diagnostic::find`), from the line `blocks` found.
        problems.push(
            Diagnostic::new(format!(
                "{rel} extends an unknown built-in template `builtin/{parent}`"
            ))
            .in_file(&src.display)
            .find(&src.text, 1, "extends")
            .help(suggest(parent, names.iter().map(String::as_str))),
        );
        return;
    };
    let known: Vec<String> = blocks(&parent_src.text)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for (name, line) in blocks(&src.text) {
        if !known.contains(&name) {
            problems.push(
                Diagnostic::new(format!(
                    "block `{name}` does not exist in builtin/{parent}, so it would never be shown"
                ))
                .in_file(&src.display)
                .find(&src.text, line, &format!("block {name}"))
                .help(suggest(&name, known.iter().map(String::as_str))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_and_their_lines() {
        let t = "{% extends \"builtin/advert.md.tera\" %}\n{%- block lead %}x{% endblock lead %}\n{% block skills %}{% endblock %}";
        assert_eq!(
            blocks(t),
            vec![("lead".to_string(), 2), ("skills".to_string(), 3)]
        );
        assert_eq!(extends_builtin(t), Some("advert.md.tera"));
    }

    #[test]
    fn an_override_of_a_missing_block_is_reported() {
        let err = engine_with(
            "advert.md.tera",
            "{% extends \"builtin/advert.md.tera\" %}\n{% block leed %}x{% endblock leed %}",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(
            err.contains("block `leed` does not exist in builtin/advert.md.tera"),
            "{err}"
        );
        assert!(err.contains("did you mean `lead`?"), "{err}");
    }

    fn engine_with(name: &str, text: &str) -> Result<Tera, Diagnostics> {
        let mut user = Layers::default();
        let dir =
            tempfile::tempdir().map_err(|e| Diagnostics::from(Diagnostic::new(e.to_string())))?;
        std::fs::write(dir.path().join(name), text)
            .map_err(|e| Diagnostics::from(Diagnostic::new(e.to_string())))?;
        let mut p = Vec::new();
        user.overlay(dir.path(), &mut p);
        build(&user, &[])
    }

    #[test]
    fn values_are_escaped_for_markdown() {
        let tera = engine_with("t.md.tera", "{{ x }}").unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = Context::new();
        ctx.insert("x", "# <b>hi</b>");
        assert_eq!(
            tera.render("t.md.tera", &ctx).ok().as_deref(),
            Some("\\# \\<b\\>hi\\</b\\>")
        );
    }

    #[test]
    fn an_override_can_extend_the_builtin() {
        let tera = engine_with(
            "summary.md.tera",
            "{% extends \"builtin/summary.md.tera\" %}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(tera.contains_template("summary.md.tera"));
        assert!(tera.contains_template("builtin/summary.md.tera"));
    }

    #[test]
    fn a_missing_variable_is_an_error_not_a_blank() {
        let tera = engine_with("t.md.tera", "{{ nope }}").unwrap_or_else(|e| panic!("{e}"));
        assert!(tera.render("t.md.tera", &Context::new()).is_err());
    }
}
