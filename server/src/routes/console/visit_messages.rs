//! `GET /api/console/appointments/{id}/messages`: what was sent to the patient about a visit,
//! when, and why something was not (yet) — so the desk can answer "I never got a reminder".
//! Any staff member who may see the visit may see this; the read is audited by id.

use super::auth::{AnyRole, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::error::ApiResult;
use crate::routes::AppState;
use app::wire::messages::VisitMessages;
use axum::extract::{Path, State};
use axum::Json;

#[utoipa::path(
    get,
    path = "/console/appointments/{id}/messages",
    tag = "console",
    summary = "The messages about a visit and where each one is",
    description = "One line per message (confirmation, change, cancellation, reminders, instructions, survey) and channel, oldest first: queued, sent, failed or skipped, with a short reason code. No message text. `mail_configured`/`sms_configured` say whether this server can send at all.",
    params(
        ("id" = i64, Path, description = "The visit's id; an id of another clinic (or, for a practitioner, another practitioner's visit), or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The visit's messages.", body = VisitMessages),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such visit in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
) -> ApiResult<Json<VisitMessages>> {
    let mut conn = state.db.pool.acquire().await?;
    let visit = super::appointments::own_appointment(&mut conn, &staff, &id).await?;
    let messages = db::outbox_status::for_appointment(&mut conn, visit.id).await?;
    let patient_confirmed_at = db::outbox_status::patient_confirmed_at(&mut conn, visit.id)
        .await?
        .map(db::from_epoch);
    db::staff::audit(
        &mut conn,
        &AuditEntry {
            clinic_id: staff.clinic_id(),
            staff_id: staff.id(),
            action: "view_messages",
            record_type: "appointment",
            record_id: &visit.id.to_string(),
            address: &staff.address,
        },
        state.now(),
    )
    .await?;
    Ok(Json(VisitMessages {
        mail_configured: state.messaging.mail,
        sms_configured: state.messaging.sms,
        patient_confirmed_at,
        messages,
    }))
}
