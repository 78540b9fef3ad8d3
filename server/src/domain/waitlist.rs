//! The waitlist's rules, free of I/O: what a patient may ask for, how it is stored, and which
//! free times match what they asked for.

use super::availability::Candidate;
use super::local_time::local_naive;
use super::patient::{self, FieldErrors};
use app::wire::waitlist::{
    PartOfDay, WaitlistContact, WaitlistSettings, ENTRY_DAYS_RANGE, HOLD_MINUTES_RANGE,
};
use app::wire::{NewOrReturning, PatientDetails};
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

/// The weekdays and parts of the day an entry accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub practitioner_id: Option<i64>,
    /// 0 = Monday … 6 = Sunday, ascending, no repeats.
    pub days: Vec<u8>,
    /// In `PartOfDay::ALL` order, no repeats.
    pub parts: Vec<PartOfDay>,
}

impl Preferences {
    /// Whether a free time suits the patient: their practitioner (if they named one), and a
    /// weekday and part of the day they accept, both in the clinic's time zone.
    pub fn accepts(&self, tz: Tz, candidate: &Candidate) -> bool {
        if self
            .practitioner_id
            .is_some_and(|id| id != candidate.practitioner_id)
        {
            return false;
        }
        let local = local_naive(tz, candidate.start);
        let weekday = local.weekday().num_days_from_monday() as u8;
        self.days.contains(&weekday) && self.parts.contains(&PartOfDay::of_hour(local.hour()))
    }
}

/// Checks the weekdays: at least one, each 0–6, none twice. Sorted for storage.
pub fn validate_days(days: &[u8], errors: &mut FieldErrors) -> Vec<u8> {
    if days.is_empty() {
        errors.insert("days".into(), "required".into());
    } else if days.iter().any(|day| *day > 6) {
        errors.insert("days".into(), "out_of_range".into());
    } else if has_repeats(days) {
        errors.insert("days".into(), "repeated".into());
    }
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted
}

/// Checks the parts of the day: at least one, none twice. In morning → evening order.
pub fn validate_parts(parts: &[PartOfDay], errors: &mut FieldErrors) -> Vec<PartOfDay> {
    if parts.is_empty() {
        errors.insert("parts_of_day".into(), "required".into());
    } else if has_repeats(parts) {
        errors.insert("parts_of_day".into(), "repeated".into());
    }
    let mut sorted = parts.to_vec();
    sorted.sort_unstable();
    sorted
}

fn has_repeats<T: Ord + Clone>(values: &[T]) -> bool {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|pair| pair[0] == pair[1])
}

/// The contact checked by the booking form's own rules (`domain::patient`), its field names
/// under `contact.`; consent is required, as when booking.
pub fn validate_contact(
    contact: WaitlistContact,
    errors: &mut FieldErrors,
) -> Option<WaitlistContact> {
    let consent = contact.consent;
    let details = PatientDetails {
        name: contact.name,
        preferred_name: contact.preferred_name,
        pronouns: None,
        email: contact.email,
        phone: contact.phone,
        language: contact.language,
        new_or_returning: NewOrReturning::New,
        reason: None,
        access_needs: None,
        insurance: None,
        consent,
    };
    match patient::validate(details) {
        Ok(clean) => Some(WaitlistContact {
            name: clean.name,
            preferred_name: clean.preferred_name,
            email: clean.email,
            phone: clean.phone,
            language: clean.language,
            consent: clean.consent,
        }),
        Err(fields) => {
            for (field, reason) in fields {
                let field = field
                    .strip_prefix("patient.")
                    .map_or(field.clone(), |rest| format!("contact.{rest}"));
                errors.insert(field, reason);
            }
            None
        }
    }
}

