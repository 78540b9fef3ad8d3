//! Bodies of the console's clinic set-up API (admins only): the clinic's profile, its services,
//! its practitioners with their weekly hours and time off.
//!
//! Local times travel as the clinic-local text the console's inputs use (`HH:MM`,
//! `YYYY-MM-DDTHH:MM`), so the browser never converts zones; the server reads them in the
//! clinic's zone.

use super::{Language, ServiceKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `GET`/`PUT /api/console/clinic`: the clinic's profile and booking rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClinicSettings {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// IANA zone, e.g. `America/New_York`.
    pub time_zone: String,
    /// Languages patients are offered (at least one).
    pub languages: Vec<Language>,
    /// Changes closer than this to the start must be made by phone (0–168).
    pub late_cancel_hours: u32,
    /// The earliest bookable time is this far from now (0–10080).
    pub min_notice_minutes: u32,
    /// How far ahead patients can book (1–365 days).
    pub horizon_days: u32,
    /// Start times step by this (5, 10, 15, 20, 30 or 60); `None`: by the service's length.
    pub slot_step_minutes: Option<u32>,
    /// Telehealth visits' video link: `https://…` with `{room}` exactly once, where each
    /// visit's own room name goes (e.g. `https://video.example.org/{room}`); empty: no video
    /// links. Refused as `not_https`, `no_room`, `room_repeated`, `invalid_url`, `too_long`.
    #[serde(default)]
    pub video_url_template: String,
}

/// What an admin writes about a service (`POST /api/console/services`, `PUT …/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceDraft {
    pub name_en: String,
    pub name_es: String,
    pub description_en: String,
    pub description_es: String,
    pub what_to_expect_en: String,
    pub what_to_expect_es: String,
    /// Price or how it is usually covered.
    pub cost_note_en: String,
    pub cost_note_es: String,
    /// How to prepare (shown when booking and on the visit page).
    pub preparation_en: String,
    pub preparation_es: String,
    /// 5–480 minutes.
    pub duration_minutes: u32,
    /// 0–120 minutes each: the practitioner's time kept free around the visit.
    pub buffer_before_minutes: u32,
    pub buffer_after_minutes: u32,
    pub kind: ServiceKind,
    /// Who offers it (ids of this clinic's practitioners).
    pub practitioner_ids: Vec<i64>,
}

/// `GET /api/console/services` (all, retired too) and the answer to every service write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceAdmin {
    pub id: i64,
    /// Retired services are not offered to patients; their past and booked visits stay.
    pub retired: bool,
    pub service: ServiceDraft,
}

/// `POST /api/console/services/{id}/retire`: `retired: false` offers it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetireRequest {
    pub retired: bool,
}

/// What an admin writes about a practitioner (`POST /api/console/practitioners`, `PUT …/{id}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PractitionerDraft {
    pub display_name: String,
    pub pronouns: Option<String>,
    pub title_en: String,
    pub title_es: String,
    pub bio_en: String,
    pub bio_es: String,
    /// The services they offer (ids of this clinic's services).
    pub service_ids: Vec<i64>,
}

/// One weekly working block in clinic-local time; a break is the gap between two blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyBlock {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`, after `start` (`24:00` for midnight).
    pub end: String,
}

/// Time off, in clinic-local time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeOff {
    pub id: i64,
    /// `YYYY-MM-DDTHH:MM`, clinic-local.
    pub starts: String,
    pub ends: String,
    pub note: Option<String>,
}

/// `POST /api/console/practitioners/{id}/time-off`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeOffRequest {
    /// `YYYY-MM-DDTHH:MM`, clinic-local; before `ends`.
    pub starts: String,
    pub ends: String,
    pub note: Option<String>,
}

/// `PUT /api/console/practitioners/{id}/hours`: the whole week, replacing what was there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursRequest {
    pub blocks: Vec<WeeklyBlock>,
}

/// `GET /api/console/practitioners` and the answer to a profile write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PractitionerAdmin {
    pub id: i64,
    pub practitioner: PractitionerDraft,
    pub hours: Vec<WeeklyBlock>,
    /// Time off that has not ended yet, soonest first.
    pub time_off: Vec<TimeOff>,
}

/// The answer to a change of hours or time off: the practitioner as now set, and the booked
/// visits the change leaves outside their hours or inside their time off. Those visits stay
/// booked — nothing is dropped silently — so staff can call the patients and move them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleChange {
    pub practitioner: PractitionerAdmin,
    pub stranded: Vec<StrandedVisit>,
}

/// A booked visit that no longer fits its practitioner's hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StrandedVisit {
    pub appointment_id: i64,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub start: DateTime<Utc>,
    /// `YYYY-MM-DDTHH:MM`, clinic-local.
    pub local_start: String,
    /// The name the patient asked to be called.
    pub patient_name: String,
    pub service_name: String,
    /// `outside_hours` or `time_off`.
    pub reason: String,
}
