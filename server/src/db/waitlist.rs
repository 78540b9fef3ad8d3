//! The waitlist's tables: entries, the times held for them (`slot_holds`), the clinic's
//! waitlist settings. Holds are busy time for everyone but their own patient.

use super::{from_epoch, to_epoch, Conn};
use crate::domain::availability::{Interval, PractitionerSchedule};
use crate::domain::waitlist::{self as rules, Preferences};
use app::wire::waitlist::{PartOfDay, WaitlistSettings, WaitlistStatus};
use app::wire::Language;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub clinic_id: i64,
    pub token: String,
    pub service_id: i64,
    pub practitioner_id: Option<i64>,
    pub days: String,
    pub parts: String,
    pub name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub status: String,
    pub offers_passed: i64,
    pub appointment_id: Option<i64>,
    pub joined_at: i64,
    pub expires_at: i64,
}

const ENTRY_COLUMNS: &str = "id, clinic_id, token, service_id, practitioner_id, days, parts, name,
    preferred_name, email, phone, language, status, offers_passed, appointment_id, joined_at,
    expires_at";

impl EntryRow {
    pub fn status(&self) -> WaitlistStatus {
        match self.status.as_str() {
            "offered" => WaitlistStatus::Offered,
            "booked" => WaitlistStatus::Booked,
            "left" => WaitlistStatus::Left,
            "expired" => WaitlistStatus::Expired,
            _ => WaitlistStatus::Waiting,
        }
    }
    pub fn is_active(&self) -> bool {
        matches!(self.status.as_str(), "waiting" | "offered")
    }
    pub fn days(&self) -> Vec<u8> {
        rules::parse_days(&self.days)
    }
    pub fn parts(&self) -> Vec<PartOfDay> {
        rules::parse_parts(&self.parts)
    }
    pub fn preferences(&self) -> Preferences {
        Preferences {
            practitioner_id: self.practitioner_id,
            days: self.days(),
            parts: self.parts(),
        }
    }
    pub fn language(&self) -> Language {
        Language::from_tag(&self.language).unwrap_or_default()
    }
    /// How to greet the patient: the name they asked to be called, else their name.
    pub fn greeting_name(&self) -> String {
        self.preferred_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.name.clone())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HoldRow {
    pub id: i64,
    pub entry_id: i64,
    pub clinic_id: i64,
    pub practitioner_id: i64,
    pub service_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub blocked_from: i64,
    pub blocked_until: i64,
    pub hold_until: i64,
    pub state: String,
    pub created_at: i64,
}

const HOLD_COLUMNS: &str = "id, entry_id, clinic_id, practitioner_id, service_id, starts_at,
    ends_at, blocked_from, blocked_until, hold_until, state, created_at";

impl HoldRow {
    pub fn start(&self) -> DateTime<Utc> {
        from_epoch(self.starts_at)
    }
    pub fn end(&self) -> DateTime<Utc> {
        from_epoch(self.ends_at)
    }
    pub fn hold_until(&self) -> DateTime<Utc> {
        from_epoch(self.hold_until)
    }
    pub fn blocked(&self) -> Interval {
        Interval {
            start: from_epoch(self.blocked_from),
            end: from_epoch(self.blocked_until),
        }
    }
}

pub async fn settings(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<WaitlistSettings> {
    let (hold, days): (i64, i64) = sqlx::query_as(
        "SELECT waitlist_hold_minutes, waitlist_entry_days FROM clinics WHERE id = $1",
    )
    .bind(clinic_id)
    .fetch_one(conn)
    .await?;
    Ok(WaitlistSettings {
        hold_minutes: super::clinics::to_u32(hold),
        entry_days: super::clinics::to_u32(days),
    })
}

pub async fn save_settings(
    conn: &mut Conn,
    clinic_id: i64,
    settings: &WaitlistSettings,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE clinics SET waitlist_hold_minutes = $1, waitlist_entry_days = $2 WHERE id = $3",
    )
    .bind(i64::from(settings.hold_minutes))
    .bind(i64::from(settings.entry_days))
    .bind(clinic_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// An entry about to be written; its contact is already validated.
pub struct NewEntry<'a> {
    pub clinic_id: i64,
    pub token: &'a str,
    pub service_id: i64,
    pub practitioner_id: Option<i64>,
    pub days: &'a [u8],
    pub parts: &'a [PartOfDay],
    pub name: &'a str,
    pub preferred_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub language: Language,
    pub joined_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_entry(conn: &mut Conn, new: &NewEntry<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO waitlist_entries (clinic_id, token, service_id, practitioner_id, days, parts,
            name, preferred_name, email, phone, language, status, offers_passed, joined_at,
            expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'waiting', 0, $12, $13)
         RETURNING id",
    )
    .bind(new.clinic_id)
    .bind(new.token)
    .bind(new.service_id)
    .bind(new.practitioner_id)
    .bind(rules::format_days(new.days))
    .bind(rules::format_parts(new.parts))
    .bind(new.name)
    .bind(new.preferred_name)
    .bind(new.email)
    .bind(new.phone)
    .bind(new.language.code())
    .bind(to_epoch(new.joined_at))
    .bind(to_epoch(new.expires_at))
    .fetch_one(conn)
    .await
}

/// An entry still on the list for this service with the same e-mail or phone.
pub async fn active_for_contact(
    conn: &mut Conn,
    clinic_id: i64,
    service_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM waitlist_entries
         WHERE clinic_id = $1 AND service_id = $2 AND status IN ('waiting', 'offered')
           AND ((email IS NOT NULL AND lower(email) = lower($3)) OR (phone IS NOT NULL AND phone = $4))
         LIMIT 1",
    )
    .bind(clinic_id)
    .bind(service_id)
    .bind(email)
    .bind(phone)
    .fetch_optional(conn)
    .await
}

pub async fn find_by_token(conn: &mut Conn, token: &str) -> sqlx::Result<Option<EntryRow>> {
    sqlx::query_as::<_, EntryRow>(&format!(
        "SELECT {ENTRY_COLUMNS} FROM waitlist_entries WHERE token = $1"
    ))
    .bind(token)
    .fetch_optional(conn)
    .await
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> sqlx::Result<Option<EntryRow>> {
    sqlx::query_as::<_, EntryRow>(&format!(
        "SELECT {ENTRY_COLUMNS} FROM waitlist_entries WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Entries on the list, in the order they are served (joined first, first served).
pub async fn queue(conn: &mut Conn, clinic_id: i64, limit: i64) -> sqlx::Result<Vec<EntryRow>> {
    sqlx::query_as::<_, EntryRow>(&format!(
        "SELECT {ENTRY_COLUMNS} FROM waitlist_entries
         WHERE clinic_id = $1 AND status IN ('waiting', 'offered')
         ORDER BY joined_at, id LIMIT $2"
    ))
    .bind(clinic_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Entries that left the list (booked, left, expired), newest first.
pub async fn recent(conn: &mut Conn, clinic_id: i64, limit: i64) -> sqlx::Result<Vec<EntryRow>> {
    sqlx::query_as::<_, EntryRow>(&format!(
        "SELECT {ENTRY_COLUMNS} FROM waitlist_entries
         WHERE clinic_id = $1 AND status IN ('booked', 'left', 'expired')
         ORDER BY COALESCE(ended_at, joined_at) DESC, id DESC LIMIT $2"
    ))
    .bind(clinic_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// The time held for an entry right now, if any (a hold past its time counts as gone even
/// before the sweep marks it).
pub async fn live_hold(
    conn: &mut Conn,
    entry_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<HoldRow>> {
    sqlx::query_as::<_, HoldRow>(&format!(
        "SELECT {HOLD_COLUMNS} FROM slot_holds
         WHERE entry_id = $1 AND state = 'held' AND hold_until > $2"
    ))
    .bind(entry_id)
    .bind(to_epoch(now))
    .fetch_optional(conn)
    .await
}

/// The latest hold ever made for an entry, whatever became of it.
pub async fn latest_hold(conn: &mut Conn, entry_id: i64) -> sqlx::Result<Option<HoldRow>> {
    sqlx::query_as::<_, HoldRow>(&format!(
        "SELECT {HOLD_COLUMNS} FROM slot_holds WHERE entry_id = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(entry_id)
    .fetch_optional(conn)
    .await
}

pub async fn find_hold(conn: &mut Conn, id: i64) -> sqlx::Result<Option<HoldRow>> {
    sqlx::query_as::<_, HoldRow>(&format!(
        "SELECT {HOLD_COLUMNS} FROM slot_holds WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Times this entry let go (declined or let run out): not offered to it again.
pub async fn passed_starts(conn: &mut Conn, entry_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT practitioner_id, starts_at FROM slot_holds
         WHERE entry_id = $1 AND state IN ('passed', 'expired')",
    )
    .bind(entry_id)
    .fetch_all(conn)
    .await
}

/// A hold about to be written.
pub struct NewHold {
    pub entry_id: i64,
    pub clinic_id: i64,
    pub practitioner_id: i64,
    pub service_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub blocked: Interval,
    pub hold_until: DateTime<Utc>,
}

/// Holds a time for an entry, which becomes `offered`. Fails with `slot_taken` if the time
/// is not free (the database's own check).
pub async fn insert_hold(conn: &mut Conn, new: &NewHold, now: DateTime<Utc>) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO slot_holds (entry_id, clinic_id, practitioner_id, service_id, starts_at,
            ends_at, blocked_from, blocked_until, hold_until, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'held', $10, $10)
         RETURNING id",
    )
    .bind(new.entry_id)
    .bind(new.clinic_id)
    .bind(new.practitioner_id)
    .bind(new.service_id)
    .bind(to_epoch(new.start))
    .bind(to_epoch(new.end))
    .bind(to_epoch(new.blocked.start))
    .bind(to_epoch(new.blocked.end))
    .bind(to_epoch(new.hold_until))
    .bind(to_epoch(now))
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE waitlist_entries SET status = 'offered' WHERE id = $1")
        .bind(new.entry_id)
        .execute(conn)
        .await?;
    Ok(id)
}

/// Moves a held time to `state` (taken, passed, released); false if it was no longer held.
pub async fn end_hold(
    conn: &mut Conn,
    hold_id: i64,
    state: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE slot_holds SET state = $1, updated_at = $2 WHERE id = $3 AND state = 'held'",
    )
    .bind(state)
    .bind(to_epoch(now))
    .bind(hold_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Back on the list after letting a held time go.
pub async fn back_to_waiting(conn: &mut Conn, entry_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE waitlist_entries SET status = 'waiting', offers_passed = offers_passed + 1
         WHERE id = $1 AND status = 'offered'",
    )
    .bind(entry_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Off the list: `booked` (with the visit), `left` (by the patient or `removed_by` staff) or
/// `expired`. Any time still held for it is released.
pub async fn end_entry(
    conn: &mut Conn,
    entry_id: i64,
    status: &str,
    appointment_id: Option<i64>,
    removed_by: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE slot_holds SET state = 'released', updated_at = $1
         WHERE entry_id = $2 AND state = 'held'",
    )
    .bind(to_epoch(now))
    .bind(entry_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE waitlist_entries SET status = $1, appointment_id = $2, removed_by = $3, ended_at = $4
         WHERE id = $5",
    )
    .bind(status)
    .bind(appointment_id)
    .bind(removed_by)
    .bind(to_epoch(now))
    .bind(entry_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which held times `expire_due_holds` looks at.
#[derive(Clone, Copy, Debug)]
pub enum HoldScope<'a> {
    /// A booking's practitioners, whose turn the booking holds.
    Practitioners(&'a [i64]),
    /// One clinic's (an offer round).
    Clinic(i64),
    /// Every clinic's (the sweep).
    All,
}

/// Marks held times whose hold ran out as expired, their patients back to waiting (one more
/// offer passed). Returns the clinics concerned.
pub async fn expire_due_holds(
    conn: &mut Conn,
    scope: HoldScope<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<i64>> {
    // Ids are integers from our own rows, so inlining them is safe.
    let filter = match scope {
        HoldScope::Practitioners([]) => return Ok(Vec::new()),
        HoldScope::Practitioners(ids) => format!(
            "AND practitioner_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
        HoldScope::Clinic(id) => format!("AND clinic_id = {id}"),
        HoldScope::All => String::new(),
    };
    let due = format!("state = 'held' AND hold_until <= $1 {filter}");
    let clinics: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT clinic_id FROM slot_holds WHERE {due}"
    ))
    .bind(to_epoch(now))
    .fetch_all(&mut *conn)
    .await?;
    if clinics.is_empty() {
        return Ok(clinics);
    }
    sqlx::query(&format!(
        "UPDATE waitlist_entries SET status = 'waiting', offers_passed = offers_passed + 1
         WHERE status = 'offered' AND id IN (SELECT entry_id FROM slot_holds WHERE {due})"
    ))
    .bind(to_epoch(now))
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE slot_holds SET state = 'expired', updated_at = $1 WHERE {due}"
    ))
    .bind(to_epoch(now))
    .execute(conn)
    .await?;
    Ok(clinics)
}

/// Entries whose time on the list ran out leave it (any held time released). Returns the
/// clinics concerned.
pub async fn expire_due_entries(conn: &mut Conn, now: DateTime<Utc>) -> sqlx::Result<Vec<i64>> {
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, clinic_id FROM waitlist_entries
         WHERE status IN ('waiting', 'offered') AND expires_at <= $1",
    )
    .bind(to_epoch(now))
    .fetch_all(&mut *conn)
    .await?;
    let mut clinics = Vec::new();
    for (id, clinic_id) in due {
        end_entry(conn, id, "expired", None, None, now).await?;
        if !clinics.contains(&clinic_id) {
            clinics.push(clinic_id);
        }
    }
    Ok(clinics)
}

/// Clinics with someone waiting: the sweep offers them any free time it finds.
pub async fn clinics_with_waiting(conn: &mut Conn) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT DISTINCT clinic_id FROM waitlist_entries WHERE status = 'waiting' ORDER BY clinic_id",
    )
    .fetch_all(conn)
    .await
}

/// Adds held times to the schedules as busy time. `live_at`: only holds still running then
/// (a read that does not expire holds first); `None`: every hold still marked held (after
/// `expire_due_holds` in the same transaction).
pub async fn add_holds(
    conn: &mut Conn,
    schedules: &mut [PractitionerSchedule],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    live_at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    let ids = schedules
        .iter()
        .map(|s| s.practitioner_id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    if ids.is_empty() {
        return Ok(());
    }
    let held: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT practitioner_id, blocked_from, blocked_until FROM slot_holds
         WHERE practitioner_id IN ({ids}) AND state = 'held' AND hold_until > $1
           AND blocked_from < $2 AND blocked_until > $3"
    ))
    .bind(live_at.map_or(i64::MIN, to_epoch))
    .bind(to_epoch(until))
    .bind(to_epoch(from))
    .fetch_all(conn)
    .await?;
    for (practitioner_id, start, end) in held {
        if let Some(schedule) = schedules
            .iter_mut()
            .find(|s| s.practitioner_id == practitioner_id)
        {
            schedule.appointments.push(Interval {
                start: from_epoch(start),
                end: from_epoch(end),
            });
        }
    }
    Ok(())
}

/// Whether the clinic already knows this patient (a returning patient when they book).
pub async fn is_known_patient(
    conn: &mut Conn,
    clinic_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
) -> sqlx::Result<bool> {
    let email = email.map(super::patients::email_key);
    let phone = phone.map(super::patients::phone_key);
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM patients WHERE clinic_id = $1 AND erased_at IS NULL
           AND (email_key = $2 OR phone_key = $3) LIMIT 1",
    )
    .bind(clinic_id)
    .bind(email)
    .bind(phone)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}
