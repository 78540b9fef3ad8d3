//! Erasure and retention: one rule for what is left of a person once their personal data goes.
//!
//! Personal fields are blanked in place rather than rows deleted, so each visit keeps its time,
//! service, practitioner, status and attendance, and the clinic's counts stay right. The visit
//! page link is replaced by a value no token can equal, so an old link shows nothing (404).
//! Used by an admin's erasure (`POST /api/console/patients/{id}/erase`) and by
//! `carebook anonymise` (visits that ended before the retention cutoff).
//!
//! After-visit instructions are deleted and the patient's questions and the clinic's replies
//! blanked (`db::instructions::forget_visits`); "Did this make sense?" answers stay, as counts.
//! Survey answers lose their comment and the follow-up items their staff notes
//! (`db::survey::forget_visits`); the ratings stay, as numbers about a visit that no longer
//! names anyone, so the clinic's figures stay right.
//!
//! Waitlist entries are blanked the same way (`forget_waitlist_entries`): an erased person's
//! (found by the same normalised email and phone keys as their record, or by the visit an offer
//! became) and, on retention, those that ended before the cutoff. An entry still on the list
//! leaves it, its held time is released and its unsent messages are not sent.

use super::{to_epoch, Conn, Db};
use chrono::{DateTime, Utc};

/// Which appointments a blanking covers; `$1` in each condition is the patient's id or the
/// cutoff instant.
#[derive(Clone, Copy, Debug)]
enum Scope {
    Patient,
    EndedBefore,
}

impl Scope {
    fn condition(self) -> &'static str {
        match self {
            Scope::Patient => "patient_id = $1",
            Scope::EndedBefore => "ends_at < $1",
        }
    }
}

/// Every personal column of an appointment (see the migrations) and the visit-page token.
/// The schema wants an email or a phone on every visit, so the phone stays as an empty text.
/// `'erased:'` holds a character no token has (`domain::token::is_well_formed`), and the id
/// keeps it unique.
const BLANK_APPOINTMENT: &str = "patient_name = '', preferred_name = NULL, pronouns = NULL,
    email = NULL, phone = '', reason = NULL, interpreter_language = NULL, mobility_needs = NULL,
    other_needs = NULL, insurance_payer = NULL, insurance_member_id = NULL, cancel_reason = NULL,
    token = 'erased:' || CAST(id AS TEXT), video_room = NULL";

/// Every personal column of a patient record. The schema wants an email or a phone key on
/// every record; `'erased:'` plus the id is unique, and no real email (which needs an `@`) or
/// phone key (digits only) can equal it, so a later booking by the same person starts afresh.
const BLANK_PATIENT: &str = "name = '', preferred_name = NULL,
    email_key = 'erased:' || CAST(id AS TEXT), phone_key = NULL";

/// Blanks the visits in `scope` not blanked yet: free-text reasons in their history go, replays
/// of their booking request (whose stored hash covers the patient's details) are forgotten.
/// An erasure is written to each visit's history with who did it (`erased_by`); retention
/// leaves the history as it was. Returns how many visits were blanked now.
async fn blank_appointments(
    conn: &mut Conn,
    scope: Scope,
    value: i64,
    erased_by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let pending = format!(
        "SELECT id FROM appointments WHERE anonymised_at IS NULL AND {}",
        scope.condition()
    );
    sqlx::query(&format!(
        "UPDATE appointment_events SET reason = NULL
         WHERE reason IS NOT NULL AND appointment_id IN ({pending})"
    ))
    .bind(value)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "DELETE FROM idempotency_keys WHERE appointment_id IN ({pending})"
    ))
    .bind(value)
    .execute(&mut *conn)
    .await?;
    super::instructions::forget_visits(conn, &pending, value).await?;
    super::survey::forget_visits(conn, &pending, value).await?;
    if let Some(staff_id) = erased_by {
        sqlx::query(&format!(
            "INSERT INTO appointment_events (appointment_id, at, staff_id, action, reason)
             SELECT id, $2, $3, 'erased', NULL FROM appointments
             WHERE anonymised_at IS NULL AND {}",
            scope.condition()
        ))
        .bind(value)
        .bind(to_epoch(now))
        .bind(staff_id)
        .execute(&mut *conn)
        .await?;
    }
    let blanked = sqlx::query(&format!(
        "UPDATE appointments SET {BLANK_APPOINTMENT}, anonymised_at = $2
         WHERE anonymised_at IS NULL AND {}",
        scope.condition()
    ))
    .bind(value)
    .bind(to_epoch(now))
    .execute(&mut *conn)
    .await?;
    Ok(blanked.rows_affected())
}

/// What an erasure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Erasure {
    /// Visits blanked by this call (0 when erased before: erasing twice is harmless).
    pub appointments: u64,
}

