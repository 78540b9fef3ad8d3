//! The console's plain-language calls: the clinic's own jargon terms and the Markdown preview.

use super::{call, get, json, send_as, ApiError};
use crate::wire::plain_language::{
    JargonTerm, MarkdownPreview, MarkdownPreviewRequest, NewJargonTerm,
};

/// The clinic's terms in every language.
pub async fn jargon() -> Result<Vec<JargonTerm>, ApiError> {
    get("/api/console/jargon").await
}

pub async fn add_jargon(term: &NewJargonTerm) -> Result<JargonTerm, ApiError> {
    call("/api/console/jargon", json(term), None).await
}

pub async fn remove_jargon(id: i64) -> Result<(), ApiError> {
    let url = format!("/api/console/jargon/{id}");
    send_as(Some("DELETE"), &url, None, None).await.map(drop)
}

/// The Markdown as patients would get it: rendered and sanitised by the server.
pub async fn markdown_preview(markdown: &str) -> Result<MarkdownPreview, ApiError> {
    let request = MarkdownPreviewRequest {
        markdown: markdown.to_string(),
    };
    call("/api/console/markdown-preview", json(&request), None).await
}
