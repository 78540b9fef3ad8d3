//! Queries of the console's set-up screens: the clinic's settings, services, practitioners,
//! their weekly hours and time off, and the booked visits a schedule change may strand.
//! Every query names the clinic, so one clinic's admin never reaches another's records.

use super::{to_epoch, Conn};
use crate::domain::schedule_fit::HoursBlock;
use app::wire::setup::{ClinicSettings, PractitionerDraft, ServiceDraft};
use app::wire::ServiceKind;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    address: String,
    phone: String,
    time_zone: String,
    languages: String,
    late_cancel_hours: i64,
    min_notice_minutes: i64,
    horizon_days: i64,
    slot_step_minutes: Option<i64>,
    video_url_template: String,
}

pub async fn clinic_settings(
    conn: &mut Conn,
    clinic_id: i64,
) -> sqlx::Result<Option<ClinicSettings>> {
    let row: Option<SettingsRow> = sqlx::query_as(
        "SELECT name, address, phone, time_zone, languages, late_cancel_hours, min_notice_minutes,
                horizon_days, slot_step_minutes, video_url_template
         FROM clinics WHERE id = $1",
    )
    .bind(clinic_id)
    .fetch_optional(conn)
    .await?;
    let to_u32 = super::clinics::to_u32;
    Ok(row.map(|row| ClinicSettings {
        name: row.name,
        address: row.address,
        phone: row.phone,
        time_zone: row.time_zone,
        languages: super::clinics::parse_languages(&row.languages),
        late_cancel_hours: to_u32(row.late_cancel_hours),
        min_notice_minutes: to_u32(row.min_notice_minutes),
        horizon_days: to_u32(row.horizon_days),
        slot_step_minutes: row.slot_step_minutes.map(to_u32),
        video_url_template: row.video_url_template,
    }))
}

