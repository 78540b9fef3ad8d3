//! Probes for whoever runs Carebook: `/api/health` says the process answers (liveness),
//! `/api/ready` says it can serve patients now (the database answers and carries every
//! migration this binary expects), so a load balancer sends traffic only then.

use super::AppState;
use crate::db::schema;
use app::wire::{ApiErrorBody, Health};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::time::Duration;

/// A probe must answer quickly even when the database hangs (a full pool, an unreachable host).
const READY_CHECK_TIMEOUT: Duration = Duration::from_secs(3);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
}

/// 200 whenever the process can answer at all; restarting it would not fix a database outage.
#[utoipa::path(
    get,
    path = "/health",
    tag = "about",
    summary = "The process is alive (liveness)",
    responses(
        (status = 200, description = "Alive: `{status: \"alive\"}`. Does not touch the database.", body = Health),
    )
)]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "alive".into(),
    })
}

/// 200 `{status: "ready"}`, or 503 `{error: "not_ready", message}` saying what is missing.
#[utoipa::path(
    get,
    path = "/ready",
    tag = "about",
    summary = "The server can serve patients now (readiness)",
    responses(
        (status = 200, description = "Ready: `{status: \"ready\"}`; the database answers and has every migration this binary carries.", body = Health),
        (status = 503, description = "Not ready (`not_ready`): the message says what is missing.", body = ApiErrorBody),
    )
)]
pub async fn ready(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_CHECK_TIMEOUT, missing_for_ready(&state)).await {
        Ok(Ok(())) => Json(Health {
            status: "ready".into(),
        })
        .into_response(),
        Ok(Err(reason)) => not_ready(reason),
        Err(_) => not_ready(format!(
            "The database did not answer within {} seconds.",
            READY_CHECK_TIMEOUT.as_secs()
        )),
    }
}

/// What keeps this process from serving, in words for the operator (no data, no secrets).
async fn missing_for_ready(state: &AppState) -> Result<(), String> {
    let unreachable = |error: sqlx::Error| {
        tracing::warn!(%error, "readiness: database check failed");
        "The database does not answer, or has no migration table.".to_string()
    };
    let mut conn = state.db.pool.acquire().await.map_err(unreachable)?;
    let pending = schema::pending_migrations(&mut conn, state.db.backend())
        .await
        .map_err(unreachable)?;
    if pending.is_empty() {
        return Ok(());
    }
    let versions: Vec<String> = pending.iter().map(i64::to_string).collect();
    Err(format!(
        "Migrations not applied yet: {}. Run `carebook migrate`.",
        versions.join(", ")
    ))
}

fn not_ready(message: String) -> Response {
    let body = ApiErrorBody {
        error: "not_ready".into(),
        message,
        fields: None,
        alternatives: None,
        phone: None,
    };
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}
