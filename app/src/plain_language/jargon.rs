//! Medical jargon and the plain words to use instead.
//!
//! The built-in lists are data files (`jargon.en.tsv`, `jargon.es.tsv`: `term<TAB>plain`, one
//! per line, `#` starts a comment), compiled into the console only. Clinics add their own terms;
//! a clinic's term replaces a built-in one with the same spelling.
//!
//! Matching is by whole words, ignoring case and accents (`Hipertension` finds `hipertensión`),
//! so `benign` is not found inside `benignly` and a plural is a different word: lists hold the
//! forms clinics actually write (`suturas` and `sutura`). Multi-word terms match word by word
//! whatever the spacing or line breaks between them. Where terms overlap the longest wins
//! (`adverse reaction` over `adverse`).

use super::words::{fold, words};
use crate::wire::Language;
use std::ops::Range;

const ENGLISH: &str = include_str!("jargon.en.tsv");
const SPANISH: &str = include_str!("jargon.es.tsv");

/// The `(term, plain)` pairs of a TSV list; blank lines, comments and lines without both
/// columns are skipped.
pub fn parse_tsv(data: &str) -> Vec<(String, String)> {
    data.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| {
            let (term, plain) = line.split_once('\t')?;
            let (term, plain) = (term.trim(), plain.trim());
            (!term.is_empty() && !plain.is_empty()).then(|| (term.to_string(), plain.to_string()))
        })
        .collect()
}

/// The key under which a clinic's term is stored: its words folded (lower case, no accents),
/// one space apart. Two terms with one key are the same term.
pub fn term_key(term: &str) -> String {
    words(term)
        .iter()
        .map(|w| fold(&term[w.range.clone()]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A term to look for and its plain alternative.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    /// The term's words, folded.
    words: Vec<String>,
    term: String,
    plain: String,
}

/// Jargon found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct JargonHit {
    /// Where it is, in bytes (first word to last).
    pub range: Range<usize>,
    /// The term as the list writes it.
    pub term: String,
    pub plain: String,
}

/// The terms to flag in one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Glossary {
    entries: Vec<Entry>,
}

impl Glossary {
    /// The built-in list of a language.
    pub fn builtin(language: Language) -> Glossary {
        let data = match language {
            Language::En => ENGLISH,
            Language::Es => SPANISH,
        };
        let mut glossary = Glossary::default();
        glossary.add(parse_tsv(data));
        glossary
    }

    /// Adds terms; one spelled like a term already there (ignoring case and accents) replaces it.
    pub fn add(&mut self, terms: impl IntoIterator<Item = (String, String)>) {
        for (term, plain) in terms {
            let folded: Vec<String> = words(&term)
                .iter()
                .map(|w| fold(&term[w.range.clone()]))
                .collect();
            if folded.is_empty() {
                continue;
            }
            self.entries.retain(|e| e.words != folded);
            self.entries.push(Entry {
                words: folded,
                term,
                plain,
            });
        }
        // Longest terms first, so the first match at a place is the longest.
        self.entries
            .sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every term in `text`, in text order.
    pub fn find(&self, text: &str) -> Vec<JargonHit> {
        let found = words(text);
        let folded: Vec<String> = found.iter().map(|w| fold(&text[w.range.clone()])).collect();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            let entry = self.entries.iter().find(|e| {
                folded.len() - i >= e.words.len() && folded[i..i + e.words.len()] == e.words[..]
            });
            match entry {
                Some(entry) => {
                    let last = i + entry.words.len() - 1;
                    hits.push(JargonHit {
                        range: found[i].range.start..found[last].range.end,
                        term: entry.term.clone(),
                        plain: entry.plain.clone(),
                    });
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(glossary: &Glossary, text: &str) -> Vec<(String, String)> {
        glossary
            .find(text)
            .into_iter()
            .map(|hit| (text[hit.range].to_string(), hit.plain))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn the_built_in_lists_are_long_enough_and_well_formed() {
        for (language, data) in [(Language::En, ENGLISH), (Language::Es, SPANISH)] {
            let pairs = parse_tsv(data);
            assert!(pairs.len() >= 40, "{language:?}: {} terms", pairs.len());
            let lines = data
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(pairs.len(), lines, "{language:?}: a line without a tab");
            assert_eq!(
                Glossary::builtin(language).len(),
                pairs.len(),
                "{language:?}: a term twice"
            );
        }
    }

    #[test]
    fn english_terms_are_found_case_insensitively_with_their_plain_words() {
        let glossary = Glossary::builtin(Language::En);
        assert_eq!(
            found(
                &glossary,
                "Your HYPERTENSION is treated with an analgesic PRN."
            ),
            [
                pair("HYPERTENSION", "high blood pressure"),
                pair("analgesic", "pain medicine"),
                pair("PRN", "when needed"),
            ]
        );
        assert_eq!(
            found(&glossary, "Stay NPO after midnight."),
            [pair("NPO", "nothing to eat or drink")]
        );
    }

    /// A term is a whole word: not inside a longer word, and a plural is another word.
    #[test]
    fn only_whole_words_match() {
        let glossary = Glossary::builtin(Language::En);
        assert_eq!(found(&glossary, "benignly, hypertensions, nonbenign"), []);
        assert_eq!(
            found(&glossary, "It is benign."),
            [pair("benign", "not cancer")]
        );
    }

    #[test]
    fn multi_word_terms_match_across_spacing_and_the_longest_wins() {
        let glossary = Glossary::builtin(Language::En);
        assert_eq!(
            found(&glossary, "a Myocardial\n  infarction last year"),
            [pair("Myocardial\n  infarction", "heart attack")]
        );
        let mut clinic = Glossary::default();
        clinic.add([
            pair("adverse", "bad"),
            pair("adverse reaction", "bad reaction to a medicine"),
        ]);
        assert_eq!(
            found(&clinic, "Any adverse reaction? Adverse weather."),
            [
                pair("adverse reaction", "bad reaction to a medicine"),
                pair("Adverse", "bad"),
            ]
        );
    }

    #[test]
    fn spanish_terms_match_with_or_without_accents() {
        let glossary = Glossary::builtin(Language::Es);
        assert_eq!(
            found(&glossary, "Tiene hipertension y toma un analgésico."),
            [
                pair("hipertension", "presión alta"),
                pair("analgésico", "medicina para el dolor"),
            ]
        );
    }

    #[test]
    fn clinic_terms_are_added_and_replace_a_built_in_one() {
        let mut glossary = Glossary::builtin(Language::En);
        let before = glossary.len();
        glossary.add([
            pair("colonoscopy prep", "the drink that empties your bowel"),
            pair("Hypertension", "blood pressure that is too high"),
        ]);
        assert_eq!(glossary.len(), before + 1);
        assert_eq!(
            found(&glossary, "Start the colonoscopy prep. Hypertension too."),
            [
                pair("colonoscopy prep", "the drink that empties your bowel"),
                pair("Hypertension", "blood pressure that is too high"),
            ]
        );
    }

    #[test]
    fn a_term_key_ignores_case_accents_and_spacing() {
        assert_eq!(
            term_key("  Hipertensión   Arterial "),
            "hipertension arterial"
        );
        assert_eq!(term_key("NPO"), term_key("npo"));
        assert_eq!(term_key("** --"), "");
    }

    #[test]
    fn tsv_lines_without_both_columns_and_comments_are_skipped() {
        assert_eq!(
            parse_tsv("# comment\nemesis\tvomiting\n\nno tab here\n\tplain only\nterm only\t\n"),
            [pair("emesis", "vomiting")]
        );
    }
}
