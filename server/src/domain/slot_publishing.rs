//! SMART Scheduling Links (open slot publishing): what a slot finder sees of a clinic's times,
//! at the service level. Free times come from the one availability rule; "busy" times are the
//! starts the same rule gives when booked visits are left out (the practitioners are working
//! then, time off still counts) but that nobody is free for now.

use super::availability::{self, BookingRules, PractitionerSchedule, ServiceShape};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The published files cover at most this many clinic-local days from today (fewer when the
/// clinic's own horizon is shorter): four weeks is what a slot finder shows, and it keeps the
/// Slot file small enough to poll every few minutes.
pub const MAX_PUBLISHED_DAYS: u32 = 28;

/// One start time of a service, with how many practitioners are free then (0: busy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishedSlot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub free_practitioners: u32,
}

impl PublishedSlot {
    pub fn is_free(&self) -> bool {
        self.free_practitioners > 0
    }
}

/// The last clinic-local day published, counting from `today`.
pub fn last_published_day(rules: &BookingRules, today: NaiveDate) -> NaiveDate {
    let days = rules.horizon_days.min(MAX_PUBLISHED_DAYS);
    today + chrono::Duration::days(i64::from(days))
}

/// Every start of a service on local days `from..=to`, earliest first: free ones with the
/// number of practitioners free, busy ones with 0. `schedules` are those of the practitioners
/// offering the service.
pub fn service_slots(
    rules: &BookingRules,
    shape: &ServiceShape,
    schedules: &[PractitionerSchedule],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<PublishedSlot> {
    let free = availability::free_slots(rules, shape, schedules, from, to, now);
    let unbooked: Vec<PractitionerSchedule> = schedules
        .iter()
        .map(|schedule| PractitionerSchedule {
            appointments: Vec::new(),
            ..schedule.clone()
        })
        .collect();
    let working = availability::free_slots(rules, shape, &unbooked, from, to, now);
    let mut by_start: BTreeMap<(DateTime<Utc>, DateTime<Utc>), u32> = BTreeMap::new();
    for candidate in working {
        by_start
            .entry((candidate.start, candidate.end))
            .or_insert(0);
    }
    for candidate in free {
        *by_start
            .entry((candidate.start, candidate.end))
            .or_insert(0) += 1;
    }
    by_start
        .into_iter()
        .map(|((start, end), free_practitioners)| PublishedSlot {
            start,
            end,
            free_practitioners,
        })
        .collect()
}

/// An instant as the clinic's wall clock with its offset, e.g. `2026-12-02T09:00:00-05:00`.
pub fn local_instant_text(tz: Tz, instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A US postal address written on one line, `street, city, ST 12345`, in the parts FHIR's
/// `Address` has. Anything else stays whole (as `text` and one `line`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressParts {
    pub lines: Vec<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
}

pub fn address_parts(address: &str) -> AddressParts {
    let whole = || AddressParts {
        lines: vec![address.trim().to_string()],
        city: None,
        state: None,
        postal_code: None,
    };
    let parts: Vec<&str> = address.split(',').map(str::trim).collect();
    let [lines @ .., city, state_zip] = parts.as_slice() else {
        return whole();
    };
    let Some((state, zip)) = state_zip.split_once(' ') else {
        return whole();
    };
    let zip = zip.trim();
    let state_ok = state.len() == 2 && state.bytes().all(|b| b.is_ascii_uppercase());
    let zip_ok = matches!(zip.len(), 5 | 10)
        && zip.bytes().enumerate().all(|(at, b)| {
            if at == 5 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if lines.is_empty() || city.is_empty() || !state_ok || !zip_ok {
        return whole();
    }
    AddressParts {
        lines: lines.iter().map(|line| line.to_string()).collect(),
        city: Some(city.to_string()),
        state: Some(state.to_string()),
        postal_code: Some(zip.to_string()),
    }
}

/// A strong entity tag for a body: the same bytes always give the same tag.
pub fn entity_tag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether an `If-None-Match` header names `tag` (or is `*`). The comparison is the weak one
/// RFC 9110 prescribes for this header: `W/"x"` matches `"x"`.
pub fn none_match_hits(header: &str, tag: &str) -> bool {
    header.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::{Interval, WorkingBlock};
    use chrono::{NaiveTime, TimeZone, Weekday};

    fn rules() -> BookingRules {
        BookingRules {
            time_zone: chrono_tz::America::New_York,
            min_notice_minutes: 0,
            horizon_days: 60,
            slot_step_minutes: None,
        }
    }

    fn schedule(id: i64, appointments: Vec<Interval>) -> PractitionerSchedule {
        PractitionerSchedule {
            practitioner_id: id,
            blocks: vec![WorkingBlock {
                weekday: Weekday::Wed,
                start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            }],
            appointments,
            time_off: Vec::new(),
        }
    }

    #[test]
    fn a_time_is_busy_only_when_every_practitioner_is_booked() {
        let shape = ServiceShape {
            duration_minutes: 30,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
        };
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        // Wed 2 Dec, 09:00 New York = 14:00Z.
        let nine = Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 0).unwrap();
        let half_past = nine + chrono::Duration::minutes(30);
        let booked = Interval {
            start: nine,
            end: half_past,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let slots = service_slots(
            &rules(),
            &shape,
            &[schedule(1, vec![booked]), schedule(2, vec![booked])],
            day,
            day,
            now,
        );
        assert_eq!(
            slots,
            vec![
                PublishedSlot {
                    start: nine,
                    end: half_past,
                    free_practitioners: 0
                },
                PublishedSlot {
                    start: half_past,
                    end: half_past + chrono::Duration::minutes(30),
                    free_practitioners: 2
                },
            ]
        );
        let one_booked = service_slots(
            &rules(),
            &shape,
            &[schedule(1, vec![booked]), schedule(2, Vec::new())],
            day,
            day,
            now,
        );
        assert_eq!(one_booked[0].free_practitioners, 1);
    }

    #[test]
    fn a_one_line_us_address_is_split_and_anything_else_kept_whole() {
        let parts = address_parts("120 Hudson Street, New York, NY 10013");
        assert_eq!(parts.lines, vec!["120 Hudson Street"]);
        assert_eq!(parts.city.as_deref(), Some("New York"));
        assert_eq!(parts.state.as_deref(), Some("NY"));
        assert_eq!(parts.postal_code.as_deref(), Some("10013"));
        let foreign = address_parts("Calle Mayor 1, 28013 Madrid");
        assert_eq!(foreign.lines, vec!["Calle Mayor 1, 28013 Madrid"]);
        assert_eq!(foreign.city, None);
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists() {
        let tag = entity_tag(b"x");
        assert!(none_match_hits(&tag, &tag));
        assert!(none_match_hits(&format!("\"other\", W/{tag}"), &tag));
        assert!(none_match_hits("*", &tag));
        assert!(!none_match_hits("\"other\"", &tag));
        assert_eq!(entity_tag(b"x"), tag);
        assert_ne!(entity_tag(b"y"), tag);
    }

    #[test]
    fn instants_carry_the_clinic_offset() {
        let instant = Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 0).unwrap();
        assert_eq!(
            local_instant_text(chrono_tz::America::New_York, instant),
            "2026-12-02T09:00:00-05:00"
        );
    }
}
