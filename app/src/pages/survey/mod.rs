//! `/a/{token}/survey`: the short survey after a visit (its own bundle, `survey.html`, so the
//! visit page does not carry it). No login: the visit token is the key. The page greets the
//! patient, names the visit, and asks; or says why it cannot (not yet, closed, answered).

mod form;

use crate::api::feedback::{answer_survey, survey};
use crate::api::ApiError;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{html, input_of, push, Act, Markup};
use crate::components::{announce, focus_id, set_title};
use crate::i18n::survey::{survey_catalog, SurveyTr};
use crate::i18n::{catalog, fill, local, use_i18n, DateStyle};
use crate::survey_answers::{apply, needs_call_back, to_send, COMMENT};
use crate::wire::feedback::{SurveyAnswers, SurveyState, SurveyStatus};
use crate::wire::Language;
use form::{comment_count, Problem, COMMENT_COUNT, RATING_ERROR, SEND};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

/// How long the survey stays open after the visit (the server's rule), for the day it closed.
const OPEN_DAYS: u64 = 30;

#[component]
pub fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    // Until the person picks a language, the survey is in the one the visit was booked in.
    let asked_lang = Memo::new(move |_| i18n.chosen.get().then(|| i18n.lang.get()));
    let status = LocalResource::new(move || {
        let (token, lang) = (token.get(), asked_lang.get());
        async move { survey(&token, lang).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = status.get() {
            if !i18n.chosen.get_untracked() {
                i18n.lang.set(loaded.language);
            }
        }
    });
    // The answers live outside the markup (see `answers`); only a change of what the page
    // shows redraws it, never a keystroke or a tap, so focus stays where the person is.
    let draft = StoredValue::new(SurveyAnswers::default());
    let problem = RwSignal::new(None::<Problem>);
    let sending = RwSignal::new(false);
    // Sent just now: whether the thank-you says that someone will get in touch.
    let sent = RwSignal::new(None::<bool>);

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let t = survey_catalog(lang);
        match status.get() {
            None => skeleton(catalog(lang), true),
            Some(Err(error)) => failed_to_load(&error, lang),
            Some(Ok(loaded)) => page(&loaded, &token.get(), t, lang, sent.get(), |out| {
                form::render(out, t, &draft.get_value(), problem.get(), sending.get());
            }),
        }
    });

    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            status.refetch();
        }
    });

    let on_input = Callback::new(move |ev: web_sys::Event| {
        let Some((id, value, checked)) = input_of(&ev) else {
            return;
        };
        draft.update_value(|answers| apply(answers, &id, &value, checked));
        if id == COMMENT {
            // The count is written straight into the page: redrawing the form for it would
            // take the focus out of the textarea.
            if let Some(count) = document().get_element_by_id(COMMENT_COUNT) {
                let t = survey_catalog(i18n.lang.get_untracked());
                count.set_text_content(Some(&comment_count(t, &value)));
            }
        }
    });

    let on_submit = Callback::new(move |_| {
        if sending.get_untracked() {
            return;
        }
        let Some(answers) = draft.with_value(to_send) else {
            problem.set(Some(Problem::RatingMissing));
            focus_id(RATING_ERROR);
            return;
        };
        problem.set(None);
        sending.set(true);
        spawn_local(async move {
            let lang = i18n.lang.get_untracked();
            let result = answer_survey(&token.get_untracked(), &answers, lang).await;
            sending.set(false);
            match result {
                Ok(answered) => {
                    let call_back = answers.may_contact && needs_call_back(&answers);
                    let t = survey_catalog(lang);
                    announce(if call_back {
                        fill("{} {}", &[t.thanks, t.follow_up])
                    } else {
                        t.thanks.to_string()
                    });
                    sent.set(Some(call_back));
                    status.set(Some(Ok(answered)));
                    focus_id("survey-title");
                }
                // Already answered (perhaps in another tab), closed meanwhile, or the visit
                // is gone: the page as the server now sees it says which.
                Err(ApiError::Status(404 | 409, _)) => {
                    let now = survey(&token.get_untracked(), asked_lang.get_untracked()).await;
                    status.set(Some(now));
                    focus_id("survey-title");
                }
                Err(error) => {
                    problem.set(Some(Problem::NotSent(error_text(&error, catalog(lang)))));
                    focus_id(SEND);
                }
            }
        });
    });

    view! { <Markup html on_act on_input on_submit /> }
}

