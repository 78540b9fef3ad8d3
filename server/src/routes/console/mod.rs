//! The clinic console's API under `/api/console`: staff only, every route behind `Staff<R>`.

mod appointments;
mod articles;
pub mod auth;
mod booking;
mod day;
mod erase;
mod follow_ups;
mod instruction_templates;
mod instructions;
mod kpis;
mod kpis_csv;
mod patients;
mod plain_language;
mod questions;
mod running_late;
mod session;
mod setup;
mod team;
mod visit_messages;
mod waitlist;

use super::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(setup::router())
        .merge(team::router())
        .merge(articles::router())
        .merge(plain_language::router())
        .merge(follow_ups::router())
        .route("/console/sign-in", post(session::sign_in))
        .route("/console/sign-out", post(session::sign_out))
        .route("/console/me", get(session::me))
        .route("/console/day", get(day::day))
        .route("/console/appointments", post(booking::book_for_patient))
        .route("/console/patients", get(patients::search))
        .route("/console/patients/{id}", get(patients::timeline))
        .route("/console/patients/{id}/erase", post(erase::erase))
        .route(
            "/console/practitioners/{id}/running-late",
            axum::routing::put(running_late::set),
        )
        .route(
            "/console/appointments/{id}/attendance",
            post(appointments::attendance),
        )
        .route(
            "/console/appointments/{id}/cancel",
            post(appointments::cancel),
        )
        .route(
            "/console/appointments/{id}/messages",
            get(visit_messages::list),
        )
        .route(
            "/console/appointments/{id}/instructions",
            get(instructions::editor).post(instructions::publish),
        )
        .route(
            "/console/understanding",
            get(instructions::understanding_report),
        )
        .route(
            "/console/instruction-templates",
            get(instruction_templates::list).post(instruction_templates::create),
        )
        .route(
            "/console/instruction-templates/{id}",
            axum::routing::put(instruction_templates::update),
        )
        .route("/console/kpis", get(kpis::report))
        .route("/console/kpis.csv", get(kpis::report_csv))
        .route("/console/questions", get(questions::inbox))
        .route("/console/questions/{id}/reply", post(questions::reply))
        .route("/console/waitlist", get(waitlist::list))
        .route(
            "/console/waitlist/settings",
            get(waitlist::show_settings).put(waitlist::save_settings),
        )
        .route(
            "/console/waitlist/{id}",
            axum::routing::delete(waitlist::remove),
        )
}

/// The console routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    session::sign_in,
    session::sign_out,
    session::me,
    day::day,
    booking::book_for_patient,
    patients::search,
    patients::timeline,
    erase::erase,
    running_late::set,
    appointments::attendance,
    appointments::cancel,
    visit_messages::list,
    instructions::editor,
    instructions::publish,
    instructions::understanding_report,
    kpis::report,
    kpis::report_csv,
    instruction_templates::list,
    instruction_templates::create,
    instruction_templates::update,
    questions::inbox,
    questions::reply,
    waitlist::list,
    waitlist::remove,
    waitlist::show_settings,
    waitlist::save_settings
))]
struct ConsoleApi;

/// Every console route's OpenAPI description (paths relative to `/api`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = ConsoleApi::openapi();
    doc.merge(setup::SetupApi::openapi());
    doc.merge(team::TeamApi::openapi());
    doc.merge(articles::ArticlesApi::openapi());
    doc.merge(plain_language::PlainLanguageApi::openapi());
    doc.merge(follow_ups::FollowUpsApi::openapi());
    doc
}
