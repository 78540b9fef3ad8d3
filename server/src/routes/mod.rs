//! The JSON API under `/api`, one module per resource, each exporting `router()`.

pub mod appointments;
pub mod availability;
pub mod book_page;
pub mod clinics;
pub mod console;
pub mod embed;
pub mod extract;
pub mod fhir;
pub mod health;
pub mod learn_page;
pub mod library;
pub mod openapi;
pub mod shell;
pub mod visit_page;
pub mod waitlist;

use crate::db::Db;
use crate::error::ApiError;
use app::wire::Language;
use axum::extract::MatchedPath;
use axum::http::{header, HeaderValue, Request};
use axum::Router;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest body any endpoint accepts; a booking is well under 4 KB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Base of the links we hand out, e.g. `https://book.example-clinic.org`.
    pub public_url: Arc<str>,
    pub clock: Clock,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Which message channels this server can send on (the console says when it cannot).
    pub messaging: Messaging,
}

/// Whether a mail server and an SMS provider are configured.
#[derive(Clone, Copy, Debug, Default)]
pub struct Messaging {
    pub mail: bool,
    pub sms: bool,
}

/// The current time; tests pin it (and move it on) so that rules about "now" are checked on
/// chosen days, and session expiry without waiting.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    /// Seconds since the epoch, shared by every clone.
    Fixed(Arc<AtomicI64>),
}

impl Clock {
    pub fn fixed(instant: DateTime<Utc>) -> Clock {
        Clock::Fixed(Arc::new(AtomicI64::new(instant.timestamp())))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(seconds) => {
                DateTime::from_timestamp(seconds.load(Ordering::SeqCst), 0).unwrap_or_default()
            }
        }
    }

    /// Moves a pinned clock on; the system clock moves by itself.
    pub fn advance(&self, by: chrono::Duration) {
        if let Clock::Fixed(seconds) = self {
            seconds.fetch_add(by.num_seconds(), Ordering::SeqCst);
        }
    }
}

impl AppState {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn visit_url(&self, token: &str) -> String {
        format!("{}/a/{token}", self.public_url.trim_end_matches('/'))
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(clinics::router())
        .merge(availability::router())
        .merge(appointments::router())
        .merge(console::router())
        .merge(library::router())
        .merge(waitlist::router())
        .merge(openapi::router())
        .fallback(|| async { ApiError::NotFound("Endpoint") })
        // axum adds the `Allow` header listing the methods the path does take.
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn(refuse_nul_in_url))
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(
            // Spans name the route template, never the concrete path: tokens stay out of logs.
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("unmatched", MatchedPath::as_str);
                    tracing::info_span!("request", method = %request.method(), route)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// `?lang=` on reads: absent means the default; anything but en/es is a clear 422.
/// A NUL character (`%00`) is in no slug, token or query value of ours, and PostgreSQL
/// refuses text holding one (an error, not "no row"), before a handler hands it on: such a
/// path names nothing (404), and a NUL in a query becomes U+FFFD, the replacement character:
/// text stays text (a search just finds nothing) and a value from a fixed set (`lang=\0`)
/// is still refused by its own check.
async fn refuse_nul_in_url(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    const NUL: &str = "%00";
    let uri = request.uri();
    if uri.path().contains(NUL) {
        return ApiError::NotFound("Record").into_response();
    }
    if let Some(query) = uri.query().filter(|query| query.contains(NUL)) {
        let cleaned = format!("{}?{}", uri.path(), query.replace(NUL, "%EF%BF%BD"));
        match cleaned.parse() {
            Ok(cleaned) => *request.uri_mut() = cleaned,
            Err(_) => return ApiError::field("query", "invalid").into_response(),
        }
    }
    next.run(request).await
}

#[derive(Debug, serde::Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    pub fn language(&self) -> Result<Option<Language>, ApiError> {
        match self.lang.as_deref() {
            None | Some("") => Ok(None),
            Some(tag) => Language::from_tag(tag)
                .map(Some)
                .ok_or_else(|| ApiError::field("lang", "unsupported_language")),
        }
    }
}
