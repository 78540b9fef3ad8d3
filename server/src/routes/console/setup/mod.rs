//! Setting up the clinic from the console (admins only): its profile and booking rules, its
//! reminder times, its services, its practitioners with their weekly hours and time off. Every change is audited
//! by record id; every id is looked up within the admin's own clinic, so another clinic's
//! records are 404s.

mod checks;
mod clinic;
mod embed;
mod naming;
mod practitioners;
mod publishing;
mod reminders;
mod schedule;
mod services;

use super::auth::{AdminOnly, Staff};
use crate::db::{self, clinics::ClinicRow, staff::AuditEntry, Conn};
use crate::error::{ApiError, ApiResult};
use crate::routes::AppState;
use axum::routing::{delete, get, post, put};
use axum::Router;
use chrono::{DateTime, Utc};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/clinic", get(clinic::show).put(clinic::save))
        .route(
            "/console/reminders",
            get(reminders::show).put(reminders::save),
        )
        .route("/console/embed", get(embed::show).put(embed::save))
        .route(
            "/console/publishing",
            get(publishing::show).put(publishing::save),
        )
        .route(
            "/console/services",
            get(services::list).post(services::create),
        )
        .route("/console/services/{id}", put(services::update))
        .route("/console/services/{id}/retire", post(services::retire))
        .route(
            "/console/practitioners",
            get(practitioners::list).post(practitioners::create),
        )
        .route(
            "/console/practitioners/{id}",
            get(schedule::show).put(practitioners::update),
        )
        .route(
            "/console/practitioners/{id}/hours",
            put(schedule::set_hours),
        )
        .route(
            "/console/practitioners/{id}/time-off",
            post(schedule::add_time_off),
        )
        .route(
            "/console/practitioners/{id}/time-off/{time_off_id}",
            delete(schedule::remove_time_off),
        )
}

/// The set-up routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    clinic::show,
    clinic::save,
    reminders::show,
    reminders::save,
    embed::show,
    embed::save,
    publishing::show,
    publishing::save,
    services::list,
    services::create,
    services::update,
    services::retire,
    practitioners::list,
    practitioners::create,
    schedule::show,
    practitioners::update,
    schedule::set_hours,
    schedule::add_time_off,
    schedule::remove_time_off
))]
pub struct SetupApi;

/// An id from the path; anything but a number names no record, so it is a 404 like one.
fn path_id(text: &str, what: &'static str) -> ApiResult<i64> {
    text.parse().map_err(|_| ApiError::NotFound(what))
}

/// The admin's own clinic.
async fn own_clinic(conn: &mut Conn, staff: &Staff<AdminOnly>) -> ApiResult<ClinicRow> {
    db::clinics::find_by_id(conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))
}

/// Records what an admin did to which record, by id only.
async fn audit(
    conn: &mut Conn,
    staff: &Staff<AdminOnly>,
    action: &str,
    record_type: &str,
    record_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action,
        record_type,
        record_id: &record_id.to_string(),
        address: &staff.address,
    };
    db::staff::audit(conn, &entry, now).await?;
    Ok(())
}
