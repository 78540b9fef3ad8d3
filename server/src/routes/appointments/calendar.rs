//! `GET /api/appointments/{token}/calendar.ics`: the visit for the patient's calendar app.

use super::view::find_by_token;
use crate::db;
use crate::domain::calendar::{ics, CalendarEntry, Method};
use crate::domain::markdown::plain_text;
use crate::domain::video;
use crate::error::{ApiError, ApiResult};
use crate::routes::AppState;
use app::wire::{Language, ServiceKind};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;

#[utoipa::path(
    get,
    path = "/appointments/{token}/calendar.ics",
    tag = "patient",
    summary = "The visit as a calendar file",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    responses(
        (status = 200, description = "An iCalendar file of the visit.", content_type = "text/calendar", body = String),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn calendar_file(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let mut conn = state.db.pool.acquire().await?;
    let (row, clinic) = find_by_token(&mut conn, &token).await?;
    let lang = row.language();
    let service_row = db::clinics::service(&mut conn, clinic.id, row.service_id)
        .await?
        .ok_or(ApiError::NotFound("Service"))?;
    let service = service_row.to_wire(lang);
    // Calendar apps show the description as plain text: the Markdown's words, no markup.
    let preparation = plain_text(service_row.preparation(lang));
    let practitioner = db::clinics::practitioners(&mut conn, clinic.id)
        .await?
        .into_iter()
        .find(|p| p.id == row.practitioner_id)
        .ok_or(ApiError::NotFound("Practitioner"))?;
    let url = state.visit_url(&row.token);
    let video_url = video::video_url(
        &clinic.video_url_template,
        service.kind,
        row.video_room.as_deref().filter(|_| !row.is_cancelled()),
    );
    let (with, manage, video_later, join) = match lang {
        Language::En => (
            "With",
            "See or change your visit",
            "Video visit: the link is on your visit page",
            "Join the video visit",
        ),
        Language::Es => (
            "Con",
            "Vea o cambie su cita",
            "Visita por video: el enlace está en la página de su cita",
            "Entre a la visita por video",
        ),
    };
    let summary = format!("{} — {}", service.name, clinic.name);
    let mut description = format!(
        "{with} {}.\n\n{}\n\n{manage}: {url}\n{}",
        practitioner.display_name, preparation, clinic.phone
    );
    // Calendar apps put a LOCATION that is a link one tap away from the event.
    let location = match (service.kind, &video_url) {
        (ServiceKind::InPerson, _) => clinic.address.clone(),
        (ServiceKind::Telehealth, Some(video_url)) => {
            description.push_str(&format!("\n\n{join}: {video_url}"));
            video_url.clone()
        }
        (ServiceKind::Telehealth, None) => video_later.to_string(),
    };
    let body = ics(&CalendarEntry {
        // A copy for the patient to save; the e-mails carry the REQUEST / CANCEL.
        method: Method::Publish,
        uid: &row.calendar_uid,
        sequence: db::clinics::to_u32(row.sequence),
        start: row.start(),
        end: row.end(),
        summary: &summary,
        description: &description,
        location: &location,
        url: &url,
        cancelled: row.is_cancelled(),
        stamp: state.now(),
        organizer: None,
        attendee: None,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"visit.ics\"",
            ),
        ],
        body,
    ))
}
