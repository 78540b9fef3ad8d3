//! Appointments: the one table patients write to.

use super::{from_epoch, to_epoch, Conn};
use crate::domain::availability::Interval;
use app::wire::console::CancelledBy;
use app::wire::{Language, PatientDetails};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub clinic_id: i64,
    pub token: String,
    pub calendar_uid: String,
    pub service_id: i64,
    pub practitioner_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub sequence: i64,
    pub patient_name: String,
    pub preferred_name: Option<String>,
    pub language: String,
    pub created_at: i64,
    /// The video room of a telehealth visit (`None` in person); see `domain::video`.
    pub video_room: Option<String>,
}

impl AppointmentRow {
    pub fn start(&self) -> DateTime<Utc> {
        from_epoch(self.starts_at)
    }
    pub fn end(&self) -> DateTime<Utc> {
        from_epoch(self.ends_at)
    }
    pub fn is_cancelled(&self) -> bool {
        self.status == "cancelled"
    }
    pub fn language(&self) -> Language {
        Language::from_tag(&self.language).unwrap_or_default()
    }
    /// How to greet the patient: the name they asked to be called, else their name.
    pub fn greeting_name(&self) -> String {
        self.preferred_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.patient_name.clone())
    }
}

const COLUMNS: &str = "id, clinic_id, token, calendar_uid, service_id, practitioner_id, starts_at,
    ends_at, status, sequence, patient_name, preferred_name, language, created_at, video_room";

/// A booking about to be written; the patient details are already validated.
pub struct NewAppointment<'a> {
    pub clinic_id: i64,
    pub token: &'a str,
    pub calendar_uid: &'a str,
    pub service_id: i64,
    pub practitioner_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub blocked: Interval,
    pub patient: &'a PatientDetails,
    pub demo_seed: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Inserts a booking. Fails with the database's `slot_taken` if it would overlap another.
/// Makes this transaction the only one booking or moving visits into these practitioners' time
/// until it ends (PostgreSQL; `Backend::lock_practitioner` says why). Call it before reading
/// their schedules, so the reads already include every visit that won before. Ascending ids, so
/// two transactions wanting the same practitioners never wait for each other in a circle.
pub async fn take_practitioners_turn(
    conn: &mut Conn,
    practitioner_ids: &[i64],
) -> sqlx::Result<()> {
    let Some(lock) = super::Backend::of(conn).lock_practitioner() else {
        return Ok(());
    };
    let mut ids = practitioner_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        sqlx::query(lock).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn insert(conn: &mut Conn, new: &NewAppointment<'_>) -> sqlx::Result<i64> {
    let patient = new.patient;
    let patient_id =
        super::patients::find_or_create(&mut *conn, new.clinic_id, patient, new.now).await?;
    let needs = patient.access_needs.clone().unwrap_or_default();
    let insurance = patient.insurance.as_ref();
    let new_or_returning = match patient.new_or_returning {
        app::wire::NewOrReturning::New => "new",
        app::wire::NewOrReturning::Returning => "returning",
    };
    // Every booking path ends here, so every telehealth visit gets its own fresh room, however
    // it was booked (and whether or not the clinic has a video link template yet).
    let video_room = crate::domain::token::new_video_room();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointments (clinic_id, token, calendar_uid, service_id, practitioner_id,
            starts_at, ends_at, blocked_from, blocked_until, status, sequence, patient_name,
            preferred_name, pronouns, email, phone, language, new_or_returning, reason,
            interpreter_language, mobility_needs, other_needs, insurance_payer, insurance_member_id,
            demo_seed, created_at, updated_at, patient_id, video_room)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', 0, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,
            CASE WHEN (SELECT kind FROM services WHERE id = $4) = 'telehealth' THEN $27 END)
         RETURNING id",
    )
    .bind(new.clinic_id)
    .bind(new.token)
    .bind(new.calendar_uid)
    .bind(new.service_id)
    .bind(new.practitioner_id)
    .bind(to_epoch(new.start))
    .bind(to_epoch(new.end))
    .bind(to_epoch(new.blocked.start))
    .bind(to_epoch(new.blocked.end))
    .bind(&patient.name)
    .bind(&patient.preferred_name)
    .bind(&patient.pronouns)
    .bind(&patient.email)
    .bind(&patient.phone)
    .bind(patient.language.code())
    .bind(new_or_returning)
    .bind(&patient.reason)
    .bind(&needs.interpreter_language)
    .bind(&needs.mobility)
    .bind(&needs.other)
    .bind(insurance.map(|i| &i.payer))
    .bind(insurance.map(|i| &i.member_id))
    .bind(new.demo_seed)
    .bind(to_epoch(new.now))
    .bind(to_epoch(new.now))
    .bind(patient_id)
    .bind(&video_room)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn find_by_token(conn: &mut Conn, token: &str) -> sqlx::Result<Option<AppointmentRow>> {
    sqlx::query_as::<_, AppointmentRow>(&format!(
        "SELECT {COLUMNS} FROM appointments WHERE token = $1"
    ))
    .bind(token)
    .fetch_optional(conn)
    .await
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> sqlx::Result<Option<AppointmentRow>> {
    sqlx::query_as::<_, AppointmentRow>(&format!(
        "SELECT {COLUMNS} FROM appointments WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Cancels a booked visit, recording when and by whom (the figures count patient and late
/// cancellations from these).
pub async fn cancel(
    conn: &mut Conn,
    id: i64,
    reason: Option<&str>,
    cancelled_by: CancelledBy,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE appointments SET status = 'cancelled', cancel_reason = $1, updated_at = $2,
            cancelled_at = $2, cancelled_by = $3, sequence = sequence + 1
         WHERE id = $4 AND status = 'booked'",
    )
    .bind(reason)
    .bind(to_epoch(now))
    .bind(cancelled_by.code())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a booking in one statement: the old time is freed and the new one taken together,
/// and the database refuses it (`slot_taken`) if the new time overlaps another booking.
pub async fn reschedule(
    conn: &mut Conn,
    id: i64,
    practitioner_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    blocked: Interval,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE appointments SET practitioner_id = $1, starts_at = $2, ends_at = $3,
            blocked_from = $4, blocked_until = $5, sequence = sequence + 1, updated_at = $6
         WHERE id = $7 AND status = 'booked'",
    )
    .bind(practitioner_id)
    .bind(to_epoch(start))
    .bind(to_epoch(end))
    .bind(to_epoch(blocked.start))
    .bind(to_epoch(blocked.end))
    .bind(to_epoch(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
