//! The waitlist's join form and offer countdown as plain data: what the patient ticked and
//! typed (kept out of the markup, so a redraw never loses it), the checks the browser makes
//! before asking the server, and the "m:ss" left on a held time. Pure, so unit-tested
//! without the UI.

use crate::wire::waitlist::{PartOfDay, WaitlistContact, WaitlistJoinRequest};
use crate::wire::Language;

/// A field path as the server names it (`contact.email`) and a reason code (`invalid_email`).
pub type FieldError = (String, String);

/// The ids of the form's text inputs, in the order shown.
pub const NAME: &str = "w-name";
pub const PREFERRED: &str = "w-preferred";
pub const EMAIL: &str = "w-email";
pub const PHONE: &str = "w-phone";
pub const CONSENT: &str = "w-consent";
pub const LANG_EN: &str = "w-lang-en";
pub const LANG_ES: &str = "w-lang-es";

/// The id of a weekday's checkbox (0 = Monday … 6 = Sunday).
pub fn day_id(day: u8) -> String {
    format!("w-day-{day}")
}

/// The id of a part of the day's checkbox.
pub fn part_id(part: PartOfDay) -> &'static str {
    match part {
        PartOfDay::Morning => "w-part-morning",
        PartOfDay::Afternoon => "w-part-afternoon",
        PartOfDay::Evening => "w-part-evening",
    }
}

/// What the patient has ticked and typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinDraft {
    /// Monday first.
    pub days: [bool; 7],
    /// Morning, afternoon, evening.
    pub parts: [bool; 3],
    pub name: String,
    pub preferred_name: String,
    pub email: String,
    pub phone: String,
    /// `None` until chosen: follow the language the page is read in.
    pub language: Option<Language>,
    pub consent: bool,
}

impl Default for JoinDraft {
    /// Every day and part of the day ticked: the patient unticks what does not suit, so the
    /// widest net is the one that takes no effort.
    fn default() -> Self {
        JoinDraft {
            days: [true; 7],
            parts: [true; 3],
            name: String::new(),
            preferred_name: String::new(),
            email: String::new(),
            phone: String::new(),
            language: None,
            consent: false,
        }
    }
}

fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl JoinDraft {
    /// Records what a form control now says (its id, value and checked state, from its
    /// `input` event). Radios report only when they become checked.
    pub fn apply(&mut self, id: &str, value: &str, checked: bool) {
        if let Some(day) = id
            .strip_prefix("w-day-")
            .and_then(|d| d.parse::<usize>().ok())
        {
            if let Some(slot) = self.days.get_mut(day) {
                *slot = checked;
            }
            return;
        }
        if let Some(i) = PartOfDay::ALL.iter().position(|p| part_id(*p) == id) {
            self.parts[i] = checked;
            return;
        }
        match id {
            NAME => self.name = value.to_string(),
            PREFERRED => self.preferred_name = value.to_string(),
            EMAIL => self.email = value.to_string(),
            PHONE => self.phone = value.to_string(),
            CONSENT => self.consent = checked,
            LANG_EN if checked => self.language = Some(Language::En),
            LANG_ES if checked => self.language = Some(Language::Es),
            _ => {}
        }
    }

    /// The checks the browser can make before asking the server, with the server's field
    /// names and reason codes, so both kinds of problem show the same way.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut add = |field: &str, code: &str| errors.push((field.to_string(), code.to_string()));
        if !self.days.contains(&true) {
            add("days", "required");
        }
        if !self.parts.contains(&true) {
            add("parts_of_day", "required");
        }
        if filled(&self.name).is_none() {
            add("contact.name", "required");
        }
        let (email, phone) = (filled(&self.email), filled(&self.phone));
        if email.is_none() && phone.is_none() {
            add("contact.contact", "email_or_phone_required");
        }
        if let Some(email) = email {
            let valid = email
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
            if !valid {
                add("contact.email", "invalid_email");
            }
        }
        if let Some(phone) = phone {
            // A first check only; the server also wants the country code (E.164).
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let separators_only = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !(7..=15).contains(&digits) || !separators_only {
                add("contact.phone", "invalid_phone");
            }
        }
        if !self.consent {
            add("contact.consent", "required");
        }
        errors
    }

    /// The request to send, for a service and optionally one practitioner; the language is
    /// the one chosen, else `reading` (the page's).
    pub fn request(
        &self,
        service_id: i64,
        practitioner_id: Option<i64>,
        reading: Language,
    ) -> WaitlistJoinRequest {
        WaitlistJoinRequest {
            service_id,
            practitioner_id,
            days: (0u8..7).filter(|d| self.days[usize::from(*d)]).collect(),
            parts_of_day: PartOfDay::ALL
                .into_iter()
                .zip(self.parts)
                .filter_map(|(part, on)| on.then_some(part))
                .collect(),
            contact: WaitlistContact {
                name: filled(&self.name).unwrap_or_default(),
                preferred_name: filled(&self.preferred_name),
                email: filled(&self.email),
                phone: filled(&self.phone),
                language: self.language.unwrap_or(reading),
                consent: self.consent,
            },
        }
    }
}

