//! The clinic's education library for patients: `GET /api/clinics/{slug}/articles` (the
//! published articles in one language, by category or ranked by a search) and
//! `GET /api/clinics/{slug}/articles/{article_slug}` (one article, its body as sanitised HTML).
//!
//! Plain public GETs whose answers may be kept a few minutes (`Cache-Control` below), so the
//! learn pages can be read again offline from the service worker's cache.

use super::clinics::find_clinic;
use super::extract::ApiQuery;
use super::AppState;
use crate::db::{self, articles::CardRow};
use crate::domain::{library, markdown};
use crate::error::{ApiError, ApiResult};
use app::wire::library::{Article, ArticleLink, Library};
use app::wire::Language;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

/// Articles change rarely and carry nothing private: shared caches and the browser may keep an
/// answer five minutes (the API's default is `no-store`).
const CACHEABLE: HeaderValue = HeaderValue::from_static("public, max-age=300");

/// A category name is a short label; longer is a 422 like an overlong search.
const MAX_CATEGORY_CHARS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clinics/{slug}/articles", get(list))
        .route("/clinics/{slug}/articles/{article_slug}", get(article))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    lang: Option<String>,
    q: Option<String>,
    category: Option<String>,
}

fn cacheable(json: impl IntoResponse) -> Response {
    let mut response = json.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, CACHEABLE);
    response
}

fn language(tag: Option<&str>) -> ApiResult<Language> {
    match tag {
        None | Some("") => Ok(Language::default()),
        Some(tag) => {
            Language::from_tag(tag).ok_or_else(|| ApiError::field("lang", "unsupported_language"))
        }
    }
}

#[utoipa::path(
    get,
    path = "/clinics/{slug}/articles",
    tag = "patient",
    summary = "The clinic's library: published articles by category, or a search",
    params(
        ("slug" = String, Path, description = "The clinic's short name, e.g. `demo`"),
        ("lang" = Option<String>, Query, pattern = r"^(?:[eE][nNsS](?:[-_][\s\S]*)?)?$", description = "Articles in this language, `en` (default) or `es`; a browser's tag such as `es-MX` is read as its language."),
        ("q" = Option<String>, Query, description = "Search words (at most 200 characters): every word must match the start of a word in the title, summary, tags or body; best match first. Empty or absent lists everything."),
        ("category" = Option<String>, Query, description = "Only this category (exact name as listed in `categories`)."),
    ),
    responses(
        (status = 200, description = "The categories with counts and the articles (no bodies). Cacheable for five minutes.", body = Library),
        (status = 404, description = "No clinic has this slug (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`lang` is not a supported language, or `q` or `category` is too long (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
async fn list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<Response> {
    let lang = language(query.lang.as_deref())?;
    let mut conn = state.db.pool.acquire().await?;
    let found = library_listing(
        &mut conn,
        state.db.backend(),
        &slug,
        lang,
        query.q.as_deref().unwrap_or_default(),
        query.category.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(cacheable(Json(found)))
}

/// A clinic's library in `lang`: its topics, and the articles of a search (`search`, ranked)
/// or a topic (`category`), or all of them. 422 for an overlong search or topic, 404 for an
/// unknown clinic. Also what the server draws the library's page from (`learn_page`).
pub async fn library_listing(
    conn: &mut db::Conn,
    backend: db::Backend,
    slug: &str,
    lang: Language,
    search: &str,
    category: &str,
) -> ApiResult<Library> {
    let search = search.trim();
    if search.chars().count() > library::MAX_QUERY_CHARS {
        return Err(ApiError::field("q", "too_long"));
    }
    let category = category.trim();
    if category.chars().count() > MAX_CATEGORY_CHARS {
        return Err(ApiError::field("category", "too_long"));
    }
    let clinic = find_clinic(conn, slug).await?;
    let categories = db::articles::categories(conn, clinic.id, lang).await?;
    let articles = if search.is_empty() {
        db::articles::published(conn, clinic.id, lang, category).await?
    } else {
        let words = library::search_words(search);
        db::articles::search(conn, backend, clinic.id, lang, category, &words).await?
    };
    Ok(Library {
        clinic_name: clinic.name,
        clinic_phone: clinic.phone,
        language: lang,
        categories,
        articles: articles.iter().map(CardRow::to_wire).collect(),
    })
}

#[utoipa::path(
    get,
    path = "/clinics/{slug}/articles/{article_slug}",
    tag = "patient",
    summary = "One published article",
    params(
        ("slug" = String, Path, description = "The clinic's short name, e.g. `demo`"),
        ("article_slug" = String, Path, description = "The article's slug, e.g. `low-back-pain`"),
    ),
    responses(
        (status = 200, description = "The article, its body as sanitised HTML, and the slug of its version in the other language when there is one. Cacheable for five minutes.", body = Article),
        (status = 404, description = "No such clinic, or no published article with this slug in it (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
async fn article(
    State(state): State<AppState>,
    Path((slug, article_slug)): Path<(String, String)>,
) -> ApiResult<Response> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(cacheable(Json(
        published_article(&mut conn, &slug, &article_slug).await?,
    )))
}

/// A clinic's published article as patients read it; 404 for an unknown clinic or article.
/// Also what the server draws an article page from (`learn_page`).
pub async fn published_article(
    conn: &mut db::Conn,
    slug: &str,
    article_slug: &str,
) -> ApiResult<Article> {
    let clinic = find_clinic(conn, slug).await?;
    let row = db::articles::find_published(conn, clinic.id, article_slug)
        .await?
        .ok_or(ApiError::NotFound("Article"))?;
    let language = row.language();
    let other = match language {
        Language::En => Language::Es,
        Language::Es => Language::En,
    };
    let translation = match row.translation_key.as_deref() {
        Some(key) => db::articles::published_translation(conn, clinic.id, key, other)
            .await?
            .map(|slug| ArticleLink {
                slug,
                language: other,
            }),
        None => None,
    };
    Ok(Article {
        body_html: library::lift_headings(&markdown::to_safe_html(&row.body_md)),
        tags: library::tags_from_text(&row.tags),
        reading_minutes: db::clinics::to_u32(row.reading_minutes),
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        category: row.category,
        reviewed_on: row.reviewed_on,
        language,
        translation,
        clinic_name: clinic.name,
        clinic_phone: clinic.phone,
    })
}
