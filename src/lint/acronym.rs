//! `acronym`: acronyms not spelled out at their first use.
//!
//! An acronym is a word of letters with at least two capitals and no more small letters than
//! capitals (`BAU`, `SFIA`, `DDaT`, `KPIs`; not `DevOps`). It is spelled out when, at or before
//! its first use, it is written in brackets straight after words whose initials it takes
//! (`Digital Data and Technology (DDaT)`, skipping small words like `and` and `of`), or right
//! before bracketed words whose initials it takes (`SEO (senior executive officer)`), or in
//! brackets straight after the name (up to six words, capitalised) that opens a list item, as
//! SFIA skills are listed (`- Systems design (DESN) – Level 3`). Known
//! acronyms (data/lint/checks.yaml, `acronyms_known`) need neither.

use std::collections::HashMap;
use std::ops::Range;

use super::text::{Kind, Prose, words};

/// An acronym's first use: its block and byte range there, and the acronym as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unexplained {
    pub(crate) block: usize,
    pub(crate) range: Range<usize>,
    pub(crate) acronym: String,
    /// Where it is spelled out later, if it is: block and byte offset.
    pub(crate) later: Option<(usize, usize)>,
}

/// The acronym a word is, without a plural `s`, or None.
fn acronym(word: &str) -> Option<&str> {
    // One pass over the characters.
    let (mut upper, mut lower) = (0, 0);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if !c.is_alphabetic() {
            return None;
        }
    }
    if upper < 2 || lower > upper {
        return None;
    }
    Some(
        word.strip_suffix('s')
            .filter(|w| w.len() >= 2)
            .unwrap_or(word),
    )
}

const SMALL_WORDS: &[&str] = &["and", "of", "the", "for", "to", "in", "on", "a", "&"];

/// True when the initials of `words` (small words may be skipped) spell `acronym`'s capitals,
/// case-insensitively. Letters of the acronym in lower case (`DDaT`'s `a`) may match a small
/// word's initial or be skipped.
fn initials_match(acronym: &str, words: &[&str]) -> bool {
    fn go(letters: &[char], words: &[&str]) -> bool {
        match (letters.first(), words.first()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(&l), Some(w)) => {
                let initial = w.chars().next().map(|c| c.to_lowercase().next());
                let small = SMALL_WORDS.contains(&w.to_lowercase().as_str());
                (initial == Some(l.to_lowercase().next()) && go(&letters[1..], &words[1..]))
                    || (small && go(letters, &words[1..]))
                    || (l.is_lowercase() && go(&letters[1..], words))
            }
        }
    }
    let letters: Vec<char> = acronym.chars().collect();
    go(&letters, words)
}

/// True when the acronym at `range` of `text` is spelled out there.
fn spelled_out(text: &str, range: &Range<usize>, acronym: &str, item: bool) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let bracketed = before.trim_end().ends_with('(') && after.trim_start().starts_with(')');
    if bracketed {
        let open = before.trim_end().len() - 1;
        let ws: Vec<&str> = words(&text[..open]).into_iter().map(|r| &text[r]).collect();
        // A code after a capitalised name, as SFIA writes its skills: `Systems Design (DESN)`.
        let clause_start = text[..open]
            .rfind(['.', ',', ';', ':', '(', ')'])
            .map_or(0, |i| i + 1);
        let clause: Vec<&str> = words(&text[clause_start..open])
            .into_iter()
            .map(|r| &text[clause_start + r.start..clause_start + r.end])
            .collect();
        let named = item
            && clause_start == 0
            && (1..=6).contains(&clause.len())
            && clause[0].starts_with(char::is_uppercase)
            && text[..open].ends_with(|c: char| c.is_alphanumeric() || c == ' ');
        // Or the acronym's initials come from the words just before the bracket.
        let letters = acronym.chars().count();
        return named
            || (1..=ws.len().min(letters * 2 + 2))
                .any(|n| initials_match(acronym, &ws[ws.len() - n..]));
    }
    if let Some(inside) = after.trim_start().strip_prefix('(') {
        let inside = inside.split(')').next().unwrap_or("");
        let ws: Vec<&str> = words(inside).into_iter().map(|r| &inside[r]).collect();
        return initials_match(acronym, &ws);
    }
    false
}

/// Every acronym whose first use is not spelled out, in reading order.
pub(crate) fn unexplained(prose: &Prose, known: &[String]) -> Vec<Unexplained> {
    // acronym -> (first use, spelled out at)
    let mut seen: HashMap<String, (Unexplained, bool)> = HashMap::new();
    let mut order = Vec::new();
    for (b, block) in prose.blocks.iter().enumerate() {
        for r in block.words.iter().cloned() {
            let Some(a) = acronym(&block.text[r.clone()]) else {
                continue;
            };
            if known.iter().any(|k| k == a || k == &block.text[r.clone()]) {
                continue;
            }
            let explained = spelled_out(&block.text, &r, a, block.kind == Kind::Item);
            match seen.get_mut(a) {
                None => {
                    order.push(a.to_string());
                    seen.insert(
                        a.to_string(),
                        (
                            Unexplained {
                                block: b,
                                range: r.clone(),
                                acronym: a.to_string(),
                                later: None,
                            },
                            explained,
                        ),
                    );
                }
                Some((first, false)) if explained && first.later.is_none() => {
                    first.later = Some((b, r.start));
                }
                _ => {}
            }
        }
    }
    order
        .into_iter()
        .filter_map(|a| seen.remove(&a))
        .filter(|(_, explained)| !explained)
        .map(|(u, _)| u)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    fn flagged(md: &str) -> Vec<String> {
        unexplained(&prose(md), &["UK".into(), "IT".into()])
            .into_iter()
            .map(|u| u.acronym)
            .collect()
    }

    #[test]
    fn what_counts_as_an_acronym() {
        assert_eq!(acronym("BAU"), Some("BAU"));
        assert_eq!(acronym("DDaT"), Some("DDaT"));
        assert_eq!(acronym("KPIs"), Some("KPI"));
        assert_eq!(acronym("DevOps"), None);
        assert_eq!(acronym("A"), None);
        assert_eq!(acronym("v3"), None);
    }

    #[test]
    fn an_acronym_used_bare_is_flagged_once() {
        assert_eq!(flagged("Fix BAU issues. More BAU work.\n"), ["BAU"]);
    }

    #[test]
    fn spelled_out_before_or_after_in_brackets_is_fine() {
        assert!(flagged("Digital Data and Technology (DDaT) is big. DDaT grows.\n").is_empty());
        assert!(flagged("key performance indicators (KPIs)\n").is_empty());
        assert!(flagged("Work at SEO (senior executive officer) grade.\n").is_empty());
        assert!(flagged("Senior Executive Officer (SEO), Home Office\n").is_empty());
    }

    #[test]
    fn brackets_that_do_not_spell_it_out_do_not_count() {
        assert_eq!(flagged("We use some tools (BAU) here.\n"), ["BAU"]);
        assert!(flagged("- Systems design (DESN) – Level 3\n").is_empty());
        assert_eq!(flagged("Systems design (DESN) is a skill.\n"), ["DESN"]);
    }

    #[test]
    fn spelled_out_only_later_points_at_the_first_use_and_the_later_one() {
        let p = prose("Use SFIA.\n\nSkills Framework for the Information Age (SFIA).\n");
        let u = unexplained(&p, &[]);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].block, 0);
        assert_eq!(u[0].later, Some((1, 42)));
    }

    #[test]
    fn known_acronyms_are_not_flagged() {
        assert!(flagged("UK borders and IT systems.\n").is_empty());
    }
}
