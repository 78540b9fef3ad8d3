//! The clinic console's calls (`/api/console/...`): a cookie session the browser sends by itself
//! (same origin), and an `Origin` header on every write, which `fetch` adds.

use super::{api_path, call, call_as, get, json, send, send_as, ApiError};
use crate::wire::console::{
    AttendanceRequest, AuditPage, DaySchedule, NewStaffRequest, PasswordChange, PatientErased,
    PatientMatch, PatientTimeline, RunningLateRequest, SignInRequest, StaffAccount, StaffBooking,
    StaffCancelRequest, StaffCreated, StaffMe, StaffUpdate, WeekOverview,
};
use crate::wire::fhir::PublishingSettings;
use crate::wire::setup::{
    ClinicSettings, HoursRequest, PractitionerAdmin, PractitionerDraft, RetireRequest,
    ScheduleChange, ServiceAdmin, ServiceDraft, TimeOffRequest,
};
use crate::wire::BookingRequest;
use chrono::NaiveDate;

/// Signs in; the session cookie comes with the answer.
pub async fn sign_in(request: &SignInRequest) -> Result<StaffMe, ApiError> {
    call("/api/console/sign-in", json(request), None).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send("/api/console/sign-out", Some("{}".into()), None)
        .await
        .map(drop)
}

/// Who is signed in; 401 when nobody is (or the session ran out).
pub async fn me() -> Result<StaffMe, ApiError> {
    get("/api/console/me").await
}

/// Changes the signed-in person's own password.
pub async fn change_password(request: &PasswordChange) -> Result<(), ApiError> {
    send("/api/console/me/password", json(request), None)
        .await
        .map(drop)
}

/// `path` followed by `?date=` when a date is given.
fn dated(path: &str, key: &str, date: Option<NaiveDate>) -> String {
    let mut url = String::from(path);
    if let Some(date) = date {
        url.push('?');
        url.push_str(key);
        url.push('=');
        url.push_str(&date.to_string());
    }
    url
}

/// The day's schedule; `None` is today in the clinic's zone.
pub async fn day(date: Option<NaiveDate>) -> Result<DaySchedule, ApiError> {
    get(&dated("/api/console/day", "date", date)).await
}

/// The week containing `start` (from its Monday); `None` is this week.
pub async fn week(start: Option<NaiveDate>) -> Result<WeekOverview, ApiError> {
    get(&dated("/api/console/week", "start", start)).await
}

pub async fn attendance(id: i64, request: &AttendanceRequest) -> Result<(), ApiError> {
    let url = api_path(&["console", "appointments", &id.to_string(), "attendance"]);
    send(&url, json(request), None).await.map(drop)
}

/// Cancels on the patient's behalf (front desk and admin; 403 for practitioners).
pub async fn cancel(id: i64, request: &StaffCancelRequest) -> Result<(), ApiError> {
    let url = api_path(&["console", "appointments", &id.to_string(), "cancel"]);
    send(&url, json(request), None).await.map(drop)
}

/// Books on the patient's behalf (the phone call), through the same checks as online booking.
pub async fn book(request: &BookingRequest) -> Result<StaffBooking, ApiError> {
    call("/api/console/appointments", json(request), None).await
}

/// "Running N minutes late" today for a practitioner; 0 clears it.
pub async fn running_late(
    practitioner_id: i64,
    request: &RunningLateRequest,
) -> Result<(), ApiError> {
    let url = api_path(&[
        "console",
        "practitioners",
        &practitioner_id.to_string(),
        "running-late",
    ]);
    send_as(Some("PUT"), &url, json(request), None)
        .await
        .map(drop)
}

/// People whose name, email or phone matches `query` (the text goes in the query string only
/// as typed by staff, never logged: the server logs route templates).
pub async fn patients(query: &str) -> Result<Vec<PatientMatch>, ApiError> {
    let mut url = String::from("/api/console/patients?q=");
    url.push_str(&String::from(js_sys::encode_uri_component(query)));
    get(&url).await
}

pub async fn patient(id: i64) -> Result<PatientTimeline, ApiError> {
    get(&api_path(&["console", "patients", &id.to_string()])).await
}

/// Erases a person's personal data (admins; 403 for others). Erasing twice is fine.
pub async fn erase_patient(id: i64) -> Result<PatientErased, ApiError> {
    let url = api_path(&["console", "patients", &id.to_string(), "erase"]);
    call(&url, Some("{}".into()), None).await
}

// Setting up the clinic (admins).

pub async fn clinic_settings() -> Result<ClinicSettings, ApiError> {
    get("/api/console/clinic").await
}

