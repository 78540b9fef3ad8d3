//! `POST /api/clinics/{slug}/appointments`: a patient books a visit.

use super::view::appointment_view;
use crate::db::clinics::ClinicRow;
use crate::db::{self, appointments::NewAppointment};
use crate::domain::{patient, token};
use crate::error::{is_slot_taken, ApiError, ApiResult};
use crate::routes::availability::{
    practitioner_for_start, schedules_around, service_and_practitioners, slot_taken,
};
use crate::routes::clinics::find_clinic;
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::{Appointment, BookingRequest};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sha2::{Digest, Sha256};

const IDEMPOTENCY_HEADER: &str = "idempotency-key";
const MAX_KEY_LEN: usize = 200;

pub async fn book(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<BookingRequest>,
) -> ApiResult<(StatusCode, Json<Appointment>)> {
    let idempotency_key = idempotency_key(&headers)?;
    let mut conn = state.db.pool.acquire().await?;
    let clinic = find_clinic(&mut conn, &slug).await?;
    drop(conn);
    let view = book_visit(&state, &clinic, request, idempotency_key, None).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The one way a visit gets booked, online by the patient or by staff on the phone
/// (`booked_by`): the same checks, the same availability rule, the same database guard.
pub async fn book_visit(
    state: &AppState,
    clinic: &ClinicRow,
    request: BookingRequest,
    idempotency_key: Option<String>,
    booked_by: Option<i64>,
) -> ApiResult<Appointment> {
    let request_hash = hash_request(&request);
    let patient =
        patient::validate(request.patient.clone()).map_err(|fields| ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        })?;
    if !clinic.languages().contains(&patient.language) {
        return Err(ApiError::field("patient.language", "not_offered"));
    }

    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    if let Some(key) = &idempotency_key {
        if let Some(stored) = db::idempotency::find(&mut tx, clinic.id, key).await? {
            if stored.request_hash != request_hash {
                return Err(ApiError::field(
                    "idempotency_key",
                    "reused_with_different_body",
                ));
            }
            let row = db::appointments::find_by_id(&mut tx, stored.appointment_id)
                .await?
                .ok_or(ApiError::NotFound("Appointment"))?;
            return appointment_view(&mut tx, &row, clinic, None, now).await;
        }
    }

    let (service, practitioner_ids) =
        service_and_practitioners(&mut tx, clinic, request.service_id, request.practitioner_id)
            .await?;
    let rules = clinic.rules();
    let shape = service.shape();
    let schedules = schedules_around(&mut tx, &practitioner_ids, request.start, None).await?;
    let practitioner_id = practitioner_for_start(&rules, &shape, &schedules, request.start, now)?;

    let token = token::new_token();
    let calendar_uid = token::new_calendar_uid(&calendar_host(&state.public_url));
    let new = NewAppointment {
        clinic_id: clinic.id,
        token: &token,
        calendar_uid: &calendar_uid,
        service_id: service.id,
        practitioner_id,
        start: request.start,
        end: shape.end(request.start),
        blocked: shape.blocked_interval(request.start),
        patient: &patient,
        demo_seed: None,
        now,
    };
    let id = match db::appointments::insert(&mut tx, &new).await {
        Ok(id) => id,
        // The database's own guard; only reachable if the rule above and the schema disagree.
        Err(error) if is_slot_taken(&error) => {
            return Err(slot_taken(&rules, &shape, &schedules, request.start, now))
        }
        Err(error) => return Err(error.into()),
    };
    if let Some(key) = &idempotency_key {
        db::idempotency::store(&mut tx, clinic.id, key, &request_hash, id, now).await?;
    }
    db::staff::appointment_event(&mut tx, id, booked_by, "booked", None, now).await?;
    let row = db::appointments::find_by_id(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))?;
    let view = appointment_view(&mut tx, &row, clinic, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        service_id = service.id,
        practitioner_id,
        by_staff = booked_by.is_some(),
        "appointment booked"
    );
    Ok(view)
}

pub fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get(IDEMPOTENCY_HEADER) else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|key| !key.is_empty() && key.len() <= MAX_KEY_LEN)
        .ok_or_else(|| ApiError::field("idempotency_key", "invalid"))?;
    Ok(Some(key.to_string()))
}

/// Same body → same hash: the request is re-serialized from its parsed form, so key order
/// and whitespace in what the client sent do not matter.
fn hash_request(request: &BookingRequest) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The host part of the public URL, for calendar UIDs (`…@book.clinic.org`).
pub fn calendar_host(public_url: &str) -> String {
    let without_scheme = public_url.split("://").nth(1).unwrap_or(public_url);
    let host = without_scheme
        .split(['/', ':'])
        .next()
        .unwrap_or("carebook");
    if host.is_empty() {
        "carebook".into()
    } else {
        host.to_string()
    }
}
