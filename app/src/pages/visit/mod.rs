//! `/a/:token`: the visit page behind the link a patient is given. No account, no cookie:
//! the token is the key. Shows what, when, where, with whom and how to prepare, and lets the
//! patient add it to a calendar, reschedule or cancel.

mod cancel;
mod instructions;
mod reschedule;
mod teach_back;
mod video;

use crate::api;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{focus_heading, focus_id, reveal_app, set_title};
use crate::i18n::{catalog, instant, use_i18n, Tr};
use crate::visit_page::{actions_html, visit_html, Panel, VisitShown};
use crate::wire::{Appointment, AppointmentStatus, Language};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn VisitPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let i18n = use_i18n();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    // Until the person picks a language, the visit is shown in the one it was booked in.
    let asked_lang = Memo::new(move |_| i18n.chosen.get().then(|| i18n.lang.get()));
    let visit = LocalResource::new(move || {
        let (token, lang) = (token.get(), asked_lang.get());
        async move { api::appointment(&token, lang).await }
    });
    // The language the visit is shown in: the one picked, else the one it was booked in.
    let shown_in = move |appointment: &Appointment| {
        if i18n.chosen.get_untracked() {
            i18n.lang.get_untracked()
        } else {
            appointment.patient.language
        }
    };
    // The rest of the page (header, instructions) follows. Only on a change: the view below
    // does not track the language (a language picked refetches the visit, which redraws it),
    // so a visit is drawn once, and its instructions are asked for once.
    Effect::new(move |_| {
        if let Some(Ok(appointment)) = visit.get() {
            let lang = shown_in(&appointment);
            if i18n.lang.get_untracked() != lang {
                i18n.lang.set(lang);
            }
        }
    });
    // Once the visit (or why it failed) is drawn, it replaces the one the server sent.
    Effect::new(move |_| {
        if visit.get().is_some() {
            reveal_app();
        }
    });
    // What was just done (moved, cancelled), shown above the details.
    let done = RwSignal::new(None::<String>);
    let on_change = Callback::new(move |(appointment, message): (Appointment, String)| {
        done.set(Some(message));
        visit.set(Some(Ok(appointment)));
    });

    move || {
        let shown = visit.get();
        let lang = match &shown {
            Some(Ok(appointment)) => shown_in(appointment),
            _ => i18n.lang.get_untracked(),
        };
        let t = catalog(lang);
        match shown {
            Some(Ok(appointment)) => {
                let booked = query.with_untracked(|q| q.get_str("booked") == Some("1"));
                Either::Left(
                    view! { <Visit appointment booked done=done.get_untracked() on_change lang /> },
                )
            }
            other => {
                let html = match other {
                    Some(Err(error)) if error.is_not_found() => {
                        set_title(t.visit_missing_title);
                        html(
                            r#"<h1>{}</h1><p>{}</p><p><a href="/">{}</a></p>"#,
                            &[
                                t.visit_missing_title,
                                t.visit_missing_body,
                                t.not_found_home,
                            ],
                        )
                    }
                    Some(Err(error)) => {
                        set_title(t.err_server);
                        html("<h1>{}</h1>", &[t.err_server]) + &load_error(t, &error)
                    }
                    _ => skeleton(t, true),
                };
                let on_act = Callback::new(move |_| visit.refetch());
                Either::Right(view! { <Markup html on_act /> })
            }
        }
    }
}

#[component]
fn Visit(
    appointment: Appointment,
    booked: bool,
    done: Option<String>,
    on_change: Callback<(Appointment, String)>,
    lang: Language,
) -> impl IntoView {
    let mode = RwSignal::new(Panel::None);
    let a = &appointment;
    let zone = a.clinic.time_zone.clone();
    let drawn = visit_html(
        a,
        &VisitShown {
            lang,
            booked,
            done: done.as_deref(),
            offline: !window().navigator().on_line(),
            words: &|at| instant(at, &zone, lang),
        },
    );
    set_title(&drawn.title);
    focus_heading("visit-title");
    // The booking's last step leads here, a page of its own: its confirmation is read out as
    // each step's heading was, though the page has just loaded.
    if booked {
        focus_id("visit-title");
    }
    // A reminder's "I need to change it" links to `#change`: the reschedule and cancel buttons,
    // drawn only now, so the browser could not scroll there by itself. Not after a change.
    if done.is_none()
        && window()
            .location()
            .hash()
            .is_ok_and(|hash| hash == "#change")
    {
        focus_id("change");
    }
    // A telehealth visit's join link sits right under when and where, ticking on its own so
    // the rest of the page is never redrawn under the reader.
    let video = a.video_url.clone().map(|url| {
        view! { <video::VideoVisit start=a.start.timestamp() end=a.end.timestamp() url lang /> }
    });

    let cancelled = a.status == AppointmentStatus::Cancelled;
    let after_visit = (!cancelled).then(|| instructions::VisitContext {
        token: appointment.token.clone(),
        clinic_slug: appointment.clinic.slug.clone(),
        time_zone: appointment.clinic.time_zone.clone(),
        past: appointment.start.timestamp_millis() as f64 <= js_sys::Date::now(),
    });
    let head = drawn.head;
    let shown = appointment.clone();
    let html =
        Signal::derive(move || drawn.after.clone() + &actions_html(&shown, lang, Some(mode.get())));
    let on_act = Callback::new(move |act: Act| {
        mode.set(match act.name.as_str() {
            "reschedule" => Panel::Reschedule,
            "cancel" => Panel::Cancel,
            _ => Panel::None,
        })
    });
    let close = Callback::new(move |_| {
        mode.set(Panel::None);
        focus_heading("visit-title");
    });
    let panel = move || {
        match mode.get() {
        Panel::None => None,
        Panel::Reschedule => Some(
            view! { <reschedule::Reschedule appointment=appointment.clone() on_done=on_change on_close=close /> }
                .into_any(),
        ),
        Panel::Cancel => Some(
            view! { <cancel::Cancel token=appointment.token.clone() on_done=on_change on_close=close /> }
                .into_any(),
        ),
    }
    };
    view! {
        <article class="visit">
            <Markup html=head />
            {video}
            <Markup html on_act />
            {panel}
            {after_visit.map(|visit| view! { <instructions::AfterVisit visit /> })}
        </article>
    }
}

/// Why a cancel or reschedule was refused, with the clinic's phone when the server says the
/// change must be made by phone (inside the late-change window).
fn change_refused(out: &mut String, error: &api::ApiError, t: &'static Tr) {
    let phone = error
        .body()
        .and_then(|b| b.phone.as_deref())
        .unwrap_or_default();
    push(
        out,
        r#"<p class="notice error" role="alert">{} {}</p>"#,
        &[crate::components::feedback::error_text(error, t), phone],
    );
}
