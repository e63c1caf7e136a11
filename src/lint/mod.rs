//! `jobgen lint`: checks an advert's Markdown for what makes it hard to read or off-putting,
//! following GOV.UK's content guidance and Gaucher, Friesen and Kay (2011). Each check is a
//! [`Rule`] with a stable id; each finding is a [`Diagnostic`] naming its rule, line and column
//! in the Markdown. Rules can be turned off on the command line, for every advert in
//! `data/lint/checks.yaml`, per department (`lint:` in org.yaml) and per vacancy (`lint:` in the
//! vacancy file, with a reason); what they would have found is counted as suppressed.

mod acronym;
mod facts;
mod gender;
mod readability;
mod structure;
mod text;
mod wording;

use serde::Serialize;

pub use facts::{Fact, Facts};
pub use gender::{Coding, Verdict};
pub use wording::{Phrase, Wording};

/// The checks a phrase of `data/lint/wording.yaml` may belong to.
pub const WORDING_RULES: [&str; 3] = wording::RULE_IDS;

use crate::data::LintData;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{LintSettings, VacancyLint};
use text::{Kind, Lines, Prose};

/// One check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Its stable id, as `--allow` and `lint: allow` name it.
    pub id: &'static str,
    /// The most serious thing it reports.
    pub severity: Severity,
    /// Why it matters, in one line.
    pub why: &'static str,
    /// Where that comes from.
    pub source: &'static str,
}

/// Every check, in the order findings are reported.
pub static RULES: &[Rule] = &[
    Rule {
        id: "gender-coded",
        severity: Severity::Warning,
        why: "masculine-coded wording makes an advert less appealing to women, and they are less likely to apply",
        source: "Gaucher, Friesen and Kay (2011), JPSP 101(1) 109-128; word lists and verdict of lovedaybrooke/gender-decoder",
    },
    Rule {
        id: "long-sentence",
        severity: Severity::Warning,
        why: "long sentences are harder to read and understand; break up anything over 25 words",
        source: "GOV.UK content design: writing for GOV.UK (sentence length)",
    },
    Rule {
        id: "reading-age",
        severity: Severity::Warning,
        why: "GOV.UK writes for a reading age of 9 so that everyone can read it, experts included",
        source: "GOV.UK content design: writing for GOV.UK (reading age); Flesch-Kincaid grade + 5",
    },
    Rule {
        id: "acronym",
        severity: Severity::Warning,
        why: "a reader who does not know an acronym cannot understand the sentence; spell it out at first use",
        source: "GOV.UK style guide: abbreviations and acronyms",
    },
    Rule {
        id: "age-coded",
        severity: Severity::Warning,
        why: "words that ask for youth or a time of life put older (or younger) people off, and can be unlawful age discrimination",
        source: "Equality Act 2010 s.5, s.13, s.19; ACAS, Job adverts: how not to discriminate against applicants (data/lint/wording.yaml has each phrase's source)",
    },
    Rule {
        id: "exclusionary",
        severity: Severity::Warning,
        why: "a requirement the job does not need (a native speaker, a driving licence, able-bodied) shuts out people it need not",
        source: "Equality Act 2010 s.6, s.9, s.19; EHRC Employment Statutory Code of Practice ch. 16; ACAS (data/lint/wording.yaml has each phrase's source)",
    },
    Rule {
        id: "third-person",
        severity: Severity::Note,
        why: "an advert that says \"you\" speaks to the reader; \"the successful candidate\" talks about someone else",
        source: "GOV.UK content design: writing for GOV.UK (address the user as \"you\")",
    },
    Rule {
        id: "missing-fact",
        severity: Severity::Warning,
        why: "people decide whether to apply on the salary, place, closing date, number of jobs and working pattern; an advert without them loses them",
        source: "inclusive recruitment guidance: always state the salary; Civil Service Jobs' required fields",
    },
    Rule {
        id: "late-role",
        severity: Severity::Warning,
        why: "readers look for the job first; the organisation's boilerplate before it is a known turn-off",
        source: "issue 12; the threshold is jobgen's (data/lint/checks.yaml late_role_words)",
    },
    Rule {
        id: "duplicate-bullet",
        severity: Severity::Warning,
        why: "a bullet said twice makes the advert longer and looks careless",
        source: "GOV.UK content design: keep content short; jobgen's check",
    },
    Rule {
        id: "empty-section",
        severity: Severity::Warning,
        why: "a heading with nothing under it promises something the advert does not give",
        source: "jobgen's check",
    },
    Rule {
        id: "long-list",
        severity: Severity::Warning,
        why: "a very long list is skimmed, not read; what matters gets lost in it",
        source: "GOV.UK content design: bullet points; the threshold is jobgen's (data/lint/checks.yaml long_list_items)",
    },
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// "did you mean" for an unknown rule id.
pub fn suggest_rule(id: &str) -> String {
    crate::diagnostics::suggest(id, RULES.iter().map(|r| r.id))
}

/// Reads a Markdown advert written elsewhere (UTF-8, at most 4 MiB); errors name the path.
pub fn read_advert(path: &std::path::Path) -> Result<String, Diagnostic> {
    crate::files::read_text(path)
}

/// What to turn off and with which settings, beyond the built-in data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Rules turned off on the command line (`--allow`).
    pub allow: &'a [String],
    /// The department's settings (`lint:` in its org.yaml).
    pub org: Option<&'a LintSettings>,
    /// The vacancy's `lint:` key.
    pub vacancy: Option<&'a VacancyLint>,
}

