//! The patient's questions about a visit ("Ask the clinic a question") and the clinic's replies.
//! Their text is health information: it is read by the visit's own token or by staff of the
//! visit's clinic, and never logged.

use super::{from_epoch, to_epoch, Conn};
use app::wire::instructions::{InboxQuestion, PatientQuestion, StaffReply, Understanding};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub appointment_id: i64,
    pub text: String,
    pub asked_at: i64,
    pub reply_text: Option<String>,
    pub replied_by: Option<String>,
    pub replied_at: Option<i64>,
}

impl QuestionRow {
    pub fn to_wire(&self) -> PatientQuestion {
        PatientQuestion {
            id: self.id,
            asked_at: from_epoch(self.asked_at),
            text: self.text.clone(),
            reply: self.reply(),
        }
    }

    pub fn reply(&self) -> Option<StaffReply> {
        let (Some(text), Some(at)) = (&self.reply_text, self.replied_at) else {
            return None;
        };
        Some(StaffReply {
            text: text.clone(),
            replied_by: self.replied_by.clone().unwrap_or_default(),
            replied_at: from_epoch(at),
        })
    }
}

const QUESTION_SELECT: &str = "SELECT q.id, q.appointment_id, q.text, q.asked_at, q.reply_text,
        st.display_name AS replied_by, q.replied_at
    FROM patient_questions q LEFT JOIN staff st ON st.id = q.replied_by_staff_id";

/// A visit's questions, oldest first.
pub async fn of_visit(conn: &mut Conn, appointment_id: i64) -> sqlx::Result<Vec<QuestionRow>> {
    sqlx::query_as::<_, QuestionRow>(&format!(
        "{QUESTION_SELECT} WHERE q.appointment_id = $1 ORDER BY q.asked_at, q.id"
    ))
    .bind(appointment_id)
    .fetch_all(conn)
    .await
}

/// How many of a visit's questions wait for a reply.
pub async fn open_count(conn: &mut Conn, appointment_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM patient_questions WHERE appointment_id = $1 AND replied_at IS NULL",
    )
    .bind(appointment_id)
    .fetch_one(conn)
    .await
}

pub async fn insert(
    conn: &mut Conn,
    clinic_id: i64,
    appointment_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO patient_questions (clinic_id, appointment_id, text, asked_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(clinic_id)
    .bind(appointment_id)
    .bind(text)
    .bind(to_epoch(now))
    .fetch_one(conn)
    .await
}

/// Which questions the inbox lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboxState {
    Open,
    Answered,
    All,
}

impl InboxState {
    pub fn from_code(code: &str) -> Option<InboxState> {
        match code {
            "open" => Some(InboxState::Open),
            "answered" => Some(InboxState::Answered),
            "all" => Some(InboxState::All),
            _ => None,
        }
    }

    fn condition(self) -> &'static str {
        match self {
            InboxState::Open => "q.replied_at IS NULL",
            InboxState::Answered => "q.replied_at IS NOT NULL",
            InboxState::All => "1 = 1",
        }
    }
}

/// Saves the reply unless someone replied first; `false` then.
pub async fn reply(
    conn: &mut Conn,
    id: i64,
    staff_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE patient_questions SET reply_text = $1, replied_by_staff_id = $2, replied_at = $3
         WHERE id = $4 AND replied_at IS NULL",
    )
    .bind(text)
    .bind(staff_id)
    .bind(to_epoch(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A question with what the inbox shows about its visit.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxRow {
    #[sqlx(flatten)]
    pub question: QuestionRow,
    pub patient_name: String,
    pub preferred_name: Option<String>,
    pub service_name: String,
    pub practitioner_name: String,
    pub starts_at: i64,
    pub time_zone: String,
    /// The patient's answer for the latest version they answered for.
    pub understanding: Option<String>,
}

impl InboxRow {
    pub fn to_wire(&self) -> InboxQuestion {
        let tz: chrono_tz::Tz = self.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
        let (visit_date, _) =
            crate::domain::local_time::local_date_time(tz, from_epoch(self.starts_at));
        InboxQuestion {
            id: self.question.id,
            appointment_id: self.question.appointment_id,
            patient_name: self
                .preferred_name
                .clone()
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| self.patient_name.clone()),
            service_name: self.service_name.clone(),
            practitioner_name: self.practitioner_name.clone(),
            visit_date,
            asked_at: from_epoch(self.question.asked_at),
            text: self.question.text.clone(),
            understanding: self
                .understanding
                .as_deref()
                .and_then(Understanding::from_code),
            reply: self.question.reply(),
        }
    }
}

const INBOX_SELECT: &str = "SELECT q.id, q.appointment_id, q.text, q.asked_at, q.reply_text,
        st.display_name AS replied_by, q.replied_at, a.patient_name, a.preferred_name,
        s.name_en AS service_name, p.display_name AS practitioner_name, a.starts_at, c.time_zone,
        (SELECT t.answer FROM teach_back_answers t WHERE t.appointment_id = a.id
         ORDER BY t.version DESC LIMIT 1) AS understanding
    FROM patient_questions q
    LEFT JOIN staff st ON st.id = q.replied_by_staff_id
    JOIN appointments a ON a.id = q.appointment_id
    JOIN services s ON s.id = a.service_id
    JOIN practitioners p ON p.id = a.practitioner_id
    JOIN clinics c ON c.id = a.clinic_id";

/// The clinic's questions in `state`, oldest first. Visits that were anonymised (erasure,
/// retention) have nothing left to answer and are left out.
pub async fn inbox(
    conn: &mut Conn,
    clinic_id: i64,
    state: InboxState,
) -> sqlx::Result<Vec<InboxRow>> {
    sqlx::query_as::<_, InboxRow>(&format!(
        "{INBOX_SELECT} WHERE q.clinic_id = $1 AND a.anonymised_at IS NULL AND {}
         ORDER BY q.asked_at, q.id",
        state.condition()
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// One question as the inbox shows it, only if it belongs to this clinic and its visit is not
/// anonymised.
pub async fn find_in_clinic(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
) -> sqlx::Result<Option<InboxRow>> {
    sqlx::query_as::<_, InboxRow>(&format!(
        "{INBOX_SELECT} WHERE q.id = $1 AND q.clinic_id = $2 AND a.anonymised_at IS NULL"
    ))
    .bind(id)
    .bind(clinic_id)
    .fetch_optional(conn)
    .await
}
