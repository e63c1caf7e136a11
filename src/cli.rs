//! The command line: clap definitions (their doc comments are the `--help` text) and what each
//! command does with the library.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::Diagnostic;
use crate::request::Request;
use crate::{Error, Format, Session};

/// Writes UK government job adverts from the Government Digital and Data Profession Capability
/// Framework, a department's boilerplate and a vacancy's details.
#[derive(Debug, Parser)]
#[command(name = "jobgen", version, max_term_width = 100)]
pub struct Cli {
    /// A folder laid over the built-in data: its files replace built-in files of the same path
    /// (roles/devops-engineer.yaml, orgs/home-office/org.yaml), new files add to them. Repeat to
    /// lay several folders, later ones winning.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Vec<PathBuf>,

    /// A folder laid over the built-in templates: advert.md.tera there replaces the built-in
    /// advert template (which stays available as builtin/advert.md.tera).
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one advert.
    Generate(GenerateArgs),
    /// Write many adverts: every level of a role, or every vacancy of a list, plus an index
    /// page with a progression matrix.
    Batch(BatchArgs),
    /// Print the merged data that templates see, as YAML or JSON: every variable a template can
    /// use, for the same selectors as `generate`.
    Context(ContextArgs),
    /// Check all data, every template against every role level and department, and a vacancies
    /// file; report every problem.
    Validate {
        /// A vacancies file (a YAML list of vacancies) to check too.
        #[arg(long, value_name = "FILE")]
        vacancies: Option<PathBuf>,
    },
    /// Import the framework into jobgen's data files: its CSV download, or a role page's text.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Create a new department: data/orgs/ID/ with a commented org.yaml and advert template to
    /// edit. Written under the first --data folder (default: ./data).
    NewOrg {
        /// The department's id: lower-case letters, digits and dashes (department-for-transport).
        id: String,
        /// The department's name.
        #[arg(long)]
        name: String,
    },
    /// Print a synthetic vacancies file of COUNT vacancies spread over every role level and
    /// department, for benchmarks (scripts/bench.sh).
    #[command(hide = true)]
    SynthVacancies {
        /// How many vacancies.
        count: usize,
    },
    /// List roles, levels, skills, grades, departments or SFIA skills, one per line, id first.
    List {
        /// What to list.
        #[command(subcommand)]
        what: ListWhat,
    },
}

/// Which role level and where: shared by `generate` and `context`.
#[derive(Debug, Args)]
pub struct Selectors {
    /// Role id, for example devops-engineer (`jobgen list roles`). Overrides the vacancy file.
    #[arg(long)]
    pub role: Option<String>,
    /// Level id or number within the role, for example devops-engineer or 3
    /// (`jobgen list levels ROLE`). Overrides the vacancy file.
    #[arg(long)]
    pub level: Option<String>,
    /// Civil Service grade, for example SEO (`jobgen list grades`). Without it the advert gives
    /// the level's indicative grades. Overrides the vacancy file.
    #[arg(long)]
    pub grade: Option<String>,
    /// Department id, for example home-office (`jobgen list orgs`). Overrides the vacancy file.
    #[arg(long)]
    pub org: Option<String>,
    /// A vacancy file (YAML): org, role, level, grade, reference, salary, location... See the
    /// README.
    #[arg(long, value_name = "FILE")]
    pub vacancy: Option<PathBuf>,
}

/// What `generate` takes.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Which role level, where.
    #[command(flatten)]
    pub select: Selectors,
    /// Template: advert (the full job advert) or summary (the framework's role summary), or the
    /// name of a template in --templates.
    #[arg(long, default_value = "advert")]
    pub template: String,
    /// Output formats, comma-separated: md, html, docx.
    #[arg(long, default_value = "md", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Output folder, or - to write the document to standard output (one format only).
    #[arg(long, default_value = "output", value_name = "DIR|-")]
    pub out: PathBuf,
    /// Replace files in the output folder that jobgen did not write. Without it, jobgen replaces
    /// only its own files (listed in the folder's .jobgen-written).
    #[arg(long)]
    pub force: bool,
}

