//! One error type for every route. Each variant maps to a status and an `ApiErrorBody`, so
//! handlers just use `?`. Messages never contain patient data or tokens.

use app::wire::{ApiErrorBody, Slot};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::BTreeMap;

/// How long failed sign-ins (and password changes) are remembered: after too many, the caller
/// waits this long. One number for the throttle, the message and the `Retry-After` header.
pub const SIGN_IN_LOCKOUT_MINUTES: i64 = 15;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(&'static str),
    /// Bad input: field path → reason code.
    #[error("validation failed")]
    Validation {
        message: String,
        fields: BTreeMap<String, String>,
    },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("the body is too large")]
    PayloadTooLarge,
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("slot taken")]
    SlotTaken { alternatives: Vec<Slot> },
    #[error("late change")]
    LateChange { phone: String, hours: u32 },
    #[error("not signed in")]
    Unauthorized(&'static str),
    #[error("forbidden")]
    Forbidden(&'static str, &'static str),
    #[error("too many attempts")]
    TooManyAttempts,
    /// A per-address rate limit: try again after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after_seconds: u64 },
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request body did not arrive in time.
    #[error("request body timed out")]
    RequestTimeout,
    /// The whole request took longer than the server allows.
    #[error("request timed out")]
    TimedOut,
    /// Any other refusal by the HTTP layers (a path that is not valid UTF-8, a static file
    /// answering 405, …), given our JSON shape by `json_errors`.
    #[error("rejected: {0}")]
    Rejected(StatusCode),
    #[error("conflict: {0}")]
    Conflict(&'static str, String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// Whether the database gave up this request's transaction so that a concurrent one could
    /// go on (PostgreSQL: a deadlock, or a serialization failure): trying again is the answer.
    pub fn is_retryable(&self) -> bool {
        let ApiError::Internal(error) = self else {
            return false;
        };
        matches!(
            error.downcast_ref::<sqlx::Error>(),
            Some(sqlx::Error::Database(db)) if crate::db::dialect::is_transaction_conflict(db.as_ref())
        )
    }

    pub fn field(field: &str, reason: &str) -> Self {
        let mut fields = BTreeMap::new();
        fields.insert(field.to_string(), reason.to_string());
        ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        // The no-overlap triggers (SQLite) and exclusion constraint (PostgreSQL) refuse overlaps:
        // the route adds alternatives when it can; this is the backstop.
        if is_slot_taken(&error) {
            return ApiError::SlotTaken {
                alternatives: Vec::new(),
            };
        }
        ApiError::Internal(error.into())
    }
}

/// Whether a database error is the database refusing an overlapping booking (SQLite's
/// trigger or PostgreSQL's exclusion constraint).
pub fn is_slot_taken(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if crate::db::dialect::is_overlap_refusal(db.as_ref()))
}

/// Whether a database error is a unique key refusing a second row with the same value. On
/// SQLite a write transaction checks before it writes, so this only happens on PostgreSQL when
/// two writers race; callers answer it as the check would have.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error, message) = match &self {
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                "not_found",
                format!("{what} not found."),
            ),
            ApiError::Validation { message, .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                message.clone(),
            ),
            ApiError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, "bad_request", message.clone())
            }
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "The request body is too large.".into(),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send JSON with Content-Type: application/json.".into(),
            ),
            ApiError::SlotTaken { .. } => (
                StatusCode::CONFLICT,
                "slot_taken",
                "Sorry, that time was just taken. Please choose another.".into(),
            ),
            ApiError::LateChange { phone, hours } => (
                StatusCode::CONFLICT,
                "late_change",
                format!(
                    "Changes within {hours} hours of the visit need a call: please call {phone}."
                ),
            ),
            ApiError::Conflict(code, message) => (StatusCode::CONFLICT, *code, message.clone()),
            ApiError::Unauthorized(message) => {
                (StatusCode::UNAUTHORIZED, "unauthorized", (*message).into())
            }
            ApiError::Forbidden(code, message) => (StatusCode::FORBIDDEN, *code, (*message).into()),
            ApiError::TooManyAttempts => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!(
                    "Too many failed sign-ins. Please wait {SIGN_IN_LOCKOUT_MINUTES} minutes and try again."
                ),
            ),
            ApiError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests from your connection. Please wait a moment and try again."
                    .into(),
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This method is not allowed here.".into(),
            ),
            ApiError::RequestTimeout => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "The request took too long to arrive. Please try again.".into(),
            ),
            ApiError::TimedOut => (
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "The server took too long to answer. Please try again.".into(),
            ),
            ApiError::Rejected(status) => (
                *status,
                rejection_code(*status),
                status
                    .canonical_reason()
                    .map_or_else(|| "The request was refused.".into(), |reason| format!("{reason}.")),
            ),
            ApiError::Internal(error) => {
                tracing::error!(error = %error, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side. Please try again.".into(),
                )
            }
        };
        let retry_after = match &self {
            ApiError::TooManyAttempts => Some(SIGN_IN_LOCKOUT_MINUTES.unsigned_abs() * 60),
            ApiError::RateLimited {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        };
        let alternatives = match &self {
            ApiError::SlotTaken { alternatives } => Some(alternatives.clone()),
            _ => None,
        };
        let phone = match &self {
            ApiError::LateChange { phone, .. } => Some(phone.clone()),
            _ => None,
        };
        let fields = match self {
            ApiError::Validation { fields, .. } => Some(fields),
            _ => None,
        };
        let body = ApiErrorBody {
            error: error.into(),
            message,
            fields,
            alternatives,
            phone,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The `error` code of a refusal known only by its status: the reason phrase in snake case
/// (`bad_request`, `method_not_allowed`, …).
fn rejection_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "request_timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::URI_TOO_LONG => "uri_too_long",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::RANGE_NOT_SATISFIABLE => "range_not_satisfiable",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        status if status.is_server_error() => "internal",
        _ => "rejected",
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// For places that need a concrete `Response` type (the panic catcher).
    pub fn into_response_boxed(self) -> Response {
        self.into_response()
    }
}
