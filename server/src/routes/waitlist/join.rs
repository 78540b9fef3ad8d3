//! `POST /api/clinics/{slug}/waitlist`: a patient joins the waitlist for a service.

use super::view::entry_view;
use crate::db::waitlist::{self as store, NewEntry};
use crate::db::waitlist_outbox::{self, WaitlistMessage};
use crate::db::{self};
use crate::domain::patient::FieldErrors;
use crate::domain::{token, waitlist as rules};
use crate::error::{ApiError, ApiResult};
use crate::routes::clinics::find_clinic;
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::waitlist::{WaitlistEntry, WaitlistJoinRequest};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

#[utoipa::path(
    post,
    path = "/clinics/{slug}/waitlist",
    tag = "patient",
    summary = "Join the waitlist",
    description = "For a service (and optionally one practitioner), on the weekdays and parts of the day that suit. When a matching time is free (now or when one frees up), it is held for the patient for the clinic's `hold_minutes` and offered by e-mail and/or SMS with the entry's link; patients are served in the order they joined. One entry per e-mail or phone and service while it is on the list: joining again is a 409 `already_waiting`.",
    params(("slug" = String, Path, description = "The clinic's short name")),
    request_body = WaitlistJoinRequest,
    responses(
        (status = 201, description = "On the list (`status` is `offered` if a matching time was free and is held already); the token in the answer opens the entry's page.", body = WaitlistEntry),
        (status = 404, description = "No such clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "This e-mail or phone is already on the list for this service (`already_waiting`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Bad or missing details (`validation`): `fields.service_id` `unknown` (no such service offered), `fields.practitioner_id` `unknown` or `does_not_offer_service`, `fields.days` / `fields.parts_of_day` `required`, `out_of_range` or `repeated`, `fields.contact.*` as when booking (e.g. `contact.contact` `email_or_phone_required`, `contact.consent` `required`, `contact.language` `not_offered`).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn join(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiJson(request): ApiJson<WaitlistJoinRequest>,
) -> ApiResult<(StatusCode, Json<WaitlistEntry>)> {
    let now = state.now();
    let mut conn = state.db.pool.acquire().await?;
    let clinic = find_clinic(&mut conn, &slug).await?;

    let mut errors = FieldErrors::new();
    let service = db::clinics::offered_service(&mut conn, clinic.id, request.service_id).await?;
    if service.is_none() {
        errors.insert("service_id".into(), "unknown".into());
    }
    if let Some(id) = request.practitioner_id {
        let practitioner = db::clinics::practitioners(&mut conn, clinic.id)
            .await?
            .into_iter()
            .find(|p| p.id == id);
        match practitioner {
            None => {
                errors.insert("practitioner_id".into(), "unknown".into());
            }
            Some(p) if service.is_some() && !p.offers(request.service_id) => {
                errors.insert("practitioner_id".into(), "does_not_offer_service".into());
            }
            Some(_) => {}
        }
    }
    drop(conn);
    let days = rules::validate_days(&request.days, &mut errors);
    let parts = rules::validate_parts(&request.parts_of_day, &mut errors);
    let contact = rules::validate_contact(request.contact, &mut errors);
    if let Some(contact) = &contact {
        if !clinic.languages().contains(&contact.language) {
            errors.insert("contact.language".into(), "not_offered".into());
        }
    }
    let (Some(contact), true) = (contact, errors.is_empty()) else {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields: errors,
        });
    };

    let settings = {
        let mut conn = state.db.pool.acquire().await?;
        store::settings(&mut conn, clinic.id).await?
    };
    let token = token::new_token();
    // Joins of one clinic take turns, so one contact cannot slip in twice.
    let mut tx = state.db.begin_clinic_write(clinic.id).await?;
    let duplicate = store::active_for_contact(
        &mut tx,
        clinic.id,
        request.service_id,
        contact.email.as_deref(),
        contact.phone.as_deref(),
    )
    .await?;
    if duplicate.is_some() {
        return Err(ApiError::Conflict(
            "already_waiting",
            "You are already on the waitlist for this service: the link in your first message \
             shows your place."
                .into(),
        ));
    }
    let new = NewEntry {
        clinic_id: clinic.id,
        token: &token,
        service_id: request.service_id,
        practitioner_id: request.practitioner_id,
        days: &days,
        parts: &parts,
        name: &contact.name,
        preferred_name: contact.preferred_name.as_deref(),
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        language: contact.language,
        joined_at: now,
        expires_at: now + chrono::Duration::days(i64::from(settings.entry_days)),
    };
    let id = store::insert_entry(&mut tx, &new).await?;
    let entry = store::find_by_id(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound("Waitlist entry"))?;
    waitlist_outbox::queue(&mut tx, &entry, WaitlistMessage::Joined, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        clinic_id = clinic.id,
        service_id = request.service_id,
        "waitlist joined"
    );

    // A matching time may be free already.
    crate::waitlist::offer_freed_time(&state, clinic.id).await;
    let mut conn = state.db.pool.acquire().await?;
    let entry = store::find_by_id(&mut conn, id)
        .await?
        .ok_or(ApiError::NotFound("Waitlist entry"))?;
    let view = entry_view(&mut conn, &entry, &clinic, now).await?;
    Ok((StatusCode::CREATED, Json(view)))
}
