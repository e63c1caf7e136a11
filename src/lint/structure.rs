//! The advert's shape: `late-role` (how many words come before the role is first described),
//! `duplicate-bullet`, `empty-section` and `long-list`.
//!
//! Where the role is first described: the first block after the `#` title that is a heading
//! with one of the role words (`role_words` in data/lint/checks.yaml: `role`, `job`, `you`...)
//! or that contains the title's words in order (`DevOps engineer`), any case. Every word
//! before it (lead line, headings, the organisation's boilerplate) counts. An advert with no
//! `#` title is not checked: there is no role name to look for.

use std::collections::HashMap;

use super::text::{Block, Kind, Prose};

/// Lower-case words of a block, curly apostrophes straight.
fn norm_words(block: &Block) -> Vec<String> {
    block
        .words
        .iter()
        .map(|r| block.lower(r.clone()).replace('’', "'"))
        .collect()
}

/// What comes before the role: the words, the first block after the title, and the block where
/// the role is first described (`None`: nowhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Before {
    pub(crate) words: usize,
    pub(crate) first: usize,
    pub(crate) role: Option<usize>,
}

/// The words before the role is first described (see the module's comment); `None` with no
/// `#` title or nothing after it.
pub(crate) fn before_role(prose: &Prose, role_words: &[String]) -> Option<Before> {
    let title = prose
        .blocks
        .iter()
        .position(|b| b.kind == Kind::Heading(1))?;
    let name = norm_words(&prose.blocks[title]);
    let role_words: Vec<String> = role_words.iter().map(|w| w.to_lowercase()).collect();
    let first = title + 1;
    prose.blocks.get(first)?;
    let mut count = 0;
    for (b, block) in prose.blocks.iter().enumerate().skip(first) {
        // Compared word by word, lower-cased in place: most blocks name neither.
        let word = |i: usize| block.lower(block.words[i].clone());
        let same = |i: usize, w: &str| {
            let straight = |c: char| if c == '’' { '\'' } else { c };
            word(i).chars().map(straight).eq(w.chars())
        };
        let n = block.words.len();
        let names_role = !name.is_empty()
            && (0..(n + 1).saturating_sub(name.len()))
                .any(|s| name.iter().enumerate().all(|(k, w)| same(s + k, w)));
        let role_heading = matches!(block.kind, Kind::Heading(_))
            && (0..n).any(|i| role_words.iter().any(|w| same(i, w)));
        if names_role || role_heading {
            return Some(Before {
                words: count,
                first,
                role: Some(b),
            });
        }
        count += n;
    }
    Some(Before {
        words: count,
        first,
        role: None,
    })
}

/// Each list item that repeats an earlier one (same words, any case and punctuation): its
/// block and the earlier one's.
pub(crate) fn duplicate_bullets(prose: &Prose) -> Vec<(usize, usize)> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (b, block) in prose.blocks.iter().enumerate() {
        if block.kind != Kind::Item {
            continue;
        }
        // The words in lower case, one space between them: one string to hash.
        let mut key = String::new();
        for r in &block.words {
            if !key.is_empty() {
                key.push(' ');
            }
            let word = block.lower(r.clone());
            if word.contains('’') {
                key.push_str(&word.replace('’', "'"));
            } else {
                key.push_str(&word);
            }
        }
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&earlier) => out.push((b, earlier)),
            None => {
                first.insert(key, b);
            }
        }
    }
    out
}

/// The heading blocks with nothing under them before the next heading of the same or a higher
/// level (a section whose subsections are all empty is empty too).
pub(crate) fn empty_sections(prose: &Prose) -> Vec<usize> {
    let blocks = &prose.blocks;
    let mut out = Vec::new();
    for (h, block) in blocks.iter().enumerate() {
        let Kind::Heading(level) = block.kind else {
            continue;
        };
        let end = blocks[h + 1..]
            .iter()
            .position(|b| matches!(b.kind, Kind::Heading(l) if l <= level))
            .map_or(blocks.len(), |p| h + 1 + p);
        let text = blocks[h + 1..end]
            .iter()
            .any(|b| !matches!(b.kind, Kind::Heading(_)));
        let from = block.source_offset(0);
        let to = blocks.get(end).map_or(usize::MAX, |b| b.source_offset(0));
        let other = prose.other.iter().any(|&o| o > from && o < to);
        if !text && !other {
            out.push(h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::text::prose;

    fn role_words() -> Vec<String> {
        ["role", "job", "you", "you'll"].map(String::from).to_vec()
    }

    #[test]
    fn the_role_starts_at_a_role_heading_or_where_the_title_is_named() {
        let md = "# DevOps engineer\n\nHome Office\n\n## About us\n\nWe are big. We are old.\n\n## About the role\n\nYou build.\n";
        let p = prose(md);
        let b = before_role(&p, &role_words()).expect("title");
        assert_eq!(b.words, 2 + 2 + 6);
        assert_eq!(b.first, 1);
        assert_eq!(p.blocks[b.role.expect("role")].text, "About the role");
        let md = "# DevOps engineer\n\nWe are big.\n\nAs a DevOps Engineer you build.\n";
        let p = prose(md);
        let b = before_role(&p, &role_words()).expect("title");
        assert_eq!((b.words, b.role), (3, Some(2)));
    }

    #[test]
    fn no_title_is_not_checked_and_no_role_counts_everything() {
        assert_eq!(
            before_role(&prose("Text.\n\n## Role\n"), &role_words()),
            None
        );
        let p = prose("# Tester\n\nWe are big.\n\n## Pay\n");
        let b = before_role(&p, &role_words()).expect("title");
        assert_eq!((b.words, b.role), (4, None));
    }

    #[test]
    fn a_repeated_bullet_is_found_whatever_its_case_and_punctuation() {
        let md = "- Write code.\n- Test it\n\n## More\n\n- write CODE\n- other\n";
        let p = prose(md);
        let d = duplicate_bullets(&p);
        assert_eq!(d.len(), 1);
        assert_eq!(p.blocks[d[0].0].text, "write CODE");
        assert_eq!(p.blocks[d[0].1].text, "Write code.");
        // Paragraphs that repeat are not bullets.
        assert!(duplicate_bullets(&prose("Same.\n\nSame.\n")).is_empty());
    }

    #[test]
    fn an_empty_section_is_a_heading_with_nothing_before_the_next_of_its_level() {
        let md = "# T\n\n## Empty\n\n## Parent\n\n### Child\n\nText.\n\n## Hollow\n\n### Also empty\n\n## Code\n\n```\nx\n```\n\n## Last\n";
        let p = prose(md);
        let names: Vec<&str> = empty_sections(&p)
            .into_iter()
            .map(|h| p.blocks[h].text.as_str())
            .collect();
        assert_eq!(names, ["Empty", "Hollow", "Also empty", "Last"]);
    }
}
