//! Cancelling a visit: one confirm step with an optional reason.

use crate::api::{self, ApiError};
use crate::components::markup::{escape_into, flag, input_of, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id};
use crate::i18n::use_i18n;
use crate::wire::{Appointment, CancelRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Cancel(
    token: String,
    on_done: Callback<(Appointment, String)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let t = use_i18n().now();
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    focus_heading("cancel-title");

    let html = Signal::derive(move || {
        let mut out = String::new();
        push(
            &mut out,
            r#"<section class="panel" aria-labelledby="cancel-title"><h2 id="cancel-title" tabindex="-1">{}</h2><div class="field"><label for="cancel-reason">{} <span class="optional">{}</span></label><textarea id="cancel-reason" rows="3" maxlength="500">"#,
            &[t.cancel_title, t.cancel_reason, t.optional],
        );
        escape_into(&mut out, &reason.get_untracked());
        out.push_str("</textarea></div>");
        if let Some(error) = failure.get() {
            super::change_refused(&mut out, &error, t);
        }
        let busy = busy.get();
        push(
            &mut out,
            r#"<div class="actions"><button type="button" id="cancel-confirm" class="danger" data-act="confirm" aria-disabled="{}">{}</button><button type="button" class="secondary" data-act="close">{}</button></div></section>"#,
            &[
                flag(busy),
                if busy {
                    t.working
                } else {
                    t.visit().cancel_yes
                },
                t.cancel_keep,
            ],
        );
        out
    });

    let confirm = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        focus_id("cancel-confirm");
        let token = token.clone();
        spawn_local(async move {
            let reason = reason.get_untracked();
            let reason = reason.trim();
            let request = CancelRequest {
                reason: (!reason.is_empty()).then(|| reason.to_string()),
            };
            match api::cancel(&token, &request).await {
                Ok(cancelled) => {
                    announce(t.visit().now_cancelled);
                    on_done.run((cancelled, t.visit().now_cancelled.to_string()));
                }
                Err(error) => {
                    busy.set(false);
                    failure.set(Some(error));
                }
            }
        });
    };
    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "confirm" => confirm(),
        _ => on_close.run(()),
    });
    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((_, value, _)) = input_of(&ev) {
            reason.set(value);
        }
    });
    view! { <Markup html on_act on_input /> }
}
