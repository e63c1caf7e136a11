//! The command line's definitions: clap types whose doc comments are the `--help` text. What
//! each command does is in `cmd/`.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jobgen::Format;

/// Writes UK government job adverts from the Government Digital and Data Profession Capability
/// Framework, a department's boilerplate and a vacancy's details.
#[derive(Debug, Parser)]
#[command(name = "jobgen", version, max_term_width = 100, after_help = examples::JOBGEN)]
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

    /// How to print errors, warnings and notes on standard error: human (like a compiler) or
    /// json (one JSON object per line, with severity, file, line, column, key, message, help).
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,

    /// Print only errors: no progress bar, no warnings or notes on standard error.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print notes on what jobgen does: the data folders laid over the built-in data, the
    /// roles and departments loaded, the output folder and each file written.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one advert.
    #[command(after_help = examples::GENERATE)]
    Generate(GenerateArgs),
    /// Write many adverts: every level of a role, or every vacancy of a list, plus an index
    /// page with a progression matrix.
    #[command(after_help = examples::BATCH)]
    Batch(BatchArgs),
    /// Print the merged data that templates see, as YAML or JSON: every variable a template can
    /// use, for the same selectors as `generate`.
    #[command(after_help = examples::CONTEXT)]
    Context(ContextArgs),
    /// Check an advert's wording: gender-coded words, long sentences, reading age, acronyms.
    /// Checks the advert jobgen would write for the selectors, every advert of a batch
    /// (--vacancies, or --role without --level), or Markdown files written elsewhere. Exit code
    /// 1 when a finding is at the --deny level.
    #[command(after_help = examples::LINT)]
    Lint(LintArgs),
    /// Check all data, every template against every role level and department, and a vacancies
    /// file; report every problem.
    #[command(after_help = examples::VALIDATE)]
    Validate {
        /// A vacancies file (a YAML list of vacancies) to check too.
        #[arg(long, value_name = "FILE")]
        vacancies: Option<PathBuf>,
    },
    /// Import the framework into jobgen's data files: its CSV download, a role page's text, or
    /// its indicative grades.
    #[command(after_help = examples::IMPORT)]
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Create a new department: data/orgs/ID/ with a commented org.yaml and advert template to
    /// edit. Written under the first --data folder (default: ./data).
    #[command(after_help = examples::NEW_ORG)]
    NewOrg {
        /// The department's id: lower-case letters, digits and dashes (department-for-transport).
        id: String,
        /// The department's name.
        #[arg(long)]
        name: String,
    },
    /// Serve the web app for recruiters and the HTTP API on this machine (127.0.0.1) until
    /// Ctrl-C. It loads the data once, writes no file, and sees edits to --data and
    /// --templates folders at the next request.
    #[command(after_help = examples::SERVE)]
    Serve(ServeArgs),
    /// Print a synthetic vacancies file of COUNT vacancies spread over every role level and
    /// department, for benchmarks (scripts/bench.sh).
    #[command(hide = true)]
    SynthVacancies {
        /// How many vacancies.
        count: usize,
    },
    /// List roles, levels, skills, grades, departments or SFIA skills, one per line, id first.
    #[command(after_help = examples::LIST)]
    List {
        /// What to list.
        #[command(subcommand)]
        what: ListWhat,
    },
    /// Print a shell completion script: commands, options and their fixed values (formats,
    /// message formats, shells). Ids (roles, levels, departments) are not completed.
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (jobgen.1, jobgen-generate.1, ...) into a folder and print their
    /// paths.
    #[command(after_help = examples::MAN)]
    Man {
        /// The folder to write into, for example /usr/local/share/man/man1.
        #[arg(long, default_value = ".", value_name = "DIR")]
        out: PathBuf,
        /// Replace files in the folder that jobgen did not write.
        #[arg(long)]
        force: bool,
    },
}

