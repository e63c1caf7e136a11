//! `age-coded`, `exclusionary` and `third-person`: phrases from `data/lint/wording.yaml` that
//! tell some readers the job is not for them, or talk about the reader instead of to them.
//!
//! A phrase matches whole words in any case, within one block (a paragraph's line breaks are
//! spaces, so a phrase may run across them), with only spaces between its words. Its last word
//! may take a possessive `'s` (`the candidate’s`) and, in a phrase of two or more words, a
//! plural `s` (`recent graduates`); a one-word phrase matches only itself, so `dynamic` does
//! not find `dynamics`. A phrase of the file's `fine` list (`team dynamic`) is matched the same
//! way, and what it covers is not reported.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::text::{Prose, words};

/// `data/lint/wording.yaml`: the phrases the wording checks look for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// Where the list comes from.
    pub source: String,
    /// The phrases.
    pub phrases: Vec<Phrase>,
    /// Phrases that hold a listed word in another sense (`team dynamic`, `mature the process`):
    /// where one of these is, the listed phrases inside it are not reported.
    #[serde(default)]
    pub fine: Vec<String>,
}

/// One phrase to avoid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    /// The words, as a reader would write them: `recent graduate`.
    pub phrase: String,
    /// The check that reports it: `age-coded`, `exclusionary` or `third-person`.
    pub rule: String,
    /// What to write instead.
    pub suggestion: String,
    /// Why, and who says so.
    pub source: String,
}

/// The rules a phrase may name.
pub(crate) const RULE_IDS: [&str; 3] = ["age-coded", "exclusionary", "third-person"];

/// One phrase found: its block, its byte range in the block's text, and the phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found<'a> {
    pub(crate) block: usize,
    pub(crate) range: Range<usize>,
    pub(crate) phrase: &'a Phrase,
}

/// The phrase list made ready to match: each phrase's words in lower case, indexed by its
/// first word, longest phrase first.
pub(crate) struct Matcher<'a> {
    by_first: HashMap<String, Vec<Entry<'a>>>,
}

/// A phrase's words in lower case, and the phrase: `None` for a phrase of `fine`, which is
/// matched (longest first, as the others) and skipped.
type Entry<'a> = (Vec<String>, Option<&'a Phrase>);

/// A word as phrases compare it: lower case, curly apostrophes straight.
fn norm(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

impl<'a> Matcher<'a> {
    /// Indexes the phrases, leaving out those in `allowed` (any case).
    pub(crate) fn new(wording: &'a Wording, allowed: &[String]) -> Self {
        let allowed: Vec<String> = allowed.iter().map(|a| norm(a.trim())).collect();
        let mut by_first: HashMap<String, Vec<Entry<'a>>> = HashMap::new();
        let listed = wording.phrases.iter().map(|p| (p.phrase.as_str(), Some(p)));
        let fine = wording.fine.iter().map(|f| (f.as_str(), None));
        for (text, p) in listed.chain(fine) {
            let ws: Vec<String> = words(text).into_iter().map(|r| norm(&text[r])).collect();
            if ws.is_empty() || (p.is_some() && allowed.contains(&ws.join(" "))) {
                continue;
            }
            by_first.entry(ws[0].clone()).or_default().push((ws, p));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
        }
        Matcher { by_first }
    }

    /// Every phrase in the prose, in reading order; a phrase inside one already found is not
    /// found again.
    pub(crate) fn find(&self, prose: &Prose) -> Vec<Found<'a>> {
        let mut out = Vec::new();
        if self.by_first.is_empty() {
            return out;
        }
        for (b, block) in prose.blocks.iter().enumerate() {
            let text = &block.text;
            let ranges = &block.words;
            let lower: Vec<Cow<'_, str>> = ranges
                .iter()
                .map(|r| {
                    let w = block.lower(r.clone());
                    if w.contains('’') {
                        Cow::Owned(w.replace('’', "'"))
                    } else {
                        w
                    }
                })
                .collect();
            let mut i = 0;
            while i < ranges.len() {
                let found = self.by_first.get(&*lower[i]).and_then(|list| {
                    list.iter()
                        .find(|(ws, _)| matches_at(text, ranges, &lower, i, ws))
                });
                match found {
                    Some((ws, phrase)) => {
                        if let Some(phrase) = phrase {
                            let end = ranges[i + ws.len() - 1].end;
                            out.push(Found {
                                block: b,
                                range: ranges[i].start..end,
                                phrase,
                            });
                        }
                        i += ws.len();
                    }
                    None => i += 1,
                }
            }
        }
        out
    }
}

