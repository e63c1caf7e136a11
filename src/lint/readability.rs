//! `long-sentence` and `reading-age`: sentence length and the Flesch-Kincaid reading age of the
//! advert's paragraphs and list items (headings and table cells are labels, not prose).
//!
//! Syllables are counted by a rule of thumb, not a dictionary: in a word's letters, each run of
//! vowels (`a e i o u y`, accented too) is a syllable; a final `e` is silent (`code`, `more`) unless the word
//! ends in a consonant and `le` (`simple`) or the `e` is its only vowel (`the`); every word has
//! at least one. A word with no letters (`3`, `2026`) counts one.

use std::ops::Range;

use super::text::{Kind, Prose, sentences};

/// Syllables in `word`, by the rule above.
pub(crate) fn syllables(word: &str) -> usize {
    if word.is_ascii() {
        return syllables_of(
            word.bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    }
    syllables_of(
        word.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase),
    )
}

/// Syllables in a word's letters, in lower case.
fn syllables_of(letters: impl Iterator<Item = char>) -> usize {
    let vowel = |c: char| {
        matches!(
            c,
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à'..='æ' | 'è'..='ï' | 'ò'..='ö' | 'ù'..='ü'
        )
    };
    let mut count = 0;
    // The last three letters, newest last.
    let mut last: [Option<char>; 3] = [None; 3];
    let mut previous = false;
    for c in letters {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
        last = [last[1], last[2], Some(c)];
    }
    let is_vowel = |c: Option<char>| c.is_some_and(vowel);
    if count > 1 && last[2] == Some('e') && last[1].is_some() && !is_vowel(last[1]) {
        let consonant_le = last[1] == Some('l') && last[0].is_some() && !is_vowel(last[0]);
        if !consonant_le {
            count -= 1;
        }
    }
    count.max(1)
}

/// One sentence: its block, its byte range in the block's text, and its words.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub(crate) block: usize,
    pub(crate) range: Range<usize>,
    pub(crate) words: usize,
    pub(crate) syllables: usize,
}

/// Every sentence of the paragraphs and list items.
pub(crate) fn prose_sentences(prose: &Prose) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (b, block) in prose.blocks.iter().enumerate() {
        if !matches!(block.kind, Kind::Paragraph | Kind::Item) {
            continue;
        }
        // A sentence ends at a stop, which no word holds, so the block's words fall inside
        // its sentences: each sentence takes the words from where the last one stopped.
        let mut ws = block.words.iter().peekable();
        for range in sentences(&block.text) {
            let (mut count, mut syllables_in) = (0, 0);
            while let Some(w) = ws.next_if(|w| w.start < range.end) {
                if w.start >= range.start {
                    count += 1;
                    syllables_in += syllables(&block.text[w.clone()]);
                }
            }
            if count == 0 {
                continue;
            }
            out.push(Sentence {
                block: b,
                range,
                words: count,
                syllables: syllables_in,
            });
        }
    }
    out
}

/// Flesch-Kincaid grade + 5 of some sentences: `0.39 × words per sentence + 11.8 × syllables
/// per word − 15.59 + 5`. None when there are no words.
pub(crate) fn reading_age<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> Option<f64> {
    let (mut n, mut w, mut s) = (0usize, 0usize, 0usize);
    for x in sentences {
        n += 1;
        w += x.words;
        s += x.syllables;
    }
    if w == 0 {
        return None;
    }
    let grade = 0.39 * (w as f64 / n as f64) + 11.8 * (s as f64 / w as f64) - 15.59;
    Some(grade + 5.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    #[test]
    fn syllables_follow_the_documented_rule() {
        for (word, n) in [
            ("code", 1),
            ("the", 1),
            ("simple", 2),
            ("table", 2),
            ("engineer", 3),
            ("infrastructure", 4),
            ("you’ll", 1),
            ("team", 1),
            ("day-to-day", 3),
            ("rhythm", 1),
            ("3", 1),
            ("communicate", 4),
            ("Café", 2),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn only_paragraphs_and_list_items_have_sentences() {
        let md = "# A very long heading\n\nOne two three. Four five.\n\n- six seven\n\n| a b c |\n| --- |\n| d e |\n";
        let s = prose_sentences(&prose(md));
        let words: Vec<usize> = s.iter().map(|x| x.words).collect();
        assert_eq!(words, [3, 2, 2]);
    }

    #[test]
    fn reading_age_is_flesch_kincaid_grade_plus_five() {
        // 2 sentences, 12 words of one syllable: 0.39 × 6 + 11.8 × 1 − 15.59 + 5 = 3.55.
        let md = "The cat sat on the mat. A dog ran to the park.\n";
        let s = prose_sentences(&prose(md));
        assert_eq!(s.iter().map(|x| x.words).sum::<usize>(), 12);
        let age = reading_age(&s).expect("words");
        let expected = 0.39 * 6.0 + 11.8 - 15.59 + 5.0;
        assert!((age - expected).abs() < 1e-9, "{age} vs {expected}");
        assert_eq!(reading_age(&[]), None);
    }
}
