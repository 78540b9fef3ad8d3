//! Bodies of the clinic console's API (`/api/console/...`), used by staff, never by patients.

use super::{AppointmentStatus, ClinicSummary, NewOrReturning};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Clinic settings, staff, services, hours — and everything front desk may do.
    Admin,
    /// The schedule, patients, booking on a patient's behalf.
    FrontDesk,
    /// Their own schedule.
    Practitioner,
}

impl StaffRole {
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::FrontDesk => "front_desk",
            StaffRole::Practitioner => "practitioner",
        }
    }

    pub fn from_code(code: &str) -> Option<StaffRole> {
        match code {
            "admin" => Some(StaffRole::Admin),
            "front_desk" => Some(StaffRole::FrontDesk),
            "practitioner" => Some(StaffRole::Practitioner),
            _ => None,
        }
    }
}

/// `POST /api/console/sign-in`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignInRequest { .. }")
    }
}

/// `GET /api/console/me` and the answer to a sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMe {
    pub display_name: String,
    pub email: String,
    pub role: StaffRole,
    /// Set for practitioners: whose schedule is theirs.
    pub practitioner_id: Option<i64>,
    pub clinic: ClinicSummary,
    /// A session ends after this long without a request (the console warns a minute before).
    pub idle_timeout_seconds: u32,
}

/// Whether the patient came, set by staff on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Arrived,
    Completed,
    NoShow,
}

impl Attendance {
    pub fn code(self) -> &'static str {
        match self {
            Attendance::Arrived => "arrived",
            Attendance::Completed => "completed",
            Attendance::NoShow => "no_show",
        }
    }

    pub fn from_code(code: &str) -> Option<Attendance> {
        match code {
            "arrived" => Some(Attendance::Arrived),
            "completed" => Some(Attendance::Completed),
            "no_show" => Some(Attendance::NoShow),
            _ => None,
        }
    }
}

/// `GET /api/console/day?date=YYYY-MM-DD` (default: today in the clinic's zone).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySchedule {
    pub date: NaiveDate,
    pub time_zone: String,
    pub practitioners: Vec<PractitionerDay>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PractitionerDay {
    pub practitioner_id: i64,
    pub display_name: String,
    /// "Running N minutes late" set for this day (0 when on time or not today).
    #[serde(default)]
    pub running_late_minutes: u32,
    pub appointments: Vec<DayAppointment>,
}

/// One line of the day view: enough to run the day, nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayAppointment {
    pub id: i64,
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
    /// `HH:MM` in the clinic's zone.
    pub local_time: String,
    pub service_name: String,
    /// The name the patient asked to be called.
    pub patient_name: String,
    pub new_or_returning: NewOrReturning,
    pub interpreter_language: Option<String>,
    /// Mobility and other needs, as the patient wrote them.
    pub access_needs: Option<String>,
    pub status: AppointmentStatus,
    pub attendance: Option<Attendance>,
    /// The patient answered a reminder "I'll be there".
    #[serde(default)]
    pub patient_confirmed: bool,
    /// A telehealth visit's video room (the clinic has a video link template).
    #[serde(default)]
    pub video_url: Option<String>,
}

/// `POST /api/console/appointments/{id}/attendance`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRequest {
    pub attendance: Attendance,
}

/// `POST /api/console/appointments/{id}/cancel`: staff cancel on the patient's behalf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCancelRequest {
    pub reason: String,
    /// Who asked for it: the patient (by phone, the default) or the clinic. Clinic
    /// cancellations are left out of the patient's adherence and cancellation figures.
    #[serde(default)]
    pub cancelled_by: CancelledBy,
}

/// Who cancelled a visit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    #[default]
    Patient,
    Clinic,
}

impl CancelledBy {
    pub fn code(self) -> &'static str {
        match self {
            CancelledBy::Patient => "patient",
            CancelledBy::Clinic => "clinic",
        }
    }
}

