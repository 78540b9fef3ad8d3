//! `GET`/`PUT /api/console/reminders`: when the clinic's reminders go out, in minutes before
//! each visit. A change applies to visits booked or moved from then on; reminders already
//! queued keep the times they were planned with (a patient told "we will remind you the day
//! before" is not surprised by a different time, and no queued row is rewritten under the
//! sending worker).

use super::{audit, own_clinic};
use crate::db;
use crate::domain::messages::{self, validate_offsets};
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::messages::ReminderSettings;
use axum::extract::State;
use axum::Json;

#[utoipa::path(
    get,
    path = "/console/reminders",
    tag = "console",
    summary = "When the clinic's reminders go out",
    description = "Minutes before each visit, longest first; an empty list means no reminders.",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The reminder times.", body = ReminderSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<ReminderSettings>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, &staff).await?;
    let stored = db::setup::reminder_offsets(&mut conn, clinic.id).await?;
    Ok(Json(settings(&stored)))
}

#[utoipa::path(
    put,
    path = "/console/reminders",
    tag = "console",
    summary = "Change when the clinic's reminders go out",
    description = "At most 3 times, each from 30 minutes to 14 days (20160 minutes) before the visit, no repeats; an empty list turns reminders off. Applies to visits booked or moved from now on: reminders already queued keep their times.",
    request_body = ReminderSettings,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved, as stored (longest first).", body = ReminderSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`fields.minutes_before` is `too_many` (more than 3), `out_of_range` (under 30 minutes or over 14 days) or `repeated` (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(request): ApiJson<ReminderSettings>,
) -> ApiResult<Json<ReminderSettings>> {
    let minutes = validate_offsets(&request.minutes_before)
        .map_err(|rejected| ApiError::field("minutes_before", rejected.code()))?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    let stored = messages::format_offsets(&minutes);
    db::setup::save_reminder_offsets(&mut tx, clinic.id, &stored).await?;
    audit(
        &mut tx,
        &staff,
        "update_reminders",
        "clinic",
        clinic.id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(settings(&stored)))
}

/// The stored text as the console shows it, longest first.
fn settings(stored: &str) -> ReminderSettings {
    let mut minutes_before = messages::parse_offsets(stored);
    minutes_before.sort_unstable_by(|a, b| b.cmp(a));
    ReminderSettings { minutes_before }
}