/// One finding: a diagnostic naming its rule, and the text it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Where, what and how to fix it.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// The word, acronym or sentence found (empty for a whole advert or section).
    pub text: String,
}

/// Counts, for the end of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Findings that are errors.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Findings that are notes.
    pub notes: usize,
    /// Findings of rules turned off.
    pub suppressed: usize,
    /// gender-decoder's verdict on the whole advert.
    pub gender: Verdict,
    /// The advert's reading age (Flesch-Kincaid grade + 5), one decimal; None with no prose.
    pub reading_age: Option<f64>,
}

/// What the checks found in one advert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The advert as the user knows it.
    pub file: String,
    /// Findings of rules that are on, in rule order then reading order.
    pub findings: Vec<Finding>,
    /// Findings of rules turned off, and what turned each off.
    #[serde(skip)]
    pub suppressed: Vec<(Finding, String)>,
    /// The counts.
    pub summary: Summary,
    /// The rules that found something (on or off), with why they matter.
    pub rules: Vec<&'static Rule>,
}

impl Report {
    /// True when a finding is at least as serious as `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.diagnostic.severity >= level)
    }

    /// This report as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The checks' settings once the department's are laid over the built-in ones.
struct Settings {
    long_sentence_words: usize,
    reading_age_warn: f64,
    words_allowed: Vec<String>,
    acronyms_known: Vec<String>,
    phrases_allowed: Vec<String>,
    late_role_words: usize,
    role_words: Vec<String>,
    long_list_items: usize,
}

/// The words that, in a heading, say the role is described there, when the data gives none
/// (`role_words` in data/lint/checks.yaml).
pub const DEFAULT_ROLE_WORDS: [&str; 7] =
    ["role", "job", "post", "position", "you", "you'll", "your"];

/// GOV.UK's reading age.
pub const READING_AGE_TARGET: f64 = 9.0;

/// A section's reading age is reported only when it has at least this many words: a few words
/// give a number that means nothing.
pub const SECTION_MIN_WORDS: usize = 40;

/// Checks `markdown`, an advert named `file`. A closing date is compared with [`Date::today`]
/// (the system clock, or `JOBGEN_TODAY`): the one check whose result depends on the day.
pub fn lint(markdown: &str, file: &str, data: &LintData, options: &Options<'_>) -> Report {
    lint_on(markdown, file, data, options, Date::today())
}

