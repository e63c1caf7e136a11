//! One file per command: each turns its flags into library calls and prints what the user asked
//! for. No command holds logic another front end (the web app) would need; that lives in the
//! library.

mod batch;
mod completions;
mod context;
mod generate;
mod import;
mod lint;
mod list;
mod man;
mod new_org;
mod serve;
mod synth_vacancies;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use jobgen::diagnostics::{Diagnostic, Diagnostics, Part, Severity};
use jobgen::request::Request;
use jobgen::{Error, Format, Session};

use crate::cli::{Cli, Command, FormatArg, MessageFormat, Selectors};

/// How much to say on standard error, and how: chosen once from the global options and the
/// streams.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Human or JSON messages.
    pub format: MessageFormat,
    /// `--quiet`: errors only, no progress bar.
    pub quiet: bool,
    /// `--verbose`: notes on what was loaded and written.
    pub verbose: bool,
    /// Colour human messages: standard error is a terminal and NO_COLOR is unset or empty.
    pub color: bool,
    /// Standard error is a terminal, so a progress bar can be drawn there.
    pub stderr_terminal: bool,
}

impl Settings {
    /// The settings for this command line and this process's standard error.
    pub fn new(cli: &Cli) -> Self {
        let stderr_terminal = std::io::stderr().is_terminal();
        // https://no-color.org: any non-empty value turns colour off.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Settings {
            format: cli.message_format,
            quiet: cli.quiet,
            verbose: cli.verbose,
            color: stderr_terminal && !no_color && cli.message_format == MessageFormat::Human,
            stderr_terminal,
        }
    }
}

/// Where a command's output goes: documents, paths and lists on standard output; errors,
/// warnings and notes on standard error, as text (coloured on a terminal) or JSON. A failure to
/// write standard error is remembered, never a crash.
pub struct Console<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    settings: Settings,
    /// True once something could not be written to standard error.
    pub stderr_failed: bool,
}

/// The colours of a human message on a terminal, as rustc has them.
fn paint(part: Part, text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let severity = |s| match s {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Note => AnsiColor::BrightGreen,
    };
    let color = match part {
        Part::Label(s) | Part::Caret(s) => severity(s),
        Part::Gutter => AnsiColor::BrightBlue,
    };
    let style = Style::new().bold().fg_color(Some(color.into()));
    format!("{}{text}{}", style.render(), style.render_reset())
}

impl<'a> Console<'a> {
    /// A console over the two streams.
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, settings: Settings) -> Self {
        Console {
            out,
            err,
            settings,
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

    /// Reports one diagnostic on standard error; with `--quiet`, errors only.
    pub fn report(&mut self, d: &Diagnostic) {
        if self.settings.quiet && !d.is_error() {
            return;
        }
        let text = match self.settings.format {
            MessageFormat::Human if self.settings.color => d.styled(&paint).to_string(),
            MessageFormat::Human => d.to_string(),
            MessageFormat::Json => d.to_json(),
        };
        self.stderr(&text);
    }

    /// Reports every diagnostic, with the count of errors in human form; with `--quiet`, errors
    /// only.
    pub fn report_all(&mut self, ds: &Diagnostics) {
        let quiet;
        let ds = if self.settings.quiet {
            quiet = Diagnostics(ds.0.iter().filter(|d| d.is_error()).cloned().collect());
            &quiet
        } else {
            ds
        };
        let text = match self.settings.format {
            MessageFormat::Human if self.settings.color => ds.styled(&paint).to_string(),
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

    /// Tells the user something they asked for that is not a problem ("no changes", what an
    /// import changes): plain text, or a note in JSON. Shown even with `--quiet`.
    pub fn say(&mut self, text: &str) {
        match self.settings.format {
            MessageFormat::Human => self.stderr(text),
            // Not through `report`, which --quiet would silence.
            MessageFormat::Json => self.stderr(&Diagnostic::note(text).to_json()),
        }
    }

    /// Like [`Console::say`], for news the user did not ask for ("waiting for another jobgen"):
    /// not shown with `--quiet`.
    pub fn status(&mut self, text: &str) {
        if !self.settings.quiet {
            self.say(text);
        }
    }

    /// With `--verbose`, a note on what jobgen is doing.
    pub fn verbose(&mut self, text: impl std::fmt::Display) {
        if self.settings.verbose {
            self.report(&Diagnostic::note(text.to_string()));
        }
    }

    /// A progress bar may be drawn on standard error: it is a terminal and `--quiet` is off.
    pub fn progress_wanted(&self) -> bool {
        self.settings.stderr_terminal && !self.settings.quiet
    }

    fn stderr(&mut self, text: &str) {
        if writeln!(self.err, "{text}").is_err() {
            self.stderr_failed = true;
        }
    }
}

/// With `--verbose`: which folders were laid over the built-in data and templates, and what the
/// session holds.
fn loaded(console: &mut Console<'_>, data: &[PathBuf], templates: Option<&Path>, s: &Session) {
    if !console.settings.verbose {
        return;
    }
    if data.is_empty() {
        console.verbose("data: the built-in data only");
    }
    for dir in data {
        console.verbose(format_args!(
            "data: {} laid over the built-in data",
            dir.display()
        ));
    }
    if let Some(dir) = templates {
        console.verbose(format_args!(
            "templates: {} laid over the built-in templates",
            dir.display()
        ));
    }
    console.verbose(format_args!(
        "loaded {}, {}, {}, {}",
        count(s.data.roles.len(), "role"),
        count(s.data.orgs.len(), "department"),
        count(s.data.skills.len(), "skill"),
        count(s.data.grades.len(), "grade")
    ));
}

/// `1 role`, `2 roles`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// With `--verbose`: the output folder and each file a transaction committed.
fn committed(console: &mut Console<'_>, dir: &Path, paths: &[PathBuf]) {
    console.verbose(format_args!(
        "output folder {}: {} committed as one transaction",
        dir.display(),
        count(paths.len(), "file")
    ));
    for p in paths {
        console.verbose(format_args!("committed {}", p.display()));
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
        Command::Serve(args) => serve::run(&data, templates, args, console),
        Command::SynthVacancies { count } => synth_vacancies::run(&data, templates, count, console),
        Command::List { what } => list::run(&data, templates, what, console),
        Command::Completions { shell } => completions::run(shell, console),
        Command::Man { out, force } => man::run(&out, force, console),
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
    templates: Option<&Path>,
    request: &Request,
    console: &mut Console<'_>,
) -> Result<Session, Error> {
    let role = request
        .vacancy
        .role
        .as_ref()
        .map(|r| r.as_str().to_string());
    let session = Session::load_for_role(data, templates, role.as_deref())?;
    loaded(console, data, templates, &session);
    Ok(session)
}

/// Loads the built-in data with the `--data` and `--templates` folders laid over it.
fn session(
    data: &[PathBuf],
    templates: Option<&Path>,
    console: &mut Console<'_>,
) -> Result<Session, Error> {
    let session = Session::load(data, templates)?;
    loaded(console, data, templates, &session);
    Ok(session)
}

/// Opens the output folder's transaction, telling the user if another jobgen holds it.
fn begin(
    out: &Path,
    force: bool,
    console: &mut Console<'_>,
) -> Result<jobgen::output::Transaction, Error> {
    Ok(jobgen::output::Transaction::begin(
        out,
        force,
        &mut |dir| {
            console.status(&format!(
                "waiting for another jobgen writing to {}",
                dir.display()
            ));
        },
    )?)
}
