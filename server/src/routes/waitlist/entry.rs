//! `GET /api/waitlist/{token}` and the patient's answers to an offer: decline, leave.

use super::view::{entry_view, find_by_token};
use crate::db::waitlist as store;
use crate::error::{ApiError, ApiResult};
use crate::routes::AppState;
use app::wire::waitlist::WaitlistEntry;
use axum::extract::{Path, State};
use axum::Json;

#[utoipa::path(
    get,
    path = "/waitlist/{token}",
    tag = "patient",
    summary = "A waitlist entry, by its token",
    params(("token" = String, Path, description = "The entry's secret token from its link")),
    responses(
        (status = 200, description = "The entry, with the time held for the patient while `status` is `offered`.", body = WaitlistEntry),
        (status = 404, description = "No entry has this token (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<WaitlistEntry>> {
    let mut conn = state.db.pool.acquire().await?;
    let (entry, clinic) = find_by_token(&mut conn, &token).await?;
    Ok(Json(
        entry_view(&mut conn, &entry, &clinic, state.now()).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/waitlist/{token}/decline",
    tag = "patient",
    summary = "Let the held time go",
    description = "The time goes to the next patient on the list; this patient stays on it for other times (that time is not offered to them again).",
    params(("token" = String, Path, description = "The entry's secret token from its link")),
    responses(
        (status = 200, description = "Waiting again.", body = WaitlistEntry),
        (status = 404, description = "No entry has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "No time is held for this entry (`no_offer`), or the hold ran out (`offer_expired`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn decline(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<WaitlistEntry>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (entry, clinic) = find_by_token(&mut tx, &token).await?;
    let Some(hold) = store::live_hold(&mut tx, entry.id, now).await? else {
        return Err(missing_offer(&mut tx, &entry, now).await?);
    };
    store::end_hold(&mut tx, hold.id, "passed", now).await?;
    store::back_to_waiting(&mut tx, entry.id).await?;
    tx.commit().await?;
    tracing::info!(clinic_id = clinic.id, "waitlist offer declined");
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    reread(&state, &token).await
}

#[utoipa::path(
    post,
    path = "/waitlist/{token}/leave",
    tag = "patient",
    summary = "Leave the waitlist",
    description = "Any time held for the patient is released at once (and offered to the next). Leaving again, or after booking, changes nothing.",
    params(("token" = String, Path, description = "The entry's secret token from its link")),
    responses(
        (status = 200, description = "Off the list (`status` `left`, or `booked` / `expired` if it had already ended so).", body = WaitlistEntry),
        (status = 404, description = "No entry has this token (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn leave(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<WaitlistEntry>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (entry, clinic) = find_by_token(&mut tx, &token).await?;
    if !entry.is_active() {
        drop(tx);
        return reread(&state, &token).await;
    }
    store::end_entry(&mut tx, entry.id, "left", None, None, now).await?;
    tx.commit().await?;
    tracing::info!(clinic_id = clinic.id, "waitlist left");
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    reread(&state, &token).await
}

async fn reread(state: &AppState, token: &str) -> ApiResult<Json<WaitlistEntry>> {
    let mut conn = state.db.pool.acquire().await?;
    let (entry, clinic) = find_by_token(&mut conn, token).await?;
    Ok(Json(
        entry_view(&mut conn, &entry, &clinic, state.now()).await?,
    ))
}

/// Why there is no time to answer: the last one offered ran out or was let go while the
/// entry is still on the list (`offer_expired`), or nothing was offered (`no_offer`).
pub async fn missing_offer(
    conn: &mut crate::db::Conn,
    entry: &store::EntryRow,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<ApiError> {
    let latest = store::latest_hold(conn, entry.id).await?;
    let ran_out = latest.is_some_and(|hold| {
        entry.is_active()
            && (matches!(hold.state.as_str(), "expired" | "passed")
                || (hold.state == "held" && hold.hold_until() <= now))
    });
    Ok(if ran_out {
        ApiError::Conflict(
            "offer_expired",
            "The time held for you has gone to the next patient. You stay on the waitlist.".into(),
        )
    } else {
        ApiError::Conflict("no_offer", "No time is held for you right now.".into())
    })
}