pub async fn save_clinic_settings(settings: &ClinicSettings) -> Result<ClinicSettings, ApiError> {
    call_as(Some("PUT"), "/api/console/clinic", json(settings)).await
}

/// Whether the clinic's open times are published for appointment finders (admins).
pub async fn publishing() -> Result<PublishingSettings, ApiError> {
    get("/api/console/publishing").await
}

pub async fn save_publishing(
    settings: &PublishingSettings,
) -> Result<PublishingSettings, ApiError> {
    call_as(Some("PUT"), "/api/console/publishing", json(settings)).await
}

pub async fn services() -> Result<Vec<ServiceAdmin>, ApiError> {
    get("/api/console/services").await
}

pub async fn create_service(draft: &ServiceDraft) -> Result<ServiceAdmin, ApiError> {
    call("/api/console/services", json(draft), None).await
}

pub async fn update_service(id: i64, draft: &ServiceDraft) -> Result<ServiceAdmin, ApiError> {
    let url = api_path(&["console", "services", &id.to_string()]);
    call_as(Some("PUT"), &url, json(draft)).await
}

pub async fn retire_service(id: i64, request: &RetireRequest) -> Result<ServiceAdmin, ApiError> {
    let url = api_path(&["console", "services", &id.to_string(), "retire"]);
    call(&url, json(request), None).await
}

pub async fn practitioners() -> Result<Vec<PractitionerAdmin>, ApiError> {
    get("/api/console/practitioners").await
}

/// One practitioner with the booked visits that no longer fit their hours or time off.
pub async fn practitioner(id: i64) -> Result<ScheduleChange, ApiError> {
    get(&api_path(&["console", "practitioners", &id.to_string()])).await
}

pub async fn create_practitioner(draft: &PractitionerDraft) -> Result<PractitionerAdmin, ApiError> {
    call("/api/console/practitioners", json(draft), None).await
}

pub async fn update_practitioner(
    id: i64,
    draft: &PractitionerDraft,
) -> Result<PractitionerAdmin, ApiError> {
    let url = api_path(&["console", "practitioners", &id.to_string()]);
    call_as(Some("PUT"), &url, json(draft)).await
}

pub async fn set_hours(id: i64, request: &HoursRequest) -> Result<ScheduleChange, ApiError> {
    let url = api_path(&["console", "practitioners", &id.to_string(), "hours"]);
    call_as(Some("PUT"), &url, json(request)).await
}

pub async fn add_time_off(id: i64, request: &TimeOffRequest) -> Result<ScheduleChange, ApiError> {
    let url = api_path(&["console", "practitioners", &id.to_string(), "time-off"]);
    call(&url, json(request), None).await
}

pub async fn remove_time_off(id: i64, time_off_id: i64) -> Result<ScheduleChange, ApiError> {
    let url = api_path(&[
        "console",
        "practitioners",
        &id.to_string(),
        "time-off",
        &time_off_id.to_string(),
    ]);
    call_as(Some("DELETE"), &url, None).await
}

pub async fn staff() -> Result<Vec<StaffAccount>, ApiError> {
    get("/api/console/staff").await
}

pub async fn create_staff(request: &NewStaffRequest) -> Result<StaffCreated, ApiError> {
    call("/api/console/staff", json(request), None).await
}

pub async fn update_staff(id: i64, request: &StaffUpdate) -> Result<StaffAccount, ApiError> {
    let url = api_path(&["console", "staff", &id.to_string()]);
    call_as(Some("PUT"), &url, json(request)).await
}

/// Filters for the audit log; empty ones are left out of the query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    pub staff_id: Option<i64>,
    pub action: String,
    pub record_type: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub before: Option<i64>,
}

pub async fn audit(filter: &AuditFilter) -> Result<AuditPage, ApiError> {
    let mut url = String::from("/api/console/audit");
    let mut sep = '?';
    let mut add = |key: &str, value: String| {
        if value.is_empty() {
            return;
        }
        url.push(sep);
        sep = '&';
        url.push_str(key);
        url.push('=');
        url.push_str(&String::from(js_sys::encode_uri_component(&value)));
    };
    add(
        "staff_id",
        filter.staff_id.map(|v| v.to_string()).unwrap_or_default(),
    );
    add("action", filter.action.clone());
    add("record_type", filter.record_type.clone());
    add(
        "from",
        filter.from.map(|d| d.to_string()).unwrap_or_default(),
    );
    add("to", filter.to.map(|d| d.to_string()).unwrap_or_default());
    add(
        "before",
        filter.before.map(|v| v.to_string()).unwrap_or_default(),
    );
    get(&url).await
}
