//! `POST /api/console/appointments`: front desk books for a patient on the phone, through the
//! very same path as an online booking, and gets the visit page link to read out.

use super::auth::{Desk, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::error::{ApiError, ApiResult};
use crate::routes::appointments::book::{book_visit, idempotency_key};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::StaffBooking;
use app::wire::BookingRequest;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;

#[utoipa::path(
    post,
    path = "/console/appointments",
    tag = "console",
    summary = "Book a visit for a patient (by phone)",
    request_body = BookingRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Booked; the answer has the visit link to pass on.", body = StaffBooking),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such service or practitioner (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The time was just taken (`slot_taken`, with `alternatives`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Bad or missing details, or a time that is not bookable (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn book_for_patient(
    State(state): State<AppState>,
    staff: Staff<Desk>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<BookingRequest>,
) -> ApiResult<(StatusCode, Json<StaffBooking>)> {
    let key = idempotency_key(&headers)?;
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    drop(conn);
    let appointment = book_visit(&state, &clinic, request, key, Some(staff.id())).await?;
    let mut conn = state.db.pool.acquire().await?;
    if let Some(row) = db::appointments::find_by_token(&mut conn, &appointment.token).await? {
        let entry = AuditEntry {
            clinic_id: clinic.id,
            staff_id: staff.id(),
            action: "book",
            record_type: "appointment",
            record_id: &row.id.to_string(),
            address: &staff.address,
        };
        db::staff::audit(&mut conn, &entry, state.now()).await?;
    }
    let visit_url = state.visit_url(&appointment.token);
    Ok((
        StatusCode::CREATED,
        Json(StaffBooking {
            appointment,
            visit_url,
        }),
    ))
}
