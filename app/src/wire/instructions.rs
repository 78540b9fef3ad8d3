//! After-visit instructions and teach-back: what the practitioner writes after a completed
//! visit, what the patient reads on the visit page, whether it made sense to them, and the
//! questions they ask the clinic.
//!
//! Markdown is written by staff and rendered to sanitised HTML by the server only
//! (`*_html` fields); everything a patient types travels as plain text and is shown as text.

use super::Language;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

// ---- The patient's side (no login: the visit token is the key) -------------------------------

/// `GET /api/appointments/{token}/instructions`: everything after the visit, in one answer so
/// the visit page (and its offline copy) needs a single request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitInstructions {
    /// The latest published version; `None` until the practitioner has written them.
    pub latest: Option<PublishedInstructions>,
    /// The patient's answer to "Did this make sense?" for the latest version, if given.
    pub understanding: Option<Understanding>,
    /// The patient's questions about this visit, oldest first, with the clinic's replies.
    pub questions: Vec<PatientQuestion>,
    /// The clinic's phone, printed on every page of the print layout.
    pub clinic_phone: String,
    /// Whether the after-visit survey (`/a/{token}/survey`) can be answered now.
    pub survey: super::feedback::SurveyState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedInstructions {
    /// 1 for the first publication, +1 for each edit.
    pub version: u32,
    pub language: Language,
    /// Sanitised HTML rendered from the practitioner's Markdown.
    pub body_html: String,
    /// The practitioner of the visit (who the instructions come from).
    pub practitioner_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub published_at: DateTime<Utc>,
    /// The visit's day in the clinic's time zone ("Instructions from your visit on …").
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub visit_date: NaiveDate,
    /// Library articles the practitioner attached, in the order given.
    pub articles: Vec<LinkedArticle>,
}

/// A link to a published article of the clinic's library (`/learn/{clinic}/{slug}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedArticle {
    pub slug: String,
    pub title: String,
}

/// "Did this make sense?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Understanding {
    Yes,
    NotSure,
}

impl Understanding {
    pub fn code(self) -> &'static str {
        match self {
            Understanding::Yes => "yes",
            Understanding::NotSure => "not_sure",
        }
    }

    pub fn from_code(code: &str) -> Option<Understanding> {
        match code {
            "yes" => Some(Understanding::Yes),
            "not_sure" => Some(Understanding::NotSure),
            _ => None,
        }
    }
}

/// `POST /api/appointments/{token}/understanding`: the answer for the version the patient
/// read (answering again replaces the earlier answer for that version). 200 → `VisitInstructions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnderstandingRequest {
    pub answer: Understanding,
    pub version: u32,
}

/// `POST /api/appointments/{token}/questions`: "Ask the clinic a question" (1–2000 characters).
/// 201 → `VisitInstructions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub text: String,
}

/// A question as the patient sees it on the visit page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientQuestion {
    pub id: i64,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub asked_at: DateTime<Utc>,
    /// What the patient wrote, as plain text.
    pub text: String,
    pub reply: Option<StaffReply>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReply {
    /// Plain text written by staff, shown as text.
    pub text: String,
    /// Who answered, as the patient should see it (the staff member's display name).
    pub replied_by: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub replied_at: DateTime<Utc>,
}

// ---- The console's side -----------------------------------------------------------------------

/// `GET /api/console/appointments/{id}/instructions`: the editor's page — the visit, its
/// service's templates, every published version (newest first) and the teach-back so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstructionsEditor {
    pub appointment_id: i64,
    /// The name the patient asked to be called.
    pub patient_name: String,
    /// The patient's language: the default language of new instructions.
    pub patient_language: Language,
    pub service_id: i64,
    pub service_name: String,
    pub practitioner_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub visit_date: NaiveDate,
    /// Instructions can be written only once the visit is marked completed.
    pub completed: bool,
    /// Whether the signed-in staff member may write them (the visit's practitioner or an admin).
    pub can_write: bool,
    pub templates: Vec<InstructionTemplate>,
    pub versions: Vec<InstructionVersion>,
    pub understanding: Option<Understanding>,
    pub questions: Vec<PatientQuestion>,
}

/// One published version, as staff see it in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstructionVersion {
    pub version: u32,
    pub language: Language,
    pub body_md: String,
    pub body_html: String,
    /// The template it started from, if any.
    pub template_id: Option<i64>,
    pub articles: Vec<LinkedArticle>,
    pub author_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub published_at: DateTime<Utc>,
}

/// `POST /api/console/appointments/{id}/instructions`: saving publishes a new version.
/// 201 → `InstructionVersion`. 409 `not_completed` before the visit is marked completed;
/// 403 for staff other than the visit's practitioner or an admin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstructionsDraft {
    pub language: Language,
    /// Markdown, 1–20000 characters.
    pub body_md: String,
    pub template_id: Option<i64>,
    /// Slugs of published library articles of this clinic (at most 10).
    #[serde(default)]
    pub article_slugs: Vec<String>,
}

/// A per-service starting point ("After your physiotherapy session"), one per language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstructionTemplate {
    pub id: i64,
    pub service_id: i64,
    pub language: Language,
    pub title: String,
    pub body_md: String,
}

/// `POST /api/console/instruction-templates` (201) and `PUT …/{id}` (200) → `InstructionTemplate`.
/// `GET /api/console/instruction-templates?service_id=` lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateDraft {
    pub service_id: i64,
    pub language: Language,
    /// 1–120 characters.
    pub title: String,
    /// Markdown, 1–20000 characters.
    pub body_md: String,
}

/// `GET /api/console/questions?state=open|answered|all` (default open): the inbox, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxQuestion {
    pub id: i64,
    pub appointment_id: i64,
    pub patient_name: String,
    pub service_name: String,
    pub practitioner_name: String,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub visit_date: NaiveDate,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::utc")
    )]
    pub asked_at: DateTime<Utc>,
    pub text: String,
    /// The patient's latest "Did this make sense?" answer for the visit.
    pub understanding: Option<Understanding>,
    pub reply: Option<StaffReply>,
}

/// `POST /api/console/questions/{id}/reply` (1–2000 characters of plain text) → `InboxQuestion`.
/// 409 `already_answered` when someone else replied first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyRequest {
    pub text: String,
}

/// `GET /api/console/understanding?from=YYYY-MM-DD&to=YYYY-MM-DD` (visit days, clinic zone;
/// default the last 90 days): how often patients answered "Not sure".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnderstandingReport {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub from: NaiveDate,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub to: NaiveDate,
    /// Per template (instructions written without a template are one row, `template_id: None`).
    pub by_template: Vec<UnderstandingRow>,
    pub by_practitioner: Vec<UnderstandingRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnderstandingRow {
    /// The template's id or the practitioner's id (`None`: written without a template).
    pub id: Option<i64>,
    /// The template's title or the practitioner's name.
    pub label: String,
    pub yes: u32,
    pub not_sure: u32,
}
