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
    #[sqlx(try_from = "super::IntFlag")]
    pub disabled: bool,
}

const STAFF_COLUMNS: &str =
    "s.id, s.clinic_id, s.email, s.display_name, s.role, s.practitioner_id, s.password_hash, s.disabled";

pub async fn find_by_email(conn: &mut Conn, email: &str) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.email = $1"
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
         VALUES ($1, $2, $3, $4, $5, $6, $7)
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

/// The clinic's accounts, by name.
pub async fn list(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<StaffRow>> {
    sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.clinic_id = $1
         ORDER BY lower(s.display_name), s.id"
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// One account, only if it belongs to this clinic (another clinic's id is as good as unknown).
pub async fn find_in_clinic(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = $1 AND s.clinic_id = $2"
    ))
    .bind(id)
    .bind(clinic_id)
    .fetch_optional(conn)
    .await
}

/// Creates an account; unlike `upsert`, never touches an existing one (the caller checks the
/// email is free first, inside the same write transaction).
pub async fn insert(
    conn: &mut Conn,
    staff: &NewStaff<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO staff (clinic_id, email, display_name, role, practitioner_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
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

/// What an admin may change about someone's access.
pub struct AccessChange<'a> {
    pub role: &'a str,
    pub practitioner_id: Option<i64>,
    pub disabled: bool,
}

pub async fn update_access(
    conn: &mut Conn,
    id: i64,
    change: &AccessChange<'_>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff SET role = $1, practitioner_id = $2, disabled = $3 WHERE id = $4")
        .bind(change.role)
        .bind(change.practitioner_id)
        .bind(super::flag(change.disabled))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Admins of the clinic who can still sign in.
pub async fn enabled_admins(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE clinic_id = $1 AND role = 'admin' AND disabled = 0",
    )
    .bind(clinic_id)
    .fetch_one(conn)
    .await
}

/// Whether another enabled account already works from this practitioner's schedule.
pub async fn practitioner_has_other_account(
    conn: &mut Conn,
    practitioner_id: i64,
    except_staff_id: Option<i64>,
) -> sqlx::Result<bool> {
    let taken: super::IntFlag = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM staff WHERE practitioner_id = $1
                        AND role = 'practitioner' AND disabled = 0 AND id <> $2)
                THEN 1 ELSE 0 END",
    )
    .bind(practitioner_id)
    .bind(except_staff_id.unwrap_or(-1))
    .fetch_one(conn)
    .await?;
    Ok(taken.into())
}

pub async fn set_password_hash(conn: &mut Conn, id: i64, password_hash: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
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
    sqlx::query("INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)")
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
        "SELECT staff_id, created_at, last_seen_at FROM staff_sessions WHERE id_hash = $1 AND ended_at IS NULL",
    )
    .bind(id_hash)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let staff = sqlx::query_as::<_, StaffRow>(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s WHERE s.id = $1 AND s.disabled = 0"
    ))
    .bind(session.staff_id)
    .fetch_optional(conn)
    .await?;
    Ok(staff.map(|staff| (session, staff)))
}

pub async fn touch_session(conn: &mut Conn, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE id_hash = $2")
        .bind(to_epoch(now))
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn end_session(conn: &mut Conn, id_hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE staff_sessions SET ended_at = $1 WHERE id_hash = $2 AND ended_at IS NULL")
        .bind(to_epoch(now))
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every live session of an account except `keep` (the hash of the session making the
/// change, if it should stay). Their next request answers 401.
pub async fn end_sessions_of(
    conn: &mut Conn,
    staff_id: i64,
    keep: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE staff_sessions SET ended_at = $1
         WHERE staff_id = $2 AND ended_at IS NULL AND id_hash <> $3",
    )
    .bind(to_epoch(now))
    .bind(staff_id)
    .bind(keep.unwrap_or(""))
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn record_failure(
    conn: &mut Conn,
    email_key: &str,
    address: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (email_key, address, at) VALUES ($1, $2, $3)")
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
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE email_key = $1 AND at >= $2),
                (SELECT COUNT(*) FROM sign_in_failures WHERE address = $3 AND at >= $4)",
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
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
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

/// One line of the audit log as admins read it, with the staff member's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub address: String,
}

/// Which audit lines to read: one clinic's, optionally narrowed; `None` means any.
pub struct AuditFilter<'a> {
    pub clinic_id: i64,
    pub staff_id: Option<i64>,
    pub action: Option<&'a str>,
    pub record_type: Option<&'a str>,
    /// `[from, until)` in UTC.
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Only lines older than this id (paging back).
    pub before: Option<i64>,
    pub limit: i64,
}

/// Newest first (ids grow with time, and paging goes by id).
pub async fn audit_lines(conn: &mut Conn, filter: &AuditFilter<'_>) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as::<_, AuditRow>(
        "SELECT a.id, a.at, a.staff_id, COALESCE(s.display_name, '') AS staff_name, a.action,
                a.record_type, a.record_id, a.address
         FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.clinic_id = $1
           AND ($2 IS NULL OR a.staff_id = $2)
           AND ($3 IS NULL OR a.action = $3)
           AND ($4 IS NULL OR a.record_type = $4)
           AND ($5 IS NULL OR a.at >= $5)
           AND ($6 IS NULL OR a.at < $6)
           AND ($7 IS NULL OR a.id < $7)
         ORDER BY a.id DESC LIMIT $8",
    )
    .bind(filter.clinic_id)
    .bind(filter.staff_id)
    .bind(filter.action)
    .bind(filter.record_type)
    .bind(filter.from.map(to_epoch))
    .bind(filter.until.map(to_epoch))
    .bind(filter.before)
    .bind(filter.limit)
    .fetch_all(conn)
    .await
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
    sqlx::query("INSERT INTO appointment_events (appointment_id, at, staff_id, action, reason) VALUES ($1, $2, $3, $4, $5)")
        .bind(appointment_id)
        .bind(to_epoch(now))
        .bind(staff_id)
        .bind(action)
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}
