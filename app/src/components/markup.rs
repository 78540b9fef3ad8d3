//! Screens rendered from markup templates, with one delegated handler for their controls.
//!
//! Every element written in `view!` becomes its own monomorphized code in the bundle (around a
//! kilobyte each, measured), which would put the app far over its size budget. So screens are
//! written as trusted constant templates whose `{}` holes are always HTML-escaped, and shown
//! through the one [`Markup`] component. Controls inside carry `data-act="name arg"`; a click
//! on one reaches the screen's `on_act` callback as an [`Act`]. Links are plain `<a href>`,
//! which the router turns into client-side navigation.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

pub use crate::html::{escape_into, facts, html, push};

/// `" disabled"` when `disabled`, for a template hole inside a tag.
pub fn disabled(disabled: bool) -> &'static str {
    if disabled {
        " disabled"
    } else {
        ""
    }
}

/// `"true"`/`"false"` for an ARIA state.
pub fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// What a click on a `data-act="name arg"` control asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Act {
    pub name: String,
    pub arg: String,
}

impl Act {
    pub fn index(&self) -> Option<usize> {
        self.arg.parse().ok()
    }
}

fn act_of(ev: &web_sys::Event) -> Option<Act> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let control = target.closest("[data-act]").ok()??;
    let act = control.get_attribute("data-act")?;
    let (name, arg) = act.split_once(' ').unwrap_or((&act, ""));
    Some(Act {
        name: name.to_string(),
        arg: arg.to_string(),
    })
}

/// Markup rendered from a template, re-rendered when `html` changes.
#[component]
pub fn Markup(
    #[prop(into)] html: Signal<String>,
    /// Clicks on `data-act` controls inside.
    #[prop(optional)]
    on_act: Option<Callback<Act>>,
    /// `input` events of the form fields inside.
    #[prop(optional)]
    on_input: Option<Callback<web_sys::Event>>,
    /// Submission of a form inside (the browser's own submit is prevented).
    #[prop(optional)]
    on_submit: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div
            inner_html=html
            on:click=move |ev| {
                if let (Some(on_act), Some(act)) = (on_act, act_of(&ev)) {
                    ev.prevent_default();
                    on_act.run(act);
                }
            }
            on:input=move |ev| {
                if let Some(on_input) = on_input {
                    on_input.run(ev);
                }
            }
            on:submit=move |ev| {
                if let Some(on_submit) = on_submit {
                    ev.prevent_default();
                    on_submit.run(());
                }
            }
        ></div>
    }
}

/// The id, value and checked state of the form control an `input` event came from.
pub fn input_of(ev: &web_sys::Event) -> Option<(String, String, bool)> {
    let target = ev.target()?;
    let id = target.dyn_ref::<web_sys::Element>()?.id();
    let read = |key: &str| js_sys::Reflect::get(&target, &key.into()).ok();
    let value = read("value")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let checked = read("checked")
        .and_then(|v| v.as_bool())
        .unwrap_or_default();
    Some((id, value, checked))
}
