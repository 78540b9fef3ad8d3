//! The after-visit survey, by the visit's token (no login): what the survey page shows, and the
//! patient's answers, once per visit. The comment is the patient's own words: stored, shown to
//! the clinic's staff, never logged.

use super::view::find_by_token;
use crate::db::{
    self, appointments::AppointmentRow, clinics::ClinicRow, survey::NewResponse, Conn,
};
use crate::domain::feedback::{closes_at, follow_up_reasons, survey_state, COMMENT_MAX_CHARS};
use crate::domain::instructions::plain_text;
use crate::error::{is_unique_violation, ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::{AppState, LangQuery};
use app::wire::feedback::{SurveyAnswers, SurveyState, SurveyStatus};
use app::wire::Language;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The highest "How likely are you to recommend us" score.
const RECOMMEND_MAX: u8 = 10;

#[utoipa::path(
    get,
    path = "/appointments/{token}/survey",
    tag = "patient",
    summary = "The after-visit survey of a visit: whether it can be answered, and what to greet with",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
        ("lang" = Option<String>, Query, pattern = r"^(?:[eE][nNsS](?:[-_][\s\S]*)?)?$", description = "Language of the service's name, `en` or `es`; empty or absent means the language the visit was booked in. A browser's tag such as `es-MX` is read as its language."),
    ),
    responses(
        (status = 200, description = "The survey's state (`not_yet` until the visit is marked completed, and for a cancelled visit or a no-show; `open` for 30 days after the visit, with `closes_at`; `answered`; `closed`) and the visit it is about.", body = SurveyStatus),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`lang` is not a supported language (`validation`, `fields.lang` = `unsupported_language`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
) -> ApiResult<Json<SurveyStatus>> {
    let lang = query.language()?;
    let mut conn = state.db.pool.acquire().await?;
    let (row, clinic) = find_by_token(&mut conn, &token).await?;
    Ok(Json(
        survey_status(&mut conn, &row, &clinic, lang, state.now()).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/appointments/{token}/survey",
    tag = "patient",
    summary = "Answer the after-visit survey (once per visit)",
    params(
        ("token" = String, Path, description = "The visit's secret token from the confirmation link"),
        ("lang" = Option<String>, Query, pattern = r"^(?:[eE][nNsS](?:[-_][\s\S]*)?)?$", description = "The language the patient answered in (and of the service's name in the answer); empty or absent means the language the visit was booked in."),
    ),
    request_body = SurveyAnswers,
    responses(
        (status = 201, description = "Saved, with state `answered`. Answers with a rating of 1–2, a recommendation of 0–6 or a \"No\" go to the clinic's follow-up queue.", body = SurveyStatus),
        (status = 404, description = "No visit has this token (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The visit already has answers (`already_answered`: \"Thanks, we already have your answers.\"), it is not marked completed or was cancelled or missed (`survey_not_open`), or it ended more than 30 days ago (`survey_closed`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`rating` not 1–5 or `recommend` not 0–10 (`out_of_range`), a comment longer than 2000 characters (`fields.comment` = `too_long`), a missing rating (`required`), a value of the wrong type (`invalid`), or an unsupported `lang` (`validation`, `fields` names each one). Nothing is saved.", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
    ApiJson(answers): ApiJson<SurveyAnswers>,
) -> ApiResult<(StatusCode, Json<SurveyStatus>)> {
    let lang = query.language()?;
    let comment = validated_comment(&answers)?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let (row, clinic) = find_by_token(&mut tx, &token).await?;
    match survey_state(db::survey::survey_visit(&mut tx, row.id).await?, now) {
        SurveyState::Open => {}
        SurveyState::Answered => return Err(already_answered()),
        SurveyState::NotYet => {
            return Err(ApiError::Conflict(
                "survey_not_open",
                "The survey opens once your visit has taken place.".into(),
            ))
        }
        SurveyState::Closed => {
            return Err(ApiError::Conflict(
                "survey_closed",
                "This survey has closed: it was open for 30 days after your visit.".into(),
            ))
        }
    }
    let new = NewResponse {
        appointment_id: row.id,
        clinic_id: row.clinic_id,
        answers: &answers,
        comment: comment.as_deref(),
        language: lang.unwrap_or_else(|| row.language()),
        now,
    };
    // The check above sees answers committed before this transaction began; the primary key
    // also refuses one committed meanwhile (PostgreSQL runs such writers side by side).
    match db::survey::insert(&mut tx, &new).await {
        Err(error) if is_unique_violation(&error) => return Err(already_answered()),
        other => other?,
    }
    if !follow_up_reasons(&answers).is_empty() {
        db::follow_ups::open(&mut tx, row.clinic_id, row.id, now).await?;
    }
    let status = survey_status(&mut tx, &row, &clinic, lang, now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(status)))
}

fn already_answered() -> ApiError {
    ApiError::Conflict(
        "already_answered",
        "Thanks, we already have your answers.".into(),
    )
}

/// Checks the numbers and the comment, naming every field that needs attention; returns the
/// comment trimmed (control characters dropped), or `None` when blank.
fn validated_comment(answers: &SurveyAnswers) -> ApiResult<Option<String>> {
    let mut fields = BTreeMap::new();
    if !(1..=5).contains(&answers.rating) {
        fields.insert("rating".to_string(), "out_of_range".to_string());
    }
    if answers.recommend.is_some_and(|score| score > RECOMMEND_MAX) {
        fields.insert("recommend".to_string(), "out_of_range".to_string());
    }
    let comment = match answers
        .comment
        .as_deref()
        .map(|text| plain_text(text, COMMENT_MAX_CHARS))
    {
        None | Some(Err("required")) => None,
        Some(Err(reason)) => {
            fields.insert("comment".to_string(), reason.to_string());
            None
        }
        Some(Ok(text)) => Some(text),
    };
    if fields.is_empty() {
        Ok(comment)
    } else {
        Err(ApiError::Validation {
            message: "Some answers need attention.".into(),
            fields,
        })
    }
}

/// The survey page's view of a visit, with the service named in `lang` (else the visit's).
async fn survey_status(
    conn: &mut Conn,
    row: &AppointmentRow,
    clinic: &ClinicRow,
    lang: Option<Language>,
    now: DateTime<Utc>,
) -> ApiResult<SurveyStatus> {
    let visit = db::instructions::visit_in_clinic(conn, row.clinic_id, row.id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))?;
    let survey = db::survey::survey_visit(conn, row.id).await?;
    let state = survey_state(survey, now);
    Ok(SurveyStatus {
        state,
        language: row.language(),
        preferred_name: row.greeting_name(),
        clinic_name: clinic.name.clone(),
        clinic_phone: clinic.phone.clone(),
        service_name: visit.service_name(lang.unwrap_or_else(|| row.language())),
        visit_date: visit.visit_date(),
        practitioner_name: visit.practitioner_name,
        closes_at: (state == SurveyState::Open).then(|| closes_at(survey.ends_at)),
    })
}
