//! What the FHIR routes read: which clinics publish their open times (`clinics.publish_slots`),
//! the published data set's fingerprint (`slot_publication`), and appointments and patients
//! as the staff FHIR read shows them. Every query is bounded by a clinic id.

use super::{to_epoch, Conn, IntFlag};
use chrono::{DateTime, Utc};

/// The clinics whose open times are published, by id (the files list them in this order).
pub async fn publishing_clinic_ids(conn: &mut Conn) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT id FROM clinics WHERE publish_slots = 1 ORDER BY id")
        .fetch_all(conn)
        .await
}

pub async fn publishes_slots(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<bool> {
    let flag: Option<IntFlag> =
        sqlx::query_scalar("SELECT publish_slots FROM clinics WHERE id = $1")
            .bind(clinic_id)
            .fetch_optional(conn)
            .await?;
    Ok(flag.is_some_and(bool::from))
}

pub async fn set_publish_slots(conn: &mut Conn, clinic_id: i64, on: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE clinics SET publish_slots = $1 WHERE id = $2")
        .bind(i64::from(on))
        .bind(clinic_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the published data set last changed, given its fingerprint now: the stored instant if
/// the fingerprint is the one stored, else `now` (stored for the next caller). Reading first
/// keeps the usual poll, where nothing changed, free of writes.
pub async fn publication_time(
    conn: &mut Conn,
    content_hash: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<DateTime<Utc>> {
    let stored: Option<(String, i64)> =
        sqlx::query_as("SELECT content_hash, published_at FROM slot_publication WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((hash, at)) = stored {
        if hash == content_hash {
            return Ok(super::from_epoch(at));
        }
    }
    sqlx::query(
        "INSERT INTO slot_publication (id, content_hash, published_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash,
            published_at = excluded.published_at",
    )
    .bind(content_hash)
    .bind(to_epoch(now))
    .execute(conn)
    .await?;
    Ok(now)
}

/// One appointment as the FHIR `Appointment` shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FhirAppointmentRow {
    pub id: i64,
    pub patient_id: Option<i64>,
    pub service_id: i64,
    pub service_name: String,
    pub practitioner_id: i64,
    pub practitioner_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub attendance: Option<String>,
    pub cancel_reason: Option<String>,
    pub cancelled_by: Option<String>,
    pub created_at: i64,
}

const APPOINTMENT_COLUMNS: &str = "a.id, a.patient_id, a.service_id, s.name_en AS service_name,
    a.practitioner_id, p.display_name AS practitioner_name, a.starts_at, a.ends_at, a.status,
    a.attendance, a.cancel_reason, a.cancelled_by, a.created_at";

const APPOINTMENT_FROM: &str = "FROM appointments a
    JOIN services s ON s.id = a.service_id
    JOIN practitioners p ON p.id = a.practitioner_id";

/// Who is asking: a clinic, and for practitioners their own practitioner id (they see their
/// own visits and the patients of those visits only, as in the console).
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub clinic_id: i64,
    pub practitioner_id: Option<i64>,
}

pub async fn appointment(
    conn: &mut Conn,
    reader: Reader,
    id: i64,
) -> sqlx::Result<Option<FhirAppointmentRow>> {
    sqlx::query_as(&format!(
        "SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM}
         WHERE a.id = $1 AND a.clinic_id = $2 AND ($3 IS NULL OR a.practitioner_id = $4)"
    ))
    .bind(id)
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .fetch_optional(conn)
    .await
}

/// An appointment search: starts in `[from, until)` (either open), of one patient or all.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppointmentFilter {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub patient_id: Option<i64>,
}

const APPOINTMENT_FILTER: &str = "a.clinic_id = $1 AND ($2 IS NULL OR a.practitioner_id = $3)
    AND ($4 IS NULL OR a.starts_at >= $5) AND ($6 IS NULL OR a.starts_at < $7)
    AND ($8 IS NULL OR a.patient_id = $9)";

/// The matching appointments, earliest first, at most `limit`, and how many match in all.
pub async fn appointments(
    conn: &mut Conn,
    reader: Reader,
    filter: AppointmentFilter,
    limit: i64,
) -> sqlx::Result<(Vec<FhirAppointmentRow>, i64)> {
    let from = filter.from.map(to_epoch);
    let until = filter.until.map(to_epoch);
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM appointments a WHERE {APPOINTMENT_FILTER}"
    ))
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .bind(from)
    .bind(from)
    .bind(until)
    .bind(until)
    .bind(filter.patient_id)
    .bind(filter.patient_id)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {APPOINTMENT_COLUMNS} {APPOINTMENT_FROM} WHERE {APPOINTMENT_FILTER}
         ORDER BY a.starts_at, a.id LIMIT $10"
    ))
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .bind(from)
    .bind(from)
    .bind(until)
    .bind(until)
    .bind(filter.patient_id)
    .bind(filter.patient_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok((rows, total))
}

