//! `/console/services` (admins): every service, retired ones too, with who offers it; Edit
//! opens the form on `?edit=ID` and "Add a service" on `?new=1` (so a reload keeps it open);
//! Retire takes a service off the booking pages and "Offer again" puts it back.

// Declared here rather than in `console/mod.rs`, which belongs to the console's shell.
mod service_form;

use super::plain_language::{MarkdownPreview, PlainLanguagePanel};
use super::setup_form::{
    admin, in_lang, not_ready, problem_text, refused, set_flash, setup_words, show_failure,
    take_flash, Form, TITLE_ID,
};
use super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{catalog, fill, use_i18n, Tr};
use crate::wire::setup::{PractitionerAdmin, RetireRequest, ServiceAdmin};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Debug, PartialEq)]
struct Data {
    services: Vec<ServiceAdmin>,
    practitioners: Vec<PractitionerAdmin>,
}

/// What the screen shows, from its URL.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    List,
    New,
    Edit(i64),
}

/// What the list shows above the services.
#[derive(Clone, Debug, Default, PartialEq)]
struct ListNotes {
    /// What was just done.
    done: Option<String>,
    /// A retire (or offer again) that failed.
    problem: Option<ApiError>,
}

const LIST: &str = "/console/services";

fn toggle_id(id: i64) -> String {
    format!("service-toggle-{id}")
}

fn name_of(service: &ServiceAdmin, lang: Language) -> String {
    in_lang(lang, &service.service.name_en, &service.service.name_es).to_string()
}

