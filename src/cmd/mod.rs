//! One file per command: each turns its flags into library calls and prints what the user asked
//! for. No command holds logic another front end (the web app) would need; that lives in the
//! library.

mod batch;
mod context;
mod generate;
mod import;
mod lint;
mod list;
mod new_org;
mod synth_vacancies;
mod validate;

use std::io::Write;
use std::path::PathBuf;

use jobgen::diagnostics::{Diagnostic, Diagnostics};
use jobgen::request::Request;
use jobgen::{Error, Format, Session};

use crate::cli::{Cli, Command, FormatArg, MessageFormat, Selectors};

/// Where a command's output goes: documents, paths and lists on standard output; errors,
/// warnings and notes on standard error, as text or JSON. A failure to write standard error is
/// remembered, never a crash.
pub struct Console<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    format: MessageFormat,
    /// True once something could not be written to standard error.
    pub stderr_failed: bool,
}

impl<'a> Console<'a> {
    /// A console over the two streams.
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, format: MessageFormat) -> Self {
        Console {
            out,
            err,
            format,
            stderr_failed: false,
        }
    }

    /// Prints a line on standard output (a path written, a list item).
    pub fn line(&mut self, text: impl std::fmt::Display) -> Result<(), Error> {
        writeln!(self.out, "{text}").map_err(Error::Io)
    }

    /// Writes bytes to standard output (a document with `--out -`).
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out.write_all(bytes).map_err(Error::Io)
    }

    /// Flushes standard output.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(Error::Io)
    }

    /// Reports one diagnostic on standard error.
    pub fn report(&mut self, d: &Diagnostic) {
        let text = match self.format {
            MessageFormat::Human => d.to_string(),
            MessageFormat::Json => d.to_json(),
        };
        self.stderr(&text);
    }

    /// Reports every diagnostic, with the count of errors in human form.
    pub fn report_all(&mut self, ds: &Diagnostics) {
        let text = match self.format {
            MessageFormat::Human => ds.to_string(),
            MessageFormat::Json => {
                ds.0.iter()
                    .map(Diagnostic::to_json)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        if !text.is_empty() {
            self.stderr(&text);
        }
    }

    /// Tells the user something that is not a problem ("no changes"): plain text, or a note in
    /// JSON.
    pub fn say(&mut self, text: &str) {
        match self.format {
            MessageFormat::Human => self.stderr(text),
            MessageFormat::Json => self.report(&Diagnostic::note(text)),
        }
    }

    fn stderr(&mut self, text: &str) {
        if writeln!(self.err, "{text}").is_err() {
            self.stderr_failed = true;
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli, console: &mut Console<'_>) -> Result<(), Error> {
    let Cli {
        data,
        templates,
        command,
        ..
    } = cli;
    let templates = templates.as_deref();
    match command {
        Command::Generate(args) => generate::run(&data, templates, args, console),
        Command::Batch(args) => batch::run(&data, templates, args, console),
        Command::Context(args) => context::run(&data, templates, args, console),
        Command::Lint(args) => lint::run(&data, templates, args, console),
        Command::Validate { vacancies } => validate::run(&data, templates, vacancies, console),
        Command::Import { what } => import::run(what, console),
        Command::NewOrg { id, name } => new_org::run(&data, templates, &id, &name, console),
        Command::SynthVacancies { count } => synth_vacancies::run(&data, templates, count, console),
        Command::List { what } => list::run(&data, templates, what, console),
    }
}

/// `--format md,html` as formats, each once, in the order given.
fn formats(given: &[FormatArg]) -> Vec<Format> {
    let mut formats = Vec::new();
    for &FormatArg(f) in given {
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    formats
}

/// The vacancy file, if any, with the command line's selectors laid over it: a flag overrides
/// the file's value and becomes where that value came from.
fn request(select: &Selectors) -> Result<Request, Error> {
    let mut req = match &select.vacancy {
        Some(path) => Request::from_vacancy_file(path)?,
        None => Request::default(),
    };
    for (key, value) in [
        ("role", &select.role),
        ("level", &select.level),
        ("grade", &select.grade),
        ("org", &select.org),
    ] {
        if let Some(v) = value {
            req = req.with_flag(key, v.as_str());
        }
    }
    Ok(req)
}

/// Loads the session for one request: only its role's file among the roles.
fn session_for(
    data: &[PathBuf],
    templates: Option<&std::path::Path>,
    request: &Request,
) -> Result<Session, Error> {
    let role = request
        .vacancy
        .role
        .as_ref()
        .map(|r| r.as_str().to_string());
    Session::load_for_role(data, templates, role.as_deref())
}