/// What `batch` takes.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["role", "vacancies"]))]
pub struct BatchArgs {
    /// Write one advert per level of this role (`jobgen list roles`).
    #[arg(long)]
    pub role: Option<String>,
    /// Department id for every level of --role.
    #[arg(long, conflicts_with = "vacancies")]
    pub org: Option<String>,
    /// One grade for every level of --role; without it each level gives its indicative grades.
    #[arg(long, conflicts_with = "vacancies")]
    pub grade: Option<String>,
    /// Write one advert per vacancy of this YAML list (each item has the keys of a vacancy
    /// file); each is named after its reference.
    #[arg(long, value_name = "FILE")]
    pub vacancies: Option<PathBuf>,
    /// Template of each advert.
    #[arg(long, default_value = "advert")]
    pub template: String,
    /// Output formats, comma-separated: md, html, docx.
    #[arg(long, default_value = "md", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Output folder.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Write the adverts that are right even when others are wrong (the exit code is still 1).
    /// Without it, one wrong advert means nothing is written.
    #[arg(long)]
    pub keep_going: bool,
    /// Replace files in the output folder that jobgen did not write.
    #[arg(long)]
    pub force: bool,
}

/// What `context` takes.
#[derive(Debug, Args)]
pub struct ContextArgs {
    /// Which role level, where.
    #[command(flatten)]
    pub select: Selectors,
    /// yaml or json.
    #[arg(long = "as", default_value = "yaml", value_parser = ["yaml", "json"])]
    pub as_: String,
}

/// What `jobgen import` reads.
#[derive(Debug, Clone, Subcommand)]
pub enum ImportWhat {
    /// The framework's CSV download: roles.csv and skills.csv.
    Csv {
        /// roles.csv: one row per role level and skill.
        roles: PathBuf,
        /// skills.csv: one row per skill.
        skills: PathBuf,
        /// Where to write, and what to do.
        #[command(flatten)]
        options: ImportOptions,
    },
    /// A role page's text, as copied from a browser.
    Page {
        /// The text file.
        file: PathBuf,
        /// Where to write, and what to do.
        #[command(flatten)]
        options: ImportOptions,
    },
}

/// What both imports take besides their input.
#[derive(Debug, Clone, Args)]
pub struct ImportOptions {
    /// The data folder to write (and compare with).
    #[arg(long, default_value = "data", value_name = "DIR")]
    pub out: PathBuf,
    /// A YAML map of level id to grade ids (`data-engineer: [HEO, SEO]`) for levels whose grades
    /// the data does not know yet.
    #[arg(long, value_name = "FILE")]
    pub grades: Option<PathBuf>,
    /// Report what would change and write nothing.
    #[arg(long)]
    pub check: bool,
}

/// What `jobgen list` lists.
#[derive(Debug, Clone, Subcommand)]
pub enum ListWhat {
    /// Roles by family: id, name, role family and number of levels.
    Roles,
    /// The levels of a role, most junior first: id, number, name and indicative grades.
    Levels {
        /// Role id.
        role: String,
    },
    /// The skill catalogue: id and name.
    Skills,
    /// Civil Service grades: id and full name.
    Grades,
    /// Departments: id and name.
    Orgs,
    /// SFIA skills: code, name and the levels SFIA defines.
    Sfia,
}

/// Runs a parsed command line. Documents and lists go to `stdout`; warnings to `stderr`.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<(), Error> {
    if let Command::NewOrg { id, name } = &cli.command {
        return new_org(&cli, id, name, stdout, stderr);
    }
    if let Command::Import { what } = &cli.command {
        return import(what, stdout, stderr);
    }
    // One advert needs only its own role's file among the roles.
    let (request, role) = match &cli.command {
        Command::Generate(GenerateArgs { select, .. })
        | Command::Context(ContextArgs { select, .. }) => {
            let req = request(select)?;
            let role = req.vacancy.role.as_ref().map(|r| r.as_str().to_string());
            (Some(req), role)
        }
        _ => (None, None),
    };
    let session = Session::load_for_role(&cli.data, cli.templates.as_deref(), role.as_deref())?;
    match cli.command {
        Command::Generate(args) => {
            generate(&session, request.unwrap_or_default(), args, stdout, stderr)
        }
        Command::Batch(args) => batch(&session, args, stdout, stderr),
        Command::Context(args) => {
            let advert = session.advert(&request.unwrap_or_default())?;
            let text = if args.as_ == "json" {
                serde_json::to_string_pretty(&advert)
                    .map(|mut s| {
                        s.push('\n');
                        s
                    })
                    .map_err(|e| {
                        Diagnostic::new(format!("cannot write the context as JSON: {e}"))
                    })?
            } else {
                serde_yaml::to_string(&advert).map_err(|e| {
                    Diagnostic::new(format!("cannot write the context as YAML: {e}"))
                })?
            };
            stdout.write_all(text.as_bytes()).map_err(io)
        }
        Command::List { what } => list(&session, what, stdout),
        Command::NewOrg { .. } | Command::Import { .. } => Ok(()),
        Command::SynthVacancies { count } => {
            let text = synth_vacancies(&session, count);
            stdout.write_all(text.as_bytes()).map_err(io)
        }
        Command::Validate { vacancies } => {
            let vacancies = match vacancies {
                Some(path) => Some(crate::request::read_vacancies(&path)?),
                None => None,
            };
            let checked = crate::validate::validate(&session, vacancies)?;
            writeln!(
                stdout,
                "no problems found: {} roles, {} departments, {} template renders, {} vacancies checked",
                session.data.roles.len(),
                session.data.orgs.len(),
                checked.renders,
                checked.vacancies
            )
            .map_err(io)
        }
    }
}

