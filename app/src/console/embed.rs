//! `/console/embed` (admins): the booking widget on the clinic's own web site — the web sites
//! allowed to show it (`GET`/`PUT /api/console/embed`), the HTML to paste with a live preview
//! (`embed_snippet`) and the events a site can listen to (`embed_events`). Others see "not
//! allowed".
//!
//! The list is edited here and sent whole on Save; sites added since the last save are marked,
//! so when the server refuses the list (one reason code for it all) the admin sees which ones
//! are new.

use super::embed_events::events_markup;
use super::embed_snippet::SnippetMaker;
use super::setup_form::{admin, not_ready, problem_text, setup_words, TITLE_ID};
use super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::markup::{html, input_of, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::embed_console::{embed_console_catalog, EmbedConsoleTr};
use crate::i18n::setup::setup_catalog;
use crate::i18n::{catalog, fill, use_i18n};
use crate::wire::embed::EmbedSettings;
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const ORIGIN_ID: &str = "embed-origin";
const SUBMIT_ID: &str = "embed-sites-submit";

/// The Embed page's words in the current language (reactive).
pub(crate) fn embed_words() -> &'static EmbedConsoleTr {
    embed_console_catalog(use_i18n().lang.get())
}

/// Why the last save was refused.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    /// The server's reason code for the list (`fields.origins`).
    Code(String),
    /// Not about the list: the network, a session, a role.
    Other(ApiError),
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Sites {
    /// The list as the server has it.
    saved: Vec<String>,
    /// The list as the admin is editing it.
    list: Vec<String>,
    refusal: Option<Refusal>,
    done: bool,
    busy: bool,
}

impl Sites {
    fn loaded(origins: Vec<String>) -> Self {
        Sites {
            saved: origins.clone(),
            list: origins,
            ..Sites::default()
        }
    }
}

fn code_text(code: &str, w: &'static EmbedConsoleTr) -> &'static str {
    match code {
        "not_an_origin" => w.e_not_an_origin,
        "needs_https" => w.e_needs_https,
        "repeated" => w.e_repeated,
        "too_many" => w.e_too_many,
        _ => w.e_other,
    }
}

fn refusal_text(refusal: &Refusal, lang: Language) -> &'static str {
    match refusal {
        Refusal::Code(code) => code_text(code, embed_console_catalog(lang)),
        Refusal::Other(error) => problem_text(error, setup_catalog(lang), catalog(lang)),
    }
}

