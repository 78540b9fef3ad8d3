//! What the console shows about a visit's messages: one line per outbox row, oldest first.
//! Rows hold no message text and no patient data, so nothing here needs hiding.

use super::{from_epoch, Conn};
use app::wire::messages::{Channel, MessageKind, MessageStatus, VisitMessage};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    channel: String,
    status: String,
    reason: Option<String>,
    due_at: i64,
    sent_at: Option<i64>,
    attempts: i64,
    offset_minutes: Option<i64>,
}

/// The visit's messages, in the order they were queued. A row with a code this build does
/// not know (written by a newer server) is left out rather than failing the whole list.
pub async fn for_appointment(
    conn: &mut Conn,
    appointment_id: i64,
) -> sqlx::Result<Vec<VisitMessage>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, channel, status, reason, due_at, sent_at, attempts, offset_minutes
         FROM outbox WHERE appointment_id = $1
         ORDER BY created_at, id",
    )
    .bind(appointment_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(VisitMessage {
                id: row.id,
                kind: MessageKind::from_code(&row.kind)?,
                channel: Channel::from_code(&row.channel)?,
                status: MessageStatus::from_code(&row.status)?,
                reason: row.reason,
                due_at: from_epoch(row.due_at),
                sent_at: row.sent_at.map(from_epoch),
                attempts: u32::try_from(row.attempts).unwrap_or(0),
                offset_minutes: row.offset_minutes.and_then(|m| u32::try_from(m).ok()),
            })
        })
        .collect())
}

/// When the patient answered a reminder "I'll be there", if they did.
pub async fn patient_confirmed_at(
    conn: &mut Conn,
    appointment_id: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT patient_confirmed_at FROM appointments WHERE id = $1")
        .bind(appointment_id)
        .fetch_one(conn)
        .await
}
