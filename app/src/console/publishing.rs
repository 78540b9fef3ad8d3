//! The clinic screen's "Open times on the web" section (admins): one switch that puts the
//! clinic's free and busy times in the public SMART Scheduling Links files (no patient data), and
//! where those files are. A form of its own below the reminders, saved on its own.

use super::{touch, use_console};
use crate::api;
use crate::components::feedback::error_text;
use crate::components::markup::{push, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::publishing::publishing_catalog;
use crate::i18n::{catalog, use_i18n};
use crate::wire::fhir::{PublishingSettings, BULK_PUBLISH_PATH};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const SWITCH_ID: &str = "publish-slots";
const SUBMIT_ID: &str = "publishing-submit";

#[derive(Clone, Default, PartialEq)]
struct State {
    on: bool,
    error: Option<&'static str>,
    /// What was last saved, to say so.
    saved: Option<bool>,
    busy: bool,
}

/// Whether the switch is ticked on the page now.
fn ticked() -> bool {
    let selector = format!("#{SWITCH_ID}:checked");
    matches!(document().query_selector(&selector), Ok(Some(_)))
}

/// The manifest's full address on this server, for the clinic to hand to a finder.
fn manifest_url() -> String {
    let origin = window().location().origin().unwrap_or_default();
    [origin.as_str(), BULK_PUBLISH_PATH].concat()
}

#[component]
pub fn PublishingForm() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let state = RwSignal::new(None::<State>);
    spawn_local(async move {
        // Shown only once known: the clinic form above explains a failure to load.
        if let Ok(settings) = api::console::publishing().await {
            state.set(Some(State {
                on: settings.publish_slots,
                ..State::default()
            }));
        }
    });

    let markup = Signal::derive(move || {
        let lang = i18n.lang.get();
        state.with(|state| {
            state
                .as_ref()
                .map(|state| render(state, lang))
                .unwrap_or_default()
        })
    });

    let on_submit = Callback::new(move |_| {
        if state.with_untracked(|s| s.as_ref().is_none_or(|s| s.busy)) {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let p = publishing_catalog(lang);
        let on = ticked();
        state.set(Some(State {
            on,
            busy: true,
            ..State::default()
        }));
        spawn_local(async move {
            let request = PublishingSettings { publish_slots: on };
            match api::console::save_publishing(&request).await {
                Ok(settings) => {
                    touch();
                    let on = settings.publish_slots;
                    state.set(Some(State {
                        on,
                        saved: Some(on),
                        ..State::default()
                    }));
                    announce(if on { p.saved_on } else { p.saved_off });
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let text = error_text(&error, catalog(lang));
                    state.set(Some(State {
                        on,
                        error: Some(text),
                        ..State::default()
                    }));
                    announce(text);
                    focus_id(SUBMIT_ID);
                }
            }
        });
    });

    view! { <Markup html=markup on_submit /> }
}

fn render(state: &State, lang: Language) -> String {
    let p = publishing_catalog(lang);
    let url = manifest_url();
    let mut out = String::new();
    push(
        &mut out,
        r#"<form id="publishing-form" class="publishing" novalidate><fieldset class="group" aria-describedby="publishing-hint"><legend>{}</legend><p class="hint" id="publishing-hint">{}</p><div class="choice"><input type="checkbox" id="{}"{}><label for="{}">{}</label></div><p class="hint">{} <a href="{}" data-testid="publishing-url">{}</a></p></fieldset>"#,
        &[
            p.legend,
            p.hint,
            SWITCH_ID,
            if state.on { " checked" } else { "" },
            SWITCH_ID,
            p.switch,
            p.where_,
            &url,
            &url,
        ],
    );
    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="{}" class="primary"{}>{}</button></div><div role="status" data-testid="publishing-status">"#,
        &[
            SUBMIT_ID,
            if state.busy {
                r#" aria-disabled="true""#
            } else {
                ""
            },
            p.save,
        ],
    );
    if let Some(error) = state.error {
        push(&mut out, r#"<p class="notice error">{}</p>"#, &[error]);
    }
    if let Some(on) = state.saved {
        push(
            &mut out,
            r#"<p class="notice ok">{}</p>"#,
            &[if on { p.saved_on } else { p.saved_off }],
        );
    }
    out.push_str("</div></form>");
    out
}