/// [`lint`] on a given day (or why today is not known: closing dates are then not compared).
fn lint_on(
    markdown: &str,
    file: &str,
    data: &LintData,
    options: &Options<'_>,
    today: Result<Date, String>,
) -> Report {
    let base = &data.settings;
    let org = options.org;
    let list = |f: fn(&LintSettings) -> &Vec<String>| {
        let mut v = f(base).clone();
        v.extend(org.map(f).into_iter().flatten().cloned());
        v
    };
    let settings = Settings {
        long_sentence_words: org
            .and_then(|o| o.long_sentence_words)
            .or(base.long_sentence_words)
            .unwrap_or(25),
        reading_age_warn: org
            .and_then(|o| o.reading_age_warn)
            .or(base.reading_age_warn)
            .unwrap_or(14.0),
        words_allowed: list(|s| &s.words_allowed)
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        acronyms_known: list(|s| &s.acronyms_known),
        phrases_allowed: list(|s| &s.phrases_allowed),
        late_role_words: org
            .and_then(|o| o.late_role_words)
            .or(base.late_role_words)
            .unwrap_or(150),
        role_words: Some(list(|s| &s.role_words))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| DEFAULT_ROLE_WORDS.map(String::from).to_vec()),
        long_list_items: org
            .and_then(|o| o.long_list_items)
            .or(base.long_list_items)
            .unwrap_or(10),
    };
    let prose = text::prose(markdown);
    let lines = Lines::new(markdown);
    let at = Locator {
        file,
        prose: &prose,
        lines: &lines,
    };

    let mut found: Vec<Finding> = Vec::new();
    let coded = gender::coded(&prose, &data.gender, &settings.words_allowed);
    let masculine = coded
        .iter()
        .filter(|c| c.coding == Coding::Masculine)
        .count();
    let verdict = Verdict::of(masculine, coded.len() - masculine);
    found.extend(gender_findings(&at, &coded, &verdict));
    let sentences = readability::prose_sentences(&prose);
    found.extend(long_sentences(
        &at,
        &sentences,
        settings.long_sentence_words,
    ));
    let reading_age = readability::reading_age(&sentences);
    found.extend(reading_ages(&at, &sentences, reading_age, &settings));
    found.extend(acronyms(
        &at,
        &acronym::unexplained(&prose, &settings.acronyms_known),
    ));
    let phrases = wording::Matcher::new(&data.wording, &settings.phrases_allowed).find(&prose);
    for id in WORDING_RULES {
        found.extend(wording_findings(&at, &phrases, id));
    }
    found.extend(fact_findings(&at, &data.facts, today));
    found.extend(structure_findings(&at, &settings));

    // Who turned each rule off, most specific first.
    let off = |id: &str| -> Option<String> {
        let has = |v: &[String]| v.iter().any(|r| r == id);
        if let Some(v) = options.vacancy.filter(|v| has(&v.allow)) {
            return Some(format!("vacancy: {}", v.reason));
        }
        if has(options.allow) {
            return Some("--allow".into());
        }
        if org.is_some_and(|o| has(&o.allow)) {
            return Some("department".into());
        }
        has(&base.allow).then(|| "data/lint/checks.yaml".into())
    };
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let mut fired: Vec<&'static Rule> = Vec::new();
    for f in found {
        let id = f.diagnostic.rule.clone().unwrap_or_default();
        if let Some(r) = rule(&id)
            && !fired.iter().any(|x| x.id == r.id)
        {
            fired.push(r);
        }
        match off(&id) {
            Some(by) => suppressed.push((f, by)),
            None => findings.push(f),
        }
    }
    fired.sort_by_key(|r| RULES.iter().position(|x| x.id == r.id));
    let count = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.diagnostic.severity == s)
            .count()
    };
    Report {
        file: file.to_string(),
        summary: Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            suppressed: suppressed.len(),
            gender: verdict,
            reading_age: reading_age.map(|a| (a * 10.0).round() / 10.0),
        },
        findings,
        suppressed,
        rules: fired,
    }
}

