//! Pieces the team screens share: their catalog, the "not allowed" page, reading the server's
//! reason codes, and form fields that show their error next to the input (tied with
//! `aria-describedby`/`aria-invalid`). The forms are plain `view!`s rather than markup templates
//! so that showing an error never redraws the inputs and loses what was typed (passwords above
//! all, which are never kept anywhere else).

use crate::api::ApiError;
use crate::components::markup::html;
use crate::i18n::team::{team_catalog, TeamTr};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A sentence of the team catalog, picked now and worded in whatever language is shown later.
pub(crate) type Say = fn(&'static TeamTr) -> &'static str;

/// A form's errors by field id.
pub(crate) type Errors = RwSignal<BTreeMap<&'static str, Say>>;

/// The team catalog of the current language (reactive).
pub(crate) fn team_words() -> &'static TeamTr {
    team_catalog(use_i18n().lang.get())
}

pub(crate) use super::{forbidden, is_forbidden};

/// The "not allowed" page (markup), with its heading focusable for arrival.
pub(crate) fn not_allowed(t: &'static TeamTr, why: &str) -> String {
    crate::components::set_title(t.not_allowed_title);
    html(
        r#"<h1 id="team-title" tabindex="-1">{}</h1><p class="notice warn" data-testid="not-allowed">{}</p>"#,
        &[t.not_allowed_title, why],
    )
}

/// Every reason the server gave: its error code, and each field's reason code, as
/// `(field, code)`; the error code comes first with an empty field name.
pub(crate) fn reasons(error: &ApiError) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), error.code().to_string())];
    if let Some(fields) = error.body().and_then(|body| body.fields.as_ref()) {
        out.extend(fields.iter().map(|(f, c)| (f.clone(), c.clone())));
    }
    out
}

/// The first field of `order` that has an error.
pub(crate) fn first_invalid(
    errors: &BTreeMap<&'static str, Say>,
    order: &[&'static str],
) -> Option<&'static str> {
    order.iter().copied().find(|id| errors.contains_key(id))
}

fn error_id(id: &str) -> String {
    format!("{id}-error")
}

fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The ids an input is described by: its hint, then its error.
fn described_by(id: &'static str, hint: bool, errors: Errors) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(hint_id(id));
        }
        if errors.with(|e| e.contains_key(id)) {
            ids.push(error_id(id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A field's label, optional hint and error; the control comes after.
fn field_head(id: &'static str, label: Say, hint: Option<Say>, errors: Errors) -> impl IntoView {
    let error = move || errors.with(|e| e.get(id).copied());
    view! {
        <label for=id>{move || label(team_words())}</label>
        {hint.map(|hint| view! { <p class="hint" id=hint_id(id)>{move || hint(team_words())}</p> })}
        {move || {
            error().map(|say| view! { <p class="field-error" id=error_id(id)>{say(team_words())}</p> })
        }}
    }
}

/// A text-like input (`kind`: text, email, password, date) with its label, hint and error.
#[component]
pub(crate) fn TextField(
    id: &'static str,
    label: Say,
    kind: &'static str,
    autocomplete: &'static str,
    errors: Errors,
    #[prop(optional)] hint: Option<Say>,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let invalid = move || errors.with(|e| e.contains_key(id)).then_some("true");
    view! {
        <div class="field" class:has-error=move || invalid().is_some()>
            {field_head(id, label, hint, errors)}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=invalid
                aria-describedby=described_by(id, hint.is_some(), errors)
            />
        </div>
    }
}

/// A select with its label and error. `options` are `(value, label)`; `selected` is the value
/// chosen at first; `on_change` hears the new value.
#[component]
pub(crate) fn SelectField(
    id: &'static str,
    label: Say,
    errors: Errors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let invalid = move || errors.with(|e| e.contains_key(id)).then_some("true");
    let selected = StoredValue::new(selected);
    view! {
        <div class="field" class:has-error=move || invalid().is_some()>
            {field_head(id, label, None, errors)}
            <select
                id=id
                name=id
                aria-invalid=invalid
                aria-describedby=described_by(id, false, errors)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    // Kept, so that options drawn again (in another language) keep the choice.
                    selected.set_value(value.clone());
                    if let Some(on_change) = on_change {
                        on_change.run(value);
                    }
                }
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let chosen = selected.with_value(|s| *s == value);
                            view! { <option value=value selected=chosen>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
