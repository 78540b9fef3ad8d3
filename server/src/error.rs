//! One error type for every route. Each variant maps to a status and an `ApiErrorBody`, so
//! handlers just use `?`. Messages never contain patient data or tokens.

use app::wire::{ApiErrorBody, Slot};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::BTreeMap;

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
                "Too many failed sign-ins. Please wait 15 minutes and try again.".into(),
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
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// For places that need a concrete `Response` type (the panic catcher).
    pub fn into_response_boxed(self) -> Response {
        self.into_response()
    }
}
