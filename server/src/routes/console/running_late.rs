//! `PUT /api/console/practitioners/{id}/running-late`: "running N minutes late" for today.

use super::auth::{AnyRole, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::RunningLateRequest;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

/// Longer than this is not "running late" but a rescheduling job.
const MAX_MINUTES: u32 = 240;

#[utoipa::path(
    put,
    path = "/console/practitioners/{id}/running-late",
    tag = "console",
    summary = "Say a practitioner is running late today",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = RunningLateRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved; visit pages show the expected start.", body = serde_json::Value),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`minutes` is more than the allowed delay (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn set(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RunningLateRequest>,
) -> ApiResult<Json<Value>> {
    if request.minutes > MAX_MINUTES {
        return Err(ApiError::field("minutes", "too_long"));
    }
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let clinic = db::clinics::find_by_id(&mut tx, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    // Front desk and admins for anyone at the clinic; a practitioner for themselves only.
    let practitioner = id
        .parse::<i64>()
        .ok()
        .filter(|id| staff.own_practitioner().is_none_or(|own| own == *id));
    let practitioners = db::clinics::practitioners(&mut tx, clinic.id).await?;
    let practitioner = practitioner
        .and_then(|id| practitioners.iter().find(|p| p.id == id))
        .ok_or(ApiError::NotFound("Practitioner"))?;
    let today = now.with_timezone(&clinic.tz()).date_naive().to_string();
    db::running_late::set(
        &mut tx,
        practitioner.id,
        &today,
        request.minutes,
        staff.id(),
        now,
    )
    .await?;
    db::staff::audit(
        &mut tx,
        &AuditEntry {
            clinic_id: clinic.id,
            staff_id: staff.id(),
            action: "running_late",
            record_type: "practitioner",
            record_id: &practitioner.id.to_string(),
            address: &staff.address,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(
        json!({ "practitioner_id": practitioner.id, "date": today, "minutes": request.minutes }),
    ))
}
