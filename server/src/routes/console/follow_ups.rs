//! The follow-up queue: survey answers that need a call back (a rating of 1–2, a recommendation
//! of 0–6, a "No"), and what staff did about them. Admins and front desk see the clinic's items,
//! a practitioner those of their own visits. Reads and changes are audited (ids only); the
//! patient's comment and staff notes never reach the logs.

use super::auth::{AnyRole, Staff};
use crate::db::{self, follow_ups::Scope, staff::AuditEntry, Conn};
use crate::domain::instructions::plain_text;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::AppState;
use app::wire::feedback::{
    FollowUpAction, FollowUpItem, FollowUpList, FollowUpState, FollowUpSummary, FollowUpUpdate,
};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The longest staff note.
pub const NOTE_MAX_CHARS: usize = 2000;
/// The most items one list returns (oldest first).
pub const LIST_LIMIT: i64 = 500;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/follow-ups", get(list))
        .route("/console/follow-ups/summary", get(summary))
        .route("/console/follow-ups/{id}", get(show).post(update))
}

/// The follow-up routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, summary, show, update))]
pub struct FollowUpsApi;

fn scope_of(staff: &Staff<AnyRole>) -> Scope {
    Scope {
        clinic_id: staff.clinic_id(),
        practitioner_id: staff.own_practitioner(),
    }
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    state: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/follow-ups",
    tag = "console",
    summary = "The follow-up queue: survey answers that need a call back",
    params(
        ("state" = Option<String>, Query, pattern = r"^(?:open|contacted|resolved)?$", description = "`open` (default), `contacted` or `resolved`"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The items in that state (at most 500): open and contacted oldest first, resolved most recently worked on first; with the queue's counts. Admins and front desk see the clinic's; a practitioner those of their own visits. Visits anonymised by erasure or retention are left out. Audited.", body = FollowUpList),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`state` is not `open`, `contacted` or `resolved` (`validation`, `fields.state` = `invalid`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Json<FollowUpList>> {
    let wanted = match query.state.as_deref() {
        None | Some("") => FollowUpState::Open,
        Some(code) => {
            FollowUpState::from_code(code).ok_or_else(|| ApiError::field("state", "invalid"))?
        }
    };
    let scope = scope_of(&staff);
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let rows = db::follow_ups::list(&mut tx, scope, wanted, LIST_LIMIT).await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut events = db::follow_ups::events(&mut tx, &ids).await?;
    let summary = db::follow_ups::summary(&mut tx, scope).await?;
    if !ids.is_empty() {
        let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
        audit(&mut tx, &staff, "view_follow_ups", &ids.join(","), now).await?;
    }
    tx.commit().await?;
    let items = rows
        .iter()
        .map(|row| row.to_wire(events.remove(&row.id).unwrap_or_default()))
        .collect();
    Ok(Json(FollowUpList { items, summary }))
}

#[utoipa::path(
    get,
    path = "/console/follow-ups/summary",
    tag = "console",
    summary = "The follow-up queue at a glance, for the console's home",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "How many items are open, contacted and resolved, and when the oldest open one was opened (the queue's age). No patient data; a practitioner's counts cover their own visits.", body = FollowUpSummary),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn summary(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
) -> ApiResult<Json<FollowUpSummary>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        db::follow_ups::summary(&mut conn, scope_of(&staff)).await?,
    ))
}

#[utoipa::path(
    get,
    path = "/console/follow-ups/{id}",
    tag = "console",
    summary = "One follow-up item with the patient's answers and its history",
    params(
        ("id" = i64, Path, description = "The item's id; an id of another clinic, of another practitioner's visit, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The item: who, which visit, what they answered, whether they agreed to be contacted, and what staff did (oldest first). Audited.", body = FollowUpItem),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such item for this staff member (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
) -> ApiResult<Json<FollowUpItem>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let item = item_in_scope(&mut tx, &staff, &id).await?;
    audit(&mut tx, &staff, "view_follow_up", &item.id.to_string(), now).await?;
    tx.commit().await?;
    Ok(Json(item))
}

