//! A practitioner's weekly hours and time off. Every answer lists the booked visits the week
//! as now set leaves stranded (outside the hours or inside time off): they stay booked, so
//! nothing is dropped silently, and staff can call those patients to move them.

use super::checks::Checks;
use super::practitioners::one;
use super::{audit, own_clinic, path_id};
use crate::db::{self, clinics::ClinicRow, Conn};
use crate::domain::availability::Interval;
use crate::domain::schedule_fit::{self, local_instant, local_text, Week};
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::setup::{HoursRequest, ScheduleChange, StrandedVisit, TimeOffRequest};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

const NOTE_MAX: usize = 500;
const LONGEST_TIME_OFF_DAYS: i64 = 366;

/// `GET /api/console/practitioners/{id}`: the practitioner and their stranded visits now.
#[utoipa::path(
    get,
    path = "/console/practitioners/{id}",
    tag = "console",
    summary = "A practitioner's hours and time off",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The practitioner's hours and time off, with visits now outside them.", body = ScheduleChange),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
) -> ApiResult<Json<ScheduleChange>> {
    let id = path_id(&id, "Practitioner")?;
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, &staff).await?;
    let change = schedule_change(&mut conn, &staff, &clinic, id, state.now()).await?;
    Ok(Json(change))
}

/// `PUT …/{id}/hours`: replaces the whole week.
#[utoipa::path(
    put,
    path = "/console/practitioners/{id}/hours",
    tag = "console",
    summary = "Set a practitioner's weekly hours",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = HoursRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The practitioner's hours and time off, with visits now outside them.", body = ScheduleChange),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Blocks overlap, end before they start or name no weekday (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn set_hours(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<HoursRequest>,
) -> ApiResult<Json<ScheduleChange>> {
    let id = path_id(&id, "Practitioner")?;
    let blocks = schedule_fit::read_hours(&request.blocks)
        .map_err(|reason| ApiError::field("blocks", reason))?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, &clinic, id, now).await?;
    db::setup::replace_hours(&mut tx, id, &blocks).await?;
    audit(&mut tx, &staff, "update", "practitioner", id, now).await?;
    let change = schedule_change(&mut tx, &staff, &clinic, id, now).await?;
    tx.commit().await?;
    // New hours may hold times someone on the waitlist wants.
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    Ok(Json(change))
}

/// `POST …/{id}/time-off`: clinic-local start and end, read in the clinic's zone.
#[utoipa::path(
    post,
    path = "/console/practitioners/{id}/time-off",
    tag = "console",
    summary = "Add time off",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = TimeOffRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "The practitioner's hours and time off, with visits now outside them.", body = ScheduleChange),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The times are malformed or end before they start (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn add_time_off(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<TimeOffRequest>,
) -> ApiResult<(StatusCode, Json<ScheduleChange>)> {
    let id = path_id(&id, "Practitioner")?;
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty());
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, &clinic, id, now).await?;
    let (starts, ends) = read_time_off(&clinic, &request, note, now)?;
    db::setup::insert_time_off(&mut tx, id, starts, ends, note).await?;
    audit(&mut tx, &staff, "time_off", "practitioner", id, now).await?;
    let change = schedule_change(&mut tx, &staff, &clinic, id, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(change)))
}

