//! Splitting text into words and sentences, with byte ranges into the text so the console can
//! quote or highlight them.
//!
//! The text is the Markdown staff type, so Markdown's own marks are not words: `**`, `-` or `1.`
//! at the start of a list item, `#` of a heading, and a link's destination (`](/learn/…)`) are
//! skipped. A line break ends a sentence too: list items and headings are separate statements
//! even without a full stop.

use std::ops::Range;

/// A word: letters (any script, accents included) or digits, joined by inner apostrophes or
/// hyphens (`don't`, `follow-up`); a number keeps its decimal point or thousands separator
/// (`2.5`, `1,000`).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub range: Range<usize>,
}

/// Characters that may sit inside a word between two letters or digits.
fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '\n')
}

/// Each sentence of `text` as the words in it; sentences without words are left out.
pub fn sentences(text: &str) -> Vec<Vec<Word>> {
    let mut out = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let start = at;
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let next = chars.get(j + 1).map(|n| n.1);
                let between_digits = matches!(c, '.' | ',')
                    && chars[j - 1].1.is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit());
                if c.is_alphanumeric()
                    || between_digits
                    || (joins(c) && next.is_some_and(char::is_alphanumeric))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |n| n.0);
            current.push(Word { range: start..end });
            i = j;
            continue;
        }
        if c == ']' && chars.get(i + 1).is_some_and(|n| n.1 == '(') {
            // A link's destination: skip to its closing parenthesis.
            let close = chars[i..].iter().position(|n| n.1 == ')');
            i = close.map_or(chars.len(), |close| i + close + 1);
            continue;
        }
        if ends_sentence(c) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Every word of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    sentences(text).into_iter().flatten().collect()
}

/// A word folded for comparing: lower case, Spanish accents and the diaeresis taken off (`ñ`
/// stays: `año` and `ano` are different words), curly apostrophes made straight.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' | 'ì' => 'i',
            'ó' | 'ò' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            '’' => '\'',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, sentence: &[Word]) -> Vec<&'a str> {
        sentence.iter().map(|w| &text[w.range.clone()]).collect()
    }

    #[test]
    fn markdown_marks_and_link_destinations_are_not_words() {
        let text = "# Before you come\n\n- Bring **your list**.\n- Read [fasting](/learn/demo/fasting-guide) now";
        let found = sentences(text);
        assert_eq!(found.len(), 3);
        assert_eq!(texts(text, &found[0]), ["Before", "you", "come"]);
        assert_eq!(texts(text, &found[1]), ["Bring", "your", "list"]);
        assert_eq!(texts(text, &found[2]), ["Read", "fasting", "now"]);
    }

    #[test]
    fn decimals_apostrophes_and_hyphens_stay_inside_one_word() {
        let text = "Don't take 2.5 mg or 1,000 units at the follow-up. ¿Por qué? Sí.";
        let found = sentences(text);
        assert_eq!(found.len(), 3);
        assert_eq!(
            texts(text, &found[0]),
            [
                "Don't",
                "take",
                "2.5",
                "mg",
                "or",
                "1,000",
                "units",
                "at",
                "the",
                "follow-up"
            ]
        );
        assert_eq!(texts(text, &found[1]), ["Por", "qué"]);
        assert_eq!(texts(text, &found[2]), ["Sí"]);
    }

    #[test]
    fn folding_ignores_case_and_accents_but_keeps_the_enye() {
        assert_eq!(fold("Hipertensión"), "hipertension");
        assert_eq!(fold("PINGÜINO"), "pinguino");
        assert_eq!(fold("Año"), "año");
        assert_eq!(fold("don’t"), "don't");
    }
}
