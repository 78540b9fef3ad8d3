//! Bodies of the clinic console's API (`/api/console/...`), used by staff, never by patients.

use super::{AppointmentStatus, ClinicSummary, NewOrReturning};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct DaySchedule {
    pub date: NaiveDate,
    pub time_zone: String,
    pub practitioners: Vec<PractitionerDay>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PractitionerDay {
    pub practitioner_id: i64,
    pub display_name: String,
    pub appointments: Vec<DayAppointment>,
}

/// One line of the day view: enough to run the day, nothing more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

/// `POST /api/console/appointments/{id}/attendance`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceRequest {
    pub attendance: Attendance,
}

/// `POST /api/console/appointments/{id}/cancel`: staff cancel on the patient's behalf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffCancelRequest {
    pub reason: String,
}

/// `POST /api/console/appointments` (body: a `BookingRequest`): booked on the patient's behalf.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffBooking {
    pub appointment: super::Appointment,
    /// The patient's visit page, to copy or read out on the phone.
    pub visit_url: String,
}

/// `PUT /api/console/practitioners/{id}/running-late`: 0 clears the notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunningLateRequest {
    pub minutes: u32,
}

/// `GET /api/console/patients?q=`: people matching a name, email or phone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
pub struct PatientTimeline {
    pub patient: PatientMatch,
    pub entries: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