/// Erases a patient of this clinic: their record and every one of their visits. `None` when
/// the clinic has no such patient (another clinic's id included).
pub async fn erase_patient(
    conn: &mut Conn,
    clinic_id: i64,
    patient_id: i64,
    staff_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Erasure>> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM patients WHERE id = $1 AND clinic_id = $2")
            .bind(patient_id)
            .bind(clinic_id)
            .fetch_optional(&mut *conn)
            .await?;
    if found.is_none() {
        return Ok(None);
    }
    // Found by the record's contact keys, so before the record is blanked.
    let entries = waitlist_entries_of(conn, clinic_id, patient_id).await?;
    let appointments =
        blank_appointments(conn, Scope::Patient, patient_id, Some(staff_id), now).await?;
    sqlx::query(&format!(
        "UPDATE patients SET {BLANK_PATIENT}, erased_at = $1, updated_at = $1
         WHERE id = $2 AND erased_at IS NULL"
    ))
    .bind(to_epoch(now))
    .bind(patient_id)
    .execute(&mut *conn)
    .await?;
    forget_waitlist_entries(conn, &entries, now).await?;
    Ok(Some(Erasure { appointments }))
}

/// A waitlist entry's id, e-mail and phone, and the patient whose visit its offer became.
type EntryContact = (i64, Option<String>, Option<String>, Option<i64>);

/// This clinic's waitlist entries (not blanked yet) that reach the patient: by the record's
/// normalised email or phone, or because an offer became one of their visits. Read before the
/// record itself is blanked.
async fn waitlist_entries_of(
    conn: &mut Conn,
    clinic_id: i64,
    patient_id: i64,
) -> sqlx::Result<Vec<i64>> {
    let (email_key, phone_key): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT email_key, phone_key FROM patients WHERE id = $1")
            .bind(patient_id)
            .fetch_one(&mut *conn)
            .await?;
    let entries: Vec<EntryContact> = sqlx::query_as(
        "SELECT w.id, w.email, w.phone, a.patient_id FROM waitlist_entries w
         LEFT JOIN appointments a ON a.id = w.appointment_id
         WHERE w.clinic_id = $1 AND w.token NOT LIKE 'erased:%'",
    )
    .bind(clinic_id)
    .fetch_all(&mut *conn)
    .await?;
    let same = |key: &Option<String>, value: Option<String>| {
        key.as_deref()
            .is_some_and(|key| !key.is_empty() && value.as_deref() == Some(key))
    };
    Ok(entries
        .into_iter()
        .filter(|(_, email, phone, booked_by)| {
            *booked_by == Some(patient_id)
                || same(&email_key, email.as_deref().map(super::patients::email_key))
                || same(&phone_key, phone.as_deref().map(super::patients::phone_key))
        })
        .map(|(id, ..)| id)
        .collect())
}

/// Blanks these waitlist entries: name and contacts go, the link stops working (as a visit's
/// does), an entry still on the list leaves it, its held time is released and its messages not
/// yet sent are skipped. What stays: service, days, times, status, so the clinic's counts do.
async fn forget_waitlist_entries(
    conn: &mut Conn,
    entry_ids: &[i64],
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let now = to_epoch(now);
    for id in entry_ids {
        sqlx::query(
            "UPDATE slot_holds SET state = 'released', updated_at = $2
             WHERE entry_id = $1 AND state = 'held'",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE waitlist_outbox SET status = 'skipped', reason = 'erased', updated_at = $2
             WHERE entry_id = $1 AND status = 'queued'",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE waitlist_entries SET name = '', preferred_name = NULL, email = NULL,
                phone = '', token = 'erased:' || CAST(id AS TEXT),
                status = CASE WHEN status IN ('waiting', 'offered') THEN 'left' ELSE status END,
                ended_at = COALESCE(ended_at, $2)
             WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// What one retention run did, as counts only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub appointments: u64,
    pub patients: u64,
}

/// Anonymises, in every clinic, the visits that ended before `cutoff`, and the records of
/// people with no visit ending at or after it. Someone who also has a recent visit keeps their
/// record and that visit's details: only the old visits lose theirs.
pub async fn anonymise_ended_before(
    conn: &mut Conn,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<Retention> {
    let cutoff = to_epoch(cutoff);
    let appointments = blank_appointments(conn, Scope::EndedBefore, cutoff, None, now).await?;
    let patients = sqlx::query(&format!(
        "UPDATE patients SET {BLANK_PATIENT}, erased_at = $1, updated_at = $1
         WHERE erased_at IS NULL AND NOT EXISTS
            (SELECT 1 FROM appointments a WHERE a.patient_id = patients.id AND a.ends_at >= $2)"
    ))
    .bind(to_epoch(now))
    .bind(cutoff)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let ended: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM waitlist_entries
         WHERE token NOT LIKE 'erased:%' AND COALESCE(ended_at, expires_at) < $1",
    )
    .bind(cutoff)
    .fetch_all(&mut *conn)
    .await?;
    forget_waitlist_entries(conn, &ended, now).await?;
    Ok(Retention {
        appointments,
        patients,
    })
}

/// `carebook anonymise`: everything that ended more than `older_than_days` days before `now`,
/// in one transaction.
pub async fn retention(
    db: &Db,
    older_than_days: u32,
    now: DateTime<Utc>,
) -> sqlx::Result<Retention> {
    let cutoff = now - chrono::Duration::days(i64::from(older_than_days));
    let mut tx = db.begin_write().await?;
    let done = anonymise_ended_before(&mut tx, cutoff, now).await?;
    tx.commit().await?;
    Ok(done)
}
