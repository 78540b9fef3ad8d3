//! The clinic's services: list (retired too), create, edit, retire or offer again. Who offers a
//! service is saved with it. A retired service disappears for patients (see
//! `db::clinics::offered_services`) while its existing visits stay.

use super::checks::{tidy, unique_ids, Checks, LONG_TEXT, SHORT_TEXT};
use super::naming::free_code;
use super::{audit, own_clinic, path_id};
use crate::db::{self, clinics::ServiceRow, setup::Coded, Conn};
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::setup::{RetireRequest, ServiceAdmin, ServiceDraft};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

#[utoipa::path(
    get,
    path = "/console/services",
    tag = "console",
    summary = "Every service, retired ones too",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The services.", body = Vec<ServiceAdmin>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<Vec<ServiceAdmin>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(all(&mut conn, staff.clinic_id()).await?))
}

#[utoipa::path(
    post,
    path = "/console/services",
    tag = "console",
    summary = "Add a service",
    request_body = ServiceDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Added.", body = ServiceAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing or out of range, or names an unknown practitioner (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(mut draft): ApiJson<ServiceDraft>,
) -> ApiResult<(StatusCode, Json<ServiceAdmin>)> {
    check(&mut draft)?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    check_practitioners(&mut tx, clinic.id, &draft.practitioner_ids).await?;
    let taken = db::setup::taken_codes(&mut tx, Coded::Services, clinic.id).await?;
    let code = free_code(&draft.name_en, "service", &taken);
    let id = db::setup::insert_service(&mut tx, clinic.id, &code, &draft).await?;
    db::setup::set_service_practitioners(&mut tx, id, &draft.practitioner_ids).await?;
    audit(&mut tx, &staff, "create", "service", id, now).await?;
    let saved = one(&mut tx, clinic.id, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(
    put,
    path = "/console/services/{id}",
    tag = "console",
    summary = "Change a service",
    params(
        ("id" = i64, Path, description = "The service's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = ServiceDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = ServiceAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such service in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing or out of range, or names an unknown practitioner (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(mut draft): ApiJson<ServiceDraft>,
) -> ApiResult<Json<ServiceAdmin>> {
    let id = path_id(&id, "Service")?;
    check(&mut draft)?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, clinic.id, id).await?;
    check_practitioners(&mut tx, clinic.id, &draft.practitioner_ids).await?;
    db::setup::update_service(&mut tx, clinic.id, id, &draft).await?;
    db::setup::set_service_practitioners(&mut tx, id, &draft.practitioner_ids).await?;
    audit(&mut tx, &staff, "update", "service", id, now).await?;
    let saved = one(&mut tx, clinic.id, id).await?;
    tx.commit().await?;
    Ok(Json(saved))
}

/// `retired: true` takes the service away from patients; `false` offers it again (recorded as
/// an update).
#[utoipa::path(
    post,
    path = "/console/services/{id}/retire",
    tag = "console",
    summary = "Retire a service, or bring it back",
    params(
        ("id" = i64, Path, description = "The service's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = RetireRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = ServiceAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such service in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The body is malformed (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn retire(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RetireRequest>,
) -> ApiResult<Json<ServiceAdmin>> {
    let id = path_id(&id, "Service")?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, clinic.id, id).await?;
    db::setup::set_retired(&mut tx, clinic.id, id, request.retired, now).await?;
    let action = if request.retired { "retire" } else { "update" };
    audit(&mut tx, &staff, action, "service", id, now).await?;
    let saved = one(&mut tx, clinic.id, id).await?;
    tx.commit().await?;
    Ok(Json(saved))
}

/// Tidies the draft, or names every field that needs attention.
fn check(draft: &mut ServiceDraft) -> ApiResult<()> {
    for text in [
        &mut draft.name_en,
        &mut draft.name_es,
        &mut draft.description_en,
        &mut draft.description_es,
        &mut draft.what_to_expect_en,
        &mut draft.what_to_expect_es,
        &mut draft.cost_note_en,
        &mut draft.cost_note_es,
        &mut draft.preparation_en,
        &mut draft.preparation_es,
    ] {
        tidy(text);
    }
    unique_ids(&mut draft.practitioner_ids);
    let mut checks = Checks::default();
    checks.required("name_en", &draft.name_en, SHORT_TEXT);
    checks.required("name_es", &draft.name_es, SHORT_TEXT);
    for (field, text) in [
        ("description_en", &draft.description_en),
        ("description_es", &draft.description_es),
        ("what_to_expect_en", &draft.what_to_expect_en),
        ("what_to_expect_es", &draft.what_to_expect_es),
        ("cost_note_en", &draft.cost_note_en),
        ("cost_note_es", &draft.cost_note_es),
        ("preparation_en", &draft.preparation_en),
        ("preparation_es", &draft.preparation_es),
    ] {
        checks.at_most(field, text, LONG_TEXT);
    }
    checks.within("duration_minutes", draft.duration_minutes, 5..=480);
    checks.within(
        "buffer_before_minutes",
        draft.buffer_before_minutes,
        0..=120,
    );
    checks.within("buffer_after_minutes", draft.buffer_after_minutes, 0..=120);
    checks.done()
}

/// Every id must be one of this clinic's practitioners.
async fn check_practitioners(conn: &mut Conn, clinic_id: i64, ids: &[i64]) -> ApiResult<()> {
    let ours = db::clinics::practitioners(conn, clinic_id).await?;
    if ids.iter().all(|id| ours.iter().any(|p| p.id == *id)) {
        Ok(())
    } else {
        Err(ApiError::field("practitioner_ids", "unknown_practitioner"))
    }
}

/// Every service of the clinic with who offers it.
async fn all(conn: &mut Conn, clinic_id: i64) -> ApiResult<Vec<ServiceAdmin>> {
    let services = db::clinics::all_services(conn, clinic_id).await?;
    let links = db::setup::service_links(conn, clinic_id).await?;
    Ok(services
        .into_iter()
        .map(|service| {
            let offered_by = links
                .iter()
                .filter(|(service_id, _)| *service_id == service.id)
                .map(|(_, practitioner_id)| *practitioner_id)
                .collect();
            admin_view(service, offered_by)
        })
        .collect())
}

/// One service of the clinic, or 404 (also for another clinic's).
async fn one(conn: &mut Conn, clinic_id: i64, id: i64) -> ApiResult<ServiceAdmin> {
    all(conn, clinic_id)
        .await?
        .into_iter()
        .find(|service| service.id == id)
        .ok_or(ApiError::NotFound("Service"))
}

fn admin_view(row: ServiceRow, practitioner_ids: Vec<i64>) -> ServiceAdmin {
    let to_u32 = db::clinics::to_u32;
    ServiceAdmin {
        id: row.id,
        retired: !row.offered,
        service: ServiceDraft {
            kind: row.kind(),
            duration_minutes: to_u32(row.duration_minutes),
            buffer_before_minutes: to_u32(row.buffer_before_minutes),
            buffer_after_minutes: to_u32(row.buffer_after_minutes),
            name_en: row.name_en,
            name_es: row.name_es,
            description_en: row.description_en,
            description_es: row.description_es,
            what_to_expect_en: row.what_to_expect_en,
            what_to_expect_es: row.what_to_expect_es,
            cost_note_en: row.cost_note_en,
            cost_note_es: row.cost_note_es,
            preparation_en: row.preparation_en,
            preparation_es: row.preparation_es,
            practitioner_ids,
        },
    }
}
