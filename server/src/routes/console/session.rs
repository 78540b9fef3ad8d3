//! Signing in and out. Failures are throttled per account and per address, and answered the
//! same way whether or not the account exists.

use super::auth::{
    hash_session_id, session_cookie, AnyRole, CallerAddress, SameOrigin, Staff,
    IDLE_TIMEOUT_MINUTES,
};
use crate::db::{self, staff::StaffRow};
use crate::domain::{password, token};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::{SignInRequest, StaffMe, StaffRole};
use axum::extract::State;
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use chrono::Duration;

/// Failed sign-ins allowed per account, and per address, in `THROTTLE_MINUTES`.
pub(super) const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub(super) const THROTTLE_MINUTES: i64 = crate::error::SIGN_IN_LOCKOUT_MINUTES;

#[utoipa::path(
    post,
    path = "/console/sign-in",
    tag = "console",
    summary = "Sign in to the console",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: the session cookie is set.", body = StaffMe, headers(("Set-Cookie" = String, description = "`carebook_session`, HttpOnly, SameSite=Strict"))),
        (status = 401, description = "Wrong email or password, or the account is disabled (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Email or password missing (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins for this account or address in 15 minutes (`too_many_attempts`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    _: SameOrigin,
    CallerAddress(address): CallerAddress,
    jar: CookieJar,
    ApiJson(SignInRequest { email, password }): ApiJson<SignInRequest>,
) -> ApiResult<(CookieJar, Json<StaffMe>)> {
    let email = email.trim().to_lowercase();
    let now = state.now();

    let mut conn = state.db.pool.acquire().await?;
    let since = now - Duration::minutes(THROTTLE_MINUTES);
    let (by_account, by_address) =
        db::staff::recent_failures(&mut conn, &email, &address, since).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(ApiError::TooManyAttempts);
    }
    let account = db::staff::find_by_email(&mut conn, &email).await?;
    let stored_hash = account
        .as_ref()
        .map_or(password::decoy_hash(), |a| a.password_hash.as_str())
        .to_string();
    // Hashing is slow on purpose; keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored_hash))
        .await
        .unwrap_or(false);
    let account = match account {
        Some(account) if matches && !account.disabled => account,
        _ => {
            db::staff::record_failure(&mut conn, &email, &address, now).await?;
            tracing::info!("sign-in refused");
            return Err(ApiError::Unauthorized("Wrong email or password."));
        }
    };

    let session_id = token::new_token();
    db::staff::create_session(&mut conn, &hash_session_id(&session_id), account.id, now).await?;
    tracing::info!(staff_id = account.id, "signed in");
    let me = me_of(&mut conn, &account).await?;
    Ok((jar.add(session_cookie(&state, session_id)), Json(me)))
}

#[utoipa::path(
    post,
    path = "/console/sign-out",
    tag = "console",
    summary = "Sign out",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Signed out: the session ends and its cookie is removed.", body = serde_json::Value),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    staff: Staff<AnyRole>,
) -> ApiResult<(CookieJar, Json<serde_json::Value>)> {
    let mut conn = state.db.pool.acquire().await?;
    db::staff::end_session(&mut conn, &staff.session_hash, state.now()).await?;
    let mut expired = session_cookie(&state, String::new());
    expired.make_removal();
    Ok((
        jar.add(expired),
        Json(serde_json::json!({ "signed_out": true })),
    ))
}

#[utoipa::path(
    get,
    path = "/console/me",
    tag = "console",
    summary = "Who is signed in",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The signed-in staff member and their clinic.", body = StaffMe),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn me(State(state): State<AppState>, staff: Staff<AnyRole>) -> ApiResult<Json<StaffMe>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(me_of(&mut conn, &staff.row).await?))
}

async fn me_of(conn: &mut db::Conn, account: &StaffRow) -> ApiResult<StaffMe> {
    let clinic = db::clinics::find_by_id(conn, account.clinic_id)
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    Ok(StaffMe {
        display_name: account.display_name.clone(),
        email: account.email.clone(),
        role: StaffRole::from_code(&account.role).unwrap_or(StaffRole::Practitioner),
        practitioner_id: account.practitioner_id,
        clinic: clinic.summary(),
        idle_timeout_seconds: u32::try_from(IDLE_TIMEOUT_MINUTES * 60).unwrap_or(900),
    })
}
