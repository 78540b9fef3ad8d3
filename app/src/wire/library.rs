//! The clinic's education library: articles patients read at `/learn/{clinic}` (public, published
//! only) and that staff write in the console (`/api/console/articles`).
//!
//! Days are `YYYY-MM-DD` text here: the learn bundle shows them as they are and never parses a
//! date, so it carries no date code.

use super::Language;
use serde::{Deserialize, Serialize};

/// One article in a list: what a card shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleCard {
    pub slug: String,
    /// Plain text (never HTML): shown as text.
    pub title: String,
    /// Plain text, one or two sentences.
    pub summary: String,
    pub category: String,
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    /// `YYYY-MM-DD`: when a clinician last checked the article.
    pub reviewed_on: String,
    pub language: Language,
}

/// A category of the library and how many published articles it holds in the language asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    pub name: String,
    pub count: u32,
}

/// `GET /api/clinics/{slug}/articles?lang=&q=&category=`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Library {
    pub clinic_name: String,
    pub clinic_phone: String,
    pub language: Language,
    /// Every category with published articles in this language (whatever `q`/`category`).
    pub categories: Vec<CategoryCount>,
    /// Without `q`: by category, then title. With `q`: best match first.
    pub articles: Vec<ArticleCard>,
}

/// `GET /api/clinics/{slug}/articles/{article_slug}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The body, rendered from Markdown and sanitised on the server: safe for `inner_html`.
    pub body_html: String,
    pub category: String,
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    pub reviewed_on: String,
    pub language: Language,
    /// The published version of this article in the other language, if there is one.
    #[serde(default)]
    pub translation: Option<ArticleLink>,
    pub clinic_name: String,
    pub clinic_phone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleLink {
    pub slug: String,
    pub language: Language,
}

/// An article as staff see it in the console (drafts too).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleAdmin {
    pub id: i64,
    pub slug: String,
    pub language: Language,
    pub translation_key: Option<String>,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub category: String,
    pub tags: Vec<String>,
    /// Worked out from the body on every save.
    pub reading_minutes: u32,
    pub published: bool,
    pub reviewed_on: String,
}

/// `POST /api/console/articles` and `PUT /api/console/articles/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleDraft {
    /// Lowercase letters, digits and single dashes, e.g. `low-back-pain`; unique in the clinic.
    pub slug: String,
    pub language: Language,
    /// Give the English and the Spanish version the same key to link them.
    #[serde(default)]
    pub translation_key: Option<String>,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body_md: String,
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`, not in the future.
    pub reviewed_on: String,
    #[serde(default)]
    pub published: bool,
}

/// `POST /api/console/articles/{id}/publish`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRequest {
    pub published: bool,
}
