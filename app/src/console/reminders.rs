//! The clinic screen's "Reminders" section (admins): when patients are reminded of their visit,
//! as up to three lead times. A form of its own below the clinic profile, saved on its own.

use super::{touch, use_console};
use crate::api;
use crate::components::feedback::error_text;
use crate::components::markup::{push, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::use_i18n;
use crate::i18n::visit_messages::{lead_time, reminders_catalog};
use crate::wire::messages::ReminderSettings;
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The lead times offered, in minutes: 1, 2, 3, 6, 12, 24, 48, 72 hours and a week.
const CHOICES: [u32; 9] = [60, 120, 180, 360, 720, 1440, 2880, 4320, 10080];
const GROUP: &str = "reminder-minutes";
const SUBMIT_ID: &str = "reminders-submit";

#[derive(Clone, Default, PartialEq)]
struct State {
    chosen: Vec<u32>,
    error: Option<&'static str>,
    saved: bool,
    busy: bool,
}

/// The lead times shown: the offered ones and any other already set.
fn choices(chosen: &[u32]) -> Vec<u32> {
    let mut choices = CHOICES.to_vec();
    for minutes in chosen {
        if !choices.contains(minutes) {
            choices.push(*minutes);
        }
    }
    choices.sort_unstable();
    choices
}

/// Of the lead times shown, the ticked ones.
fn ticked(shown: &[u32]) -> Vec<u32> {
    shown
        .iter()
        .copied()
        .filter(|minutes| {
            let selector = format!("#reminder-{minutes}:checked");
            matches!(document().query_selector(&selector), Ok(Some(_)))
        })
        .collect()
}

#[component]
pub fn RemindersForm() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let state = RwSignal::new(None::<State>);
    spawn_local(async move {
        // Shown only once known: the clinic form above explains a failure to load.
        if let Ok(settings) = api::messages::reminders().await {
            state.set(Some(State {
                chosen: settings.minutes_before,
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
        let w = reminders_catalog(lang);
        let shown = state.with_untracked(|s| s.as_ref().map(|s| choices(&s.chosen)));
        let chosen = ticked(&shown.unwrap_or_default());
        state.set(Some(State {
            chosen: chosen.clone(),
            busy: true,
            ..State::default()
        }));
        spawn_local(async move {
            let request = ReminderSettings {
                minutes_before: chosen.clone(),
            };
            match api::messages::save_reminders(&request).await {
                Ok(settings) => {
                    touch();
                    state.set(Some(State {
                        chosen: settings.minutes_before,
                        saved: true,
                        ..State::default()
                    }));
                    announce(w.saved);
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let reason = error
                        .body()
                        .and_then(|body| body.fields.as_ref())
                        .and_then(|fields| fields.get("minutes_before"))
                        .map(String::as_str);
                    let text = match reason {
                        Some("too_many") => w.too_many,
                        Some("out_of_range") => w.out_of_range,
                        Some("repeated") => w.repeated,
                        _ => error_text(&error, crate::i18n::catalog(lang)),
                    };
                    state.set(Some(State {
                        chosen,
                        error: Some(text),
                        ..State::default()
                    }));
                    announce(text);
                    focus_id(GROUP);
                }
            }
        });
    });

    view! { <Markup html=markup on_submit /> }
}

fn render(state: &State, lang: Language) -> String {
    let w = reminders_catalog(lang);
    let mut out = String::new();
    let described = if state.error.is_some() {
        "reminders-hint reminders-error"
    } else {
        "reminders-hint"
    };
    push(
        &mut out,
        r#"<form id="reminders-form" class="reminders" novalidate><fieldset class="group{}" id="{}" tabindex="-1" aria-describedby="{}"><legend>{}</legend><p class="hint" id="reminders-hint">{}</p>"#,
        &[
            if state.error.is_some() {
                " has-error"
            } else {
                ""
            },
            GROUP,
            described,
            w.legend,
            w.hint,
        ],
    );
    if let Some(error) = state.error {
        push(
            &mut out,
            r#"<p class="field-error" id="reminders-error">{}</p>"#,
            &[error],
        );
    }
    // A time set some other way (the API allows any from 30 minutes to 14 days) stays shown.
    for minutes in choices(&state.chosen) {
        let value = minutes.to_string();
        push(
            &mut out,
            r#"<div class="choice"><input type="checkbox" id="reminder-{}" name="{}" value="{}"{}><label for="reminder-{}">{}</label></div>"#,
            &[
                &value,
                GROUP,
                &value,
                if state.chosen.contains(&minutes) {
                    " checked"
                } else {
                    ""
                },
                &value,
                &lead_time(minutes, lang),
            ],
        );
    }
    push(
        &mut out,
        r#"</fieldset><div class="actions"><button type="submit" id="{}" class="primary"{}>{}</button></div><div role="status" data-testid="reminders-status">"#,
        &[
            SUBMIT_ID,
            if state.busy {
                r#" aria-disabled="true""#
            } else {
                ""
            },
            w.save,
        ],
    );
    if state.saved {
        push(&mut out, r#"<p class="notice ok">{}</p>"#, &[w.saved]);
    }
    out.push_str("</div></form>");
    out
}
