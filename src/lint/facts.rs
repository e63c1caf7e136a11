//! `missing-fact`: what a candidate needs to know before applying (salary, location, closing
//! date, number of jobs, working pattern; `data/lint/facts.yaml`) and is missing, "To be
//! confirmed" or empty; a salary with no figure; a closing date that has passed.
//!
//! It reads the Markdown, not jobgen's model, so it works for adverts written elsewhere. A fact
//! is a label (any of its synonyms, any case, a trailing colon allowed) with its value:
//! - in a table row: the label's cell and the next cell of the same row (`| Salary | £45,000 |`,
//!   the appendix jobgen writes), but not a header row of labels (`| Salary | Location |`);
//! - on a line of a paragraph or list item: `Salary: £45,000` or `**Salary:** £45,000`;
//! - as a heading (`## Salary`) and the block of text after it.
//!
//! The closing date is read with [`crate::date::Date::parse`] (the whole value, or three or four
//! words of it: `Thursday 28 January 2027 at 11:55pm`) and compared with today's date
//! ([`crate::date::Date::today`], which `JOBGEN_TODAY` fixes): this one check depends on the day
//! it runs.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::text::{Kind, Prose};
use crate::date::Date;

/// `data/lint/facts.yaml`: the facts an advert must give, and values that mean "not known".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Values that say the fact is not known yet: `To be confirmed`, `TBC` (any case).
    pub unknown: Vec<String>,
    /// The facts.
    pub facts: Vec<Fact>,
}

/// One fact a candidate needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// What it is, in a message: `salary`.
    pub name: String,
    /// The labels that introduce it: `Salary`, `Pay`.
    pub labels: Vec<String>,
    /// The vacancy key that fills it in a jobgen vacancy file (`salary`), for the help.
    #[serde(default)]
    pub key: Option<String>,
    /// Its value must contain a figure (a digit).
    #[serde(default)]
    pub figure: bool,
    /// Its value is a date that must not have passed.
    #[serde(default)]
    pub date: bool,
}

/// What is wrong with one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// No label of the fact anywhere.
    Missing,
    /// A label with nothing after it.
    Empty,
    /// A value that says it is not known: the value.
    Unknown(String),
    /// A value with no digit, for a fact that needs a figure.
    NoFigure(String),
    /// A date before today: the value and the date read from it.
    Passed(String, Date),
    /// A value with no date jobgen can read, for a date fact.
    NotADate(String),
}

/// One problem: its fact (index in the list), and where: a block and byte range of its text
/// (the value, or the label when there is no value); `None` for a missing fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) fact: usize,
    pub(crate) at: Option<(usize, Range<usize>)>,
    pub(crate) problem: Problem,
}

impl Facts {
    /// The fact `label` names (trimmed, without a trailing colon, any case).
    fn fact_of(&self, label: &str) -> Option<usize> {
        let label = label.trim().trim_end_matches(':').trim_end();
        self.facts
            .iter()
            .position(|f| f.labels.iter().any(|l| l.eq_ignore_ascii_case(label)))
    }

    fn is_unknown(&self, value: &str) -> bool {
        let value = value.trim().trim_end_matches('.');
        self.unknown.iter().any(|u| u.eq_ignore_ascii_case(value))
    }
}

/// A label found: its fact, the block of its value (or of itself), the value's range there
/// (`None`: no value), and the label's range (used when there is no value).
type Seen = (usize, usize, Option<Range<usize>>, Range<usize>);

/// The range of `text[range]` without the spaces around it.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// A date in `value`: all of it, or three or four words of it (punctuation around them aside).
pub(crate) fn find_date(value: &str) -> Option<Date> {
    if let Some(d) = Date::parse(value) {
        return Some(d);
    }
    let words: Vec<&str> = value
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')')))
        .collect();
    [4, 3, 1]
        .into_iter()
        .find_map(|n| words.windows(n).find_map(|w| Date::parse(&w.join(" "))))
}

