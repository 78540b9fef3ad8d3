//! `/embed/{clinic}`: the booking frame of the widget clinics put on their own web sites
//! (`embed.html`, the booking flow without Carebook's header). Its answer names the clinic's
//! allowed web sites in `frame-ancestors`, read from the database on every load, so a site
//! the clinic has not listed gets a frame the browser refuses to show. Every other page of
//! Carebook says `frame-ancestors 'none'` (see `security_headers`).

use crate::db;
use crate::domain::embed::frame_ancestors;
use crate::error::ApiError;
use crate::routes::AppState;
use crate::security_headers::FrameAncestors;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::ServeFile;

#[derive(Clone)]
struct EmbedPage {
    state: AppState,
    file: PathBuf,
}

/// The frame's page routes; `dist` is the built bundle (a build without `embed.html` serves
/// `index.html`, as for the other bundles).
pub fn pages(state: AppState, dist: &std::path::Path) -> Router {
    let file = match dist.join("embed.html") {
        file if file.exists() => file,
        _ => dist.join("index.html"),
    };
    Router::new()
        .route("/embed/{clinic}", get(frame))
        .route("/embed/{clinic}/{*screen}", get(frame))
        .with_state(EmbedPage { state, file })
}

async fn frame(
    State(page): State<EmbedPage>,
    Path(params): Path<Vec<(String, String)>>,
    request: Request,
) -> Response {
    let slug = params
        .iter()
        .find(|(name, _)| name == "clinic")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    let allowed = match allowed_origins(&page.state, slug).await {
        Ok(allowed) => allowed,
        Err(error) => return error.into_response(),
    };
    let served = ServeFile::new(&page.file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    let mut response = match served {
        Ok(response) => response.into_response(),
        Err(error) => return ApiError::Internal(error.into()).into_response(),
    };
    response
        .extensions_mut()
        .insert(FrameAncestors(frame_ancestors(&allowed)));
    response
}

/// An unknown clinic has no list: its frame (which says "not found") is for Carebook only.
async fn allowed_origins(state: &AppState, slug: &str) -> Result<Vec<String>, ApiError> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(db::embed::origins_by_slug(&mut conn, slug)
        .await?
        .unwrap_or_default())
}
