//! `/console/follow-ups?state=open|contacted|resolved`: patients whose survey answers need a
//! person (a low rating, a detractor, a "No" about communication), oldest first. Each item says
//! who, which visit, why, what they said and whether they may be contacted, with its history
//! and the actions that move it open → contacted → resolved (and back to open).

mod glance;
mod item;

pub(crate) use glance::{glance, refresh_open_count};

use crate::api::feedback_console::{follow_ups, update_follow_up};
use crate::api::ApiError;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{html, input_of, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::console::{is_unauthorized, touch, use_console};
use crate::i18n::feedback_console::{feedback_console_catalog, FeedbackConsoleTr};
use crate::i18n::{catalog, fill, use_i18n};
use crate::wire::console::StaffRole;
use crate::wire::feedback::{FollowUpAction, FollowUpList, FollowUpState, FollowUpUpdate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// The server's limit on a note, checked here first.
const MAX_NOTE: usize = 2000;

#[derive(Clone, Default)]
pub(super) struct Ui {
    /// The item whose action is on its way.
    pub busy: Option<i64>,
    /// An action refused or not valid: which item, and why.
    pub error: Option<(i64, &'static str)>,
    /// What the last action did (shown above the list, focusable), and whether it was
    /// refused (the list was out of date) rather than done.
    pub done: Option<(String, bool)>,
}

pub(super) fn note_field(id: i64) -> String {
    let mut field = String::from("note-");
    field.push_str(&id.to_string());
    field
}

pub(super) fn heading_id(id: i64) -> String {
    let mut field = String::from("fu-");
    field.push_str(&id.to_string());
    field
}

pub(super) fn state_label(w: &'static FeedbackConsoleTr, state: FollowUpState) -> &'static str {
    match state {
        FollowUpState::Open => w.state_open,
        FollowUpState::Contacted => w.state_contacted,
        FollowUpState::Resolved => w.state_resolved,
    }
}

/// Where an action leaves an item.
fn state_after(action: FollowUpAction, before: FollowUpState) -> FollowUpState {
    match action {
        FollowUpAction::Contacted => FollowUpState::Contacted,
        FollowUpAction::Resolved => FollowUpState::Resolved,
        FollowUpAction::Reopened => FollowUpState::Open,
        FollowUpAction::Note => before,
    }
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query
            .read()
            .get_str("state")
            .and_then(FollowUpState::from_code)
            .unwrap_or(FollowUpState::Open)
    });
    let data = RwSignal::new(None::<Result<(StaffRole, FollowUpList), ApiError>>);
    let ui = RwSignal::new(Ui::default());
    // Notes being typed, by item, kept across redraws.
    let drafts = StoredValue::new(BTreeMap::<i64, String>::new());
    // Where focus goes once the list has been loaded again after an action.
    let focus_after = StoredValue::new(None::<i64>);

    let load = move |state: FollowUpState| {
        spawn_local(async move {
            let result = match crate::console::signed_in(console).await {
                Ok(me) => follow_ups(state).await.map(|list| (me.role, list)),
                Err(error) => Err(error),
            };
            match &result {
                Ok((_, list)) => {
                    touch();
                    console.open_follow_ups.set(Some(list.summary.open));
                }
                Err(error) => {
                    console.check(error);
                }
            }
            let still_here = focus_after.get_value().filter(|id| {
                result
                    .as_ref()
                    .is_ok_and(|(_, list)| list.items.iter().any(|item| item.id == *id))
            });
            let acted = focus_after.get_value().is_some();
            focus_after.set_value(None);
            data.set(Some(result));
            // After an action: back to the item if it is still in this list, else to what
            // the action did (it says where the item went).
            match still_here {
                Some(id) => focus_id(&heading_id(id)),
                None if acted => focus_id("fu-done"),
                None => {}
            }
        });
    };
    Effect::new(move |_| {
        let state = state.get();
        ui.set(Ui::default());
        load(state);
        focus_heading("fu-title");
    });

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let w = feedback_console_catalog(lang);
        let t = catalog(lang);
        set_title(w.queue_title);
        let zone = console
            .me
            .with(|me| me.as_ref().map(|me| me.clinic.time_zone.clone()))
            .unwrap_or_default();
        let mut out = html(
            r#"<h1 id="fu-title" tabindex="-1">{}</h1><p class="muted intro">{}</p>"#,
            &[w.queue_title, w.queue_intro],
        );
        match data.get() {
            Some(Ok((role, list))) => {
                tabs(&mut out, state.get(), &list, w);
                let ui = ui.get();
                if let Some((done, refused)) = &ui.done {
                    push(
                        &mut out,
                        r#"<p class="notice {}" id="fu-done" tabindex="-1" data-testid="follow-up-done">{}</p>"#,
                        &[if *refused { "warn" } else { "ok" }, done],
                    );
                }
                if list.items.is_empty() {
                    push(
                        &mut out,
                        r#"<p class="notice empty-queue" data-testid="follow-ups-empty">{}</p>"#,
                        &[match state.get() {
                            FollowUpState::Open => w.empty_open,
                            FollowUpState::Contacted => w.empty_contacted,
                            FollowUpState::Resolved => w.empty_resolved,
                        }],
                    );
                } else {
                    out.push_str(r#"<ul class="follow-ups">"#);
                    let drafts = drafts.get_value();
                    for entry in &list.items {
                        let draw = item::Draw {
                            item: entry,
                            note: drafts.get(&entry.id).map_or("", String::as_str),
                            error: ui
                                .error
                                .filter(|(id, _)| *id == entry.id)
                                .map(|(_, text)| text),
                            busy: ui.busy == Some(entry.id),
                            show_record: role != StaffRole::Practitioner,
                            zone: &zone,
                            lang,
                        };
                        draw.render(&mut out, w, t);
                    }
                    out.push_str("</ul>");
                }
            }
            Some(Err(error)) if !is_unauthorized(&error) => out.push_str(&load_error(t, &error)),
            _ => out.push_str(&skeleton(t, false)),
        }
        out
    });

    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((field, value, _)) = input_of(&ev) {
            if let Some(id) = field.strip_prefix("note-").and_then(|id| id.parse().ok()) {
                drafts.update_value(|d| {
                    d.insert(id, value);
                });
            }
        }
    });

    let act = move |action: FollowUpAction, id: i64| {
        if ui.with_untracked(|ui| ui.busy.is_some()) {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let w = feedback_console_catalog(lang);
        let Some((patient, before)) = data.with_untracked(|data| {
            let (_, list) = data.as_ref()?.as_ref().ok()?;
            let item = list.items.iter().find(|item| item.id == id)?;
            Some((item.patient_name.clone(), item.state))
        }) else {
            return;
        };
        let note = drafts
            .with_value(|d| d.get(&id).cloned())
            .unwrap_or_default()
            .trim()
            .to_string();
        let invalid = if action == FollowUpAction::Note && note.is_empty() {
            Some(w.note_required)
        } else if note.chars().count() > MAX_NOTE {
            Some(w.note_too_long)
        } else {
            None
        };
        if let Some(reason) = invalid {
            ui.set(Ui {
                error: Some((id, reason)),
                ..Ui::default()
            });
            announce(reason);
            focus_id(&note_field(id));
            return;
        }
        ui.set(Ui {
            busy: Some(id),
            ..Ui::default()
        });
        let update = FollowUpUpdate {
            action,
            note: (!note.is_empty()).then_some(note),
        };
        spawn_local(async move {
            let result = update_follow_up(id, &update).await;
            let w = feedback_console_catalog(i18n.lang.get_untracked());
            match result {
                Ok(_) => {
                    touch();
                    drafts.update_value(|d| {
                        d.remove(&id);
                    });
                    let after = state_after(action, before);
                    let mut message = fill(
                        match action {
                            FollowUpAction::Contacted => w.done_contacted,
                            FollowUpAction::Resolved => w.done_resolved,
                            FollowUpAction::Reopened => w.done_reopened,
                            FollowUpAction::Note => w.done_note,
                        },
                        &[&patient],
                    );
                    if after != before {
                        message.push(' ');
                        message.push_str(&fill(w.now_under, &[state_label(w, after)]));
                    }
                    announce(message.clone());
                    ui.set(Ui {
                        done: Some((message, false)),
                        ..Ui::default()
                    });
                    focus_after.set_value(Some(id));
                    load(state.get_untracked());
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let (text, reload) = match &error {
                        ApiError::Status(409, _) => (w.invalid_transition, true),
                        ApiError::Status(403, _) => (w.not_allowed, false),
                        ApiError::Status(404, _) => (w.gone, true),
                        ApiError::Status(422, _) => (w.note_too_long, false),
                        error => (error_text(error, catalog(lang)), false),
                    };
                    announce(text);
                    if reload {
                        // What is shown is out of date: show it as it stands, with the
                        // message above the list.
                        ui.set(Ui {
                            done: Some((text.to_string(), true)),
                            ..Ui::default()
                        });
                        focus_after.set_value(Some(id));
                        load(state.get_untracked());
                    } else {
                        ui.set(Ui {
                            error: Some((id, text)),
                            ..Ui::default()
                        });
                        focus_id(&note_field(id));
                    }
                }
            }
        });
    };

    let on_act = Callback::new(move |a: Act| match a.name.as_str() {
        "retry" => load(state.get_untracked()),
        "fu" => {
            let (code, id) = a.arg.split_once(' ').unwrap_or_default();
            if let (Some(action), Ok(id)) = (FollowUpAction::from_code(code), id.parse()) {
                act(action, id);
            }
        }
        _ => {}
    });

    view! {
        <div class="console follow-ups-page">
            <Markup html on_act on_input />
        </div>
    }
}

/// One link per state with its count; the current one marked. Links, not ARIA tabs: each
/// list has its own address.
fn tabs(
    out: &mut String,
    state: FollowUpState,
    list: &FollowUpList,
    w: &'static FeedbackConsoleTr,
) {
    push(
        out,
        r#"<nav class="day-nav follow-up-tabs" aria-label="{}">"#,
        &[w.tabs_label],
    );
    for tab in FollowUpState::ALL {
        let (label, count) = match tab {
            FollowUpState::Open => (w.tab_open, list.summary.open),
            FollowUpState::Contacted => (w.tab_contacted, list.summary.contacted),
            FollowUpState::Resolved => (w.tab_resolved, list.summary.resolved),
        };
        let href = if tab == FollowUpState::Open {
            String::from("/console/follow-ups")
        } else {
            String::from("/console/follow-ups?state=") + tab.code()
        };
        push(
            out,
            r#"<a class="button secondary" href="{}" data-testid="tab-{}""#,
            &[&href, tab.code()],
        );
        if tab == state {
            out.push_str(r#" aria-current="page""#);
        }
        push(out, ">{}</a>", &[&fill(label, &[&count.to_string()])]);
    }
    out.push_str("</nav>");
}
