//! The console's plain-language tools: the clinic's own jargon terms (checked alongside the
//! built-in lists while staff write to patients) and a preview of Markdown rendered exactly as
//! patients will get it.

use super::auth::{Allowed, AnyRole, Staff};
use crate::db;
use crate::domain::markdown::to_safe_html;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::AppState;
use app::plain_language::term_key;
use app::wire::console::StaffRole;
use app::wire::plain_language::{
    JargonTerm, MarkdownPreview, MarkdownPreviewRequest, NewJargonTerm,
};
use app::wire::Language;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;

/// The longest term and plain alternative, in characters.
const TERM_MAX: usize = 80;
const PLAIN_MAX: usize = 200;
/// The longest Markdown previewed, in characters (longer than any text the console saves).
const PREVIEW_MAX: usize = 20_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/jargon", get(list).post(add))
        .route("/console/jargon/{id}", delete(remove))
        .route("/console/markdown-preview", post(preview))
}

/// The OpenAPI description of these routes (`routes::console::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, add, remove, preview))]
pub struct PlainLanguageApi;

/// The people who write to patients: admins (services, clinic texts) and practitioners
/// (after-visit instructions). The front desk reads the list.
pub struct Writers;
impl Allowed for Writers {
    const ROLES: &'static [StaffRole] = &[StaffRole::Admin, StaffRole::Practitioner];
}

#[derive(Debug, Deserialize)]
pub struct JargonQuery {
    lang: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/jargon",
    tag = "console",
    summary = "The clinic's own jargon terms",
    params(
        ("lang" = Option<String>, Query, description = "`en` or `es` for one language; absent or empty for both"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The clinic's terms, alphabetically.", body = Vec<JargonTerm>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`lang` is not `en` or `es` (`validation`, `fields` names it).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<JargonQuery>,
) -> ApiResult<Json<Vec<JargonTerm>>> {
    let language = match query.lang.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code @ ("en" | "es")) => Language::from_tag(code),
        Some(_) => return Err(ApiError::field("lang", "unknown_language")),
    };
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        db::jargon::list(&mut conn, staff.clinic_id(), language).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/console/jargon",
    tag = "console",
    summary = "Add a jargon term for the clinic",
    request_body = NewJargonTerm,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Added.", body = JargonTerm),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not do this (`forbidden`: admins and practitioners add terms).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The clinic has this term in this language already, whatever its case or accents (`duplicate_term`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The term or the plain words are empty or too long (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    staff: Staff<Writers>,
    ApiJson(new): ApiJson<NewJargonTerm>,
) -> ApiResult<(StatusCode, Json<JargonTerm>)> {
    let (term, plain) = (new.term.trim(), new.plain.trim());
    let key = term_key(term);
    let mut fields = std::collections::BTreeMap::new();
    if key.is_empty() {
        // Blank, or only punctuation: nothing the checker could find in a text.
        fields.insert("term".to_string(), "required".to_string());
    } else if term.chars().count() > TERM_MAX {
        fields.insert("term".to_string(), "too_long".to_string());
    }
    if plain.is_empty() {
        fields.insert("plain".to_string(), "required".to_string());
    } else if plain.chars().count() > PLAIN_MAX {
        fields.insert("plain".to_string(), "too_long".to_string());
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        });
    }
    let duplicate = || {
        ApiError::Conflict(
            "duplicate_term",
            "The clinic has this term in this language already.".into(),
        )
    };
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    if db::jargon::exists(&mut tx, staff.clinic_id(), new.language, &key).await? {
        return Err(duplicate());
    }
    let added = db::jargon::NewTerm {
        clinic_id: staff.clinic_id(),
        language: new.language,
        term,
        term_key: &key,
        plain,
        created_by: staff.id(),
    };
    let saved = match db::jargon::insert(&mut tx, &added, state.now()).await {
        Ok(saved) => saved,
        // Two people adding the same term at once: the unique index decides.
        Err(error) if crate::error::is_unique_violation(&error) => return Err(duplicate()),
        Err(error) => return Err(error.into()),
    };
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(
    delete,
    path = "/console/jargon/{id}",
    tag = "console",
    summary = "Remove one of the clinic's jargon terms",
    params(
        ("id" = i64, Path, description = "The term's id; an id of another clinic, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Removed."),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such term in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff<Writers>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Term"))?;
    let mut tx = state.db.begin_write().await?;
    if !db::jargon::delete(&mut tx, staff.clinic_id(), id).await? {
        return Err(ApiError::NotFound("Term"));
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/console/markdown-preview",
    tag = "console",
    summary = "Markdown as patients will see it",
    description = "Renders and sanitises the Markdown exactly as the patient pages do, so an editor can show a faithful preview.",
    request_body = MarkdownPreviewRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The sanitised HTML.", body = MarkdownPreview),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The Markdown is longer than 20,000 characters (`validation`, `fields` names it).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn preview(
    _staff: Staff<AnyRole>,
    ApiJson(request): ApiJson<MarkdownPreviewRequest>,
) -> ApiResult<Json<MarkdownPreview>> {
    if request.markdown.chars().count() > PREVIEW_MAX {
        return Err(ApiError::field("markdown", "too_long"));
    }
    Ok(Json(MarkdownPreview {
        html: to_safe_html(&request.markdown),
    }))
}
