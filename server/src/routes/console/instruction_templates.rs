//! Per-service instruction templates ("After your physiotherapy session"): every staff member
//! may read them; admins and practitioners write them. They hold no patient data.

use super::auth::{AnyRole, Staff};
use super::instructions::Clinical;
use crate::db::{self, instructions::TemplateContent, Conn};
use crate::domain::instructions::{markdown_body, plain_text, TITLE_MAX_CHARS};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::AppState;
use app::wire::instructions::{InstructionTemplate, TemplateDraft};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct TemplatesQuery {
    service_id: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/instruction-templates",
    tag = "console",
    summary = "Instruction templates, of one service or all",
    params(
        ("service_id" = Option<i64>, Query, description = "Only this service's templates; absent or empty: all"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The clinic's templates by service, language and title.", body = Vec<InstructionTemplate>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`service_id` is not a number (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<TemplatesQuery>,
) -> ApiResult<Json<Vec<InstructionTemplate>>> {
    let service_id = match query.service_id.as_deref() {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| ApiError::field("service_id", "invalid"))?,
        ),
    };
    let mut conn = state.db.pool.acquire().await?;
    let templates = db::instructions::templates(&mut conn, staff.clinic_id(), service_id).await?;
    Ok(Json(
        templates
            .iter()
            .map(db::instructions::TemplateRow::to_wire)
            .collect(),
    ))
}

/// The draft, checked: trimmed title, Markdown kept as written, a service of this clinic.
async fn validated<'a>(
    conn: &mut Conn,
    clinic_id: i64,
    draft: &'a TemplateDraft,
    title: &'a str,
) -> ApiResult<TemplateContent<'a>> {
    let body_md = markdown_body(&draft.body_md).map_err(|r| ApiError::field("body_md", r))?;
    db::clinics::service(conn, clinic_id, draft.service_id)
        .await?
        .ok_or_else(|| ApiError::field("service_id", "unknown_service"))?;
    Ok(TemplateContent {
        service_id: draft.service_id,
        language: draft.language,
        title,
        body_md,
    })
}

#[utoipa::path(
    post,
    path = "/console/instruction-templates",
    tag = "console",
    summary = "Create an instruction template",
    request_body = TemplateDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Created.", body = InstructionTemplate),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or front desk (`forbidden`): admins and practitioners only.", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Empty or too long title or Markdown, or a service of another clinic (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff<Clinical>,
    ApiJson(draft): ApiJson<TemplateDraft>,
) -> ApiResult<(StatusCode, Json<InstructionTemplate>)> {
    let title =
        plain_text(&draft.title, TITLE_MAX_CHARS).map_err(|r| ApiError::field("title", r))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let content = validated(&mut tx, staff.clinic_id(), &draft, &title).await?;
    let id = db::instructions::insert_template(
        &mut tx,
        staff.clinic_id(),
        &content,
        Some(staff.id()),
        now,
    )
    .await?;
    let row = db::instructions::template_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Template"))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.to_wire())))
}

#[utoipa::path(
    put,
    path = "/console/instruction-templates/{id}",
    tag = "console",
    summary = "Change an instruction template",
    params(
        ("id" = i64, Path, description = "The template's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = TemplateDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved. Instructions published from it before keep their text.", body = InstructionTemplate),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or front desk (`forbidden`): admins and practitioners only.", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such template in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Empty or too long title or Markdown, or a service of another clinic (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<Clinical>,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<TemplateDraft>,
) -> ApiResult<Json<InstructionTemplate>> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Template"))?;
    let title =
        plain_text(&draft.title, TITLE_MAX_CHARS).map_err(|r| ApiError::field("title", r))?;
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    db::instructions::template_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Template"))?;
    let content = validated(&mut tx, staff.clinic_id(), &draft, &title).await?;
    db::instructions::update_template(&mut tx, id, &content, Some(staff.id()), now).await?;
    let row = db::instructions::template_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Template"))?;
    tx.commit().await?;
    Ok(Json(row.to_wire()))
}
