use super::AppState;
use crate::error::ApiResult;
use app::wire::Health;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

/// 200 when the server can reach its database.
#[utoipa::path(
    get,
    path = "/health",
    tag = "patient",
    summary = "The server is alive",
    responses(
        (status = 200, description = "Alive.", body = Health),
    )
)]
async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    Ok(Json(Health {
        status: "ok".into(),
    }))
}
