//! The clinic's relationship figures: `GET /api/console/kpis` (the report) and
//! `GET /api/console/kpis.csv` (its table, to download). Aggregates only: no patient appears in
//! either, so reading them is not audited.

use super::auth::Staff;
use super::instructions::Clinical;
use super::kpis_csv;
use crate::db::{self, clinics::ClinicRow};
use crate::domain::kpis::{Facts, Figures, VisitFacts, RETURN_WINDOW_DAYS};
use crate::domain::local_time::{day_start, local_naive};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::AppState;
use app::wire::kpis::{KpiGroup, KpiQuery, KpiReport, KpiRow, MIN_ANSWERS};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The default range: this many days before `to`.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest range: two years after `from`.
const MAX_RANGE_MONTHS: u32 = 24;
/// Days outside these years are refused: no clinic has visits there, and the arithmetic of
/// periods and time zones stays far from the calendar's ends.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

#[utoipa::path(
    get,
    path = "/console/kpis",
    tag = "console",
    summary = "The clinic's relationship figures: satisfaction, recommendation, attendance, cancellations, return visits, retention, understanding",
    description = "For clinic-local days `from`–`to` (default `to`: today; default `from`: 90 days \
        before `to`). A visit counts in the period its start falls in. \
        The first row is the whole selection (the clinic, or the practitioner and service asked \
        for); `group` adds a row per practitioner or service. `trend` has the same figures per \
        week (Monday–Sunday) or calendar month. Each proportion carries its counts and a 95 % \
        Wilson interval. Where figures describe one practitioner's patients (their row, or a \
        selection of one practitioner), answer-based figures with fewer than 5 answers are \
        withheld (`too_few`). Admins see every row; a practitioner sees the clinic's row and \
        their own (asking for another practitioner is a 403); front desk is a 403.",
    params(KpiQuery),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The figures.", body = KpiReport),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Front desk, or a practitioner asking for another practitioner's figures (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A malformed query (`query`), `to` before `from` (`before_from`), a range longer than two years (`range_too_long`), a day outside 1900–9999 (`out_of_range`), or an unknown practitioner or service (`unknown`) (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    staff: Staff<Clinical>,
    ApiQuery(query): ApiQuery<KpiQuery>,
) -> ApiResult<Json<KpiReport>> {
    Ok(Json(build_report(&state, &staff, &query).await?))
}

#[utoipa::path(
    get,
    path = "/console/kpis.csv",
    tag = "console",
    summary = "The figures' table as CSV, to open in a spreadsheet",
    description = "The rows of `GET /api/console/kpis` for the same query, one line each, with \
        a column per figure's rate, count, total and interval (percentages); withheld figures \
        read \"not enough answers yet\". UTF-8 with a byte-order mark, comma-separated, \
        CRLF line ends.",
    params(KpiQuery),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The table, as an attachment named `carebook-kpis-FROM-TO.csv`.", content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "attachment; filename=\"carebook-kpis-FROM-TO.csv\""))),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Front desk, or a practitioner asking for another practitioner's figures (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A malformed query (`query`), `to` before `from` (`before_from`), a range longer than two years (`range_too_long`), a day outside 1900–9999 (`out_of_range`), or an unknown practitioner or service (`unknown`) (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn report_csv(
    State(state): State<AppState>,
    staff: Staff<Clinical>,
    ApiQuery(query): ApiQuery<KpiQuery>,
) -> ApiResult<impl IntoResponse> {
    let report = build_report(&state, &staff, &query).await?;
    let disposition = format!(
        "attachment; filename=\"carebook-kpis-{}-{}.csv\"",
        report.from, report.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        kpis_csv::table(&report),
    ))
}

