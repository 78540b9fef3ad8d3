//! Under the instructions: "Did this make sense?" (Yes / Not sure, changeable), "Ask the
//! clinic a question", and the patient's questions with the clinic's replies. Everything the
//! patient typed is shown as text.

use super::instructions::{unreached, VisitContext};
use crate::api::instructions::{answer, ask};
use crate::components::announce;
use crate::components::feedback::error_text;
use crate::components::focus_id;
use crate::components::markup::{disabled, flag, html, input_of, push, Act, Markup};
use crate::i18n::instructions::{instructions_catalog, InstructionsTr};
use crate::i18n::{catalog, fill, instant, use_i18n};
use crate::wire::instructions::{
    QuestionRequest, Understanding, UnderstandingRequest, VisitInstructions,
};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The server's limit, checked here first.
const MAX_QUESTION: usize = 2000;
const QUESTION: &str = "question";

/// What happened last, shown next to the control it is about.
#[derive(Clone, Copy, PartialEq)]
enum Said {
    Nothing,
    Answered,
    AnswerFailed(&'static str),
    Sent,
    QuestionInvalid(&'static str),
    SendFailed(&'static str),
}

#[component]
pub fn TeachBack(
    visit: VisitContext,
    data: VisitInstructions,
    current: RwSignal<Option<VisitInstructions>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let said = RwSignal::new(Said::Nothing);
    let sending = RwSignal::new(false);
    // The question being typed lives in the textarea; kept here for redraws only.
    let draft = StoredValue::new(String::new());
    let version = data.latest.as_ref().map_or(0, |latest| latest.version);
    let token = StoredValue::new(visit.token.clone());
    let zone = visit.time_zone.clone();

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let Some(data) = current.get() else {
            return String::new();
        };
        render(
            &data,
            said.get(),
            sending.get(),
            &draft.get_value(),
            &zone,
            lang,
        )
    });

    let on_act = Callback::new(move |act: Act| {
        let choice = match Understanding::from_code(&act.arg) {
            Some(choice) if act.name == "understood" => choice,
            _ => return,
        };
        let request = UnderstandingRequest {
            answer: choice,
            version,
        };
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let t = instructions_catalog(lang);
            match answer(&token.get_value(), &request).await {
                Ok(data) => {
                    let phone = data.clinic_phone.clone();
                    current.set(Some(data));
                    said.set(Said::Answered);
                    announce(thanks(choice, &phone, t));
                }
                Err(error) => {
                    let text = if unreached(&error) {
                        t.offline_send
                    } else {
                        t.answer_failed
                    };
                    said.set(Said::AnswerFailed(text));
                    announce(text);
                }
            }
            // The buttons were drawn anew; keep the person where they were.
            focus_id(&button_id(choice));
        });
    });

    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((id, value, _)) = input_of(&ev) {
            if id == QUESTION {
                draft.set_value(value);
            }
        }
    });

    let on_submit = Callback::new(move |_| {
        if sending.get_untracked() {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let t = instructions_catalog(lang);
        let text = draft.get_value().trim().to_string();
        let invalid = if text.is_empty() {
            Some(t.question_required)
        } else if text.chars().count() > MAX_QUESTION {
            Some(t.question_too_long)
        } else {
            None
        };
        if let Some(reason) = invalid {
            said.set(Said::QuestionInvalid(reason));
            focus_id(QUESTION);
            return;
        }
        sending.set(true);
        spawn_local(async move {
            let result = ask(&token.get_value(), &QuestionRequest { text }).await;
            sending.set(false);
            match result {
                Ok(data) => {
                    draft.set_value(String::new());
                    current.set(Some(data));
                    said.set(Said::Sent);
                    announce(t.question_sent);
                }
                Err(error) => {
                    let text = if unreached(&error) {
                        t.offline_send
                    } else if error.code() == "validation" {
                        t.question_too_long
                    } else {
                        error_text(&error, catalog(lang))
                    };
                    said.set(Said::SendFailed(text));
                    announce(text);
                    focus_id(QUESTION);
                }
            }
        });
    });

    view! { <Markup html on_act on_input on_submit /> }
}

fn button_id(choice: Understanding) -> String {
    let mut id = String::from("understood-");
    id.push_str(choice.code());
    id
}

fn thanks(choice: Understanding, phone: &str, t: &'static InstructionsTr) -> String {
    match choice {
        Understanding::Yes => t.thanks_yes.to_string(),
        Understanding::NotSure => fill(t.thanks_not_sure, &[phone]),
    }
}

fn render(
    data: &VisitInstructions,
    said: Said,
    sending: bool,
    draft: &str,
    zone: &str,
    lang: Language,
) -> String {
    let t = instructions_catalog(lang);
    let mut out = html(
        r#"<section class="block teach-back" aria-labelledby="made-sense" data-testid="teach-back"><h2 id="made-sense">{}</h2><div class="actions choices" role="group" aria-labelledby="made-sense">"#,
        &[t.made_sense],
    );
    for (choice, label) in [
        (Understanding::Yes, t.yes),
        (Understanding::NotSure, t.not_sure),
    ] {
        push(
            &mut out,
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
            push(&mut out, r#"<p class="notice error">{}</p>"#, &[text]);
        }
        (_, Some(choice)) => push(
            &mut out,
            r#"<p class="notice ok" data-testid="understood-thanks">{}</p>"#,
            &[&thanks(choice, &data.clinic_phone, t)],
        ),
        _ => {}
    }
    out.push_str("</section>");

    push(
        &mut out,
        r#"<section class="block questions" aria-labelledby="ask-title" data-testid="questions"><h2 id="ask-title">{}</h2>"#,
        &[t.ask_title],
    );
    if !data.questions.is_empty() {
        push(
            &mut out,
            r#"<h3>{}</h3><ol class="question-list">"#,
            &[t.your_questions],
        );
        for question in &data.questions {
            push(
                &mut out,
                r#"<li data-testid="question"><p class="muted">{}</p><p class="question-text">{}</p>"#,
                &[
                    &fill(t.you_asked, &[&instant(question.asked_at, zone, lang)]),
                    &question.text,
                ],
            );
            match &question.reply {
                Some(reply) => push(
                    &mut out,
                    r#"<div class="reply" data-testid="reply"><p class="muted">{}</p><p class="question-text">{}</p></div>"#,
                    &[
                        &fill(
                            t.replied,
                            &[&reply.replied_by, &instant(reply.replied_at, zone, lang)],
                        ),
                        &reply.text,
                    ],
                ),
                None => push(&mut out, r#"<p class="muted">{}</p>"#, &[t.awaiting_reply]),
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    if said == Said::Sent {
        push(
            &mut out,
            r#"<p class="notice ok" data-testid="question-sent">{}</p>"#,
            &[t.question_sent],
        );
    }
    let problem = match said {
        Said::QuestionInvalid(text) | Said::SendFailed(text) => Some(text),
        _ => None,
    };
    push(
        &mut out,
        r#"<form class="ask-form" novalidate><div class="field{}"><label for="question">{}</label><p class="hint" id="question-hint">{}</p>"#,
        &[
            if problem.is_some() { " has-error" } else { "" },
            t.question_label,
            t.question_hint,
        ],
    );
    if let Some(text) = problem {
        push(
            &mut out,
            r#"<p class="field-error" id="question-error">{}</p>"#,
            &[text],
        );
    }
    push(
        &mut out,
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
    out
}
