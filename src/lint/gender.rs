//! `gender-coded`: the masculine- and feminine-coded words of Gaucher, Friesen and Kay (2011),
//! counted as lovedaybrooke/gender-decoder counts them, and the advert's verdict.
//!
//! gender-decoder's counting, kept here: the text is lower-cased; characters outside ASCII and
//! U+00C1..=U+0100 and the marks `. , “ ” ‘ ’ < > * ? ! " [ ] @ ' : ; ( ) / &` separate words;
//! a word with a hyphen not at its start is split at its hyphens unless it starts with a
//! hyphenated stem (`co-operat`); a word is coded once for every stem it starts with
//! (`dominant` starts with `domina` and `dominant`: two); the verdict compares the counts.

use serde::Serialize;

use super::text::Prose;
use crate::model::GenderWords;

/// Masculine or feminine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coding {
    /// A masculine-coded word.
    Masculine,
    /// A feminine-coded word.
    Feminine,
}

/// One coded word: where it is (block index and byte range in its text), the word as
/// gender-decoder sees it (lower case), the stem it starts with and its coding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Coded {
    pub(crate) block: usize,
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) word: String,
    pub(crate) stem: String,
    pub(crate) coding: Coding,
}

/// The advert's verdict, as gender-decoder gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `strongly feminine-coded`, `feminine-coded`, `neutral`, `empty` (no coded words),
    /// `masculine-coded` or `strongly masculine-coded`.
    pub verdict: &'static str,
    /// Masculine-coded words counted.
    pub masculine: usize,
    /// Feminine-coded words counted.
    pub feminine: usize,
}

impl Verdict {
    /// gender-decoder's `assess_coding`: feminine minus masculine; 0 is neutral (or empty when
    /// there are none), above 3 strongly feminine, below -3 strongly masculine.
    pub fn of(masculine: usize, feminine: usize) -> Verdict {
        let score = feminine as i64 - masculine as i64;
        let verdict = match score {
            0 if feminine > 0 => "neutral",
            0 => "empty",
            s if s > 3 => "strongly feminine-coded",
            s if s > 0 => "feminine-coded",
            s if s < -3 => "strongly masculine-coded",
            _ => "masculine-coded",
        };
        Verdict {
            verdict,
            masculine,
            feminine,
        }
    }

    /// True for `masculine-coded` and `strongly masculine-coded`.
    pub fn is_masculine(&self) -> bool {
        self.masculine > self.feminine
    }
}

/// True for a character gender-decoder keeps inside a word.
fn kept(c: char) -> bool {
    let n = u32::from(c);
    let keeps = n < 128 || (n > 192 && n < 257);
    keeps
        && !c.is_whitespace()
        && !matches!(
            c,
            '.' | ','
                | '<'
                | '>'
                | '*'
                | '?'
                | '!'
                | '"'
                | '['
                | ']'
                | '@'
                | '\''
                | ':'
                | ';'
                | '('
                | ')'
                | '/'
                | '&'
        )
}

/// The stems by their first byte, so that a word is compared only with the few stems that
/// start as it does rather than with every stem.
struct Stems<'a> {
    /// For each first byte: (stem, coding, its place: masculine stems first, each list in its
    /// order), in place order.
    by_first: Vec<Vec<(&'a str, Coding, usize)>>,
}

impl<'a> Stems<'a> {
    fn new(words: &'a GenderWords) -> Self {
        let mut by_first = vec![Vec::new(); 256];
        let all = words
            .masculine
            .iter()
            .map(|s| (s.as_str(), Coding::Masculine))
            .chain(
                words
                    .feminine
                    .iter()
                    .map(|s| (s.as_str(), Coding::Feminine)),
            );
        for (place, (stem, coding)) in all.enumerate() {
            if let Some(&b) = stem.as_bytes().first() {
                by_first[usize::from(b)].push((stem, coding, place));
            }
        }
        Stems { by_first }
    }

    /// Every stem `word` starts with, in the lists' order (masculine first), as gender-decoder
    /// checks them.
    fn of<'w>(&'w self, word: &'w str) -> impl Iterator<Item = (&'a str, Coding)> + 'w {
        let bucket = word
            .as_bytes()
            .first()
            .map_or(&[][..], |&b| &self.by_first[usize::from(b)][..]);
        bucket
            .iter()
            .filter(move |s| word.starts_with(s.0))
            .map(|s| (s.0, s.1))
    }
}

