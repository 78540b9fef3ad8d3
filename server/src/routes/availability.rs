//! `GET /api/clinics/{slug}/availability`: free times, computed by the one availability rule.

use super::clinics::find_clinic;
use super::extract::ApiQuery;
use super::AppState;
use crate::db::{self, clinics::ClinicRow, clinics::ServiceRow, Conn};
use crate::domain::availability::{
    self, BookingRules, Candidate, PractitionerSchedule, ServiceShape, StartCheck,
};
use crate::error::{ApiError, ApiResult};
use app::wire::{AvailabilityResponse, Slot};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

/// One call covers at most this many days, so a request cannot ask for years of computation.
pub const MAX_RANGE_DAYS: i64 = 31;

pub fn router() -> Router<AppState> {
    Router::new().route("/clinics/{slug}/availability", get(availability))
}

/// Raw query: parsed by hand so each bad parameter is named in the 422.
#[derive(Debug, Deserialize)]
struct RawQuery {
    service_id: Option<String>,
    practitioner_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[utoipa::path(
    get,
    path = "/clinics/{slug}/availability",
    tag = "patient",
    summary = "Free times for a service",
    params(
        ("slug" = String, Path, description = "The clinic's short name"),
        ("service_id" = i64, Query, description = "The service to book"),
        ("practitioner_id" = Option<String>, Query, description = "A practitioner's id, or `any` (the default) for everyone offering the service"),
        ("from" = chrono::NaiveDate, Query, description = "First clinic-local day, `YYYY-MM-DD`"),
        ("to" = chrono::NaiveDate, Query, description = "Last clinic-local day, at most 30 days after `from`"),
    ),
    responses(
        (status = 200, description = "Free times in the range, and the next day with one when there is none.", body = AvailabilityResponse),
        (status = 404, description = "No such clinic, service or practitioner (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A parameter is missing or malformed, `to` is before `from` or too far after it, or the practitioner does not offer the service (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
        (status = 429, description = "Too many requests from this address (`rate_limited`); the `Retry-After` header says when to try again.", body = app::wire::ApiErrorBody, headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
async fn availability(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(raw): ApiQuery<RawQuery>,
) -> ApiResult<Json<AvailabilityResponse>> {
    let mut errors = std::collections::BTreeMap::new();
    let service_id = parse_required(&mut errors, "service_id", raw.service_id.as_deref(), |v| {
        v.parse::<i64>().ok()
    });
    let practitioner_id = match raw.practitioner_id.as_deref() {
        None | Some("") | Some("any") => None,
        Some(value) => parse_required(&mut errors, "practitioner_id", Some(value), |v| {
            v.parse::<i64>().ok()
        }),
    };
    let parse_date = |v: &str| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
    let from = parse_required(&mut errors, "from", raw.from.as_deref(), parse_date);
    let to = parse_required(&mut errors, "to", raw.to.as_deref(), parse_date);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.insert("to".into(), "before_from".into());
        } else if (to - from).num_days() >= MAX_RANGE_DAYS {
            errors.insert("to".into(), "range_too_long".into());
        }
    }
    let (Some(service_id), Some(from), Some(to), true) = (service_id, from, to, errors.is_empty())
    else {
        return Err(ApiError::Validation {
            message: "The availability query needs attention.".into(),
            fields: errors,
        });
    };

    let now = state.now();
    let mut conn = state.db.pool.acquire().await?;
    let clinic = find_clinic(&mut conn, &slug).await?;
    let (service, practitioner_ids) =
        service_and_practitioners(&mut conn, &clinic, service_id, practitioner_id).await?;
    let rules = clinic.rules();
    let tz = rules.time_zone;
    // Load through the end of the horizon: an empty range then also yields the next free day.
    let horizon_end = now + Duration::days(i64::from(rules.horizon_days) + 2);
    let window_end = local_midnight(tz, to + Duration::days(2)).max(horizon_end);
    let window_start = local_midnight(tz, from - Duration::days(1));
    let mut schedules =
        db::schedules::load(&mut conn, &practitioner_ids, window_start, window_end, None).await?;
    // A time held for a waiting patient is not free for anyone else while the hold runs.
    db::waitlist::add_holds(
        &mut conn,
        &mut schedules,
        window_start,
        window_end,
        Some(now),
    )
    .await?;
    let shape = service.shape();
    let free = availability::free_slots(&rules, &shape, &schedules, from, to, now);
    let free = if practitioner_id.is_none() {
        availability::one_per_start(&rules, free, &schedules)
    } else {
        free
    };
    let next_available = if free.is_empty() {
        availability::next_available_date(&rules, &shape, &schedules, to, now)
    } else {
        None
    };
    Ok(Json(AvailabilityResponse {
        time_zone: clinic.time_zone.clone(),
        slots: free.into_iter().map(|c| to_slot(tz, c)).collect(),
        next_available,
    }))
}

fn parse_required<T>(
    errors: &mut std::collections::BTreeMap<String, String>,
    field: &str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    match value {
        None | Some("") => {
            errors.insert(field.into(), "required".into());
            None
        }
        Some(value) => {
            let parsed = parse(value);
            if parsed.is_none() {
                errors.insert(field.into(), "invalid".into());
            }
            parsed
        }
    }
}

/// The service (404 if unknown or no longer offered) and the ids of the practitioners who may take it: the one asked
/// for (404 if unknown, 422 if they don't offer it) or everyone offering it.
pub async fn service_and_practitioners(
    conn: &mut Conn,
    clinic: &ClinicRow,
    service_id: i64,
    practitioner_id: Option<i64>,
) -> ApiResult<(ServiceRow, Vec<i64>)> {
    let service = db::clinics::offered_service(conn, clinic.id, service_id)
        .await?
        .ok_or(ApiError::NotFound("Service"))?;
    let practitioners = db::clinics::practitioners(conn, clinic.id).await?;
    let ids = match practitioner_id {
        Some(id) => {
            let practitioner = practitioners
                .iter()
                .find(|p| p.id == id)
                .ok_or(ApiError::NotFound("Practitioner"))?;
            if !practitioner.offers(service.id) {
                return Err(ApiError::field("practitioner_id", "does_not_offer_service"));
            }
            vec![id]
        }
        None => practitioners
            .iter()
            .filter(|p| p.offers(service.id))
            .map(|p| p.id)
            .collect(),
    };
    Ok((service, ids))
}

/// Schedules covering a week around `start`: enough to check it and to suggest alternatives.
/// Times held for waiting patients are busy; a writer calls this in the practitioners' turn,
/// after `db::waitlist::expire_due_holds`, so every hold still marked held is running.
pub async fn schedules_around(
    conn: &mut Conn,
    practitioner_ids: &[i64],
    start: DateTime<Utc>,
    ignore_appointment: Option<i64>,
) -> sqlx::Result<Vec<PractitionerSchedule>> {
    let (from, until) = (start - Duration::days(2), start + Duration::days(9));
    let mut schedules =
        db::schedules::load(conn, practitioner_ids, from, until, ignore_appointment).await?;
    db::waitlist::add_holds(conn, &mut schedules, from, until, None).await?;
    Ok(schedules)
}

/// Who may take a visit starting at `start`, or why not, as the API answers it: bad times are
/// 422s naming `start`; a taken time is a 409 with up to three nearby free times.
pub fn practitioner_for_start(
    rules: &BookingRules,
    shape: &ServiceShape,
    schedules: &[PractitionerSchedule],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
    match availability::check_start(rules, shape, schedules, start, now) {
        StartCheck::Free(id) => Ok(id),
        StartCheck::Taken => Err(slot_taken(rules, shape, schedules, start, now)),
        StartCheck::TooSoon => Err(ApiError::field("start", "too_soon")),
        StartCheck::BeyondHorizon => Err(ApiError::field("start", "beyond_horizon")),
        StartCheck::NotBookable => Err(ApiError::field("start", "not_bookable")),
    }
}

/// The 409 for a taken time, offering the nearest free ones instead.
pub fn slot_taken(
    rules: &BookingRules,
    shape: &ServiceShape,
    schedules: &[PractitionerSchedule],
    wanted: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiError {
    ApiError::SlotTaken {
        alternatives: availability::nearby_alternatives(rules, shape, schedules, wanted, now, 3)
            .into_iter()
            .map(|c| to_slot(rules.time_zone, c))
            .collect(),
    }
}

pub fn to_slot(tz: Tz, candidate: Candidate) -> Slot {
    let (local_date, local_time) = availability::local_date_time(tz, candidate.start);
    Slot {
        start: candidate.start,
        end: candidate.end,
        practitioner_id: candidate.practitioner_id,
        local_date,
        local_time,
    }
}

/// Start of a clinic-local day as a UTC instant (a little early is fine: it bounds a query).
fn local_midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let naive = date.and_time(NaiveTime::MIN);
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| naive.and_utc() - Duration::hours(14))
}
