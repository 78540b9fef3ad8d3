//! Time limits per request, so slow or stalled clients cannot hold connections (and database
//! connections) for ever: a deadline for the whole request (503 `timeout`) and one for each
//! wait on the request body (408 `request_timeout`, answered by `ApiJson` when reading the
//! body fails that way).

use crate::config::Settings;
use crate::error::ApiError;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Duration;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// Wraps `router` in both limits from `settings`.
pub fn apply(router: Router, settings: &Settings) -> Router {
    let whole_request = Duration::from_secs(settings.request_timeout.max(1));
    let body_wait = Duration::from_secs(settings.body_timeout.max(1));
    router
        // Each wait for the next piece of the body: a client that sent its headers and then
        // stalls is answered 408 and its connection closed.
        .layer(RequestBodyTimeoutLayer::new(body_wait))
        .layer(middleware::from_fn_with_state(whole_request, deadline))
}

/// The whole request, body and handler, must be done within the limit; a handler cut short
/// drops its open transaction, which rolls back.
async fn deadline(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            ApiError::TimedOut.into_response()
        }
    }
}
