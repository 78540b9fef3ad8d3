//! Staff accounts, their sessions, sign-in failures, and the audit log.

use super::{to_epoch, Conn};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub clinic_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub practitioner_id: Option<i64>,
    pub password_hash: String,
    pub disabled: bool,
}

const STAFF_COLUMNS: &str =
    "s.id, s.clinic_id, s.email, s.display_name, s.role, s.practitioner_id, s.password_hash, s.disabled";

pub async fn find_by_email(conn: &mut Conn, email: &str) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.email = ?"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await
}

/// An account to create (or to update, when its email exists).
pub struct NewStaff<'a> {
    pub clinic_id: i64,
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub practitioner_id: Option<i64>,
    pub password_hash: &'a str,
}

/// Creates an account, or replaces the name, role and password of the one with that email.
pub async fn upsert(
    conn: &mut Conn,
    staff: &NewStaff<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO staff (clinic_id, email, display_name, role, practitioner_id, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (email) DO UPDATE SET clinic_id = excluded.clinic_id,
            display_name = excluded.display_name, role = excluded.role,
            practitioner_id = excluded.practitioner_id, password_hash = excluded.password_hash,
            disabled = 0
         RETURNING id",
    )
    .bind(staff.clinic_id)
    .bind(staff.email)
    .bind(staff.display_name)
    .bind(staff.role)
    .bind(staff.practitioner_id)
    .bind(staff.password_hash)
    .bind(to_epoch(now))
    .fetch_one(conn)
    .await
}

/// A live session: its staff member and when it started and was last used.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub staff_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub async fn create_session(
    conn: &mut Conn,
    id_hash: &str,
    staff_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)")
        .bind(id_hash)
        .bind(staff_id)
        .bind(to_epoch(now))
        .bind(to_epoch(now))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn find_session(
    conn: &mut Conn,
    id_hash: &str,
) -> sqlx::Result<Option<(SessionRow, StaffRow)>> {
    let Some(session) = sqlx::query_as::<_, SessionRow>(
        "SELECT staff_id, created_at, last_seen_at FROM staff_sessions WHERE id_hash = ? AND ended_at IS NULL",
    )
    .bind(id_hash)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let staff = sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = ? AND s.disabled = 0"
    ))
    .bind(session.staff_id)
    .fetch_optional(conn)
    .await?;
    Ok(staff.map(|staff| (session, staff)))
}

pub async fn touch_session(conn: &mut Conn, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?")
        .bind(to_epoch(now))
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn end_session(conn: &mut Conn, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff_sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL")
        .bind(to_epoch(now))
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn record_failure(
    conn: &mut Conn,
    email_key: &str,
    address: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (email_key, address, at) VALUES (?, ?, ?)")
        .bind(email_key)
        .bind(address)
        .bind(to_epoch(now))
        .execute(conn)
        .await?;
    Ok(())
}

/// Failed sign-ins since `since` for this account and from this address.
pub async fn recent_failures(
    conn: &mut Conn,
    email_key: &str,
    address: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE email_key = ? AND at >= ?),
                (SELECT COUNT(*) FROM sign_in_failures WHERE address = ? AND at >= ?)",
    )
    .bind(email_key)
    .bind(to_epoch(since))
    .bind(address)
    .bind(to_epoch(since))
    .fetch_one(conn)
    .await
}

/// One line of the audit log: who touched which patient record, how, from where.
pub struct AuditEntry<'a> {
    pub clinic_id: i64,
    pub staff_id: i64,
    pub action: &'a str,
    pub record_type: &'a str,
    pub record_id: &'a str,
    pub address: &'a str,
}

pub async fn audit(
    conn: &mut Conn,
    entry: &AuditEntry<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, clinic_id, staff_id, action, record_type, record_id, address)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(to_epoch(now))
    .bind(entry.clinic_id)
    .bind(entry.staff_id)
    .bind(entry.action)
    .bind(entry.record_type)
    .bind(entry.record_id)
    .bind(entry.address)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a change to an appointment; `staff_id` None means the patient made it online.
pub async fn appointment_event(
    conn: &mut Conn,
    appointment_id: i64,
    staff_id: Option<i64>,
    action: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO appointment_events (appointment_id, at, staff_id, action, reason) VALUES (?, ?, ?, ?, ?)")
        .bind(appointment_id)
        .bind(to_epoch(now))
        .bind(staff_id)
        .bind(action)
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}
