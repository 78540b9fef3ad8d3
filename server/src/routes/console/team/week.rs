//! `GET /api/console/week?start=YYYY-MM-DD`: seven clinic-local days from the Monday of that
//! date's week, per practitioner: working or not, time off, and visit counts. Practitioners see
//! their own row only, as in the day view. The counts come from patient records, so each read
//! is audited like the day view.

use super::week_days::{week_days, Visit};
use crate::db::{self, staff::AuditEntry};
use crate::domain::local_time::day_start;
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AnyRole, Staff};
use crate::routes::extract::ApiQuery;
use crate::routes::AppState;
use app::wire::console::{PractitionerWeek, WeekOverview};
use axum::extract::State;
use axum::Json;
use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct WeekQuery {
    start: Option<String>,
}

#[derive(sqlx::FromRow)]
struct VisitRow {
    practitioner_id: i64,
    starts_at: i64,
    status: String,
    attendance: Option<String>,
}

/// Years a clinic's calendar can sensibly show; anything else is a typo, and keeping to them
/// means no date arithmetic below can overflow.
const YEARS: std::ops::RangeInclusive<i32> = 1970..=9999;

#[utoipa::path(
    get,
    path = "/console/week",
    tag = "console",
    summary = "The week overview",
    params(
        ("start" = Option<String>, Query, pattern = r"^\s*(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$", description = "Any day of the week to show, `YYYY-MM-DD` (years 1970-9999); empty or absent means this week"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Each practitioner's hours and booked visits per day.", body = WeekOverview),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`start` is not a date (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn week(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<WeekQuery>,
) -> ApiResult<Json<WeekOverview>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    let tz = clinic.tz();
    let date = match query.start.as_deref().map(str::trim) {
        None | Some("") => state.now().with_timezone(&tz).date_naive(),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|date| YEARS.contains(&date.year()))
            .ok_or_else(|| ApiError::field("start", "invalid"))?,
    };
    let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
    let next_monday = monday + Days::new(7);
    let (from, until) = (day_start(tz, monday), day_start(tz, next_monday));

    let own = staff.own_practitioner();
    let practitioners: Vec<_> = db::clinics::practitioners(&mut conn, clinic.id)
        .await?
        .into_iter()
        .filter(|p| own.is_none_or(|id| id == p.id))
        .collect();
    let ids: Vec<i64> = practitioners.iter().map(|p| p.id).collect();
    let schedules = db::schedules::load(&mut conn, &ids, from, until, None).await?;
    let visits: Vec<VisitRow> = sqlx::query_as(
        "SELECT practitioner_id, starts_at, status, attendance FROM appointments
         WHERE clinic_id = $1 AND starts_at >= $2 AND starts_at < $3",
    )
    .bind(clinic.id)
    .bind(db::to_epoch(from))
    .bind(db::to_epoch(until))
    .fetch_all(&mut *conn)
    .await?;

    let rows = practitioners
        .iter()
        .map(|p| {
            let schedule = schedules.iter().find(|s| s.practitioner_id == p.id);
            let theirs: Vec<Visit> = visits
                .iter()
                .filter(|v| v.practitioner_id == p.id)
                .map(|v| Visit {
                    start: db::from_epoch(v.starts_at),
                    cancelled: v.status == "cancelled",
                    no_show: v.attendance.as_deref() == Some("no_show"),
                })
                .collect();
            PractitionerWeek {
                practitioner_id: p.id,
                display_name: p.display_name.clone(),
                days: week_days(
                    tz,
                    monday,
                    schedule.map_or(&[][..], |s| &s.blocks),
                    schedule.map_or(&[][..], |s| &s.time_off),
                    &theirs,
                ),
            }
        })
        .collect();

    db::staff::audit(
        &mut conn,
        &AuditEntry {
            clinic_id: clinic.id,
            staff_id: staff.id(),
            action: "view",
            record_type: "week_schedule",
            record_id: &monday.to_string(),
            address: &staff.address,
        },
        state.now(),
    )
    .await?;
    Ok(Json(WeekOverview {
        start: monday,
        time_zone: clinic.time_zone.clone(),
        practitioners: rows,
    }))
}
