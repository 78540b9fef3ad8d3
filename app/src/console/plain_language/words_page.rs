//! `/console/plain-words`: the clinic's own jargon terms. Everyone signed in sees the list;
//! admins and practitioners (who write to patients) add and remove terms. The writing check
//! flags them along with the built-in lists.

use super::super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::plain_language::{plain_catalog, PlainTr};
use crate::i18n::{fill, use_i18n};
use crate::wire::console::StaffRole;
use crate::wire::plain_language::{JargonTerm, NewJargonTerm};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const TITLE_ID: &str = "words-title";

fn reason(code: &str, p: &'static PlainTr) -> &'static str {
    match code {
        "too_long" => p.too_long,
        _ => p.required,
    }
}

/// What a failed add says, in words.
fn problem(error: &ApiError, p: &'static PlainTr, lang: Language) -> &'static str {
    match error {
        ApiError::Status(409, _) => p.duplicate_term,
        ApiError::Status(403, _) => p.writers_only,
        ApiError::Status(422, _) => p.check_fields,
        error => crate::components::feedback::error_text(error, crate::i18n::catalog(lang)),
    }
}

#[component]
pub fn PlainWordsPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let terms = RwSignal::new(Vec::<JargonTerm>::new());
    let writer = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let term = RwSignal::new(String::new());
    let plain = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.lang.get_untracked());
    let field_errors = RwSignal::new((None::<&'static str>, None::<&'static str>));
    let notice = RwSignal::new(None::<(bool, String)>);
    let busy = StoredValue::new(false);

    spawn_local(async move {
        let me = super::super::signed_in(console).await;
        let list = api::plain_language::jargon().await;
        match (me, list) {
            (Ok(me), Ok(list)) => {
                touch();
                writer.set(matches!(
                    me.role,
                    StaffRole::Admin | StaffRole::Practitioner
                ));
                terms.set(list);
                loaded.set(true);
                focus_heading(TITLE_ID);
            }
            (Err(error), _) | (_, Err(error)) => {
                if !console.check(&error) {
                    notice.set(Some((false, {
                        let lang = i18n.lang.get_untracked();
                        problem(&error, plain_catalog(lang), lang).to_string()
                    })));
                }
            }
        }
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let p = plain_catalog(i18n.lang.get_untracked());
        let request = NewJargonTerm {
            language: language.get_untracked(),
            term: term.get_untracked().trim().to_string(),
            plain: plain.get_untracked().trim().to_string(),
        };
        let errors = (
            request.term.is_empty().then_some(p.required),
            request.plain.is_empty().then_some(p.required),
        );
        field_errors.set(errors);
        if errors.0.is_some() || errors.1.is_some() {
            notice.set(Some((false, p.check_fields.to_string())));
            announce(p.check_fields);
            focus_id(if errors.0.is_some() {
                "word-term"
            } else {
                "word-plain"
            });
            return;
        }
        busy.set_value(true);
        let request_lang = i18n.lang.get_untracked();
        spawn_local(async move {
            let result = api::plain_language::add_jargon(&request).await;
            busy.set_value(false);
            match result {
                Ok(added) => {
                    touch();
                    let done = fill(p.term_added, &[&added.term]);
                    terms.update(|t| t.push(added));
                    term.set(String::new());
                    plain.set(String::new());
                    announce(done.clone());
                    notice.set(Some((true, done)));
                    focus_id("word-term");
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let fields = error
                        .body()
                        .and_then(|b| b.fields.clone())
                        .unwrap_or_default();
                    field_errors.set((
                        fields.get("term").map(|c| reason(c, p)),
                        fields.get("plain").map(|c| reason(c, p)),
                    ));
                    let text = problem(&error, p, request_lang);
                    announce(text);
                    notice.set(Some((false, text.to_string())));
                }
            }
        });
    };

    let remove = move |id: i64, name: String| {
        let lang = i18n.lang.get_untracked();
        let p = plain_catalog(lang);
        spawn_local(async move {
            match api::plain_language::remove_jargon(id).await {
                Ok(()) => {
                    touch();
                    terms.update(|t| t.retain(|t| t.id != id));
                    let done = fill(p.term_removed, &[&name]);
                    announce(done.clone());
                    notice.set(Some((true, done)));
                    focus_heading(TITLE_ID);
                }
                Err(error) => {
                    if !console.check(&error) {
                        notice.set(Some((false, problem(&error, p, lang).to_string())));
                    }
                }
            }
        });
    };

    let p = move || plain_catalog(i18n.lang.get());
    Effect::new(move |_| set_title(p().words_title));
    let list = move || {
        let p = p();
        let items = terms.get();
        if items.is_empty() {
            return view! { <p class="muted" data-testid="no-terms">{p.no_terms}</p> }.into_any();
        }
        let rows = items
            .into_iter()
            .map(|t| {
                let name = t.term.clone();
                let label = fill(p.remove_named, &[&t.term]);
                let lang = match t.language {
                    Language::En => p.english,
                    Language::Es => p.spanish,
                };
                let id = t.id;
                view! {
                    <li class="setup-item" data-testid="term">
                        <p>
                            <strong lang=t.language.code()>{t.term.clone()}</strong>
                            " → "
                            <span lang=t.language.code()>{t.plain.clone()}</span>
                            <span class="muted">{format!(" · {lang}")}</span>
                        </p>
                        <Show when=move || writer.get()>
                            <button
                                type="button"
                                class="secondary danger"
                                aria-label=label.clone()
                                on:click={
                                    let name = name.clone();
                                    move |_| remove(id, name.clone())
                                }
                            >
                                {p.remove}
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="setup-list" data-testid="term-list">{rows}</ul> }.into_any()
    };
    let error_of = move |which: usize| {
        move || {
            let errors = field_errors.get();
            if which == 0 {
                errors.0
            } else {
                errors.1
            }
        }
    };

    view! {
        <div class="console setup">
            <h1 id=TITLE_ID tabindex="-1">{move || p().words_title}</h1>
            <p class="lead">{move || p().words_intro}</p>
            {move || notice.get().map(|(ok, text)| view! {
                <p class=if ok { "notice ok" } else { "notice error" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
            <Show when=move || writer.get()>
                <form class="group" on:submit=add novalidate>
                    <div class="field">
                        <label for="word-language">{move || p().language}</label>
                        <select
                            id="word-language"
                            on:change=move |ev| {
                                language.set(Language::from_tag(&event_target_value(&ev)).unwrap_or_default())
                            }
                        >
                            <option value="en" selected=move || language.get() == Language::En>{move || p().english}</option>
                            <option value="es" selected=move || language.get() == Language::Es>{move || p().spanish}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="word-term">{move || p().term}</label>
                        <input
                            id="word-term"
                            type="text"
                            maxlength="80"
                            prop:value=move || term.get()
                            on:input=move |ev| term.set(event_target_value(&ev))
                            aria-invalid=move || if error_of(0)().is_some() { "true" } else { "false" }
                            aria-describedby=move || error_of(0)().map(|_| "word-term-error")
                        />
                        {move || error_of(0)().map(|e| view! { <p class="error" id="word-term-error">{e}</p> })}
                    </div>
                    <div class="field">
                        <label for="word-plain">{move || p().plain}</label>
                        <input
                            id="word-plain"
                            type="text"
                            maxlength="200"
                            prop:value=move || plain.get()
                            on:input=move |ev| plain.set(event_target_value(&ev))
                            aria-invalid=move || if error_of(1)().is_some() { "true" } else { "false" }
                            aria-describedby=move || error_of(1)().map(|_| "word-plain-error")
                        />
                        {move || error_of(1)().map(|e| view! { <p class="error" id="word-plain-error">{e}</p> })}
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary">{move || p().add_term}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || loaded.get()>{list}</Show>
        </div>
    }
}