/// Turns places in the prose into located diagnostics.
struct Locator<'a> {
    file: &'a str,
    prose: &'a Prose,
    lines: &'a Lines<'a>,
}

impl Locator<'_> {
    /// A finding of `rule` at byte `at` of block `block`'s text.
    fn finding(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        block: usize,
        at: usize,
        text: &str,
    ) -> Finding {
        let offset = self.prose.blocks[block].source_offset(at);
        self.finding_at(rule, severity, message, offset, text)
    }

    /// A finding of `rule` at byte `offset` of the Markdown. The line shown is taken from the
    /// line index, not by scanning the Markdown again for each finding.
    fn finding_at(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        offset: usize,
        text: &str,
    ) -> Finding {
        let (line, column) = self.lines.locate(offset);
        let mut diagnostic = Diagnostic {
            severity,
            ..Diagnostic::new(message)
        }
        .rule(rule)
        .in_file(self.file);
        diagnostic.line = Some(line);
        diagnostic.column = Some(column);
        diagnostic.source_line = Some(self.lines.line(line).to_string());
        Finding {
            diagnostic,
            text: text.to_string(),
        }
    }

    /// A finding about the whole advert, with no place.
    fn whole(&self, rule: &str, severity: Severity, message: String) -> Finding {
        Finding {
            diagnostic: Diagnostic {
                severity,
                ..Diagnostic::new(message)
            }
            .rule(rule)
            .in_file(self.file),
            text: String::new(),
        }
    }

    /// The line of block `block`.
    fn line_of(&self, block: usize) -> usize {
        self.lines
            .locate(self.prose.blocks[block].source_offset(0))
            .0
    }
}

fn gender_findings(at: &Locator<'_>, coded: &[gender::Coded], verdict: &Verdict) -> Vec<Finding> {
    let mut out = Vec::new();
    let severity = if verdict.is_masculine() {
        Severity::Warning
    } else {
        Severity::Note
    };
    if verdict.masculine + verdict.feminine > 0 {
        out.push(Finding {
            diagnostic: Diagnostic {
                severity,
                ..Diagnostic::new(format!(
                    "the advert is {} ({} masculine-coded and {} feminine-coded words)",
                    verdict.verdict, verdict.masculine, verdict.feminine
                ))
            }
            .rule("gender-coded")
            .in_file(at.file)
            .help(if verdict.is_masculine() {
                "replace masculine-coded words where a plainer word says the same (`lead` -> `run`, `analyse` -> `look at`, `challenging` -> `hard`)"
            } else {
                "nothing to do: the research finds feminine-coded wording does not put men off"
            }),
            text: String::new(),
        });
    }
    for c in coded {
        let kind = match c.coding {
            Coding::Masculine => "masculine",
            Coding::Feminine => "feminine",
        };
        let text = &at.prose.blocks[c.block].text[c.range.clone()];
        let mut f = at.finding(
            "gender-coded",
            Severity::Note,
            format!("`{text}` is {kind}-coded (stem `{}`)", c.stem),
            c.block,
            c.range.start,
            text,
        );
        if c.coding == Coding::Masculine {
            f.diagnostic = f
                .diagnostic
                .help("if a plainer word says the same, use it; if the word is right, keep it");
        }
        out.push(f);
    }
    out
}

fn long_sentences(
    at: &Locator<'_>,
    sentences: &[readability::Sentence],
    limit: usize,
) -> Vec<Finding> {
    sentences
        .iter()
        .filter(|s| s.words > limit)
        .map(|s| {
            let text = &at.prose.blocks[s.block].text[s.range.clone()];
            at.finding(
                "long-sentence",
                Severity::Warning,
                format!("sentence of {} words (at most {limit})", s.words),
                s.block,
                s.range.start,
                text,
            )
            .diagnostic_help(
                "split it into shorter sentences, or turn a list inside it into bullets",
            )
        })
        .collect()
}

