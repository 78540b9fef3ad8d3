//! Step 4: which time on the chosen day. After a 409 on the review step, the nearest free
//! times come first.

use super::{step_header, Draft, Flow};
use crate::components::markup::{push, Act, Markup};
use crate::components::slot_picker::{slot_buttons, Names, SlotPicker};
use crate::i18n::{local, use_i18n, DateStyle};
use crate::wire::{Service, Slot};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn TimeStep(flow: Flow, service: Service, date: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.now(), i18n.lang.get_untracked());
    let draft = expect_context::<Draft>();
    let navigate = use_navigate();
    let query = flow.slot_query(&service);
    let names: Option<Names> = flow.practitioner_id().is_none().then(|| {
        flow.clinic
            .practitioners
            .iter()
            .map(|p| (p.id, p.display_name.clone()))
            .collect()
    });
    let back = flow.href(|c| {
        c.date = None;
        c.start = None;
        c.step = None;
    });
    let alternatives = draft.alternatives.get_untracked();
    let note = (!alternatives.is_empty()).then_some(t.slot_taken_intro);
    let mut head = step_header(
        &flow,
        4,
        t.flow().title_time,
        Some(back.clone()),
        note,
        true,
    );
    push(
        &mut head,
        r#"<p class="chosen">{} · {}</p>"#,
        &[&service.name, &local(date, "12:00", lang, DateStyle::Long)],
    );
    super::waitlist_link(&mut head, &flow, &service);
    if !alternatives.is_empty() {
        push(
            &mut head,
            r#"<div class="notice warn" data-testid="alternatives"><p>{}</p>"#,
            &[t.slot_taken_intro],
        );
        slot_buttons(
            &mut head,
            t,
            lang,
            &alternatives,
            |_| true,
            None,
            names.as_ref(),
            true,
            "slots-alternatives",
        );
        head.push_str("</div>");
    }

    let go = {
        let (flow, navigate) = (flow.clone(), navigate.clone());
        move |slot: Slot, step: &'static str| {
            let href = flow.href(|c| {
                c.date = Some(slot.local_date);
                c.start = Some(slot.start);
                c.step = Some(step);
            });
            draft.picked.set(Some(slot));
            draft.alternatives.set(Vec::new());
            navigate(&href, Default::default());
        }
    };
    let on_pick = {
        let go = go.clone();
        Callback::new(move |slot| go(slot, "details"))
    };
    // Details were filled in already when alternatives are offered: straight to review.
    let on_act = Callback::new(move |act: Act| {
        if let Some(slot) = act.index().and_then(|i| alternatives.get(i)) {
            go(slot.clone(), "review");
        }
    });
    let on_other_day = Callback::new(move |_| navigate(&back, Default::default()));
    view! {
        <Markup html=head on_act />
        <SlotPicker query date selected=flow.choices.start names on_pick on_other_day />
    }
}
