//! A visit's page as HTML (`/a/{token}`): the heading, what was just done, the facts (service,
//! when, where, with whom, cost), the preparation and the change buttons.
//!
//! The app draws it (`pages::visit`), and the server writes the very same markup into the page
//! it sends (`server/src/routes/visit_page.rs`), so a phone paints the visit as soon as the page
//! and its style sheets arrive, before the app has downloaded (as for the booking page's first
//! step, see `first_step`).
//!
//! Times are the browser's words for them (`Intl`, which knows the clinic's zone without zone
//! data in the bundle). The server cannot know those words, so every instant is written in an
//! element that names it (`data-at`, milliseconds) and its zone (`data-zone`): `visit.html`'s
//! one inline script puts the browser's words in before the first paint, with the call the app
//! makes (`i18n::dates`, `DateStyle::Full`).

use crate::html::{html, push, push_uri_component};
use crate::i18n::{catalog, fill};
use crate::wire::{Appointment, AppointmentStatus, Language, ServiceKind};
use chrono::{DateTime, Utc};

/// A visit page's parts, drawn for one appointment.
pub struct VisitHtml {
    /// The page's heading, also its title.
    pub title: String,
    /// Above the join link of a video visit: the heading, notices and the facts.
    pub head: String,
    /// Below it: the preparation and why the visit cannot be changed online, if so.
    pub after: String,
}

/// What the page is drawn for, besides the appointment.
pub struct VisitShown<'a> {
    pub lang: Language,
    /// Just booked (`?booked=1`): the heading greets.
    pub booked: bool,
    /// What was just done on this page ("Your visit was moved"), shown above the facts.
    pub done: Option<&'a str>,
    /// The browser is offline: the offline notice is filled from the start.
    pub offline: bool,
    /// An instant in words, in the clinic's zone (`i18n::instant` in the browser).
    pub words: &'a dyn Fn(DateTime<Utc>) -> String,
}

/// An instant in an element naming it, for the page's inline script (see the module's doc).
fn push_instant(out: &mut String, at: DateTime<Utc>, zone: &str, words: &str, test_id: &str) {
    push(
        out,
        r#"<span data-testid="{}" data-at="{}" data-zone="{}">{}</span>"#,
        &[test_id, &at.timestamp_millis().to_string(), zone, words],
    );
}

