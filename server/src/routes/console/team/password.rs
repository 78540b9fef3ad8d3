//! `POST /api/console/me/password`: anyone signed in changes their own password. The current
//! one must be given (a session left open on a shared desk must not be enough to take the
//! account over); a wrong one counts as a failed sign-in. Other sessions of that person end;
//! this one stays. Passwords are never logged or sent back.

use crate::db::{self};
use crate::domain::password;
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AnyRole, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::PasswordChange;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Duration;
use std::collections::BTreeMap;

// Wrong current passwords count as failed sign-ins and share the sign-in throttle.
use super::super::session::{MAX_FAILURES_PER_ACCOUNT, THROTTLE_MINUTES};

#[utoipa::path(
    post,
    path = "/console/me/password",
    tag = "console",
    summary = "Change one's own password",
    request_body = PasswordChange,
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Changed."),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The current password is wrong, or the new one is too short or the same (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many wrong current passwords (`too_many_attempts`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiJson(request): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    let PasswordChange { current, new } = request;
    let mut fields = BTreeMap::new();
    if current.is_empty() {
        fields.insert("current".to_string(), "required".to_string());
    }
    let length = new.chars().count();
    if length < password::MIN_LENGTH {
        fields.insert("new".to_string(), "too_short".to_string());
    } else if length > password::MAX_LENGTH {
        fields.insert("new".to_string(), "too_long".to_string());
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        });
    }

    let now = state.now();
    let email = staff.row.email.clone();
    let mut conn = state.db.pool.acquire().await?;
    let since = now - Duration::minutes(THROTTLE_MINUTES);
    let (by_account, _) =
        db::staff::recent_failures(&mut conn, &email, &staff.address, since).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT {
        return Err(ApiError::TooManyAttempts);
    }
    let stored_hash = staff.row.password_hash.clone();
    let (matches, current, new) = tokio::task::spawn_blocking(move || {
        (password::verify(&current, &stored_hash), current, new)
    })
    .await
    .map_err(|error| anyhow::anyhow!("password check stopped: {error}"))?;
    if !matches {
        db::staff::record_failure(&mut conn, &email, &staff.address, now).await?;
        tracing::info!(staff_id = staff.id(), "password change refused");
        return Err(ApiError::field("current", "wrong_password"));
    }
    if new == current {
        return Err(ApiError::field("new", "same_as_current"));
    }
    drop(conn);
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(|error| anyhow::anyhow!("password hashing stopped: {error}"))??;

    let mut tx = state.db.begin_write().await?;
    db::staff::set_password_hash(&mut tx, staff.id(), &hash).await?;
    let ended =
        db::staff::end_sessions_of(&mut tx, staff.id(), Some(&staff.session_hash), now).await?;
    tx.commit().await?;
    tracing::info!(
        staff_id = staff.id(),
        other_sessions_ended = ended,
        "password changed"
    );
    Ok(StatusCode::NO_CONTENT)
}
