//! Every request and response body that crosses the wire between the browser and the server.
//!
//! Defined once here; the server depends on this crate with `default-features = false` and uses
//! these very types, so the two sides cannot drift apart.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod console;
pub mod embed;
pub mod feedback;
pub mod fhir;
pub mod instructions;
pub mod kpis;
pub mod library;
pub mod messages;
pub mod plain_language;
pub mod setup;
pub mod video;
pub mod waitlist;

/// The two date formats on the wire, read without chrono's general-purpose parser (which is
/// large in the browser bundle): `YYYY-MM-DD` days and RFC 3339 instants such as
/// `2026-11-24T14:30:00Z` (optional fraction, `Z` or a `±HH:MM` offset).
pub mod fixed {
    use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

    fn num(b: &[u8]) -> Option<u32> {
        if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    /// A `YYYY-MM-DD` day.
    pub fn date(s: &str) -> Option<NaiveDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        NaiveDate::from_ymd_opt(num(&b[..4])? as i32, num(&b[5..7])?, num(&b[8..])?)
    }

    /// An RFC 3339 instant, as UTC.
    pub fn utc(s: &str) -> Option<DateTime<Utc>> {
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let day = date(s.get(..10)?)?;
        let (mut rest, mut nano) = (&b[19..], 0);
        if let [b'.', tail @ ..] = rest {
            let digits = tail.iter().take_while(|d| d.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            nano = num(&tail[..digits])? * 10u32.pow(9 - digits as u32);
            rest = &tail[digits..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let minutes = (num(&[*h1, *h2])? * 60 + num(&[*m1, *m2])?) as i64;
                if *sign == b'-' {
                    -minutes
                } else {
                    minutes
                }
            }
            _ => return None,
        };
        let time = NaiveTime::from_hms_nano_opt(
            num(&b[11..13])?,
            num(&b[14..16])?,
            num(&b[17..19])?,
            nano,
        )?;
        let local = day.and_time(time).and_utc();
        local.checked_sub_signed(Duration::minutes(offset))
    }

    /// `deserialize_with` helpers for the browser build (the server keeps chrono's own).
    #[cfg(target_arch = "wasm32")]
    pub mod serde {
        use chrono::{DateTime, NaiveDate, Utc};
        use serde::de::{Deserialize, Deserializer, Error};

        fn read<'de, D: Deserializer<'de>, T>(
            d: D,
            parse: fn(&str) -> Option<T>,
        ) -> Result<T, D::Error> {
            let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            parse(&s).ok_or_else(|| D::Error::custom("bad date"))
        }

        pub fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
            read(d, super::utc)
        }

        pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            read(d, super::date)
        }

        pub fn opt_utc<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                None => Ok(None),
                Some(s) => super::utc(&s)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom("bad date")),
            }
        }

        pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                None => Ok(None),
                Some(s) => super::date(&s)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom("bad date")),
            }
        }
    }
}

/// Languages a patient can read Carebook in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// Reads a BCP 47 tag such as `es-MX` or `en`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    InPerson,
    Telehealth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NewOrReturning {
    New,
    Returning,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
}

/// `GET /api/clinics/{slug}` (content in the language asked for with `?lang=`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clinic {
    pub slug: String,
    pub name: String,
    /// IANA zone, e.g. `America/New_York`; every time is shown in it.
    pub time_zone: String,
    pub address: String,
    pub phone: String,
    /// Changes closer than this to the start must be made by phone.
    pub late_cancel_hours: u32,
    pub min_notice_minutes: u32,
    pub horizon_days: u32,
    /// The languages the clinic speaks with patients (its messages and instructions).
    #[serde(default)]
    pub languages: Vec<Language>,
    pub services: Vec<Service>,
    pub practitioners: Vec<Practitioner>,
}

impl Clinic {
    /// Whether the clinic speaks `lang` with patients (no list: every language).
    pub fn speaks(&self, lang: Language) -> bool {
        self.languages.is_empty() || self.languages.contains(&lang)
    }

    /// The language to write to a patient in: the one wanted when the clinic speaks it, else
    /// the clinic's first.
    pub fn language_for(&self, wanted: Language) -> Language {
        if self.speaks(wanted) {
            wanted
        } else {
            self.languages.first().copied().unwrap_or(wanted)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub duration_minutes: u32,
    pub kind: ServiceKind,
    /// What will happen during the visit, in plain words.
    pub what_to_expect: String,
    /// What it costs or how it is usually covered.
    pub cost_note: String,
    /// How to prepare, as HTML the server rendered from the clinic's Markdown and sanitised
    /// (shown as it is on the review step and the visit page; empty when there is none).
    pub preparation_html: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Practitioner {
    pub id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub title: String,
    pub bio: String,
    /// Two letters shown in place of a photo.
    pub initials: String,
    pub service_ids: Vec<i64>,
}

/// Query of `GET /api/clinics/{slug}/availability`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityQuery {
    pub service_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practitioner_id: Option<i64>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityResponse {
    pub time_zone: String,
    pub slots: Vec<Slot>,
    /// The first clinic-local day after `to` with a free time, when the range asked for has none.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(default, deserialize_with = "fixed::serde::opt_date")
    )]
    pub next_available: Option<NaiveDate>,
}

/// A free time. `start`/`end` are UTC; `local_date`/`local_time` are the same instant in the
/// clinic's zone, so the browser can group by day and by part of day without time-zone data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::utc"))]
    pub start: DateTime<Utc>,
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::utc"))]
    pub end: DateTime<Utc>,
    pub practitioner_id: i64,
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::date"))]
    pub local_date: NaiveDate,
    /// `HH:MM`, 24-hour, in the clinic's zone.
    pub local_time: String,
}

