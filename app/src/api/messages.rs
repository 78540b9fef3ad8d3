//! The one-tap answers of a reminder message. The visit token is the key, as for the visit.

use super::{api_path, call_as, ApiError};
use crate::wire::messages::{PatientConfirmation, ReminderSettings, VisitMessages};

/// The patient's "I'll be there": a POST without a body. Answering again returns the first
/// answer; a cancelled visit is refused with 409 `cancelled`, a started one with 409 `past`.
pub async fn confirm_visit(token: &str) -> Result<PatientConfirmation, ApiError> {
    call_as(
        Some("POST"),
        &api_path(&["appointments", token, "confirm"]),
        None,
    )
    .await
}

/// What was sent to the patient about a visit, and whether they confirmed (console).
pub async fn visit_messages(appointment_id: i64) -> Result<VisitMessages, ApiError> {
    super::get(&api_path(&[
        "console",
        "appointments",
        &appointment_id.to_string(),
        "messages",
    ]))
    .await
}

/// When the clinic's reminders go out (admins).
pub async fn reminders() -> Result<ReminderSettings, ApiError> {
    super::get("/api/console/reminders").await
}

/// Replaces the reminder times; 422 `fields.minutes_before` says why they were refused.
pub async fn save_reminders(settings: &ReminderSettings) -> Result<ReminderSettings, ApiError> {
    call_as(Some("PUT"), "/api/console/reminders", super::json(settings)).await
}
