//! The clinic's patient records: one per person, found by normalised email or phone.

use super::{to_epoch, Conn};
use app::wire::PatientDetails;
use chrono::{DateTime, Utc};

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
    let email = patient
        .email
        .as_deref()
        .map(email_key)
        .filter(|k| !k.is_empty());
    let phone = patient
        .phone
        .as_deref()
        .map(phone_key)
        .filter(|k| !k.is_empty());
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM patients WHERE clinic_id = ?
           AND ((email_key IS NOT NULL AND email_key = ?) OR (phone_key IS NOT NULL AND phone_key = ?))
         ORDER BY (email_key = ?) DESC, id LIMIT 1",
    )
    .bind(clinic_id)
    .bind(&email)
    .bind(&phone)
    .bind(&email)
    .fetch_optional(&mut *conn)
    .await?;
    match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE patients SET name = ?, preferred_name = ?, language = ?, updated_at = ?,
                    email_key = COALESCE(email_key, CASE WHEN NOT EXISTS
                        (SELECT 1 FROM patients p WHERE p.clinic_id = ? AND p.email_key = ?) THEN ? END),
                    phone_key = COALESCE(phone_key, CASE WHEN NOT EXISTS
                        (SELECT 1 FROM patients p WHERE p.clinic_id = ? AND p.phone_key = ?) THEN ? END)
                 WHERE id = ?",
            )
            .bind(&patient.name)
            .bind(&patient.preferred_name)
            .bind(patient.language.code())
            .bind(to_epoch(now))
            .bind(clinic_id)
            .bind(&email)
            .bind(&email)
            .bind(clinic_id)
            .bind(&phone)
            .bind(&phone)
            .bind(id)
            .execute(conn)
            .await?;
            Ok(id)
        }
        None => sqlx::query_scalar(
            "INSERT INTO patients (clinic_id, email_key, phone_key, name, preferred_name, language,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(clinic_id)
        .bind(&email)
        .bind(&phone)
        .bind(&patient.name)
        .bind(&patient.preferred_name)
        .bind(patient.language.code())
        .bind(to_epoch(now))
        .bind(to_epoch(now))
        .fetch_one(conn)
        .await,
    }
}
