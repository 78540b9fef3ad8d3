//! `GET`/`PUT /api/console/embed`: the web sites allowed to show the clinic's booking widget.
//! The list is read on every load of `/embed/{clinic}` (see `routes::embed`), so a change
//! applies to the next widget a patient opens.

use super::{audit, own_clinic};
use crate::db;
use crate::domain::embed::validate_origins;
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::embed::EmbedSettings;
use axum::extract::State;
use axum::Json;

#[utoipa::path(
    get,
    path = "/console/embed",
    tag = "console",
    summary = "The web sites allowed to show the booking widget",
    description = "Origins (`https://clinic.example`), in the order the admin listed them; an empty list means the widget works on no other site.",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The allowed web sites.", body = EmbedSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<EmbedSettings>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, &staff).await?;
    let origins = db::embed::origins(&mut conn, clinic.id).await?;
    Ok(Json(EmbedSettings { origins }))
}

#[utoipa::path(
    put,
    path = "/console/embed",
    tag = "console",
    summary = "Change the web sites allowed to show the booking widget",
    description = "At most 20 origins: `https://` and a host (and port), no path; plain `http://` only for `localhost` and loopback addresses. Stored lower-case without a default port. Applies to the next widget loaded.",
    request_body = EmbedSettings,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved, as stored (normalised).", body = EmbedSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`fields.origins` is `not_an_origin` (not `scheme://host[:port]`: a path, query, user name or wildcard), `needs_https` (plain http for a site that is not this machine), `repeated` or `too_many` (more than 20) (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(request): ApiJson<EmbedSettings>,
) -> ApiResult<Json<EmbedSettings>> {
    let origins = validate_origins(&request.origins)
        .map_err(|rejected| ApiError::field("origins", rejected.code()))?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    db::embed::replace_origins(&mut tx, clinic.id, &origins, now).await?;
    audit(&mut tx, &staff, "update_embed", "clinic", clinic.id, now).await?;
    tx.commit().await?;
    Ok(Json(EmbedSettings { origins }))
}