/// Saves validated settings.
pub async fn save_clinic_settings(
    conn: &mut Conn,
    clinic_id: i64,
    settings: &ClinicSettings,
) -> sqlx::Result<()> {
    let languages = settings
        .languages
        .iter()
        .map(|language| language.code())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(
        "UPDATE clinics SET name = $1, address = $2, phone = $3, time_zone = $4, languages = $5,
            late_cancel_hours = $6, min_notice_minutes = $7, horizon_days = $8, slot_step_minutes = $9,
            video_url_template = $10
         WHERE id = $11",
    )
    .bind(&settings.name)
    .bind(&settings.address)
    .bind(&settings.phone)
    .bind(&settings.time_zone)
    .bind(languages)
    .bind(i64::from(settings.late_cancel_hours))
    .bind(i64::from(settings.min_notice_minutes))
    .bind(i64::from(settings.horizon_days))
    .bind(settings.slot_step_minutes.map(i64::from))
    .bind(&settings.video_url_template)
    .bind(clinic_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The two tables whose rows carry a `code` unique per clinic.
#[derive(Clone, Copy)]
pub enum Coded {
    Services,
    Practitioners,
}

/// Codes already used at the clinic, to derive a free one.
pub async fn taken_codes(
    conn: &mut Conn,
    table: Coded,
    clinic_id: i64,
) -> sqlx::Result<Vec<String>> {
    let table = match table {
        Coded::Services => "services",
        Coded::Practitioners => "practitioners",
    };
    sqlx::query_scalar(&format!("SELECT code FROM {table} WHERE clinic_id = $1"))
        .bind(clinic_id)
        .fetch_all(conn)
        .await
}

fn kind_code(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::InPerson => "in_person",
        ServiceKind::Telehealth => "telehealth",
    }
}

/// A new service, placed after the others; returns its id.
pub async fn insert_service(
    conn: &mut Conn,
    clinic_id: i64,
    code: &str,
    draft: &ServiceDraft,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO services (clinic_id, code, kind, duration_minutes, buffer_before_minutes,
            buffer_after_minutes, sort_order, name_en, name_es, description_en, description_es,
            what_to_expect_en, what_to_expect_es, cost_note_en, cost_note_es, preparation_en,
            preparation_es)
         VALUES ($1, $2, $3, $4, $5, $6,
            (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM services WHERE clinic_id = $7),
            $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         RETURNING id",
    )
    .bind(clinic_id)
    .bind(code)
    .bind(kind_code(draft.kind))
    .bind(i64::from(draft.duration_minutes))
    .bind(i64::from(draft.buffer_before_minutes))
    .bind(i64::from(draft.buffer_after_minutes))
    .bind(clinic_id)
    .bind(&draft.name_en)
    .bind(&draft.name_es)
    .bind(&draft.description_en)
    .bind(&draft.description_es)
    .bind(&draft.what_to_expect_en)
    .bind(&draft.what_to_expect_es)
    .bind(&draft.cost_note_en)
    .bind(&draft.cost_note_es)
    .bind(&draft.preparation_en)
    .bind(&draft.preparation_es)
    .fetch_one(conn)
    .await
}

/// Rewrites a service's description. Its code stays: it names the service for good.
pub async fn update_service(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
    draft: &ServiceDraft,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE services SET kind = $1, duration_minutes = $2, buffer_before_minutes = $3,
            buffer_after_minutes = $4, name_en = $5, name_es = $6, description_en = $7,
            description_es = $8, what_to_expect_en = $9, what_to_expect_es = $10, cost_note_en = $11,
            cost_note_es = $12, preparation_en = $13, preparation_es = $14
         WHERE clinic_id = $15 AND id = $16",
    )
    .bind(kind_code(draft.kind))
    .bind(i64::from(draft.duration_minutes))
    .bind(i64::from(draft.buffer_before_minutes))
    .bind(i64::from(draft.buffer_after_minutes))
    .bind(&draft.name_en)
    .bind(&draft.name_es)
    .bind(&draft.description_en)
    .bind(&draft.description_es)
    .bind(&draft.what_to_expect_en)
    .bind(&draft.what_to_expect_es)
    .bind(&draft.cost_note_en)
    .bind(&draft.cost_note_es)
    .bind(&draft.preparation_en)
    .bind(&draft.preparation_es)
    .bind(clinic_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Retires a service (keeping the first retirement's time) or offers it again.
pub async fn set_retired(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
    retired: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let retired_at = retired.then(|| to_epoch(now));
    sqlx::query(
        "UPDATE services SET retired_at = CASE WHEN $1 IS NULL THEN NULL
            ELSE COALESCE(retired_at, $2) END
         WHERE clinic_id = $3 AND id = $4",
    )
    .bind(retired_at)
    .bind(retired_at)
    .bind(clinic_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which practitioners offer a service, retired services too: (service id, practitioner id).
pub async fn service_links(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT ps.service_id, ps.practitioner_id FROM practitioner_services ps
         JOIN services s ON s.id = ps.service_id
         WHERE s.clinic_id = $1 ORDER BY ps.practitioner_id, ps.service_id",
    )
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// Replaces who offers a service. The ids are the clinic's own, checked by the caller.
pub async fn set_service_practitioners(
    conn: &mut Conn,
    service_id: i64,
    practitioner_ids: &[i64],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM practitioner_services WHERE service_id = $1")
        .bind(service_id)
        .execute(&mut *conn)
        .await?;
    for practitioner_id in practitioner_ids {
        link(conn, *practitioner_id, service_id).await?;
    }
    Ok(())
}

/// Replaces the services a practitioner offers. The ids are the clinic's own.
pub async fn set_practitioner_services(
    conn: &mut Conn,
    practitioner_id: i64,
    service_ids: &[i64],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM practitioner_services WHERE practitioner_id = $1")
        .bind(practitioner_id)
        .execute(&mut *conn)
        .await?;
    for service_id in service_ids {
        link(conn, practitioner_id, *service_id).await?;
    }
    Ok(())
}

async fn link(conn: &mut Conn, practitioner_id: i64, service_id: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO practitioner_services (practitioner_id, service_id) VALUES ($1, $2)")
        .bind(practitioner_id)
        .bind(service_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A new practitioner, listed after the others, with no hours yet; returns the id.
pub async fn insert_practitioner(
    conn: &mut Conn,
    clinic_id: i64,
    code: &str,
    initials: &str,
    draft: &PractitionerDraft,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO practitioners (clinic_id, code, display_name, pronouns, initials, sort_order,
            title_en, title_es, bio_en, bio_es)
         VALUES ($1, $2, $3, $4, $5,
            (SELECT COALESCE(MAX(sort_order), -1) + 1 FROM practitioners WHERE clinic_id = $6),
            $7, $8, $9, $10)
         RETURNING id",
    )
    .bind(clinic_id)
    .bind(code)
    .bind(&draft.display_name)
    .bind(&draft.pronouns)
    .bind(initials)
    .bind(clinic_id)
    .bind(&draft.title_en)
    .bind(&draft.title_es)
    .bind(&draft.bio_en)
    .bind(&draft.bio_es)
    .fetch_one(conn)
    .await
}

/// Rewrites a practitioner's profile; the code stays, the initials follow the name.
pub async fn update_practitioner(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
    initials: &str,
    draft: &PractitionerDraft,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE practitioners SET display_name = $1, pronouns = $2, initials = $3, title_en = $4,
            title_es = $5, bio_en = $6, bio_es = $7
         WHERE clinic_id = $8 AND id = $9",
    )
    .bind(&draft.display_name)
    .bind(&draft.pronouns)
    .bind(initials)
    .bind(&draft.title_en)
    .bind(&draft.title_es)
    .bind(&draft.bio_en)
    .bind(&draft.bio_es)
    .bind(clinic_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Weekly blocks of the clinic's practitioners: (practitioner id, block), by day and start.
pub async fn hours(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<(i64, HoursBlock)>> {
    let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT h.practitioner_id, h.weekday, h.start_minute, h.end_minute
         FROM working_hours h JOIN practitioners p ON p.id = h.practitioner_id
         WHERE p.clinic_id = $1 ORDER BY h.practitioner_id, h.weekday, h.start_minute",
    )
    .bind(clinic_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(practitioner_id, weekday, start, end)| {
            Some((
                practitioner_id,
                HoursBlock {
                    weekday: u8::try_from(weekday).ok()?,
                    start_minute: u32::try_from(start).ok()?,
                    end_minute: u32::try_from(end).ok()?,
                },
            ))
        })
        .collect())
}

/// Replaces a practitioner's week with validated blocks.
pub async fn replace_hours(
    conn: &mut Conn,
    practitioner_id: i64,
    blocks: &[HoursBlock],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM working_hours WHERE practitioner_id = $1")
        .bind(practitioner_id)
        .execute(&mut *conn)
        .await?;
    for block in blocks {
        sqlx::query(
            "INSERT INTO working_hours (practitioner_id, weekday, start_minute, end_minute)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(practitioner_id)
        .bind(i64::from(block.weekday))
        .bind(i64::from(block.start_minute))
        .bind(i64::from(block.end_minute))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct TimeOffRow {
    pub id: i64,
    pub practitioner_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub note: Option<String>,
}

/// Time off of the clinic's practitioners that has not ended by `now`, soonest first.
pub async fn time_off_ahead(
    conn: &mut Conn,
    clinic_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<TimeOffRow>> {
    sqlx::query_as(
        "SELECT t.id, t.practitioner_id, t.starts_at, t.ends_at, t.note
         FROM time_off t JOIN practitioners p ON p.id = t.practitioner_id
         WHERE p.clinic_id = $1 AND t.ends_at > $2 ORDER BY t.starts_at, t.id",
    )
    .bind(clinic_id)
    .bind(to_epoch(now))
    .fetch_all(conn)
    .await
}

pub async fn insert_time_off(
    conn: &mut Conn,
    practitioner_id: i64,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    note: Option<&str>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO time_off (practitioner_id, starts_at, ends_at, note) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(practitioner_id)
    .bind(to_epoch(starts))
    .bind(to_epoch(ends))
    .bind(note)
    .fetch_one(conn)
    .await
}

/// Deletes one time off of one practitioner; false if they have no such time off.
pub async fn delete_time_off(conn: &mut Conn, practitioner_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM time_off WHERE practitioner_id = $1 AND id = $2")
        .bind(practitioner_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A booked visit still ahead, as the stranded list shows it to staff.
#[derive(Debug, sqlx::FromRow)]
pub struct VisitAhead {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub patient_name: String,
    pub preferred_name: Option<String>,
    pub service_name: String,
}

impl VisitAhead {
    /// The name the patient asked to be called.
    pub fn greeting_name(&self) -> String {
        self.preferred_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.patient_name.clone())
    }
}

/// A practitioner's booked visits that start after `now` and nobody has marked attended yet.
pub async fn visits_ahead(
    conn: &mut Conn,
    clinic_id: i64,
    practitioner_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<VisitAhead>> {
    sqlx::query_as(
        "SELECT a.id, a.starts_at, a.ends_at, a.patient_name, a.preferred_name,
                s.name_en AS service_name
         FROM appointments a JOIN services s ON s.id = a.service_id
         WHERE a.clinic_id = $1 AND a.practitioner_id = $2 AND a.status = 'booked'
           AND a.attendance IS NULL AND a.starts_at > $3
         ORDER BY a.starts_at, a.id",
    )
    .bind(clinic_id)
    .bind(practitioner_id)
    .bind(to_epoch(now))
    .fetch_all(conn)
    .await
}

/// The clinic's reminder times as stored (`"2880,120"`, minutes before; empty: none).
pub async fn reminder_offsets(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT reminder_offsets FROM clinics WHERE id = $1")
        .bind(clinic_id)
        .fetch_one(conn)
        .await
}

/// Saves validated reminder times (see `domain::messages::format_offsets`).
pub async fn save_reminder_offsets(
    conn: &mut Conn,
    clinic_id: i64,
    stored: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE clinics SET reminder_offsets = $1 WHERE id = $2")
        .bind(stored)
        .bind(clinic_id)
        .execute(conn)
        .await?;
    Ok(())
}
