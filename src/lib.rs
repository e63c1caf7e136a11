//! jobgen writes UK government job adverts from the Government Digital and Data Profession
//! Capability Framework.
//!
//! The library is the whole of jobgen but its front ends: the command line (`src/main.rs`,
//! `src/cli.rs`, `src/cmd/`) and, later, the web app only turn what a person asked for into a
//! [`request::Request`] and call [`Session`]. Data flows one way:
//!
//! ```text
//! files      built-in data/ and templates/, with --data and --templates folders laid over them
//! yaml       where each key and value of a YAML file is written; the alias limit -> Positions
//! data       parse and check every data file                                  -> Data
//! request    a vacancy from a file, flags, a form or JSON, each value's origin -> Request
//! advert     request + role level + department                                -> Advert
//! document   a kind (advert, summary, ...) renders its template over the Advert -> Document
//! encoding   parse the Markdown once; each format's writer (render/) walks it  -> bytes
//! output     plan names, stage the bytes, commit them into the output folder
//! lint       check an advert's Markdown: gender-coded words, long sentences, ... -> Report
//! ```
//!
//! [`Session`] holds what is loaded once; [`Session::generate`] runs one request through the rest.

// Diagnostics are large (they carry the offending line) but only travel on the cold error path.
#![allow(clippy::result_large_err)]
#![warn(missing_docs, unreachable_pub)]

pub mod advert;
pub mod batch;
pub mod data;
pub mod date;
pub mod diagnostics;
pub mod document;
pub mod encoding;
mod escape;
mod files;
pub mod import;
pub mod lint;
pub mod model;
pub mod output;
pub mod render;
pub mod request;
pub mod scaffold;
mod templates;
pub mod validate;
pub mod web;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use advert::Advert;
use data::Data;
use diagnostics::{Diagnostic, Diagnostics};
pub use encoding::{Encoded, Format};
use files::Layers;
use request::Request;

/// Why a command failed; each kind has its own exit code (see the README).
#[derive(Debug)]
pub enum Error {
    /// Bad data, vacancy or template: exit code 1.
    Input(Diagnostics),
    /// The command was asked for in a way that cannot work (two formats to standard output):
    /// exit code 2, as for clap's own usage errors.
    Usage(Box<Diagnostic>),
    /// Writing output failed: exit code 3.
    Write(output::WriteError),
    /// Another I/O failure (standard output closed, ...): exit code 3.
    Io(std::io::Error),
    /// jobgen could not build a document from checked input: a bug, exit code 4.
    Internal(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 1,
            Error::Usage(_) => 2,
            Error::Write(_) | Error::Io(_) => 3,
            Error::Internal(_) => 4,
        }
    }

    /// The diagnostics to show for this error: located problems for bad input, one
    /// unlocated error otherwise.
    pub fn diagnostics(&self) -> Diagnostics {
        match self {
            Error::Input(d) => d.clone(),
            Error::Usage(d) => (**d).clone().into(),
            Error::Write(e) => Diagnostic::new(e.to_string()).into(),
            Error::Io(e) => Diagnostic::new(e.to_string()).into(),
            Error::Internal(m) => Diagnostic::new(m.clone())
                .help("this is a bug in jobgen: please report it with the command and its input files")
                .into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.diagnostics())
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Input(d)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(d.into())
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::Input(Diagnostics(d))
    }
}

impl From<output::WriteError> for Error {
    fn from(e: output::WriteError) -> Self {
        Error::Write(e)
    }
}

impl From<encoding::EncodeError> for Error {
    fn from(e: encoding::EncodeError) -> Self {
        Error::Internal(e.to_string())
    }
}

/// A template engine for one department, built on first use, or why it cannot be built.
type Engine = OnceLock<Result<Arc<tera::Tera>, Diagnostics>>;

/// What is loaded once per run: the data, the user's template folder, and a template engine per
/// department, built on first use and shared by every advert (and thread) after that.
pub struct Session {
    /// Checked data.
    pub data: Data,
    /// Templates from `--templates` laid over the built-ins.
    pub templates: Layers,
    /// One engine per department id, and `""` for no department. The map is made whole at load,
    /// so threads only ever initialise a slot, never insert.
    engines: HashMap<String, Engine>,
}

/// What templates see for one request, and its checks' report: see [`Session::context`].
#[derive(serde::Serialize)]
pub struct Context {
    /// The merged advert: every variable a template can use.
    #[serde(flatten)]
    pub advert: Advert,
    /// The advert's checks, or none when it cannot be written.
    pub lint: Option<lint::Report>,
    /// The advert's warnings, and why it has no report: for the front end to show, not part of
    /// the context.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

impl Context {
    /// The context as pretty JSON with a final newline, as `jobgen context --as json` prints it.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .map_err(|e| Error::Internal(format!("cannot write the context as JSON: {e}")))
    }

    /// The context as YAML.
    pub fn to_yaml(&self) -> Result<String, Error> {
        serde_yaml::to_string(self)
            .map_err(|e| Error::Internal(format!("cannot write the context as YAML: {e}")))
    }
}

