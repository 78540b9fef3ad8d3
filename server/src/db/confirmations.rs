//! The patient's one-tap "I'll be there" (`appointments.patient_confirmed_at`).

use super::{from_epoch, to_epoch, Conn};
use chrono::{DateTime, Utc};

/// Records the patient's confirmation at `now` unless the visit already has one; returns
/// whether this call recorded it. One guarded UPDATE, so two taps at once record one time.
pub async fn confirm_once(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE appointments SET patient_confirmed_at = $1, updated_at = $1
         WHERE id = $2 AND patient_confirmed_at IS NULL",
    )
    .bind(to_epoch(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When the patient confirmed the visit, if they did.
pub async fn confirmed_at(conn: &mut Conn, id: i64) -> sqlx::Result<Option<DateTime<Utc>>> {
    let at: Option<i64> =
        sqlx::query_scalar("SELECT patient_confirmed_at FROM appointments WHERE id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?;
    Ok(at.map(from_epoch))
}
