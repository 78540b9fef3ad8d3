//! Step 6: everything on one screen, then "Confirm booking". A taken time sends the patient
//! back to the time step with the nearest free times; a rejected detail back to the form.

use super::{step_header, Draft, Flow, Who};
use crate::api::{self, ApiError};
use crate::components::feedback::error_text;
use crate::components::focus_id;
use crate::components::markup::{facts, flag, html, push, Markup};
use crate::i18n::{fill, instant, use_i18n};
use crate::wire::{BookingRequest, Service, ServiceKind};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// A fresh key for one attempt at this step: pressing Confirm twice, or again after a network
/// failure, sends the same key, so the server books once.
fn idempotency_key() -> String {
    let mut key = String::with_capacity(32);
    for _ in 0..4 {
        let part = (js_sys::Math::random() * 4_294_967_296.0) as u32;
        key.push_str(&format!("{part:08x}"));
    }
    key
}

/// The link to a visit's own page.
#[cfg_attr(feature = "embed", allow(dead_code))]
pub fn visit_href(token: &str, booked: bool) -> String {
    let mut href = String::from("/a/");
    href.push_str(token);
    if booked {
        href.push_str("?booked=1");
    }
    href
}

#[component]
pub fn ReviewStep(flow: Flow, service: Service, start: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.now();
    let lang = i18n.lang.get_untracked();
    let draft = expect_context::<Draft>();
    let navigate = use_navigate();
    let details_href = flow.href(|c| c.step = Some("details"));

    // Reached without the details (a reload, a shared link): ask for them first.
    if !draft.check().is_empty() {
        let (navigate, details_href) = (navigate.clone(), details_href.clone());
        request_animation_frame(move || {
            navigate(
                &details_href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
    }

    let clinic = flow.clinic.clone();
    let with = match flow.choices.who {
        Some(Who::Practitioner(id)) => flow.practitioner(id).map(|p| {
            let mut with = p.display_name.clone();
            with.push_str(", ");
            with.push_str(&p.title);
            with
        }),
        _ => draft
            .picked
            .get_untracked()
            .filter(|slot| slot.start == start)
            .and_then(|slot| flow.practitioner(slot.practitioner_id))
            .map(|p| p.display_name.clone()),
    }
    .unwrap_or_else(|| t.flow().first_available.to_string());
    let place = match service.kind {
        ServiceKind::Telehealth => t.video_visit.to_string(),
        ServiceKind::InPerson => {
            let mut place = clinic.name.clone();
            place.push_str(", ");
            place.push_str(&clinic.address);
            place
        }
    };
    let patient = draft.details(flow.clinic.language_for(lang));
    let contact = [patient.email.clone(), patient.phone.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");

    // With "first available" the review names whoever the chosen time belongs to; book that
    // person, so the confirmation matches what the patient agreed to.
    let practitioner_id = flow.practitioner_id().or_else(|| {
        draft
            .picked
            .get_untracked()
            .filter(|slot| slot.start == start)
            .map(|slot| slot.practitioner_id)
    });
    let key = StoredValue::new(idempotency_key());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let confirm = {
        let (flow, service_id) = (flow.clone(), service.id);
        Callback::new(move |_| {
            if busy.get_untracked() {
                return;
            }
            // The button is drawn anew with its busy label; keep focus on it.
            focus_id("confirm");
            busy.set(true);
            failure.set(None);
            let request = BookingRequest {
                service_id,
                practitioner_id,
                start,
                patient: draft.details(flow.clinic.language_for(lang)),
            };
            let (flow, navigate) = (flow.clone(), navigate.clone());
            spawn_local(async move {
                let result = api::book(&flow.slug, &request, &key.get_value()).await;
                let back_to = match result {
                    Ok(appointment) => {
                        draft.clear();
                        #[cfg(feature = "embed")]
                        let next = crate::embed::booked(&flow.slug, appointment);
                        #[cfg(not(feature = "embed"))]
                        let next = visit_href(&appointment.token, true);
                        next
                    }
                    Err(ApiError::Status(409, body)) if body.error == "slot_taken" => {
                        draft
                            .alternatives
                            .set(body.alternatives.unwrap_or_default());
                        flow.href(|c| {
                            c.start = None;
                            c.step = None;
                        })
                    }
                    Err(ApiError::Status(422, body)) if body.fields.is_some() => {
                        draft
                            .errors
                            .set(body.fields.unwrap_or_default().into_iter().collect());
                        flow.href(|c| c.step = Some("details"))
                    }
                    Err(error) => {
                        busy.set(false);
                        failure.set(Some(error));
                        return;
                    }
                };
                navigate(&back_to, Default::default());
            });
        })
    };

    let mut head = step_header(
        &flow,
        6,
        t.flow().title_review,
        Some(details_href.clone()),
        None,
        true,
    );
    head.push_str(&facts(&[
        (
            t.service,
            html(
                "{} · {}",
                &[
                    &service.name,
                    &fill(t.minutes, &[&service.duration_minutes.to_string()]),
                ],
            ),
        ),
        (t.with, html("{}", &[&with])),
        (
            t.when,
            html("{}", &[&instant(start, &clinic.time_zone, lang)]),
        ),
        (t.where_, html("{}", &[&place])),
        (t.cost, html("{}", &[&service.cost_note])),
    ]));
    // The preparation is HTML the server rendered from the clinic's Markdown and sanitised.
    push(
        &mut head,
        r#"<section class="block prep" data-testid="preparation"><h2>{}</h2>"#,
        &[t.prepare],
    );
    head.push_str(&service.preparation_html);
    push(
        &mut head,
        r#"</section><section class="block"><h2>{}</h2><p>{}</p><p>{}</p><a href="{}">{}</a></section>"#,
        &[
            t.flow().your_details,
            &patient.name,
            &contact,
            &details_href,
            t.flow().edit,
        ],
    );
    let html = Signal::derive(move || {
        let mut out = head.clone();
        if let Some(error) = failure.get() {
            push(
                &mut out,
                r#"<p class="notice error" role="alert">{}</p>"#,
                &[error_text(&error, t)],
            );
        }
        let busy = busy.get();
        push(
            &mut out,
            r#"<button type="button" id="confirm" class="primary" data-act="confirm" aria-disabled="{}">{}</button>"#,
            &[
                flag(busy),
                if busy {
                    t.flow().booking_busy
                } else {
                    t.flow().confirm_booking
                },
            ],
        );
        out
    });
    view! { <Markup html on_act=confirm /> }
}
