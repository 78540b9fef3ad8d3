//! The console's inbox of patients' questions and the clinic's replies. Questions are health
//! information: only staff of the visit's clinic see them, every read and reply is audited (by
//! ids), and their text never reaches the logs.

use super::auth::{AnyRole, Staff};
use super::instructions::audit;
use crate::db::{self, questions::InboxState};
use crate::domain::instructions::{plain_text, QUESTION_MAX_CHARS};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::AppState;
use app::wire::instructions::{InboxQuestion, ReplyRequest};
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct InboxQuery {
    state: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/questions",
    tag = "console",
    summary = "The inbox of patients' questions",
    params(
        ("state" = Option<String>, Query, pattern = r"^(?:open|answered|all)?$", description = "`open` (default: waiting for a reply), `answered` or `all`"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The clinic's questions, oldest first (visits anonymised by erasure or retention left out). Audited.", body = Vec<InboxQuestion>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`state` is not `open`, `answered` or `all` (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn inbox(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<InboxQuery>,
) -> ApiResult<Json<Vec<InboxQuestion>>> {
    let wanted = match query.state.as_deref() {
        None | Some("") => InboxState::Open,
        Some(code) => {
            InboxState::from_code(code).ok_or_else(|| ApiError::field("state", "invalid"))?
        }
    };
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let rows = db::questions::inbox(&mut tx, staff.clinic_id(), wanted).await?;
    if !rows.is_empty() {
        let ids: Vec<String> = rows.iter().map(|row| row.question.id.to_string()).collect();
        db::staff::audit(
            &mut tx,
            &db::staff::AuditEntry {
                clinic_id: staff.clinic_id(),
                staff_id: staff.id(),
                action: "view_questions",
                record_type: "question",
                record_id: &ids.join(","),
                address: &staff.address,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(
        rows.iter().map(db::questions::InboxRow::to_wire).collect(),
    ))
}

#[utoipa::path(
    post,
    path = "/console/questions/{id}/reply",
    tag = "console",
    summary = "Reply to a patient's question",
    params(
        ("id" = i64, Path, description = "The question's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = ReplyRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved; the patient sees the reply on the visit page. Audited.", body = InboxQuestion),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such question in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "Someone replied first (`already_answered`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The reply is empty or longer than 2000 characters (`validation`, `fields.text`: `required`/`too_long`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn reply(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReplyRequest>,
) -> ApiResult<Json<InboxQuestion>> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Question"))?;
    let text =
        plain_text(&request.text, QUESTION_MAX_CHARS).map_err(|r| ApiError::field("text", r))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    db::questions::find_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Question"))?;
    if !db::questions::reply(&mut tx, id, staff.id(), &text, now).await? {
        return Err(ApiError::Conflict(
            "already_answered",
            "Someone has already replied to this question.".into(),
        ));
    }
    audit(&mut tx, &staff, "reply_question", "question", id, now).await?;
    let row = db::questions::find_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Question"))?;
    tx.commit().await?;
    Ok(Json(row.to_wire()))
}
