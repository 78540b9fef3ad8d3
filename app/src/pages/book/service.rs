//! Step 1: what kind of visit. Each card says how long it takes, where it happens, what
//! happens during it and what it costs, before anything is committed.

use super::{step_header, Flow};
use crate::components::markup::{push, Markup};
use crate::i18n::{fill, use_i18n};
use crate::wire::ServiceKind;
use leptos::prelude::*;

const CARD: &str = r#"<li class="card"><h2><a class="card-link" href="{}">{}</a></h2><p class="meta">{} · {}</p><p>{}</p><h3>{}</h3><p>{}</p><p class="cost"><strong>{}:</strong> {}</p></li>"#;

#[component]
pub fn ServiceStep(flow: Flow) -> impl IntoView {
    let t = use_i18n().now();
    let mut out = step_header(&flow, 1, t.title_service, None, None, true);
    if flow.clinic.services.is_empty() {
        push(
            &mut out,
            r#"<p class="notice">{}</p>"#,
            &[&fill(t.no_services, &[&flow.clinic.phone])],
        );
    }
    out.push_str(r#"<ul class="cards" data-testid="service-list">"#);
    for service in &flow.clinic.services {
        let href = flow.href(|c| {
            *c = Default::default();
            c.service = Some(service.id);
        });
        let kind = match service.kind {
            ServiceKind::InPerson => t.in_person,
            ServiceKind::Telehealth => t.telehealth,
        };
        push(
            &mut out,
            CARD,
            &[
                &href,
                &service.name,
                &fill(t.minutes, &[&service.duration_minutes.to_string()]),
                kind,
                &service.description,
                t.what_to_expect,
                &service.what_to_expect,
                t.cost,
                &service.cost_note,
            ],
        );
    }
    out.push_str("</ul>");
    view! { <Markup html=out /> }
}