/// Every coded word of the prose, in reading order; `allowed` words (lower case) are skipped.
pub(crate) fn coded(prose: &Prose, words: &GenderWords, allowed: &[String]) -> Vec<Coded> {
    let hyphenated: Vec<&str> = words
        .masculine
        .iter()
        .chain(&words.feminine)
        .map(String::as_str)
        .filter(|s| s.contains('-'))
        .collect();
    let stems = Stems::new(words);
    let mut out = Vec::new();
    for (b, block) in prose.blocks.iter().enumerate() {
        let text = &block.text;
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (kept(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push(s..text.len());
        }
        for t in tokens {
            let lower = block.lower(t.clone());
            let split = lower.find('-').is_some_and(|i| i > 0)
                && !hyphenated.iter().any(|h| lower.starts_with(h));
            // The parts between hyphens when it splits, else the whole token (no list made:
            // this runs for every token of every advert).
            let hyphens = text[t.clone()]
                .match_indices('-')
                .map(|(i, _)| t.start + i)
                .filter(move |_| split);
            let starts = std::iter::once(t.start).chain(hyphens.clone().map(|h| h + 1));
            let ends = hyphens.chain(std::iter::once(t.end));
            for r in starts
                .zip(ends)
                .map(|(s, e)| s..e)
                .filter(|r| !r.is_empty())
            {
                let word = block.lower(r.clone());
                let word = &*word;
                if allowed.iter().chain(&words.exceptions).any(|a| a == word) {
                    continue;
                }
                for (stem, coding) in stems.of(word) {
                    out.push(Coded {
                        block: b,
                        range: r.clone(),
                        word: word.to_string(),
                        stem: stem.to_string(),
                        coding,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    fn builtin() -> GenderWords {
        crate::data::load(&[]).expect("built-in data").lint.gender
    }

    fn words_of(md: &str) -> Vec<(String, Coding)> {
        coded(&prose(md), &builtin(), &[])
            .into_iter()
            .map(|c| (c.word, c.coding))
            .collect()
    }

    #[test]
    fn the_builtin_lists_are_gender_decoders() {
        let w = builtin();
        assert_eq!(w.masculine.len(), 52);
        assert_eq!(w.feminine.len(), 50);
        assert_eq!(w.masculine.first().map(String::as_str), Some("active"));
        assert_eq!(w.feminine.last().map(String::as_str), Some("sharin"));
    }

    #[test]
    fn a_word_is_coded_when_it_starts_with_a_stem() {
        use Coding::*;
        assert_eq!(
            words_of("Leadership and support; we lead. Unleaded fuel."),
            [
                ("leadership".into(), Masculine),
                ("support".into(), Feminine),
                ("lead".into(), Masculine),
            ]
        );
    }

    #[test]
    fn a_word_matching_two_stems_counts_twice_as_in_gender_decoder() {
        // `dominant` starts with `domina` and `dominant`; `interpersonal` with two stems too.
        assert_eq!(words_of("A dominant voice.").len(), 2);
        assert_eq!(words_of("Interpersonal skills.").len(), 2);
    }

    #[test]
    fn hyphenated_words_split_unless_they_start_with_a_hyphenated_stem() {
        use Coding::*;
        assert_eq!(
            words_of("Self-confident, co-operative and well-supported."),
            [
                ("self-confident".into(), Masculine),
                ("co-operative".into(), Feminine),
                ("supported".into(), Feminine),
            ]
        );
    }

    #[test]
    fn curly_apostrophes_separate_words_and_accents_stay_inside() {
        // ’ is outside gender-decoder's kept characters, so "team’s" is "team" and "s".
        assert_eq!(words_of("The team’s loyalty.").len(), 1);
        assert!(
            words_of("Café kindness")
                .iter()
                .any(|(w, _)| w == "kindness")
        );
    }

    #[test]
    fn the_stem_index_finds_what_comparing_with_every_stem_finds() {
        let w = builtin();
        let stems = Stems::new(&w);
        let every = |word: &str| -> Vec<(&str, Coding)> {
            let m = w.masculine.iter().map(|s| (s.as_str(), Coding::Masculine));
            let f = w.feminine.iter().map(|s| (s.as_str(), Coding::Feminine));
            m.chain(f).filter(|(s, _)| word.starts_with(s)).collect()
        };
        for word in [
            "dominant",
            "domination",
            "lead",
            "leadership",
            "le",
            "interpersonal",
            "co-operate",
            "self-confident",
            "sharing",
            "responsibility",
            "café",
            "",
            "zzz",
            "active",
        ] {
            assert_eq!(stems.of(word).collect::<Vec<_>>(), every(word), "{word}");
        }
    }

    #[test]
    fn allowed_words_are_skipped() {
        let c = coded(&prose("Lead the work."), &builtin(), &["lead".into()]);
        assert!(c.is_empty());
    }

    #[test]
    fn verdicts_follow_gender_decoders_thresholds() {
        assert_eq!(Verdict::of(0, 0).verdict, "empty");
        assert_eq!(Verdict::of(2, 2).verdict, "neutral");
        assert_eq!(Verdict::of(0, 3).verdict, "feminine-coded");
        assert_eq!(Verdict::of(0, 4).verdict, "strongly feminine-coded");
        assert_eq!(Verdict::of(3, 0).verdict, "masculine-coded");
        assert_eq!(Verdict::of(4, 1).verdict, "masculine-coded");
        assert_eq!(Verdict::of(5, 1).verdict, "strongly masculine-coded");
    }

    #[test]
    fn clean_text_has_no_coded_words() {
        assert!(words_of("You will write code and test it with the team.").is_empty());
    }
}
