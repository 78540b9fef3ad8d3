//! `/console/waitlist` (any staff): who waits for a time to open up, in the order a freed
//! time is offered (with what each asked for, when they joined and leave the list, and a time
//! held for them), then those who left the list lately. Front desk and admins can take
//! someone off the list, after a confirm step; admins also set how long an offered time is
//! held and how long patients stay on the list (`settings`).

mod rows;
mod settings;

use super::setup_form::{not_ready, setup_words, TITLE_ID};
use super::{signed_in, touch, use_console};
use crate::api::waitlist_console::{remove, waitlist};
use crate::api::ApiError;
use crate::components::feedback::error_text;
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::waitlist_console::waitlist_console_catalog;
use crate::i18n::{catalog, fill, use_i18n};
use crate::wire::console::{StaffMe, StaffRole};
use crate::wire::waitlist::ConsoleWaitlist;
use leptos::prelude::*;
use leptos::task::spawn_local;

const WAITING_ID: &str = "waitlist-waiting-title";

/// What the page says about the last removal.
#[derive(Clone, Debug, PartialEq)]
enum Said {
    Removed(String),
    Failed(&'static str),
}

#[component]
pub fn WaitlistPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            let me = signed_in(console).await?;
            let list = waitlist().await?;
            touch();
            Ok::<(StaffMe, ConsoleWaitlist), ApiError>((me, list))
        }
    });
    let first = StoredValue::new(true);
    Effect::new(move |_| match loaded.get() {
        Some(Ok(_)) if first.get_value() => {
            first.set_value(false);
            focus_heading(TITLE_ID);
        }
        Some(Err(error)) if !console.check(&error) => focus_heading(TITLE_ID),
        _ => {}
    });
    // The entry whose Remove is being confirmed, a removal on its way, and its outcome.
    let confirming = RwSignal::new(None::<i64>);
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<Said>);

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let w = waitlist_console_catalog(lang);
        match loaded.get() {
            Some(Ok((me, list))) => {
                set_title(w.title);
                let may_remove = me.role != StaffRole::Practitioner;
                let mut out = html(
                    r#"<div class="waitlist-console"><h1 id="setup-title" tabindex="-1">{}</h1><p class="lead">{}</p><div role="status" data-testid="waitlist-status">"#,
                    &[w.title, w.intro],
                );
                match said.get() {
                    Some(Said::Removed(text)) => {
                        push(&mut out, r#"<p class="notice ok">{}</p>"#, &[&text])
                    }
                    Some(Said::Failed(text)) => {
                        push(&mut out, r#"<p class="notice error">{}</p>"#, &[text])
                    }
                    None => {}
                }
                push(
                    &mut out,
                    r#"</div><h2 id="{}" tabindex="-1">{} ({})</h2>"#,
                    &[WAITING_ID, w.waiting, &list.waiting.len().to_string()],
                );
                let options = rows::Options {
                    zone: &me.clinic.time_zone,
                    lang,
                    may_remove,
                    confirming: confirming.get(),
                    busy: busy.get(),
                };
                if list.waiting.is_empty() {
                    push(
                        &mut out,
                        r#"<p class="muted" data-testid="waitlist-empty">{}</p>"#,
                        &[w.waiting_empty],
                    );
                } else {
                    rows::list(&mut out, &list.waiting, "waitlist-waiting", &options);
                }
                push(&mut out, "<h2>{}</h2>", &[w.recent]);
                if list.recent.is_empty() {
                    push(&mut out, r#"<p class="muted">{}</p>"#, &[w.recent_empty]);
                } else {
                    let options = rows::Options {
                        may_remove: false,
                        ..options
                    };
                    rows::list(&mut out, &list.recent, "waitlist-recent", &options);
                }
                out.push_str("</div>");
                out
            }
            other => not_ready(other.as_ref(), setup_words(), catalog(lang)),
        }
    });

    let on_act = Callback::new(move |act: Act| {
        let lang = i18n.lang.get_untracked();
        let w = waitlist_console_catalog(lang);
        match act.name.as_str() {
            "retry" => reload.update(|n| *n += 1),
            "remove" => {
                if let Ok(id) = act.arg.parse::<i64>() {
                    said.set(None);
                    confirming.set(Some(id));
                    focus_id(&rows::control_id("remove-yes", id));
                }
            }
            "remove-keep" => {
                if let Some(id) = confirming.get_untracked() {
                    confirming.set(None);
                    focus_id(&rows::control_id("remove", id));
                }
            }
            "remove-yes" => {
                let Some(id) = confirming.get_untracked() else {
                    return;
                };
                if busy.get_untracked() {
                    return;
                }
                let name = loaded.with_untracked(|loaded| {
                    loaded
                        .as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .and_then(|(_, list)| list.waiting.iter().find(|e| e.id == id))
                        .map(|e| e.patient_name.clone())
                        .unwrap_or_default()
                });
                busy.set(true);
                spawn_local(async move {
                    let result = remove(id).await;
                    busy.set(false);
                    confirming.set(None);
                    match result {
                        // Gone already (someone else removed it, or it expired): the list as it
                        // is now says so.
                        Ok(()) | Err(ApiError::Status(404, _)) => {
                            touch();
                            let text = fill(w.removed, &[&name]);
                            announce(text.clone());
                            said.set(Some(Said::Removed(text)));
                            reload.update(|n| *n += 1);
                            focus_id(WAITING_ID);
                        }
                        Err(error) => {
                            if console.check(&error) {
                                return;
                            }
                            let text = if super::is_forbidden(&error) {
                                setup_words().not_allowed_title
                            } else {
                                error_text(&error, catalog(lang))
                            };
                            announce(text);
                            said.set(Some(Said::Failed(text)));
                            focus_id(WAITING_ID);
                        }
                    }
                });
            }
            _ => {}
        }
    });
    let admin = Memo::new(
        move |_| matches!(loaded.get(), Some(Ok((me, _))) if me.role == StaffRole::Admin),
    );
    view! {
        <Markup html on_act />
        {move || admin.get().then(|| view! { <settings::SettingsForm /> })}
    }
}
