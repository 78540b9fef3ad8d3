//! Phone numbers in E.164 (`+` country code and number, 8 to 15 digits): the one form an SMS
//! provider accepts. People type spaces, dashes, dots and brackets; those are dropped.

/// The number in E.164 (`+16175550134`), or `None` if it is not one: no leading `+` and
/// country code, a leading zero after the `+`, letters, or too few or too many digits.
pub fn to_e164(typed: &str) -> Option<String> {
    let compact: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
        .collect();
    let digits = compact.strip_prefix('+')?;
    let valid = (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    valid.then(|| format!("+{digits}"))
}

#[cfg(test)]
mod tests {
    use super::to_e164;

    #[test]
    fn typed_numbers_with_a_country_code_become_e164() {
        assert_eq!(
            to_e164("+1 (617) 555-0134").as_deref(),
            Some("+16175550134")
        );
        assert_eq!(to_e164("+34 612.345.678").as_deref(), Some("+34612345678"));
        assert_eq!(to_e164("+4915123456789").as_deref(), Some("+4915123456789"));
    }

    #[test]
    fn numbers_without_a_country_code_or_malformed_are_refused() {
        for bad in [
            "617 555 0134",
            "+0 617 555 0134",
            "+1 617 CALL NOW",
            "+1234567",
            "+1234567890123456",
            "++16175550134",
            "",
            "+",
        ] {
            assert_eq!(to_e164(bad), None, "{bad:?}");
        }
    }
}
