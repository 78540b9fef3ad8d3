//! `GET /api/console/day?date=`: each practitioner's appointments for one clinic-local day.

use super::auth::{AnyRole, Staff};
use crate::db::{self, staff::AuditEntry};
use crate::domain::local_time::{day_bounds, local_date_time};
use crate::domain::video;
use crate::error::{ApiError, ApiResult};
use crate::routes::extract::ApiQuery;
use crate::routes::AppState;
use app::wire::console::{Attendance, DayAppointment, DaySchedule, PractitionerDay};
use app::wire::{AppointmentStatus, NewOrReturning, ServiceKind};
use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DayQuery {
    date: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    practitioner_id: i64,
    starts_at: i64,
    ends_at: i64,
    service_name: String,
    patient_name: String,
    preferred_name: Option<String>,
    new_or_returning: String,
    interpreter_language: Option<String>,
    mobility_needs: Option<String>,
    other_needs: Option<String>,
    status: String,
    attendance: Option<String>,
    patient_confirmed_at: Option<i64>,
    service_kind: String,
    video_room: Option<String>,
}

#[utoipa::path(
    get,
    path = "/console/day",
    tag = "console",
    summary = "One day's schedule",
    params(
        ("date" = Option<String>, Query, pattern = r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$", description = "Clinic-local day, `YYYY-MM-DD`; empty or absent means today"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Every practitioner's visits that day.", body = DaySchedule),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`date` is not a date (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn day(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    ApiQuery(query): ApiQuery<DayQuery>,
) -> ApiResult<Json<DaySchedule>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    let tz = clinic.tz();
    let date = match query.date.as_deref() {
        None | Some("") => state.now().with_timezone(&tz).date_naive(),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| ApiError::field("date", "invalid"))?,
    };
    let (from, until) = day_bounds(tz, date);

    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.practitioner_id, a.starts_at, a.ends_at, s.name_en AS service_name, a.patient_name,
                a.preferred_name, a.new_or_returning, a.interpreter_language, a.mobility_needs, a.other_needs,
                a.status, a.attendance, a.patient_confirmed_at, s.kind AS service_kind, a.video_room
         FROM appointments a JOIN services s ON s.id = a.service_id
         WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
         ORDER BY a.starts_at, a.id",
    )
    .bind(clinic.id)
    .bind(db::to_epoch(from))
    .bind(db::to_epoch(until))
    .fetch_all(&mut *conn)
    .await?;

    let own = staff.own_practitioner();
    let mut practitioners = Vec::new();
    for p in db::clinics::practitioners(&mut conn, clinic.id)
        .await?
        .into_iter()
        .filter(|p| own.is_none_or(|id| id == p.id))
    {
        let running_late_minutes = db::running_late::minutes(&mut conn, p.id, &date.to_string())
            .await?
            .unwrap_or(0);
        practitioners.push(PractitionerDay {
            practitioner_id: p.id,
            display_name: p.display_name.clone(),
            running_late_minutes,
            appointments: rows
                .iter()
                .filter(|row| row.practitioner_id == p.id)
                .map(|row| day_line(tz, &clinic.video_url_template, row))
                .collect(),
        });
    }

    db::staff::audit(
        &mut conn,
        &AuditEntry {
            clinic_id: clinic.id,
            staff_id: staff.id(),
            action: "view",
            record_type: "day_schedule",
            record_id: &date.to_string(),
            address: &staff.address,
        },
        state.now(),
    )
    .await?;
    Ok(Json(DaySchedule {
        date,
        time_zone: clinic.time_zone.clone(),
        practitioners,
    }))
}

fn day_line(tz: chrono_tz::Tz, video_url_template: &str, row: &Row) -> DayAppointment {
    let start = db::from_epoch(row.starts_at);
    let needs: Vec<&str> = [&row.mobility_needs, &row.other_needs]
        .into_iter()
        .filter_map(|need| need.as_deref())
        .collect();
    DayAppointment {
        id: row.id,
        start,
        end: db::from_epoch(row.ends_at),
        local_time: local_date_time(tz, start).1,
        service_name: row.service_name.clone(),
        patient_name: row
            .preferred_name
            .clone()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| row.patient_name.clone()),
        new_or_returning: if row.new_or_returning == "new" {
            NewOrReturning::New
        } else {
            NewOrReturning::Returning
        },
        interpreter_language: row.interpreter_language.clone(),
        access_needs: (!needs.is_empty()).then(|| needs.join("; ")),
        status: if row.status == "cancelled" {
            AppointmentStatus::Cancelled
        } else {
            AppointmentStatus::Booked
        },
        attendance: row.attendance.as_deref().and_then(Attendance::from_code),
        patient_confirmed: row.patient_confirmed_at.is_some(),
        video_url: (row.status != "cancelled")
            .then(|| {
                let kind = if row.service_kind == "telehealth" {
                    ServiceKind::Telehealth
                } else {
                    ServiceKind::InPerson
                };
                video::video_url(video_url_template, kind, row.video_room.as_deref())
            })
            .flatten(),
    }
}