/// The form control a server field path belongs to (for the error summary's links and to
/// show the problem next to it). Unknown paths (`service_id`) have none.
pub fn field_id(field: &str) -> Option<&'static str> {
    Some(match field {
        "days" => "w-days",
        "parts_of_day" => "w-parts",
        "contact.name" => NAME,
        "contact.preferred_name" => PREFERRED,
        "contact.email" | "contact.contact" => EMAIL,
        "contact.phone" => PHONE,
        "contact.consent" => CONSENT,
        "contact.language" => LANG_EN,
        _ => return None,
    })
}

/// The field errors of a refused join (`fields` of the server's 422), in the form's order
/// (those the form has no place for last).
pub fn server_errors(fields: &std::collections::BTreeMap<String, String>) -> Vec<FieldError> {
    const ORDER: [&str; 8] = [
        "days",
        "parts_of_day",
        "contact.name",
        "contact.preferred_name",
        "contact.contact",
        "contact.email",
        "contact.phone",
        "contact.consent",
    ];
    let mut errors = Vec::new();
    for known in ORDER {
        if let Some(code) = fields.get(known) {
            errors.push((known.to_string(), code.clone()));
        }
    }
    for (field, code) in fields {
        if !ORDER.contains(&field.as_str()) {
            errors.push((field.clone(), code.clone()));
        }
    }
    errors
}

/// `service=ID[&practitioner=ID|any]` of the join form's address: the service, and the one
/// practitioner asked for (`None` for "any").
pub fn join_query(service: Option<&str>, practitioner: Option<&str>) -> Option<(i64, Option<i64>)> {
    let service = service?.parse().ok()?;
    let practitioner = practitioner.and_then(|p| p.parse().ok());
    Some((service, practitioner))
}

/// Seconds left until `hold_until` (seconds since the epoch) at `now_ms` (milliseconds since
/// the epoch, as the browser's clock gives it), rounded up and never negative. Integers only:
/// float formatting and parsing would cost the bundle kilobytes.
pub fn seconds_left(now_ms: f64, hold_until: i64) -> u64 {
    let left_ms = hold_until.saturating_mul(1000) - now_ms as i64;
    if left_ms > 0 {
        (left_ms as u64).div_ceil(1000)
    } else {
        0
    }
}

