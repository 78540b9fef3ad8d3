//! Reschedule and cancel, allowed online until the clinic's late-cancel window.

use super::view::{appointment_view, find_by_token};
use crate::db::{self, appointments::AppointmentRow, clinics::ClinicRow};
use crate::domain::change_policy::{self, ChangeBlocked};
use crate::domain::messages::VisitEvent;
use crate::error::{is_slot_taken, ApiError, ApiResult};
use crate::routes::availability::{
    practitioner_for_start, schedules_around, service_and_practitioners, slot_taken,
};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::{Appointment, CancelRequest, RescheduleRequest};
use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};

const CANCEL_REASON_MAX: usize = 500;

#[utoipa::path(
    post,
    path = "/appointments/{token}/cancel",
    tag = "patient",
    summary = "Cancel a visit",
    description = "Cancels the visit at the patient's request: it is recorded as cancelled by the patient, now (what the clinic's patient-cancel and late-cancel figures count).",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled (cancelling twice answers the cancelled visit).", body = Appointment),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "Too close to the visit to change online (`late_change`, with the clinic's `phone`), or it has already started (`past`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The reason is longer than 500 characters (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<CancelRequest>,
) -> ApiResult<Json<Appointment>> {
    let reason = request
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > CANCEL_REASON_MAX)
    {
        return Err(ApiError::field("reason", "too_long"));
    }
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, &token).await?;
    // Cancelling twice is answered with the cancelled visit: a double tap is not an error.
    if !row.is_cancelled() {
        ensure_may_change(&row, &clinic, now)?;
        // Recorded as the patient's own cancellation: the patient-cancel figure counts it.
        db::appointments::cancel(
            &mut tx,
            row.id,
            reason.as_deref(),
            app::wire::console::CancelledBy::Patient,
            now,
        )
        .await?;
        db::outbox::queue_for_event(&mut tx, row.id, VisitEvent::Cancelled, now).await?;
    }
    let row = reload(&mut tx, row.id).await?;
    let view = appointment_view(&mut tx, &row, &clinic, None, now).await?;
    tx.commit().await?;
    tracing::info!(appointment_id = row.id, "appointment cancelled");
    // The freed time goes to the waitlist.
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    Ok(Json(view))
}

#[utoipa::path(
    post,
    path = "/appointments/{token}/reschedule",
    tag = "patient",
    summary = "Move a visit to another time",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    request_body = RescheduleRequest,
    responses(
        (status = 200, description = "Moved.", body = Appointment),
        (status = 404, description = "No visit has this token, or no such practitioner (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The time was just taken (`slot_taken`, with `alternatives`), the visit is cancelled (`cancelled`), too close to change online (`late_change`, with `phone`) or already started (`past`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The new time is too soon, beyond the horizon or not bookable, or the practitioner does not offer the service (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn reschedule(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<RescheduleRequest>,
) -> ApiResult<Json<Appointment>> {
    let now = state.now();
    let mut tries = 0;
    loop {
        tries += 1;
        match move_visit(&state, &token, &request, now).await {
            // PostgreSQL ended this transaction to let a concurrent one through (two visits
            // moving into one time can wait on each other): try again, afresh.
            Err(error) if error.is_retryable() && tries < db::TRIES_ON_CONFLICT => continue,
            outcome => return outcome.map(Json),
        }
    }
}

async fn move_visit(
    state: &AppState,
    token: &str,
    request: &RescheduleRequest,
    now: DateTime<Utc>,
) -> ApiResult<Appointment> {
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, token).await?;
    ensure_may_change(&row, &clinic, now)?;

    let wanted_practitioner = request.practitioner_id.unwrap_or(row.practitioner_id);
    let (service, practitioner_ids) =
        service_and_practitioners(&mut tx, &clinic, row.service_id, Some(wanted_practitioner))
            .await?;
    db::appointments::take_practitioners_turn(&mut tx, &practitioner_ids).await?;
    // A time held for a waiting patient whose hold ran out is free again.
    let scope = db::waitlist::HoldScope::Practitioners(&practitioner_ids);
    db::waitlist::expire_due_holds(&mut tx, scope, now).await?;
    let rules = clinic.rules();
    let shape = service.shape();
    // The visit's own time is free for it: moving by fifteen minutes must not collide with itself.
    let schedules =
        schedules_around(&mut tx, &practitioner_ids, request.start, Some(row.id)).await?;
    let practitioner_id = practitioner_for_start(&rules, &shape, &schedules, request.start, now)?;
    let moved = db::appointments::reschedule(
        &mut tx,
        row.id,
        practitioner_id,
        request.start,
        shape.end(request.start),
        shape.blocked_interval(request.start),
        now,
    )
    .await;
    match moved {
        Ok(()) => {
            db::outbox::queue_for_event(&mut tx, row.id, VisitEvent::Rescheduled, now).await?
        }
        Err(error) if is_slot_taken(&error) => {
            return Err(slot_taken(&rules, &shape, &schedules, request.start, now))
        }
        Err(error) => return Err(error.into()),
    }
    let row = reload(&mut tx, row.id).await?;
    let view = appointment_view(&mut tx, &row, &clinic, None, now).await?;
    tx.commit().await?;
    tracing::info!(appointment_id = row.id, "appointment rescheduled");
    // The old time goes to the waitlist.
    crate::waitlist::offer_freed_time(state, clinic.id).await;
    Ok(view)
}

fn ensure_may_change(
    row: &AppointmentRow,
    clinic: &ClinicRow,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let hours = db::clinics::to_u32(clinic.late_cancel_hours);
    change_policy::may_change(row.is_cancelled(), row.start(), now, hours).map_err(|blocked| {
        match blocked {
            ChangeBlocked::LateChange => ApiError::LateChange {
                phone: clinic.phone.clone(),
                hours,
            },
            ChangeBlocked::Cancelled => ApiError::Conflict(
                "cancelled",
                "This visit was cancelled; please book a new one.".into(),
            ),
            ChangeBlocked::Past => {
                ApiError::Conflict("past", "This visit has already started or ended.".into())
            }
        }
    })
}

async fn reload(conn: &mut db::Conn, id: i64) -> ApiResult<AppointmentRow> {
    db::appointments::find_by_id(conn, id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))
}
