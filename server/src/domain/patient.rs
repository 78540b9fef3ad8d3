//! Checks a patient's details once, at the edge. Reasons are codes the browser translates.

use app::wire::{AccessNeeds, Insurance, PatientDetails};
use std::collections::BTreeMap;

pub type FieldErrors = BTreeMap<String, String>;

const NAME_MAX: usize = 100;
const SHORT_MAX: usize = 60;
const REASON_MAX: usize = 500;
const NOTE_MAX: usize = 200;

/// Trims every text, turns blanks into `None`, and reports every problem at once.
pub fn validate(details: PatientDetails) -> Result<PatientDetails, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = clean(Some(details.name)).unwrap_or_default();
    if name.is_empty() {
        errors.insert("patient.name".into(), "required".into());
    }
    check_len(&mut errors, "patient.name", Some(&name), NAME_MAX);

    let preferred_name = clean(details.preferred_name);
    check_len(
        &mut errors,
        "patient.preferred_name",
        preferred_name.as_deref(),
        SHORT_MAX,
    );
    let pronouns = clean(details.pronouns);
    check_len(
        &mut errors,
        "patient.pronouns",
        pronouns.as_deref(),
        SHORT_MAX,
    );

    let email = clean(details.email);
    if let Some(email) = &email {
        if !is_plausible_email(email) {
            errors.insert("patient.email".into(), "invalid_email".into());
        }
    }
    // Stored in E.164, the one form an SMS provider takes; a number without its country
    // code is refused rather than guessed.
    let typed_phone = clean(details.phone);
    let phone = typed_phone.as_deref().and_then(super::phone::to_e164);
    if typed_phone.is_some() && phone.is_none() {
        errors.insert("patient.phone".into(), "invalid_phone".into());
    }
    if email.is_none() && typed_phone.is_none() {
        errors.insert("patient.contact".into(), "email_or_phone_required".into());
    }

    let reason = clean(details.reason);
    check_len(&mut errors, "patient.reason", reason.as_deref(), REASON_MAX);

    let access_needs = details.access_needs.and_then(|needs| {
        let needs = AccessNeeds {
            interpreter_language: clean(needs.interpreter_language),
            mobility: clean(needs.mobility),
            other: clean(needs.other),
        };
        (needs != AccessNeeds::default()).then_some(needs)
    });
    if let Some(needs) = &access_needs {
        let fields = [
            (
                "patient.access_needs.interpreter_language",
                &needs.interpreter_language,
                SHORT_MAX,
            ),
            ("patient.access_needs.mobility", &needs.mobility, NOTE_MAX),
            ("patient.access_needs.other", &needs.other, NOTE_MAX),
        ];
        for (field, value, max) in fields {
            check_len(&mut errors, field, value.as_deref(), max);
        }
    }

    let insurance = match details.insurance {
        None => None,
        Some(insurance) => {
            let payer = clean(Some(insurance.payer));
            let member_id = clean(Some(insurance.member_id));
            match (payer, member_id) {
                (None, None) => None,
                (payer, member_id) => {
                    if payer.is_none() {
                        errors.insert("patient.insurance.payer".into(), "required".into());
                    }
                    if member_id.is_none() {
                        errors.insert("patient.insurance.member_id".into(), "required".into());
                    }
                    check_len(
                        &mut errors,
                        "patient.insurance.payer",
                        payer.as_deref(),
                        SHORT_MAX,
                    );
                    check_len(
                        &mut errors,
                        "patient.insurance.member_id",
                        member_id.as_deref(),
                        SHORT_MAX,
                    );
                    Some(Insurance {
                        payer: payer.unwrap_or_default(),
                        member_id: member_id.unwrap_or_default(),
                    })
                }
            }
        }
    };

    if !details.consent {
        errors.insert("patient.consent".into(), "required".into());
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PatientDetails {
        name,
        preferred_name,
        pronouns,
        email: email.map(|e| e.to_lowercase()),
        phone,
        language: details.language,
        new_or_returning: details.new_or_returning,
        reason,
        access_needs,
        insurance,
        consent: true,
    })
}

/// Trims, drops control characters, and treats blank as absent.
fn clean(value: Option<String>) -> Option<String> {
    let value = value?;
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

fn check_len(errors: &mut FieldErrors, field: &str, value: Option<&str>, max: usize) {
    if value.is_some_and(|v| v.chars().count() > max) {
        errors
            .entry(field.into())
            .or_insert_with(|| "too_long".into());
    }
}

/// Deliberately loose: one `@`, something before it, a dotted domain after, no spaces.
/// Deliverability is proven by the confirmation message, not by a pattern.
fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::wire::{Language, NewOrReturning};

    fn details() -> PatientDetails {
        PatientDetails {
            name: "  Maria Lopez ".into(),
            preferred_name: Some(" ".into()),
            pronouns: None,
            email: Some("Maria@Example.org".into()),
            phone: None,
            language: Language::Es,
            new_or_returning: NewOrReturning::New,
            reason: None,
            access_needs: Some(AccessNeeds::default()),
            insurance: None,
            consent: true,
        }
    }

    #[test]
    fn good_details_come_back_trimmed_with_blanks_removed() {
        let valid = validate(details()).unwrap();
        assert_eq!(valid.name, "Maria Lopez");
        assert_eq!(valid.preferred_name, None);
        assert_eq!(valid.email.as_deref(), Some("maria@example.org"));
        assert_eq!(valid.access_needs, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad = details();
        bad.name = " ".into();
        bad.email = Some("not-an-email".into());
        bad.phone = Some("12".into());
        bad.consent = false;
        bad.reason = Some("x".repeat(501));
        let errors = validate(bad).unwrap_err();
        assert_eq!(errors["patient.name"], "required");
        assert_eq!(errors["patient.email"], "invalid_email");
        assert_eq!(errors["patient.phone"], "invalid_phone");
        assert_eq!(errors["patient.consent"], "required");
        assert_eq!(errors["patient.reason"], "too_long");
    }

    #[test]
    fn an_email_or_a_phone_is_needed() {
        let mut none = details();
        none.email = Some("  ".into());
        let errors = validate(none).unwrap_err();
        assert_eq!(errors["patient.contact"], "email_or_phone_required");

        let mut phone_only = details();
        phone_only.email = None;
        phone_only.phone = Some("+1 (617) 555-0134".into());
        let valid = validate(phone_only).unwrap();
        assert_eq!(
            valid.phone.as_deref(),
            Some("+16175550134"),
            "stored in E.164"
        );
    }

    #[test]
    fn a_phone_without_its_country_code_is_refused() {
        for typed in [
            "(617) 555-0134",
            "617 555 0134",
            "+0 617 555 0134",
            "+1 617 CALL NOW",
        ] {
            let mut local = details();
            local.phone = Some(typed.into());
            let errors = validate(local).unwrap_err();
            assert_eq!(errors["patient.phone"], "invalid_phone", "{typed}");
            assert!(!errors.contains_key("patient.contact"), "{typed}");
        }
    }

    #[test]
    fn half_filled_insurance_asks_for_the_missing_part() {
        let mut partial = details();
        partial.insurance = Some(Insurance {
            payer: "Acme Health".into(),
            member_id: " ".into(),
        });
        let errors = validate(partial).unwrap_err();
        assert_eq!(errors["patient.insurance.member_id"], "required");
    }
}
