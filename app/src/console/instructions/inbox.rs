//! `/console/questions`: the patients' questions about their instructions, open ones first
//! (`?state=answered` for the answered ones), each with its visit, whether the instructions
//! made sense, and a reply box. The reply appears on the patient's visit page. Below, the
//! "Not sure" report ([`super::report`]).

use super::report::UnderstandingReport;
use super::{editor_href, understanding_label, Field};
use crate::api::instructions_console::{questions, reply, InboxState};
use crate::api::ApiError;
use crate::components::announce;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{disabled, html, input_of, push, Act, Markup};
use crate::components::{focus_heading, focus_id, set_title};
use crate::console::{is_unauthorized, touch, use_console};
use crate::i18n::instructions_console::{instructions_console_catalog, InstructionsConsoleTr};
use crate::i18n::{catalog, fill, instant, local, use_i18n, DateStyle};
use crate::wire::instructions::{InboxQuestion, ReplyRequest};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// The server's limit, checked here first.
const MAX_REPLY: usize = 2000;

#[derive(Clone, Default)]
struct Ui {
    sending: Option<i64>,
    /// A reply refused or not valid: which question, and why.
    error: Option<(i64, &'static str)>,
    sent: bool,
}

fn reply_field(id: i64) -> String {
    let mut field = String::from("reply-");
    field.push_str(&id.to_string());
    field
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        if query.read().get_str("state") == Some("answered") {
            InboxState::Answered
        } else {
            InboxState::Open
        }
    });
    let data = RwSignal::new(None::<Result<Vec<InboxQuestion>, ApiError>>);
    let ui = RwSignal::new(Ui::default());
    // Replies being typed, by question, kept across redraws.
    let drafts = StoredValue::new(BTreeMap::<i64, String>::new());

    let load = move |state: InboxState| {
        spawn_local(async move {
            let result = match crate::console::signed_in(console).await {
                Ok(_) => questions(state).await,
                Err(error) => Err(error),
            };
            match &result {
                Ok(_) => touch(),
                Err(error) => {
                    console.check(error);
                }
            }
            data.set(Some(result));
        });
    };
    Effect::new(move |_| {
        let state = state.get();
        ui.set(Ui::default());
        load(state);
        focus_heading("inbox-title");
    });

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let w = instructions_console_catalog(lang);
        let t = catalog(lang);
        set_title(w.inbox_title);
        let zone = console
            .me
            .with(|me| me.as_ref().map(|me| me.clinic.time_zone.clone()))
            .unwrap_or_default();
        let mut out = html(
            r#"<h1 id="inbox-title" tabindex="-1">{}</h1>"#,
            &[w.inbox_title],
        );
        tabs(&mut out, state.get(), w);
        match data.get() {
            Some(Ok(list)) => {
                let drafts = drafts.get_value();
                render(
                    &mut out,
                    &list,
                    state.get(),
                    &ui.get(),
                    &drafts,
                    w,
                    &zone,
                    lang,
                );
            }
            Some(Err(error)) if !is_unauthorized(&error) => out.push_str(&load_error(t, &error)),
            _ => out.push_str(&skeleton(t, false)),
        }
        out
    });

    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((field, value, _)) = input_of(&ev) {
            if let Some(id) = field.strip_prefix("reply-").and_then(|id| id.parse().ok()) {
                drafts.update_value(|d| {
                    d.insert(id, value);
                });
            }
        }
    });

    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "retry" => load(state.get_untracked()),
        "reply" => {
            let Ok(id) = act.arg.parse::<i64>() else {
                return;
            };
            if ui.with_untracked(|ui| ui.sending.is_some()) {
                return;
            }
            let lang = i18n.lang.get_untracked();
            let w = instructions_console_catalog(lang);
            let text = drafts
                .with_value(|d| d.get(&id).cloned())
                .unwrap_or_default()
                .trim()
                .to_string();
            let invalid = if text.is_empty() {
                Some(w.reply_required)
            } else if text.chars().count() > MAX_REPLY {
                Some(w.reply_too_long)
            } else {
                None
            };
            if let Some(reason) = invalid {
                ui.set(Ui {
                    error: Some((id, reason)),
                    ..Ui::default()
                });
                focus_id(&reply_field(id));
                return;
            }
            ui.set(Ui {
                sending: Some(id),
                ..Ui::default()
            });
            spawn_local(async move {
                let result = reply(id, &ReplyRequest { text }).await;
                let w = instructions_console_catalog(i18n.lang.get_untracked());
                match result {
                    Ok(_) => {
                        touch();
                        drafts.update_value(|d| {
                            d.remove(&id);
                        });
                        announce(w.reply_sent);
                        ui.set(Ui {
                            sent: true,
                            ..Ui::default()
                        });
                        load(state.get_untracked());
                        focus_id("reply-sent");
                    }
                    Err(error) => {
                        if console.check(&error) {
                            return;
                        }
                        let text = reply_error(&error, w, lang);
                        announce(text);
                        ui.set(Ui {
                            error: Some((id, text)),
                            ..Ui::default()
                        });
                        focus_id(&reply_field(id));
                    }
                }
            });
        }
        _ => {}
    });

    view! {
        <div class="console inbox">
            <Markup html on_act on_input />
            <UnderstandingReport />
        </div>
    }
}

