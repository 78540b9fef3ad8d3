//! Appointments: book, view, reschedule, cancel, and the calendar file.

pub mod book;
mod calendar;
mod change;
mod confirm;
mod instructions;
mod survey;
pub mod view;

use super::AppState;
use axum::routing::{get, post};
use axum::Router;

pub use view::appointment_view;

/// The patient's visit routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    book::book,
    view::show,
    change::cancel,
    change::reschedule,
    confirm::confirm,
    calendar::calendar_file,
    instructions::show,
    instructions::answer_understanding,
    instructions::ask,
    survey::show,
    survey::answer
))]
pub struct AppointmentsApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clinics/{slug}/appointments", post(book::book))
        .route("/appointments/{token}", get(view::show))
        .route("/appointments/{token}/cancel", post(change::cancel))
        .route("/appointments/{token}/reschedule", post(change::reschedule))
        .route("/appointments/{token}/confirm", post(confirm::confirm))
        .route(
            "/appointments/{token}/calendar.ics",
            get(calendar::calendar_file),
        )
        .route(
            "/appointments/{token}/instructions",
            get(instructions::show),
        )
        .route(
            "/appointments/{token}/understanding",
            post(instructions::answer_understanding),
        )
        .route("/appointments/{token}/questions", post(instructions::ask))
        .route(
            "/appointments/{token}/survey",
            get(survey::show).post(survey::answer),
        )
}