#[component]
pub fn ServicesPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let mode = Memo::new(move |_| {
        query.with(|q| {
            if let Some(id) = q.get_str("edit") {
                // An id that is not a number is a service that does not exist.
                Mode::Edit(id.parse().unwrap_or(-1))
            } else if q.get_str("new").is_some() {
                Mode::New
            } else {
                Mode::List
            }
        })
    });
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            admin(console).await?;
            let services = api::console::services().await?;
            let practitioners = api::console::practitioners().await?;
            touch();
            Ok::<_, ApiError>(Data {
                services,
                practitioners,
            })
        }
    });
    let data = RwSignal::new(None::<Data>);
    let form = RwSignal::new(Form::default());
    let prep_en = RwSignal::new(String::new());
    let prep_es = RwSignal::new(String::new());
    let notes = RwSignal::new(ListNotes::default());
    let busy = StoredValue::new(false);

    Effect::new(move |_| match loaded.get() {
        Some(Ok(loaded)) => data.set(Some(loaded)),
        // A 401 is on its way back to sign-in.
        Some(Err(error)) if !console.check(&error) => focus_heading(TITLE_ID),
        _ => {}
    });
    // A new screen (the list, or a form): a fresh form, and focus on its heading.
    let ready = Memo::new(move |_| data.with(Option::is_some));
    Effect::new(move |_| {
        let mode = mode.get();
        if !ready.get() {
            return;
        }
        let fresh = data.with_untracked(|data| {
            let services = data.as_ref().map_or(&[][..], |d| &d.services);
            match mode {
                Mode::Edit(id) => services
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| service_form::form_of(Some(&s.service))),
                _ => Some(service_form::form_of(None)),
            }
        });
        let fresh = fresh.unwrap_or_default();
        for (id, text) in [
            (service_form::PREPARATION_IDS[0].0, prep_en),
            (service_form::PREPARATION_IDS[1].0, prep_es),
        ] {
            text.set(fresh.get(id).to_string());
        }
        form.set(fresh);
        notes.set(ListNotes {
            done: take_flash(),
            problem: None,
        });
        focus_heading(TITLE_ID);
    });

    let markup = Signal::derive(move || {
        let (s, t, lang) = (setup_words(), i18n.t(), i18n.lang.get());
        data.with(|data| match data {
            Some(data) => match mode.get() {
                Mode::List => notes.with(|notes| render_list(data, notes, s, t, lang)),
                Mode::New => form.with(|form| {
                    service_form::render(
                        form,
                        s.new_service_title,
                        false,
                        &data.practitioners,
                        s,
                        t,
                    )
                }),
                Mode::Edit(id) => match data.services.iter().find(|service| service.id == id) {
                    Some(service) => {
                        let title = fill(s.edit_service_title, &[&name_of(service, lang)]);
                        form.with(|form| {
                            service_form::render(form, &title, true, &data.practitioners, s, t)
                        })
                    }
                    None => missing(s),
                },
            },
            None => not_ready(loaded.get().as_ref(), s, t),
        })
    });

    let retire = move |id: i64| {
        if busy.get_value() {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let Some(service) = data.with_untracked(|data| {
            data.as_ref()
                .and_then(|d| d.services.iter().find(|s| s.id == id).cloned())
        }) else {
            return;
        };
        busy.set_value(true);
        spawn_local(async move {
            let request = RetireRequest {
                retired: !service.retired,
            };
            let result = api::console::retire_service(id, &request).await;
            busy.set_value(false);
            let s = crate::i18n::setup::setup_catalog(lang);
            match result {
                Ok(changed) => {
                    touch();
                    let name = name_of(&changed, lang);
                    let done = fill(
                        if changed.retired {
                            s.now_retired
                        } else {
                            s.now_offered
                        },
                        &[&name],
                    );
                    data.update(|data| {
                        if let Some(slot) = data
                            .as_mut()
                            .and_then(|d| d.services.iter_mut().find(|s| s.id == id))
                        {
                            *slot = changed;
                        }
                    });
                    announce(done.clone());
                    notes.set(ListNotes {
                        done: Some(done),
                        problem: None,
                    });
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    announce(problem_text(&error, s, catalog(lang)));
                    notes.set(ListNotes {
                        done: None,
                        problem: Some(error),
                    });
                }
            }
            // The button was drawn again (now saying the opposite).
            focus_id(&toggle_id(id));
        });
    };

    let save = move || {
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let editing = match mode.get_untracked() {
            Mode::Edit(id) => Some(id),
            Mode::New => None,
            Mode::List => return,
        };
        let practitioners = data.with_untracked(|d| {
            d.as_ref()
                .map(|d| d.practitioners.clone())
                .unwrap_or_default()
        });
        let mut request = None;
        let mut busy = false;
        form.update(|form| {
            busy = form.busy;
            if busy {
                return;
            }
            form.start_save();
            request = service_form::request_of(form, &practitioners);
            form.busy = request.is_some();
        });
        if busy {
            return;
        }
        let Some(request) = request else {
            refused(lang, service_form::FORM_ID);
            return;
        };
        spawn_local(async move {
            let result = match editing {
                Some(id) => api::console::update_service(id, &request).await,
                None => api::console::create_service(&request).await,
            };
            match result {
                Ok(service) => {
                    touch();
                    let name = name_of(&service, lang);
                    let done = fill(
                        if editing.is_some() {
                            s.service_saved
                        } else {
                            s.service_added
                        },
                        &[&name],
                    );
                    data.update(|data| {
                        if let Some(data) = data.as_mut() {
                            match data.services.iter_mut().find(|s| s.id == service.id) {
                                Some(slot) => *slot = service,
                                None => data.services.push(service),
                            }
                        }
                    });
                    form.update_untracked(|form| form.busy = false);
                    announce(done.clone());
                    set_flash(done);
                    console.goto.set(Some(LIST.into()));
                }
                Err(error) => {
                    if !console.check(&error) {
                        form.update(|form| form.failed(error, service_form::place));
                        form.with_untracked(|form| {
                            show_failure(form, lang, service_form::FORM_ID, service_form::SUBMIT_ID)
                        });
                    }
                }
            }
        });
    };

    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "retry" => reload.update(|n| *n += 1),
        "toggle" => {
            if let Ok(id) = act.arg.parse() {
                retire(id);
            }
        }
        _ => {}
    });
    let on_input = Callback::new(move |ev: web_sys::Event| {
        form.update_untracked(|f| f.hear(&ev));
        // The preparation texts feed the plain-language check as they are typed.
        if let Some((id, value, _)) = crate::components::markup::input_of(&ev) {
            match id.as_str() {
                "svc-preparation_en" => prep_en.set(value),
                "svc-preparation_es" => prep_es.set(value),
                _ => {}
            }
        }
    });
    let editing = Memo::new(move |_| {
        let mode = mode.get();
        data.with(|data| match (data, mode) {
            (Some(_), Mode::New) => true,
            (Some(data), Mode::Edit(id)) => data.services.iter().any(|s| s.id == id),
            _ => false,
        })
    });
    let on_submit = Callback::new(move |_| save());

    view! {
        <div class="console setup">
            <Markup html=markup on_act on_input on_submit />
            <Show when=move || editing.get()>
                <PreparationCheck en=prep_en es=prep_es />
            </Show>
        </div>
    }
}

