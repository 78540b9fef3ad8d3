//! `/console/clinic` (admins): the clinic's profile — name, address, phone, time zone,
//! languages — and its rules for booking online. Others see "not allowed".

// Declared here rather than in `console/mod.rs`, which belongs to the console's shell.

use super::publishing::PublishingForm;
use super::reminders::RemindersForm;
use super::setup_form::{
    admin, label, not_ready, place_in, refused, setup_words, show_failure, Draw, Form, TITLE_ID,
};
use super::{touch, use_console};
use crate::api::{self, ApiError};
use crate::components::markup::{push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{fill, use_i18n, Tr};
use crate::wire::setup::ClinicSettings;
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const FORM_ID: &str = "clinic-form";
const SUBMIT_ID: &str = "clinic-submit";
/// The server's field names, which are also the inputs' ids after `clinic-`.
const FIELDS: [&str; 10] = [
    "name",
    "address",
    "phone",
    "time_zone",
    "languages",
    "late_cancel_hours",
    "min_notice_minutes",
    "horizon_days",
    "slot_step_minutes",
    "video_url_template",
];
const STEPS: [u32; 6] = [5, 10, 15, 20, 30, 60];
/// What the start-times select holds when times step by the service's length.
const BY_SERVICE: &str = "service";

fn id(field: &str) -> String {
    format!("clinic-{field}")
}

fn lang_id(lang: Language) -> String {
    format!("clinic-languages-{}", lang.code())
}

/// The common US zones (and Puerto Rico), with their names in words.
fn zones(s: &'static SetupTr) -> [(&'static str, &'static str); 8] {
    [
        ("America/New_York", s.zone_eastern),
        ("America/Chicago", s.zone_central),
        ("America/Denver", s.zone_mountain),
        ("America/Phoenix", s.zone_arizona),
        ("America/Los_Angeles", s.zone_pacific),
        ("America/Anchorage", s.zone_alaska),
        ("Pacific/Honolulu", s.zone_hawaii),
        ("America/Puerto_Rico", s.zone_puerto_rico),
    ]
}

fn form_of(settings: &ClinicSettings) -> Form {
    let mut form = Form::default();
    form.set(id("name"), &settings.name);
    form.set(id("address"), &settings.address);
    form.set(id("phone"), &settings.phone);
    form.set(id("time_zone"), &settings.time_zone);
    for lang in Language::ALL {
        form.set_on(lang_id(lang), settings.languages.contains(&lang));
    }
    form.set(
        id("late_cancel_hours"),
        settings.late_cancel_hours.to_string(),
    );
    form.set(
        id("min_notice_minutes"),
        settings.min_notice_minutes.to_string(),
    );
    form.set(id("horizon_days"), settings.horizon_days.to_string());
    form.set(
        id("slot_step_minutes"),
        settings
            .slot_step_minutes
            .map_or_else(|| BY_SERVICE.to_string(), |step| step.to_string()),
    );
    form.set(id("video_url_template"), &settings.video_url_template);
    form
}

/// The settings as typed, or `None` with the form's errors set.
fn request_of(form: &mut Form) -> Option<ClinicSettings> {
    let late_cancel_hours = form.number(&id("late_cancel_hours"));
    let min_notice_minutes = form.number(&id("min_notice_minutes"));
    let horizon_days = form.number(&id("horizon_days"));
    let step = form.get(&id("slot_step_minutes")).to_string();
    let slot_step_minutes = if step == BY_SERVICE {
        None
    } else {
        Some(form.number(&id("slot_step_minutes")))
    };
    if !form.errors.is_empty() {
        return None;
    }
    Some(ClinicSettings {
        name: form.text(&id("name")),
        address: form.text(&id("address")),
        phone: form.text(&id("phone")),
        time_zone: form.text(&id("time_zone")),
        languages: Language::ALL
            .into_iter()
            .filter(|lang| form.is_on(&lang_id(*lang)))
            .collect(),
        late_cancel_hours,
        min_notice_minutes,
        horizon_days,
        slot_step_minutes,
        video_url_template: form.text(&id("video_url_template")),
    })
}

#[component]
pub fn ClinicPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            admin(console).await?;
            let settings = api::console::clinic_settings().await?;
            touch();
            Ok::<_, ApiError>(settings)
        }
    });
    let form = RwSignal::new(Form::default());

    Effect::new(move |_| match loaded.get() {
        Some(Ok(settings)) => {
            form.set(form_of(&settings));
            focus_heading(TITLE_ID);
        }
        // A 401 is on its way back to sign-in.
        Some(Err(error)) if !console.check(&error) => focus_heading(TITLE_ID),
        _ => {}
    });

    let markup = Signal::derive(move || {
        let (s, t) = (setup_words(), i18n.t());
        match loaded.get() {
            Some(Ok(_)) => form.with(|form| render(form, s, t)),
            other => not_ready(other.as_ref(), s, t),
        }
    });

    let save = move || {
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let mut request = None;
        let mut busy = false;
        form.update(|form| {
            busy = form.busy;
            if busy {
                return;
            }
            form.start_save();
            request = request_of(form);
            form.busy = request.is_some();
        });
        if busy {
            return;
        }
        let Some(request) = request else {
            refused(lang, FORM_ID);
            return;
        };
        spawn_local(async move {
            match api::console::save_clinic_settings(&request).await {
                Ok(settings) => {
                    touch();
                    // The bar above every screen names the clinic.
                    console.me.update(|me| {
                        if let Some(me) = me {
                            me.clinic.name = settings.name.clone();
                            me.clinic.address = settings.address.clone();
                            me.clinic.phone = settings.phone.clone();
                            me.clinic.time_zone = settings.time_zone.clone();
                            me.clinic.late_cancel_hours = settings.late_cancel_hours;
                            me.clinic.horizon_days = settings.horizon_days;
                        }
                    });
                    form.set(Form {
                        saved: Some(s.clinic_saved.into()),
                        ..form_of(&settings)
                    });
                    announce(s.clinic_saved);
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if !console.check(&error) {
                        form.update(|form| {
                            form.failed(error, |field| place_in("clinic-", &FIELDS, field));
                            // Of a group of checkboxes, "required" means ticking one.
                            form.recode(&id("languages"), "required", "at_least_one");
                        });
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
            {move || {
                matches!(loaded.get(), Some(Ok(_))).then(|| view! { <RemindersForm /> <PublishingForm /> })
            }}
        </div>
    }
}

fn render(form: &Form, s: &'static SetupTr, t: &'static Tr) -> String {
    set_title(s.clinic_title);
    let draw = Draw { s, form };
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p class="lead">{}</p><form id="clinic-form" novalidate aria-labelledby="setup-title">"#,
        &[s.clinic_title, s.clinic_intro],
    );
    draw.notices(&mut out, t);

    push(
        &mut out,
        r#"<fieldset class="group"><legend>{}</legend>"#,
        &[s.about_clinic],
    );
    draw.input(
        &mut out,
        &id("name"),
        "text",
        label(s.clinic_name),
        r#" autocomplete="organization""#,
    );
    draw.textarea(
        &mut out,
        &id("address"),
        label(s.address),
        r#" autocomplete="street-address""#,
    );
    draw.input(
        &mut out,
        &id("phone"),
        "tel",
        label(s.phone).hint(s.phone_hint),
        r#" autocomplete="tel""#,
    );
    let current = form.get(&id("time_zone"));
    let mut zone_options: Vec<(String, String)> = zones(s)
        .iter()
        .map(|(zone, name)| (zone.to_string(), fill("{} · {}", &[name, zone])))
        .collect();
    if !current.is_empty() && !zone_options.iter().any(|(zone, _)| zone == current) {
        zone_options.insert(0, (current.to_string(), current.to_string()));
    }
    draw.select(
        &mut out,
        &id("time_zone"),
        label(s.time_zone).hint(s.time_zone_hint),
        &zone_options,
    );
    let languages = Language::ALL.map(|lang| {
        let name = match lang {
            Language::En => s.english,
            Language::Es => s.spanish,
        };
        (lang_id(lang), name.to_string())
    });
    draw.checks(
        &mut out,
        &id("languages"),
        label(s.languages).hint(s.languages_hint),
        &languages,
    );
    out.push_str("</fieldset>");

    push(
        &mut out,
        r#"<fieldset class="group"><legend>{}</legend>"#,
        &[s.booking_rules],
    );
    draw.number(
        &mut out,
        &id("late_cancel_hours"),
        label(s.late_cancel).hint(s.late_cancel_hint),
    );
    draw.number(
        &mut out,
        &id("min_notice_minutes"),
        label(s.min_notice).hint(s.min_notice_hint),
    );
    draw.number(
        &mut out,
        &id("horizon_days"),
        label(s.horizon).hint(s.horizon_hint),
    );
    let mut steps: Vec<(String, String)> = STEPS
        .iter()
        .map(|step| {
            let step = step.to_string();
            let text = fill(s.step_minutes, &[&step]);
            (step, text)
        })
        .collect();
    let current = form.get(&id("slot_step_minutes"));
    if !current.is_empty()
        && !steps.iter().any(|(step, _)| step == current)
        && current != BY_SERVICE
    {
        steps.push((current.to_string(), fill(s.step_minutes, &[current])));
    }
    steps.push((BY_SERVICE.to_string(), s.step_service.to_string()));
    draw.select(
        &mut out,
        &id("slot_step_minutes"),
        label(s.slot_step).hint(s.slot_step_hint),
        &steps,
    );
    out.push_str("</fieldset>");

    push(
        &mut out,
        r#"<fieldset class="group"><legend>{}</legend>"#,
        &[s.video_visits],
    );
    draw.input(
        &mut out,
        &id("video_url_template"),
        "url",
        label(s.video_template)
            .hint(s.video_template_hint)
            .optional(),
        r#" inputmode="url" spellcheck="false" autocomplete="off""#,
    );
    out.push_str("</fieldset>");

    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="clinic-submit" class="primary">{}</button></div>"#,
        &[s.save_clinic],
    );
    draw.saved(&mut out);
    out.push_str("</form>");
    out
}
