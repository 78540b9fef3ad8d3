//! `/a/:token`: the visit page behind the link a patient is given. No account, no cookie:
//! the token is the key. Shows what, when, where, with whom and how to prepare, and lets the
//! patient add it to a calendar, reschedule or cancel.

mod cancel;
mod instructions;
mod reschedule;
mod teach_back;
mod video;

use crate::api::{self, calendar_url};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{facts, flag, html, push, Act, Markup};
use crate::components::{focus_heading, focus_id, set_title};
use crate::i18n::{fill, instant, use_i18n, Tr};
use crate::wire::{Appointment, AppointmentStatus, ServiceKind};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    View,
    Reschedule,
    Cancel,
}

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
    Effect::new(move |_| {
        if let Some(Ok(appointment)) = visit.get() {
            if !i18n.chosen.get_untracked() {
                i18n.lang.set(appointment.patient.language);
            }
        }
    });
    // What was just done (moved, cancelled), shown above the details.
    let done = RwSignal::new(None::<String>);
    let on_change = Callback::new(move |(appointment, message): (Appointment, String)| {
        done.set(Some(message));
        visit.set(Some(Ok(appointment)));
    });

    move || {
        let t = i18n.t();
        match visit.get() {
            Some(Ok(appointment)) => {
                let booked = query.with_untracked(|q| q.get_str("booked") == Some("1"));
                Either::Left(
                    view! { <Visit appointment booked done=done.get_untracked() on_change t /> },
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
    t: &'static Tr,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let mode = RwSignal::new(Mode::View);
    let a = &appointment;
    let cancelled = a.status == AppointmentStatus::Cancelled;
    let title = fill(
        if booked && !cancelled {
            t.booked_title
        } else {
            t.visit_title
        },
        &[&a.patient.preferred_name],
    );
    set_title(&title);
    focus_heading("visit-title");
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

    let place = match a.service.kind {
        ServiceKind::Telehealth => html("{}", &[t.video_visit]),
        ServiceKind::InPerson => {
            let mut map = String::from("https://www.openstreetmap.org/search?query=");
            map.push_str(&String::from(js_sys::encode_uri_component(
                &a.clinic.address,
            )));
            html(
                r#"{}<br>{}<br><a href="{}" rel="external">{}</a>"#,
                &[&a.clinic.name, &a.clinic.address, &map, t.map_link],
            )
        }
    };
    let mut with = a.practitioner.display_name.clone();
    if let Some(pronouns) = &a.practitioner.pronouns {
        with.push_str(" (");
        with.push_str(pronouns);
        with.push(')');
    }
    with.push_str(", ");
    with.push_str(&a.practitioner.title);
    let facts = facts(&[
        (
            t.service,
            html(
                "{} · {}",
                &[
                    &a.service.name,
                    &fill(t.minutes, &[&a.service.duration_minutes.to_string()]),
                ],
            ),
        ),
        (
            t.when,
            html(
                r#"<span data-testid="visit-when">{}</span><br><span class="muted">{}</span>"#,
                &[
                    &instant(a.start, &a.clinic.time_zone, lang),
                    &fill(t.tz_label, &[&a.clinic.time_zone]),
                ],
            ),
        ),
        (t.where_, place),
        (t.with, html("{}", &[&with])),
        (t.cost, html("{}", &[&a.service.cost_note])),
    ]);

    let mut notes = String::new();
    if cancelled {
        push(
            &mut notes,
            r#"<div class="banner cancelled" data-testid="cancelled-banner"><p><strong>{}</strong></p><a class="button primary" href="/book/{}">{}</a></div>"#,
            &[t.cancelled_banner, &a.clinic.slug, t.book_again],
        );
    }
    if let (Some(expected), Some(minutes)) = (a.expected_start, a.running_late_minutes) {
        push(
            &mut notes,
            r#"<p class="notice" data-testid="running-late">{}</p>"#,
            &[&fill(
                t.running_late,
                &[
                    &a.practitioner.display_name,
                    &minutes.to_string(),
                    &instant(expected, &a.clinic.time_zone, lang),
                ],
            )],
        );
    }
    if let Some(done) = &done {
        push(&mut notes, r#"<p class="notice ok">{}</p>"#, &[done]);
    }
    // The preparation is HTML the server rendered from the clinic's Markdown and sanitised.
    let mut after = html(
        r#"<section class="block prep" data-testid="preparation"><h2>{}</h2>"#,
        &[t.prepare],
    );
    after.push_str(&a.service.preparation_html);
    after.push_str("</section>");
    match a.change_blocked_reason.as_deref() {
        Some("late_change") => push(
            &mut after,
            r#"<p class="notice">{} <a href="tel:{}">{}</a></p>"#,
            &[
                &fill(t.late_change, &[&a.clinic.late_cancel_hours.to_string()]),
                &a.clinic.phone,
                &a.clinic.phone,
            ],
        ),
        Some("past") => push(&mut after, r#"<p class="notice">{}</p>"#, &[t.past_visit]),
        _ => {}
    }
    let greeting = booked && !cancelled;
    let mut top = String::new();
    push(
        &mut top,
        r#"<div class="visit-head{}" data-testid="{}"><h1 id="visit-title" tabindex="-1">{}</h1>"#,
        &[
            if greeting { " booked" } else { "" },
            if greeting {
                "confirmation-banner"
            } else {
                "visit-head"
            },
            &title,
        ],
    );
    if greeting {
        push(&mut top, "<p>{}</p>", &[t.booked_note]);
    }
    top.push_str("</div>");
    top.push_str(&notes);
    top.push_str(&facts);
    // Printed at the foot of every page (`position: fixed` repeats in print); hidden on
    // screen and from screen readers, which have the phone in the page itself.
    push(
        &mut after,
        r#"<p class="print-footer" aria-hidden="true">{} · {}</p>"#,
        &[&a.clinic.name, &a.clinic.phone],
    );
    // A telehealth visit's join link sits right under when and where, ticking on its own so
    // the rest of the page is never redrawn under the reader.
    let video = a.video_url.clone().map(|url| {
        view! { <video::VideoVisit start=a.start.timestamp() end=a.end.timestamp() url lang /> }
    });

    let after_visit = (!cancelled).then(|| instructions::VisitContext {
        token: appointment.token.clone(),
        clinic_slug: appointment.clinic.slug.clone(),
        time_zone: appointment.clinic.time_zone.clone(),
        past: appointment.start.timestamp_millis() as f64 <= js_sys::Date::now(),
    });
    let (can_reschedule, can_cancel) = (a.can_reschedule, a.can_cancel);
    let calendar = calendar_url(&a.token);
    let offline_text = crate::i18n::instructions::instructions_catalog(lang).offline;
    // "You are offline": a live region that `public/sw-register.js` fills and empties as
    // the network goes and comes; filled from the start when the page opened offline.
    let mut head = html(
        r#"<p class="notice warn offline-banner" role="status" data-testid="offline-banner" data-offline="{}">{}</p>"#,
        &[
            offline_text,
            if window().navigator().on_line() {
                ""
            } else {
                offline_text
            },
        ],
    );
    head.push_str(&top);
    let html = Signal::derive(move || {
        let mut out = after.clone();
        if cancelled {
            return out;
        }
        let mode = mode.get();
        push(
            &mut out,
            r#"<div class="actions" id="change" tabindex="-1"><a class="button secondary" href="{}" download="visit.ics">{}</a>"#,
            &[&calendar, t.add_calendar],
        );
        if can_reschedule {
            push(
                &mut out,
                r#"<button type="button" class="secondary" data-act="reschedule" aria-expanded="{}">{}</button>"#,
                &[flag(mode == Mode::Reschedule), t.reschedule],
            );
        }
        if can_cancel {
            push(
                &mut out,
                r#"<button type="button" class="secondary danger" data-act="cancel" aria-expanded="{}">{}</button>"#,
                &[flag(mode == Mode::Cancel), t.cancel_visit],
            );
        }
        out.push_str("</div>");
        out
    });
    let on_act = Callback::new(move |act: Act| {
        mode.set(match act.name.as_str() {
            "reschedule" => Mode::Reschedule,
            "cancel" => Mode::Cancel,
            _ => Mode::View,
        })
    });
    let close = Callback::new(move |_| {
        mode.set(Mode::View);
        focus_heading("visit-title");
    });
    let panel = move || {
        match mode.get() {
        Mode::View => None,
        Mode::Reschedule => Some(
            view! { <reschedule::Reschedule appointment=appointment.clone() on_done=on_change on_close=close /> }
                .into_any(),
        ),
        Mode::Cancel => Some(
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