/// Below the form: how readable each preparation text is, the jargon in it, and how patients
/// will see it, side by side per language as the form's columns are.
#[component]
fn PreparationCheck(en: RwSignal<String>, es: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="bilingual plain-check">
            <div class="lang-column">
                <PlainLanguagePanel text=en language=Language::En id="plain-en" />
                <MarkdownPreview markdown=en language=Language::En id="preview-en" />
            </div>
            <div class="lang-column" lang="es">
                <PlainLanguagePanel text=es language=Language::Es id="plain-es" />
                <MarkdownPreview markdown=es language=Language::Es id="preview-es" />
            </div>
        </div>
    }
}

fn missing(s: &'static SetupTr) -> String {
    set_title(s.service_missing);
    html(
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p><a class="back" href="/console/services">{}</a></p>"#,
        &[s.service_missing, s.back_to_services],
    )
}

fn render_list(
    data: &Data,
    notes: &ListNotes,
    s: &'static SetupTr,
    t: &'static Tr,
    lang: Language,
) -> String {
    set_title(s.services_title);
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p class="lead">{}</p>"#,
        &[s.services_title, s.services_intro],
    );
    if let Some(done) = &notes.done {
        push(
            &mut out,
            r#"<p class="notice ok" data-testid="saved">{}</p>"#,
            &[done],
        );
    }
    if let Some(problem) = &notes.problem {
        push(
            &mut out,
            r#"<p class="notice error">{}</p>"#,
            &[problem_text(problem, s, t)],
        );
    }
    push(
        &mut out,
        r#"<p><a class="button primary" href="/console/services?new=1">{}</a></p>"#,
        &[s.add_service],
    );
    if data.services.is_empty() {
        push(
            &mut out,
            r#"<p class="muted empty" data-testid="empty">{}</p>"#,
            &[s.no_services],
        );
        return out;
    }
    out.push_str(r#"<ul class="setup-list" data-testid="service-list">"#);
    for service in &data.services {
        let id = service.id.to_string();
        let name = name_of(service, lang);
        push(
            &mut out,
            r#"<li class="setup-item{}" data-testid="service"><h2 id="service-{}">{}"#,
            &[if service.retired { " retired" } else { "" }, &id, &name],
        );
        if service.retired {
            push(
                &mut out,
                r#" <span class="badge retired">{}</span>"#,
                &[s.retired],
            );
        }
        push(
            &mut out,
            r#"</h2><p class="meta">{}</p>"#,
            &[&service_form::summary(&service.service, s)],
        );
        let people: Vec<&str> = service
            .service
            .practitioner_ids
            .iter()
            .filter_map(|id| data.practitioners.iter().find(|p| p.id == *id))
            .map(|p| p.practitioner.display_name.as_str())
            .collect();
        let offered = if people.is_empty() {
            s.offered_by_nobody.to_string()
        } else {
            fill(s.offered_by, &[&people.join(", ")])
        };
        push(&mut out, r#"<p>{}</p>"#, &[&offered]);
        let (toggle, toggle_named, style) = if service.retired {
            (s.offer_again, s.offer_again_named, "secondary")
        } else {
            (s.retire, s.retire_named, "secondary danger")
        };
        push(
            &mut out,
            r#"<div class="actions"><a class="button secondary" href="/console/services?edit={}" aria-label="{}">{}</a><button type="button" id="{}" class="{}" data-act="toggle {}" aria-label="{}">{}</button></div></li>"#,
            &[
                &id,
                &fill(s.edit_named, &[&name]),
                s.edit,
                &toggle_id(service.id),
                style,
                &id,
                &fill(toggle_named, &[&name]),
                toggle,
            ],
        );
    }
    out.push_str("</ul>");
    out
}