/// `POST /api/console/appointments` (body: a `BookingRequest`): booked on the patient's behalf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffBooking {
    pub appointment: super::Appointment,
    /// The patient's visit page, to copy or read out on the phone.
    pub visit_url: String,
}

/// `PUT /api/console/practitioners/{id}/running-late`: 0 clears the notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunningLateRequest {
    pub minutes: u32,
}

/// `GET /api/console/patients?q=`: people matching a name, email or phone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientMatch {
    pub id: i64,
    pub name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visits: u32,
}

/// `GET /api/console/patients/{id}`: one person's relationship with the clinic, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientTimeline {
    pub patient: PatientMatch,
    pub entries: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub at: DateTime<Utc>,
    pub appointment_id: i64,
    /// `booked`, `arrived`, `completed`, `no_show`, `cancelled`, …
    pub action: String,
    pub service_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub visit_start: DateTime<Utc>,
    /// Who did it; `None` when the patient did it online.
    pub by_staff: Option<String>,
    pub reason: Option<String>,
}

/// `GET /api/console/week?start=YYYY-MM-DD`: the seven days from the Monday of that date's
/// week (default: this week), per practitioner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekOverview {
    /// The Monday.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub start: NaiveDate,
    pub time_zone: String,
    pub practitioners: Vec<PractitionerWeek>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PractitionerWeek {
    pub practitioner_id: i64,
    pub display_name: String,
    /// Monday to Sunday.
    pub days: Vec<WeekDay>,
}

/// One practitioner's day in the week overview: counts, not patients.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekDay {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub date: NaiveDate,
    /// Has working hours that day and is not off all of it.
    pub working: bool,
    /// Some time off touches the day.
    pub time_off: bool,
    /// Visits still booked (attended or not).
    pub booked: u32,
    pub cancelled: u32,
    pub no_shows: u32,
    /// `HH:MM` of the first and last booked visit.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// `GET /api/console/staff` (admins): the clinic's accounts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: StaffRole,
    pub practitioner_id: Option<i64>,
    pub disabled: bool,
    /// The account of the admin asking (who cannot demote or disable themselves).
    pub is_me: bool,
}

/// `POST /api/console/staff`: a new account; the server makes a one-time password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffRequest {
    pub email: String,
    pub display_name: String,
    pub role: StaffRole,
    /// Required for practitioners: whose schedule is theirs.
    pub practitioner_id: Option<i64>,
}

/// The answer to `POST /api/console/staff`: shown once, for the admin to hand over; the new
/// person changes it after signing in.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCreated {
    pub account: StaffAccount,
    pub temporary_password: String,
}

impl std::fmt::Debug for StaffCreated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffCreated")
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

/// `PUT /api/console/staff/{id}`: role, link to a practitioner, and whether the account may
/// sign in (disabling ends its sessions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffUpdate {
    pub role: StaffRole,
    pub practitioner_id: Option<i64>,
    pub disabled: bool,
}

/// `POST /api/console/me/password`: any signed-in staff member changes their own password.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

impl std::fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChange { .. }")
    }
}

/// `GET /api/console/audit?staff_id=&action=&record_type=&from=&to=&before=` (admins):
/// newest first, 100 at a time; `from`/`to` are clinic-local dates, `before` the id to page
/// back from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page; `None` at the end.
    pub next_before: Option<i64>,
}

/// One access to patient data: who, what record (ids only), what, when, from where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub at: DateTime<Utc>,
    pub staff_id: i64,
    pub staff_name: String,
    /// `view`, `search`, `book`, `attendance`, `cancel`, `running_late`, `update`, …
    pub action: String,
    /// `appointment`, `patient`, `day_schedule`, `practitioner`, `service`, `staff`, …
    pub record_type: String,
    pub record_id: String,
    pub address: String,
}

/// `POST /api/console/patients/{id}/erase` (admins): the person's name, contacts and notes are
/// gone from their record and every visit; the visits stay, without them. Erasing again is fine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientErased {
    pub patient_id: i64,
    /// Visits blanked by this request (0 when they were erased before).
    pub appointments: u32,
}