/// `DELETE …/{id}/time-off/{time_off_id}`.
#[utoipa::path(
    delete,
    path = "/console/practitioners/{id}/time-off/{time_off_id}",
    tag = "console",
    summary = "Remove time off",
    params(
        ("id" = i64, Path, description = "The practitioner's id; an id of another clinic, or not a number, is a 404"),
        ("time_off_id" = i64, Path, description = "The time off's id"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The practitioner's hours and time off, with visits now outside them.", body = ScheduleChange),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such practitioner or time off in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn remove_time_off(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path((id, time_off_id)): Path<(String, String)>,
) -> ApiResult<Json<ScheduleChange>> {
    let id = path_id(&id, "Practitioner")?;
    let time_off_id = path_id(&time_off_id, "Time off")?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    one(&mut tx, &clinic, id, now).await?;
    if !db::setup::delete_time_off(&mut tx, id, time_off_id).await? {
        return Err(ApiError::NotFound("Time off"));
    }
    audit(&mut tx, &staff, "time_off", "practitioner", id, now).await?;
    let change = schedule_change(&mut tx, &staff, &clinic, id, now).await?;
    tx.commit().await?;
    // The time is workable again: the waitlist may want it.
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    Ok(Json(change))
}

/// The time off as UTC instants, or every field that needs attention.
fn read_time_off(
    clinic: &ClinicRow,
    request: &TimeOffRequest,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
    let tz = clinic.tz();
    let mut checks = Checks::default();
    let mut read = |field: &str, text: &str| {
        let instant = parse_local(text).and_then(|local| local_instant(tz, local));
        if instant.is_none() {
            checks.fail(field, "invalid");
        }
        instant
    };
    let (starts, ends) = (read("starts", &request.starts), read("ends", &request.ends));
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends <= starts {
            checks.fail("ends", "end_before_start");
        } else if ends - starts > TimeDelta::days(LONGEST_TIME_OFF_DAYS) {
            checks.fail("ends", "too_long");
        } else if ends <= now {
            // It would vanish from the list at once: time off is shown until it ends.
            checks.fail("ends", "in_past");
        }
    }
    checks.at_most("note", note.unwrap_or_default(), NOTE_MAX);
    checks.done()?;
    match (starts, ends) {
        (Some(starts), Some(ends)) => Ok((starts, ends)),
        _ => Err(ApiError::field("starts", "invalid")),
    }
}

/// `YYYY-MM-DDTHH:MM`, as the console's inputs send it (seconds, if a browser adds them, too).
fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// The practitioner as set now and their stranded visits. Showing those shows patients'
/// names, so a non-empty list is audited (by practitioner id).
async fn schedule_change(
    conn: &mut Conn,
    staff: &Staff<AdminOnly>,
    clinic: &ClinicRow,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<ScheduleChange> {
    let practitioner = one(conn, clinic, id, now).await?;
    let stranded = stranded(conn, clinic, id, now).await?;
    if !stranded.is_empty() {
        audit(conn, staff, "view", "stranded_visits", id, now).await?;
    }
    Ok(ScheduleChange {
        practitioner,
        stranded,
    })
}

/// Booked, not yet attended visits ahead that no longer fit the practitioner's week.
async fn stranded(
    conn: &mut Conn,
    clinic: &ClinicRow,
    practitioner_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<Vec<StrandedVisit>> {
    let visits = db::setup::visits_ahead(conn, clinic.id, practitioner_id, now).await?;
    let (Some(first), Some(last_end)) = (
        visits.first().map(|v| v.starts_at),
        visits.iter().map(|v| v.ends_at).max(),
    ) else {
        return Ok(Vec::new());
    };
    // The same loader the booking rule uses: weekly blocks and the time off around the visits.
    let schedule = db::schedules::load(
        conn,
        &[practitioner_id],
        db::from_epoch(first),
        db::from_epoch(last_end),
        None,
    )
    .await?
    .pop()
    .ok_or(ApiError::NotFound("Practitioner"))?;
    let tz = clinic.tz();
    let week = Week::new(tz, schedule.blocks, schedule.time_off);
    Ok(visits
        .into_iter()
        .filter_map(|visit| {
            let start = db::from_epoch(visit.starts_at);
            let time = Interval {
                start,
                end: db::from_epoch(visit.ends_at),
            };
            let misfit = week.misfit(time)?;
            Some(StrandedVisit {
                appointment_id: visit.id,
                start,
                local_start: local_text(tz, start),
                patient_name: visit.greeting_name(),
                service_name: visit.service_name,
                reason: misfit.code().to_string(),
            })
        })
        .collect())
}