/// The greeting, the visit, and then the thank-you when the answers were `sent` just now
/// (with whether someone will call back), else what the survey's state calls for
/// (`questions` when it is open).
fn page(
    status: &SurveyStatus,
    token: &str,
    t: &'static SurveyTr,
    lang: Language,
    sent: Option<bool>,
    questions: impl FnOnce(&mut String),
) -> String {
    let open = sent.is_none() && status.state == SurveyState::Open;
    set_title(t.page_title);
    let day = local(status.visit_date, "12:00", lang, DateStyle::Long);
    let mut out = html(
        r#"<article class="survey-page"><h1 id="survey-title" tabindex="-1">{}</h1><p class="lead" data-testid="survey-visit">{}</p>"#,
        &[
            &if sent.is_some() {
                t.thanks_title.to_string()
            } else {
                fill(
                    if open { t.greeting } else { t.hello },
                    &[&status.preferred_name],
                )
            },
            &fill(
                t.visit_line,
                &[&status.service_name, &status.practitioner_name, &day],
            ),
        ],
    );
    let said = match status.state {
        _ if sent.is_some() => {
            thanks(&mut out, t, sent == Some(true), &status.clinic_phone);
            None
        }
        SurveyState::Open => {
            push(&mut out, r#"<p class="muted">{}</p>"#, &[t.intro]);
            questions(&mut out);
            None
        }
        SurveyState::NotYet => Some(t.not_yet.to_string()),
        SurveyState::Answered => Some(t.answered.to_string()),
        SurveyState::Closed => {
            let closed_on = status
                .visit_date
                .checked_add_days(chrono::Days::new(OPEN_DAYS))
                .unwrap_or(status.visit_date);
            Some(fill(
                t.closed,
                &[&local(closed_on, "12:00", lang, DateStyle::Long)],
            ))
        }
    };
    if let Some(said) = said {
        push(
            &mut out,
            r#"<p class="notice" data-testid="survey-state">{}</p>"#,
            &[&said],
        );
    }
    if !open {
        let mut visit = String::from("/a/");
        visit.push_str(&String::from(js_sys::encode_uri_component(token)));
        // The visit page is another bundle: loaded from the server, not by the router.
        push(
            &mut out,
            r#"<p><a href="{}" rel="external">{}</a></p>"#,
            &[&visit, t.back_to_visit],
        );
    }
    out.push_str("</article>");
    out
}

/// The thank-you after sending; when the answers need a call back and the patient agreed,
/// that someone will get in touch, and the clinic's phone for sooner.
fn thanks(out: &mut String, t: &'static SurveyTr, call_back: bool, phone: &str) {
    push(
        out,
        r#"<div class="notice ok" data-testid="survey-thanks"><p>{}</p>"#,
        &[t.thanks],
    );
    if call_back {
        // The phone as a link, so a tap calls.
        let (before, after) = t
            .call_sooner
            .split_once("{}")
            .unwrap_or((t.call_sooner, ""));
        push(
            out,
            r#"<p data-testid="survey-follow-up">{}</p><p>{}<a href="tel:{}">{}</a>{}</p>"#,
            &[t.follow_up, before, phone, phone, after],
        );
    }
    out.push_str("</div>");
}

/// The visit is unknown (404), or the survey could not be loaded (a Retry button).
fn failed_to_load(error: &ApiError, lang: Language) -> String {
    let t = catalog(lang);
    if error.is_not_found() {
        set_title(t.visit_missing_title);
        return html(
            r#"<h1 id="survey-title" tabindex="-1">{}</h1><p>{}</p><p><a href="/" rel="external">{}</a></p>"#,
            &[
                t.visit_missing_title,
                t.visit_missing_body,
                t.not_found_home,
            ],
        );
    }
    let title = survey_catalog(lang).page_title;
    set_title(title);
    html(r#"<h1 id="survey-title" tabindex="-1">{}</h1>"#, &[title]) + &load_error(t, error)
}