/// Body of `POST /api/clinics/{slug}/appointments`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingRequest {
    pub service_id: i64,
    /// Absent means "first available": the server picks and says who.
    #[serde(default)]
    pub practitioner_id: Option<i64>,
    pub start: DateTime<Utc>,
    pub patient: PatientDetails,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientDetails {
    pub name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub language: Language,
    pub new_or_returning: NewOrReturning,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub access_needs: Option<AccessNeeds>,
    #[serde(default)]
    pub insurance: Option<Insurance>,
    pub consent: bool,
}

/// Patient details never appear in logs, so Debug says only that they are there.
impl std::fmt::Debug for PatientDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PatientDetails { .. }")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessNeeds {
    #[serde(default)]
    pub interpreter_language: Option<String>,
    #[serde(default)]
    pub mobility: Option<String>,
    #[serde(default)]
    pub other: Option<String>,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Insurance {
    pub payer: String,
    pub member_id: String,
}

impl std::fmt::Debug for Insurance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Insurance { .. }")
    }
}

/// `GET /api/appointments/{token}` and the 201 of a booking, a reschedule or a cancel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    pub token: String,
    pub status: AppointmentStatus,
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::utc"))]
    pub start: DateTime<Utc>,
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::utc"))]
    pub end: DateTime<Utc>,
    /// Clinic-local day and `HH:MM` of `start`.
    #[cfg_attr(target_arch = "wasm32", serde(deserialize_with = "fixed::serde::date"))]
    pub local_date: NaiveDate,
    pub local_time: String,
    /// How many times it was rescheduled (the calendar file's SEQUENCE).
    pub sequence: u32,
    pub clinic: ClinicSummary,
    pub service: Service,
    pub practitioner: Practitioner,
    pub patient: PatientSummary,
    pub can_cancel: bool,
    pub can_reschedule: bool,
    /// Why the patient cannot change it online (`cancelled`, `late_change`, `past`).
    pub change_blocked_reason: Option<String>,
    /// Set when the practitioner is running late today and this visit has not started yet:
    /// the expected start, in UTC.
    #[serde(default)]
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "fixed::serde::opt_utc")
    )]
    pub expected_start: Option<DateTime<Utc>>,
    /// The delay behind `expected_start`, in minutes.
    #[serde(default)]
    pub running_late_minutes: Option<u32>,
    /// A telehealth visit's video room, when the clinic has set its video link template: open
    /// it from `video::OPENS_MINUTES_BEFORE` minutes before the start to the end. A secret like
    /// the token: never logged.
    #[serde(default)]
    pub video_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClinicSummary {
    pub slug: String,
    pub name: String,
    pub time_zone: String,
    pub address: String,
    pub phone: String,
    pub late_cancel_hours: u32,
    /// How far ahead times can be booked (a reschedule's day picker stops there).
    pub horizon_days: u32,
}

/// What the visit page may show back to the person holding the link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientSummary {
    /// The name to greet them by: the preferred name, or the full name when none was given.
    pub preferred_name: String,
    pub language: Language,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelRequest {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RescheduleRequest {
    pub start: DateTime<Utc>,
    #[serde(default)]
    pub practitioner_id: Option<i64>,
}

/// Every error the API returns: `{error, message, fields?, alternatives?}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    /// Machine-readable kind: `validation`, `not_found`, `slot_taken`, `late_change`, …
    pub error: String,
    /// A human sentence in English; the browser shows its own translation of `error`.
    pub message: String,
    /// For `validation`: field path (e.g. `patient.email`) → reason code (e.g. `invalid_email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
    /// For `slot_taken`: up to three nearby free times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<Slot>>,
    /// For `late_change`: the number to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_formats_read_what_chrono_writes() {
        for text in [
            "2026-11-24T14:30:00Z",
            "2026-11-24T14:30:00.250Z",
            "2026-03-08T07:00:00+05:30",
            "2026-11-24t14:30:00-01:00",
        ] {
            let ours = fixed::utc(text).unwrap();
            assert_eq!(ours, text.parse::<DateTime<Utc>>().unwrap(), "{text}");
            let written = serde_json::to_string(&ours).unwrap();
            assert_eq!(fixed::utc(written.trim_matches('"')), Some(ours));
        }
        assert_eq!(fixed::date("2026-02-28"), "2026-02-28".parse().ok());
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "",
            "2026-11-24T14:30:00",
            "2026-11-24T14:30Z",
            "2026-11-24T14:30:00.Z",
        ] {
            assert_eq!(fixed::date(bad), None, "{bad}");
            assert_eq!(fixed::utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn language_reads_browser_tags() {
        assert_eq!(Language::from_tag("es-MX"), Some(Language::Es));
        assert_eq!(Language::from_tag("EN_us"), Some(Language::En));
        assert_eq!(Language::from_tag("fr"), None);
    }

    #[test]
    fn patient_details_never_print_their_contents() {
        let patient = PatientDetails {
            name: "Ana Secret".into(),
            preferred_name: None,
            pronouns: None,
            email: Some("ana@example.org".into()),
            phone: None,
            language: Language::Es,
            new_or_returning: NewOrReturning::New,
            reason: None,
            access_needs: None,
            insurance: Some(Insurance {
                payer: "P".into(),
                member_id: "M123".into(),
            }),
            consent: true,
        };
        let printed = format!("{patient:?} {:?}", patient.insurance);
        assert!(
            !printed.contains("Ana")
                && !printed.contains("example.org")
                && !printed.contains("M123")
        );
    }

    #[test]
    fn error_body_omits_empty_parts() {
        let body = ApiErrorBody {
            error: "not_found".into(),
            message: "No such clinic".into(),
            fields: None,
            alternatives: None,
            phone: None,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":"not_found","message":"No such clinic"}"#
        );
    }
}
