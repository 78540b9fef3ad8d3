//! Readability scores, counted the way the published formulas count.
//!
//! English: the Flesch–Kincaid grade level,
//!   grade = 0.39 · (words / sentences) + 11.8 · (syllables / words) − 15.59,
//! a US school grade; the target for patient material is grade 8 or below.
//!
//! Spanish: the Szigriszt-Pazos perspicuity index as read on the INFLESZ scale
//! (Barrio-Cantalejo et al., 2008),
//!   INFLESZ = 206.835 − 62.3 · (syllables / words) − (words / sentences),
//! an ease score where higher is easier: below 40 "very difficult" (university, scientific),
//! 40–55 "somewhat difficult" (upper secondary, popular science, newspapers), 55–65 "normal"
//! (compulsory secondary school, ages 12–15), 65–80 "fairly easy" and above 80 "very easy"
//! (primary school). INFLESZ's authors set 55 as the line patient material should reach, and
//! "normal" is the level of readers aged 12–15, which is where US grades 7–9 sit: so the
//! Spanish counterpart of "grade 8 or below" used here is INFLESZ 55 or more.
//!
//! Syllables are counted by rule, not from a dictionary (the console must stay small): close
//! enough for a score, not for hyphenation. Numbers count as words of one syllable per digit,
//! at most three (`8` one, `120` three).

use super::words::{sentences, Word};
use crate::wire::Language;
use std::ops::Range;

/// The English target: Flesch–Kincaid grade 8 or below.
pub const TARGET_GRADE: f64 = 8.0;
/// The Spanish target: INFLESZ 55 or more ("normal" or easier).
pub const TARGET_INFLESZ: f64 = 55.0;

/// A text's counts and score.
#[derive(Clone, Debug, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub score: Score,
    /// The longest sentences, longest first (at most three), to shorten first.
    pub longest: Vec<SentenceSpan>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Score {
    /// Flesch–Kincaid grade level (lower is easier).
    Grade(f64),
    /// Szigriszt-Pazos on the INFLESZ scale (higher is easier).
    Inflesz(f64),
}

/// Where a score sits: the INFLESZ scale's five bands; English grades are put on the same
/// scale (grade 5 or below very easy, 6–7 fairly easy, 8 normal, 9–12 somewhat difficult,
/// above 12 very difficult) so both languages read alike in the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    VeryEasy,
    FairlyEasy,
    Normal,
    SomewhatDifficult,
    VeryDifficult,
}

impl Score {
    /// The number shown, rounded to one decimal.
    pub fn value(self) -> f64 {
        match self {
            Score::Grade(v) | Score::Inflesz(v) => (v * 10.0).round() / 10.0,
        }
    }

    /// Whether the text reaches the target (grade 8 or below; INFLESZ 55 or more).
    pub fn meets_target(self) -> bool {
        match self {
            Score::Grade(grade) => grade <= TARGET_GRADE,
            Score::Inflesz(ease) => ease >= TARGET_INFLESZ,
        }
    }

    pub fn band(self) -> Band {
        match self {
            Score::Grade(g) if g <= 5.0 => Band::VeryEasy,
            Score::Grade(g) if g <= 7.0 => Band::FairlyEasy,
            Score::Grade(g) if g <= TARGET_GRADE => Band::Normal,
            Score::Grade(g) if g <= 12.0 => Band::SomewhatDifficult,
            Score::Grade(_) => Band::VeryDifficult,
            Score::Inflesz(e) if e > 80.0 => Band::VeryEasy,
            Score::Inflesz(e) if e > 65.0 => Band::FairlyEasy,
            Score::Inflesz(e) if e >= TARGET_INFLESZ => Band::Normal,
            Score::Inflesz(e) if e >= 40.0 => Band::SomewhatDifficult,
            Score::Inflesz(_) => Band::VeryDifficult,
        }
    }
}

/// One sentence: its byte range in the text (first word to last) and its length in words.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceSpan {
    pub range: Range<usize>,
    pub words: usize,
}

