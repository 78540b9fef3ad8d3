//! Staff changes to an appointment on the day: attendance, and cancelling for the patient.
//! Each is timestamped, recorded with who made it, and audited.

use super::auth::{AnyRole, Desk, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::domain::messages::VisitEvent;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::{AttendanceRequest, StaffCancelRequest};
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

const REASON_MAX: usize = 500;

/// The appointment's id if it belongs to the staff member's clinic (and, for a practitioner,
/// to them); anything else is the same 404 as an id that does not exist.
pub(super) async fn own_appointment<R: super::auth::Allowed>(
    conn: &mut db::Conn,
    staff: &Staff<R>,
    id: &str,
) -> ApiResult<db::appointments::AppointmentRow> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Appointment"))?;
    let row = db::appointments::find_by_id(conn, id)
        .await?
        .filter(|row| row.clinic_id == staff.clinic_id())
        .filter(|row| {
            staff
                .own_practitioner()
                .is_none_or(|own| own == row.practitioner_id)
        })
        .ok_or(ApiError::NotFound("Appointment"))?;
    Ok(row)
}

#[utoipa::path(
    post,
    path = "/console/appointments/{id}/attendance",
    tag = "console",
    summary = "Mark a visit arrived, seen or no-show",
    params(
        ("id" = i64, Path, description = "The visit's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = AttendanceRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = serde_json::Value),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such visit in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The visit was cancelled (`cancelled`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Unknown attendance (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn attendance(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AttendanceRequest>,
) -> ApiResult<Json<Value>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = own_appointment(&mut tx, &staff, &id).await?;
    if row.is_cancelled() {
        return Err(ApiError::Conflict(
            "cancelled",
            "This visit was cancelled.".into(),
        ));
    }
    let code = request.attendance.code();
    sqlx::query("UPDATE appointments SET attendance = $1, updated_at = $2 WHERE id = $3")
        .bind(code)
        .bind(db::to_epoch(now))
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    db::staff::appointment_event(&mut tx, row.id, Some(staff.id()), code, None, now).await?;
    if request.attendance == app::wire::console::Attendance::Completed {
        db::outbox::queue_for_event(&mut tx, row.id, VisitEvent::Completed, now).await?;
    }
    audit_write(&mut tx, &staff, row.id, code, now).await?;
    tx.commit().await?;
    Ok(Json(json!({ "id": row.id, "attendance": code })))
}

#[utoipa::path(
    post,
    path = "/console/appointments/{id}/cancel",
    tag = "console",
    summary = "Cancel a visit for a patient",
    description = "Cancels the visit, recorded with when and who asked for it: `cancelled_by` is `patient` (the patient called; the default) or `clinic` (the clinic had to cancel). Clinic cancellations are left out of the patient-cancel, late-cancel and adherence figures.",
    params(
        ("id" = i64, Path, description = "The visit's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = StaffCancelRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Cancelled.", body = serde_json::Value),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such visit in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The reason is missing or too long (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    staff: Staff<Desk>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StaffCancelRequest>,
) -> ApiResult<Json<Value>> {
    let reason = request.reason.trim().to_string();
    if reason.is_empty() {
        return Err(ApiError::field("reason", "required"));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(ApiError::field("reason", "too_long"));
    }
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let row = own_appointment(&mut tx, &staff, &id).await?;
    // Staff may cancel inside the late-cancel window: the patient called.
    if !row.is_cancelled() {
        db::appointments::cancel(&mut tx, row.id, Some(&reason), request.cancelled_by, now).await?;
        db::outbox::queue_for_event(&mut tx, row.id, VisitEvent::Cancelled, now).await?;
        db::staff::appointment_event(
            &mut tx,
            row.id,
            Some(staff.id()),
            "cancelled",
            Some(&reason),
            now,
        )
        .await?;
        audit_write(&mut tx, &staff, row.id, "cancel", now).await?;
    }
    tx.commit().await?;
    // The freed time goes to the waitlist.
    crate::waitlist::offer_freed_time(&state, row.clinic_id).await;
    Ok(Json(json!({ "id": row.id, "status": "cancelled" })))
}

async fn audit_write<R: super::auth::Allowed>(
    conn: &mut db::Conn,
    staff: &Staff<R>,
    appointment_id: i64,
    action: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    db::staff::audit(
        conn,
        &AuditEntry {
            clinic_id: staff.clinic_id(),
            staff_id: staff.id(),
            action,
            record_type: "appointment",
            record_id: &appointment_id.to_string(),
            address: &staff.address,
        },
        now,
    )
    .await?;
    Ok(())
}
