//! The console's team screens: the week overview (everyone), staff accounts and the audit log
//! (admins), and changing one's own password (everyone).

mod audit;
mod password;
mod staff;
mod week;
mod week_days;

use crate::routes::AppState;
use axum::routing::{get, post, put};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/week", get(week::week))
        .route("/console/staff", get(staff::list).post(staff::create))
        .route("/console/staff/{id}", put(staff::update))
        .route("/console/me/password", post(password::change))
        .route("/console/audit", get(audit::page))
}

/// The team routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    week::week,
    staff::list,
    staff::create,
    staff::update,
    password::change,
    audit::page
))]
pub struct TeamApi;
