//! `/embed/:clinic/booked`: the frame's confirmation. The visit page (`/a/{token}`) cannot be
//! shown inside another site (it is framed by no one), so the frame thanks the patient here
//! and opens the visit page in a new tab on request.

use super::host::{self, object};
use super::words::embed_words;
use crate::components::markup::{html, push, Markup};
use crate::components::{announce, focus_heading, set_title};
use crate::i18n::{fill, local, use_i18n, DateStyle};
use crate::wire::Appointment;
use chrono::SecondsFormat;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// The visit just booked in this frame (kept in memory only: no storage is needed, and a
    /// reload starts a new booking rather than showing someone's visit again).
    static LAST: RefCell<Option<Appointment>> = const { RefCell::new(None) };
}

/// After a booking in the frame: tells the host page (the visit's times, service and
/// practitioner — never the patient's details or the visit's link), keeps the visit for the
/// confirmation and returns the confirmation's URL.
pub fn booked(slug: &str, appointment: Appointment) -> String {
    let named = |id: i64, name: &str| {
        JsValue::from(object(&[
            ("id", JsValue::from_f64(id as f64)),
            ("name", JsValue::from_str(name)),
        ]))
    };
    let instant = |at: chrono::DateTime<chrono::Utc>| {
        JsValue::from_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true))
    };
    host::post(
        "booked",
        &[
            ("start", instant(appointment.start)),
            ("end", instant(appointment.end)),
            (
                "local_date",
                JsValue::from_str(&appointment.local_date.to_string()),
            ),
            ("local_time", JsValue::from_str(&appointment.local_time)),
            (
                "time_zone",
                JsValue::from_str(&appointment.clinic.time_zone),
            ),
            (
                "service",
                named(appointment.service.id, &appointment.service.name),
            ),
            (
                "practitioner",
                named(
                    appointment.practitioner.id,
                    &appointment.practitioner.display_name,
                ),
            ),
        ],
    );
    LAST.with(|last| *last.borrow_mut() = Some(appointment));
    let mut url = format!("/embed/{slug}/booked");
    host::carry(&mut url);
    url
}

#[component]
pub fn BookedPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map()
        .read_untracked()
        .get("clinic")
        .unwrap_or_default();
    let mut restart = format!("/embed/{slug}");
    host::carry(&mut restart);
    let Some(visit) = LAST.with(|last| last.borrow().clone()) else {
        // Reloaded: nothing to confirm here (the patient has the link by mail); start over.
        let navigate = use_navigate();
        request_animation_frame(move || {
            navigate(
                &restart,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
        return None;
    };
    host::step_shown(7);
    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        let words = embed_words(lang);
        let title = fill(words.booked_title, &[&visit.patient.preferred_name]);
        set_title(&title);
        announce(title.clone());
        focus_heading("step-title");
        let mut out = html(
            r#"<p class="clinic-name">{}</p><h1 id="step-title" tabindex="-1">{}</h1><div class="card"><p><strong>{}</strong></p><p>{}</p>"#,
            &[
                &visit.clinic.name,
                &title,
                &fill(
                    words.with,
                    &[&visit.service.name, &visit.practitioner.display_name],
                ),
                &local(visit.local_date, &visit.local_time, lang, DateStyle::Long),
            ],
        );
        push(
            &mut out,
            r#"<p>{}</p><p>{}</p></div><p>{}</p>"#,
            &[
                &local(visit.local_date, &visit.local_time, lang, DateStyle::Time),
                &visit.clinic.address,
                words.sent,
            ],
        );
        push(
            &mut out,
            r#"<p><a class="button" href="/a/{}?booked=1" target="_blank" rel="noopener">{} <span class="sr-only">{}</span></a></p><p><a href="{}">{}</a></p>"#,
            &[
                &visit.token,
                words.open_visit,
                words.new_tab,
                &restart,
                words.book_another,
            ],
        );
        out
    });
    Some(view! { <Markup html /> })
}
