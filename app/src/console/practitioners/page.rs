//! `/console/practitioners/:id` (admins): one practitioner — the booked visits that no longer
//! fit their week (first, as they need a call), their profile, weekly hours and time off.
//! Each part is its own markup with its own form, so saving one never redraws what is being
//! typed in another.

use super::super::setup_form::{
    admin, not_ready, setup_words, show_failure, take_flash, Draw, Form, TITLE_ID,
};
use super::super::{touch, use_console};
use super::{hours, profile, stranded, time_off};
use crate::api::{self, ApiError};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::use_i18n;
use crate::wire::setup::{PractitionerAdmin, ScheduleChange, ServiceAdmin, StrandedVisit};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

/// What the page shows, shared by its parts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Data {
    pub practitioner: PractitionerAdmin,
    pub stranded: Vec<StrandedVisit>,
    pub services: Vec<ServiceAdmin>,
    /// The clinic's time zone, which every time here is in.
    pub zone: String,
}

/// The page's data, for its parts.
#[derive(Clone, Copy)]
pub(super) struct Page {
    pub data: RwSignal<Option<Data>>,
}

impl Page {
    pub fn id(self) -> i64 {
        self.data
            .with_untracked(|d| d.as_ref().map_or(0, |d| d.practitioner.id))
    }

    /// Takes in the answer to a change of hours or time off; returns what to say about the
    /// visits that no longer fit (or fit again).
    pub fn changed(self, change: ScheduleChange, s: &'static SetupTr) -> Option<String> {
        let before = self
            .data
            .with_untracked(|d| d.as_ref().map_or(0, |d| d.stranded.len()));
        let after = change.stranded.len();
        self.data.update(|d| {
            if let Some(d) = d.as_mut() {
                d.practitioner = change.practitioner;
                d.stranded = change.stranded;
            }
        });
        stranded::sentence(s, before, after)
    }

    pub fn stranded_count(self) -> usize {
        self.data
            .with_untracked(|d| d.as_ref().map_or(0, |d| d.stranded.len()))
    }
}

/// `saved` and, when there is one, the sentence about visits that no longer fit.
pub(super) fn with_sentence(saved: &str, sentence: Option<String>) -> String {
    match sentence {
        Some(sentence) => format!("{saved} {sentence}"),
        None => saved.to_string(),
    }
}

fn not_found() -> ApiError {
    ApiError::Status(
        404,
        crate::wire::ApiErrorBody {
            error: "not_found".into(),
            message: String::new(),
            fields: None,
            alternatives: None,
            phone: None,
        },
    )
}

#[component]
pub fn PractitionerPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|id| id.parse().ok())));
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        let id: Option<i64> = id.get();
        reload.track();
        async move {
            let me = admin(console).await?;
            let change = api::console::practitioner(id.ok_or_else(not_found)?).await?;
            let services = api::console::services().await?;
            touch();
            Ok::<_, ApiError>(Data {
                practitioner: change.practitioner,
                stranded: change.stranded,
                services,
                zone: me.clinic.time_zone,
            })
        }
    });
    let page = Page {
        data: RwSignal::new(None),
    };
    let flash = RwSignal::new(None::<String>);

    Effect::new(move |_| match loaded.get() {
        Some(Ok(data)) => {
            page.data.set(Some(data));
            flash.set(take_flash());
            focus_heading(TITLE_ID);
        }
        Some(Err(error)) => {
            page.data.set(None);
            // A 401 is on its way back to sign-in.
            if !console.check(&error) {
                focus_heading(TITLE_ID);
            }
        }
        None => {}
    });

    let head = Signal::derive(move || {
        let (s, t, lang) = (setup_words(), i18n.t(), i18n.lang.get());
        page.data.with(|data| match data {
            Some(data) => {
                let name = &data.practitioner.practitioner.display_name;
                set_title(name);
                let mut out = html(
                    r#"<h1 id="setup-title" tabindex="-1">{}</h1><p><a class="back" href="/console/practitioners">{}</a></p>"#,
                    &[name, s.back_to_practitioners],
                );
                if let Some(flash) = flash.get() {
                    push(
                        &mut out,
                        r#"<p class="notice ok" data-testid="saved">{}</p>"#,
                        &[&flash],
                    );
                }
                stranded::render(&mut out, &data.stranded, s, lang);
                out
            }
            None => match loaded.get() {
                Some(Err(error)) if error.is_not_found() => {
                    set_title(s.practitioner_missing);
                    html(
                        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p><a class="back" href="/console/practitioners">{}</a></p>"#,
                        &[s.practitioner_missing, s.back_to_practitioners],
                    )
                }
                other => not_ready(other.as_ref(), s, t),
            },
        })
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            reload.update(|n| *n += 1);
        }
    });
    // The parts are drawn anew for another practitioner only, not after each save.
    let shown = Memo::new(move |_| page.data.with(|d| d.as_ref().map(|d| d.practitioner.id)));

    view! {
        <div class="console setup practitioner-page">
            <Markup html=head on_act />
            {move || {
                shown
                    .get()
                    .map(|_| {
                        view! {
                            <ProfileSection page />
                            <hours::HoursSection page />
                            <time_off::TimeOffSection page />
                        }
                    })
            }}
        </div>
    }
}

const PROFILE_FORM: &str = "profile-form";
const PROFILE_SUBMIT: &str = "profile-submit";

/// The profile form: name, pronouns, title and bio in both languages, services offered.
#[component]
fn ProfileSection(page: Page) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let form =
        RwSignal::new(page.data.with_untracked(|d| {
            profile::form_of(d.as_ref().map(|d| &d.practitioner.practitioner))
        }));
    let markup = Signal::derive(move || {
        let (s, t, lang) = (setup_words(), i18n.t(), i18n.lang.get());
        let services = page
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.services.clone()).unwrap_or_default());
        form.with(|form| {
            let draw = Draw { s, form };
            let mut out = html(
                r#"<section class="panel" aria-labelledby="profile-title"><h2 id="profile-title">{}</h2><form id="profile-form" novalidate aria-labelledby="profile-title">"#,
                &[s.profile],
            );
            draw.notices(&mut out, t);
            profile::fields(&mut out, &draw, &services, s, lang);
            push(
                &mut out,
                r#"<div class="actions"><button type="submit" id="profile-submit" class="primary">{}</button></div>"#,
                &[s.save_profile],
            );
            draw.saved(&mut out);
            out.push_str("</form></section>");
            out
        })
    });
    let save = move || {
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let services = page
            .data
            .with_untracked(|d| d.as_ref().map(|d| d.services.clone()).unwrap_or_default());
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
        let id = page.id();
        spawn_local(async move {
            match api::console::update_practitioner(id, &request).await {
                Ok(practitioner) => {
                    touch();
                    form.set(Form {
                        saved: Some(s.profile_saved.into()),
                        ..profile::form_of(Some(&practitioner.practitioner))
                    });
                    page.data.update(|d| {
                        if let Some(d) = d.as_mut() {
                            d.practitioner = practitioner;
                        }
                    });
                    announce(s.profile_saved);
                    focus_id(PROFILE_SUBMIT);
                }
                Err(error) => {
                    if !console.check(&error) {
                        form.update(|form| form.failed(error, profile::place));
                        form.with_untracked(|form| {
                            show_failure(form, lang, PROFILE_FORM, PROFILE_SUBMIT)
                        });
                    }
                }
            }
        });
    };
    let on_input = Callback::new(move |ev: web_sys::Event| form.update_untracked(|f| f.hear(&ev)));
    let on_submit = Callback::new(move |_| save());
    view! { <Markup html=markup on_input on_submit /> }
}