#[component]
pub fn EmbedPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            let me = admin(console).await?;
            let settings = api::embed::settings().await?;
            touch();
            Ok::<_, ApiError>((me.clinic.slug, settings))
        }
    });
    let sites = RwSignal::new(Sites::default());
    Effect::new(move |_| match loaded.get() {
        Some(Ok((_, settings))) => {
            sites.set(Sites::loaded(settings.origins));
            focus_heading(TITLE_ID);
        }
        // A 401 is on its way back to sign-in.
        Some(Err(error)) if !console.check(&error) => focus_heading(TITLE_ID),
        _ => {}
    });
    let header = Signal::derive(move || {
        let (s, t, w) = (setup_words(), i18n.t(), embed_words());
        match loaded.get() {
            Some(Ok(_)) => {
                set_title(w.title);
                html(
                    r#"<h1 id="setup-title" tabindex="-1">{}</h1><p class="lead">{}</p>"#,
                    &[w.title, w.intro],
                )
            }
            other => not_ready(other.as_ref(), s, t),
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            reload.update(|n| *n += 1);
        }
    });
    let events = Signal::derive(move || events_markup(embed_words()));

    view! {
        <div class="console setup embed-page">
            <Markup html=header on_act />
            {move || {
                loaded
                    .get()
                    .and_then(Result::ok)
                    .map(|(slug, _)| {
                        view! {
                            <SitesForm sites />
                            <SnippetMaker slug />
                            <Markup html=events />
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn SitesForm(sites: RwSignal<Sites>) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    // What is typed in "Add a web site": heard without drawing again, so typing keeps focus.
    let draft = StoredValue::new(String::new());
    let markup = Signal::derive(move || {
        let lang = i18n.lang.get();
        sites.with(|s| render(s, &draft.get_value(), lang))
    });

    // Moves what is typed into the list; false when nothing is typed.
    let add = move || {
        let text = draft.get_value().trim().to_string();
        if text.is_empty() {
            return None;
        }
        draft.set_value(String::new());
        sites.update(|s| {
            s.list.push(text.clone());
            s.refusal = None;
            s.done = false;
        });
        Some(text)
    };

    let on_act = Callback::new(move |act: Act| {
        let w = embed_console_catalog(i18n.lang.get_untracked());
        match act.name.as_str() {
            "add" => {
                if let Some(added) = add() {
                    announce(fill(w.added, &[&added]));
                }
                focus_id(ORIGIN_ID);
            }
            "remove" => {
                let mut removed = None;
                sites.update(|s| {
                    if let Some(at) = act.index().filter(|at| *at < s.list.len()) {
                        removed = Some(s.list.remove(at));
                        s.refusal = None;
                        s.done = false;
                    }
                });
                if let Some(removed) = removed {
                    announce(fill(w.removed, &[&removed]));
                }
                focus_id(ORIGIN_ID);
            }
            _ => {}
        }
    });
    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((id, value, _)) = input_of(&ev) {
            if id == ORIGIN_ID {
                draft.set_value(value);
            }
        }
    });
    let on_submit = Callback::new(move |_| {
        if sites.with_untracked(|s| s.busy) {
            return;
        }
        // A site typed but not added yet is meant to be saved too.
        add();
        let lang = i18n.lang.get_untracked();
        let mut origins = Vec::new();
        sites.update(|s| {
            origins = s.list.clone();
            s.busy = true;
            s.refusal = None;
            s.done = false;
        });
        spawn_local(async move {
            match api::embed::save(&EmbedSettings { origins }).await {
                Ok(saved) => {
                    touch();
                    sites.set(Sites {
                        done: true,
                        ..Sites::loaded(saved.origins)
                    });
                    announce(embed_console_catalog(lang).saved);
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let code = error
                        .body()
                        .and_then(|body| body.fields.as_ref())
                        .and_then(|fields| fields.get("origins"))
                        .cloned();
                    let refusal = match code {
                        Some(code) => Refusal::Code(code),
                        None => Refusal::Other(error),
                    };
                    announce(refusal_text(&refusal, lang));
                    let about_list = matches!(refusal, Refusal::Code(_));
                    sites.update(|s| {
                        s.busy = false;
                        s.refusal = Some(refusal);
                    });
                    focus_id(if about_list { ORIGIN_ID } else { SUBMIT_ID });
                }
            }
        });
    });

    view! { <Markup html=markup on_act on_input on_submit /> }
}

fn render(s: &Sites, draft: &str, lang: Language) -> String {
    let w = embed_console_catalog(lang);
    let mut out = html(
        r#"<section class="embed-section"><h2 id="embed-sites-title">{}</h2><p>{}</p><form id="embed-sites-form" novalidate aria-labelledby="embed-sites-title">"#,
        &[w.sites_title, w.sites_intro],
    );
    let list_error = match &s.refusal {
        Some(Refusal::Code(code)) => Some(code_text(code, w)),
        Some(other) => {
            push(
                &mut out,
                r#"<p class="notice error" data-testid="form-problem">{}</p>"#,
                &[refusal_text(other, lang)],
            );
            None
        }
        None => None,
    };
    if s.list.is_empty() {
        push(
            &mut out,
            r#"<p class="muted" data-testid="embed-no-sites">{}</p>"#,
            &[w.no_sites],
        );
    } else {
        out.push_str(
            r#"<ul class="setup-list" aria-labelledby="embed-sites-title" data-testid="embed-sites">"#,
        );
        for (at, origin) in s.list.iter().enumerate() {
            push(
                &mut out,
                r#"<li class="setup-item"><p><strong>{}</strong>"#,
                &[origin],
            );
            if !s.saved.contains(origin) {
                push(
                    &mut out,
                    r#" <span class="badge">{}</span>"#,
                    &[w.not_saved],
                );
            }
            push(
                &mut out,
                r#"</p><div class="actions"><button type="button" class="secondary small" data-act="remove {}">{}<span class="sr-only"> {}</span></button></div></li>"#,
                &[&at.to_string(), w.remove, origin],
            );
        }
        out.push_str("</ul>");
    }
    push(
        &mut out,
        r#"<div class="field{}"><label for="embed-origin">{}</label><p class="hint" id="embed-origin-hint">{}</p>"#,
        &[
            if list_error.is_some() {
                " has-error"
            } else {
                ""
            },
            w.add_label,
            w.add_hint,
        ],
    );
    if let Some(error) = list_error {
        push(
            &mut out,
            r#"<p class="field-error" id="embed-origin-error">{}</p>"#,
            &[error],
        );
    }
    push(
        &mut out,
        r#"<input id="embed-origin" name="embed-origin" type="text" inputmode="url" autocomplete="off" autocapitalize="none" spellcheck="false" value="{}" aria-describedby="{}""#,
        &[
            draft,
            if list_error.is_some() {
                "embed-origin-hint embed-origin-error"
            } else {
                "embed-origin-hint"
            },
        ],
    );
    if list_error.is_some() {
        out.push_str(r#" aria-invalid="true""#);
    }
    push(
        &mut out,
        r#"></div><div class="actions"><button type="button" class="secondary" data-act="add">{}</button><button type="submit" id="embed-sites-submit" class="primary""#,
        &[w.add],
    );
    if s.busy {
        out.push_str(r#" aria-disabled="true""#);
    }
    push(
        &mut out,
        r#">{}</button></div><div role="status" data-testid="embed-sites-status">"#,
        &[w.save],
    );
    if s.done {
        push(&mut out, r#"<p class="notice ok">{}</p>"#, &[w.saved]);
    }
    out.push_str("</div></form></section>");
    out
}
