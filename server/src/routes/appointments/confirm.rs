//! The patient's one-tap "I'll be there" from a reminder (`/a/{token}/coming` posts here). The
//! first answer counts: answering again returns the time of the first, so a double tap or a
//! second reminder's link changes nothing. The console's day view shows it.

use super::view::find_by_token;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::routes::AppState;
use app::wire::messages::PatientConfirmation;
use axum::extract::{Path, State};
use axum::Json;

/// What `appointment_events` records (no staff: the patient, online).
const EVENT: &str = "patient_confirmed";

#[utoipa::path(
    post,
    path = "/appointments/{token}/confirm",
    tag = "patient",
    summary = "The patient's \"I'll be there\"",
    description = "Marks the visit as confirmed by the patient (the one-tap answer to a reminder); the clinic's day view shows it. No body. Answering again returns the first answer's time.",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    responses(
        (status = 200, description = "Confirmed, with when (the first answer's time), whom to thank, the clinic and the visit's language.", body = PatientConfirmation),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The visit was cancelled (`cancelled`) or has already started (`past`).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<PatientConfirmation>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, &token).await?;
    if row.is_cancelled() {
        return Err(ApiError::Conflict(
            "cancelled",
            "This visit was cancelled; please book a new one.".into(),
        ));
    }
    if now >= row.start() {
        return Err(ApiError::Conflict(
            "past",
            "This visit has already started or ended.".into(),
        ));
    }
    if db::confirmations::confirm_once(&mut tx, row.id, now).await? {
        db::staff::appointment_event(&mut tx, row.id, None, EVENT, None, now).await?;
    }
    let confirmed_at = db::confirmations::confirmed_at(&mut tx, row.id)
        .await?
        .unwrap_or(now);
    tx.commit().await?;
    tracing::info!(
        appointment_id = row.id,
        "appointment confirmed by the patient"
    );
    Ok(Json(PatientConfirmation {
        confirmed_at,
        greeting_name: row.greeting_name(),
        clinic_name: clinic.name,
        language: row.language(),
    }))
}
