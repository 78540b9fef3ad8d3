//! `/learn/{clinic}/{slug}`: an article of the health library with the article already in it
//! (see `shell`), drawn with the markup the app draws (`app::article_page`), the words around
//! it in the browser's language. The page it is drawn into is `article.html`, the library's
//! page built to start its wasm download after this first paint (`.ci/minify/paint-first.mjs`);
//! an unknown article gets the library's page as built, whose app says so.

use super::library::{library_listing, published_article};
use super::shell::{built, compression, drawn, with_screen};
use crate::preload_hints::browser_language;
use crate::routes::AppState;
use app::article_page::{article_page_html, ArticleLinks};
use app::i18n::library::library_catalog;
use app::library_page::library_page_html;
use app::wire::library::Article;
use app::wire::Language;
use axum::extract::{Path, RawQuery, Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;

#[derive(Clone)]
struct LearnPage {
    state: AppState,
    /// The page an article is drawn into (`article.html`, else `learn.html`).
    drawn_into: PathBuf,
    /// The library's page as built (`learn.html`, else `index.html`).
    file: PathBuf,
}

pub fn page(state: AppState, dist: &std::path::Path) -> Router {
    let file = match dist.join("learn.html") {
        file if file.exists() => file,
        _ => dist.join("index.html"),
    };
    let drawn_into = match dist.join("article.html") {
        page if page.exists() => page,
        _ => file.clone(),
    };
    Router::new()
        .route("/learn/{clinic}", get(library))
        .route("/learn/{clinic}/{article}", get(article))
        .with_state(LearnPage {
            state,
            drawn_into,
            file,
        })
        .layer(compression())
}

async fn library(
    State(page): State<LearnPage>,
    Path(clinic): Path<String>,
    RawQuery(query): RawQuery,
    request: Request,
) -> Response {
    let lang = browser_language(request.headers());
    // `?q=` and `?category=` as the app reads them (the last of each, decoded).
    let (mut q, mut category) = (String::new(), String::new());
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "q" => q = value.into_owned(),
            "category" => category = value.into_owned(),
            _ => {}
        }
    }
    if let Some(html) = library_page(&page, &clinic, &q, &category, lang).await {
        return drawn(html);
    }
    built(&page.file, request).await
}

async fn library_page(
    page: &LearnPage,
    clinic: &str,
    q: &str,
    category: &str,
    lang: Language,
) -> Option<String> {
    let built = tokio::fs::read_to_string(&page.drawn_into).await.ok()?;
    let mut conn = page.state.db.pool.acquire().await.ok()?;
    let backend = page.state.db.backend();
    let found = library_listing(&mut conn, backend, clinic, lang, q, category)
        .await
        .ok()?;
    drop(conn);
    let l = library_catalog(lang);
    let html = library_page_html(l, clinic, q, category, &found);
    with_screen(&built, l.title, lang, &html)
}

async fn article(
    State(page): State<LearnPage>,
    Path((clinic, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    let lang = browser_language(request.headers());
    if let Some(html) = article_page(&page, &clinic, &slug, lang).await {
        return drawn(html);
    }
    built(&page.file, request).await
}

async fn article_page(
    page: &LearnPage,
    clinic: &str,
    slug: &str,
    lang: Language,
) -> Option<String> {
    let built = tokio::fs::read_to_string(&page.drawn_into).await.ok()?;
    let mut conn = page.state.db.pool.acquire().await.ok()?;
    let article = published_article(&mut conn, clinic, slug).await.ok()?;
    drop(conn);
    with_article(&built, clinic, &article, lang)
}

/// `built` with the article drawn in, the words around it in `lang`.
pub fn with_article(
    built: &str,
    clinic: &str,
    article: &Article,
    lang: Language,
) -> Option<String> {
    // The app's links percent-encode the slugs, which are plain already (letters, digits, '-').
    let links = ArticleLinks {
        library: format!("/learn/{clinic}"),
        translation: article
            .translation
            .as_ref()
            .map(|other| format!("/learn/{clinic}/{}", other.slug)),
    };
    // Inside the app's `<div class="learn">` and `Markup`'s div.
    let html = [
        r#"<div class="learn"><div>"#,
        &article_page_html(article, &links, lang),
        "</div></div>",
    ]
    .concat();
    with_screen(built, &article.title, lang, &html)
}
