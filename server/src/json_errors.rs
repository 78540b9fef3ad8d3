//! The last line of "every refusal is JSON": any error response that is not JSON yet (a
//! rejection from axum or tower-http that our extractors do not wrap, such as a path that is
//! not valid UTF-8, or a static file asked for with POST) gets the `ApiErrorBody` shape for its
//! status. Headers such as `Allow` and `Retry-After` are kept.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::header::{self, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(response.headers()) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let replacement = ApiError::Rejected(status).into_response();
    let (replacement_parts, body) = replacement.into_parts();
    // Keep what the refusal said in headers (Allow, Retry-After, …), but not the length or type
    // of the body it no longer has.
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    parts.headers.extend(replacement_parts.headers);
    Response::from_parts(parts, body)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        // FHIR's own JSON (`/fhir`, whose errors are OperationOutcome resources) is JSON too.
        .is_some_and(|value| {
            value.starts_with("application/json") || value.starts_with("application/fhir+json")
        })
}
