//! Patient lookup and timeline for front desk and admins: every search and every record opened
//! is audited (by ids, never by what was searched for).

use super::auth::{Desk, Staff};
use crate::db::{self, patients, staff::AuditEntry};
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::AppState;
use app::wire::console::{PatientMatch, PatientTimeline, TimelineEntry};
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;

const MAX_MATCHES: i64 = 20;

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MatchRow {
    id: i64,
    name: String,
    preferred_name: Option<String>,
    email_key: Option<String>,
    phone_key: Option<String>,
    visits: i64,
}

impl From<MatchRow> for PatientMatch {
    fn from(row: MatchRow) -> Self {
        PatientMatch {
            id: row.id,
            name: row.name,
            preferred_name: row.preferred_name,
            email: row.email_key,
            phone: row.phone_key,
            visits: u32::try_from(row.visits).unwrap_or(0),
        }
    }
}

/// An erased record's email key is a placeholder (see `db::erasure`), never shown.
const MATCH_COLUMNS: &str = "p.id, p.name, p.preferred_name,
    CASE WHEN p.erased_at IS NULL THEN p.email_key END AS email_key, p.phone_key,
    (SELECT COUNT(*) FROM appointments a WHERE a.patient_id = p.id) AS visits";

#[utoipa::path(
    get,
    path = "/console/patients",
    tag = "console",
    summary = "Find patients by name, email or phone",
    params(
        ("q" = String, Query, description = "At least two characters"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Up to 20 matching patients.", body = Vec<PatientMatch>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Practitioners cannot look up patients (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`q` is missing or shorter than two characters (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    staff: Staff<Desk>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Vec<PatientMatch>>> {
    let text = query.q.unwrap_or_default().trim().to_string();
    if text.chars().count() < 2 {
        return Err(ApiError::field("q", "too_short"));
    }
    let phone = patients::phone_key(&text);
    let phone = (phone.len() >= 4).then_some(phone);
    let mut conn = state.db.pool.acquire().await?;
    // Names match whatever their case (lower() on both sides: PostgreSQL's LIKE, unlike
    // SQLite's, is case-sensitive).
    let rows: Vec<MatchRow> = sqlx::query_as(&format!(
        "SELECT {MATCH_COLUMNS} FROM patients p
         WHERE p.clinic_id = $1 AND p.erased_at IS NULL
           AND (lower(p.name) LIKE '%' || lower($2) || '%'
                OR lower(p.preferred_name) LIKE '%' || lower($3) || '%'
                OR p.email_key = $4 OR ($5 IS NOT NULL AND p.phone_key LIKE '%' || $6 || '%'))
         ORDER BY p.name, p.id LIMIT $7"
    ))
    .bind(staff.clinic_id())
    .bind(&text)
    .bind(&text)
    .bind(patients::email_key(&text))
    .bind(&phone)
    .bind(&phone)
    .bind(MAX_MATCHES)
    .fetch_all(&mut *conn)
    .await?;
    let ids = rows
        .iter()
        .map(|r| r.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    audit(&mut conn, &staff, "search", &ids, state.now()).await?;
    Ok(Json(rows.into_iter().map(PatientMatch::from).collect()))
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    at: i64,
    appointment_id: i64,
    action: String,
    service_name: String,
    starts_at: i64,
    staff_name: Option<String>,
    reason: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/patients/{id}",
    tag = "console",
    summary = "A patient's visits",
    params(
        ("id" = i64, Path, description = "The patient's id; an id of another clinic, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The patient and their visits, newest first.", body = PatientTimeline),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Practitioners cannot look up patients (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such patient in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn timeline(
    State(state): State<AppState>,
    staff: Staff<Desk>,
    Path(id): Path<String>,
) -> ApiResult<Json<PatientTimeline>> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Patient"))?;
    let mut conn = state.db.pool.acquire().await?;
    let patient: MatchRow = sqlx::query_as(&format!(
        "SELECT {MATCH_COLUMNS} FROM patients p WHERE p.id = $1 AND p.clinic_id = $2"
    ))
    .bind(id)
    .bind(staff.clinic_id())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(ApiError::NotFound("Patient"))?;
    let entries: Vec<EntryRow> = sqlx::query_as(
        "SELECT e.at, e.appointment_id, e.action, s.name_en AS service_name, a.starts_at,
                st.display_name AS staff_name, e.reason
         FROM appointment_events e
         JOIN appointments a ON a.id = e.appointment_id
         JOIN services s ON s.id = a.service_id
         LEFT JOIN staff st ON st.id = e.staff_id
         WHERE a.patient_id = $1 AND a.clinic_id = $2
         ORDER BY e.at, e.id",
    )
    .bind(id)
    .bind(staff.clinic_id())
    .fetch_all(&mut *conn)
    .await?;
    audit(&mut conn, &staff, "view", &id.to_string(), state.now()).await?;
    Ok(Json(PatientTimeline {
        patient: patient.into(),
        entries: entries
            .into_iter()
            .map(|e| TimelineEntry {
                at: db::from_epoch(e.at),
                appointment_id: e.appointment_id,
                action: e.action,
                service_name: e.service_name,
                visit_start: db::from_epoch(e.starts_at),
                by_staff: e.staff_name,
                reason: e.reason,
            })
            .collect(),
    }))
}

async fn audit(
    conn: &mut db::Conn,
    staff: &Staff<Desk>,
    action: &str,
    record_ids: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action,
        record_type: "patient",
        record_id: record_ids,
        address: &staff.address,
    };
    db::staff::audit(conn, &entry, now).await?;
    Ok(())
}
