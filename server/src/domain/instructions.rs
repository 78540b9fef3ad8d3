//! Rules for after-visit instructions, templates and questions, without I/O: how long each
//! text may be, and what an article slug looks like.

/// Markdown of instructions and templates, in characters.
pub const BODY_MAX_CHARS: usize = 20_000;
/// A template's title.
pub const TITLE_MAX_CHARS: usize = 120;
/// A patient's question and a staff reply.
pub const QUESTION_MAX_CHARS: usize = 2_000;
/// Library articles one version may link to.
pub const MAX_ARTICLES: usize = 10;
const SLUG_MAX_CHARS: usize = 80;

/// Free text as typed: trimmed, control characters other than line breaks and tabs dropped
/// (they render as nothing and hide content), 1–`max` characters. The reason code on error.
pub fn plain_text(raw: &str, max: usize) -> Result<String, &'static str> {
    let text: String = raw
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    let text = text.trim();
    if text.is_empty() {
        Err("required")
    } else if text.chars().count() > max {
        Err("too_long")
    } else {
        Ok(text.to_string())
    }
}

/// Markdown as staff wrote it: kept exactly (whitespace is meaningful in Markdown), but it
/// must say something and fit.
pub fn markdown_body(raw: &str) -> Result<&str, &'static str> {
    if raw.trim().is_empty() {
        Err("required")
    } else if raw.chars().count() > BODY_MAX_CHARS {
        Err("too_long")
    } else {
        Ok(raw)
    }
}

/// An article's slug as the library makes them: lower-case letters, digits and dashes.
pub fn is_article_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX_CHARS
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_trimmed_and_must_fit() {
        assert_eq!(plain_text("  Can I run?\n", 2000), Ok("Can I run?".into()));
        assert_eq!(
            plain_text("Line one\nline two", 2000),
            Ok("Line one\nline two".into())
        );
        assert_eq!(plain_text(" \n\t ", 2000), Err("required"));
        assert_eq!(plain_text("\u{0}\u{7}", 2000), Err("required"));
        assert_eq!(
            plain_text(&"é".repeat(2000), 2000).map(|t| t.chars().count()),
            Ok(2000)
        );
        assert_eq!(plain_text(&"é".repeat(2001), 2000), Err("too_long"));
    }

    #[test]
    fn markdown_keeps_its_whitespace() {
        assert_eq!(markdown_body("# Title\n\n- a\n"), Ok("# Title\n\n- a\n"));
        assert_eq!(markdown_body("   "), Err("required"));
        assert_eq!(
            markdown_body(&"x".repeat(BODY_MAX_CHARS + 1)),
            Err("too_long")
        );
    }

    #[test]
    fn slugs_are_plain() {
        assert!(is_article_slug("caring-for-a-sprain"));
        assert!(!is_article_slug(""));
        assert!(!is_article_slug("../admin"));
        assert!(!is_article_slug("Upper"));
        assert!(!is_article_slug(&"a".repeat(81)));
    }
}
