//! The waitlist: "tell me if an earlier time opens up".
//!
//! A patient who finds no time that suits joins the list for a service (and optionally one
//! practitioner), saying which weekdays and parts of the day suit them. When a matching time
//! frees up, Carebook offers it to the waiting patients in the order they joined: a message with
//! the patient's waitlist link, where the time is held for them alone for a short while (the
//! clinic's `hold_minutes`). They take it (a normal, guarded booking) or let it go, and the next
//! patient is offered it.
//!
//! Patient routes (no account; the entry's token is the key, like a visit page's):
//! - `POST /api/clinics/{slug}/waitlist` [`WaitlistJoinRequest`] → 201 [`WaitlistEntry`]
//! - `GET /api/waitlist/{token}` → [`WaitlistEntry`] (page: `/waitlist/{token}`)
//! - `POST /api/waitlist/{token}/take` → 201 [`crate::wire::Appointment`] (then `/a/{token}`);
//!   409 `offer_expired` when the hold ran out or was passed on, 409 `no_offer` when there is none
//! - `POST /api/waitlist/{token}/decline` → [`WaitlistEntry`]: lets the held time go to the next
//!   patient; this one stays on the list for other times
//! - `POST /api/waitlist/{token}/leave` → [`WaitlistEntry`] with status `left` (any held time is
//!   released at once)
//!
//! Console routes (staff):
//! - `GET /api/console/waitlist` → [`ConsoleWaitlist`] (who waits, in order; any staff)
//! - `DELETE /api/console/waitlist/{id}` → 204: staff take someone off the list (audited)
//! - `GET`/`PUT /api/console/waitlist/settings` → [`WaitlistSettings`] (admins write)

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ClinicSummary, Language, Practitioner, Service};

/// A part of the day in the clinic's time zone, by a time's start:
/// morning before 12:00, afternoon 12:00–16:59, evening from 17:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 3] = [PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening];

    /// The part of the day a clinic-local `hour` (0–23) falls in.
    pub fn of_hour(hour: u32) -> PartOfDay {
        match hour {
            0..=11 => PartOfDay::Morning,
            12..=16 => PartOfDay::Afternoon,
            _ => PartOfDay::Evening,
        }
    }
}

/// Where an entry stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    /// On the list, nothing held for them right now.
    Waiting,
    /// A time is held for them until `offer.hold_until`.
    Offered,
    /// They took an offered time: `appointment_token` is their visit page.
    Booked,
    /// They left the list, or staff took them off it.
    Left,
    /// The clinic's waiting period ran out (`expires_at`).
    Expired,
}

/// How to reach the patient, in their language and by the name they prefer.
/// At least one of e-mail and phone; `consent` must be true (as when booking).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistContact {
    pub name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub language: Language,
    pub consent: bool,
}

/// Contact details never appear in logs, so Debug says only that they are there.
impl std::fmt::Debug for WaitlistContact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WaitlistContact { .. }")
    }
}

/// Body of `POST /api/clinics/{slug}/waitlist`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistJoinRequest {
    pub service_id: i64,
    /// Absent: any practitioner who offers the service.
    #[serde(default)]
    pub practitioner_id: Option<i64>,
    /// Weekdays that suit, 0 = Monday … 6 = Sunday; at least one (`fields.days=required`).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 7))]
    pub days: Vec<u8>,
    /// Parts of the day that suit; at least one (`fields.parts_of_day=required`).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 3))]
    pub parts_of_day: Vec<PartOfDay>,
    pub contact: WaitlistContact,
}

/// A time held for one waiting patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistOffer {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub start: DateTime<Utc>,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub end: DateTime<Utc>,
    /// Clinic-local day and `HH:MM` of `start`.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub local_date: NaiveDate,
    pub local_time: String,
    pub practitioner: Practitioner,
    /// Until when the time is kept for this patient alone.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub hold_until: DateTime<Utc>,
}

/// `GET /api/waitlist/{token}`: what the patient's waitlist link shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistEntry {
    pub token: String,
    pub status: WaitlistStatus,
    pub clinic: ClinicSummary,
    pub service: Service,
    /// The one practitioner asked for; absent for "any practitioner".
    #[serde(default)]
    pub practitioner: Option<Practitioner>,
    pub days: Vec<u8>,
    pub parts_of_day: Vec<PartOfDay>,
    /// The name to greet them by and the language to speak.
    pub preferred_name: String,
    pub language: Language,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub joined_at: DateTime<Utc>,
    /// The entry leaves the list by itself then (the clinic's `entry_days` after joining).
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub expires_at: DateTime<Utc>,
    /// Present while `status` is `offered`.
    #[serde(default)]
    pub offer: Option<WaitlistOffer>,
    /// Present once `status` is `booked`: the visit page's token.
    #[serde(default)]
    pub appointment_token: Option<String>,
}

/// One row of the console's waitlist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsoleWaitlistEntry {
    pub id: i64,
    pub status: WaitlistStatus,
    pub service_id: i64,
    pub service_name: String,
    #[serde(default)]
    pub practitioner_id: Option<i64>,
    #[serde(default)]
    pub practitioner_name: Option<String>,
    pub patient_name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    pub language: Language,
    pub days: Vec<u8>,
    pub parts_of_day: Vec<PartOfDay>,
    pub joined_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub offer: Option<WaitlistOffer>,
    /// How many times a time was offered to this patient and passed on.
    pub offers_passed: u32,
}

/// `GET /api/console/waitlist`: everyone still on the list (waiting or offered), in the order
/// they are served, then the last 50 who left it (booked, left, expired), newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsoleWaitlist {
    pub waiting: Vec<ConsoleWaitlistEntry>,
    pub recent: Vec<ConsoleWaitlistEntry>,
}

/// `GET`/`PUT /api/console/waitlist/settings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitlistSettings {
    /// How long an offered time is held for one patient, in minutes
    /// (`HOLD_MINUTES_RANGE`; default 15).
    pub hold_minutes: u32,
    /// How many days an entry stays on the list (`ENTRY_DAYS_RANGE`; default 30).
    pub entry_days: u32,
}

pub const HOLD_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 5..=240;
pub const ENTRY_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=180;

impl Default for WaitlistSettings {
    fn default() -> Self {
        WaitlistSettings {
            hold_minutes: 15,
            entry_days: 30,
        }
    }
}