/// One patient as the FHIR `Patient` shows them; contacts are those of their latest visit
/// (as typed, where `patients` keeps only normalised keys).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FhirPatientRow {
    pub id: i64,
    pub name: String,
    pub preferred_name: Option<String>,
    pub language: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[sqlx(try_from = "IntFlag")]
    pub erased: bool,
}

const PATIENT_COLUMNS: &str = "pt.id, pt.name, pt.preferred_name, pt.language,
    (SELECT a.email FROM appointments a WHERE a.patient_id = pt.id AND a.email IS NOT NULL
     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS email,
    (SELECT a.phone FROM appointments a WHERE a.patient_id = pt.id AND a.phone IS NOT NULL
     ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS phone,
    CASE WHEN pt.erased_at IS NULL THEN 0 ELSE 1 END AS erased";

/// A practitioner reads only patients with a visit with them.
const PATIENT_READER: &str = "pt.clinic_id = $1 AND ($2 IS NULL OR EXISTS (
    SELECT 1 FROM appointments v WHERE v.patient_id = pt.id AND v.practitioner_id = $3))";

pub async fn patient(
    conn: &mut Conn,
    reader: Reader,
    id: i64,
) -> sqlx::Result<Option<FhirPatientRow>> {
    sqlx::query_as(&format!(
        "SELECT {PATIENT_COLUMNS} FROM patients pt WHERE {PATIENT_READER} AND pt.id = $4"
    ))
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A patient search: by id and/or a part of the name (any case); erased records never match.
#[derive(Debug, Clone, Default)]
pub struct PatientFilter {
    pub id: Option<i64>,
    pub name: Option<String>,
}

pub async fn patients(
    conn: &mut Conn,
    reader: Reader,
    filter: &PatientFilter,
    limit: i64,
) -> sqlx::Result<(Vec<FhirPatientRow>, i64)> {
    // lower() on both sides: PostgreSQL's LIKE, unlike SQLite's, is case-sensitive.
    let condition = format!(
        "{PATIENT_READER} AND pt.erased_at IS NULL AND ($4 IS NULL OR pt.id = $5)
         AND ($6 IS NULL OR lower(pt.name) LIKE '%' || lower($7) || '%'
              OR lower(pt.preferred_name) LIKE '%' || lower($8) || '%')"
    );
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM patients pt WHERE {condition}"
    ))
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .bind(filter.id)
    .bind(filter.id)
    .bind(&filter.name)
    .bind(&filter.name)
    .bind(&filter.name)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {PATIENT_COLUMNS} FROM patients pt WHERE {condition}
         ORDER BY pt.name, pt.id LIMIT $9"
    ))
    .bind(reader.clinic_id)
    .bind(reader.practitioner_id)
    .bind(reader.practitioner_id)
    .bind(filter.id)
    .bind(filter.id)
    .bind(&filter.name)
    .bind(&filter.name)
    .bind(&filter.name)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok((rows, total))
}
