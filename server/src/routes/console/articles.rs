//! The library in the console: every role reads the articles (drafts too); admins and
//! practitioners write them — clinicians own what the clinic tells patients about their health,
//! the front desk does not edit it. Articles hold no patient data, so nothing here is audited.

use super::auth::{Allowed, AnyRole, Staff};
use crate::db;
use crate::domain::library;
use crate::error::{is_unique_violation, ApiError, ApiResult};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::StaffRole;
use app::wire::fixed;
use app::wire::library::{ArticleAdmin, ArticleDraft, PublishRequest};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use std::collections::BTreeMap;

/// Admins and practitioners: who may write the library.
pub struct Editors;
impl Allowed for Editors {
    const ROLES: &'static [StaffRole] = &[StaffRole::Admin, StaffRole::Practitioner];
}

/// Titles, categories, slugs and keys.
const SHORT_TEXT: usize = 200;
const SUMMARY_TEXT: usize = 500;
/// An article body in Markdown: a long leaflet fits; the body limit (64 KB) is the real cap.
const BODY_TEXT: usize = 40_000;
const MAX_TAGS: usize = 20;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console/articles", get(list).post(create))
        .route(
            "/console/articles/{id}",
            get(show).put(update).delete(remove),
        )
        .route("/console/articles/{id}/publish", post(publish))
}

/// The article routes, for the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(list, show, create, update, publish, remove))]
pub struct ArticlesApi;

fn path_id(text: &str) -> ApiResult<i64> {
    text.parse().map_err(|_| ApiError::NotFound("Article"))
}

#[utoipa::path(
    get,
    path = "/console/articles",
    tag = "console",
    summary = "Every article of the library, drafts too",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The articles, by language, category and title.", body = Vec<ArticleAdmin>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
) -> ApiResult<Json<Vec<ArticleAdmin>>> {
    let mut conn = state.db.pool.acquire().await?;
    let rows = db::articles::all(&mut conn, staff.clinic_id()).await?;
    Ok(Json(rows.iter().map(|r| r.to_admin()).collect()))
}

#[utoipa::path(
    get,
    path = "/console/articles/{id}",
    tag = "console",
    summary = "One article, draft or published",
    params(("id" = i64, Path, description = "The article's id; an id of another clinic, or not a number, is a 404")),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The article.", body = ArticleAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such article in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
) -> ApiResult<Json<ArticleAdmin>> {
    let id = path_id(&id)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(one(&mut conn, staff.clinic_id(), id).await?))
}

