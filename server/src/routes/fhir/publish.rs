//! `GET /fhir/$bulk-publish` and its files `/fhir/bulk/{Location,Schedule,Slot}.ndjson`: the
//! SMART Scheduling Links slot publisher API. One manifest for the whole server, listing one
//! file per resource type that holds every clinic with publishing switched on (a clinic with
//! it off is in no file). Times cover today through the clinic's horizon, at most
//! `MAX_PUBLISHED_DAYS` days.
//!
//! The content is computed on each request from the database and the one availability rule,
//! in a fixed order, so the same data always gives the same bytes: each answer carries a strong
//! `ETag` of its body, a matching `If-None-Match` gets a 304, and `Cache-Control` lets caches
//! keep it five minutes. The manifest's `transactionTime` is when the data set last changed
//! (its fingerprint is kept in `slot_publication`), not the time of the request.

use super::publish_resources::{location, schedule, slot};
use super::{base_url, FhirError};
use crate::db;
use crate::domain::local_time::day_start;
use crate::domain::slot_publishing::{
    entity_tag, last_published_day, none_match_hits, service_slots,
};
use crate::routes::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, SecondsFormat};
use serde_json::json;

/// How long a cache may keep an answer; slot finders poll every one to five minutes.
const CACHE_CONTROL: &str = "public, max-age=300";
const NDJSON: &str = "application/fhir+ndjson";

/// The three published files, each a line of minified JSON per resource.
#[derive(Default)]
struct DataSet {
    locations: String,
    schedules: String,
    slots: String,
}

impl DataSet {
    fn fingerprint(&self) -> String {
        let mut all = Vec::new();
        for file in [&self.locations, &self.schedules, &self.slots] {
            all.extend_from_slice(file.as_bytes());
            // A separator, so that moving a line from one file to the next changes it too.
            all.push(0);
        }
        entity_tag(&all)
    }
}

fn push_line(file: &mut String, resource: &serde_json::Value) {
    file.push_str(&resource.to_string());
    file.push('\n');
}

async fn data_set(state: &AppState) -> Result<DataSet, FhirError> {
    let now = state.now();
    let base = base_url(state);
    let mut conn = state.db.pool.acquire().await?;
    let mut set = DataSet::default();
    for clinic_id in db::fhir::publishing_clinic_ids(&mut conn).await? {
        let Some(clinic) = db::clinics::find_by_id(&mut conn, clinic_id).await? else {
            continue;
        };
        push_line(&mut set.locations, &location(base, &clinic));
        let rules = clinic.rules();
        let tz = rules.time_zone;
        let today = now.with_timezone(&tz).date_naive();
        let last = last_published_day(&rules, today);
        let services = db::clinics::offered_services(&mut conn, clinic.id).await?;
        let practitioners = db::clinics::practitioners(&mut conn, clinic.id).await?;
        let ids: Vec<i64> = practitioners.iter().map(|p| p.id).collect();
        // The same window the availability route loads: a day of slack each side.
        let schedules = db::schedules::load(
            &mut conn,
            &ids,
            day_start(tz, today - Duration::days(1)),
            day_start(tz, last + Duration::days(2)),
            None,
        )
        .await?;
        for service in &services {
            let offering: Vec<_> = schedules
                .iter()
                .filter(|schedule| {
                    practitioners
                        .iter()
                        .any(|p| p.id == schedule.practitioner_id && p.offers(service.id))
                })
                .cloned()
                .collect();
            if offering.is_empty() {
                continue;
            }
            push_line(&mut set.schedules, &schedule(base, &clinic, service));
            let times = service_slots(&rules, &service.shape(), &offering, today, last, now);
            for time in &times {
                push_line(&mut set.slots, &slot(base, &clinic, service, time));
            }
        }
    }
    Ok(set)
}

pub async fn manifest(
    State(state): State<AppState>,
    request_headers: HeaderMap,
) -> Result<Response, FhirError> {
    let set = data_set(&state).await?;
    let mut conn = state.db.pool.acquire().await?;
    let published = db::fhir::publication_time(&mut conn, &set.fingerprint(), state.now()).await?;
    let base = base_url(&state);
    let file = |kind: &str| json!({"type": kind, "url": format!("{base}/fhir/bulk/{kind}.ndjson")});
    let manifest = json!({
        "transactionTime": published.to_rfc3339_opts(SecondsFormat::Secs, true),
        "request": format!("{base}/fhir/$bulk-publish"),
        "output": [file("Location"), file("Schedule"), file("Slot")],
        "error": [],
    });
    Ok(cacheable(
        manifest.to_string(),
        "application/json",
        &request_headers,
    ))
}

pub async fn file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    request_headers: HeaderMap,
) -> Result<Response, FhirError> {
    let pick: fn(DataSet) -> String = match name.as_str() {
        "Location.ndjson" => |set| set.locations,
        "Schedule.ndjson" => |set| set.schedules,
        "Slot.ndjson" => |set| set.slots,
        _ => return Err(FhirError::not_found()),
    };
    let body = pick(data_set(&state).await?);
    Ok(cacheable(body, NDJSON, &request_headers))
}

/// A public answer with a strong `ETag` of its body; 304 when the client has it already.
fn cacheable(body: String, content_type: &'static str, request_headers: &HeaderMap) -> Response {
    let tag = entity_tag(body.as_bytes());
    let unchanged = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| none_match_hits(value, &tag));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response()
    };
    let headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    // Public data, for slot finders running in a browser too.
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}
