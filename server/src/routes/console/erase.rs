//! `POST /api/console/patients/{id}/erase`: an admin erases a person's personal data at their
//! request. The audit log keeps that it happened (who, when, which record id), nothing more.

use super::auth::{AdminOnly, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::error::{ApiError, ApiResult};
use crate::routes::AppState;
use app::wire::console::PatientErased;
use axum::extract::{Path, State};
use axum::Json;

#[utoipa::path(
    post,
    path = "/console/patients/{id}/erase",
    tag = "console",
    summary = "Erase a patient's personal data (admins)",
    params(
        ("id" = i64, Path, description = "The patient's id; an id of another clinic, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Erased (or already erased): name, contacts and notes blanked on the record and every visit, visit links retired.", body = PatientErased),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role is not admin (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such patient in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn erase(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
) -> ApiResult<Json<PatientErased>> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Patient"))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let erasure = db::erasure::erase_patient(&mut tx, staff.clinic_id(), id, staff.id(), now)
        .await?
        .ok_or(ApiError::NotFound("Patient"))?;
    let record_id = id.to_string();
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action: "erase",
        record_type: "patient",
        record_id: &record_id,
        address: &staff.address,
    };
    db::staff::audit(&mut tx, &entry, now).await?;
    tx.commit().await?;
    tracing::info!(patient_id = id, "patient erased");
    Ok(Json(PatientErased {
        patient_id: id,
        appointments: u32::try_from(erasure.appointments).unwrap_or(u32::MAX),
    }))
}
