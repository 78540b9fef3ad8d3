//! The patient's waitlist routes: join, and the entry by its token (see `app::wire::waitlist`).

mod entry;
mod join;
mod take;
pub mod view;

use super::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The patient's waitlist routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(join::join, entry::show, take::take, entry::decline, entry::leave))]
pub struct WaitlistApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clinics/{slug}/waitlist", post(join::join))
        .route("/waitlist/{token}", get(entry::show))
        .route("/waitlist/{token}/take", post(take::take))
        .route("/waitlist/{token}/decline", post(entry::decline))
        .route("/waitlist/{token}/leave", post(entry::leave))
}
