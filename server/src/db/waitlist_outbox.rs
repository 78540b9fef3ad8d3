//! Waitlist messages waiting to be sent: "you are on the list" and "a time is held for you".
//! Written in the transaction that causes them; a worker claims each row like `outbox`'s
//! (`db::outbox_claims` explains the claim and the two clocks), so a message is neither lost
//! (it commits with its cause) nor sent twice (one claim wins).

use super::waitlist::EntryRow;
use super::{to_epoch, Conn, Db};
use app::wire::messages::Channel;
use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitlistMessage {
    Joined,
    Offer,
}

impl WaitlistMessage {
    pub fn code(self) -> &'static str {
        match self {
            WaitlistMessage::Joined => "joined",
            WaitlistMessage::Offer => "offer",
        }
    }
    fn from_code(code: &str) -> Option<WaitlistMessage> {
        match code {
            "joined" => Some(WaitlistMessage::Joined),
            "offer" => Some(WaitlistMessage::Offer),
            _ => None,
        }
    }
}

/// One row per way the patient can be reached (e-mail, SMS), due now.
pub async fn queue(
    conn: &mut Conn,
    entry: &EntryRow,
    kind: WaitlistMessage,
    hold_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let channels = [
        (entry.email.is_some(), Channel::Email),
        (entry.phone.is_some(), Channel::Sms),
    ];
    for (reachable, channel) in channels {
        if !reachable {
            continue;
        }
        sqlx::query(
            "INSERT INTO waitlist_outbox (clinic_id, entry_id, hold_id, kind, channel, due_at,
                status, attempts, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $6, $6)",
        )
        .bind(entry.clinic_id)
        .bind(entry.id)
        .bind(hold_id)
        .bind(kind.code())
        .bind(channel.code())
        .bind(to_epoch(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A message this process now holds.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub id: i64,
    pub entry_id: i64,
    pub hold_id: Option<i64>,
    pub kind: WaitlistMessage,
    pub channel: Channel,
    pub attempts: u32,
}

/// Queued and due, or held by a process whose lease ran out (`$2` app clock, `$3` wall clock).
const CLAIMABLE: &str = "((status = 'queued' AND due_at <= $2)
      OR (status = 'sending' AND claimed_until < $3))";

/// Claims the next due message of `channel`; `None` when nothing is due or another process won.
pub async fn claim_next(
    db: &Db,
    channel: Channel,
    me: &str,
    now: DateTime<Utc>,
    wall_now: DateTime<Utc>,
    lease: Duration,
) -> sqlx::Result<Option<Claimed>> {
    let candidate: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM waitlist_outbox WHERE channel = $1 AND {CLAIMABLE} ORDER BY due_at, id LIMIT 1"
    ))
    .bind(channel.code())
    .bind(to_epoch(now))
    .bind(to_epoch(wall_now))
    .fetch_optional(&db.pool)
    .await?;
    let Some(id) = candidate else {
        return Ok(None);
    };
    let row: Option<(i64, i64, Option<i64>, String, i64)> = sqlx::query_as(&format!(
        "UPDATE waitlist_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = $4,
            claimed_until = $5, updated_at = $2
         WHERE id = $6 AND channel = $1 AND {CLAIMABLE}
         RETURNING id, entry_id, hold_id, kind, attempts"
    ))
    .bind(channel.code())
    .bind(to_epoch(now))
    .bind(to_epoch(wall_now))
    .bind(me)
    .bind(to_epoch(wall_now + lease))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|(id, entry_id, hold_id, kind, attempts)| {
        Some(Claimed {
            id,
            entry_id,
            hold_id,
            kind: WaitlistMessage::from_code(&kind)?,
            channel,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        })
    }))
}

/// Records what became of a claimed message: `sent`, `failed` or `skipped` with a reason
/// code, or `queued` again (due at `next_due`). Only while this process still holds it.
pub async fn record(
    db: &Db,
    claimed: &Claimed,
    me: &str,
    status: &str,
    reason: Option<&str>,
    next_due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE waitlist_outbox SET status = $1, reason = $2,
            due_at = COALESCE($3, due_at), sent_at = CASE WHEN $1 = 'sent' THEN $4 ELSE sent_at END,
            claimed_by = NULL, claimed_until = NULL, updated_at = $4
         WHERE id = $5 AND status = 'sending' AND claimed_by = $6",
    )
    .bind(status)
    .bind(reason)
    .bind(next_due.map(to_epoch))
    .bind(to_epoch(now))
    .bind(claimed.id)
    .bind(me)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What was queued for an entry (tests and the console): kind, channel, status.
pub async fn for_entry(
    conn: &mut Conn,
    entry_id: i64,
) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "SELECT kind, channel, status FROM waitlist_outbox WHERE entry_id = $1 ORDER BY id",
    )
    .bind(entry_id)
    .fetch_all(conn)
    .await
}