#[utoipa::path(
    post,
    path = "/console/follow-ups/{id}",
    tag = "console",
    summary = "Mark a follow-up item contacted, resolved or reopened, or add a note",
    params(
        ("id" = i64, Path, description = "The item's id; an id of another clinic, of another practitioner's visit, or not a number, is a 404"),
    ),
    request_body = FollowUpUpdate,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Done, with who and when in the item's history. `contacted`: open → contacted; `resolved`: open or contacted → resolved; `reopened`: resolved → open; `note`: a note, whatever the state. Audited.", body = FollowUpItem),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such item for this staff member (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The item is not in a state this action applies to, e.g. `contacted` on a resolved item, or someone else just changed it (`invalid_transition`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "An unknown action (`fields.action` = `invalid`), a `note` action without a note (`fields.note` = `required`), or a note longer than 2000 characters (`fields.note` = `too_long`) (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<FollowUpUpdate>,
) -> ApiResult<Json<FollowUpItem>> {
    let note = match request
        .note
        .as_deref()
        .map(|text| plain_text(text, NOTE_MAX_CHARS))
    {
        Some(Ok(text)) => Some(text),
        None | Some(Err("required")) if request.action != FollowUpAction::Note => None,
        None => return Err(ApiError::field("note", "required")),
        Some(Err(reason)) => return Err(ApiError::field("note", reason)),
    };
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let item = item_in_scope(&mut tx, &staff, &id).await?;
    let moved = match transition(request.action) {
        Some((from, to)) => db::follow_ups::change_state(&mut tx, item.id, from, to, now).await?,
        None => {
            db::follow_ups::touch(&mut tx, item.id, now).await?;
            true
        }
    };
    if !moved {
        return Err(ApiError::Conflict(
            "invalid_transition",
            format!(
                "This item is {} now: it cannot be marked {}.",
                item.state.code(),
                request.action.code()
            ),
        ));
    }
    db::follow_ups::record_event(
        &mut tx,
        item.id,
        staff.id(),
        request.action,
        note.as_deref(),
        now,
    )
    .await?;
    audit(
        &mut tx,
        &staff,
        "update_follow_up",
        &item.id.to_string(),
        now,
    )
    .await?;
    let item = item_in_scope(&mut tx, &staff, &id).await?;
    tx.commit().await?;
    Ok(Json(item))
}

/// The states an action moves an item from, and to; `None` for a note, which moves nothing.
fn transition(action: FollowUpAction) -> Option<(&'static [FollowUpState], FollowUpState)> {
    use FollowUpState::{Contacted, Open, Resolved};
    match action {
        FollowUpAction::Contacted => Some((&[Open], Contacted)),
        FollowUpAction::Resolved => Some((&[Open, Contacted], Resolved)),
        FollowUpAction::Reopened => Some((&[Resolved], Open)),
        FollowUpAction::Note => None,
    }
}

/// The item with its history if this staff member may see it; anything else is the same 404
/// as an id that does not exist.
async fn item_in_scope(
    conn: &mut Conn,
    staff: &Staff<AnyRole>,
    id: &str,
) -> ApiResult<FollowUpItem> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Follow-up"))?;
    let row = db::follow_ups::find(conn, scope_of(staff), id)
        .await?
        .ok_or(ApiError::NotFound("Follow-up"))?;
    let mut events = db::follow_ups::events(conn, &[row.id]).await?;
    Ok(row.to_wire(events.remove(&row.id).unwrap_or_default()))
}

async fn audit(
    conn: &mut Conn,
    staff: &Staff<AnyRole>,
    action: &str,
    record_id: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    db::staff::audit(
        conn,
        &AuditEntry {
            clinic_id: staff.clinic_id(),
            staff_id: staff.id(),
            action,
            record_type: "follow_up",
            record_id,
            address: &staff.address,
        },
        now,
    )
    .await?;
    Ok(())
}
