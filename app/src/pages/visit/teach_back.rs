//! Under the instructions: "Did this make sense?" (Yes / Not sure, changeable), "Ask the
//! clinic a question", and the patient's questions with the clinic's replies, as markup.
//! Everything the patient typed is shown as text. The section's state and calls are in
//! [`super::instructions`].

use crate::components::markup::{disabled, flag, html, push};
use crate::i18n::instructions::{instructions_catalog, InstructionsTr};
use crate::i18n::{fill, instant};
use crate::wire::instructions::{Understanding, VisitInstructions};
use crate::wire::Language;

pub const QUESTION: &str = "question";

/// What happened last, shown next to the control it is about.
#[derive(Clone, Copy, PartialEq)]
pub enum Said {
    Nothing,
    AnswerFailed(&'static str),
    Sent,
    /// The question was refused (empty, too long, not sent): why.
    QuestionInvalid(&'static str),
}

pub fn button_id(choice: Understanding) -> String {
    let mut id = String::from("understood-");
    id.push_str(choice.code());
    id
}

pub fn thanks(choice: Understanding, phone: &str, t: &'static InstructionsTr) -> String {
    match choice {
        Understanding::Yes => t.thanks_yes.to_string(),
        Understanding::NotSure => fill(t.thanks_not_sure, &[phone]),
    }
}

pub fn render(
    out: &mut String,
    data: &VisitInstructions,
    said: Said,
    sending: bool,
    draft: &str,
    zone: &str,
    lang: Language,
) {
    let t = instructions_catalog(lang);
    out.push_str(&html(
        r#"<section class="block teach-back" aria-labelledby="made-sense" data-testid="teach-back"><h2 id="made-sense">{}</h2><div class="actions choices" role="group" aria-labelledby="made-sense">"#,
        &[t.made_sense],
    ));
    for (choice, label) in [
        (Understanding::Yes, t.yes),
        (Understanding::NotSure, t.not_sure),
    ] {
        push(
            out,
            r#"<button type="button" id="{}" class="secondary" data-act="understood {}" aria-pressed="{}">{}</button>"#,
            &[
                &button_id(choice),
                choice.code(),
                flag(data.understanding == Some(choice)),
                label,
            ],
        );
    }
    out.push_str("</div>");
    match (said, data.understanding) {
        (Said::AnswerFailed(text), _) => {
            push(out, r#"<p class="notice error">{}</p>"#, &[text]);
        }
        (_, Some(choice)) => push(
            out,
            r#"<p class="notice ok" data-testid="understood-thanks">{}</p>"#,
            &[&thanks(choice, &data.clinic_phone, t)],
        ),
        _ => {}
    }
    out.push_str("</section>");

    push(
        out,
        r#"<section class="block questions" aria-labelledby="ask-title" data-testid="questions"><h2 id="ask-title">{}</h2>"#,
        &[t.ask_title],
    );
    if !data.questions.is_empty() {
        push(
            out,
            r#"<h3>{}</h3><ol class="question-list">"#,
            &[t.your_questions],
        );
        for question in &data.questions {
            push(
                out,
                r#"<li data-testid="question"><p class="muted">{}</p><p class="question-text">{}</p>"#,
                &[
                    &fill(t.you_asked, &[&instant(question.asked_at, zone, lang)]),
                    &question.text,
                ],
            );
            match &question.reply {
                Some(reply) => push(
                    out,
                    r#"<div class="reply" data-testid="reply"><p class="muted">{}</p><p class="question-text">{}</p></div>"#,
                    &[
                        &fill(
                            t.replied,
                            &[&reply.replied_by, &instant(reply.replied_at, zone, lang)],
                        ),
                        &reply.text,
                    ],
                ),
                None => push(out, r#"<p class="muted">{}</p>"#, &[t.awaiting_reply]),
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    if said == Said::Sent {
        push(
            out,
            r#"<p class="notice ok" data-testid="question-sent">{}</p>"#,
            &[t.question_sent],
        );
    }
    let problem = match said {
        Said::QuestionInvalid(text) => Some(text),
        _ => None,
    };
    push(
        out,
        r#"<form class="ask-form" novalidate><div class="field{}"><label for="question">{}</label><p class="hint" id="question-hint">{}</p>"#,
        &[
            if problem.is_some() { " has-error" } else { "" },
            t.question_label,
            t.question_hint,
        ],
    );
    if let Some(text) = problem {
        push(
            out,
            r#"<p class="field-error" id="question-error">{}</p>"#,
            &[text],
        );
    }
    push(
        out,
        r#"<textarea id="question" name="question" rows="4" aria-describedby="question-hint{}" aria-invalid="{}">{}</textarea></div><button type="submit" class="primary"{}>{}</button></form></section>"#,
        &[
            if problem.is_some() {
                " question-error"
            } else {
                ""
            },
            flag(problem.is_some()),
            draft,
            disabled(sending),
            if sending { t.sending } else { t.send },
        ],
    );
}