/// A countdown as "m:ss" (or "h:mm:ss" from an hour up): `14:05`, `0:09`, `1:00:00`.
pub fn countdown(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled_in() -> JoinDraft {
        let mut draft = JoinDraft::default();
        draft.apply(NAME, "Ana Gómez", false);
        draft.apply(EMAIL, "ana@example.com", false);
        draft.apply(CONSENT, "on", true);
        draft
    }

    #[test]
    fn a_filled_in_form_with_every_day_and_part_ticked_asks_for_all_of_them() {
        let draft = filled_in();
        assert!(draft.check().is_empty());
        let request = draft.request(3, None, Language::Es);
        assert_eq!(request.days, vec![0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(request.parts_of_day, PartOfDay::ALL.to_vec());
        assert_eq!(request.practitioner_id, None);
        assert_eq!(request.contact.name, "Ana Gómez");
        assert_eq!(request.contact.preferred_name, None);
        assert_eq!(request.contact.phone, None);
        assert_eq!(request.contact.language, Language::Es);
    }

    #[test]
    fn unticked_days_and_parts_are_left_out_and_a_chosen_language_wins() {
        let mut draft = filled_in();
        for day in [0, 2, 3, 4, 5, 6] {
            draft.apply(&day_id(day), "on", false);
        }
        draft.apply(part_id(PartOfDay::Evening), "on", false);
        draft.apply(LANG_EN, "on", true);
        draft.apply(PREFERRED, "  Ani ", false);
        let request = draft.request(3, Some(7), Language::Es);
        assert_eq!(request.days, vec![1]);
        assert_eq!(
            request.parts_of_day,
            vec![PartOfDay::Morning, PartOfDay::Afternoon]
        );
        assert_eq!(request.practitioner_id, Some(7));
        assert_eq!(request.contact.language, Language::En);
        assert_eq!(request.contact.preferred_name.as_deref(), Some("Ani"));
    }

    #[test]
    fn an_empty_form_names_every_missing_thing_with_the_servers_field_names() {
        let mut draft = JoinDraft::default();
        for day in 0..7 {
            draft.apply(&day_id(day), "on", false);
        }
        for part in PartOfDay::ALL {
            draft.apply(part_id(part), "on", false);
        }
        let fields: Vec<String> = draft.check().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "days",
                "parts_of_day",
                "contact.name",
                "contact.contact",
                "contact.consent"
            ]
        );
        assert!(fields.iter().all(|f| field_id(f).is_some()));
    }

    #[test]
    fn a_mistyped_email_or_phone_is_caught_before_sending() {
        let mut draft = filled_in();
        draft.apply(EMAIL, "ana.example.com", false);
        draft.apply(PHONE, "call me", false);
        assert_eq!(
            draft.check(),
            vec![
                ("contact.email".to_string(), "invalid_email".to_string()),
                ("contact.phone".to_string(), "invalid_phone".to_string()),
            ]
        );
        draft.apply(EMAIL, "", false);
        draft.apply(PHONE, "+1 (555) 010-2030", false);
        assert!(draft.check().is_empty());
    }

    #[test]
    fn server_field_errors_come_in_the_forms_order() {
        let fields = std::collections::BTreeMap::from([
            ("contact.consent".to_string(), "required".to_string()),
            ("days".to_string(), "required".to_string()),
            ("service_id".to_string(), "unknown".to_string()),
        ]);
        let order: Vec<String> = server_errors(&fields).into_iter().map(|(f, _)| f).collect();
        assert_eq!(order, ["days", "contact.consent", "service_id"]);
    }

    #[test]
    fn the_join_address_gives_the_service_and_any_or_one_practitioner() {
        assert_eq!(join_query(Some("4"), Some("any")), Some((4, None)));
        assert_eq!(join_query(Some("4"), Some("9")), Some((4, Some(9))));
        assert_eq!(join_query(Some("4"), None), Some((4, None)));
        assert_eq!(join_query(Some("x"), None), None);
        assert_eq!(join_query(None, Some("9")), None);
    }

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        assert_eq!(seconds_left(0.0, 845), 845);
        assert_eq!(seconds_left(1.0, 845), 845);
        assert_eq!(seconds_left(999.0, 845), 845);
        assert_eq!(seconds_left(1_000.0, 845), 844);
        assert_eq!(seconds_left(10_000.0, 5), 0);
        assert_eq!(countdown(845), "14:05");
        assert_eq!(countdown(9), "0:09");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(3600), "1:00:00");
        assert_eq!(countdown(2 * 3600 + 61), "2:01:01");
    }
}
