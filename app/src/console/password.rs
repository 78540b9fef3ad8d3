//! `/console/password`: anyone signed in changes their own password (current, new, new again).
//! The passwords live only in the inputs: read on submit, sent, then cleared.

use super::sign_in::field_value;
use super::team_form::{first_invalid, reasons, team_words, Errors, Say, TextField};
use super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{html, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::team::team_catalog;
use crate::i18n::use_i18n;
use crate::wire::console::PasswordChange;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// The server's minimum, checked here first so nobody waits for a round trip to learn it.
const MIN_LENGTH: usize = 12;

const CURRENT: &str = "current-password";
const NEW: &str = "new-password";
const CONFIRM: &str = "confirm-password";
const ORDER: [&str; 3] = [CURRENT, NEW, CONFIRM];

#[component]
pub fn PasswordPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let me = LocalResource::new(move || {
        reload.get();
        async move { super::signed_in(console).await }
    });
    // Only what decides the shape of the page, so a language switch never redraws the form.
    let status = Memo::new(move |_| me.get().map(|me| me.map(|me| me.email)));
    Effect::new(move |_| {
        let Some(result) = status.get() else { return };
        // A 401 goes back to sign-in; anything else has arrived here.
        if !result.as_ref().is_err_and(|error| console.check(error)) {
            focus_heading("team-title");
        }
    });
    Effect::new(move |_| set_title(team_words().password_title));

    let retry = Callback::new(move |_| reload.update(|n| *n += 1));
    move || match status.get() {
        Some(Ok(email)) => view! { <PasswordForm email /> }.into_any(),
        Some(Err(error)) if !super::is_unauthorized(&error) => {
            let markup = Signal::derive(move || {
                let t = i18n.t();
                html(
                    r#"<h1 id="team-title" tabindex="-1">{}</h1>"#,
                    &[team_words().password_title],
                ) + &load_error(t, &error)
            });
            view! { <div class="console team"><Markup html=markup on_act=retry /></div> }.into_any()
        }
        _ => {
            let markup = Signal::derive(move || skeleton(i18n.t(), true));
            view! { <div class="console team"><Markup html=markup /></div> }.into_any()
        }
    }
}

/// What the server's reasons mean for this form's fields.
fn field_errors(error: &ApiError) -> BTreeMap<&'static str, Say> {
    let mut errors: BTreeMap<&'static str, Say> = BTreeMap::new();
    for (field, code) in reasons(error) {
        let (id, say): (&'static str, Say) = match (field.as_str(), code.as_str()) {
            (_, "wrong_password") => (CURRENT, |t| t.wrong_current),
            (_, "too_short") => (NEW, |t| t.password_too_short),
            (_, "same_as_current" | "unchanged") => (NEW, |t| t.password_unchanged),
            ("current", "required") => (CURRENT, |t| t.current_required),
            ("new", "too_long") => (NEW, |t| t.too_long),
            ("current", _) => (CURRENT, |t| t.check_field),
            ("new", _) => (NEW, |t| t.check_field),
            _ => continue,
        };
        errors.entry(id).or_insert(say);
    }
    errors
}

/// A refusal that is about no one field: too many wrong tries (it counts as failed sign-ins),
/// or the usual network and server troubles.
fn failure_text(error: &ApiError, lang: crate::wire::Language) -> &'static str {
    if matches!(error, ApiError::Status(429, _)) {
        crate::i18n::console_catalog(lang).too_many
    } else {
        error_text(error, crate::i18n::catalog(lang))
    }
}

fn clear(id: &str) {
    if let Some(input) = document().get_element_by_id(id) {
        let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
    }
}

#[component]
fn PasswordForm(email: String) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let failure = RwSignal::new(None::<ApiError>);
    let changed = RwSignal::new(false);
    let busy = StoredValue::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let (current, new, again) = (field_value(CURRENT), field_value(NEW), field_value(CONFIRM));
        let mut found: BTreeMap<&'static str, Say> = BTreeMap::new();
        if current.is_empty() {
            found.insert(CURRENT, |t| t.current_required);
        }
        if new.chars().count() < MIN_LENGTH {
            found.insert(NEW, |t| t.password_too_short);
        } else if again != new {
            found.insert(CONFIRM, |t| t.passwords_differ);
        }
        changed.set(false);
        failure.set(None);
        if let Some(first) = first_invalid(&found, &ORDER) {
            errors.set(found);
            focus_id(first);
            return;
        }
        errors.set(BTreeMap::new());
        busy.set_value(true);
        spawn_local(async move {
            let result = api::console::change_password(&PasswordChange { current, new }).await;
            busy.set_value(false);
            let t = team_catalog(i18n.lang.get_untracked());
            match result {
                Ok(()) => {
                    touch();
                    ORDER.iter().for_each(|id| clear(id));
                    changed.set(true);
                    announce(t.password_changed);
                    focus_id("password-changed");
                }
                Err(error) => {
                    let found = field_errors(&error);
                    if let Some(first) = first_invalid(&found, &ORDER) {
                        errors.set(found);
                        focus_id(first);
                    } else if !console.check(&error) {
                        announce(failure_text(&error, i18n.lang.get_untracked()));
                        failure.set(Some(error));
                    }
                }
            }
        });
    };

    view! {
        <div class="console team">
            <section class="team-password" aria-labelledby="team-title">
                <h1 id="team-title" tabindex="-1">{move || team_words().password_title}</h1>
                <p>{move || team_words().password_intro}</p>
                {move || {
                    changed
                        .get()
                        .then(|| {
                            view! {
                                <p class="notice ok" id="password-changed" tabindex="-1" data-testid="password-changed">
                                    {move || team_words().password_changed}
                                </p>
                            }
                        })
                }}
                {move || {
                    failure
                        .get()
                        .map(|error| {
                            view! {
                                <p class="notice error" role="alert">
                                    {move || failure_text(&error, i18n.lang.get())}
                                </p>
                            }
                        })
                }}
                <form novalidate on:submit=submit>
                    // Whose password this is, for the person and for password managers.
                    <div class="field">
                        <label for="account-email">{move || team_words().email}</label>
                        <input id="account-email" type="email" name="username" autocomplete="username" value=email readonly />
                    </div>
                    <TextField id=CURRENT label=|t| t.current_password kind="password" autocomplete="current-password" errors />
                    <TextField
                        id=NEW
                        label=|t| t.new_password
                        hint=|t| t.new_password_hint
                        kind="password"
                        autocomplete="new-password"
                        errors
                    />
                    <TextField id=CONFIRM label=|t| t.confirm_password kind="password" autocomplete="new-password" errors />
                    <button type="submit" class="primary">{move || team_words().change_password}</button>
                </form>
            </section>
        </div>
    }
}
