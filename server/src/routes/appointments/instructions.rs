//! The patient's side of after-visit instructions, by the visit's token (no login): read the
//! latest instructions, say whether they made sense, ask the clinic a question.
//! The question's text is health information: it is stored and shown back, never logged.

use super::view::find_by_token;
use crate::db::{self, appointments::AppointmentRow, clinics::ClinicRow, Conn};
use crate::domain::feedback::survey_state;
use crate::domain::instructions::{plain_text, QUESTION_MAX_CHARS};
use crate::domain::markdown::to_safe_html;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::instructions::{
    PublishedInstructions, QuestionRequest, UnderstandingRequest, VisitInstructions,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// More open questions than this on one visit look like a script, not a patient: the clinic
/// answers them first.
pub const MAX_OPEN_QUESTIONS: i64 = 20;

#[utoipa::path(
    get,
    path = "/appointments/{token}/instructions",
    tag = "patient",
    summary = "After-visit instructions, teach-back and questions of a visit",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    responses(
        (status = 200, description = "The latest published instructions (`latest` is null until the practitioner wrote them), the patient's answer for them, and their questions with the clinic's replies.", body = VisitInstructions),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<VisitInstructions>> {
    let mut conn = state.db.pool.acquire().await?;
    let (row, clinic) = find_by_token(&mut conn, &token).await?;
    Ok(Json(
        visit_instructions(&mut conn, &row, &clinic, state.now()).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/appointments/{token}/understanding",
    tag = "patient",
    summary = "Answer \"Did this make sense?\"",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    request_body = UnderstandingRequest,
    responses(
        (status = 200, description = "Saved (answering again replaces the answer for that version); the visit's instructions as `GET` returns them.", body = VisitInstructions),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "No published version has this number (`validation`, `fields.version` = `unknown_version`), or the answer is not `yes`/`not_sure`.", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn answer_understanding(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<UnderstandingRequest>,
) -> ApiResult<Json<VisitInstructions>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, &token).await?;
    let version = db::instructions::version(&mut tx, row.id, request.version)
        .await?
        .ok_or_else(|| ApiError::field("version", "unknown_version"))?;
    db::instructions::answer(&mut tx, &version, request.answer, now).await?;
    let view = visit_instructions(&mut tx, &row, &clinic, now).await?;
    tx.commit().await?;
    Ok(Json(view))
}

#[utoipa::path(
    post,
    path = "/appointments/{token}/questions",
    tag = "patient",
    summary = "Ask the clinic a question about the visit",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
    ),
    request_body = QuestionRequest,
    responses(
        (status = 201, description = "Sent to the clinic's inbox; the visit's instructions and questions as `GET` returns them.", body = VisitInstructions),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The text is empty or longer than 2000 characters (`fields.text` = `required` / `too_long`), or the visit already has 20 questions waiting for a reply (`fields.text` = `too_many_open_questions`).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn ask(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(request): ApiJson<QuestionRequest>,
) -> ApiResult<(StatusCode, Json<VisitInstructions>)> {
    let text = plain_text(&request.text, QUESTION_MAX_CHARS)
        .map_err(|reason| ApiError::field("text", reason))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, &token).await?;
    if db::questions::open_count(&mut tx, row.id).await? >= MAX_OPEN_QUESTIONS {
        let mut fields = BTreeMap::new();
        fields.insert("text".to_string(), "too_many_open_questions".to_string());
        return Err(ApiError::Validation {
            message: "The clinic has not answered your earlier questions yet. Please call the \
                      clinic, or wait for their reply."
                .into(),
            fields,
        });
    }
    db::questions::insert(&mut tx, row.clinic_id, row.id, &text, now).await?;
    let view = visit_instructions(&mut tx, &row, &clinic, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Everything the visit page shows after the visit, for this visit only.
async fn visit_instructions(
    conn: &mut Conn,
    row: &AppointmentRow,
    clinic: &ClinicRow,
    now: DateTime<Utc>,
) -> ApiResult<VisitInstructions> {
    let latest = db::instructions::latest(conn, row.id).await?;
    let understanding = match &latest {
        Some(version) => db::instructions::understanding(conn, row.id, version.version()).await?,
        None => None,
    };
    let latest = match latest {
        Some(version) => {
            let practitioner_name: String =
                sqlx::query_scalar("SELECT display_name FROM practitioners WHERE id = $1")
                    .bind(row.practitioner_id)
                    .fetch_one(&mut *conn)
                    .await?;
            let (visit_date, _) =
                crate::domain::local_time::local_date_time(clinic.tz(), row.start());
            Some(PublishedInstructions {
                version: version.version(),
                language: version.language(),
                body_html: to_safe_html(&version.body_md),
                practitioner_name,
                published_at: version.published_at(),
                visit_date,
                articles: db::instructions::articles(conn, version.id).await?,
            })
        }
        None => None,
    };
    let questions = db::questions::of_visit(conn, row.id)
        .await?
        .iter()
        .map(db::questions::QuestionRow::to_wire)
        .collect();
    Ok(VisitInstructions {
        latest,
        understanding,
        questions,
        clinic_phone: clinic.phone.clone(),
        survey: survey_state(db::survey::survey_visit(conn, row.id).await?, now),
    })
}
