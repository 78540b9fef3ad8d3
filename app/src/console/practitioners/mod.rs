//! `/console/practitioners` (admins): who sees patients, each linking to their own page
//! (`/console/practitioners/:id`: profile, weekly hours, time off, and the booked visits that
//! no longer fit); "Add a practitioner" opens the form on `?new=1`, so a reload keeps it open.

// Declared here rather than in `console/mod.rs`, which belongs to the console's shell.
mod hours;
mod page;
mod profile;
mod stranded;
mod time_off;

pub use page::PractitionerPage;

use super::setup_form::{
    admin, in_lang, not_ready, set_flash, setup_words, show_failure, take_flash, Draw, Form,
    TITLE_ID,
};
use super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::markup::{push, Act, Markup};
use crate::components::{announce, focus_heading, set_title};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{fill, use_i18n, Tr};
use crate::wire::setup::{PractitionerAdmin, ServiceAdmin};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

const FORM_ID: &str = "practitioner-form";
const SUBMIT_ID: &str = "practitioner-submit";

#[derive(Clone, Debug, PartialEq)]
struct Data {
    practitioners: Vec<PractitionerAdmin>,
    services: Vec<ServiceAdmin>,
}

#[component]
pub fn PractitionersPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let adding = Memo::new(move |_| query.with(|q| q.get_str("new").is_some()));
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            admin(console).await?;
            let practitioners = api::console::practitioners().await?;
            let services = api::console::services().await?;
            touch();
            Ok::<_, ApiError>(Data {
                practitioners,
                services,
            })
        }
    });
    let form = RwSignal::new(Form::default());
    let flash = RwSignal::new(None::<String>);

    Effect::new(move |_| match loaded.get() {
        // A 401 is on its way back to sign-in.
        Some(Err(error)) if !console.check(&error) => focus_heading(TITLE_ID),
        _ => {}
    });
    let ready = Memo::new(move |_| matches!(loaded.get(), Some(Ok(_))));
    // A new screen (the list or the form): a fresh form, and focus on its heading.
    Effect::new(move |_| {
        adding.track();
        if ready.get() {
            form.set(profile::form_of(None));
            flash.set(take_flash());
            focus_heading(TITLE_ID);
        }
    });

    let markup = Signal::derive(move || {
        let (s, t, lang) = (setup_words(), i18n.t(), i18n.lang.get());
        match loaded.get() {
            Some(Ok(data)) if adding.get() => {
                form.with(|form| render_new(form, &data.services, s, t, lang))
            }
            Some(Ok(data)) => render_list(&data, flash.get().as_deref(), s, lang),
            other => not_ready(other.as_ref(), s, t),
        }
    });

    let save = move || {
        let lang = i18n.lang.get_untracked();
        let services = match loaded.get_untracked() {
            Some(Ok(data)) => data.services,
            _ => return,
        };
        let mut request = None;
        form.update(|form| {
            if form.busy {
                return;
            }
            form.start_save();
            form.busy = true;
            request = Some(profile::request_of(form, &services));
        });
        let Some(request) = request else { return };
        spawn_local(async move {
            match api::console::create_practitioner(&request).await {
                Ok(created) => {
                    touch();
                    let s = setup_catalog(lang);
                    let done = fill(s.practitioner_added, &[&created.practitioner.display_name]);
                    form.update_untracked(|form| form.busy = false);
                    announce(done.clone());
                    set_flash(done);
                    console
                        .goto
                        .set(Some(format!("/console/practitioners/{}", created.id)));
                }
                Err(error) => {
                    if !console.check(&error) {
                        form.update(|form| form.failed(error, profile::place));
                        form.with_untracked(|form| show_failure(form, lang, FORM_ID, SUBMIT_ID));
                    }
                }
            }
        });
    };

    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            reload.update(|n| *n += 1);
        }
    });
    let on_input = Callback::new(move |ev: web_sys::Event| form.update_untracked(|f| f.hear(&ev)));
    let on_submit = Callback::new(move |_| save());

    view! {
        <div class="console setup">
            <Markup html=markup on_act on_input on_submit />
        </div>
    }
}

fn render_list(data: &Data, flash: Option<&str>, s: &'static SetupTr, lang: Language) -> String {
    set_title(s.practitioners_title);
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p class="lead">{}</p>"#,
        &[s.practitioners_title, s.practitioners_intro],
    );
    if let Some(flash) = flash {
        push(
            &mut out,
            r#"<p class="notice ok" data-testid="saved">{}</p>"#,
            &[flash],
        );
    }
    push(
        &mut out,
        r#"<p><a class="button primary" href="/console/practitioners?new=1">{}</a></p>"#,
        &[s.add_practitioner],
    );
    if data.practitioners.is_empty() {
        push(
            &mut out,
            r#"<p class="muted empty" data-testid="empty">{}</p>"#,
            &[s.no_practitioners],
        );
        return out;
    }
    out.push_str(r#"<ul class="setup-list" data-testid="practitioner-list">"#);
    for p in &data.practitioners {
        let draft = &p.practitioner;
        push(
            &mut out,
            r#"<li class="setup-item" data-testid="practitioner"><h2><a href="/console/practitioners/{}">{}</a></h2>"#,
            &[&p.id.to_string(), &draft.display_name],
        );
        let mut who = in_lang(lang, &draft.title_en, &draft.title_es).to_string();
        if let Some(pronouns) = draft.pronouns.as_deref().filter(|p| !p.is_empty()) {
            who = fill("{} · {}", &[&who, pronouns]);
        }
        push(&mut out, r#"<p class="meta">{}</p>"#, &[&who]);
        let offers: Vec<&str> = draft
            .service_ids
            .iter()
            .filter_map(|id| data.services.iter().find(|s| s.id == *id))
            .map(|s| in_lang(lang, &s.service.name_en, &s.service.name_es))
            .collect();
        let offers = if offers.is_empty() {
            s.offers_nothing.to_string()
        } else {
            fill(s.offers, &[&offers.join(", ")])
        };
        push(&mut out, "<p>{}</p>", &[&offers]);
        if !p.time_off.is_empty() {
            push(
                &mut out,
                r#"<p class="muted">{}</p>"#,
                &[&fill(s.time_off_count, &[&p.time_off.len().to_string()])],
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn render_new(
    form: &Form,
    services: &[ServiceAdmin],
    s: &'static SetupTr,
    t: &'static Tr,
    lang: Language,
) -> String {
    set_title(s.new_practitioner_title);
    let draw = Draw { s, form };
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p><a class="back" href="/console/practitioners">{}</a></p><form id="practitioner-form" novalidate aria-labelledby="setup-title">"#,
        &[s.new_practitioner_title, s.back_to_practitioners],
    );
    draw.notices(&mut out, t);
    profile::fields(&mut out, &draw, services, s, lang);
    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="practitioner-submit" class="primary">{}</button><a class="button secondary" href="/console/practitioners">{}</a></div></form>"#,
        &[s.create_practitioner, s.cancel],
    );
    out
}