#[utoipa::path(
    post,
    path = "/console/articles",
    tag = "console",
    summary = "Write a new article",
    request_body = ArticleDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Saved (published only when `published` is true).", body = ArticleAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not write articles (`forbidden`: admins and practitioners may).", body = app::wire::ApiErrorBody),
        (status = 409, description = "Another article of the clinic has this translation key in this language (`translation_taken`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing, too long or malformed, or the slug is taken (`validation`; `fields.slug` = `taken`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff<Editors>,
    ApiJson(mut draft): ApiJson<ArticleDraft>,
) -> ApiResult<(StatusCode, Json<ArticleAdmin>)> {
    check(&mut draft, state.now())?;
    let clinic_id = staff.clinic_id();
    let now = db::to_epoch(state.now());
    let mut tx = state.db.begin_clinic_write(clinic_id).await?;
    check_free(&mut tx, clinic_id, None, &draft).await?;
    let id = db::articles::insert(&mut tx, clinic_id, &draft, Some(staff.id()), now)
        .await
        .map_err(taken_on_race)?;
    let saved = one(&mut tx, clinic_id, id).await?;
    tx.commit().await.map_err(taken_on_race)?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[utoipa::path(
    put,
    path = "/console/articles/{id}",
    tag = "console",
    summary = "Change an article",
    params(("id" = i64, Path, description = "The article's id; an id of another clinic, or not a number, is a 404")),
    request_body = ArticleDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = ArticleAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not write articles (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such article in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "Another article of the clinic has this translation key in this language (`translation_taken`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing, too long or malformed, or the slug is taken (`validation`; `fields.slug` = `taken`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<Editors>,
    Path(id): Path<String>,
    ApiJson(mut draft): ApiJson<ArticleDraft>,
) -> ApiResult<Json<ArticleAdmin>> {
    let id = path_id(&id)?;
    check(&mut draft, state.now())?;
    let clinic_id = staff.clinic_id();
    let now = db::to_epoch(state.now());
    let mut tx = state.db.begin_clinic_write(clinic_id).await?;
    one(&mut tx, clinic_id, id).await?;
    check_free(&mut tx, clinic_id, Some(id), &draft).await?;
    db::articles::update(&mut tx, clinic_id, id, &draft, Some(staff.id()), now)
        .await
        .map_err(taken_on_race)?;
    let saved = one(&mut tx, clinic_id, id).await?;
    tx.commit().await.map_err(taken_on_race)?;
    Ok(Json(saved))
}

#[utoipa::path(
    post,
    path = "/console/articles/{id}/publish",
    tag = "console",
    summary = "Publish an article, or take it back to draft",
    params(("id" = i64, Path, description = "The article's id; an id of another clinic, or not a number, is a 404")),
    request_body = PublishRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved: patients see it (`published: true`) or no longer do.", body = ArticleAdmin),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not write articles (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such article in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The body is malformed (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff<Editors>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<PublishRequest>,
) -> ApiResult<Json<ArticleAdmin>> {
    let id = path_id(&id)?;
    let clinic_id = staff.clinic_id();
    let now = db::to_epoch(state.now());
    let mut tx = state.db.begin_write().await?;
    one(&mut tx, clinic_id, id).await?;
    db::articles::set_published(&mut tx, clinic_id, id, request.published, staff.id(), now).await?;
    let saved = one(&mut tx, clinic_id, id).await?;
    tx.commit().await?;
    Ok(Json(saved))
}

#[utoipa::path(
    delete,
    path = "/console/articles/{id}",
    tag = "console",
    summary = "Delete an article",
    params(("id" = i64, Path, description = "The article's id; an id of another clinic, or not a number, is a 404")),
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Deleted; its address answers 404 from now on."),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the role may not write articles (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such article in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff<Editors>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id)?;
    let clinic_id = staff.clinic_id();
    let mut tx = state.db.begin_write().await?;
    one(&mut tx, clinic_id, id).await?;
    db::articles::delete(&mut tx, clinic_id, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn one(conn: &mut db::Conn, clinic_id: i64, id: i64) -> ApiResult<ArticleAdmin> {
    db::articles::find(conn, clinic_id, id)
        .await?
        .map(|row| row.to_admin())
        .ok_or(ApiError::NotFound("Article"))
}

/// Tidies the draft, or names every field that needs attention in one 422.
pub fn check(draft: &mut ArticleDraft, now: chrono::DateTime<chrono::Utc>) -> ApiResult<()> {
    for text in [
        &mut draft.slug,
        &mut draft.title,
        &mut draft.summary,
        &mut draft.category,
        &mut draft.reviewed_on,
    ] {
        *text = text.trim().to_string();
    }
    draft.body_md = draft.body_md.trim_end().to_string();
    draft.translation_key = draft
        .translation_key
        .take()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty());
    let mut fields = BTreeMap::new();
    let mut fail = |field: &str, reason: &str| {
        fields
            .entry(field.to_string())
            .or_insert_with(|| reason.to_string());
    };
    for (field, text, max) in [
        ("title", &draft.title, SHORT_TEXT),
        ("summary", &draft.summary, SUMMARY_TEXT),
        ("category", &draft.category, SHORT_TEXT),
        ("body_md", &draft.body_md, BODY_TEXT),
    ] {
        if text.trim().is_empty() {
            fail(field, "required");
        } else if text.chars().count() > max {
            fail(field, "too_long");
        }
    }
    if draft.slug.is_empty() {
        fail("slug", "required");
    } else if !library::is_valid_slug(&draft.slug) {
        fail("slug", "invalid_slug");
    }
    if let Some(key) = &draft.translation_key {
        if !library::is_valid_slug(key) {
            fail("translation_key", "invalid_slug");
        }
    }
    if draft.tags.len() > MAX_TAGS {
        fail("tags", "too_many");
    } else if draft.tags.iter().any(|t| t.chars().count() > 50) {
        fail("tags", "too_long");
    }
    match fixed::date(&draft.reviewed_on) {
        None if draft.reviewed_on.is_empty() => fail("reviewed_on", "required"),
        None => fail("reviewed_on", "invalid_date"),
        Some(day) if day > now.date_naive() + chrono::Duration::days(1) => {
            fail("reviewed_on", "in_future")
        }
        Some(_) => {}
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        })
    }
}

/// The slug must be free in the clinic (422 on `slug`), and the translation key free in the
/// draft's language (409: two Spanish versions of one article would be ambiguous).
async fn check_free(
    conn: &mut db::Conn,
    clinic_id: i64,
    this: Option<i64>,
    draft: &ArticleDraft,
) -> ApiResult<()> {
    if let Some(owner) = db::articles::id_of_slug(conn, clinic_id, &draft.slug).await? {
        if Some(owner) != this {
            return Err(ApiError::field("slug", "taken"));
        }
    }
    if let Some(key) = &draft.translation_key {
        if let Some(owner) =
            db::articles::id_of_translation(conn, clinic_id, key, draft.language).await?
        {
            if Some(owner) != this {
                return Err(ApiError::Conflict(
                    "translation_taken",
                    "Another article already is this article's version in that language.".into(),
                ));
            }
        }
    }
    Ok(())
}

/// PostgreSQL writers run side by side; the clinic lock makes them take turns, and a unique
/// key refusing a row is answered as the check would have.
fn taken_on_race(error: sqlx::Error) -> ApiError {
    if is_unique_violation(&error) {
        ApiError::field("slug", "taken")
    } else {
        error.into()
    }
}
