//! Step 2: who. "First available" comes first, then everyone who offers the service.

use super::{step_header, Draft, Flow, Who};
use crate::components::markup::{push, Markup};
use crate::i18n::use_i18n;
use crate::wire::Service;
use leptos::prelude::*;

const CARD: &str = r#"<li class="card person"><span class="avatar" aria-hidden="true">{}</span><div><h2><a class="card-link" href="{}">{}</a></h2><p class="pronouns">{}</p><p class="meta">{}</p><p>{}</p></div></li>"#;

#[component]
pub fn PractitionerStep(flow: Flow, service: Service) -> impl IntoView {
    let t = use_i18n().now();
    // A new person or service starts the day list from today again.
    expect_context::<Draft>().day_page.set(0);
    let back = flow.href(|c| c.service = None);
    let mut cards = step_header(
        &flow,
        2,
        t.flow().title_practitioner,
        Some(back),
        None,
        true,
    );
    push(
        &mut cards,
        r#"<p class="chosen">{}</p><ul class="cards" data-testid="practitioner-list">"#,
        &[&service.name],
    );
    let mut card =
        |who: Who, initials: &str, name: &str, pronouns: Option<&str>, title: &str, bio: &str| {
            let href = flow.href(|c| {
                c.who = Some(who);
                c.date = None;
                c.start = None;
                c.step = None;
            });
            let pronouns = pronouns.map(|p| ["(", p, ")"].concat()).unwrap_or_default();
            push(
                &mut cards,
                CARD,
                &[initials, &href, name, &pronouns, title, bio],
            );
        };
    card(
        Who::FirstAvailable,
        "✓",
        t.flow().first_available,
        None,
        "",
        t.flow().first_available_hint,
    );
    for p in &flow.clinic.practitioners {
        if p.service_ids.contains(&service.id) {
            card(
                Who::Practitioner(p.id),
                &p.initials,
                &p.display_name,
                p.pronouns.as_deref(),
                &p.title,
                &p.bio,
            );
        }
    }
    cards.push_str("</ul>");
    view! { <Markup html=cards /> }
}
