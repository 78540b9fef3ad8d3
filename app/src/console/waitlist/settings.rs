//! The waitlist page's settings (admins): how long an offered time is held for one patient
//! before it goes to the next, and how long patients stay on the list. Checked here against
//! the same ranges as the server, then saved on its own.

use super::super::{touch, use_console};
use crate::api::waitlist_console::{save_settings, settings};
use crate::components::feedback::error_text;
use crate::components::markup::{input_of, push, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::waitlist_console::{waitlist_console_catalog, WaitlistConsoleTr};
use crate::i18n::{catalog, fill, use_i18n};
use crate::wire::waitlist::{WaitlistSettings, ENTRY_DAYS_RANGE, HOLD_MINUTES_RANGE};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::ops::RangeInclusive;

const HOLD: &str = "waitlist-hold-minutes";
const DAYS: &str = "waitlist-entry-days";
const SUBMIT: &str = "waitlist-settings-submit";

#[derive(Clone, Default, PartialEq)]
struct State {
    hold: String,
    days: String,
    hold_error: bool,
    days_error: bool,
    /// A failed save not about one field.
    problem: Option<&'static str>,
    saved: bool,
    busy: bool,
}

impl State {
    fn loaded(settings: &WaitlistSettings) -> Self {
        State {
            hold: settings.hold_minutes.to_string(),
            days: settings.entry_days.to_string(),
            ..State::default()
        }
    }
}

/// A whole number in `range`, from what was typed.
fn in_range(text: &str, range: &RangeInclusive<u32>) -> Option<u32> {
    text.trim().parse().ok().filter(|n| range.contains(n))
}

#[component]
pub fn SettingsForm() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let state = RwSignal::new(None::<State>);
    // Typed values, kept apart from what the markup shows so typing never redraws it.
    let typed = StoredValue::new((String::new(), String::new()));
    spawn_local(async move {
        match settings().await {
            Ok(loaded) => {
                touch();
                let loaded = State::loaded(&loaded);
                typed.set_value((loaded.hold.clone(), loaded.days.clone()));
                state.set(Some(loaded));
            }
            Err(error) => {
                console.check(&error);
            }
        }
    });

    let markup = Signal::derive(move || {
        let lang = i18n.lang.get();
        state.with(|s| s.as_ref().map(|s| render(s, lang)).unwrap_or_default())
    });
    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((id, value, _)) = input_of(&ev) {
            typed.update_value(|(hold, days)| match id.as_str() {
                HOLD => *hold = value,
                DAYS => *days = value,
                _ => {}
            });
        }
    });
    let on_submit = Callback::new(move |_| {
        if state.with_untracked(|s| s.as_ref().is_none_or(|s| s.busy)) {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let w = waitlist_console_catalog(lang);
        let (hold, days) = typed.get_value();
        let (hold_minutes, entry_days) = (
            in_range(&hold, &HOLD_MINUTES_RANGE),
            in_range(&days, &ENTRY_DAYS_RANGE),
        );
        let mut next = State {
            hold: hold.clone(),
            days: days.clone(),
            hold_error: hold_minutes.is_none(),
            days_error: entry_days.is_none(),
            ..State::default()
        };
        let (Some(hold_minutes), Some(entry_days)) = (hold_minutes, entry_days) else {
            let first = if next.hold_error { HOLD } else { DAYS };
            state.set(Some(next));
            announce(catalog(lang).flow().error_summary);
            focus_id(first);
            return;
        };
        next.busy = true;
        state.set(Some(next.clone()));
        spawn_local(async move {
            let request = WaitlistSettings {
                hold_minutes,
                entry_days,
            };
            match save_settings(&request).await {
                Ok(saved) => {
                    touch();
                    let mut now = State::loaded(&saved);
                    now.saved = true;
                    typed.set_value((now.hold.clone(), now.days.clone()));
                    state.set(Some(now));
                    announce(w.saved);
                    focus_id(SUBMIT);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let fields = error
                        .body()
                        .and_then(|b| b.fields.clone())
                        .unwrap_or_default();
                    next.busy = false;
                    next.hold_error = fields.contains_key("hold_minutes");
                    next.days_error = fields.contains_key("entry_days");
                    if !next.hold_error && !next.days_error {
                        next.problem = Some(error_text(&error, catalog(lang)));
                    }
                    let focus = if next.hold_error {
                        HOLD
                    } else if next.days_error {
                        DAYS
                    } else {
                        SUBMIT
                    };
                    announce(next.problem.unwrap_or(catalog(lang).flow().error_summary));
                    state.set(Some(next));
                    focus_id(focus);
                }
            }
        });
    });
    view! { <Markup html=markup on_input on_submit /> }
}

fn number_field(
    out: &mut String,
    id: &str,
    label: &str,
    hint: &str,
    value: &str,
    error: Option<String>,
) {
    push(
        out,
        r#"<div class="field{}"><label for="{}">{}</label><p class="hint" id="{}-hint">{}</p>"#,
        &[
            if error.is_some() { " has-error" } else { "" },
            id,
            label,
            id,
            hint,
        ],
    );
    if let Some(error) = &error {
        push(
            out,
            r#"<p class="field-error" id="{}-error">{}</p>"#,
            &[id, error],
        );
    }
    let mut described = [id, "-hint"].concat();
    if error.is_some() {
        described.push(' ');
        described.push_str(id);
        described.push_str("-error");
    }
    push(
        out,
        r#"<input type="text" inputmode="numeric" autocomplete="off" class="short" id="{}" value="{}" aria-describedby="{}""#,
        &[id, value, &described],
    );
    // Trusted markup, so not through a hole (holes are escaped).
    if error.is_some() {
        out.push_str(r#" aria-invalid="true""#);
    }
    out.push_str("></div>");
}

fn range_error(w: &'static WaitlistConsoleTr, range: &RangeInclusive<u32>) -> String {
    fill(
        w.e_range,
        &[&range.start().to_string(), &range.end().to_string()],
    )
}

fn render(state: &State, lang: Language) -> String {
    let w = waitlist_console_catalog(lang);
    let mut out = String::new();
    push(
        &mut out,
        r#"<section class="waitlist-settings" aria-labelledby="waitlist-settings-title"><h2 id="waitlist-settings-title">{}</h2><form id="waitlist-settings" novalidate>"#,
        &[w.settings],
    );
    number_field(
        &mut out,
        HOLD,
        w.hold_minutes,
        w.hold_hint,
        &state.hold,
        state
            .hold_error
            .then(|| range_error(w, &HOLD_MINUTES_RANGE)),
    );
    number_field(
        &mut out,
        DAYS,
        w.entry_days,
        w.entry_hint,
        &state.days,
        state.days_error.then(|| range_error(w, &ENTRY_DAYS_RANGE)),
    );
    if let Some(problem) = state.problem {
        push(&mut out, r#"<p class="notice error">{}</p>"#, &[problem]);
    }
    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="{}" class="primary"{}>{}</button></div><div role="status" data-testid="waitlist-settings-status">"#,
        &[
            SUBMIT,
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
    out.push_str("</div></form></section>");
    out
}
