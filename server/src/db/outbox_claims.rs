//! The worker's side of the outbox: claiming a due message so that exactly one process sends
//! it, and recording what became of the send.
//!
//! A claim moves one row from `queued` (and due) to `sending`, with this process's id and a
//! lease, in one UPDATE whose WHERE repeats the row's state. Two processes that pick the same
//! row race on that UPDATE: on SQLite writes take turns, so the second one finds the row
//! already `sending` and changes nothing; on PostgreSQL (READ COMMITTED) the second waits for
//! the first's row lock, then re-checks the WHERE against the committed row and changes
//! nothing either. The loser gets no row back and simply tries again at its next round.
//!
//! Two clocks, on purpose:
//! - `due_at` is compared with the application's clock (`AppState::now`), the one every rule
//!   about visits uses, so tests that pin it (and move it on) decide when reminders and
//!   retries are due;
//! - leases (`claimed_until`) use the wall clock, because they measure how long a real send
//!   may be in flight before the process holding it is presumed dead — a pinned clock never
//!   moves on its own, so a lease on it would never run out. In production both are the same.
//!
//! The outcome updates (`mark_sent`, `retry_later`, `mark_failed`, `mark_skipped`) only touch
//! a row this process still holds (`status = 'sending' AND claimed_by = me`): a process whose
//! lease ran out while it was stuck must not overwrite what the process that reclaimed the row
//! recorded. Reasons are short codes, never patient data nor a server's error text (which may
//! echo an address).

use super::{from_epoch, to_epoch, Db};
use app::wire::messages::{Channel, MessageKind};
use chrono::{DateTime, Duration, Utc};

/// A message this process now holds, with what the worker needs to send it.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub clinic_id: i64,
    pub appointment_id: i64,
    pub kind: MessageKind,
    pub channel: Channel,
    pub due_at: DateTime<Utc>,
    pub visit_start: DateTime<Utc>,
    pub sequence: i64,
    /// Tries so far, this one included.
    pub attempts: u32,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    clinic_id: i64,
    appointment_id: i64,
    kind: String,
    channel: String,
    due_at: i64,
    visit_start: i64,
    sequence: i64,
    attempts: i64,
}

/// Queued and due, or held by a process whose lease ran out. `$1` the channel, `$2` the
/// application's now, `$3` the wall clock's now.
const CLAIMABLE: &str = "((status = 'queued' AND due_at <= $2)
      OR (status = 'sending' AND claimed_until < $3))";

/// Claims the next due message of `channel` for process `me` until `wall_now + lease`. `None`
/// when nothing is due, or when another process claimed the same row first.
pub async fn claim_next(
    db: &Db,
    channel: Channel,
    me: &str,
    now: DateTime<Utc>,
    wall_now: DateTime<Utc>,
    lease: Duration,
) -> sqlx::Result<Option<Claimed>> {
    // A plain read first: most rounds find nothing, and a read takes no write lock (SQLite
    // in WAL mode), so an idle worker does not make bookings wait.
    let candidate: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM outbox WHERE channel = $1 AND {CLAIMABLE} ORDER BY due_at, id LIMIT 1"
    ))
    .bind(channel.code())
    .bind(to_epoch(now))
    .bind(to_epoch(wall_now))
    .fetch_optional(&db.pool)
    .await?;
    if candidate.is_none() {
        return Ok(None);
    }

    let mut tx = db.begin_write().await?;
    let row: Option<ClaimedRow> = sqlx::query_as(&format!(
        "UPDATE outbox SET status = 'sending', claimed_by = $4, claimed_until = $5,
                attempts = attempts + 1, updated_at = $2
         WHERE id = (SELECT id FROM outbox WHERE channel = $1 AND {CLAIMABLE}
                     ORDER BY due_at, id LIMIT 1)
           AND {CLAIMABLE}
         RETURNING id, clinic_id, appointment_id, kind, channel, due_at, visit_start, sequence,
                   attempts"
    ))
    .bind(channel.code())
    .bind(to_epoch(now))
    .bind(to_epoch(wall_now))
    .bind(me)
    .bind(to_epoch(wall_now + lease))
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    let Some(row) = row else { return Ok(None) };
    let (Some(kind), Some(channel)) = (
        MessageKind::from_code(&row.kind),
        Channel::from_code(&row.channel),
    ) else {
        // The table's CHECK constraints make this unreachable; a row nobody can read is
        // failed rather than claimed over and over.
        finish(db, row.id, me, "failed", Some("unknown_kind"), None, now).await?;
        return Ok(None);
    };
    Ok(Some(Claimed {
        id: row.id,
        clinic_id: row.clinic_id,
        appointment_id: row.appointment_id,
        kind,
        channel,
        due_at: from_epoch(row.due_at),
        visit_start: from_epoch(row.visit_start),
        sequence: row.sequence,
        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
    }))
}

/// Records the outcome of a claim; `false` if this process no longer held the row (its lease
/// ran out and another process took it over), in which case nothing was changed.
async fn finish(
    db: &Db,
    id: i64,
    me: &str,
    status: &str,
    reason: Option<&str>,
    next_due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE outbox SET status = $4, reason = $5, due_at = COALESCE($6, due_at),
                sent_at = CASE WHEN $4 = 'sent' THEN $1 ELSE sent_at END,
                claimed_by = NULL, claimed_until = NULL, updated_at = $1
         WHERE id = $2 AND status = 'sending' AND claimed_by = $3",
    )
    .bind(to_epoch(now))
    .bind(id)
    .bind(me)
    .bind(status)
    .bind(reason)
    .bind(next_due.map(to_epoch))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// The mail server (or SMS provider) accepted the message.
pub async fn mark_sent(
    db: &Db,
    claimed: &Claimed,
    me: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    finish(db, claimed.id, me, "sent", None, None, now).await
}

/// A temporary failure: back to the queue, due again at `next_due`, with why.
pub async fn retry_later(
    db: &Db,
    claimed: &Claimed,
    me: &str,
    reason: &str,
    next_due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    finish(
        db,
        claimed.id,
        me,
        "queued",
        Some(reason),
        Some(next_due),
        now,
    )
    .await
}

/// Given up for good (`rejected`, `invalid_address`, `too_many_attempts`, …).
pub async fn mark_failed(
    db: &Db,
    claimed: &Claimed,
    me: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    finish(db, claimed.id, me, "failed", Some(reason), None, now).await
}

/// Not wanted any more (`domain::messages::SkipReason`).
pub async fn mark_skipped(
    db: &Db,
    claimed: &Claimed,
    me: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    finish(db, claimed.id, me, "skipped", Some(reason), None, now).await
}

/// For a channel this server cannot send by: marks its due, queued messages with `reason`
/// (`no_mail_server`, `no_sms_provider`) so the console can say why they wait. They stay
/// queued and go out once a sender is configured. Returns how many were newly marked.
pub async fn note_unsendable(
    db: &Db,
    channel: Channel,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let waiting = "channel = $1 AND status = 'queued' AND due_at <= $2
                   AND (reason IS NULL OR reason <> $3)";
    // Read first, as in `claim_next`: usually there is nothing new to mark.
    let any: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM outbox WHERE {waiting} LIMIT 1"))
            .bind(channel.code())
            .bind(to_epoch(now))
            .bind(reason)
            .fetch_optional(&db.pool)
            .await?;
    if any.is_none() {
        return Ok(0);
    }
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(&format!(
        "UPDATE outbox SET reason = $3, updated_at = $2 WHERE {waiting}"
    ))
    .bind(channel.code())
    .bind(to_epoch(now))
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
