//! Bodies of the console's plain-language API: the clinic's own jargon terms (added to the
//! built-in lists the console checks texts against) and the Markdown preview.

use super::Language;
use serde::{Deserialize, Serialize};

/// A term a clinic flags in its texts, with the plain words to use instead
/// (`GET /api/console/jargon`, the 201 of `POST`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JargonTerm {
    pub id: i64,
    pub language: Language,
    pub term: String,
    pub plain: String,
}

/// Body of `POST /api/console/jargon`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewJargonTerm {
    pub language: Language,
    /// The word or phrase to avoid (1–80 characters).
    pub term: String,
    /// What to say instead (1–200 characters).
    pub plain: String,
}

/// Body of `POST /api/console/markdown-preview`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkdownPreviewRequest {
    /// At most 20,000 characters.
    pub markdown: String,
}

/// The HTML patients would see: rendered and sanitised exactly as on their pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkdownPreview {
    pub html: String,
}
