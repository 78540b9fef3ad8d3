//! What a patient reads: each message composed, in their language, from the visit as it is
//! when the message goes out. Text lives in translator-editable files (`server/messages/`);
//! this module fills them in. E-mails are multipart (plain text + accessible HTML), with a
//! calendar file where the visit's time is news; SMS texts carry no health information.
//!
//! CONTRACT (lead): the types and signatures below are what the worker (`crate::outbox`)
//! calls.
//!
//! - `templates`: the language files and layouts, compiled in;
//! - `time_text`: dates and times in the clinic's zone, in the patient's language;
//! - `compose`: the e-mails, `invite`: their calendar files, `sms`: the text messages.

mod compose;
mod invite;
mod sms;
pub mod templates;
#[cfg(test)]
mod tests;
pub mod time_text;

use crate::db::{self, Conn};
use crate::domain::messages::VisitNow;
use app::wire::messages::MessageKind;
use app::wire::{Language, ServiceKind};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Everything a message may say about one visit, read when it is sent.
#[derive(Clone, Debug)]
pub struct MessageFacts {
    pub appointment_id: i64,
    pub clinic_name: String,
    pub clinic_phone: String,
    pub clinic_address: String,
    pub time_zone: Tz,
    pub language: Language,
    /// The name the patient asked to be called, else their name.
    pub greeting_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub service_name: String,
    pub service_kind: ServiceKind,
    pub practitioner_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The service's preparation, Markdown, in the patient's language.
    pub preparation_md: String,
    pub calendar_uid: String,
    pub links: VisitLinks,
    /// A telehealth visit's video room link (the clinic has a video link template); never
    /// logged, like the token.
    pub video_url: Option<String>,
    /// The visit now, for `domain::messages::still_wanted`.
    pub visit: VisitNow,
}

/// The links a message carries (absolute, from the server's public URL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitLinks {
    /// `/a/{token}`: the visit page.
    pub visit: String,
    /// `/a/{token}/coming`: the one-tap "I'll be there".
    pub coming: String,
    /// `/a/{token}#change`: the visit page, opened at "change".
    pub change: String,
    /// `/a/{token}/survey`.
    pub survey: String,
    /// `/api/appointments/{token}/calendar.ics`.
    pub calendar: String,
}

impl VisitLinks {
    pub fn new(public_url: &str, token: &str) -> VisitLinks {
        let base = public_url.trim_end_matches('/');
        let visit = format!("{base}/a/{token}");
        VisitLinks {
            coming: format!("{visit}/coming"),
            change: format!("{visit}#change"),
            survey: format!("{visit}/survey"),
            calendar: format!("{base}/api/appointments/{token}/calendar.ics"),
            visit,
        }
    }
}

/// A composed e-mail (the worker adds From, To, Message-ID and Date).
#[derive(Clone, Debug)]
pub struct ComposedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar file (METHOD:REQUEST, or METHOD:CANCEL for a cancellation) for messages
    /// that change the patient's calendar.
    pub calendar: Option<String>,
}

#[derive(sqlx::FromRow)]
struct VisitRow {
    token: String,
    clinic_id: i64,
    service_id: i64,
    practitioner_id: i64,
    starts_at: i64,
    ends_at: i64,
    status: String,
    sequence: i64,
    calendar_uid: String,
    patient_name: String,
    preferred_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    language: String,
    anonymised_at: Option<i64>,
    attendance: Option<String>,
    survey_answered: i64,
    video_room: Option<String>,
}

/// Reads the facts of visit `appointment_id`; `None` if it, its clinic, service or
/// practitioner no longer exists.
pub async fn load_facts(
    conn: &mut Conn,
    appointment_id: i64,
    public_url: &str,
) -> sqlx::Result<Option<MessageFacts>> {
    let row: Option<VisitRow> = sqlx::query_as(
        "SELECT a.token, a.clinic_id, a.service_id, a.practitioner_id, a.starts_at, a.ends_at,
                a.status, a.sequence, a.calendar_uid, a.patient_name, a.preferred_name, a.email,
                a.phone, a.language, a.anonymised_at, a.attendance, a.video_room,
                CASE WHEN EXISTS (SELECT 1 FROM survey_responses s WHERE s.appointment_id = a.id)
                     THEN 1 ELSE 0 END AS survey_answered
         FROM appointments a WHERE a.id = $1",
    )
    .bind(appointment_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let Some(clinic) = db::clinics::find_by_id(conn, row.clinic_id).await? else {
        return Ok(None);
    };
    let Some(service) = db::clinics::service(conn, row.clinic_id, row.service_id).await? else {
        return Ok(None);
    };
    let practitioner_name: Option<String> =
        sqlx::query_scalar("SELECT display_name FROM practitioners WHERE id = $1")
            .bind(row.practitioner_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(practitioner_name) = practitioner_name else {
        return Ok(None);
    };
    let language = Language::from_tag(&row.language).unwrap_or_default();
    let wire_service = service.to_wire(language);
    let greeting_name = row
        .preferred_name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| row.patient_name.clone());
    let present = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
    Ok(Some(MessageFacts {
        appointment_id,
        clinic_name: clinic.name.clone(),
        clinic_phone: clinic.phone.clone(),
        clinic_address: clinic.address.clone(),
        time_zone: clinic.tz(),
        language,
        greeting_name,
        email: present(row.email),
        phone: present(row.phone),
        service_name: wire_service.name,
        service_kind: wire_service.kind,
        practitioner_name,
        start: db::from_epoch(row.starts_at),
        end: db::from_epoch(row.ends_at),
        preparation_md: service.preparation(language).to_string(),
        calendar_uid: row.calendar_uid,
        links: VisitLinks::new(public_url, &row.token),
        video_url: crate::domain::video::video_url(
            &clinic.video_url_template,
            wire_service.kind,
            row.video_room.as_deref(),
        ),
        visit: VisitNow {
            start: db::from_epoch(row.starts_at),
            sequence: row.sequence,
            cancelled: row.status == "cancelled",
            erased: row.anonymised_at.is_some(),
            completed: row.attendance.as_deref() == Some("completed"),
            survey_answered: row.survey_answered != 0,
        },
    }))
}

/// The e-mail of `kind` about the visit. `sequence` is the calendar SEQUENCE the message was
/// queued with; `now` stamps the calendar file and decides whether the survey is still open.
pub fn compose_email(
    kind: MessageKind,
    facts: &MessageFacts,
    sequence: i64,
    now: DateTime<Utc>,
) -> ComposedEmail {
    compose::email(kind, facts, sequence, now)
}

/// The SMS of `kind`: the clinic, the time and the link, nothing about the patient's health.
pub fn sms_text(kind: MessageKind, facts: &MessageFacts) -> String {
    sms::text(kind, facts)
}