/// Flesch–Kincaid grade level from the counts.
pub fn flesch_kincaid_grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    0.39 * (w / s) + 11.8 * (y / w) - 15.59
}

/// Szigriszt-Pazos / INFLESZ from the counts.
pub fn inflesz(words: usize, sentences: usize, syllables: usize) -> f64 {
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    206.835 - 62.3 * (y / w) - (w / s)
}

/// Measures `text` in `language`; `None` when it has no words.
pub fn measure(text: &str, language: Language) -> Option<Readability> {
    let found = sentences(text);
    let words: usize = found.iter().map(Vec::len).sum();
    if words == 0 {
        return None;
    }
    let count = match language {
        Language::En => syllables_en,
        Language::Es => syllables_es,
    };
    let syllables = found
        .iter()
        .flatten()
        .map(|word: &Word| count(&text[word.range.clone()]))
        .sum();
    let score = match language {
        Language::En => Score::Grade(flesch_kincaid_grade(words, found.len(), syllables)),
        Language::Es => Score::Inflesz(inflesz(words, found.len(), syllables)),
    };
    let mut spans: Vec<SentenceSpan> = found
        .iter()
        .map(|sentence| SentenceSpan {
            range: sentence[0].range.start..sentence[sentence.len() - 1].range.end,
            words: sentence.len(),
        })
        .collect();
    // Longest first; among equals, the earlier one (a stable sort keeps text order).
    spans.sort_by_key(|s| std::cmp::Reverse(s.words));
    spans.truncate(3);
    Some(Readability {
        words,
        sentences: found.len(),
        syllables,
        score,
        longest: spans,
    })
}

/// Syllables of a number: one per digit, at most three.
fn number_syllables(word: &str) -> Option<usize> {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    (digits > 0).then(|| digits.min(3))
}

/// English syllables by rule: groups of vowels (`y` too, except at the start), less a silent
/// final `e` (`make`), or `-es`/`-ed` that add no syllable (`makes`, `used`); a final `-le`
/// after a consonant is a syllable (`ta-ble`). Hyphenated words count part by part.
pub fn syllables_en(word: &str) -> usize {
    if let Some(n) = number_syllables(word) {
        return n;
    }
    word.split('-').map(syllables_en_part).sum::<usize>().max(1)
}

fn syllables_en_part(part: &str) -> usize {
    let letters: Vec<char> = part
        .chars()
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_lowercase)
        .collect();
    if letters.is_empty() {
        return 0;
    }
    if letters.len() <= 3 {
        return 1;
    }
    let is_vowel = |i: usize| {
        matches!(letters[i], 'a' | 'e' | 'i' | 'o' | 'u') || (letters[i] == 'y' && i > 0)
    };
    let mut groups = 0;
    for i in 0..letters.len() {
        if is_vowel(i) && (i == 0 || !is_vowel(i - 1)) {
            groups += 1;
        }
    }
    let n = letters.len();
    let (last, before) = (letters[n - 1], letters[n - 2]);
    let consonant = |c: char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let silent = if last == 'e' {
        // make, hope: silent; table, little: `-le` after a consonant is heard; free, agree.
        !(before == 'l' && consonant(letters[n - 3])) && before != 'e' && consonant(before)
    } else if before == 'e' && last == 'd' {
        // used, called: silent; wanted, needed: heard.
        !matches!(letters[n - 3], 't' | 'd') && consonant(letters[n - 3])
    } else if before == 'e' && last == 's' {
        // makes, tablets: silent; boxes, doses, changes, bandages: heard.
        let third = letters[n - 3];
        consonant(third)
            && !matches!(third, 's' | 'x' | 'z' | 'c' | 'g')
            && !part.ends_with("shes")
            && !part.ends_with("ches")
    } else {
        false
    };
    if silent && groups > 1 {
        groups - 1
    } else {
        groups.max(1)
    }
}