pub fn visit_html(a: &Appointment, shown: &VisitShown) -> VisitHtml {
    let (lang, t) = (shown.lang, catalog(shown.lang));
    let cancelled = a.status == AppointmentStatus::Cancelled;
    let greeting = shown.booked && !cancelled;
    let title = fill(
        if greeting {
            t.booked_title
        } else {
            t.visit().visit_title
        },
        &[&a.patient.preferred_name],
    );

    let place = match a.service.kind {
        ServiceKind::Telehealth => html("{}", &[t.video_visit]),
        ServiceKind::InPerson => {
            let mut map = String::from("https://www.openstreetmap.org/search?query=");
            push_uri_component(&mut map, &a.clinic.address);
            html(
                r#"{}<br>{}<br><a href="{}" rel="external">{}</a>"#,
                &[&a.clinic.name, &a.clinic.address, &map, t.visit().map_link],
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
    let zone = &a.clinic.time_zone;
    let mut when = String::new();
    push_instant(
        &mut when,
        a.start,
        zone,
        &(shown.words)(a.start),
        "visit-when",
    );
    push(
        &mut when,
        r#"<br><span class="muted">{}</span>"#,
        &[&fill(t.tz_label, &[zone])],
    );
    let facts = crate::html::facts(&[
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
        (t.when, when),
        (t.where_, place),
        (t.with, html("{}", &[&with])),
        (t.cost, html("{}", &[&a.service.cost_note])),
    ]);

    // "You are offline": a live region that `public/sw-register.js` fills and empties as the
    // network goes and comes; filled from the start when the page opened offline.
    let offline_text = crate::i18n::instructions::instructions_catalog(lang).offline;
    let mut head = html(
        r#"<p class="notice warn offline-banner" role="status" data-testid="offline-banner" data-offline="{}">{}</p>"#,
        &[offline_text, if shown.offline { offline_text } else { "" }],
    );
    push(
        &mut head,
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
        push(&mut head, "<p>{}</p>", &[t.visit().booked_note]);
    }
    head.push_str("</div>");
    if cancelled {
        push(
            &mut head,
            r#"<div class="banner cancelled" data-testid="cancelled-banner"><p><strong>{}</strong></p><a class="button primary" href="/book/{}">{}</a></div>"#,
            &[
                t.visit().cancelled_banner,
                &a.clinic.slug,
                t.visit().book_again,
            ],
        );
    }
    if let (Some(expected), Some(minutes)) = (a.expected_start, a.running_late_minutes) {
        // The sentence is escaped here, around the expected time's element.
        let mut at = String::new();
        push_instant(
            &mut at,
            expected,
            zone,
            &(shown.words)(expected),
            "running-late-at",
        );
        let mut name = String::new();
        crate::html::escape_into(&mut name, &a.practitioner.display_name);
        head.push_str(r#"<p class="notice" data-testid="running-late">"#);
        head.push_str(&fill(
            t.visit().running_late,
            &[&name, &minutes.to_string(), &at],
        ));
        head.push_str("</p>");
    }
    if let Some(done) = shown.done {
        push(&mut head, r#"<p class="notice ok">{}</p>"#, &[done]);
    }
    head.push_str(&facts);

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
                &fill(
                    t.visit().late_change,
                    &[&a.clinic.late_cancel_hours.to_string()],
                ),
                &a.clinic.phone,
                &a.clinic.phone,
            ],
        ),
        Some("past") => push(
            &mut after,
            r#"<p class="notice">{}</p>"#,
            &[t.visit().past_visit],
        ),
        _ => {}
    }
    // Printed at the foot of every page (`position: fixed` repeats in print); hidden on
    // screen and from screen readers, which have the phone in the page itself.
    push(
        &mut after,
        r#"<p class="print-footer" aria-hidden="true">{} · {}</p>"#,
        &[&a.clinic.name, &a.clinic.phone],
    );
    VisitHtml { title, head, after }
}

/// Which change panel is open under the buttons.
#[derive(Clone, Copy, PartialEq)]
pub enum Panel {
    None,
    Reschedule,
    Cancel,
}

/// The calendar file of a visit, for a plain download link.
pub fn calendar_url(token: &str) -> String {
    let mut url = String::from("/api/appointments/");
    push_uri_component(&mut url, token);
    url.push_str("/calendar.ics");
    url
}

/// The buttons under the preparation: add to a calendar, reschedule, cancel (those allowed);
/// none for a cancelled visit. `open` is the panel they have opened; `None` for the page the
/// server draws, which has only the calendar's link (a plain download) until the app, which
/// alone can act on the others, adds them at the end of the row.
pub fn actions_html(a: &Appointment, lang: Language, open: Option<Panel>) -> String {
    let t = catalog(lang);
    let mut out = String::new();
    if a.status == AppointmentStatus::Cancelled {
        return out;
    }
    push(
        &mut out,
        r#"<div class="actions" id="change" tabindex="-1"><a class="button secondary" href="{}" download="visit.ics">{}</a>"#,
        &[&calendar_url(&a.token), t.visit().add_calendar],
    );
    let Some(open) = open else {
        out.push_str("</div>");
        return out;
    };
    let expanded = |panel| if open == panel { "true" } else { "false" };
    if a.can_reschedule {
        push(
            &mut out,
            r#"<button type="button" class="secondary" data-act="reschedule" aria-expanded="{}">{}</button>"#,
            &[expanded(Panel::Reschedule), t.visit().reschedule],
        );
    }
    if a.can_cancel {
        push(
            &mut out,
            r#"<button type="button" class="secondary danger" data-act="cancel" aria-expanded="{}">{}</button>"#,
            &[expanded(Panel::Cancel), t.visit().cancel_visit],
        );
    }
    out.push_str("</div>");
    out
}
