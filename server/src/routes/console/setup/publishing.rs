//! `GET`/`PUT /api/console/publishing`: whether the clinic's open times are published for slot
//! finders (SMART Scheduling Links, `/fhir/$bulk-publish`; see `routes::fhir::publish`). The
//! files are computed on each request, so a change shows in the next poll.

use super::{audit, own_clinic};
use crate::db;
use crate::error::ApiResult;
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::fhir::PublishingSettings;
use axum::extract::State;
use axum::Json;

#[utoipa::path(
    get,
    path = "/console/publishing",
    tag = "console",
    summary = "Whether the clinic's open times are published",
    description = "On: the clinic's free and busy times (no patient data) are in the public SMART Scheduling Links files listed at `/fhir/$bulk-publish`. Off: the clinic is in no file.",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The switch as it is.", body = PublishingSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<PublishingSettings>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, &staff).await?;
    let publish_slots = db::fhir::publishes_slots(&mut conn, clinic.id).await?;
    Ok(Json(PublishingSettings { publish_slots }))
}

#[utoipa::path(
    put,
    path = "/console/publishing",
    tag = "console",
    summary = "Switch publishing the clinic's open times on or off",
    description = "Applies to the next request for the published files.",
    request_body = PublishingSettings,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = PublishingSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`publish_slots` is missing or not a boolean (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(request): ApiJson<PublishingSettings>,
) -> ApiResult<Json<PublishingSettings>> {
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    db::fhir::set_publish_slots(&mut tx, clinic.id, request.publish_slots).await?;
    audit(
        &mut tx,
        &staff,
        "update_publishing",
        "clinic",
        clinic.id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(request))
}