/// Spanish syllables by rule: one per vowel nucleus. Two strong vowels side by side (a, e, o,
/// or an accented í/ú) are two syllables (hiatus: `le-er`, `dí-a`); a weak vowel (i, u, ü
/// without accent) next to another vowel joins it (diphthong `bue-no`, triphthong `buey`). `y`
/// is a vowel at the end of a word (`hoy`, `muy`) or alone (`y`), else a consonant (`a-yu-nas`).
/// The `u` of `que`/`gui` is weak and so never adds a syllable.
pub fn syllables_es(word: &str) -> usize {
    if let Some(n) = number_syllables(word) {
        return n;
    }
    word.split('-').map(syllables_es_part).sum::<usize>().max(1)
}

#[derive(Clone, Copy, PartialEq)]
enum Vowel {
    Strong,
    Weak,
}

fn spanish_vowel(c: char, last: bool) -> Option<Vowel> {
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'í' | 'ú' => Some(Vowel::Strong),
        'i' | 'u' | 'ü' => Some(Vowel::Weak),
        'y' if last => Some(Vowel::Weak),
        _ => None,
    }
}

fn syllables_es_part(part: &str) -> usize {
    let letters: Vec<char> = part.chars().flat_map(char::to_lowercase).collect();
    let mut count = 0;
    let mut previous: Option<Vowel> = None;
    for (i, &c) in letters.iter().enumerate() {
        let last = i + 1 == letters.len() || !letters[i + 1].is_alphabetic();
        let vowel = spanish_vowel(c, last || letters.len() == 1);
        match (previous, vowel) {
            (_, None) => {}
            (None, Some(_)) => count += 1,
            // Two strong vowels: a hiatus, a new syllable.
            (Some(Vowel::Strong), Some(Vowel::Strong)) => count += 1,
            // A weak vowel on either side: one syllable (diphthong).
            (Some(_), Some(_)) => {}
        }
        previous = vowel;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn english_syllables_of_tricky_words() {
        for (word, expected) in [
            ("the", 1),
            ("cat", 1),
            ("make", 1),  // silent e
            ("table", 2), // -le after a consonant
            ("little", 2),
            ("free", 1),
            ("medicine", 3), // med-i-cine
            ("medicines", 3),
            ("hypertension", 4), // hy-per-ten-sion
            ("pressure", 2),
            ("blood", 1),
            ("used", 1),   // silent -ed
            ("wanted", 2), // heard -ed
            ("makes", 1),
            ("boxes", 2),
            ("analgesic", 4), // an-al-ge-sic
            ("medication", 4),
            ("before", 2),
            ("eight", 1),
            ("follow-up", 3),
            ("120", 3),
            ("8", 1),
        ] {
            assert_eq!(syllables_en(word), expected, "{word}");
        }
    }

    #[test]
    fn spanish_syllables_with_diphthongs_hiatus_and_accents() {
        for (word, expected) in [
            ("gato", 2),
            ("día", 2),    // dí-a: the accent breaks the diphthong
            ("país", 2),   // pa-ís
            ("aire", 2),   // ai-re: diphthong
            ("bueno", 2),  // bue-no
            ("leer", 2),   // le-er: two strong vowels
            ("poeta", 3),  // po-e-ta
            ("ciudad", 2), // ciu-dad: two weak vowels
            ("quiero", 2), // quie-ro
            ("guerra", 2),
            ("pingüino", 3), // pin-güi-no
            ("hoy", 1),
            ("muy", 1),
            ("y", 1),
            ("ayunas", 3), // a-yu-nas: y before a vowel is a consonant
            ("buey", 1),   // triphthong
            ("hipertensión", 4),
            ("analgésico", 5), // a-nal-gé-si-co
            ("medicina", 4),
            ("Análisis", 4),
        ] {
            assert_eq!(syllables_es(word), expected, "{word}");
        }
    }

    /// "The cat sat on the mat." — 6 words, 6 syllables, 1 sentence:
    /// grade = 0.39 · 6/1 + 11.8 · 6/6 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45.
    #[test]
    fn flesch_kincaid_of_a_short_plain_sentence() {
        let r = measure("The cat sat on the mat.", Language::En).unwrap();
        assert_eq!((r.words, r.syllables, r.sentences), (6, 6, 1));
        let Score::Grade(grade) = r.score else {
            panic!("English has a grade")
        };
        assert!(close(grade, -1.45), "{grade}");
        assert!(r.score.meets_target());
        assert_eq!(r.score.band(), Band::VeryEasy);
    }

    /// "Hypertension requires medication. Take it daily." —
    /// hy-per-ten-sion 4, re-quires 2, med-i-ca-tion 4 | take 1, it 1, dai-ly 2:
    /// 6 words, 14 syllables, 2 sentences:
    /// grade = 0.39 · 6/2 + 11.8 · 14/6 − 15.59 = 1.17 + 27.5333… − 15.59 = 13.1133…
    #[test]
    fn flesch_kincaid_of_jargon_is_over_the_target() {
        let r = measure(
            "Hypertension requires medication. Take it daily.",
            Language::En,
        )
        .unwrap();
        assert_eq!((r.words, r.syllables, r.sentences), (6, 14, 2));
        assert!(close(r.score.value(), 13.1), "{:?}", r.score);
        assert!(!r.score.meets_target());
        assert_eq!(r.score.band(), Band::VeryDifficult);
    }

    /// "El gato come pescado." — el 1, ga-to 2, co-me 2, pes-ca-do 3: 4 words, 8 syllables,
    /// 1 sentence: INFLESZ = 206.835 − 62.3 · 8/4 − 4/1 = 206.835 − 124.6 − 4 = 78.235.
    #[test]
    fn inflesz_of_a_short_plain_sentence() {
        let r = measure("El gato come pescado.", Language::Es).unwrap();
        assert_eq!((r.words, r.syllables, r.sentences), (4, 8, 1));
        let Score::Inflesz(ease) = r.score else {
            panic!("Spanish has an INFLESZ score")
        };
        assert!(close(ease, 78.235), "{ease}");
        assert!(r.score.meets_target());
        assert_eq!(r.score.band(), Band::FairlyEasy);
    }

    /// "La hipertensión arterial requiere tratamiento farmacológico continuado." —
    /// la 1, hi-per-ten-sión 4, ar-te-rial 3, re-quie-re 3, tra-ta-mien-to 4,
    /// far-ma-co-ló-gi-co 6, con-ti-nua-do 4: 7 words, 25 syllables, 1 sentence:
    /// INFLESZ = 206.835 − 62.3 · 25/7 − 7 = 206.835 − 222.5 − 7 = −22.665.
    #[test]
    fn inflesz_of_jargon_is_under_the_target() {
        let r = measure(
            "La hipertensión arterial requiere tratamiento farmacológico continuado.",
            Language::Es,
        )
        .unwrap();
        assert_eq!((r.words, r.syllables, r.sentences), (7, 25, 1));
        assert!(close(r.score.value(), -22.7), "{:?}", r.score);
        assert!(!r.score.meets_target());
        assert_eq!(r.score.band(), Band::VeryDifficult);
    }

    #[test]
    fn the_longest_sentences_come_first_with_their_place_in_the_text() {
        let text = "Rest. Drink a lot of water every day. Take one pill.\n- Call us if the pain gets worse or you have a fever";
        let r = measure(text, Language::En).unwrap();
        assert_eq!(r.sentences, 4);
        let quoted: Vec<&str> = r.longest.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(
            quoted,
            [
                "Call us if the pain gets worse or you have a fever",
                "Drink a lot of water every day",
                "Take one pill",
            ]
        );
        assert_eq!(r.longest[0].words, 12);
    }

    #[test]
    fn no_words_no_score() {
        assert_eq!(measure("", Language::En), None);
        assert_eq!(measure(" - **  ** ...", Language::Es), None);
    }
}
