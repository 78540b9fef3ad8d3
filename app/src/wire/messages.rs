//! Messages to patients (e-mail and SMS): what the console shows about each visit's messages,
//! the clinic's reminder times, and the patient's one-tap answer to a reminder.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a message is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// The visit was booked (by the patient or by staff); carries the calendar file.
    Confirmation,
    /// The visit moved; the calendar file's SEQUENCE grows so the patient's calendar updates.
    Changed,
    /// The visit was cancelled (calendar METHOD:CANCEL).
    Cancelled,
    /// At one of the clinic's reminder times before the visit, with one-tap answers.
    Reminder,
    /// After the visit: instructions were published (a link, never their text).
    Instructions,
    /// After the visit: the survey invitation.
    Survey,
}

impl MessageKind {
    pub const ALL: [MessageKind; 6] = [
        MessageKind::Confirmation,
        MessageKind::Changed,
        MessageKind::Cancelled,
        MessageKind::Reminder,
        MessageKind::Instructions,
        MessageKind::Survey,
    ];

    /// The code stored in the database and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Confirmation => "confirmation",
            MessageKind::Changed => "changed",
            MessageKind::Cancelled => "cancelled",
            MessageKind::Reminder => "reminder",
            MessageKind::Instructions => "instructions",
            MessageKind::Survey => "survey",
        }
    }

    pub fn from_code(code: &str) -> Option<MessageKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// How a message reaches the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|channel| channel.code() == code)
    }
}

/// Where a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting for its time, or for a retry (`reason` says why it is not out yet, e.g.
    /// `no_mail_server`: this server has no SMTP configured).
    Queued,
    /// A worker is handing it to the mail server right now.
    Sending,
    /// Accepted by the mail server (or the SMS provider).
    Sent,
    /// Given up: `reason` says why (`rejected`, `invalid_address`, `too_many_attempts`).
    Failed,
    /// Not needed any more: `reason` says why (`visit_cancelled`, `visit_moved`, `too_late`,
    /// `superseded`, `already_answered`, `erased`).
    Skipped,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 5] = [
        MessageStatus::Queued,
        MessageStatus::Sending,
        MessageStatus::Sent,
        MessageStatus::Failed,
        MessageStatus::Skipped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MessageStatus::Queued => "queued",
            MessageStatus::Sending => "sending",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Skipped => "skipped",
        }
    }

    pub fn from_code(code: &str) -> Option<MessageStatus> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// `GET /api/console/appointments/{id}/messages`: one line per message about the visit,
/// oldest first. No message text: staff see what was sent when, and why not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitMessage {
    pub id: i64,
    pub kind: MessageKind,
    pub channel: Channel,
    pub status: MessageStatus,
    /// A short code: why it is not sent (yet), or why it failed or was skipped.
    pub reason: Option<String>,
    /// When it is (or was) due.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub due_at: DateTime<Utc>,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::opt_utc")
    )]
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: u32,
    /// Reminders: how many minutes before the visit.
    pub offset_minutes: Option<u32>,
}

/// `GET /api/console/appointments/{id}/messages`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitMessages {
    /// False when this server has no mail server configured: e-mails wait in the outbox
    /// ("not sent: no mail server").
    pub mail_configured: bool,
    /// False when no SMS provider is configured.
    pub sms_configured: bool,
    /// When the patient answered a reminder "I'll be there".
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::opt_utc")
    )]
    pub patient_confirmed_at: Option<DateTime<Utc>>,
    pub messages: Vec<VisitMessage>,
}

/// `GET`/`PUT /api/console/reminders`: when reminders go out, in minutes before the visit
/// (at most 3, each from 30 minutes to 14 days, no repeats; empty: no reminders).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSettings {
    pub minutes_before: Vec<u32>,
}

/// Reminder times are stored and validated in minutes; these bound them.
pub const MIN_REMINDER_MINUTES: u32 = 30;
pub const MAX_REMINDER_MINUTES: u32 = 14 * 24 * 60;
pub const MAX_REMINDERS: usize = 3;
/// What a new clinic gets: 48 hours and 2 hours before.
pub const DEFAULT_REMINDER_MINUTES: [u32; 2] = [48 * 60, 2 * 60];

/// `POST /api/appointments/{token}/confirm`: the patient's "I'll be there" (one tap from a
/// reminder; answering twice answers the first time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientConfirmation {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub confirmed_at: DateTime<Utc>,
    /// The name the patient asked to be called, for "Thank you, Ana".
    pub greeting_name: String,
    pub clinic_name: String,
    /// The language the visit was booked in: the one-tap page thanks the patient in it.
    pub language: super::Language,
}
