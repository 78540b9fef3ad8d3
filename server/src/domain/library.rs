//! The library's rules, free of I/O: what a slug may look like, how tags are kept, how long an
//! article takes to read, and how a patient's search words become a full-text query.

use super::markdown::plain_text;

/// The longest search a patient may send (characters); longer is a 422.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words of a search that count; the rest are dropped (a pasted paragraph is not an error).
pub const MAX_QUERY_WORDS: usize = 8;
/// Reading speed for the "N min read" estimate: a comfortable pace for health information.
pub const WORDS_PER_MINUTE: usize = 200;

/// Slugs: lowercase a-z and 0-9 in groups joined by single dashes, 1..=80 characters, so an
/// address is readable, typeable and needs no escaping.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Tags as stored: trimmed, lower-cased, without blanks or repeats, comma-separated.
pub fn tags_to_text(tags: &[String]) -> String {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.split(',')) {
        let tag = tag.trim().to_lowercase();
        if !tag.is_empty() && !kept.contains(&tag) {
            kept.push(tag);
        }
    }
    kept.join(", ")
}

/// Tags as stored, back to a list.
pub fn tags_from_text(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Minutes to read a Markdown body, at least 1.
pub fn reading_minutes(body_md: &str) -> u32 {
    let words = plain_text(body_md).split_whitespace().count();
    u32::try_from(words.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(u32::MAX)
}

/// The words of a patient's search that go into a full-text query: runs of letters and digits
/// (any script, accents kept; the databases fold them), lower-cased, without repeats. Quotes,
/// operators and punctuation are separators, so nothing a patient types can change the query's
/// syntax.
pub fn search_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
        if words.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    words
}

/// SQLite FTS5: every word as a quoted prefix (`"diab"*`), all of them required.
pub fn fts5_query(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// PostgreSQL `to_tsquery`: every word as a prefix (`diab:*`), all of them required. The words
/// hold letters and digits only, so none of tsquery's operators can appear.
pub fn tsquery(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("{w}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// An article's sanitised body with its headings lifted so its top level is `<h2>`: the page's
/// `<h1>` is the title, and writers mark sections `##` (as the demo library does), which
/// `markdown::to_safe_html` renders one level down, `<h3>`; a gap in the outline confuses
/// screen-reader users moving by heading. The sanitiser leaves headings without attributes,
/// so the tags are exactly `<hN>` and `</hN>`.
pub fn lift_headings(html: &str) -> String {
    let Some(top) = (2..=6).find(|level| html.contains(&format!("<h{level}>"))) else {
        return html.to_string();
    };
    let mut lifted = html.to_string();
    for level in top..=6 {
        let to = level - (top - 2);
        lifted = lifted
            .replace(&format!("<h{level}>"), &format!("<h{to}>"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    lifted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_dashes() {
        for good in ["low-back-pain", "a", "type-2-diabetes", "x1"] {
            assert!(is_valid_slug(good), "{good}");
        }
        for bad in [
            "",
            "Low-back",
            "low--back",
            "-low",
            "low-",
            "low back",
            "dolor-lumbar-ñ",
            "a/b",
            "café",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
        assert!(!is_valid_slug(&"a".repeat(81)));
    }

    #[test]
    fn tags_are_tidied_into_one_comma_separated_text() {
        let tags = ["Back".to_string(), " pain , back".into(), "".into()];
        assert_eq!(tags_to_text(&tags), "back, pain");
        assert_eq!(tags_from_text("back, pain"), ["back", "pain"]);
        assert!(tags_from_text("").is_empty());
    }

    #[test]
    fn reading_time_is_words_over_two_hundred_rounded_up_and_at_least_one() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes("# Title\n\nA few **words**."), 1);
        assert_eq!(reading_minutes(&"word ".repeat(200)), 1);
        assert_eq!(reading_minutes(&"word ".repeat(201)), 2);
        assert_eq!(reading_minutes(&"palabra ".repeat(1000)), 5);
    }

    #[test]
    fn search_words_cannot_carry_query_syntax() {
        assert_eq!(
            search_words("\"Diab\"* OR NEAR(x) -- back:* & !pain"),
            ["diab", "or", "near", "x", "back", "pain"]
        );
        assert_eq!(search_words("cirugía rodilla"), ["cirugía", "rodilla"]);
        assert!(search_words(" ,.;:*\"' ").is_empty());
        assert_eq!(search_words("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10").len(), 8);
    }

    #[test]
    fn article_sections_start_right_below_the_title() {
        let html =
            super::super::markdown::to_safe_html("Intro\n\n## Care\n\n### At night\n\n## Call us");
        assert_eq!(
            lift_headings(&html),
            "<p>Intro</p>\n<h2>Care</h2>\n<h3>At night</h3>\n<h2>Call us</h2>\n"
        );
        let already = super::super::markdown::to_safe_html("# Care\n\n## Night");
        assert_eq!(lift_headings(&already), already);
        assert_eq!(lift_headings("<p>x</p>"), "<p>x</p>");
    }

    #[test]
    fn queries_match_word_prefixes_and_need_every_word() {
        let words = search_words("diab feet");
        assert_eq!(fts5_query(&words), "\"diab\"* \"feet\"*");
        assert_eq!(tsquery(&words), "diab:* & feet:*");
    }
}
