//! Who is calling the console: the `Staff<R>` extractor reads the session cookie, checks the
//! session is alive, that writes come from our own pages, and that the role is one `R` allows.
//! A handler's signature says who may call it.

use crate::db::{self, staff::StaffRow};
use crate::error::ApiError;
use crate::routes::AppState;
use app::wire::console::StaffRole;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::Duration;
use sha2::{Digest, Sha256};
use std::marker::PhantomData;
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "carebook_session";
/// A session ends after this long without a request…
pub const IDLE_TIMEOUT_MINUTES: i64 = 15;
/// …and this long after sign-in, whatever happens.
pub const ABSOLUTE_TIMEOUT_HOURS: i64 = 12;

/// Which roles a route admits.
pub trait Allowed {
    const ROLES: &'static [StaffRole];
}

/// Anyone signed in to the clinic.
pub struct AnyRole;
impl Allowed for AnyRole {
    const ROLES: &'static [StaffRole] = &[
        StaffRole::Admin,
        StaffRole::FrontDesk,
        StaffRole::Practitioner,
    ];
}

/// Front desk and admins: the schedule and patients.
pub struct Desk;
impl Allowed for Desk {
    const ROLES: &'static [StaffRole] = &[StaffRole::Admin, StaffRole::FrontDesk];
}

/// Admins only: settings and staff.
pub struct AdminOnly;
impl Allowed for AdminOnly {
    const ROLES: &'static [StaffRole] = &[StaffRole::Admin];
}

/// A signed-in staff member allowed by `R`.
pub struct Staff<R: Allowed = AnyRole> {
    pub row: StaffRow,
    pub role: StaffRole,
    pub session_hash: String,
    /// The caller's address, for the audit log.
    pub address: String,
    _allowed: PhantomData<R>,
}

impl<R: Allowed> Staff<R> {
    pub fn id(&self) -> i64 {
        self.row.id
    }
    pub fn clinic_id(&self) -> i64 {
        self.row.clinic_id
    }
    /// Practitioners see their own schedule only.
    pub fn own_practitioner(&self) -> Option<i64> {
        match self.role {
            StaffRole::Practitioner => Some(self.row.practitioner_id.unwrap_or(-1)),
            _ => None,
        }
    }
}

pub fn hash_session_id(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn caller_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |info| info.0.ip().to_string())
}

/// The session cookie: HttpOnly and SameSite=Strict, Secure when we are served over https.
pub fn session_cookie(state: &AppState, value: String) -> Cookie<'static> {
    let mut cookie = Cookie::new(SESSION_COOKIE, value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Strict);
    cookie.set_path("/");
    cookie.set_secure(state.public_url.starts_with("https://"));
    cookie
}

/// Writes must come from a page of ours: the browser's Origin (or Referer) names our host.
/// With SameSite=Strict this closes cross-site request forgery.
pub fn check_same_origin(parts: &Parts) -> Result<(), ApiError> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .or_else(|| parts.headers.get(header::REFERER))
        .and_then(|h| h.to_str().ok());
    let origin_host = origin
        .and_then(|o| o.split("://").nth(1))
        .and_then(|rest| rest.split('/').next());
    match (host, origin_host) {
        (Some(host), Some(origin_host)) if host.eq_ignore_ascii_case(origin_host) => Ok(()),
        _ => Err(ApiError::Forbidden(
            "cross_site",
            "This request must come from the console itself.",
        )),
    }
}

impl<R: Allowed + Send + Sync> FromRequestParts<AppState> for Staff<R> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        check_same_origin(parts)?;
        let jar = CookieJar::from_headers(&parts.headers);
        let signed_out = || ApiError::Unauthorized("Please sign in again.");
        let session_id = jar
            .get(SESSION_COOKIE)
            .map(|c| c.value().to_string())
            .ok_or_else(signed_out)?;
        let session_hash = hash_session_id(&session_id);
        let now = state.now();
        let mut conn = state.db.pool.acquire().await?;
        let (session, row) = db::staff::find_session(&mut conn, &session_hash)
            .await?
            .ok_or_else(signed_out)?;
        let idle_for = now - db::from_epoch(session.last_seen_at);
        let age = now - db::from_epoch(session.created_at);
        if idle_for >= Duration::minutes(IDLE_TIMEOUT_MINUTES)
            || age >= Duration::hours(ABSOLUTE_TIMEOUT_HOURS)
        {
            db::staff::end_session(&mut conn, &session_hash, now).await?;
            return Err(signed_out());
        }
        db::staff::touch_session(&mut conn, &session_hash, now).await?;
        let role = StaffRole::from_code(&row.role).ok_or_else(signed_out)?;
        if !R::ROLES.contains(&role) {
            return Err(ApiError::Forbidden(
                "forbidden",
                "Your role cannot do this.",
            ));
        }
        Ok(Staff {
            row,
            role,
            session_hash,
            address: caller_address(parts),
            _allowed: PhantomData,
        })
    }
}

/// Passes only requests that come from a page of ours (see `check_same_origin`).
pub struct SameOrigin;

impl<S: Send + Sync> FromRequestParts<S> for SameOrigin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        check_same_origin(parts).map(|()| SameOrigin)
    }
}

/// The caller's IP address (for throttling and the audit log).
pub struct CallerAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CallerAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(CallerAddress(caller_address(parts)))
    }
}