/// The range asked for, with its defaults, or the 422 saying what is wrong with it.
fn range(query: &KpiQuery, today: NaiveDate) -> ApiResult<(NaiveDate, NaiveDate)> {
    let mut fields = BTreeMap::new();
    for (name, day) in [("from", query.from), ("to", query.to)] {
        if day.is_some_and(|day| !YEARS.contains(&day.year())) {
            fields.insert(name.to_string(), "out_of_range".to_string());
        }
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        });
    }
    let to = query.to.unwrap_or(today);
    let from = query
        .from
        .unwrap_or_else(|| to - Duration::days(DEFAULT_DAYS));
    if to < from {
        return Err(ApiError::field("to", "before_from"));
    }
    let latest = from
        .checked_add_months(Months::new(MAX_RANGE_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    if to > latest {
        return Err(ApiError::field("to", "range_too_long"));
    }
    Ok((from, to))
}

/// One row to compute: which visits it covers and whether its answers may be too few to show.
struct RowPlan {
    id: Option<i64>,
    label: String,
    practitioner: Option<i64>,
    service: Option<i64>,
    withhold_few: bool,
}

impl RowPlan {
    fn covers(&self, visit: &VisitFacts) -> bool {
        self.practitioner
            .is_none_or(|id| visit.practitioner_id == id)
            && self.service.is_none_or(|id| visit.service_id == id)
    }
}

async fn build_report<R: super::auth::Allowed>(
    state: &AppState,
    staff: &Staff<R>,
    query: &KpiQuery,
) -> ApiResult<KpiReport> {
    let now = state.now();
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    let tz = clinic.tz();
    // A practitioner's own practitioner record (they see it and the clinic's row).
    let own = staff.own_practitioner();
    if let (Some(own), Some(asked)) = (own, query.practitioner) {
        if own != asked {
            return Err(ApiError::Forbidden(
                "forbidden",
                "Practitioners see their own figures and the clinic's.",
            ));
        }
    }
    let (from, to) = range(query, local_naive(tz, now).date())?;
    let practitioners = db::clinics::practitioners(&mut conn, clinic.id).await?;
    let services = db::clinics::all_services(&mut conn, clinic.id).await?;
    let mut unknown = BTreeMap::new();
    if query
        .practitioner
        .is_some_and(|id| !practitioners.iter().any(|p| p.id == id))
    {
        unknown.insert("practitioner".to_string(), "unknown".to_string());
    }
    if query
        .service
        .is_some_and(|id| !services.iter().any(|s| s.id == id))
    {
        unknown.insert("service".to_string(), "unknown".to_string());
    }
    if !unknown.is_empty() {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields: unknown,
        });
    }

    let figures = Figures::new(load_facts(&mut conn, &clinic, from, to, now).await?);
    // The selection's own row: one practitioner's patients when the query names one.
    let selection = RowPlan {
        id: None,
        label: clinic.name.clone(),
        practitioner: query.practitioner,
        service: query.service,
        withhold_few: query.practitioner.is_some(),
    };
    let mut plans = Vec::new();
    match query.group {
        KpiGroup::Clinic => {}
        KpiGroup::Practitioner => {
            for practitioner in &practitioners {
                let visible = own.is_none_or(|own| own == practitioner.id);
                let asked = query.practitioner.is_none_or(|id| id == practitioner.id);
                if visible && asked {
                    plans.push(RowPlan {
                        id: Some(practitioner.id),
                        label: practitioner.display_name.clone(),
                        practitioner: Some(practitioner.id),
                        service: query.service,
                        withhold_few: true,
                    });
                }
            }
        }
        KpiGroup::Service => {
            for service in &services {
                if query.service.is_none_or(|id| id == service.id) {
                    // A practitioner's service rows cover their own visits only.
                    let practitioner = own.or(query.practitioner);
                    plans.push(RowPlan {
                        id: Some(service.id),
                        label: service.name_en.clone(),
                        practitioner,
                        service: Some(service.id),
                        withhold_few: practitioner.is_some(),
                    });
                }
            }
        }
    }
    let mut rows = vec![row(&figures, &selection, from, to)];
    rows.extend(plans.iter().map(|plan| row(&figures, plan, from, to)));
    let trend = figures.trend(
        from,
        to,
        query.interval,
        &|visit| selection.covers(visit),
        selection.withhold_few,
    );
    Ok(KpiReport {
        from,
        to,
        group: query.group,
        interval: query.interval,
        min_answers: MIN_ANSWERS,
        late_cancel_hours: db::clinics::to_u32(clinic.late_cancel_hours),
        rows,
        trend,
    })
}

fn row(figures: &Figures, plan: &RowPlan, from: NaiveDate, to: NaiveDate) -> KpiRow {
    KpiRow {
        id: plan.id,
        label: plan.label.clone(),
        figures: figures.figures(from, to, &|visit| plan.covers(visit), plan.withhold_few),
    }
}

/// The visits from the start of the period before `from` (for retention) to the end of `to`,
/// and the bookings made from `from` to 90 days after `to` (for return visits).
async fn load_facts(
    conn: &mut db::Conn,
    clinic: &ClinicRow,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Facts> {
    let tz = clinic.tz();
    let length = Duration::days((to - from).num_days() + 1);
    let previous_from = from - length;
    let first = day_start(tz, previous_from);
    let until = day_start(tz, to + Duration::days(1));
    let visits = db::kpis::visits(conn, clinic.id, first, until).await?;
    let bookings_until = until + Duration::days(RETURN_WINDOW_DAYS + 1);
    let bookings = db::kpis::bookings(conn, clinic.id, day_start(tz, from), bookings_until).await?;
    Ok(Facts {
        time_zone: tz,
        late_cancel_hours: db::clinics::to_u32(clinic.late_cancel_hours),
        now,
        visits,
        bookings,
    })
}