/// Checks settings against the ranges in the wire module.
pub fn validate_settings(settings: &WaitlistSettings) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if !HOLD_MINUTES_RANGE.contains(&settings.hold_minutes) {
        errors.insert("hold_minutes".into(), "out_of_range".into());
    }
    if !ENTRY_DAYS_RANGE.contains(&settings.entry_days) {
        errors.insert("entry_days".into(), "out_of_range".into());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

pub fn format_days(days: &[u8]) -> String {
    days.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

pub fn parse_days(stored: &str) -> Vec<u8> {
    stored
        .split(',')
        .filter_map(|day| day.trim().parse::<u8>().ok())
        .filter(|day| *day <= 6)
        .collect()
}

pub fn part_code(part: PartOfDay) -> &'static str {
    match part {
        PartOfDay::Morning => "morning",
        PartOfDay::Afternoon => "afternoon",
        PartOfDay::Evening => "evening",
    }
}

pub fn format_parts(parts: &[PartOfDay]) -> String {
    parts
        .iter()
        .map(|part| part_code(*part))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn parse_parts(stored: &str) -> Vec<PartOfDay> {
    stored
        .split(',')
        .filter_map(|code| {
            PartOfDay::ALL
                .into_iter()
                .find(|part| part_code(*part) == code.trim())
        })
        .collect()
}

/// The first free time the entry accepts, skipping `refused` (times it already let go, and
/// times just held for someone else).
pub fn first_match<'a>(
    tz: Tz,
    preferences: &Preferences,
    candidates: &'a [Candidate],
    refused: impl Fn(&Candidate) -> bool,
) -> Option<&'a Candidate> {
    candidates
        .iter()
        .find(|candidate| preferences.accepts(tz, candidate) && !refused(candidate))
}

/// When a hold made at `now` runs out.
pub fn hold_until(now: DateTime<Utc>, hold_minutes: u32) -> DateTime<Utc> {
    now + chrono::Duration::minutes(i64::from(hold_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn candidate(practitioner_id: i64, start: DateTime<Utc>) -> Candidate {
        Candidate {
            practitioner_id,
            start,
            end: start + chrono::Duration::minutes(30),
        }
    }

    #[test]
    fn accepts_by_clinic_local_weekday_and_part_of_day() {
        let tz: Tz = "America/New_York".parse().unwrap();
        // Wednesday 2 December 2026, 17:30 UTC = 12:30 in New York: an afternoon.
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 17, 30, 0).unwrap();
        let afternoons = Preferences {
            practitioner_id: None,
            days: vec![2],
            parts: vec![PartOfDay::Afternoon],
        };
        assert!(afternoons.accepts(tz, &candidate(1, start)));
        let mornings = Preferences {
            parts: vec![PartOfDay::Morning],
            ..afternoons.clone()
        };
        assert!(!mornings.accepts(tz, &candidate(1, start)));
        let thursdays = Preferences {
            days: vec![3],
            ..afternoons.clone()
        };
        assert!(!thursdays.accepts(tz, &candidate(1, start)));
        let someone_else = Preferences {
            practitioner_id: Some(2),
            ..afternoons
        };
        assert!(!someone_else.accepts(tz, &candidate(1, start)));
    }

    #[test]
    fn days_and_parts_are_checked_and_stored_in_order() {
        let mut errors = FieldErrors::new();
        assert_eq!(validate_days(&[4, 0], &mut errors), vec![0, 4]);
        assert!(errors.is_empty());
        validate_days(&[], &mut errors);
        assert_eq!(errors["days"], "required");
        validate_days(&[7], &mut errors);
        assert_eq!(errors["days"], "out_of_range");
        validate_days(&[1, 1], &mut errors);
        assert_eq!(errors["days"], "repeated");
        validate_parts(&[], &mut errors);
        assert_eq!(errors["parts_of_day"], "required");
        assert_eq!(parse_days(&format_days(&[0, 4, 6])), vec![0, 4, 6]);
        let parts = [PartOfDay::Morning, PartOfDay::Evening];
        assert_eq!(parse_parts(&format_parts(&parts)), parts.to_vec());
    }

    #[test]
    fn contact_errors_are_named_under_contact() {
        let mut errors = FieldErrors::new();
        let contact = WaitlistContact {
            name: " ".into(),
            preferred_name: None,
            email: None,
            phone: Some("555".into()),
            language: app::wire::Language::En,
            consent: false,
        };
        assert!(validate_contact(contact, &mut errors).is_none());
        assert_eq!(errors["contact.name"], "required");
        assert_eq!(errors["contact.phone"], "invalid_phone");
        assert!(errors.contains_key("contact.consent"));
    }
}
