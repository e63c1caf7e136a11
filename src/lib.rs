//! jobgen writes UK government job adverts from the Government Digital and Data Profession
//! Capability Framework.
//!
//! Data flows one way:
//!
//! ```text
//! files   built-in data/ and templates/, with --data and --templates folders laid over them
//! yaml    where each key and value of a YAML file is written; alias limit -> Positions
//! data    parse and check every data file                               -> Data
//! request a vacancy from a file, flags, a form or JSON, and where each value came from
//!                                                                       -> Request
//! advert  vacancy + role level + department                             -> Advert
//! templates  tera renders the advert template                           -> Markdown
//! render  parse the Markdown once; html and docx writers walk the events -> bytes
//! output  safe file names, atomic writes
//! ```
//!
//! [`Session`] holds what is loaded once; [`Session::generate`] runs one advert through the rest.

// Diagnostics are large (they carry the offending line) but only travel on the cold error path.
#![allow(clippy::result_large_err)]

pub mod advert;
pub mod batch;
pub mod cli;
pub mod data;
pub mod diagnostics;
pub mod escape;
pub mod files;
pub mod import;
pub mod model;
pub mod output;
pub mod render;
pub mod request;
pub mod scaffold;
pub mod templates;
pub mod validate;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use advert::Advert;
use data::Data;
use diagnostics::{Diagnostic, Diagnostics};
use files::Layers;
use request::Request;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Markdown, as the template wrote it.
    Md,
    /// A self-contained HTML page.
    Html,
    /// A Word document.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// Parses `md`, `html` or `docx`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" => Some(Format::Html),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Why a command failed; each kind has its own exit code (see the README).
#[derive(Debug)]
pub enum Error {
    /// Bad data, vacancy or template: exit code 1.
    Input(Diagnostics),
    /// Writing output failed: exit code 3.
    Write(output::WriteError),
    /// Another I/O failure (standard output closed, ...): exit code 3.
    Io(std::io::Error),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 1,
            Error::Write(_) | Error::Io(_) => 3,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(d) => write!(f, "{d}"),
            Error::Write(e) => write!(f, "error: {e}"),
            Error::Io(e) => write!(f, "error: {e}"),
        }
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

/// What is loaded once per run: the data, the user's template folder, and a template engine per
/// department, built on first use and shared by every advert (and thread) after that.
pub struct Session {
    /// Checked data.
    pub data: Data,
    /// Templates from `--templates` laid over the built-ins.
    pub templates: Layers,
    engines: Mutex<HashMap<String, Arc<tera::Tera>>>,
}

/// One rendered document.
pub struct Document {
    /// Its format.
    pub format: Format,
    /// Its bytes.
    pub bytes: Vec<u8>,
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
        Ok(Session {
            data,
            templates,
            engines: Mutex::new(HashMap::new()),
        })
    }

    /// Merges a request into the advert model.
    pub fn advert(&self, req: &Request) -> Result<Advert, Error> {
        Ok(advert::merge(&self.data, req)?)
    }

    /// The department's templates (its own, if any, laid over the user's and the built-ins).
    fn org_templates(&self, org: Option<&str>) -> &[(String, files::Source)] {
        org.and_then(|id| self.data.orgs.get(id))
            .map_or(&[], |o| &o.templates[..])
    }

    /// The template engine for a department (`None`: no department), built once.
    pub fn engine(&self, org: Option<&str>) -> Result<Arc<tera::Tera>, Error> {
        let key = org.unwrap_or("").to_string();
        if let Some(e) = self.engines.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(e);
        }
        let engine = Arc::new(templates::build(&self.templates, self.org_templates(org))?);
        if let Ok(mut m) = self.engines.lock() {
            m.insert(key, engine.clone());
        }
        Ok(engine)
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
            .map_err(|e| Diagnostic::new(format!("cannot pass the advert to the template: {e}")))?;
        self.render_markdown(
            advert.org.as_ref().map(|o| o.id.as_str()),
            template,
            &context,
        )
    }

    /// Renders the advert in every format asked for, parsing the Markdown once.
    pub fn documents(
        &self,
        advert: &Advert,
        template: &str,
        formats: &[Format],
    ) -> Result<Vec<Document>, Error> {
        let markdown = self.markdown(advert, template)?;
        Ok(documents(&markdown, &advert.meta, &advert.style, formats)?)
    }
}

/// Turns Markdown into each format: parsed once, walked by each writer.
pub fn documents(
    markdown: &str,
    meta: &render::DocMeta,
    style: &render::Style,
    formats: &[Format],
) -> Result<Vec<Document>, Diagnostic> {
    let needs_tree = formats.iter().any(|f| *f != Format::Md);
    let tree = if needs_tree {
        render::parse(markdown)
    } else {
        Vec::new()
    };
    formats
        .iter()
        .map(|&format| {
            let bytes = match format {
                Format::Md => markdown.as_bytes().to_vec(),
                Format::Html => render::html::write(&tree, meta, style).into_bytes(),
                Format::Docx => render::docx::write(&tree, meta, style)
                    .map_err(|e| Diagnostic::new(format!("cannot build the Word document: {e}")))?,
            };
            Ok(Document { format, bytes })
        })
        .collect()
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
