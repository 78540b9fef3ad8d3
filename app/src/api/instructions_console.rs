//! The console's calls about after-visit instructions: the editor, templates, the questions
//! inbox and the "Not sure" report. The session cookie and `Origin` go with them (see
//! [`super::console`]).

use super::{api_path, call, call_as, get, json, ApiError};
use crate::wire::instructions::{
    InboxQuestion, InstructionTemplate, InstructionVersion, InstructionsDraft, InstructionsEditor,
    ReplyRequest, TemplateDraft, UnderstandingReport,
};

fn editor_url(appointment_id: i64) -> String {
    api_path(&[
        "console",
        "appointments",
        &appointment_id.to_string(),
        "instructions",
    ])
}

/// Everything the editor shows: the visit, templates, every version and the teach-back.
pub async fn editor(appointment_id: i64) -> Result<InstructionsEditor, ApiError> {
    get(&editor_url(appointment_id)).await
}

/// Saving publishes a new version.
pub async fn publish(
    appointment_id: i64,
    draft: &InstructionsDraft,
) -> Result<InstructionVersion, ApiError> {
    call(&editor_url(appointment_id), json(draft), None).await
}

pub async fn create_template(draft: &TemplateDraft) -> Result<InstructionTemplate, ApiError> {
    call("/api/console/instruction-templates", json(draft), None).await
}

pub async fn update_template(
    id: i64,
    draft: &TemplateDraft,
) -> Result<InstructionTemplate, ApiError> {
    let url = api_path(&["console", "instruction-templates", &id.to_string()]);
    call_as(Some("PUT"), &url, json(draft)).await
}

/// Which questions the inbox shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboxState {
    Open,
    Answered,
}

impl InboxState {
    pub fn code(self) -> &'static str {
        match self {
            InboxState::Open => "open",
            InboxState::Answered => "answered",
        }
    }
}

pub async fn questions(state: InboxState) -> Result<Vec<InboxQuestion>, ApiError> {
    let mut url = String::from("/api/console/questions?state=");
    url.push_str(state.code());
    get(&url).await
}

pub async fn reply(question_id: i64, request: &ReplyRequest) -> Result<InboxQuestion, ApiError> {
    let url = api_path(&["console", "questions", &question_id.to_string(), "reply"]);
    call(&url, json(request), None).await
}

/// The last 90 days (the server's default window).
pub async fn understanding() -> Result<UnderstandingReport, ApiError> {
    get("/api/console/understanding").await
}
