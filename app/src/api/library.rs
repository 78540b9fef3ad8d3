//! The health library's calls. The patient's are plain GETs (no cookie, no body), so the
//! service worker can keep their answers for reading offline; the console's write articles.

use super::{api_path, call, call_as, get, json, ApiError};
use crate::wire::library::{Article, ArticleAdmin, ArticleDraft, Library, PublishRequest};
use crate::wire::Language;

/// The published articles in `lang`: all (optionally of one category), or those matching
/// `query`, best first.
pub async fn library(
    clinic: &str,
    lang: Language,
    query: &str,
    category: &str,
) -> Result<Library, ApiError> {
    let mut url = api_path(&["clinics", clinic, "articles"]);
    url.push_str("?lang=");
    url.push_str(lang.code());
    for (name, value) in [("q", query), ("category", category)] {
        if !value.is_empty() {
            url.push('&');
            url.push_str(name);
            url.push('=');
            url.push_str(&String::from(js_sys::encode_uri_component(value)));
        }
    }
    get(&url).await
}

pub async fn article(clinic: &str, slug: &str) -> Result<Article, ApiError> {
    get(&api_path(&["clinics", clinic, "articles", slug])).await
}

/// The console's library: every article, drafts too.
pub async fn console_articles() -> Result<Vec<ArticleAdmin>, ApiError> {
    get("/api/console/articles").await
}

/// Saves an article: a new one without `id`, else that one.
pub async fn save_article(id: Option<i64>, draft: &ArticleDraft) -> Result<ArticleAdmin, ApiError> {
    match id {
        None => call("/api/console/articles", json(draft), None).await,
        Some(id) => {
            let url = api_path(&["console", "articles", &id.to_string()]);
            call_as(Some("PUT"), &url, json(draft)).await
        }
    }
}

/// Publishes an article, or takes it back to draft.
pub async fn publish_article(id: i64, published: bool) -> Result<ArticleAdmin, ApiError> {
    let url = api_path(&["console", "articles", &id.to_string(), "publish"]);
    call(&url, json(&PublishRequest { published }), None).await
}
