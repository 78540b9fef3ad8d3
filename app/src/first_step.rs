//! The booking flow's first step, "What do you need?", as HTML: the clinic's services, each
//! saying how long it takes, where it happens, what happens and what it costs.
//!
//! The app draws it (`pages::book::service`), and the server writes the very same markup into
//! the page it sends for `/book/{clinic}` (`server/src/routes/book_page.rs`). So a phone paints
//! the clinic's services as soon as the page and its style sheet arrive, before the app has
//! downloaded; the app then draws the same thing again, which is no larger a paint (what
//! Largest Contentful Paint measures). Its links are real links, so a tap before the app has
//! loaded still goes on to the next step.

use crate::html::push;
use crate::i18n::{fill, Tr};
use crate::wire::{Clinic, ServiceKind};

/// How many steps the flow has (service, practitioner, day, time, details, review).
pub const STEPS: &str = "6";

const CARD: &str = r#"<li class="card"><h2><a class="card-link" href="{}">{}</a></h2><p class="meta">{} · {}</p><p>{}</p><h3>{}</h3><p>{}</p><p class="cost"><strong>{}:</strong> {}</p></li>"#;

/// The top of every step: the clinic, a Back link, "Step n of 6" and the step's `<h1>`.
pub fn step_header_html(
    clinic_name: &str,
    number: u8,
    title: &str,
    back: Option<&str>,
    t: &Tr,
) -> String {
    let mut out = String::new();
    push(
        &mut out,
        r#"<p class="clinic-name">{}</p>"#,
        &[&fill(t.flow().booking_at, &[clinic_name])],
    );
    if let Some(back) = back {
        push(
            &mut out,
            r#"<a class="back" href="{}">‹ {}</a>"#,
            &[back, t.back],
        );
    }
    push(
        &mut out,
        r#"<p class="step-count">{}</p><h1 id="step-title" tabindex="-1">{}</h1>"#,
        &[&step_count(number, t), title],
    );
    out
}

/// "Step n of 6", also what the page's live region says on arriving at a step.
pub fn step_count(number: u8, t: &Tr) -> String {
    fill(t.flow().step_of, &[&number.to_string(), STEPS])
}

/// Step 1 after its header: the services as cards, each a link to `{flow}?service={id}`
/// (`flow` is `/book/{clinic}`, or the widget's `/embed/{clinic}`).
pub fn service_cards_html(out: &mut String, clinic: &Clinic, flow: &str, t: &Tr) {
    if clinic.services.is_empty() {
        push(
            out,
            r#"<p class="notice">{}</p>"#,
            &[&fill(t.flow().no_services, &[&clinic.phone])],
        );
    }
    out.push_str(r#"<ul class="cards" data-testid="service-list">"#);
    for service in &clinic.services {
        let href = format!("{flow}?service={}", service.id);
        let kind = match service.kind {
            ServiceKind::InPerson => t.flow().in_person,
            ServiceKind::Telehealth => t.flow().telehealth,
        };
        push(
            out,
            CARD,
            &[
                &href,
                &service.name,
                &fill(t.minutes, &[&service.duration_minutes.to_string()]),
                kind,
                &service.description,
                t.flow().what_to_expect,
                &service.what_to_expect,
                t.cost,
                &service.cost_note,
            ],
        );
    }
    out.push_str("</ul>");
}

/// The whole first step as the server sends it in the page: the markup the app draws inside
/// its `<main>` (the header without side effects, then the cards).
pub fn service_step_html(clinic: &Clinic, flow: &str, t: &Tr) -> String {
    let mut out = step_header_html(&clinic.name, 1, t.flow().title_service, None, t);
    service_cards_html(&mut out, clinic, flow, t);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::catalog;
    use crate::wire::{Language, Service};

    fn clinic(services: Vec<Service>) -> Clinic {
        Clinic {
            slug: "demo".into(),
            name: "Riverside <Family> Clinic".into(),
            time_zone: "America/New_York".into(),
            address: "1 Main St".into(),
            phone: "+1 212 555 0142".into(),
            late_cancel_hours: 24,
            min_notice_minutes: 120,
            horizon_days: 60,
            languages: vec![Language::En, Language::Es],
            services,
            practitioners: Vec::new(),
        }
    }

    fn service(id: i64, name: &str) -> Service {
        Service {
            id,
            name: name.into(),
            description: "A call & a chat".into(),
            duration_minutes: 15,
            kind: ServiceKind::Telehealth,
            what_to_expect: "We call you".into(),
            cost_note: "$40".into(),
            preparation_html: String::new(),
        }
    }

    #[test]
    fn each_service_is_a_card_linking_to_the_next_step_with_its_words_escaped() {
        let html = service_step_html(
            &clinic(vec![service(7, "Video check-in")]),
            "/book/demo",
            catalog(Language::En),
        );
        assert!(html.starts_with(
            r#"<p class="clinic-name">Booking at Riverside &lt;Family&gt; Clinic</p><p class="step-count">Step 1 of 6</p><h1 id="step-title" tabindex="-1">What do you need?</h1>"#
        ));
        assert!(
            html.contains(r#"<a class="card-link" href="/book/demo?service=7">Video check-in</a>"#)
        );
        assert!(
            html.contains(r#"<p class="meta">15 min · Video visit</p><p>A call &amp; a chat</p>"#)
        );
        assert!(html.ends_with(r#"<p class="cost"><strong>Cost:</strong> $40</p></li></ul>"#));
    }

    #[test]
    fn no_services_says_to_call_in_the_readers_language() {
        let html = service_step_html(&clinic(vec![]), "/book/demo", catalog(Language::Es));
        assert!(html.contains("Paso 1 de 6"));
        assert!(html.contains(
            "Por ahora esta clínica no ofrece citas en línea. Llame al +1 212 555 0142."
        ));
        assert!(html.ends_with(r#"<ul class="cards" data-testid="service-list"></ul>"#));
    }
}