fn reply_error(
    error: &ApiError,
    w: &'static InstructionsConsoleTr,
    lang: Language,
) -> &'static str {
    match error.code() {
        "already_answered" => w.already_answered,
        "validation" => w.reply_too_long,
        _ => error_text(error, catalog(lang)),
    }
}

fn tabs(out: &mut String, state: InboxState, w: &'static InstructionsConsoleTr) {
    let current = |tab: InboxState| {
        if tab == state {
            r#" aria-current="page""#
        } else {
            ""
        }
    };
    // Links, not ARIA tabs: each list has its own address.
    out.push_str(r#"<nav class="day-nav inbox-tabs" aria-labelledby="inbox-title"><a class="button secondary" href="/console/questions""#);
    out.push_str(current(InboxState::Open));
    push(
        out,
        r#">{}</a><a class="button secondary" href="/console/questions?state=answered""#,
        &[w.tab_open],
    );
    out.push_str(current(InboxState::Answered));
    push(out, ">{}</a></nav>", &[w.tab_answered]);
}

#[allow(clippy::too_many_arguments)]
fn render(
    out: &mut String,
    list: &[InboxQuestion],
    state: InboxState,
    ui: &Ui,
    drafts: &BTreeMap<i64, String>,
    w: &'static InstructionsConsoleTr,
    zone: &str,
    lang: Language,
) {
    if ui.sent {
        push(
            out,
            r#"<p class="notice ok" id="reply-sent" tabindex="-1" data-testid="reply-sent">{}</p>"#,
            &[w.reply_sent],
        );
    }
    if list.is_empty() {
        push(
            out,
            r#"<p class="muted" data-testid="inbox-empty">{}</p>"#,
            &[if state == InboxState::Open {
                w.inbox_empty_open
            } else {
                w.inbox_empty_answered
            }],
        );
        return;
    }
    out.push_str(r#"<ul class="inbox-list">"#);
    for question in list {
        let id = question.id.to_string();
        push(
            out,
            r#"<li class="panel" data-testid="inbox-question"><h2 id="q-{}">{}</h2><p class="muted">{}</p><p class="muted">{}</p><p class="question-text">{}</p><p>{} <strong>{}</strong></p><p><a href="{}">{}</a></p>"#,
            &[
                &id,
                &question.patient_name,
                &fill(
                    w.about_visit,
                    &[
                        &question.service_name,
                        &question.practitioner_name,
                        &local(question.visit_date, "12:00", lang, DateStyle::Long),
                    ],
                ),
                &fill(w.asked, &[&instant(question.asked_at, zone, lang)]),
                &question.text,
                w.understanding,
                understanding_label(w, question.understanding),
                &editor_href(question.appointment_id),
                w.see_instructions,
            ],
        );
        match &question.reply {
            Some(reply) => push(
                out,
                r#"<div class="reply" data-testid="inbox-reply"><p class="muted">{}</p><p class="question-text">{}</p></div>"#,
                &[
                    &fill(
                        w.replied,
                        &[&reply.replied_by, &instant(reply.replied_at, zone, lang)],
                    ),
                    &reply.text,
                ],
            ),
            None => {
                let field = reply_field(question.id);
                let error = ui
                    .error
                    .filter(|(about, _)| *about == question.id)
                    .map(|(_, text)| text);
                Field {
                    id: &field,
                    label: w.reply,
                    hint: None,
                    error,
                    value: drafts.get(&question.id).map_or("", String::as_str),
                    rows: Some(4),
                }
                .render(out);
                let sending = ui.sending == Some(question.id);
                push(
                    out,
                    r#"<button type="button" class="primary" data-act="reply {}" aria-describedby="q-{}"{}>{}</button>"#,
                    &[
                        &id,
                        &id,
                        disabled(sending),
                        if sending {
                            catalog(lang).working
                        } else {
                            w.send_reply
                        },
                    ],
                );
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}
