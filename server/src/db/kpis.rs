//! The facts behind the clinic's figures (`domain::kpis`): a clinic's visits in a time span with
//! their survey and teach-back answers, and the bookings made in another. Ids and times only:
//! no names, contacts or free text leave the database here.

use super::{from_epoch, to_epoch, Conn};
use crate::domain::kpis::{Booking, SurveyScores, VisitFacts};
use app::wire::console::{Attendance, CancelledBy};
use app::wire::feedback::CommunicationAnswer;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

#[derive(Debug, sqlx::FromRow)]
struct VisitRow {
    id: i64,
    patient_id: Option<i64>,
    practitioner_id: i64,
    service_id: i64,
    starts_at: i64,
    created_at: i64,
    status: String,
    attendance: Option<String>,
    cancelled_at: Option<i64>,
    cancelled_by: Option<String>,
    rating: Option<i64>,
    recommend: Option<i64>,
    explained: Option<String>,
    listened: Option<String>,
    respected: Option<String>,
    enough_time: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
struct TeachBackRow {
    appointment_id: i64,
    yes: i64,
    answers: i64,
}

fn small(value: i64) -> u8 {
    u8::try_from(value.clamp(0, 255)).unwrap_or(u8::MAX)
}

fn answer(code: Option<String>) -> Option<CommunicationAnswer> {
    code.as_deref().and_then(CommunicationAnswer::from_code)
}

/// The clinic's visits starting in `[from, until)`, with what the patients answered.
pub async fn visits(
    conn: &mut Conn,
    clinic_id: i64,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<VisitFacts>> {
    let rows = sqlx::query_as::<_, VisitRow>(
        "SELECT a.id, a.patient_id, a.practitioner_id, a.service_id, a.starts_at, a.created_at,
                a.status, a.attendance, a.cancelled_at, a.cancelled_by, r.rating, r.recommend,
                r.explained, r.listened, r.respected, r.enough_time
         FROM appointments a LEFT JOIN survey_responses r ON r.appointment_id = a.id
         WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3",
    )
    .bind(clinic_id)
    .bind(to_epoch(from))
    .bind(to_epoch(until))
    .fetch_all(&mut *conn)
    .await?;
    let teach_back: HashMap<i64, (i64, i64)> = sqlx::query_as::<_, TeachBackRow>(
        "SELECT t.appointment_id,
                CAST(SUM(CASE WHEN t.answer = 'yes' THEN 1 ELSE 0 END) AS BIGINT) AS yes,
                CAST(COUNT(*) AS BIGINT) AS answers
         FROM teach_back_answers t JOIN appointments a ON a.id = t.appointment_id
         WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
         GROUP BY t.appointment_id",
    )
    .bind(clinic_id)
    .bind(to_epoch(from))
    .bind(to_epoch(until))
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.appointment_id, (row.yes, row.answers)))
    .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let (yes, answers) = teach_back.get(&row.id).copied().unwrap_or_default();
            let survey = row.rating.map(|rating| SurveyScores {
                rating: small(rating),
                recommend: row.recommend.map(small),
                explained: answer(row.explained),
                listened: answer(row.listened),
                respected: answer(row.respected),
                enough_time: answer(row.enough_time),
            });
            VisitFacts {
                patient_id: row.patient_id,
                practitioner_id: row.practitioner_id,
                service_id: row.service_id,
                start: from_epoch(row.starts_at),
                created_at: from_epoch(row.created_at),
                cancelled: row.status == "cancelled",
                cancelled_at: row.cancelled_at.map(from_epoch),
                cancelled_by: match row.cancelled_by.as_deref() {
                    Some("clinic") => Some(CancelledBy::Clinic),
                    Some("patient") => Some(CancelledBy::Patient),
                    _ => None,
                },
                attendance: row.attendance.as_deref().and_then(Attendance::from_code),
                survey,
                teach_back_yes: super::clinics::to_u32(yes),
                teach_back_answers: super::clinics::to_u32(answers),
            }
        })
        .collect())
}

#[derive(Debug, sqlx::FromRow)]
struct BookingRow {
    patient_id: i64,
    created_at: i64,
}

/// The bookings made at the clinic in `[from, until)` (whatever became of them).
pub async fn bookings(
    conn: &mut Conn,
    clinic_id: i64,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<Booking>> {
    let rows = sqlx::query_as::<_, BookingRow>(
        "SELECT patient_id, created_at FROM appointments
         WHERE clinic_id = $1 AND patient_id IS NOT NULL AND created_at >= $2 AND created_at < $3",
    )
    .bind(clinic_id)
    .bind(to_epoch(from))
    .bind(to_epoch(until))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Booking {
            patient_id: row.patient_id,
            created_at: from_epoch(row.created_at),
        })
        .collect())
}
