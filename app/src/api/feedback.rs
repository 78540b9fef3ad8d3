//! The survey page's calls: the after-visit survey of one visit. The visit token is the key,
//! as for the visit itself.

use super::{api_path, call, get, json, with_lang, ApiError};
use crate::wire::feedback::{SurveyAnswers, SurveyStatus};
use crate::wire::Language;

/// Whether the survey can be answered, and what the page needs to greet the patient; in
/// `lang`, or in the language the visit was booked in when `None`.
pub async fn survey(token: &str, lang: Option<Language>) -> Result<SurveyStatus, ApiError> {
    let mut url = survey_url(token);
    if let Some(lang) = lang {
        url = with_lang(url, lang);
    }
    get(&url).await
}

/// Sends the answers, given in `lang`; a second answer is refused with 409 `already_answered`.
pub async fn answer_survey(
    token: &str,
    answers: &SurveyAnswers,
    lang: Language,
) -> Result<SurveyStatus, ApiError> {
    call(&with_lang(survey_url(token), lang), json(answers), None).await
}

fn survey_url(token: &str) -> String {
    api_path(&["appointments", token, "survey"])
}
