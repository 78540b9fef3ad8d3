//! Idempotency keys for bookings: a retried POST with the same key gets the same booking back.

use super::{to_epoch, Conn};
use chrono::{DateTime, Utc};

pub struct StoredKey {
    pub request_hash: String,
    pub appointment_id: i64,
}

pub async fn find(conn: &mut Conn, clinic_id: i64, key: &str) -> sqlx::Result<Option<StoredKey>> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT request_hash, appointment_id FROM idempotency_keys WHERE clinic_id = $1 AND key = $2",
    )
    .bind(clinic_id)
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(request_hash, appointment_id)| StoredKey {
        request_hash,
        appointment_id,
    }))
}

pub async fn store(
    conn: &mut Conn,
    clinic_id: i64,
    key: &str,
    request_hash: &str,
    appointment_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (clinic_id, key, request_hash, appointment_id, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(clinic_id)
    .bind(key)
    .bind(request_hash)
    .bind(appointment_id)
    .bind(to_epoch(now))
    .execute(conn)
    .await?;
    Ok(())
}