/// One request, written: the merged advert, the file name stem, and each format's bytes.
pub struct Generated {
    /// The merged data.
    pub advert: Advert,
    /// The file name stem (see [`file_stem`]).
    pub stem: String,
    /// The document in each format asked for, in order.
    pub files: Vec<Encoded>,
    /// The Markdown the template wrote, which every format was made from (and which
    /// [`Session::check`] checks).
    pub markdown: String,
}

impl Generated {
    /// The file name of each format: `<stem>.<ext>`.
    pub fn names(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|f| format!("{}.{}", self.stem, f.format.ext()))
            .collect()
    }
}

impl Session {
    /// Loads the built-in data and templates with the user's folders laid over them.
    pub fn load(data_dirs: &[PathBuf], template_dir: Option<&Path>) -> Result<Session, Error> {
        Self::load_for_role(data_dirs, template_dir, None)
    }

    /// Like [`Session::load`], parsing only `role`'s file among the roles when it is given (see
    /// [`data::load_for_role`]).
    pub fn load_for_role(
        data_dirs: &[PathBuf],
        template_dir: Option<&Path>,
        role: Option<&str>,
    ) -> Result<Session, Error> {
        let data = data::load_for_role(data_dirs, role)?;
        let mut templates = Layers::builtin_templates();
        if let Some(dir) = template_dir {
            let mut problems = Vec::new();
            templates.overlay(dir, &mut problems);
            if !problems.is_empty() {
                return Err(problems.into());
            }
        }
        let engines = std::iter::once(String::new())
            .chain(data.orgs.keys().cloned())
            .map(|k| (k, Engine::new()))
            .collect();
        Ok(Session {
            data,
            templates,
            engines,
        })
    }

    /// Merges a request into the advert model.
    pub fn advert(&self, req: &Request) -> Result<Advert, Error> {
        Ok(advert::merge(&self.data, req)?)
    }

    /// Runs one request through the whole pipeline: merge, the document of kind `kind`, each
    /// format. Nothing is written: see [`output`] for that.
    pub fn generate(
        &self,
        req: &Request,
        kind: &str,
        formats: &[Format],
    ) -> Result<Generated, Error> {
        let advert = self.advert(req)?;
        let (document, files) = self.document_in(&advert, kind, formats)?;
        let stem = file_stem(&advert, kind);
        Ok(Generated {
            advert,
            stem,
            files,
            markdown: document.markdown,
        })
    }

    /// The merged advert's document of kind `kind`, in each format.
    pub fn documents(
        &self,
        advert: &Advert,
        kind: &str,
        formats: &[Format],
    ) -> Result<Vec<Encoded>, Error> {
        Ok(self.document_in(advert, kind, formats)?.1)
    }

    /// The document of kind `kind` and its files, once every format has said it can write it
    /// (the Civil Service Jobs export needs the advert, CSV needs tables).
    fn document_in(
        &self,
        advert: &Advert,
        kind: &str,
        formats: &[Format],
    ) -> Result<(document::Document, Vec<Encoded>), Error> {
        let usage = |d| Error::Usage(Box::new(d));
        encoding::check_kind(kind, formats).map_err(usage)?;
        let document = document::kind(kind).build(self, advert)?;
        for f in formats {
            f.encoding().check(&document).map_err(usage)?;
        }
        let files = encoding::encode(&document, Some(advert), formats)?;
        Ok((document, files))
    }

    /// What `jobgen context` prints and `POST /api/context` returns for `req`: the merged
    /// advert and its checks' report. An advert that merges but cannot be written (a template
    /// fails, a check id is unknown) has no report; why is among the context's warnings.
    pub fn context(&self, req: &Request) -> Result<Context, Error> {
        let advert = self.advert(req)?;
        let mut warnings = advert.warnings.clone();
        let lint = match self.lint(req, &[]) {
            Ok((_, report)) => Some(report),
            Err(Error::Input(ds)) => {
                for mut d in ds.0 {
                    d.severity = diagnostics::Severity::Warning;
                    let help = d.help.take().map_or(String::new(), |h| format!("{h}; "));
                    warnings.push(d.help(format!(
                        "{help}the advert cannot be written, so `lint` is empty"
                    )));
                }
                None
            }
            Err(other) => return Err(other),
        };
        Ok(Context {
            advert,
            lint,
            warnings,
        })
    }

    /// Checks the advert `req` would write (see [`lint`]), with the department's and the
    /// vacancy's settings and the rules in `allow` turned off. The advert's Markdown is named
    /// by the file it would be written to.
    pub fn lint(&self, req: &Request, allow: &[String]) -> Result<(Advert, lint::Report), Error> {
        self.lint_document(req, "advert", allow)
    }

    /// Like [`Session::lint`], for the document of kind `kind` (`summary`, a user's template).
    pub fn lint_document(
        &self,
        req: &Request,
        kind: &str,
        allow: &[String],
    ) -> Result<(Advert, lint::Report), Error> {
        vacancy_lint_problems(req).into_result(())?;
        let advert = self.advert(req)?;
        let markdown = self.markdown(&advert, kind)?;
        let report = self.check(req, &advert, &markdown, kind, allow);
        Ok((advert, report))
    }

