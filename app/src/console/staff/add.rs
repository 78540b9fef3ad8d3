//! "Add a staff member": name, email, role (and for a practitioner, whose schedule is theirs).
//! The server makes a one-time password, shown here once with a Copy button: it is kept only in
//! this panel's memory — never in the URL, the title or what is announced — and gone once
//! hidden or when the admin leaves the screen.

use super::super::team_form::{
    first_invalid, reasons, team_words, Errors, Say, SelectField, TextField,
};
use super::list::{role_word, ROLES};
use super::practitioner_reason;
use crate::api::{self, ApiError};
use crate::components::feedback::error_text;
use crate::components::{announce, focus_id};
use crate::console::sign_in::field_value;
use crate::console::{touch, use_console, words};
use crate::i18n::team::team_catalog;
use crate::i18n::{fill, use_i18n};
use crate::wire::console::{NewStaffRequest, StaffRole};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use std::collections::BTreeMap;
use wasm_bindgen_futures::JsFuture;

const NAME: &str = "add-name";
const EMAIL: &str = "add-email";
const ROLE: &str = "add-role";
const PRACTITIONER: &str = "add-practitioner";
const ORDER: [&str; 4] = [NAME, EMAIL, ROLE, PRACTITIONER];

/// The account just made and its one-time password.
#[derive(Clone)]
struct Created {
    name: String,
    password: String,
}

/// Enough of an email address to catch a slip; the server has the last word.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

/// What the server's reasons mean for this form's fields.
fn field_errors(error: &ApiError) -> BTreeMap<&'static str, Say> {
    let mut errors: BTreeMap<&'static str, Say> = BTreeMap::new();
    for (field, code) in reasons(error) {
        let (id, say): (&'static str, Say) = match (field.as_str(), code.as_str()) {
            (_, "email_taken" | "email_in_use" | "email_exists" | "duplicate_email")
            | ("email", "taken" | "exists" | "in_use") => (EMAIL, |t| t.email_taken),
            ("display_name", "required") => (NAME, |t| t.name_required),
            ("email", "required" | "invalid" | "invalid_email") => (EMAIL, |t| t.email_invalid),
            ("display_name", "too_long") => (NAME, |t| t.too_long),
            ("email", "too_long") => (EMAIL, |t| t.too_long),
            ("display_name", _) => (NAME, |t| t.check_field),
            ("email", _) => (EMAIL, |t| t.check_field),
            ("role", _) => (ROLE, |t| t.check_field),
            ("practitioner_id", code) => (PRACTITIONER, practitioner_reason(code)),
            _ => continue,
        };
        errors.entry(id).or_insert(say);
    }
    errors
}

