//! `GET /api/console/audit?staff_id=&action=&record_type=&from=&to=&before=` (admins): the
//! clinic's audit log, newest first, 100 lines a page, with who did it by name. It holds ids,
//! never patient details, so reading it is not itself audited.

use crate::db::{self, staff::AuditFilter};
use crate::domain::local_time::day_start;
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiQuery;
use crate::routes::AppState;
use app::wire::console::{AuditEntry, AuditPage};
use axum::extract::State;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const PAGE_SIZE: usize = 100;

/// Every filter arrives as text so a bad one is named in the 422 instead of failing the whole
/// query string; empty means "any".
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    staff_id: Option<String>,
    action: Option<String>,
    record_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<String>,
}

/// The query, checked.
struct Filters {
    staff_id: Option<i64>,
    action: Option<String>,
    record_type: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    before: Option<i64>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Action and record-type codes are short snake_case words (`view`, `day_schedule`).
fn is_code(text: &str) -> bool {
    text.len() <= 40 && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `None`: not given. `Some(None)`: given but bad, so the field is named in `fields`.
fn keep<T>(
    fields: &mut BTreeMap<String, String>,
    field: &str,
    parsed: Option<Option<T>>,
) -> Option<T> {
    match parsed {
        Some(None) => {
            fields.insert(field.to_string(), "invalid".to_string());
            None
        }
        Some(value) => value,
        None => None,
    }
}

fn id(value: &Option<String>) -> Option<Option<i64>> {
    given(value).map(|v| v.parse::<i64>().ok().filter(|n| *n > 0))
}

fn code(value: &Option<String>) -> Option<Option<String>> {
    given(value).map(|v| is_code(v).then(|| v.to_string()))
}

/// Years outside 1970–9999 are typos, and refusing them keeps the day arithmetic in range.
fn day(value: &Option<String>) -> Option<Option<NaiveDate>> {
    given(value).map(|v| {
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|d| (1970..=9999).contains(&d.year()))
    })
}

fn check(query: &AuditQuery) -> Result<Filters, ApiError> {
    let mut fields = BTreeMap::new();
    let filters = Filters {
        staff_id: keep(&mut fields, "staff_id", id(&query.staff_id)),
        action: keep(&mut fields, "action", code(&query.action)),
        record_type: keep(&mut fields, "record_type", code(&query.record_type)),
        from: keep(&mut fields, "from", day(&query.from)),
        to: keep(&mut fields, "to", day(&query.to)),
        before: keep(&mut fields, "before", id(&query.before)),
    };
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if to < from {
            fields.insert("to".to_string(), "before_from".to_string());
        }
    }
    if fields.is_empty() {
        Ok(filters)
    } else {
        Err(ApiError::Validation {
            message: "Some filters need attention.".into(),
            fields,
        })
    }
}

#[utoipa::path(
    get,
    path = "/console/audit",
    tag = "console",
    summary = "The audit log, newest first",
    params(
        ("staff_id" = Option<String>, Query, pattern = r"^\s*(?:[-+]?[0-9]+)?\s*$", description = "Only this staff member's actions (an id); blank means anyone"),
        ("action" = Option<String>, Query, pattern = r"^\s*[a-z_]{0,40}\s*$", description = "Only this action code (lowercase and `_`); blank means any"),
        ("record_type" = Option<String>, Query, pattern = r"^\s*[a-z_]{0,40}\s*$", description = "Only records of this type (lowercase and `_`); blank means any"),
        ("from" = Option<String>, Query, pattern = r"^\s*(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$", description = "From this clinic-local day, `YYYY-MM-DD` (years 1970-9999)"),
        ("to" = Option<String>, Query, pattern = r"^\s*(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$", description = "Until this clinic-local day, `YYYY-MM-DD` (years 1970-9999)"),
        ("before" = Option<String>, Query, pattern = r"^\s*(?:[-+]?[0-9]+)?\s*$", description = "The next page: entries older than this entry id"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Up to 100 entries.", body = AuditPage),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A filter is malformed (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn page(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> ApiResult<Json<AuditPage>> {
    let filters = check(&query)?;
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    let tz = clinic.tz();
    // One more than a page says whether an older page exists.
    let mut rows = db::staff::audit_lines(
        &mut conn,
        &AuditFilter {
            clinic_id: clinic.id,
            staff_id: filters.staff_id,
            action: filters.action.as_deref(),
            record_type: filters.record_type.as_deref(),
            from: filters.from.map(|d| day_start(tz, d)),
            until: filters.to.map(|d| day_start(tz, d.succ_opt().unwrap_or(d))),
            before: filters.before,
            limit: i64::try_from(PAGE_SIZE + 1).unwrap_or(i64::MAX),
        },
    )
    .await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let next_before = more.then(|| rows.last().map(|row| row.id)).flatten();
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            at: db::from_epoch(row.at),
            staff_id: row.staff_id,
            staff_name: row.staff_name,
            action: row.action,
            record_type: row.record_type,
            record_id: row.record_id,
            address: row.address,
        })
        .collect();
    Ok(Json(AuditPage {
        entries,
        next_before,
    }))
}
