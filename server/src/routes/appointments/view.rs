//! `GET /api/appointments/{token}` and the appointment as every endpoint returns it.

use crate::db::{self, appointments::AppointmentRow, clinics::ClinicRow, Conn};
use crate::domain::{availability::local_date_time, change_policy, token, video};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::{AppState, LangQuery};
use app::wire::{Appointment, AppointmentStatus, Language, PatientSummary};
use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};

#[utoipa::path(
    get,
    path = "/appointments/{token}",
    tag = "patient",
    summary = "A visit, by its token",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
        ("lang" = Option<String>, Query, pattern = r"^(?:[eE][nNsS](?:[-_][\s\S]*)?)?$", description = "Language of the texts, `en` or `es`; empty or absent means the clinic's default. A browser's tag such as `es-MX` is read as its language."),
    ),
    responses(
        (status = 200, description = "The visit.", body = Appointment),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`lang` is not a supported language (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
) -> ApiResult<Json<Appointment>> {
    let lang = query.language()?;
    let mut conn = state.db.pool.acquire().await?;
    let (row, clinic) = find_by_token(&mut conn, &token).await?;
    Ok(Json(
        appointment_view(&mut conn, &row, &clinic, lang, state.now()).await?,
    ))
}

/// The appointment and its clinic for a token; malformed and unknown tokens are the same 404.
pub async fn find_by_token(conn: &mut Conn, token: &str) -> ApiResult<(AppointmentRow, ClinicRow)> {
    if !token::is_well_formed(token) {
        return Err(ApiError::NotFound("Appointment"));
    }
    let row = db::appointments::find_by_token(conn, token)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))?;
    let clinic = db::clinics::find_by_id(conn, row.clinic_id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))?;
    Ok((row, clinic))
}

/// The wire form, in `lang` or else the patient's own language.
pub async fn appointment_view(
    conn: &mut Conn,
    row: &AppointmentRow,
    clinic: &ClinicRow,
    lang: Option<Language>,
    now: DateTime<Utc>,
) -> ApiResult<Appointment> {
    let lang = lang.unwrap_or_else(|| row.language());
    let service = db::clinics::service(conn, clinic.id, row.service_id)
        .await?
        .ok_or(ApiError::NotFound("Service"))?;
    let practitioner = db::clinics::practitioners(conn, clinic.id)
        .await?
        .into_iter()
        .find(|p| p.id == row.practitioner_id)
        .ok_or(ApiError::NotFound("Practitioner"))?;
    let late_cancel_hours = db::clinics::to_u32(clinic.late_cancel_hours);
    let blocked =
        change_policy::may_change(row.is_cancelled(), row.start(), now, late_cancel_hours).err();
    let (local_date, local_time) = local_date_time(clinic.tz(), row.start());
    // A delay announced for the practitioner today moves the expected time of visits still ahead.
    let today = now.with_timezone(&clinic.tz()).date_naive();
    let running_late_minutes = if !row.is_cancelled() && row.start() > now && local_date == today {
        db::running_late::minutes(conn, row.practitioner_id, &today.to_string()).await?
    } else {
        None
    };
    let expected_start = running_late_minutes
        .map(|minutes| row.start() + chrono::Duration::minutes(i64::from(minutes)));
    Ok(Appointment {
        token: row.token.clone(),
        status: if row.is_cancelled() {
            AppointmentStatus::Cancelled
        } else {
            AppointmentStatus::Booked
        },
        start: row.start(),
        end: row.end(),
        local_date,
        local_time,
        sequence: db::clinics::to_u32(row.sequence),
        clinic: clinic.summary(),
        service: service.to_wire(lang),
        practitioner: practitioner.to_wire(lang),
        patient: PatientSummary {
            preferred_name: row.greeting_name(),
            language: row.language(),
        },
        can_cancel: blocked.is_none(),
        // A retired service has no times to move to; the visit itself stays and can be cancelled.
        can_reschedule: blocked.is_none() && service.offered,
        change_blocked_reason: blocked.map(|reason| reason.code().to_string()),
        expected_start,
        running_late_minutes,
        // A cancelled visit's room is not handed out any more.
        video_url: video::video_url(
            &clinic.video_url_template,
            service.kind(),
            row.video_room.as_deref().filter(|_| !row.is_cancelled()),
        ),
    })
}
