//! Step 1: what kind of visit. Each card says how long it takes, where it happens, what
//! happens during it and what it costs, before anything is committed. The markup is
//! `first_step`'s, which the server also sends in the page itself.

use super::{step_header, Flow, FLOW_ROOT};
use crate::components::markup::Markup;
use crate::first_step::service_cards_html;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn ServiceStep(flow: Flow) -> impl IntoView {
    let t = use_i18n().now();
    let mut out = step_header(&flow, 1, t.flow().title_service, None, None, true);
    service_cards_html(&mut out, &flow.clinic, &[FLOW_ROOT, &flow.slug].concat(), t);
    view! { <Markup html=out /> }
}