    /// Checks `markdown`, the document of kind `kind` written for `req` (merged as `advert`),
    /// as [`Session::lint`] does: for a document already rendered (`generate`, `batch`). The
    /// vacancy's `lint:` ids must have been checked ([`vacancy_lint_problems`]).
    pub fn check(
        &self,
        req: &Request,
        advert: &Advert,
        markdown: &str,
        kind: &str,
        allow: &[String],
    ) -> lint::Report {
        let org = advert
            .org
            .as_ref()
            .and_then(|o| self.data.orgs.get(&o.id))
            .map(|o| &o.org.lint);
        // Options may gain settings that have defaults.
        #[allow(clippy::needless_update)]
        let options = lint::Options {
            allow,
            org,
            vacancy: req.vacancy.lint.as_ref(),
            ..lint::Options::default()
        };
        let file = format!("{}.md", file_stem(advert, kind));
        lint::lint(markdown, &file, &self.data.lint, &options)
    }

    /// The department's templates (its own, if any, laid over the user's and the built-ins).
    fn org_templates(&self, org: Option<&str>) -> &[(String, files::Source)] {
        org.and_then(|id| self.data.orgs.get(id))
            .map_or(&[], |o| &o.templates[..])
    }

    /// The template engine for a department (`None`: no department), built once.
    pub fn engine(&self, org: Option<&str>) -> Result<Arc<tera::Tera>, Error> {
        let key = org.unwrap_or("");
        let build = || templates::build(&self.templates, self.org_templates(org)).map(Arc::new);
        let built = match self.engines.get(key) {
            Some(slot) => slot.get_or_init(build).clone(),
            // Only a department that is not in the data: merging never produces one.
            None => build(),
        };
        Ok(built?)
    }

    /// Renders `context` with template `template` (`advert`, `summary`, `index`) to Markdown,
    /// with the department's templates.
    pub fn render_markdown(
        &self,
        org: Option<&str>,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, Error> {
        let tera = self.engine(org)?;
        let name = templates::file_name(template);
        Ok(templates::render(
            &tera,
            &name,
            context,
            &self.templates,
            self.org_templates(org),
        )?)
    }

    /// Renders the advert with template `template` (`advert`, `summary`) to Markdown.
    pub fn markdown(&self, advert: &Advert, template: &str) -> Result<String, Error> {
        let context = tera::Context::from_serialize(advert)
            .map_err(|e| Error::Internal(format!("cannot pass the advert to the template: {e}")))?;
        self.render_markdown(
            advert.org.as_ref().map(|o| o.id.as_str()),
            template,
            &context,
        )
    }
}

/// An unknown check id in the vacancy's `lint: allow`, one problem each, located in the vacancy
/// file: checked before anything is rendered.
pub fn vacancy_lint_problems(req: &Request) -> Diagnostics {
    let Some(v) = &req.vacancy.lint else {
        return Diagnostics::default();
    };
    Diagnostics(
        v.allow
            .iter()
            .filter(|id| lint::rule(id).is_none())
            .map(|id| {
                req.locate(
                    "lint",
                    Diagnostic::new(format!("unknown check `{id}`")).help(lint::suggest_rule(id)),
                )
            })
            .collect(),
    )
}

/// The file name stem for an advert: its vacancy reference if it has one, else
/// `<org>-<level>-<grade>` (parts that are absent left out), with `-<template>` for templates
/// other than the advert.
pub fn file_stem(advert: &Advert, template: &str) -> String {
    let mut stem = match advert.vacancy.get("reference").cloned().flatten() {
        Some(reference) => reference,
        None => {
            let mut parts = Vec::new();
            if let Some(o) = &advert.org {
                parts.push(o.id.clone());
            }
            parts.push(advert.level.id.clone());
            if let Some(g) = &advert.grade {
                parts.push(g.id.clone());
            }
            parts.join("-")
        }
    };
    if template != "advert" {
        stem.push('-');
        stem.push_str(template);
    }
    output::safe_file_stem(&stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_that_cannot_be_built_is_jobgens_fault_with_exit_code_4() {
        let e: Error = encoding::EncodeError {
            format: "Word",
            message: "zip failed".into(),
        }
        .into();
        assert_eq!(e.exit_code(), 4);
        let shown = e.to_string();
        assert!(shown.starts_with("error: cannot build the Word document: zip failed"));
        assert!(shown.contains("this is a bug in jobgen"), "{shown}");
    }

    #[test]
    fn exit_codes_are_as_the_readme_says() {
        assert_eq!(Error::Input(Diagnostics::default()).exit_code(), 1);
        assert_eq!(Error::Usage(Box::new(Diagnostic::new("x"))).exit_code(), 2);
        assert_eq!(Error::Io(std::io::Error::other("x")).exit_code(), 3);
    }
}
