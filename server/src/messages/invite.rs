//! The calendar file a confirmation, change or cancellation carries: an iTIP REQUEST (add or
//! update) or CANCEL, with the visit page's UID so the patient's calendar keeps one event.

use super::templates::Catalog;
use super::MessageFacts;
use crate::domain::calendar::{ics, CalendarEntry, Method, Party};
use crate::domain::markdown::plain_text;
use app::wire::messages::MessageKind;
use app::wire::ServiceKind;
use chrono::{DateTime, Utc};

pub(super) fn calendar_file(
    kind: MessageKind,
    facts: &MessageFacts,
    strings: &Catalog,
    sequence: i64,
    now: DateTime<Utc>,
) -> String {
    let method = if kind == MessageKind::Cancelled {
        Method::Cancel
    } else {
        Method::Request
    };
    let summary = strings.fill(
        "calendar.summary",
        &[
            ("service", &facts.service_name),
            ("clinic", &facts.clinic_name),
        ],
    );
    // Calendar apps show the description as plain text: the Markdown's words, no markup.
    let preparation = plain_text(&facts.preparation_md);
    let mut description = strings.fill(
        "calendar.description",
        &[
            ("practitioner", &facts.practitioner_name),
            ("preparation", preparation.trim()),
            ("link", &facts.links.visit),
            ("phone", &facts.clinic_phone),
        ],
    );
    // A cancellation's event goes away: no room to join.
    let video_url = facts
        .video_url
        .as_ref()
        .filter(|_| method != Method::Cancel);
    // Calendar apps put a LOCATION that is a link one tap away from the event.
    let location = match (facts.service_kind, video_url) {
        (ServiceKind::InPerson, _) => facts.clinic_address.clone(),
        (ServiceKind::Telehealth, Some(url)) => {
            description.push_str("\n\n");
            description.push_str(&strings.fill("calendar.video", &[("link", url)]));
            url.clone()
        }
        (ServiceKind::Telehealth, None) => strings.text("common.video").to_string(),
    };
    let organizer_email = organizer_address(&facts.links.visit);
    ics(&CalendarEntry {
        method,
        uid: &facts.calendar_uid,
        sequence: u32::try_from(sequence).unwrap_or(0),
        start: facts.start,
        end: facts.end,
        summary: &summary,
        description: &description,
        location: &location,
        url: &facts.links.visit,
        cancelled: method == Method::Cancel,
        stamp: now,
        organizer: Some(Party {
            name: Some(&facts.clinic_name),
            email: &organizer_email,
        }),
        attendee: facts
            .email
            .as_deref()
            .map(|email| Party { name: None, email }),
    })
}

/// The clinic's address as organizer: `no-reply@` the server's public host. Patients do not
/// answer invitations (RSVP=FALSE); iTIP only needs an organizer to tell whose event it is.
pub fn organizer_address(public_link: &str) -> String {
    let after_scheme = public_link
        .split_once("://")
        .map_or(public_link, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or(host_port)
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    let host = if host.is_empty() { "localhost" } else { host };
    format!("no-reply@{host}")
}
