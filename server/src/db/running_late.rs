//! "Running late" notices, per practitioner and clinic-local day.

use super::{to_epoch, Conn};
use chrono::{DateTime, Utc};

/// Sets the delay for the day; 0 clears it.
pub async fn set(
    conn: &mut Conn,
    practitioner_id: i64,
    local_date: &str,
    minutes: u32,
    staff_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    if minutes == 0 {
        sqlx::query("DELETE FROM running_late WHERE practitioner_id = $1 AND local_date = $2")
            .bind(practitioner_id)
            .bind(local_date)
            .execute(conn)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO running_late (practitioner_id, local_date, minutes, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (practitioner_id, local_date) DO UPDATE SET minutes = excluded.minutes,
            set_by = excluded.set_by, set_at = excluded.set_at",
    )
    .bind(practitioner_id)
    .bind(local_date)
    .bind(i64::from(minutes))
    .bind(staff_id)
    .bind(to_epoch(now))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn minutes(
    conn: &mut Conn,
    practitioner_id: i64,
    local_date: &str,
) -> sqlx::Result<Option<u32>> {
    let minutes: Option<i64> = sqlx::query_scalar(
        "SELECT minutes FROM running_late WHERE practitioner_id = $1 AND local_date = $2",
    )
    .bind(practitioner_id)
    .bind(local_date)
    .fetch_optional(conn)
    .await?;
    Ok(minutes.map(super::clinics::to_u32))
}
