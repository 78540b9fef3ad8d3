//! Errors as FHIR `OperationOutcome` resources. The diagnostics name what was wrong with the
//! request (a parameter's name, a missing session), never a value sent or any patient data.

use crate::error::ApiError;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub struct FhirError {
    status: StatusCode,
    diagnostics: String,
    /// Headers an `ApiError` answer carried (`Retry-After`, `Allow`), kept (boxed: errors
    /// travel in `Result`s and should stay small).
    headers: Box<HeaderMap>,
}

impl FhirError {
    fn new(status: StatusCode, diagnostics: impl Into<String>) -> Self {
        FhirError {
            status,
            diagnostics: diagnostics.into(),
            headers: Box::default(),
        }
    }

    pub fn bad_request(diagnostics: impl Into<String>) -> Self {
        FhirError::new(StatusCode::BAD_REQUEST, diagnostics)
    }

    pub fn not_found() -> Self {
        FhirError::new(StatusCode::NOT_FOUND, "No such resource here.")
    }

    pub fn gone() -> Self {
        FhirError::new(
            StatusCode::GONE,
            "This patient's record was erased at their request.",
        )
    }

    pub fn method_not_allowed() -> Self {
        FhirError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "This server is read-only: only GET is allowed here.",
        )
    }

    /// The FHIR `issue.code` for a status.
    fn issue_code(&self) -> &'static str {
        match self.status {
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "invalid",
            StatusCode::UNAUTHORIZED => "login",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::NOT_FOUND => "not-found",
            StatusCode::GONE => "deleted",
            StatusCode::METHOD_NOT_ALLOWED => "not-supported",
            StatusCode::TOO_MANY_REQUESTS => "throttled",
            StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE => "timeout",
            _ if self.status.is_server_error() => "exception",
            _ => "processing",
        }
    }
}

/// The status of an `ApiError` (from the session check, the database…), with words for it.
impl From<ApiError> for FhirError {
    fn from(error: ApiError) -> Self {
        // Into a response first: that is where an internal error is logged, once.
        let response = error.into_response();
        let status = response.status();
        let diagnostics = match status {
            StatusCode::UNAUTHORIZED => {
                "Sign in to the Carebook console first: FHIR read uses its session."
            }
            StatusCode::FORBIDDEN => "Your role cannot read this.",
            StatusCode::NOT_FOUND => "No such resource here.",
            StatusCode::TOO_MANY_REQUESTS => "Too many requests: please wait and try again.",
            _ if status.is_server_error() => "Something went wrong on our side. Please try again.",
            _ => "The request was refused.",
        };
        let mut headers = HeaderMap::new();
        for name in [header::RETRY_AFTER, header::ALLOW] {
            if let Some(value) = response.headers().get(&name) {
                headers.insert(name, value.clone());
            }
        }
        FhirError {
            status,
            diagnostics: diagnostics.into(),
            headers: Box::new(headers),
        }
    }
}

impl From<sqlx::Error> for FhirError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::from(error).into()
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        let outcome = serde_json::json!({
            "resourceType": "OperationOutcome",
            "issue": [{
                "severity": "error",
                "code": self.issue_code(),
                "diagnostics": self.diagnostics,
            }],
        });
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(super::FHIR_JSON),
            )],
            outcome.to_string(),
        )
            .into_response();
        response.headers_mut().extend(*self.headers);
        response
    }
}
