//! What comes after the visit, on the visit page: the practitioner's instructions (sanitised
//! HTML from the server), the linked library articles, a Print button, and the teach-back
//! ([`super::teach_back`]: "Did this make sense?", questions and replies). Nothing is shown
//! before instructions exist, but a short note once the visit is past.
//!
//! One component and one markup for all of it: every component and reactive piece costs the
//! visit bundle code of its own.

use super::teach_back::{self, Said, QUESTION};
use crate::api::instructions::{answer, ask, visit_instructions};
use crate::api::ApiError;
use crate::components::markup::{html, input_of, push, Act, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::instructions::{instructions_catalog, InstructionsTr};
use crate::i18n::{catalog, fill, local, use_i18n, DateStyle};
use crate::wire::feedback::SurveyState;
use crate::wire::instructions::{
    PublishedInstructions, QuestionRequest, Understanding, UnderstandingRequest, VisitInstructions,
};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The server's limit for a question, checked here first.
const MAX_QUESTION: usize = 2000;

/// What the section needs to know about the visit it belongs to.
#[derive(Clone)]
pub struct VisitContext {
    pub token: String,
    pub clinic_slug: String,
    pub time_zone: String,
    /// The visit's start is behind us: instructions may come.
    pub past: bool,
}

#[component]
pub fn AfterVisit(visit: VisitContext) -> impl IntoView {
    let i18n = use_i18n();
    let token = StoredValue::new(visit.token.clone());
    // A plain signal and one task rather than a resource: the bundle stays smaller.
    let data = RwSignal::new(None::<VisitInstructions>);
    spawn_local(async move {
        if let Ok(loaded) = visit_instructions(&token.get_value()).await {
            data.set(Some(loaded));
        }
    });
    let said = RwSignal::new(Said::Nothing);
    let sending = RwSignal::new(false);
    // The question being typed lives in the textarea; kept here for redraws only.
    let draft = StoredValue::new(String::new());

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let t = instructions_catalog(lang);
        // Failing to load (offline with nothing saved, a server trouble) leaves the visit page
        // as it was: the instructions are an addition to it, not its point.
        let Some(data) = data.get() else {
            return String::new();
        };
        // The after-visit survey lives in a bundle of its own (`rel="external"`: loaded from
        // the server, not by this page's router). Tokens are URL-safe as they are.
        let mut out = match data.survey {
            SurveyState::Open => html(
                r#"<p class="notice" data-testid="survey-card"><a href="/a/{}/survey" rel="external">{}</a></p>"#,
                &[&visit.token, t.survey_invite],
            ),
            SurveyState::Answered => html(
                r#"<p class="notice ok" data-testid="survey-card">{}</p>"#,
                &[t.survey_thanks],
            ),
            SurveyState::NotYet | SurveyState::Closed => String::new(),
        };
        let Some(latest) = &data.latest else {
            if visit.past {
                push(
                    &mut out,
                    r#"<p class="notice" data-testid="instructions-pending">{}</p>"#,
                    &[t.pending],
                );
            }
            return out;
        };
        out.push_str(&published(latest, &visit.clinic_slug, t, lang));
        teach_back::render(
            &mut out,
            &data,
            said.get(),
            sending.get(),
            &draft.get_value(),
            &visit.time_zone,
            lang,
        );
        out
    });

    let failed = move |error: &ApiError, lang: Language| -> &'static str {
        let t = instructions_catalog(lang);
        match error {
            ApiError::Network => t.offline_send,
            // The server's reason for the text, in our own words.
            _ if error.code() == "validation" => {
                match error
                    .body()
                    .and_then(|body| body.fields.as_ref())
                    .and_then(|fields| fields.get("text"))
                    .map(String::as_str)
                {
                    Some("too_many_open_questions") => t.too_many_questions,
                    Some("required") => t.question_required,
                    _ => t.question_too_long,
                }
            }
            _ => crate::components::feedback::error_text(error, catalog(lang)),
        }
    };

    let on_act = Callback::new(move |act: Act| {
        if act.name == "print" {
            let _ = window().print();
            return;
        }
        let (Some(choice), "understood") = (Understanding::from_code(&act.arg), act.name.as_str())
        else {
            return;
        };
        let version = data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.latest.as_ref())
                .map_or(0, |latest| latest.version)
        });
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let request = UnderstandingRequest {
                answer: choice,
                version,
            };
            match answer(&token.get_value(), &request).await {
                Ok(answered) => {
                    announce(teach_back::thanks(
                        choice,
                        &answered.clinic_phone,
                        instructions_catalog(lang),
                    ));
                    said.set(Said::Nothing);
                    data.set(Some(answered));
                }
                Err(error) => {
                    let text = match error {
                        ApiError::Network => instructions_catalog(lang).offline_send,
                        _ => instructions_catalog(lang).answer_failed,
                    };
                    announce(text);
                    said.set(Said::AnswerFailed(text));
                }
            }
            // The buttons were drawn anew; keep the person where they were.
            focus_id(&teach_back::button_id(choice));
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
                Ok(asked) => {
                    draft.set_value(String::new());
                    announce(t.question_sent);
                    said.set(Said::Sent);
                    data.set(Some(asked));
                }
                Err(error) => {
                    let text = failed(&error, lang);
                    announce(text);
                    said.set(Said::QuestionInvalid(text));
                    focus_id(QUESTION);
                }
            }
        });
    });

    view! { <Markup html on_act on_input on_submit /> }
}

fn published(
    latest: &PublishedInstructions,
    clinic: &str,
    t: &'static InstructionsTr,
    lang: Language,
) -> String {
    let day = local(latest.visit_date, "12:00", lang, DateStyle::Long);
    let mut out = html(
        r#"<section class="block instructions" aria-labelledby="instructions-title" data-testid="instructions"><div class="section-head"><h2 id="instructions-title">{}</h2><button type="button" class="secondary" data-act="print">{}</button></div><p class="muted" data-testid="instructions-from">{}</p><div class="instructions-body" lang="{}">"#,
        &[
            t.title,
            t.print,
            &fill(t.from_on, &[&latest.practitioner_name, &day]),
            latest.language.code(),
        ],
    );
    // Rendered from the practitioner's Markdown and sanitised by the server (allow-list).
    out.push_str(&latest.body_html);
    out.push_str("</div>");
    if !latest.articles.is_empty() {
        push(
            &mut out,
            r#"<h3>{}</h3><ul class="article-links">"#,
            &[t.read_more],
        );
        for article in &latest.articles {
            // A page of the library bundle, so loaded from the server (`rel="external"` for
            // the router); the service worker keeps it for offline reading.
            let mut href = String::from("/learn/");
            href.push_str(&String::from(js_sys::encode_uri_component(clinic)));
            href.push('/');
            href.push_str(&String::from(js_sys::encode_uri_component(&article.slug)));
            push(
                &mut out,
                r#"<li><a href="{}" rel="external">{}</a></li>"#,
                &[&href, &article.title],
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}
