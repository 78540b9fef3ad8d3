//! `/fhir`: Carebook's data in HL7 FHIR R4, next to (not inside) the JSON API under `/api`.
//!
//! - Open slot publishing (SMART Scheduling Links): `/fhir/$bulk-publish` lists NDJSON files of
//!   `Location`, `Schedule` and `Slot` resources of every clinic that switched publishing on
//!   (`publish.rs`). Public, cacheable, no patient data.
//! - Read for staff (`read.rs`, `patients.rs`): `Appointment` and `Patient` of the signed-in
//!   staff member's clinic, by id and by search, with the console's session cookie. Audited.
//!
//! Every answer is FHIR: errors are `OperationOutcome` resources with the right status, never
//! the JSON API's error shape. These routes are not in the OpenAPI document (which describes
//! the JSON API); FHIR clients know these resources from the FHIR specification.

mod outcome;
mod patients;
mod publish;
mod publish_resources;
mod read;

pub use outcome::FhirError;

use super::AppState;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// FHIR's JSON media type.
pub const FHIR_JSON: &str = "application/fhir+json; charset=utf-8";

/// A search answers at most this many resources unless `_count` asks for fewer (or more, up
/// to `MAX_COUNT`); `total` always counts every match.
pub const DEFAULT_COUNT: i64 = 100;
pub const MAX_COUNT: i64 = 500;

/// The `/fhir` routes, to be nested at `/fhir`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/$bulk-publish", get(publish::manifest))
        .route("/bulk/{file}", get(publish::file))
        .route("/Appointment", get(read::search))
        .route("/Appointment/{id}", get(read::read))
        .route("/Patient", get(patients::search))
        .route("/Patient/{id}", get(patients::read))
        .fallback(|| async { FhirError::not_found() })
        .method_not_allowed_fallback(|| async { FhirError::method_not_allowed() })
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        // Patient data must not sit in caches; the published files set their own policy.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(
            // Spans name the route template, never the concrete path or query.
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

/// A FHIR resource (or Bundle) as an answer.
pub fn fhir_json(value: &Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON))],
        value.to_string(),
    )
        .into_response()
}

/// The base of absolute URLs (`https://book.example.org`), from the configured public URL.
pub fn base_url(state: &AppState) -> &str {
    state.public_url.trim_end_matches('/')
}

/// A `searchset` Bundle of `(resource type, id, resource)` matches.
pub fn searchset(base: &str, total: i64, matches: Vec<(&str, i64, Value)>) -> Value {
    let entries: Vec<Value> = matches
        .into_iter()
        .map(|(kind, id, resource)| {
            serde_json::json!({
                "fullUrl": format!("{base}/fhir/{kind}/{id}"),
                "resource": resource,
                "search": {"mode": "match"},
            })
        })
        .collect();
    serde_json::json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "entry": entries,
    })
}

/// Search parameters as name/value pairs (a name may repeat, as `date` does). Only the
/// names in `known` (and `_format`, which is always JSON here) are taken; any other is a 400,
/// so a client never mistakes an ignored filter for an applied one.
pub fn search_params(
    query: Option<&str>,
    known: &[&str],
) -> Result<Vec<(String, String)>, FhirError> {
    let mut params = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if value.contains('\0') {
            return Err(FhirError::bad_request(format!(
                "The search parameter `{}` holds a NUL character.",
                short(&name)
            )));
        }
        match name.as_ref() {
            "_format" => continue,
            known_name if known.contains(&known_name) => {
                params.push((name.into_owned(), value.into_owned()));
            }
            _ => {
                return Err(FhirError::bad_request(format!(
                    "Unsupported search parameter `{}`; this server supports {}.",
                    short(&name),
                    known.join(", ")
                )))
            }
        }
    }
    Ok(params)
}

/// `_count` from the parameters: 1 to `MAX_COUNT`, `DEFAULT_COUNT` when absent.
pub fn count_param(params: &[(String, String)]) -> Result<i64, FhirError> {
    match params.iter().rev().find(|(name, _)| name == "_count") {
        None => Ok(DEFAULT_COUNT),
        Some((_, value)) => value
            .parse::<i64>()
            .ok()
            .filter(|count| (1..=MAX_COUNT).contains(count))
            .ok_or_else(|| {
                FhirError::bad_request(format!("`_count` must be a number from 1 to {MAX_COUNT}."))
            }),
    }
}

/// A parameter name as echoed in an error: never long.
fn short(name: &str) -> String {
    name.chars().take(40).collect()
}
