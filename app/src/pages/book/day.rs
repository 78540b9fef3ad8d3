//! Step 3: which day, two weeks at a time.

use super::{step_header, Draft, Flow};
use crate::components::day_picker::DayPicker;
use crate::components::markup::{push, Markup};
use crate::i18n::use_i18n;
use crate::wire::Service;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn DayStep(flow: Flow, service: Service) -> impl IntoView {
    let t = use_i18n().now();
    let draft = expect_context::<Draft>();
    let navigate = use_navigate();
    let query = flow.slot_query(&service);
    let back = flow.href(|c| c.who = None);
    let mut head = step_header(&flow, 3, t.flow().title_day, Some(back), None, true);
    push(&mut head, r#"<p class="chosen">{}</p>"#, &[&service.name]);
    super::waitlist_link(&mut head, &flow, &service);
    let on_pick = Callback::new(move |date| {
        navigate(
            &flow.href(|c| {
                c.date = Some(date);
                c.start = None;
                c.step = None;
            }),
            Default::default(),
        )
    });
    view! {
        <Markup html=head />
        <DayPicker query page=draft.day_page selected=None on_pick />
    }
}
