//! The patient's survey answers: one row per visit. The primary key is the visit, so a second
//! answer (even one racing the first) is refused by the database itself; the route turns that
//! refusal into "Thanks, we already have your answers." The comment is the patient's own
//! words: stored and shown to the clinic, never logged, blanked by erasure.

use super::{flag, from_epoch, to_epoch, Conn, IntFlag};
use crate::domain::feedback::SurveyVisit;
use app::wire::feedback::{CommunicationAnswer, SurveyAnswers};
use app::wire::Language;
use chrono::{DateTime, Utc};

/// Answers about to be stored; already validated (the comment trimmed, blank made `None`).
pub struct NewResponse<'a> {
    pub appointment_id: i64,
    pub clinic_id: i64,
    pub answers: &'a SurveyAnswers,
    pub comment: Option<&'a str>,
    /// The language the patient answered in.
    pub language: Language,
    pub now: DateTime<Utc>,
}

/// Stores the answers. Fails with a unique violation when the visit already has them.
pub async fn insert(conn: &mut Conn, new: &NewResponse<'_>) -> sqlx::Result<()> {
    let answers = new.answers;
    sqlx::query(
        "INSERT INTO survey_responses (appointment_id, clinic_id, rating, recommend, explained,
            listened, respected, enough_time, comment, may_contact, language, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(new.appointment_id)
    .bind(new.clinic_id)
    .bind(i64::from(answers.rating))
    .bind(answers.recommend.map(i64::from))
    .bind(answers.explained.map(CommunicationAnswer::code))
    .bind(answers.listened.map(CommunicationAnswer::code))
    .bind(answers.respected.map(CommunicationAnswer::code))
    .bind(answers.enough_time.map(CommunicationAnswer::code))
    .bind(new.comment)
    .bind(flag(answers.may_contact))
    .bind(new.language.code())
    .bind(to_epoch(new.now))
    .execute(conn)
    .await?;
    Ok(())
}

/// Erasure and retention: the comments on these visits' answers and the staff notes about them
/// go; the ratings and the follow-up items' states stay, so the clinic's figures stay right.
/// `visits_sql` selects appointment ids with `$1` bound to `value` (see `db::erasure`).
pub async fn forget_visits(conn: &mut Conn, visits_sql: &str, value: i64) -> sqlx::Result<()> {
    for statement in [
        format!(
            "UPDATE survey_responses SET comment = NULL
             WHERE comment IS NOT NULL AND appointment_id IN ({visits_sql})"
        ),
        format!(
            "UPDATE follow_up_events SET note = NULL
             WHERE note IS NOT NULL AND follow_up_id IN
                (SELECT id FROM follow_ups WHERE appointment_id IN ({visits_sql}))"
        ),
    ] {
        sqlx::query(&statement)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

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
