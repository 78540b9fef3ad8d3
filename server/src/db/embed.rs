//! The web sites allowed to show a clinic's booking frame (table `embed_origins`).

use super::{to_epoch, Conn};
use chrono::{DateTime, Utc};

/// The clinic's allowed origins, in the order the admin listed them.
pub async fn origins(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT origin FROM embed_origins WHERE clinic_id = $1 ORDER BY created_at, origin",
    )
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// The allowed origins of the clinic at `slug`; `None` when no clinic has that address.
pub async fn origins_by_slug(conn: &mut Conn, slug: &str) -> sqlx::Result<Option<Vec<String>>> {
    let Some(clinic) = super::clinics::find_by_slug(conn, slug).await? else {
        return Ok(None);
    };
    origins(conn, clinic.id).await.map(Some)
}

/// Replaces the list with validated, normalised origins (see `domain::embed`). The order is
/// kept by giving each row its place as a later `created_at` than the one before.
pub async fn replace_origins(
    conn: &mut Conn,
    clinic_id: i64,
    origins: &[String],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM embed_origins WHERE clinic_id = $1")
        .bind(clinic_id)
        .execute(&mut *conn)
        .await?;
    let base = to_epoch(now);
    for (place, origin) in (0_i64..).zip(origins) {
        sqlx::query(
            "INSERT INTO embed_origins (clinic_id, origin, created_at) VALUES ($1, $2, $3)",
        )
        .bind(clinic_id)
        .bind(origin)
        .bind(base + place)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
