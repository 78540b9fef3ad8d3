//! Derived names: the internal `code` of a new service or practitioner (unique per clinic) and
//! a practitioner's initials for their avatar.

/// A lower-case slug of letters and digits joined by dashes; `fallback` if nothing is left.
fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        fallback.to_string()
    } else {
        out.chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}

/// The slug of `name`, with `-2`, `-3`… added if the clinic already uses it.
pub fn free_code(name: &str, fallback: &str, taken: &[String]) -> String {
    let base = slug(name, fallback);
    let is_taken = |code: &str| taken.iter().any(|t| t == code);
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|code| !is_taken(code))
        .unwrap_or(base)
}

/// First letters of the first and last words of a name, honorifics such as "Dr." left out:
/// "Dr. Amara Okafor" → "AO", "Jordan Lee" → "JL", "Cher" → "C".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|word| !word.ends_with('.'))
        .filter(|word| word.chars().next().is_some_and(char::is_alphanumeric))
        .collect();
    let firsts = match words.as_slice() {
        [] => name.split_whitespace().take(1).collect::<Vec<_>>(),
        [only] => vec![*only],
        [first, .., last] => vec![*first, *last],
    };
    firsts
        .iter()
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_a_slug_of_the_name_made_unique() {
        let taken = vec![
            "follow-up-visit".to_string(),
            "follow-up-visit-2".to_string(),
        ];
        assert_eq!(free_code("Flu shot", "service", &taken), "flu-shot");
        assert_eq!(
            free_code("Follow-up visit", "service", &taken),
            "follow-up-visit-3"
        );
        assert_eq!(free_code("  ¡Vacuna! ", "service", &[]), "vacuna");
        assert_eq!(free_code("???", "service", &[]), "service");
    }

    #[test]
    fn initials_skip_honorifics() {
        assert_eq!(initials("Dr. Amara Okafor"), "AO");
        assert_eq!(initials("Jordan Lee"), "JL");
        assert_eq!(initials("María José Núñez"), "MN");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials("Dr."), "D");
    }
}