impl Finding {
    fn diagnostic_help(mut self, help: &str) -> Self {
        self.diagnostic = self.diagnostic.help(help);
        self
    }
}

fn reading_ages(
    at: &Locator<'_>,
    sentences: &[readability::Sentence],
    whole: Option<f64>,
    settings: &Settings,
) -> Vec<Finding> {
    let severity = |age: f64| {
        if age > settings.reading_age_warn {
            Some(Severity::Warning)
        } else if age > READING_AGE_TARGET {
            Some(Severity::Note)
        } else {
            None
        }
    };
    let help = format!(
        "use shorter sentences and words of fewer syllables (GOV.UK: reading age {READING_AGE_TARGET}; a warning above {})",
        settings.reading_age_warn
    );
    let mut out = Vec::new();
    if let Some(age) = whole
        && let Some(s) = severity(age)
    {
        out.push(Finding {
            diagnostic: Diagnostic {
                severity: s,
                ..Diagnostic::new(format!("the advert's reading age is {age:.1}"))
            }
            .rule("reading-age")
            .in_file(at.file)
            .help(help.clone()),
            text: String::new(),
        });
    }
    for (i, title) in at.prose.sections.iter().enumerate() {
        let of: Vec<&readability::Sentence> = sentences
            .iter()
            .filter(|s| at.prose.blocks[s.block].section == i)
            .collect();
        if of.iter().map(|s| s.words).sum::<usize>() < SECTION_MIN_WORDS {
            continue;
        }
        let Some(age) = readability::reading_age(of.iter().copied()) else {
            continue;
        };
        let Some(s) = severity(age) else { continue };
        // Point at the section's heading, or its first text.
        let block = at
            .prose
            .blocks
            .iter()
            .position(|b| b.section == i && matches!(b.kind, Kind::Heading(_)))
            .unwrap_or(of[0].block);
        out.push(
            at.finding(
                "reading-age",
                s,
                format!("reading age {age:.1} in section `{title}`"),
                block,
                0,
                "",
            )
            .diagnostic_help(&help),
        );
    }
    out
}

fn acronyms(at: &Locator<'_>, unexplained: &[acronym::Unexplained]) -> Vec<Finding> {
    unexplained
        .iter()
        .map(|u| {
            let mut help = format!(
                "write it out the first time, then the acronym in brackets: `Words Like This ({})`",
                u.acronym
            );
            if let Some((block, _)) = u.later {
                help = format!(
                    "{help}; it is spelled out later, on line {}: move that here",
                    at.line_of(block)
                );
            }
            at.finding(
                "acronym",
                Severity::Warning,
                format!("`{}` is not spelled out at its first use", u.acronym),
                u.block,
                u.range.start,
                &u.acronym,
            )
            .diagnostic_help(&help)
        })
        .collect()
}

fn wording_findings(at: &Locator<'_>, found: &[wording::Found<'_>], id: &str) -> Vec<Finding> {
    let severity = rule(id).map_or(Severity::Warning, |r| r.severity);
    found
        .iter()
        .filter(|f| f.phrase.rule == id)
        .map(|f| {
            let text = &at.prose.blocks[f.block].text[f.range.clone()];
            let message = match id {
                "age-coded" => format!("`{text}` is age-coded"),
                "exclusionary" => format!("`{text}` may exclude people the job does not need to"),
                _ => format!("`{text}` talks about the reader: say `you`"),
            };
            let help = if id == "third-person" {
                format!("write `{}` ({})", f.phrase.suggestion, f.phrase.source)
            } else {
                format!("{} (source: {})", f.phrase.suggestion, f.phrase.source)
            };
            at.finding(id, severity, message, f.block, f.range.start, text)
                .diagnostic_help(&help)
        })
        .collect()
}

