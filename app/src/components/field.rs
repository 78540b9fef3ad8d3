//! A labelled form field with an optional hint and an inline error, wired up for assistive tech.

use crate::i18n::{use_i18n, Tr};
use leptos::prelude::*;

/// A catalog entry, looked up when the language changes.
pub type Text = fn(&'static Tr) -> &'static str;

fn joined(a: &str, b: &str) -> String {
    let mut id = String::from(a);
    id.push_str(b);
    id
}

#[component]
pub fn TextField(
    /// The element id (the `<label for>` target).
    id: &'static str,
    label: Text,
    value: RwSignal<String>,
    /// The message to show when this field is wrong.
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    #[prop(optional)] hint: Option<Text>,
    /// Marks the label "(optional)".
    #[prop(optional)]
    optional: bool,
    /// The input `type`; `text` when empty.
    #[prop(optional)]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = 200)] maxlength: u32,
    /// A `<textarea>` instead of an `<input>`.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = joined(id, "-hint");
    let error_id = joined(id, "-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = String::new();
            if hint.is_some() {
                ids.push_str(&hint_id);
            }
            if error.get().is_some() {
                if !ids.is_empty() {
                    ids.push(' ');
                }
                ids.push_str(&error_id);
            }
            (!ids.is_empty()).then_some(ids)
        }
    };
    let invalid = move || error.get().map(|_| "true");
    let control = if multiline {
        view! {
            <textarea
                id=id
                rows="3"
                maxlength=maxlength
                aria-describedby=described_by
                aria-invalid=invalid
                bind:value=value
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type=if kind.is_empty() { "text" } else { kind }
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                aria-describedby=described_by
                aria-invalid=invalid
                bind:value=value
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>
                {move || label(i18n.t())}
                {optional.then(|| view! { " " <span class="optional">{move || i18n.t().optional}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint(i18n.t())}</p> })}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> })}
            {control}
        </div>
    }
}