/// Every problem with the facts in the prose: missing facts first, in the list's order, then
/// the others in reading order. `today`: the date a closing date must not be before (`None`: not compared).
pub(crate) fn check(prose: &Prose, facts: &Facts, today: Option<Date>) -> Vec<Found> {
    let mut seen: Vec<Seen> = Vec::new();
    let blocks = &prose.blocks;
    for (b, block) in blocks.iter().enumerate() {
        let text = &block.text;
        match block.kind {
            Kind::Cell { row, column } => {
                let Some(f) = facts.fact_of(text) else {
                    continue;
                };
                let value = blocks.get(b + 1).filter(|n| {
                    n.kind
                        == Kind::Cell {
                            row,
                            column: column + 1,
                        }
                });
                // A header row of labels (`| Salary | Location |`) is not a label and its value.
                let label_beside = |n: Option<&super::text::Block>| {
                    n.is_some_and(|n| {
                        matches!(n.kind, Kind::Cell { row: 0, .. })
                            && facts.fact_of(&n.text).is_some()
                    })
                };
                if row == 0
                    && (label_beside(blocks.get(b + 1))
                        || label_beside(b.checked_sub(1).and_then(|p| blocks.get(p))))
                {
                    continue;
                }
                match value {
                    Some(v) => seen.push((f, b + 1, Some(trimmed(&v.text, 0..v.text.len())), 0..0)),
                    None => seen.push((f, b, None, trimmed(text, 0..text.len()))),
                }
            }
            Kind::Heading(_) => {
                let Some(f) = facts.fact_of(text) else {
                    continue;
                };
                match blocks
                    .get(b + 1)
                    .filter(|n| !matches!(n.kind, Kind::Heading(_)))
                {
                    Some(v) => seen.push((f, b + 1, Some(trimmed(&v.text, 0..v.text.len())), 0..0)),
                    None => seen.push((f, b, None, trimmed(text, 0..text.len()))),
                }
            }
            Kind::Paragraph | Kind::Item => {
                for line in block.lines() {
                    let Some(colon) = text[line.clone()].find(':') else {
                        continue;
                    };
                    let colon = line.start + colon;
                    let Some(f) = facts.fact_of(&text[line.start..colon]) else {
                        continue;
                    };
                    let value = trimmed(text, colon + 1..line.end);
                    if value.is_empty() {
                        seen.push((f, b, None, trimmed(text, line.start..colon + 1)));
                    } else {
                        seen.push((f, b, Some(value), 0..0));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, fact) in facts.facts.iter().enumerate() {
        let mine: Vec<_> = seen.iter().filter(|s| s.0 == i).collect();
        if mine.is_empty() {
            out.push(Found {
                fact: i,
                at: None,
                problem: Problem::Missing,
            });
        }
        for (_, b, value, label) in mine {
            let Some(range) = value else {
                out.push(Found {
                    fact: i,
                    at: Some((*b, label.clone())),
                    problem: Problem::Empty,
                });
                continue;
            };
            let v = blocks[*b].text[range.clone()].to_string();
            let problem = if facts.is_unknown(&v) {
                Some(Problem::Unknown(v))
            } else if fact.figure && !v.chars().any(|c| c.is_ascii_digit()) {
                Some(Problem::NoFigure(v))
            } else if fact.date {
                match find_date(&v) {
                    None => Some(Problem::NotADate(v)),
                    Some(d) if today.is_some_and(|t| d < t) => Some(Problem::Passed(v, d)),
                    Some(_) => None,
                }
            } else {
                None
            };
            if let Some(problem) = problem {
                out.push(Found {
                    fact: i,
                    at: Some((*b, range.clone())),
                    problem,
                });
            }
        }
    }
    // Reading order; missing facts (no place) first, in the list's order.
    out.sort_by_key(|f| f.at.as_ref().map(|(b, r)| (*b, r.start)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    fn facts() -> Facts {
        crate::data::load(&[]).expect("built-in data").lint.facts
    }

    const TODAY: Date = Date {
        year: 2027,
        month: 1,
        day: 10,
    };

    /// (fact name, problem, text at the place) for each problem.
    fn problems(md: &str) -> Vec<(String, Problem, String)> {
        let f = facts();
        let p = prose(md);
        check(&p, &f, Some(TODAY))
            .into_iter()
            .map(|x| {
                let at =
                    x.at.map(|(b, r)| p.blocks[b].text[r].to_string())
                        .unwrap_or_default();
                (f.facts[x.fact].name.clone(), x.problem, at)
            })
            .collect()
    }

    const ALL: &str = "| Field | Value |\n| --- | --- |\n| Salary | £45,000 |\n| Location | Leeds |\n| Closing date | Thursday 28 January 2027 |\n| Number of jobs available | 2 |\n| Working pattern | Full-time |\n";

    #[test]
    fn a_header_row_of_labels_is_not_a_label_and_its_value() {
        let md = "| Salary | Location |\n| --- | --- |\n| £40,000 | Leeds |\n";
        let got = problems(md);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(
            got.iter().all(|(_, p, _)| *p == Problem::Missing),
            "{got:?}"
        );
    }

    #[test]
    fn a_table_with_every_fact_is_fine() {
        assert_eq!(problems(ALL), []);
    }

    #[test]
    fn labels_and_values_are_found_on_lines_and_under_headings() {
        let md = "**Salary:** £45,000  \nLocation: Leeds\n\n- Apply before: 28 Jan 2027\n- Number of posts: 3\n\n## Working pattern\n\nFull-time or part-time.\n";
        assert_eq!(problems(md), []);
    }

    #[test]
    fn to_be_confirmed_and_empty_values_are_reported_at_the_value() {
        let md = "Salary: TBC\nLocation: to be confirmed.\nClosing date: 28 January 2027\nNumber of jobs:\n\n## Working pattern\n\n## Next\n\nText.\n";
        assert_eq!(
            problems(md),
            [
                (
                    "salary".into(),
                    Problem::Unknown("TBC".into()),
                    "TBC".into()
                ),
                (
                    "location".into(),
                    Problem::Unknown("to be confirmed.".into()),
                    "to be confirmed.".into()
                ),
                (
                    "number of jobs".into(),
                    Problem::Empty,
                    "Number of jobs:".into()
                ),
                (
                    "working pattern".into(),
                    Problem::Empty,
                    "Working pattern".into()
                ),
            ]
        );
    }

    #[test]
    fn a_missing_fact_has_no_place() {
        let md = ALL.replace("| Location | Leeds |\n", "");
        assert_eq!(
            problems(&md),
            [("location".into(), Problem::Missing, String::new())]
        );
    }

    #[test]
    fn a_salary_needs_a_figure() {
        let md = ALL.replace("£45,000", "Competitive");
        assert_eq!(
            problems(&md),
            [(
                "salary".into(),
                Problem::NoFigure("Competitive".into()),
                "Competitive".into()
            )]
        );
    }

    #[test]
    fn a_closing_date_before_today_has_passed_and_today_has_not() {
        let md = ALL.replace(
            "Thursday 28 January 2027",
            "Saturday 9 January 2027 at 11:55pm",
        );
        let d = Date::new(2027, 1, 9).expect("date");
        assert_eq!(
            problems(&md),
            [(
                "closing date".into(),
                Problem::Passed("Saturday 9 January 2027 at 11:55pm".into(), d),
                "Saturday 9 January 2027 at 11:55pm".into()
            )]
        );
        assert_eq!(
            problems(&ALL.replace("Thursday 28 January 2027", "2027-01-10")),
            []
        );
        // No today: not compared.
        let f = facts();
        assert!(check(&prose(&md), &f, None).is_empty());
    }

    #[test]
    fn a_closing_date_jobgen_cannot_read_is_said() {
        let md = ALL.replace("Thursday 28 January 2027", "end of the month");
        assert_eq!(
            problems(&md)[0].1,
            Problem::NotADate("end of the month".into())
        );
        assert_eq!(find_date("midnight, 28 Jan 2027."), Date::new(2027, 1, 28));
        assert_eq!(find_date("by 2027-01-28"), Date::new(2027, 1, 28));
    }

    #[test]
    fn a_label_inside_a_sentence_is_not_a_fact() {
        // "Salary" not at a line's start, with words before it: not a label.
        let md = format!("{ALL}\nThe salary: see above. Our location: Leeds.\n");
        assert_eq!(problems(&md), []);
    }
}
