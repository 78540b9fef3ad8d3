//! The outbox: messages about a visit, written in the same transaction as the change that
//! causes them, so a change is never committed without its message (nor a message without
//! its change). Rows hold no message text and no patient data: the worker composes each
//! message from the visit as it is when the message goes out. Claiming and sending is
//! `db::outbox_claims`.

use super::{to_epoch, Conn};
use crate::domain::messages::{self, VisitEvent};
use app::wire::messages::{Channel, MessageKind};
use chrono::{DateTime, Utc};

/// One message to queue.
pub struct NewMessage {
    pub clinic_id: i64,
    pub appointment_id: i64,
    pub kind: MessageKind,
    pub channel: Channel,
    pub due_at: DateTime<Utc>,
    pub visit_start: DateTime<Utc>,
    pub sequence: i64,
    pub offset_minutes: Option<u32>,
}

pub async fn enqueue(conn: &mut Conn, new: &NewMessage, now: DateTime<Utc>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO outbox (clinic_id, appointment_id, kind, channel, due_at, visit_start,
            sequence, offset_minutes, status, attempts, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, $9, $9)
         RETURNING id",
    )
    .bind(new.clinic_id)
    .bind(new.appointment_id)
    .bind(new.kind.code())
    .bind(new.channel.code())
    .bind(to_epoch(new.due_at))
    .bind(to_epoch(new.visit_start))
    .bind(new.sequence)
    .bind(new.offset_minutes.map(i64::from))
    .bind(to_epoch(now))
    .fetch_one(conn)
    .await
}

/// What the rules need to know about the visit.
#[derive(sqlx::FromRow)]
struct VisitContact {
    clinic_id: i64,
    starts_at: i64,
    sequence: i64,
    email: Option<String>,
    phone: Option<String>,
    reminder_offsets: String,
}

/// Queues what `event` tells the patient about visit `appointment_id` (call it inside the
/// change's transaction, after the change): the event's message now (the survey a little
/// later), and for a booking, move or cancellation, the reminders replanned — queued ones
/// are skipped, a booked or moved visit gets fresh ones at the clinic's reminder times.
pub async fn queue_for_event(
    conn: &mut Conn,
    appointment_id: i64,
    event: VisitEvent,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let visit: VisitContact = sqlx::query_as(
        "SELECT a.clinic_id, a.starts_at, a.sequence, a.email, a.phone, c.reminder_offsets
         FROM appointments a JOIN clinics c ON c.id = a.clinic_id
         WHERE a.id = $1",
    )
    .bind(appointment_id)
    .fetch_one(&mut *conn)
    .await?;
    let has_email = visit.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    let has_phone = visit.phone.as_deref().is_some_and(|p| !p.trim().is_empty());
    let visit_start = super::from_epoch(visit.starts_at);
    let message = |kind, channel, due_at, offset_minutes| NewMessage {
        clinic_id: visit.clinic_id,
        appointment_id,
        kind,
        channel,
        due_at,
        visit_start,
        sequence: visit.sequence,
        offset_minutes,
    };

    let kind = event.message();
    let due_at = match event {
        VisitEvent::Completed => now + messages::SURVEY_DELAY,
        VisitEvent::InstructionsPublished => now + messages::INSTRUCTIONS_DELAY,
        _ => now,
    };
    // One survey invitation per visit however often attendance is set to completed, and one
    // waiting instructions message however many versions are published meanwhile.
    let once = match event {
        VisitEvent::Completed => Some("status <> 'skipped'"),
        VisitEvent::InstructionsPublished => Some("status = 'queued'"),
        _ => None,
    };
    let already = match once {
        Some(condition) => has_message(conn, appointment_id, kind, condition).await?,
        None => false,
    };
    if !already {
        for channel in messages::channels(kind, has_email, has_phone) {
            enqueue(conn, &message(kind, channel, due_at, None), now).await?;
        }
    }

    if event.replans_reminders() {
        let reason = match event {
            VisitEvent::Cancelled => messages::SkipReason::VisitCancelled,
            _ => messages::SkipReason::VisitMoved,
        };
        skip_queued(conn, appointment_id, MessageKind::Reminder, reason, now).await?;
    }
    if matches!(event, VisitEvent::Booked | VisitEvent::Rescheduled) {
        let offsets = messages::parse_offsets(&visit.reminder_offsets);
        for (minutes, due_at) in messages::reminder_times(visit_start, &offsets, now) {
            for channel in messages::channels(MessageKind::Reminder, has_email, has_phone) {
                let reminder = message(MessageKind::Reminder, channel, due_at, Some(minutes));
                enqueue(conn, &reminder, now).await?;
            }
        }
    }
    Ok(())
}

async fn has_message(
    conn: &mut Conn,
    appointment_id: i64,
    kind: MessageKind,
    condition: &str,
) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM outbox WHERE appointment_id = $1 AND kind = $2 AND {condition} LIMIT 1"
    ))
    .bind(appointment_id)
    .bind(kind.code())
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Marks the visit's queued messages of one kind as skipped (not yet claimed ones only: a
/// message being sent right now finishes, and the worker's own check catches the rest).
pub async fn skip_queued(
    conn: &mut Conn,
    appointment_id: i64,
    kind: MessageKind,
    reason: messages::SkipReason,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'skipped', reason = $1, updated_at = $2
         WHERE appointment_id = $3 AND kind = $4 AND status = 'queued'",
    )
    .bind(reason.code())
    .bind(to_epoch(now))
    .bind(appointment_id)
    .bind(kind.code())
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
