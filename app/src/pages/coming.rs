//! `/a/{token}/coming`: the reminder's one-tap "I'll be there" (served by the survey bundle,
//! `survey.html`; the visit page has no bytes to spare). No login: the visit token is the key.
//!
//! The answer is sent by this page's script with a POST, never by loading the link: mail
//! systems and link scanners fetch (GET) links in messages before the patient sees them, and
//! such a fetch must not tell the clinic the patient is coming.

use crate::api::feedback::survey;
use crate::api::messages::confirm_visit;
use crate::api::ApiError;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{focus_id, set_title};
use crate::i18n::coming::coming_catalog;
use crate::i18n::{catalog, fill, use_i18n};
use crate::wire::messages::PatientConfirmation;
use crate::wire::Language;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "coming-title";

#[component]
pub fn ComingPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    // The answer, and the language the visit was booked in (also learnt for a refusal, from
    // the survey's status of the visit, so a Spanish patient reads "cancelled" in Spanish).
    let answer = LocalResource::new(move || {
        let token = token.get();
        async move {
            let answer = confirm_visit(&token).await;
            let lang = match &answer {
                Ok(confirmation) => Some(confirmation.language),
                Err(ApiError::Status(409, _)) => {
                    survey(&token, None).await.ok().map(|s| s.language)
                }
                Err(_) => None,
            };
            (answer, lang)
        }
    });
    Effect::new(move |_| {
        if let Some((_, lang)) = answer.get() {
            if let Some(lang) = lang.filter(|_| !i18n.chosen.get_untracked()) {
                i18n.lang.set(lang);
            }
            // The answer replaces the loading state: screen reader and keyboard users land on
            // what it says.
            focus_id(TITLE);
        }
    });

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        match answer.get() {
            None => {
                set_title(coming_catalog(lang).page_title);
                skeleton(catalog(lang), true)
            }
            Some((Ok(confirmation), _)) => thanks(&confirmation, &token.get(), lang),
            Some((Err(error), _)) => refused(&error, &token.get(), lang),
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            answer.refetch();
        }
    });
    view! { <Markup html on_act /> }
}

/// "Thank you, Ana. Riverside Family Clinic knows you'll be there.", with the visit's links.
fn thanks(confirmation: &PatientConfirmation, token: &str, lang: Language) -> String {
    let t = coming_catalog(lang);
    set_title(t.page_title);
    let mut out = html(
        r#"<article class="coming-page" data-testid="coming-thanks"><h1 id="coming-title" tabindex="-1">{}</h1><p class="lead">{}</p>"#,
        &[
            &fill(t.thanks, &[&confirmation.greeting_name]),
            &fill(t.clinic_knows, &[&confirmation.clinic_name]),
        ],
    );
    visit_links(&mut out, token, lang, true);
    out.push_str("</article>");
    out
}

/// Why the answer did not go through: an unknown link, a cancelled or started visit, or the
/// network (with Retry). The reason is in a live region.
fn refused(error: &ApiError, token: &str, lang: Language) -> String {
    let t = coming_catalog(lang);
    let shared = catalog(lang);
    let (title, body) = match error.code() {
        _ if error.is_not_found() => (shared.visit_missing_title, shared.visit_missing_body),
        "cancelled" => (t.cancelled, t.cancelled_body),
        "past" => (t.past, t.past_body),
        _ => {
            set_title(t.not_sent);
            return html(
                r#"<article class="coming-page"><h1 id="coming-title" tabindex="-1">{}</h1>"#,
                &[t.not_sent],
            ) + &load_error(shared, error)
                + "</article>";
        }
    };
    set_title(title);
    let mut out = html(
        r#"<article class="coming-page" data-testid="coming-refused"><h1 id="coming-title" tabindex="-1">{}</h1><p class="notice" role="alert">{}</p>"#,
        &[title, body],
    );
    if !error.is_not_found() {
        visit_links(&mut out, token, lang, false);
    }
    out.push_str("</article>");
    out
}

/// "See your visit", and with `change` also "Need to change it?" (the visit page, opened at
/// its change buttons). The visit page is another bundle: loaded from the server, not by the
/// router.
fn visit_links(out: &mut String, token: &str, lang: Language, change: bool) {
    let t = coming_catalog(lang);
    let mut visit = String::from("/a/");
    visit.push_str(&String::from(js_sys::encode_uri_component(token)));
    push(
        out,
        r#"<p><a href="{}" rel="external">{}</a></p>"#,
        &[&visit, t.see_visit],
    );
    if change {
        push(
            out,
            r##"<p><a href="{}#change" rel="external">{}</a></p>"##,
            &[&visit, t.need_change],
        );
    }
}