fn fact_findings(at: &Locator<'_>, facts: &Facts, today: Result<Date, String>) -> Vec<Finding> {
    let found = facts::check(at.prose, facts, today.as_ref().ok().copied());
    let title = at
        .prose
        .blocks
        .iter()
        .position(|b| b.kind == Kind::Heading(1));
    let mut out = Vec::new();
    for f in found {
        let fact = &facts.facts[f.fact];
        let name = &fact.name;
        let label = fact.labels.first().map_or(name.as_str(), String::as_str);
        let fill = match &fact.key {
            Some(key) => format!(
                "give the {name} before the advert is published (in a jobgen vacancy file: `{key}:`)"
            ),
            None => format!("give the {name} before the advert is published"),
        };
        let (severity, message, help) = match &f.problem {
            facts::Problem::Missing => (
                Severity::Warning,
                format!("the advert does not give the {name}"),
                format!("{fill}; write it as `{label}: ...` or a `| {label} | ... |` table row"),
            ),
            facts::Problem::Empty => (Severity::Warning, format!("`{label}` has no value"), fill),
            facts::Problem::Unknown(v) => (Severity::Warning, format!("the {name} is `{v}`"), fill),
            facts::Problem::NoFigure(v) => (
                Severity::Warning,
                format!("the {name} `{v}` gives no figure"),
                "give the amount or range (`£38,000 to £42,000`): people decide on it".to_string(),
            ),
            facts::Problem::Passed(v, d) => (
                Severity::Warning,
                format!(
                    "the {name} `{v}` has passed (today is {})",
                    today
                        .as_ref()
                        .map_or_else(|_| String::new(), |t| t.to_string())
                ),
                format!(
                    "set a {name} after today, or take the advert down; `{}` is {}",
                    v,
                    d.csj()
                ),
            ),
            facts::Problem::NotADate(v) => (
                Severity::Note,
                format!("the {name} `{v}` is not a date jobgen can read, so it is not checked"),
                "write it as `Thursday 28 January 2027` or `2027-01-28`".to_string(),
            ),
        };
        let finding = match (&f.at, title) {
            (Some((block, range)), _) => {
                let text = &at.prose.blocks[*block].text[range.clone()];
                at.finding("missing-fact", severity, message, *block, range.start, text)
            }
            (None, Some(t)) => at.finding("missing-fact", severity, message, t, 0, ""),
            (None, None) => at.whole("missing-fact", severity, message),
        };
        out.push(finding.diagnostic_help(&help));
    }
    if let Err(e) = &today
        && facts.facts.iter().any(|f| f.date)
    {
        out.push(
            at.whole(
                "missing-fact",
                Severity::Note,
                "closing dates are not compared with today".to_string(),
            )
            .diagnostic_help(e),
        );
    }
    out
}

