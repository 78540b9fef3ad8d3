//! Moving a visit: the same day and time pickers as booking, for the same service and person.

use crate::api::{self, ApiError};
use crate::components::day_picker::{DayPicker, SlotQuery};
use crate::components::feedback::error_text;
use crate::components::markup::{flag, push, Act, Markup};
use crate::components::slot_picker::{slot_buttons, SlotPicker};
use crate::components::{announce, focus_heading, focus_id};
use crate::i18n::{fill, local, use_i18n, DateStyle};
use crate::wire::{Appointment, RescheduleRequest, Slot};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Reschedule(
    appointment: Appointment,
    on_done: Callback<(Appointment, String)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.now(), i18n.lang.get_untracked());
    let query = SlotQuery {
        slug: appointment.clinic.slug.clone(),
        service_id: appointment.service.id,
        practitioner_id: Some(appointment.practitioner.id),
        zone: appointment.clinic.time_zone.clone(),
        horizon_days: appointment.clinic.horizon_days,
        phone: appointment.clinic.phone.clone(),
    };
    let token = appointment.token.clone();
    let page = RwSignal::new(0);
    let date = RwSignal::new(None::<NaiveDate>);
    let picked = RwSignal::new(None::<Slot>);
    let alternatives = RwSignal::new(Vec::<Slot>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    focus_heading("reschedule-title");
    let when = move |slot: &Slot| {
        local(
            slot.local_date,
            &slot.local_time,
            lang,
            DateStyle::ShortWithTime,
        )
    };

    let pick = Callback::new(move |slot: Slot| {
        announce(fill(t.visit().new_time_confirm, &[&when(&slot)]));
        picked.set(Some(slot));
        focus_id("reschedule-confirm");
    });
    let confirm = move || {
        let Some(slot) = picked.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        focus_id("reschedule-confirm");
        let token = token.clone();
        spawn_local(async move {
            let request = RescheduleRequest {
                start: slot.start,
                practitioner_id: Some(slot.practitioner_id),
            };
            match api::reschedule(&token, &request).await {
                Ok(moved) => {
                    let message = fill(
                        t.visit().moved_to,
                        &[&local(
                            moved.local_date,
                            &moved.local_time,
                            lang,
                            DateStyle::ShortWithTime,
                        )],
                    );
                    announce(message.clone());
                    on_done.run((moved, message));
                }
                Err(error) => {
                    busy.set(false);
                    match error.body().and_then(|b| b.alternatives.clone()) {
                        Some(others) if error.code() == "slot_taken" => {
                            picked.set(None);
                            alternatives.set(others);
                            announce(t.slot_taken_intro);
                            focus_id("reschedule-alternatives");
                        }
                        _ => {
                            announce(error_text(&error, t));
                            failure.set(Some(error));
                        }
                    }
                }
            }
        });
    };

    let head = Signal::derive(move || {
        let mut out = String::new();
        push(
            &mut out,
            r#"<h2 id="reschedule-title" tabindex="-1">{}</h2>"#,
            &[t.visit().new_time_title],
        );
        let others = alternatives.get();
        if !others.is_empty() {
            push(
                &mut out,
                r#"<div class="notice warn" id="reschedule-alternatives" tabindex="-1" data-testid="alternatives"><p>{}</p>"#,
                &[t.slot_taken_intro],
            );
            let chosen = picked.get().map(|s| s.start);
            slot_buttons(
                &mut out,
                t,
                lang,
                &others,
                |_| true,
                chosen,
                None,
                true,
                "slots-alternatives",
            );
            out.push_str("</div>");
        }
        out
    });
    let pick_alternative = Callback::new(move |act: Act| {
        if let Some(slot) = act
            .index()
            .and_then(|i| alternatives.get_untracked().get(i).cloned())
        {
            pick.run(slot);
        }
    });
    let foot = Signal::derive(move || {
        let mut out = String::new();
        if let Some(error) = failure.get() {
            super::change_refused(&mut out, &error, t);
        }
        out.push_str(r#"<div class="actions">"#);
        if let Some(slot) = picked.get() {
            let busy = busy.get();
            let label = if busy {
                t.working.to_string()
            } else {
                fill(t.visit().new_time_confirm, &[&when(&slot)])
            };
            push(
                &mut out,
                r#"<button type="button" id="reschedule-confirm" class="primary" data-act="confirm" aria-disabled="{}">{}</button>"#,
                &[flag(busy), &label],
            );
        }
        push(
            &mut out,
            r#"<button type="button" class="secondary" data-act="close">{}</button></div>"#,
            &[t.visit().keep_time],
        );
        out
    });
    let foot_act = Callback::new(move |act: Act| match act.name.as_str() {
        "confirm" => confirm(),
        _ => on_close.run(()),
    });
    let day_query = query.clone();
    let times = move || {
        date.get().map(|day| {
            view! {
                <SlotPicker
                    query=query.clone()
                    date=day
                    selected=Signal::derive(move || picked.get().map(|s| s.start))
                    names=None
                    on_pick=pick
                    on_other_day=Callback::new(move |_| date.set(None))
                    titled=true
                />
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="reschedule-title">
            <Markup html=head on_act=pick_alternative />
            <DayPicker
                query=day_query
                page
                selected=date
                on_pick=Callback::new(move |day| {
                    picked.set(None);
                    date.set(Some(day));
                })
            />
            {times}
            <Markup html=foot on_act=foot_act />
        </section>
    }
}