fn import(what: &ImportWhat, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<(), Error> {
    let (read, options, source) = match what {
        ImportWhat::Csv {
            roles,
            skills,
            options,
        } => (
            crate::import::read_csv(roles, skills),
            options,
            "the Government Digital and Data Profession Capability Framework's CSV download",
        ),
        ImportWhat::Page { file, options } => (
            crate::import::read_page(file),
            options,
            "the Government Digital and Data Profession Capability Framework's role page",
        ),
    };
    let import = read.map_err(Error::Input)?;
    for note in &import.notes {
        writeln!(stderr, "note: {note}").map_err(io)?;
    }
    let plan = crate::import::plan(import, &options.out, options.grades.as_deref(), source)?;
    if plan.changes.0.is_empty() {
        writeln!(stderr, "no changes").map_err(io)?;
    } else {
        writeln!(stderr, "{} change(s):", plan.changes.0.len()).map_err(io)?;
        for c in &plan.changes.0 {
            writeln!(stderr, "  {c}").map_err(io)?;
        }
    }
    if options.check {
        return Ok(());
    }
    for f in plan.apply()? {
        writeln!(stdout, "{}", f.display()).map_err(io)?;
    }
    Ok(())
}

fn new_org(
    cli: &Cli,
    id: &str,
    name: &str,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Error> {
    let data = cli
        .data
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("data"));
    let written = crate::scaffold::new_org(&data, id, name)?;
    // Prove that the new department works before saying so.
    let mut dirs = cli.data.clone();
    if dirs.is_empty() {
        dirs.push(data.clone());
    }
    let session = Session::load(&dirs, cli.templates.as_deref())?;
    let advert = session.advert(
        &Request::default()
            .with_flag("org", id)
            .with_flag("role", "devops-engineer")
            .with_flag("level", "devops-engineer"),
    )?;
    session.markdown(&advert, "advert")?;
    for p in &written {
        writeln!(stdout, "{}", p.display()).map_err(io)?;
    }
    writeln!(
        stderr,
        "Created {name}. Edit {}, then write an advert with:\n  jobgen --data {} generate --org {id} --role devops-engineer --level devops-engineer",
        written[0].display(),
        data.display()
    )
    .map_err(io)?;
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::Io(e)
}

fn generate(
    session: &Session,
    request: Request,
    args: GenerateArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Error> {
    let formats = formats(&args.format)?;
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && formats.len() != 1 {
        return Err(Diagnostic::new(
            "--out - writes one document to standard output, but several formats were asked for",
        )
        .help("give one --format, or an output folder")
        .into());
    }

    let advert = session.advert(&request)?;
    for w in &advert.warnings {
        writeln!(stderr, "warning: {w}").map_err(io)?;
    }
    let docs = session.documents(&advert, &args.template, &formats)?;
    if to_stdout {
        for d in &docs {
            stdout.write_all(&d.bytes).map_err(io)?;
        }
        return stdout.flush().map_err(io);
    }
    let stem = crate::file_stem(&advert, &args.template);
    let names: Vec<String> = docs
        .iter()
        .map(|d| format!("{stem}.{}", d.format.ext()))
        .collect();
    let mut out = crate::output::OutDir::open(&args.out, args.force);
    out.check(&names)?;
    for (d, name) in docs.iter().zip(&names) {
        let path = crate::output::write_atomic(&args.out, name, &d.bytes)?;
        writeln!(stdout, "{}", path.display()).map_err(io)?;
    }
    out.record(names.iter().map(String::as_str))?;
    Ok(())
}

/// A vacancies file of `count` vacancies: every role level in turn, each department in turn,
/// with a unique reference and varied appendix fields. Deterministic.
fn synth_vacancies(session: &Session, count: usize) -> String {
    let data = &session.data;
    let levels: Vec<(&str, &str)> = data
        .roles
        .values()
        .flat_map(|r| r.levels.iter().map(move |l| (r.id.as_str(), l.id.as_str())))
        .collect();
    let orgs: Vec<&str> = data.orgs.keys().map(String::as_str).collect();
    let places = [
        "London",
        "Leeds",
        "Glasgow",
        "Cardiff",
        "Belfast",
        "Sheffield",
        "Manchester",
    ];
    let mut out = String::with_capacity(count * 260);
    for i in 0..count {
        let (role, level) = levels[i % levels.len()];
        let org = orgs[(i / levels.len().max(1)) % orgs.len().max(1)];
        out.push_str(&format!(
            "- org: {org}\n  role: {role}\n  level: {level}\n  reference: SYN-{i:06}\n  salary: \"£{},000\"\n  location: {}\n  number_of_jobs: {}\n  closing_date: {} March 2027\n",
            30 + i % 40,
            places[i % places.len()],
            1 + i % 5,
            1 + i % 28
        ));
    }
    out
}

/// `--format md,html` as formats, each once, in the order given.
fn formats(given: &[String]) -> Result<Vec<Format>, Error> {
    let mut formats = Vec::new();
    for f in given {
        match Format::parse(f) {
            Some(format) if !formats.contains(&format) => formats.push(format),
            Some(_) => {}
            None => {
                return Err(Diagnostic::new(format!("unknown format `{f}`"))
                    .at_key("--format")
                    .help(crate::diagnostics::suggest(f, ["md", "html", "docx"]))
                    .into());
            }
        }
    }
    Ok(formats)
}

fn batch(
    session: &Session,
    args: BatchArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Error> {
    let formats = formats(&args.format)?;
    let source = match (args.role, args.vacancies) {
        (Some(role), _) => crate::batch::Source::Role {
            role,
            org: args.org,
            grade: args.grade,
        },
        (None, Some(file)) => crate::batch::Source::Vacancies(file),
        (None, None) => {
            return Err(Diagnostic::new("give --role or --vacancies").into());
        }
    };
    let (requests, unread) = crate::batch::requests(session, &source)?;
    let total = requests.len() + unread.0.len();
    let opts = crate::batch::Options {
        formats,
        template: args.template,
        out: args.out,
        keep_going: args.keep_going,
        force: args.force,
        progress: std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    let outcome = crate::batch::run(session, &requests, unread, &opts)?;
    for path in &outcome.written {
        writeln!(stdout, "{}", path.display()).map_err(io)?;
    }
    if outcome.problems.is_empty() {
        Ok(())
    } else {
        writeln!(
            stderr,
            "{} of {} adverts written; the others were left out:",
            total - outcome.left_out,
            total
        )
        .map_err(io)?;
        Err(Error::Input(outcome.problems))
    }
}

/// The vacancy file, if any, with the command line's selectors laid over it.
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

fn list(session: &Session, what: ListWhat, out: &mut dyn Write) -> Result<(), Error> {
    let data = &session.data;
    let mut lines = Vec::new();
    match what {
        ListWhat::Roles => {
            // By family, then by name.
            let mut roles: Vec<_> = data.roles.values().collect();
            roles.sort_by(|a, b| (&a.family, &a.name).cmp(&(&b.family, &b.name)));
            for r in roles {
                lines.push(format!(
                    "{}\t{}\t{}\t{} levels",
                    r.id,
                    r.name,
                    r.family,
                    r.levels.len()
                ));
            }
        }
        ListWhat::Levels { role } => {
            let Some(r) = data.role(&role) else {
                return Err(Diagnostic::new(format!("unknown role `{role}`"))
                    .help(crate::diagnostics::suggest(
                        &role,
                        data.roles.keys().map(String::as_str),
                    ))
                    .into());
            };
            for (i, l) in r.levels.iter().enumerate() {
                let grades = match &l.grades_from {
                    Some(twin) => r
                        .levels
                        .iter()
                        .find(|t| &t.id == twin)
                        .map(|t| t.grades.join(", "))
                        .unwrap_or_default(),
                    None => l.grades.join(", "),
                };
                lines.push(format!("{}\t{}\t{}\t{}", l.id, i + 1, l.name, grades));
            }
        }
        ListWhat::Skills => {
            for s in data.skills.values() {
                lines.push(format!("{}\t{}", s.id, s.name));
            }
        }
        ListWhat::Grades => {
            for g in &data.grades {
                lines.push(format!("{}\t{}", g.id, g.name));
            }
        }
        ListWhat::Orgs => {
            for o in data.orgs.values() {
                lines.push(format!("{}\t{}", o.id, o.org.name));
            }
        }
        ListWhat::Sfia => {
            for s in &data.sfia.skills {
                lines.push(format!(
                    "{}\t{}\tlevels {}-{}",
                    s.code, s.name, s.levels[0], s.levels[1]
                ));
            }
        }
    }
    for l in lines {
        writeln!(out, "{l}").map_err(io)?;
    }
    Ok(())
}