/// The examples at the end of each command's help, the same as the README shows. Each indented
/// line is a command (a line ending in `\` continues on the next) that a test runs with bash
/// (tests/help.rs), in order, in one fresh folder per command that holds vacancy.yaml,
/// vacancies.yaml, the framework's roles.csv and skills.csv and a role page, role-page.txt;
/// `#` lines are comments. Lines stay under 96 columns, so that help never wraps them.
pub mod examples {
    /// `jobgen --help`.
    pub const JOBGEN: &str = "\
Examples:
  # The DevOps engineer advert at SEO for the Home Office, in ./output
  jobgen generate --role devops-engineer --level devops-engineer --grade SEO \\
    --org home-office --format md,html,docx
  jobgen batch --role devops-engineer --org home-office --format md,html
  jobgen list levels devops-engineer";

    /// `jobgen generate --help`.
    pub const GENERATE: &str = "\
Examples:
  jobgen generate --role devops-engineer --level devops-engineer --grade SEO \\
    --org home-office --format md,html,docx
  # The framework's role summary of level 3, on standard output
  jobgen generate --role devops-engineer --level 3 --template summary --out -
  jobgen generate --vacancy vacancy.yaml --format md,docx";

    /// `jobgen batch --help`.
    pub const BATCH: &str = "\
Examples:
  # Every level of the role, with an index page
  jobgen batch --role devops-engineer --org home-office --format md,html
  jobgen batch --vacancies vacancies.yaml --format md,html,docx --out adverts";

    /// `jobgen lint --help`.
    pub const LINT: &str = "\
Examples:
  jobgen lint --role devops-engineer --level devops-engineer --grade SEO --org home-office
  # The same findings as data, without the reading-age check
  jobgen lint --role devops-engineer --level 3 --allow reading-age --format json
  # Every advert of a batch, named as batch names them
  jobgen lint --vacancies vacancies.yaml";

    /// `jobgen context --help`.
    pub const CONTEXT: &str = "\
Examples:
  jobgen context --role devops-engineer --level 3 --org home-office
  jobgen context --vacancy vacancy.yaml --as json";

    /// `jobgen validate --help`.
    pub const VALIDATE: &str = "\
Examples:
  jobgen validate
  jobgen validate --vacancies vacancies.yaml";

    /// `jobgen import --help`.
    pub const IMPORT: &str = "\
Examples:
  # Compare the framework's CSV download with the data, writing nothing
  jobgen import csv roles.csv skills.csv --out data --check
  jobgen import page role-page.txt --out data";

    /// `jobgen new-org --help`.
    pub const NEW_ORG: &str = "\
Examples:
  jobgen new-org department-for-transport --name \"Department for Transport\"
  jobgen --data data generate --org department-for-transport --role devops-engineer --level 3";

    /// `jobgen serve --help`.
    pub const SERVE: &str = "\
Examples:
  # The web app at http://127.0.0.1:8080/; Ctrl-C stops it
  jobgen serve
  # Reachable from other machines: put it behind the department's proxy and sign-in
  jobgen serve --bind 0.0.0.0 --port 8081";

    /// `jobgen list --help`.
    pub const LIST: &str = "\
Examples:
  jobgen list roles
  jobgen list levels devops-engineer
  jobgen list orgs
  jobgen list checks";

    /// `jobgen completions --help`.
    pub const COMPLETIONS: &str = "\
Examples:
  source <(jobgen completions bash)
  mkdir -p ~/.zfunc && jobgen completions zsh > ~/.zfunc/_jobgen
  mkdir -p ~/.config/fish/completions && \\
    jobgen completions fish > ~/.config/fish/completions/jobgen.fish";

    /// `jobgen man --help`.
    pub const MAN: &str = "\
Examples:
  jobgen man --out ~/.local/share/man/man1";
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
    /// What to write, and in which formats.
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Output folder, or - to write the document to standard output (one format only).
    #[arg(long, default_value = "output", value_name = "DIR|-")]
    pub out: PathBuf,
    /// Replace files in the output folder that jobgen did not write. Without it, jobgen replaces
    /// only its own files (listed in the folder's .jobgen-written).
    #[arg(long)]
    pub force: bool,
}

