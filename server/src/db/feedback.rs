//! Survey answers and the follow-up queue.

use super::{from_epoch, Conn, IntFlag};
use crate::domain::feedback::SurveyVisit;

#[derive(Debug, Clone, sqlx::FromRow)]
struct SurveyVisitRow {
    status: String,
    attendance: Option<String>,
    ends_at: i64,
    #[sqlx(try_from = "IntFlag")]
    answered: bool,
}

/// What the survey rule needs to know about a visit.
pub async fn survey_visit(conn: &mut Conn, appointment_id: i64) -> sqlx::Result<SurveyVisit> {
    let row: SurveyVisitRow = sqlx::query_as(
        "SELECT a.status, a.attendance, a.ends_at,
                CASE WHEN r.appointment_id IS NULL THEN 0 ELSE 1 END AS answered
         FROM appointments a LEFT JOIN survey_responses r ON r.appointment_id = a.id
         WHERE a.id = $1",
    )
    .bind(appointment_id)
    .fetch_one(conn)
    .await?;
    Ok(SurveyVisit {
        completed: row.status != "cancelled" && row.attendance.as_deref() == Some("completed"),
        ends_at: from_epoch(row.ends_at),
        answered: row.answered,
    })
}