fn structure_findings(at: &Locator<'_>, settings: &Settings) -> Vec<Finding> {
    let blocks = &at.prose.blocks;
    let mut out = Vec::new();
    if let Some(b) = structure::before_role(at.prose, &settings.role_words)
        && b.words > settings.late_role_words
    {
        let limit = settings.late_role_words;
        let (message, help) = match b.role {
            Some(r) => (
                format!("{} words come before the role is described (at most {limit})", b.words),
                format!(
                    "the role is first described on line {} (`{}`): move it up, or shorten what comes before it",
                    at.line_of(r),
                    blocks[r].text
                ),
            ),
            None => (
                format!("the advert never says what the role is: no heading about the role, and the title is not named ({} words, at most {limit} before it)", b.words),
                "start with what the job is: a heading such as `About the role`, or a sentence naming the title".to_string(),
            ),
        };
        out.push(
            at.finding("late-role", Severity::Warning, message, b.first, 0, "")
                .diagnostic_help(&help),
        );
    }
    for (b, first) in structure::duplicate_bullets(at.prose) {
        let text = &blocks[b].text;
        out.push(
            at.finding(
                "duplicate-bullet",
                Severity::Warning,
                format!("this bullet repeats the one on line {}", at.line_of(first)),
                b,
                0,
                text,
            )
            .diagnostic_help("remove one of them, or say what is different"),
        );
    }
    for h in structure::empty_sections(at.prose) {
        let text = &blocks[h].text;
        out.push(
            at.finding(
                "empty-section",
                Severity::Warning,
                format!("the section `{text}` is empty"),
                h,
                0,
                text,
            )
            .diagnostic_help("write what belongs under it, or remove the heading"),
        );
    }
    let limit = settings.long_list_items;
    for list in at.prose.lists.iter().filter(|l| l.items > limit) {
        out.push(
            at.finding_at(
                "long-list",
                Severity::Warning,
                format!("a list of {} items (at most {limit})", list.items),
                list.offset,
                "",
            )
            .diagnostic_help("keep the items that matter most, or group them under subheadings"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> LintData {
        crate::data::load(&[]).expect("built-in data").lint
    }

    fn ids(report: &Report) -> Vec<(String, usize, usize)> {
        report
            .findings
            .iter()
            .map(|f| {
                (
                    f.diagnostic.rule.clone().unwrap_or_default(),
                    f.diagnostic.line.unwrap_or(0),
                    f.diagnostic.column.unwrap_or(0),
                )
            })
            .collect()
    }

    /// Every fact a candidate needs, so that `missing-fact` finds nothing.
    const FACTS: &str = "| Salary | £40,000 |\n| --- | --- |\n| Location | Leeds |\n| Closing date | 2099-01-01 |\n| Number of jobs | 1 |\n| Working pattern | Full-time |\n";

    const LONG: &str = "You will work with all one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty people.";

    #[test]
    fn clean_text_has_no_findings() {
        let md = format!("# Tester\n\nYou will test code. You will fix bugs.\n\n{FACTS}");
        let r = lint(&md, "a.md", &data(), &Options::default());
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.summary.gender.verdict, "empty");
    }

    #[test]
    fn each_rule_fires_at_its_line_and_column() {
        let md = format!("# Title\n\nWe lead.\n\n- {LONG}\n\nFix BAU.\n");
        let r = lint(&md, "a.md", &data(), &Options::default());
        let got = ids(&r);
        assert!(got.contains(&("gender-coded".into(), 3, 4)), "{got:?}");
        assert!(got.contains(&("long-sentence".into(), 5, 3)), "{got:?}");
        assert!(got.contains(&("acronym".into(), 7, 5)), "{got:?}");
        let long = r
            .findings
            .iter()
            .find(|f| f.diagnostic.rule.as_deref() == Some("long-sentence"))
            .expect("long");
        assert_eq!(long.diagnostic.message, "sentence of 26 words (at most 25)");
        assert_eq!(long.text, LONG);
        assert_eq!(r.summary.gender.verdict, "masculine-coded");
    }

    #[test]
    fn every_way_of_turning_a_rule_off_suppresses_and_counts_it() {
        let md = &format!("Fix BAU.\n\n{FACTS}");
        let d = data();
        let on = lint(md, "a.md", &d, &Options::default());
        assert_eq!(on.summary.warnings, 1);
        let allow = ["acronym".to_string()];
        let org = LintSettings {
            allow: allow.to_vec(),
            ..LintSettings::default()
        };
        let vacancy = VacancyLint {
            allow: allow.to_vec(),
            reason: "BAU is the team's name".into(),
        };
        for (options, by) in [
            (
                Options {
                    allow: &allow,
                    ..Options::default()
                },
                "--allow",
            ),
            (
                Options {
                    org: Some(&org),
                    ..Options::default()
                },
                "department",
            ),
            (
                Options {
                    vacancy: Some(&vacancy),
                    ..Options::default()
                },
                "vacancy: BAU is the team's name",
            ),
        ] {
            let r = lint(md, "a.md", &d, &options);
            assert!(r.findings.is_empty(), "{by}");
            assert_eq!(r.summary.suppressed, 1, "{by}");
            assert_eq!(r.suppressed[0].1, by);
        }
    }

    #[test]
    fn a_departments_settings_replace_thresholds_and_add_to_lists() {
        let org = LintSettings {
            long_sentence_words: Some(3),
            acronyms_known: vec!["BAU".into()],
            words_allowed: vec!["Lead".into()],
            ..LintSettings::default()
        };
        let options = Options {
            org: Some(&org),
            ..Options::default()
        };
        let md = format!("We lead BAU work here.\n\n{FACTS}");
        let r = lint(&md, "a.md", &data(), &options);
        let got: Vec<String> = ids(&r).into_iter().map(|x| x.0).collect();
        assert_eq!(got, ["long-sentence"]);
    }

    #[test]
    fn a_department_allows_phrases_and_sets_the_structure_thresholds() {
        let md = format!(
            "# Youth worker\n\nWe are a council. We help.\n\n## The job\n\nYou will work with young people.\n\n- a\n- b\n- c\n\n{FACTS}"
        );
        let got = |org: &LintSettings| -> Vec<String> {
            let options = Options {
                org: Some(org),
                ..Options::default()
            };
            let r = lint(&md, "a.md", &data(), &options);
            ids(&r).into_iter().map(|x| x.0).collect()
        };
        assert_eq!(got(&LintSettings::default()), ["age-coded"]);
        let org = LintSettings {
            phrases_allowed: vec!["young".into()],
            late_role_words: Some(3),
            long_list_items: Some(2),
            ..LintSettings::default()
        };
        assert_eq!(got(&org), ["late-role", "long-list"]);
        // `job` is a role word: the role starts at `## The job`, after 6 words.
        let org = LintSettings {
            late_role_words: Some(6),
            ..org
        };
        assert_eq!(got(&org), ["long-list"]);
    }

    #[test]
    fn reading_age_is_reported_for_the_advert_and_long_sections() {
        let hard = "Comprehensive organisational infrastructure modernisation necessitates sophisticated interdisciplinary collaboration. ";
        let md = format!(
            "# T\n\n## Hard\n\n{}\n\n## Easy\n\nYou can do it.\n",
            hard.repeat(6)
        );
        let r = lint(&md, "a.md", &data(), &Options::default());
        let ages: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.diagnostic.rule.as_deref() == Some("reading-age"))
            .collect();
        assert_eq!(ages.len(), 2, "{ages:?}");
        assert!(ages[0].diagnostic.line.is_none());
        assert_eq!(ages[1].diagnostic.line, Some(3));
        assert!(ages[1].diagnostic.message.ends_with("in section `Hard`"));
        assert_eq!(ages[1].diagnostic.severity, Severity::Warning);
        assert!(r.summary.reading_age.expect("prose") > 14.0);
    }

    #[test]
    fn json_carries_rule_position_text_and_summary() {
        let r = lint("We lead.\n", "a.md", &data(), &Options::default());
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
        let word = &v["findings"][1];
        assert_eq!(word["rule"], "gender-coded");
        assert_eq!(word["severity"], "note");
        assert_eq!(word["line"], 1);
        assert_eq!(word["column"], 4);
        assert_eq!(word["text"], "lead");
        assert_eq!(v["summary"]["gender"]["verdict"], "masculine-coded");
        assert_eq!(v["summary"]["gender"]["masculine"], 1);
        assert_eq!(v["summary"]["suppressed"], 0);
        assert_eq!(v["rules"][0]["id"], "gender-coded");
    }
}
