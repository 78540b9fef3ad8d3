//! `POST /api/clinics/{slug}/appointments`: a patient books a visit.

use super::view::appointment_view;
use crate::db::clinics::ClinicRow;
use crate::db::{self, appointments::NewAppointment};
use crate::domain::messages::VisitEvent;
use crate::domain::{patient, token};
use crate::error::{is_slot_taken, is_unique_violation, ApiError, ApiResult};
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
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

const IDEMPOTENCY_HEADER: &str = "idempotency-key";
const MAX_KEY_LEN: usize = 200;

#[utoipa::path(
    post,
    path = "/clinics/{slug}/appointments",
    tag = "patient",
    summary = "Book a visit",
    params(
        ("slug" = String, Path, description = "The clinic's short name"),
        ("Idempotency-Key" = Option<String>, Header, description = "Any unique string (1-200 characters) per booking attempt: a retry with the same key and body answers the first booking instead of booking twice; the same key with a different body is a 422"),
    ),
    request_body = BookingRequest,
    responses(
        (status = 201, description = "Booked; the token in the answer opens the visit page.", body = Appointment),
        (status = 404, description = "No such clinic, service or practitioner (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The time was just taken (`slot_taken`, with up to three `alternatives`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Bad or missing details, a time that is too soon, beyond the horizon or not bookable, a language the clinic does not offer, or an Idempotency-Key reused with another body (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
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
    let patient =
        patient::validate(request.patient.clone()).map_err(|fields| ApiError::Validation {
            message: if fields.contains_key("patient.phone") {
                "Some details need attention: give the phone number with its country code, \
                 like +1 617 555 0134."
                    .into()
            } else {
                "Some details need attention.".into()
            },
            fields,
        })?;
    if !clinic.languages().contains(&patient.language) {
        return Err(ApiError::field("patient.language", "not_offered"));
    }
    let attempt = Attempt {
        clinic,
        key: idempotency_key.as_deref(),
        request_hash: &hash_request(&request),
        request: &request,
        patient: &patient,
        booked_by,
        now: state.now(),
    };
    let mut tries = 0;
    loop {
        tries += 1;
        let outcome = attempt.book(state).await;
        match outcome {
            Err(error) if error.is_retryable() && tries < db::TRIES_ON_CONFLICT => continue,
            // Another request with this key may have just won (PostgreSQL runs them side by
            // side, so both passed the key check): this one answers with that booking.
            Err(error) if attempt.key.is_some() && lost_to_a_twin(&error) => {
                return match attempt.replayed(state).await? {
                    Some(view) => Ok(view),
                    None => Err(error),
                };
            }
            outcome => return outcome,
        }
    }
}

/// One booking request, ready to be tried.
struct Attempt<'a> {
    clinic: &'a ClinicRow,
    key: Option<&'a str>,
    request_hash: &'a str,
    request: &'a BookingRequest,
    patient: &'a app::wire::PatientDetails,
    booked_by: Option<i64>,
    now: DateTime<Utc>,
}

impl Attempt<'_> {
    async fn book(&self, state: &AppState) -> ApiResult<Appointment> {
        let (clinic, request, now) = (self.clinic, self.request, self.now);
        let mut tx = state.db.begin_write().await?;
        if let Some(view) = self.earlier_booking(&mut tx).await? {
            return Ok(view);
        }

        let (service, practitioner_ids) =
            service_and_practitioners(&mut tx, clinic, request.service_id, request.practitioner_id)
                .await?;
        db::appointments::take_practitioners_turn(&mut tx, &practitioner_ids).await?;
        // A time held for a waiting patient whose hold ran out is free again.
        let scope = db::waitlist::HoldScope::Practitioners(&practitioner_ids);
        db::waitlist::expire_due_holds(&mut tx, scope, now).await?;
        let rules = clinic.rules();
        let shape = service.shape();
        let schedules = schedules_around(&mut tx, &practitioner_ids, request.start, None).await?;
        let practitioner_id =
            practitioner_for_start(&rules, &shape, &schedules, request.start, now)?;

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
            patient: self.patient,
            demo_seed: None,
            now,
        };
        let id = match db::appointments::insert(&mut tx, &new).await {
            Ok(id) => id,
            // The database's own guard: on SQLite only reachable if the rule above and the
            // schema disagree; on PostgreSQL how the loser of a race for one time learns of it.
            Err(error) if is_slot_taken(&error) => {
                return Err(slot_taken(&rules, &shape, &schedules, request.start, now))
            }
            Err(error) => return Err(error.into()),
        };
        if let Some(key) = self.key {
            db::idempotency::store(&mut tx, clinic.id, key, self.request_hash, id, now).await?;
        }
        db::staff::appointment_event(&mut tx, id, self.booked_by, "booked", None, now).await?;
        // The confirmation and reminders commit with the booking, or not at all.
        db::outbox::queue_for_event(&mut tx, id, VisitEvent::Booked, now).await?;
        let row = db::appointments::find_by_id(&mut tx, id)
            .await?
            .ok_or(ApiError::NotFound("Appointment"))?;
        let view = appointment_view(&mut tx, &row, clinic, None, now).await?;
        tx.commit().await?;
        tracing::info!(
            service_id = service.id,
            practitioner_id,
            by_staff = self.booked_by.is_some(),
            "appointment booked"
        );
        Ok(view)
    }

    /// What an earlier request with this Idempotency-Key booked: the same visit again, or 422
    /// if that request asked for something else.
    async fn earlier_booking(&self, conn: &mut db::Conn) -> ApiResult<Option<Appointment>> {
        let Some(key) = self.key else {
            return Ok(None);
        };
        let Some(stored) = db::idempotency::find(conn, self.clinic.id, key).await? else {
            return Ok(None);
        };
        if stored.request_hash != self.request_hash {
            return Err(ApiError::field(
                "idempotency_key",
                "reused_with_different_body",
            ));
        }
        let row = db::appointments::find_by_id(conn, stored.appointment_id)
            .await?
            .ok_or(ApiError::NotFound("Appointment"))?;
        Ok(Some(
            appointment_view(conn, &row, self.clinic, None, self.now).await?,
        ))
    }

    /// `earlier_booking` once this attempt's own transaction has ended.
    async fn replayed(&self, state: &AppState) -> ApiResult<Option<Appointment>> {
        let mut conn = state.db.pool.acquire().await?;
        self.earlier_booking(&mut conn).await
    }
}

/// What a request meets when a twin with the same Idempotency-Key committed first: its time
/// is taken (by the twin), or, for a twin that asked for another time, the key is.
fn lost_to_a_twin(error: &ApiError) -> bool {
    match error {
        ApiError::SlotTaken { .. } => true,
        ApiError::Internal(error) => error
            .downcast_ref::<sqlx::Error>()
            .is_some_and(is_unique_violation),
        _ => false,
    }
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
