//! The clinic's patient records: one per person, found by normalised email or phone.

use super::{to_epoch, Conn};
use app::wire::PatientDetails;
use chrono::{DateTime, Utc};
use sqlx::Connection;

pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn phone_key(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The record for this person (by email first, then phone), created if new; its name,
/// preferred name and language follow their latest booking, and a missing contact is filled in.
pub async fn find_or_create(
    conn: &mut Conn,
    clinic_id: i64,
    patient: &PatientDetails,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let keys = Keys {
        clinic_id,
        email: patient
            .email
            .as_deref()
            .map(email_key)
            .filter(|k| !k.is_empty()),
        phone: patient
            .phone
            .as_deref()
            .map(phone_key)
            .filter(|k| !k.is_empty()),
    };
    let id = match find(conn, &keys).await? {
        Some(id) => id,
        None => match create(conn, &keys, patient, now).await? {
            Some(id) => return Ok(id),
            // Someone with this email or phone was recorded by a booking that committed while
            // this one ran (PostgreSQL lets both proceed until the unique index): that record
            // is visible now, and it is this person's.
            None => find(conn, &keys).await?.ok_or(sqlx::Error::RowNotFound)?,
        },
    };
    sqlx::query(
        "UPDATE patients SET name = $1, preferred_name = $2, language = $3, updated_at = $4
         WHERE id = $5",
    )
    .bind(&patient.name)
    .bind(&patient.preferred_name)
    .bind(patient.language.code())
    .bind(to_epoch(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    fill_in_contacts(conn, id, &keys).await?;
    Ok(id)
}

/// How a person is recognised at a clinic.
struct Keys {
    clinic_id: i64,
    email: Option<String>,
    phone: Option<String>,
}

async fn find(conn: &mut Conn, keys: &Keys) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM patients WHERE clinic_id = $1
           AND ((email_key IS NOT NULL AND email_key = $2) OR (phone_key IS NOT NULL AND phone_key = $3))
         ORDER BY CASE WHEN email_key = $2 THEN 0 ELSE 1 END, id LIMIT 1",
    )
    .bind(keys.clinic_id)
    .bind(&keys.email)
    .bind(&keys.phone)
    .fetch_optional(conn)
    .await
}

/// A new record, or None if its email or phone is already another record's.
async fn create(
    conn: &mut Conn,
    keys: &Keys,
    patient: &PatientDetails,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO patients (clinic_id, email_key, phone_key, name, preferred_name, language,
                created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(keys.clinic_id)
    .bind(&keys.email)
    .bind(&keys.phone)
    .bind(&patient.name)
    .bind(&patient.preferred_name)
    .bind(patient.language.code())
    .bind(to_epoch(now))
    .fetch_optional(conn)
    .await
}

/// Gives the record the email or phone it lacks, unless another record of the clinic has it.
/// In a savepoint: should another booking take that contact for a new record at the same
/// moment (only possible on PostgreSQL), the unique index refuses this fill-in alone, and the
/// booking goes on with the record as it was.
async fn fill_in_contacts(conn: &mut Conn, id: i64, keys: &Keys) -> sqlx::Result<()> {
    // A record found by the only contact given lacks nothing this booking could add.
    if keys.email.is_none() || keys.phone.is_none() {
        return Ok(());
    }
    let mut savepoint = conn.begin().await?;
    let filled = sqlx::query(
        "UPDATE patients SET
            email_key = COALESCE(email_key, CASE WHEN NOT EXISTS
                (SELECT 1 FROM patients p WHERE p.clinic_id = $1 AND p.email_key = $2) THEN $2 END),
            phone_key = COALESCE(phone_key, CASE WHEN NOT EXISTS
                (SELECT 1 FROM patients p WHERE p.clinic_id = $1 AND p.phone_key = $3) THEN $3 END)
         WHERE id = $4 AND (email_key IS NULL OR phone_key IS NULL)",
    )
    .bind(keys.clinic_id)
    .bind(&keys.email)
    .bind(&keys.phone)
    .bind(id)
    .execute(&mut *savepoint)
    .await;
    match filled {
        Ok(_) => savepoint.commit().await,
        Err(error) if crate::error::is_unique_violation(&error) => savepoint.rollback().await,
        Err(error) => Err(error),
    }
}
