//! `POST /api/waitlist/{token}/take`: the patient books the time held for them, through the
//! same guarded insert as any booking.

use super::entry::missing_offer;
use super::view::find_by_token;
use crate::db::appointments::NewAppointment;
use crate::db::waitlist::{self as store, EntryRow, HoldRow, HoldScope};
use crate::db::{self, clinics::ClinicRow};
use crate::domain::availability::{check_start, StartCheck};
use crate::domain::messages::VisitEvent;
use crate::domain::token;
use crate::error::{is_slot_taken, ApiError, ApiResult};
use crate::routes::appointments::appointment_view;
use crate::routes::appointments::book::calendar_host;
use crate::routes::availability::schedules_around;
use crate::routes::AppState;
use app::wire::{Appointment, NewOrReturning, PatientDetails};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

#[utoipa::path(
    post,
    path = "/waitlist/{token}/take",
    tag = "patient",
    summary = "Book the time held for the patient",
    description = "A normal booking with the entry's contact details (the confirmation and reminders follow as for any booking); the entry leaves the list as `booked`.",
    params(("token" = String, Path, description = "The entry's secret token from its link")),
    responses(
        (status = 201, description = "Booked; the token in the answer opens the visit page.", body = Appointment),
        (status = 404, description = "No entry has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The hold ran out or the time was let go (`offer_expired`), or no time is held for this entry (`no_offer`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn take(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<(StatusCode, Json<Appointment>)> {
    let mut tries = 0;
    loop {
        tries += 1;
        match take_once(&state, &token).await {
            Err(error) if error.is_retryable() && tries < db::TRIES_ON_CONFLICT => continue,
            outcome => return outcome.map(|view| (StatusCode::CREATED, Json(view))),
        }
    }
}

async fn take_once(state: &AppState, token: &str) -> ApiResult<Appointment> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (entry, clinic) = find_by_token(&mut tx, token).await?;
    let Some(hold) = store::live_hold(&mut tx, entry.id, now).await? else {
        return Err(missing_offer(&mut tx, &entry, now).await?);
    };
    // In the practitioner's turn, like any booking: other holds that ran out go first.
    db::appointments::take_practitioners_turn(&mut tx, &[hold.practitioner_id]).await?;
    store::expire_due_holds(
        &mut tx,
        HoldScope::Practitioners(&[hold.practitioner_id]),
        now,
    )
    .await?;
    // The hold gives way to the visit in the same transaction: the database's guard then
    // sees the time free for this patient alone.
    if !store::end_hold(&mut tx, hold.id, "taken", now).await? {
        return Err(offer_expired());
    }
    let service = db::clinics::service(&mut tx, clinic.id, hold.service_id)
        .await?
        .ok_or(ApiError::NotFound("Service"))?;
    let shape = service.shape();
    let schedules = schedules_around(&mut tx, &[hold.practitioner_id], hold.start(), None).await?;
    // The rule is checked as of when the time was offered: notice and horizon held then, and
    // the hold kept it free since. The start must still be ahead.
    let offered_at = db::from_epoch(hold.created_at);
    let still_fits = matches!(
        check_start(&clinic.rules(), &shape, &schedules, hold.start(), offered_at),
        StartCheck::Free(id) if id == hold.practitioner_id
    );
    if !still_fits || hold.start() <= now {
        return Err(offer_expired());
    }
    let patient = patient_details(&mut tx, &entry).await?;
    let appointment_token = token::new_token();
    let calendar_uid = token::new_calendar_uid(&calendar_host(&state.public_url));
    let new = NewAppointment {
        clinic_id: clinic.id,
        token: &appointment_token,
        calendar_uid: &calendar_uid,
        service_id: service.id,
        practitioner_id: hold.practitioner_id,
        start: hold.start(),
        end: shape.end(hold.start()),
        blocked: shape.blocked_interval(hold.start()),
        patient: &patient,
        demo_seed: None,
        now,
    };
    let id = match db::appointments::insert(&mut tx, &new).await {
        Ok(id) => id,
        Err(error) if is_slot_taken(&error) => return Err(offer_expired()),
        Err(error) => return Err(error.into()),
    };
    db::staff::appointment_event(&mut tx, id, None, "booked", None, now).await?;
    db::outbox::queue_for_event(&mut tx, id, VisitEvent::Booked, now).await?;
    store::end_entry(&mut tx, entry.id, "booked", Some(id), None, now).await?;
    let view = booked_view(&mut tx, id, &clinic, now).await?;
    tx.commit().await?;
    log_taken(&clinic, &hold);
    Ok(view)
}

/// The entry's contact as a booking's patient details: they agreed to be contacted when
/// joining; a patient the clinic already knows books as returning.
async fn patient_details(conn: &mut db::Conn, entry: &EntryRow) -> ApiResult<PatientDetails> {
    let known = store::is_known_patient(
        conn,
        entry.clinic_id,
        entry.email.as_deref(),
        entry.phone.as_deref(),
    )
    .await?;
    Ok(PatientDetails {
        name: entry.name.clone(),
        preferred_name: entry.preferred_name.clone(),
        pronouns: None,
        email: entry.email.clone(),
        phone: entry.phone.clone(),
        language: entry.language(),
        new_or_returning: if known {
            NewOrReturning::Returning
        } else {
            NewOrReturning::New
        },
        reason: None,
        access_needs: None,
        insurance: None,
        consent: true,
    })
}

async fn booked_view(
    conn: &mut db::Conn,
    id: i64,
    clinic: &ClinicRow,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Appointment> {
    let row = db::appointments::find_by_id(conn, id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))?;
    appointment_view(conn, &row, clinic, None, now).await
}

fn log_taken(clinic: &ClinicRow, hold: &HoldRow) {
    tracing::info!(
        clinic_id = clinic.id,
        service_id = hold.service_id,
        practitioner_id = hold.practitioner_id,
        "waitlist offer taken"
    );
}

fn offer_expired() -> ApiError {
    ApiError::Conflict(
        "offer_expired",
        "The time held for you is no longer available. You stay on the waitlist.".into(),
    )
}
