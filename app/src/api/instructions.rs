//! The visit page's calls about what came after the visit: the instructions, "Did this make
//! sense?" and the patient's questions. The visit token is the key, as for the visit itself.

use super::{api_path, call, get, json, ApiError};
use crate::wire::instructions::{QuestionRequest, UnderstandingRequest, VisitInstructions};

/// The latest instructions, the patient's answer and their questions with replies, in one
/// answer (so the offline copy needs one cached request).
pub async fn visit_instructions(token: &str) -> Result<VisitInstructions, ApiError> {
    get(&instructions_url(token)).await
}

/// The address of [`visit_instructions`], also cached by the service worker.
pub fn instructions_url(token: &str) -> String {
    api_path(&["appointments", token, "instructions"])
}

/// "Did this make sense?" for the version the patient read; answering again replaces it.
pub async fn answer(
    token: &str,
    request: &UnderstandingRequest,
) -> Result<VisitInstructions, ApiError> {
    let url = api_path(&["appointments", token, "understanding"]);
    call(&url, json(request), None).await
}

/// "Ask the clinic a question".
pub async fn ask(token: &str, request: &QuestionRequest) -> Result<VisitInstructions, ApiError> {
    let url = api_path(&["appointments", token, "questions"]);
    call(&url, json(request), None).await
}