/// True when the phrase `ws` starts at word `i`: the words are equal (the last may add `'s`,
/// or `s` in a phrase of several words) and only spaces are between them.
fn matches_at(
    text: &str,
    ranges: &[Range<usize>],
    lower: &[Cow<'_, str>],
    i: usize,
    ws: &[String],
) -> bool {
    if i + ws.len() > ranges.len() {
        return false;
    }
    let last = ws.len() - 1;
    ws.iter().enumerate().all(|(k, w)| {
        let got = &*lower[i + k];
        let same = if k == last {
            let plural = last > 0 && got.strip_suffix('s') == Some(w);
            got == w || got.strip_suffix("'s") == Some(w) || plural
        } else {
            got == w
        };
        let spaced = k == 0
            || text[ranges[i + k - 1].end..ranges[i + k].start]
                .chars()
                .all(char::is_whitespace);
        same && spaced
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    fn wording() -> Wording {
        crate::data::load(&[]).expect("built-in data").lint.wording
    }

    fn found(md: &str, allowed: &[&str]) -> Vec<(String, String)> {
        let w = wording();
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        let m = Matcher::new(&w, &allowed);
        let p = prose(md);
        m.find(&p)
            .into_iter()
            .map(|f| {
                (
                    p.blocks[f.block].text[f.range].to_string(),
                    f.phrase.rule.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn every_builtin_phrase_has_a_known_rule_a_suggestion_and_a_source() {
        let w = wording();
        assert!(w.phrases.len() >= 15, "{}", w.phrases.len());
        for p in &w.phrases {
            assert!(RULE_IDS.contains(&p.rule.as_str()), "{p:?}");
            assert!(!p.suggestion.trim().is_empty(), "{p:?}");
            assert!(!p.source.trim().is_empty(), "{p:?}");
        }
        // Each phrase is found in a sentence of its own words.
        for p in &w.phrases {
            let md = format!("We say {} here.\n", p.phrase);
            let got = found(&md, &[]);
            assert_eq!(got.len(), 1, "{}: {got:?}", p.phrase);
        }
    }

    #[test]
    fn whole_words_in_any_case_across_line_breaks() {
        assert_eq!(
            found("Ideal for a Recent\nGraduate.\n", &[]),
            [("Recent\nGraduate".replace('\n', " "), "age-coded".into())]
        );
        // Inside other words: nothing.
        assert!(found("Youngstown and dynamics and energetically.\n", &[]).is_empty());
        // Punctuation between the words breaks the phrase.
        assert!(found("The most recent. Graduate schemes.\n", &[]).is_empty());
    }

    #[test]
    fn plurals_and_possessives_of_the_last_word_match() {
        let got = found(
            "Recent graduates apply. The candidate’s CV. The successful candidates.\n",
            &[],
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Recent graduates",
                "The candidate’s",
                "The successful candidates"
            ]
        );
        assert!(got[1..].iter().all(|(_, r)| r == "third-person"));
    }

    #[test]
    fn the_longest_phrase_wins_and_is_found_once() {
        let got = found(
            "The successful applicant will be a native English speaker.\n",
            &[],
        );
        assert_eq!(
            got,
            [
                ("The successful applicant".into(), "third-person".into()),
                ("native English speaker".into(), "exclusionary".into()),
            ]
        );
    }

    #[test]
    fn a_listed_word_inside_a_fine_phrase_is_not_found() {
        assert!(
            found(
                "Fix issues in the team dynamic. Team dynamics matter.\n",
                &[]
            )
            .is_empty()
        );
        assert!(found("Activities that mature the capability.\n", &[]).is_empty());
        assert_eq!(found("A dynamic team.\n", &[]).len(), 1);
    }

    #[test]
    fn allowed_phrases_are_not_found() {
        assert!(found("You will work with young people.\n", &["Young"]).is_empty());
        assert_eq!(found("You will work with young people.\n", &[]).len(), 1);
    }

    #[test]
    fn clean_text_has_no_phrases() {
        assert!(
            found(
                "You will build services with the team. You need a degree or equivalent experience.\n",
                &[]
            )
            .is_empty()
        );
    }
}
