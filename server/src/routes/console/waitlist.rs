//! The console's waitlist: who waits, in the order they are served (any staff; a read of
//! patient data, audited), taking someone off the list (desk and admins; audited), and the
//! clinic's waitlist settings (admins change them).

use super::auth::{Allowed, AnyRole, Desk, Staff};
use crate::db::waitlist::{self as store, EntryRow};
use crate::db::{self, clinics::ClinicRow, staff::AuditEntry, Conn};
use crate::domain::waitlist as rules;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::waitlist::view::offer_view;
use crate::routes::AppState;
use app::wire::waitlist::{ConsoleWaitlist, ConsoleWaitlistEntry, WaitlistSettings};
use app::wire::Language;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};

/// The console shows everyone still on the list up to this many, then this many who left.
const MAX_WAITING: i64 = 500;
const MAX_RECENT: i64 = 50;

#[utoipa::path(
    get,
    path = "/console/waitlist",
    tag = "console",
    summary = "The waitlist",
    description = "Everyone still on the list (waiting or offered), in the order they are served, then the last 50 who left it (booked, left, expired), newest first. Audited as a read of patient data.",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The list.", body = ConsoleWaitlist),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
) -> ApiResult<Json<ConsoleWaitlist>> {
    let now = state.now();
    let mut conn = state.db.pool.acquire().await?;
    let clinic = own_clinic(&mut conn, staff.clinic_id()).await?;
    let waiting_rows = store::queue(&mut conn, clinic.id, MAX_WAITING).await?;
    let recent_rows = store::recent(&mut conn, clinic.id, MAX_RECENT).await?;
    let mut waiting = Vec::with_capacity(waiting_rows.len());
    for row in &waiting_rows {
        waiting.push(console_entry(&mut conn, &clinic, row, now).await?);
    }
    let mut recent = Vec::with_capacity(recent_rows.len());
    for row in &recent_rows {
        recent.push(console_entry(&mut conn, &clinic, row, now).await?);
    }
    let ids = waiting_rows
        .iter()
        .chain(&recent_rows)
        .map(|row| row.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    audit(&mut conn, &staff, "view", &ids, now).await?;
    Ok(Json(ConsoleWaitlist { waiting, recent }))
}

#[utoipa::path(
    delete,
    path = "/console/waitlist/{id}",
    tag = "console",
    summary = "Take someone off the waitlist",
    description = "Any time held for them is released and offered to the next patient. Removing an entry that already left the list changes nothing.",
    params(("id" = i64, Path, description = "The entry's id; an id of another clinic, or not a number, is a 404")),
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Off the list."),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or practitioners may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such entry in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff<Desk>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::NotFound("Waitlist entry"))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let entry = store::find_by_id(&mut tx, id)
        .await?
        .filter(|entry| entry.clinic_id == staff.clinic_id())
        .ok_or(ApiError::NotFound("Waitlist entry"))?;
    if !entry.is_active() {
        return Ok(StatusCode::NO_CONTENT);
    }
    store::end_entry(&mut tx, entry.id, "left", None, Some(staff.id()), now).await?;
    audit(&mut tx, &staff, "remove", &entry.id.to_string(), now).await?;
    tx.commit().await?;
    crate::waitlist::offer_freed_time(&state, entry.clinic_id).await;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/console/waitlist/settings",
    tag = "console",
    summary = "The clinic's waitlist settings",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "How long an offered time is held, and how long an entry stays on the list.", body = WaitlistSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show_settings(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
) -> ApiResult<Json<WaitlistSettings>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(store::settings(&mut conn, staff.clinic_id()).await?))
}

#[utoipa::path(
    put,
    path = "/console/waitlist/settings",
    tag = "console",
    summary = "Change the clinic's waitlist settings",
    description = "`hold_minutes` 5–240, `entry_days` 1–180. Applies to offers made and entries joined from now on.",
    request_body = WaitlistSettings,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = WaitlistSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`fields.hold_minutes` or `fields.entry_days` is `out_of_range` (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn save_settings(
    State(state): State<AppState>,
    staff: Staff<super::auth::AdminOnly>,
    ApiJson(request): ApiJson<WaitlistSettings>,
) -> ApiResult<Json<WaitlistSettings>> {
    rules::validate_settings(&request).map_err(|fields| ApiError::Validation {
        message: "The waitlist settings need attention.".into(),
        fields,
    })?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    store::save_settings(&mut tx, staff.clinic_id(), &request).await?;
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action: "update_waitlist",
        record_type: "clinic",
        record_id: &staff.clinic_id().to_string(),
        address: &staff.address,
    };
    db::staff::audit(&mut tx, &entry, now).await?;
    tx.commit().await?;
    Ok(Json(request))
}

async fn own_clinic(conn: &mut Conn, clinic_id: i64) -> ApiResult<ClinicRow> {
    db::clinics::find_by_id(conn, clinic_id)
        .await?
        .ok_or(ApiError::NotFound("Clinic"))
}

async fn console_entry(
    conn: &mut Conn,
    clinic: &ClinicRow,
    row: &EntryRow,
    now: DateTime<Utc>,
) -> ApiResult<ConsoleWaitlistEntry> {
    let lang = Language::En;
    let service_name = db::clinics::service(conn, clinic.id, row.service_id)
        .await?
        .map(|s| s.to_wire(lang).name)
        .unwrap_or_default();
    let practitioner_name = match row.practitioner_id {
        Some(id) => db::clinics::practitioners(conn, clinic.id)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| p.display_name),
        None => None,
    };
    let hold = if row.status == "offered" {
        store::live_hold(conn, row.id, now).await?
    } else {
        None
    };
    let offer = match &hold {
        Some(hold) => Some(offer_view(conn, clinic, hold, lang).await?),
        None => None,
    };
    let status = match (row.status(), &offer) {
        (app::wire::waitlist::WaitlistStatus::Offered, None) => {
            app::wire::waitlist::WaitlistStatus::Waiting
        }
        (status, _) => status,
    };
    Ok(ConsoleWaitlistEntry {
        id: row.id,
        status,
        service_id: row.service_id,
        service_name,
        practitioner_id: row.practitioner_id,
        practitioner_name,
        patient_name: row.name.clone(),
        preferred_name: row.preferred_name.clone(),
        language: row.language(),
        days: row.days(),
        parts_of_day: row.parts(),
        joined_at: db::from_epoch(row.joined_at),
        expires_at: db::from_epoch(row.expires_at),
        offer,
        offers_passed: u32::try_from(row.offers_passed).unwrap_or(0),
    })
}

/// A read or change of waitlist entries, by id only.
async fn audit<R: Allowed>(
    conn: &mut Conn,
    staff: &Staff<R>,
    action: &str,
    record_ids: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action,
        record_type: "waitlist_entry",
        record_id: record_ids,
        address: &staff.address,
    };
    db::staff::audit(conn, &entry, now).await?;
    Ok(())
}
