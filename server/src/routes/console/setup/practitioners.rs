//! The clinic's practitioners: list with their week, add (no hours yet), edit the profile and
//! the services they offer. Hours and time off are in `schedule.rs`.

use super::checks::{tidy, tidy_optional, unique_ids, Checks, LONG_TEXT, SHORT_TEXT};
use super::naming::{free_code, initials};
use super::{audit, own_clinic, path_id};
use crate::db::{self, clinics::ClinicRow, clinics::PractitionerRow, setup::Coded, Conn};
use crate::domain::schedule_fit::{clock_text, local_text};
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::setup::{PractitionerAdmin, PractitionerDraft, TimeOff, WeeklyBlock};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};

const PRONOUNS_MAX: usize = 40;

#[utoipa::path(
    get,
    path = "/console/practitioners",
    tag = "console",
    summary = "Every practitioner",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The practitioners.", body = Vec<PractitionerAdmin>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<Vec<PractitionerAdmin>>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, &staff).await?;
    Ok(Json(all(&mut conn, &clinic, state.now()).await?))
}

#[utoipa::path(
    post,
    path = "/console/practitioners",
    tag = "console",
    summary = "Add a practitioner",
    request_body = PractitionerDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Added.", body = PractitionerAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing or too long, or names an unknown service (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(mut draft): ApiJson<PractitionerDraft>,
) -> ApiResult<(StatusCode, Json<PractitionerAdmin>)> {
    check(&mut draft)?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    check_services(&mut tx, clinic.id, &draft.service_ids).await?;
    let taken = db::setup::taken_codes(&mut tx, Coded::Practitioners, clinic.id).await?;
    let code = free_code(&draft.display_name, "practitioner", &taken);
    let initials = initials(&draft.display_name);
    let id = db::setup::insert_practitioner(&mut tx, clinic.id, &code, &initials, &draft).await?;
    db::setup::set_practitioner_services(&mut tx, id, &draft.service_ids).await?;
    audit(&mut tx, &staff, "create", "practitioner", id, now).await?;
    let saved = one(&mut tx, &clinic, id, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(
    put,
    path = "/console/practitioners/{id}",
    tag = "console",
    summary = "Change a practitioner",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = PractitionerDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = PractitionerAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing or too long, or names an unknown service (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(mut draft): ApiJson<PractitionerDraft>,
) -> ApiResult<Json<PractitionerAdmin>> {
    let id = path_id(&id, "Practitioner")?;
    check(&mut draft)?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, &clinic, id, now).await?;
    check_services(&mut tx, clinic.id, &draft.service_ids).await?;
    let initials = initials(&draft.display_name);
    db::setup::update_practitioner(&mut tx, clinic.id, id, &initials, &draft).await?;
    db::setup::set_practitioner_services(&mut tx, id, &draft.service_ids).await?;
    audit(&mut tx, &staff, "update", "practitioner", id, now).await?;
    let saved = one(&mut tx, &clinic, id, now).await?;
    tx.commit().await?;
    Ok(Json(saved))
}

/// Tidies the draft, or names every field that needs attention.
fn check(draft: &mut PractitionerDraft) -> ApiResult<()> {
    for text in [
        &mut draft.display_name,
        &mut draft.title_en,
        &mut draft.title_es,
        &mut draft.bio_en,
        &mut draft.bio_es,
    ] {
        tidy(text);
    }
    tidy_optional(&mut draft.pronouns);
    unique_ids(&mut draft.service_ids);
    let mut checks = Checks::default();
    checks.required("display_name", &draft.display_name, SHORT_TEXT);
    checks.required("title_en", &draft.title_en, SHORT_TEXT);
    checks.required("title_es", &draft.title_es, SHORT_TEXT);
    checks.at_most("bio_en", &draft.bio_en, LONG_TEXT);
    checks.at_most("bio_es", &draft.bio_es, LONG_TEXT);
    checks.at_most(
        "pronouns",
        draft.pronouns.as_deref().unwrap_or_default(),
        PRONOUNS_MAX,
    );
    checks.done()
}

/// Every id must be one of this clinic's services (a retired one may stay linked, so that
/// offering it again brings back who offers it).
async fn check_services(conn: &mut Conn, clinic_id: i64, ids: &[i64]) -> ApiResult<()> {
    let ours = db::clinics::all_services(conn, clinic_id).await?;
    if ids.iter().all(|id| ours.iter().any(|s| s.id == *id)) {
        Ok(())
    } else {
        Err(ApiError::field("service_ids", "unknown_service"))
    }
}

/// Every practitioner of the clinic with their week and the time off not yet over.
async fn all(
    conn: &mut Conn,
    clinic: &ClinicRow,
    now: DateTime<Utc>,
) -> ApiResult<Vec<PractitionerAdmin>> {
    let tz = clinic.tz();
    let profiles = db::clinics::practitioners_all_links(conn, clinic.id).await?;
    let hours = db::setup::hours(conn, clinic.id).await?;
    let time_off = db::setup::time_off_ahead(conn, clinic.id, now).await?;
    Ok(profiles
        .into_iter()
        .map(|profile| {
            let id = profile.id;
            PractitionerAdmin {
                id,
                practitioner: draft_of(profile),
                hours: hours
                    .iter()
                    .filter(|(practitioner_id, _)| *practitioner_id == id)
                    .map(|(_, block)| WeeklyBlock {
                        weekday: block.weekday,
                        start: clock_text(block.start_minute),
                        end: clock_text(block.end_minute),
                    })
                    .collect(),
                time_off: time_off
                    .iter()
                    .filter(|off| off.practitioner_id == id)
                    .map(|off| TimeOff {
                        id: off.id,
                        starts: local_text(tz, db::from_epoch(off.starts_at)),
                        ends: local_text(tz, db::from_epoch(off.ends_at)),
                        note: off.note.clone(),
                    })
                    .collect(),
            }
        })
        .collect())
}

/// One practitioner of the clinic, or 404 (also for another clinic's).
pub(super) async fn one(
    conn: &mut Conn,
    clinic: &ClinicRow,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<PractitionerAdmin> {
    all(conn, clinic, now)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(ApiError::NotFound("Practitioner"))
}

fn draft_of(row: PractitionerRow) -> PractitionerDraft {
    PractitionerDraft {
        service_ids: row.service_ids(),
        display_name: row.display_name,
        pronouns: row.pronouns,
        title_en: row.title_en,
        title_es: row.title_es,
        bio_en: row.bio_en,
        bio_es: row.bio_es,
    }
}
