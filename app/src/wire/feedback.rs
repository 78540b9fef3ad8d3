//! Feedback after a visit: the patient's short survey (on `/a/{token}/survey`, no login: the
//! visit token is the key) and the console's follow-up queue for answers that need a human.
//!
//! What the patient types travels as plain text and is shown as text.

use super::Language;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Whether the survey of a visit can be answered now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SurveyState {
    /// The visit is not marked completed yet (or it was cancelled, or the patient did not come).
    NotYet,
    /// Completed, not answered, and within 30 days of the visit's end.
    Open,
    /// The patient already answered ("thanks, we already have your answers").
    Answered,
    /// More than 30 days after the visit, unanswered.
    Closed,
}

/// The four communication items, answered "Yes, definitely" / "Yes, somewhat" / "No".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommunicationAnswer {
    Definitely,
    Somewhat,
    No,
}

impl CommunicationAnswer {
    pub const ALL: [CommunicationAnswer; 3] = [
        CommunicationAnswer::Definitely,
        CommunicationAnswer::Somewhat,
        CommunicationAnswer::No,
    ];

    /// The code stored in the database and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            CommunicationAnswer::Definitely => "definitely",
            CommunicationAnswer::Somewhat => "somewhat",
            CommunicationAnswer::No => "no",
        }
    }

    pub fn from_code(code: &str) -> Option<CommunicationAnswer> {
        Self::ALL.into_iter().find(|answer| answer.code() == code)
    }
}

/// `GET /api/appointments/{token}/survey`: what the survey page needs to greet the patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyStatus {
    pub state: SurveyState,
    /// The language the visit was booked in: the survey's default language.
    pub language: Language,
    /// The name the patient asked to be called.
    pub preferred_name: String,
    pub clinic_name: String,
    pub clinic_phone: String,
    /// In the requested language.
    pub service_name: String,
    pub practitioner_name: String,
    /// The visit's day in the clinic's time zone.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub visit_date: NaiveDate,
    /// When the survey stops taking answers (30 days after the visit's end); set while `open`.
    #[serde(default)]
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::opt_utc")
    )]
    pub closes_at: Option<DateTime<Utc>>,
}

/// `POST /api/appointments/{token}/survey`: the patient's answers. Only `rating` is required.
/// 201 → `SurveyStatus` (state `answered`). 409 `already_answered` ("Thanks, we already have
/// your answers."), `survey_not_open` (visit not completed), `survey_closed` (after 30 days).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswers {
    /// Overall, 1 (very poor) to 5 (excellent).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    /// "How likely are you to recommend us to a friend or family member?" 0–10.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10))]
    pub recommend: Option<u8>,
    /// "Did the practitioner explain things in a way that was easy to understand?"
    #[serde(default)]
    pub explained: Option<CommunicationAnswer>,
    /// "…listen carefully to you?"
    #[serde(default)]
    pub listened: Option<CommunicationAnswer>,
    /// "…show respect for what you had to say?"
    #[serde(default)]
    pub respected: Option<CommunicationAnswer>,
    /// "…spend enough time with you?"
    #[serde(default)]
    pub enough_time: Option<CommunicationAnswer>,
    /// Optional, at most 2000 characters; blank is the same as none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
    /// "May we contact you about your answers?"
    #[serde(default)]
    pub may_contact: bool,
}

// ---- The console's follow-up queue ------------------------------------------------------------

/// Where a follow-up item stands: open → contacted → resolved (resolved may be reopened).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    Open,
    Contacted,
    Resolved,
}

impl FollowUpState {
    pub const ALL: [FollowUpState; 3] = [
        FollowUpState::Open,
        FollowUpState::Contacted,
        FollowUpState::Resolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FollowUpState::Open => "open",
            FollowUpState::Contacted => "contacted",
            FollowUpState::Resolved => "resolved",
        }
    }

    pub fn from_code(code: &str) -> Option<FollowUpState> {
        Self::ALL.into_iter().find(|state| state.code() == code)
    }
}

/// Why an answer landed in the queue (one item may have several reasons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpReason {
    /// Overall rating 1 or 2.
    LowRating,
    /// Recommend 0–6.
    Detractor,
    /// "No" on at least one communication item.
    CommunicationNo,
}

/// What a staff member did to an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpAction {
    /// Open → contacted.
    Contacted,
    /// Open or contacted → resolved.
    Resolved,
    /// Resolved → open.
    Reopened,
    /// A note without a change of state (the note is required).
    Note,
}

impl FollowUpAction {
    pub const ALL: [FollowUpAction; 4] = [
        FollowUpAction::Contacted,
        FollowUpAction::Resolved,
        FollowUpAction::Reopened,
        FollowUpAction::Note,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FollowUpAction::Contacted => "contacted",
            FollowUpAction::Resolved => "resolved",
            FollowUpAction::Reopened => "reopened",
            FollowUpAction::Note => "note",
        }
    }

    pub fn from_code(code: &str) -> Option<FollowUpAction> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }
}

/// One line of an item's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpEvent {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub at: DateTime<Utc>,
    /// The staff member's display name.
    pub staff_name: String,
    pub action: FollowUpAction,
    /// Plain text written by staff.
    pub note: Option<String>,
}

/// An answer that needs a human: who, which visit, what they said, whether they agreed to be
/// contacted, and what has been done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpItem {
    pub id: i64,
    pub state: FollowUpState,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub opened_at: DateTime<Utc>,
    pub reasons: Vec<FollowUpReason>,
    pub appointment_id: i64,
    /// The patient's record in the console (`/console/patients/{id}`), when there is one.
    pub patient_id: Option<i64>,
    /// Full name, and the name they asked to be called.
    pub patient_name: String,
    pub preferred_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The patient's language: the language to call back in.
    pub language: Language,
    pub service_name: String,
    pub practitioner_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub visit_start: DateTime<Utc>,
    pub answers: SurveyAnswers,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub answered_at: DateTime<Utc>,
    /// Oldest first.
    pub events: Vec<FollowUpEvent>,
}

/// `GET /api/console/follow-ups?state=open|contacted|resolved` (default `open`): the queue,
/// open and contacted items oldest first, resolved ones most recently worked on first. Admins and front desk see the clinic's; a practitioner sees their own visits'.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpList {
    pub items: Vec<FollowUpItem>,
    pub summary: FollowUpSummary,
}

/// `GET /api/console/follow-ups/summary`: the queue at a glance, for the console's home
/// (no patient data, not audited).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpSummary {
    pub open: u32,
    pub contacted: u32,
    pub resolved: u32,
    /// When the oldest open item was opened: the queue's age.
    #[serde(default)]
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::opt_utc")
    )]
    pub oldest_open_at: Option<DateTime<Utc>>,
}

/// `POST /api/console/follow-ups/{id}`: a state change and/or a note (up to 2000 characters).
/// 200 → `FollowUpItem`. 409 `invalid_transition` (e.g. contacted on a resolved item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpUpdate {
    pub action: FollowUpAction,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
}