/// Puts `text` on the clipboard through `navigator.clipboard.writeText` (looked up by name:
/// the bundle's web-sys is built without the Clipboard API). False when the browser refuses.
async fn copy_to_clipboard(text: &str) -> bool {
    use js_sys::{Function, Promise, Reflect};
    let navigator = window().navigator();
    let Ok(clipboard) = Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let write = Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|write| write.dyn_into::<Function>().ok());
    let Some(write) = write else {
        return false;
    };
    let promise = write
        .call1(&clipboard, &text.into())
        .ok()
        .and_then(|promise| promise.dyn_into::<Promise>().ok());
    match promise {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

#[component]
pub(super) fn AddStaff(
    #[prop(into)] practitioners: Signal<Vec<(i64, String)>>,
    on_created: Callback<()>,
) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let failure = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<Created>);
    let copied = RwSignal::new(None::<bool>);
    let role = RwSignal::new(ROLES[0]);
    // Bumped to draw an empty form after an account is made (see the `For` below).
    let fresh = RwSignal::new(0u32);
    let busy = StoredValue::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let name = field_value(NAME).trim().to_string();
        let email = field_value(EMAIL).trim().to_string();
        let chosen = StaffRole::from_code(&field_value(ROLE));
        let practitioner_id = field_value(PRACTITIONER).parse::<i64>().ok();
        let mut found: BTreeMap<&'static str, Say> = BTreeMap::new();
        if name.is_empty() {
            found.insert(NAME, |t| t.name_required);
        }
        if !looks_like_email(&email) {
            found.insert(EMAIL, |t| t.email_invalid);
        }
        match chosen {
            None => {
                found.insert(ROLE, |t| t.check_field);
            }
            Some(StaffRole::Practitioner) if practitioner_id.is_none() => {
                found.insert(PRACTITIONER, |t| t.practitioner_required);
            }
            Some(_) => {}
        }
        failure.set(None);
        let (Some(chosen), None) = (chosen, first_invalid(&found, &ORDER)) else {
            if let Some(first) = first_invalid(&found, &ORDER) {
                focus_id(first);
            }
            errors.set(found);
            return;
        };
        errors.set(BTreeMap::new());
        busy.set_value(true);
        let request = NewStaffRequest {
            email,
            display_name: name,
            role: chosen,
            practitioner_id: (chosen == StaffRole::Practitioner)
                .then_some(practitioner_id)
                .flatten(),
        };
        spawn_local(async move {
            let result = api::console::create_staff(&request).await;
            busy.set_value(false);
            match result {
                Ok(answer) => {
                    touch();
                    copied.set(None);
                    created.set(Some(Created {
                        name: answer.account.display_name,
                        password: answer.temporary_password,
                    }));
                    role.set(ROLES[0]);
                    fresh.update(|n| *n += 1);
                    announce(team_catalog(i18n.lang.get_untracked()).account_created);
                    focus_id("created-title");
                    on_created.run(());
                }
                Err(error) => {
                    let found = field_errors(&error);
                    if let Some(first) = first_invalid(&found, &ORDER) {
                        errors.set(found);
                        focus_id(first);
                    } else if !console.check(&error) {
                        announce(error_text(&error, i18n.now()));
                        failure.set(Some(error));
                    }
                }
            }
        });
    };

    let copy = move |_| {
        let Some(password) = created.with_untracked(|c| c.as_ref().map(|c| c.password.clone()))
        else {
            return;
        };
        spawn_local(async move {
            let ok = copy_to_clipboard(&password).await;
            copied.set(Some(ok));
            let t = team_catalog(i18n.lang.get_untracked());
            announce(if ok { t.copied } else { t.copy_failed });
        });
    };
    let hide = move |_| {
        created.set(None);
        copied.set(None);
        focus_id("add-title");
    };

    let role_options = Signal::derive(move || {
        let c = words();
        ROLES
            .iter()
            .map(|role| (role.code().to_string(), role_word(c, *role).to_string()))
            .collect::<Vec<_>>()
    });
    let practitioner_options = Signal::derive(move || {
        let first = (String::new(), team_words().choose_practitioner.to_string());
        std::iter::once(first)
            .chain(
                practitioners
                    .get()
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), name)),
            )
            .collect::<Vec<_>>()
    });
    let on_role = Callback::new(move |code: String| {
        if let Some(chosen) = StaffRole::from_code(&code) {
            role.set(chosen);
        }
    });

    let panel = move || {
        created.get().map(|Created { name, password }| {
            let title_name = name.clone();
            view! {
                <div class="panel one-time" data-testid="one-time-panel">
                    <h3 id="created-title" tabindex="-1">
                        {move || fill(team_words().created_title, &[&title_name])}
                    </h3>
                    <p>{move || fill(team_words().created_body, &[&name])}</p>
                    <dl class="one-time-password">
                        <dt>{move || team_words().one_time_password}</dt>
                        <dd><code data-testid="one-time-password">{password}</code></dd>
                    </dl>
                    <div class="actions">
                        <button type="button" class="primary" on:click=copy>
                            {move || team_words().copy_password}
                        </button>
                        <button type="button" class="secondary" on:click=hide>
                            {move || team_words().hide_password}
                        </button>
                    </div>
                    {move || {
                        copied
                            .get()
                            .map(|ok| {
                                let t = team_words();
                                let (class, text) = if ok {
                                    ("notice ok", t.copied)
                                } else {
                                    ("notice warn", t.copy_failed)
                                };
                                view! { <p class=class>{text}</p> }
                            })
                    }}
                </div>
            }
        })
    };

    let form = move || {
        view! {
            <form novalidate on:submit=submit>
                <TextField id=NAME label=|t| t.full_name kind="text" autocomplete="off" errors />
                <TextField id=EMAIL label=|t| t.email kind="email" autocomplete="off" errors />
                <SelectField
                    id=ROLE
                    label=|t| t.role
                    errors
                    options=role_options
                    selected=ROLES[0].code()
                    on_change=on_role
                />
                <Show when=move || role.get() == StaffRole::Practitioner>
                    <SelectField id=PRACTITIONER label=|t| t.practitioner errors options=practitioner_options />
                </Show>
                <button type="submit" class="primary">{move || team_words().add_submit}</button>
            </form>
        }
    };

    view! {
        <section class="panel staff-add" aria-labelledby="add-title">
            <h2 id="add-title" tabindex="-1">{move || team_words().add_title}</h2>
            {panel}
            <p class="hint">{move || team_words().add_hint}</p>
            {move || {
                failure
                    .get()
                    .map(|error| {
                        view! {
                            <p class="notice error" role="alert">
                                {move || error_text(&error, i18n.t())}
                            </p>
                        }
                    })
            }}
            // Keyed by `fresh`, so a new number draws a new, empty form (a redraw of the same
            // one would keep what the browser holds as typed).
            <For each=move || std::iter::once(fresh.get()) key=|n| *n children=move |_| form() />
        </section>
    }
}
