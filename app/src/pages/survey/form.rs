//! The survey's questions as markup: the rating and the recommendation as rows of big radio
//! buttons with their ends named, the four communication items, the comment with its count,
//! "May we contact you?" and Send. Drawn from the answers given so far.

use crate::components::markup::{disabled, flag, push};
use crate::i18n::fill;
use crate::i18n::survey::SurveyTr;
use crate::survey_answers::{item, radio_id, COMMENT, ITEMS, MAX_COMMENT, MAY_CONTACT};
use crate::wire::feedback::{CommunicationAnswer, SurveyAnswers};

/// The id of the inline error shown when the rating is missing.
pub const RATING_ERROR: &str = "rating-error";

/// The id of the comment's character count.
pub const COMMENT_COUNT: &str = "comment-count";

/// The id of the Send button.
pub const SEND: &str = "survey-send";

/// What is wrong with the last attempt to send.
#[derive(Clone, Copy, PartialEq)]
pub enum Problem {
    RatingMissing,
    /// The answers did not reach the clinic (the sentence says why).
    NotSent(&'static str),
}

pub fn render(
    out: &mut String,
    t: &'static SurveyTr,
    answers: &SurveyAnswers,
    problem: Option<Problem>,
    sending: bool,
) {
    out.push_str(r#"<form class="survey" novalidate data-testid="survey-form">"#);

    let rating_missing = problem == Some(Problem::RatingMissing);
    push(
        out,
        r#"<fieldset class="group question{}" data-testid="rating"><legend>{} <span class="optional">{}</span></legend>"#,
        &[
            if rating_missing { " has-error" } else { "" },
            t.rating_legend,
            t.required,
        ],
    );
    if rating_missing {
        push(
            out,
            r#"<p class="field-error" id="rating-error" tabindex="-1">{}</p>"#,
            &[t.rating_missing],
        );
    }
    let chosen = (answers.rating > 0).then_some(answers.rating);
    scale(
        out,
        "rating",
        1..=5,
        chosen,
        (t.very_poor, t.excellent),
        rating_missing.then_some(RATING_ERROR),
    );
    out.push_str("</fieldset>");

    push(
        out,
        r#"<fieldset class="group question" data-testid="recommend"><legend>{} <span class="optional">{}</span></legend>"#,
        &[t.recommend_legend, t.optional],
    );
    scale(
        out,
        "recommend",
        0..=10,
        answers.recommend,
        (t.not_likely, t.extremely_likely),
        None,
    );
    out.push_str("</fieldset>");

    let questions = [t.explained, t.listened, t.respected, t.enough_time];
    let words = [t.definitely, t.somewhat, t.no];
    for (name, question) in ITEMS.into_iter().zip(questions) {
        push(
            out,
            r#"<fieldset class="group question" data-testid="{}"><legend>{} <span class="optional">{}</span></legend><div class="picks picks-3">"#,
            &[name, question, t.optional],
        );
        for (answer, word) in CommunicationAnswer::ALL.into_iter().zip(words) {
            let id = radio_id(name, answer.code());
            push(
                out,
                r#"<label class="pick"><input type="radio" name="{}" id="{}" value="{}"{}><span class="box">{}</span></label>"#,
                &[
                    name,
                    &id,
                    answer.code(),
                    checked(item(answers, name) == Some(answer)),
                    word,
                ],
            );
        }
        out.push_str("</div></fieldset>");
    }

    let comment = answers.comment.as_deref().unwrap_or_default();
    push(
        out,
        r#"<div class="field"><label for="{}">{} <span class="optional">{}</span></label><p class="hint" id="comment-hint">{}</p><textarea id="{}" name="comment" rows="4" maxlength="{}" aria-describedby="comment-hint comment-count">{}</textarea><p class="hint count" id="comment-count">{}</p></div>"#,
        &[
            COMMENT,
            t.comment_label,
            t.optional,
            t.comment_hint,
            COMMENT,
            &MAX_COMMENT.to_string(),
            comment,
            &comment_count(t, comment),
        ],
    );
    push(
        out,
        r#"<div class="choice contact"><input type="checkbox" id="{}" name="may_contact"{}><label for="{}">{}</label></div>"#,
        &[
            MAY_CONTACT,
            checked(answers.may_contact),
            MAY_CONTACT,
            t.may_contact,
        ],
    );
    if let Some(Problem::NotSent(why)) = problem {
        push(
            out,
            r#"<p class="notice error" role="alert" data-testid="send-failed">{}</p>"#,
            &[why],
        );
    }
    push(
        out,
        r#"<button type="submit" class="primary" id="survey-send" aria-disabled="{}"{}>{}</button></form>"#,
        &[
            flag(sending),
            disabled(sending),
            if sending { t.sending } else { t.send },
        ],
    );
}

/// "12 of 2000 characters".
pub fn comment_count(t: &'static SurveyTr, comment: &str) -> String {
    fill(t.comment_count, &[&comment.chars().count().to_string()])
}

/// A row of numbered radios; the two ends are named with their word ("1, Very poor") for
/// screen readers, and the words are written under the row for the eye.
fn scale(
    out: &mut String,
    name: &str,
    values: std::ops::RangeInclusive<u8>,
    chosen: Option<u8>,
    ends: (&str, &str),
    described_by: Option<&str>,
) {
    let (low, high) = (*values.start(), *values.end());
    let class = if high - low > 5 {
        "picks picks-11"
    } else {
        "picks picks-5"
    };
    push(out, r#"<div class="{}">"#, &[class]);
    for value in values {
        let number = value.to_string();
        let end = if value == low {
            ends.0
        } else if value == high {
            ends.1
        } else {
            ""
        };
        push(
            out,
            r#"<label class="pick"><input type="radio" name="{}" id="{}" value="{}"{}"#,
            &[
                name,
                &radio_id(name, &number),
                &number,
                checked(chosen == Some(value)),
            ],
        );
        if let Some(id) = described_by {
            push(out, r#" aria-describedby="{}""#, &[id]);
        }
        if !end.is_empty() {
            // The number first, as on screen, then its meaning: "1, Very poor".
            push(out, r#" aria-label="{}, {}""#, &[&number, end]);
        }
        push(out, r#"><span class="box">{}</span></label>"#, &[&number]);
    }
    let low_end = format!("{low} = {}", ends.0);
    let high_end = format!("{high} = {}", ends.1);
    push(
        out,
        r#"</div><p class="scale-ends" aria-hidden="true"><span>{}</span><span>{}</span></p>"#,
        &[&low_end, &high_end],
    );
}

fn checked(on: bool) -> &'static str {
    if on {
        " checked"
    } else {
        ""
    }
}