/// The document and its formats: shared by `generate` and `batch`.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Template: advert (the full job advert) or summary (the framework's role summary), or the
    /// name of a template in --templates.
    #[arg(long, default_value = "advert")]
    pub template: String,
    /// Output formats, comma-separated.
    #[arg(
        long,
        value_enum,
        default_value = "md",
        value_delimiter = ',',
        ignore_case = true
    )]
    pub format: Vec<FormatArg>,
    /// Write the Civil Service Jobs export (csj, csj-json) even when a field it requires is
    /// empty, each empty required field marked. Without it, generate and batch name the empty
    /// fields and write nothing (batch --keep-going leaves those adverts out).
    #[arg(long)]
    pub allow_incomplete: bool,
    /// How each advert's wording is checked (see `jobgen lint`).
    #[command(flatten)]
    pub checks: CheckArgs,
}

/// The wording checks' options: shared by `lint`, `generate` and `batch`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit code 1) when a finding is this serious or more: warning or error. `lint`
    /// fails on errors without it; `generate` and `batch` fail only with it, before writing
    /// anything.
    #[arg(long, value_parser = ["warning", "error"])]
    pub deny: Option<String>,
    /// Checks to turn off, comma-separated (`jobgen list checks` lists their ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub allow: Vec<String>,
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
    /// What to write for each vacancy, and in which formats.
    #[command(flatten)]
    pub document: DocumentArgs,
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

/// What `lint` takes.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Which role level, where (when no ADVERT file is given). --role without --level (and no
    /// --vacancy) checks every level of the role, as `batch --role` writes them.
    #[command(flatten)]
    pub select: Selectors,
    /// Markdown adverts to check instead of the one jobgen would write.
    #[arg(value_name = "ADVERT", conflicts_with_all = ["role", "level", "grade", "org", "vacancy"])]
    pub adverts: Vec<PathBuf>,
    /// Every advert of a batch: the same vacancies file as `batch --vacancies`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["role", "level", "grade", "org", "vacancy", "adverts"])]
    pub vacancies: Option<PathBuf>,
    /// Template: advert (the default), summary, or a template in --templates, as for
    /// `generate --template`.
    #[arg(long, default_value = "advert", conflicts_with = "adverts")]
    pub template: String,
    /// human (like a compiler, on standard output) or json (one object per advert, per line).
    #[arg(long, default_value = "human", value_parser = ["human", "json"])]
    pub format: String,
    /// What fails the run, and which checks are off.
    #[command(flatten)]
    pub checks: CheckArgs,
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
    /// The framework's indicative grades: a CSV with the columns role, level, grades (grade ids
    /// separated by `;`), source_url and last_updated_on_page. Levels whose grades_source says
    /// `keep: true` are left as they are.
    Grades {
        /// The grades file.
        file: PathBuf,
        /// The data folder to write (and compare with).
        #[arg(long, default_value = "data", value_name = "DIR")]
        out: PathBuf,
        /// Report what would change and write nothing.
        #[arg(long)]
        check: bool,
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
    /// The advert checks (`jobgen lint`, `--allow`): id, severity and why each matters.
    Checks,
}

/// How messages are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Like a compiler: the file, line and column, the offending line, help.
    Human,
    /// One JSON object per line.
    Json,
}

/// An output format as the command line names it: every format of the library's registry, with
/// its help text and aliases, so `--help`, suggestions and parsing never drift from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatArg(pub Format);

static FORMAT_ARGS: LazyLock<Vec<FormatArg>> =
    LazyLock::new(|| Format::ALL.iter().map(|&f| FormatArg(f)).collect());

impl ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        &FORMAT_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let encoding = self.0.encoding();
        Some(
            PossibleValue::new(encoding.name())
                .help(encoding.help())
                .aliases(encoding.aliases().iter().copied()),
        )
    }
}

/// `jobgen serve`'s options.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Another than 127.0.0.1 or ::1 makes the app reachable from
    /// other machines, without sign-in: put it behind a proxy that signs people in.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on (0: any free port, printed at start).
    #[arg(long, value_name = "N", default_value_t = 8080)]
    pub port: u16,
}
