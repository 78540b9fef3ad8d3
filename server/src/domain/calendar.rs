//! The visit as an iCalendar (RFC 5545) file: one event whose UID never changes, whose
//! SEQUENCE grows with each change, and which says CANCELLED once cancelled — so a patient's
//! calendar updates the event instead of adding a second one.
//!
//! The visit page's download is a PUBLISH (a copy to save). E-mails carry an iTIP (RFC 5546)
//! REQUEST or CANCEL instead, which mail apps offer to add, update or remove in place; iTIP
//! wants an ORGANIZER (the clinic) and the ATTENDEE it is addressed to (the patient).

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

/// What the receiving calendar is asked to do with the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A copy to keep (the visit page's download).
    Publish,
    /// Add or update the event (confirmation, change).
    Request,
    /// Remove it (cancellation).
    Cancel,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// The clinic as organizer, or the patient as attendee.
pub struct Party<'a> {
    pub name: Option<&'a str>,
    pub email: &'a str,
}

pub struct CalendarEntry<'a> {
    pub method: Method,
    pub uid: &'a str,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub url: &'a str,
    /// A CANCEL is always cancelled; a download says whether the visit is.
    pub cancelled: bool,
    pub stamp: DateTime<Utc>,
    pub organizer: Option<Party<'a>>,
    pub attendee: Option<Party<'a>>,
}

pub fn ics(entry: &CalendarEntry<'_>) -> String {
    let mut event = Event::new();
    event
        .uid(entry.uid)
        .timestamp(entry.stamp)
        .starts(entry.start)
        .ends(entry.end)
        .summary(entry.summary)
        .description(entry.description)
        .location(entry.location)
        .add_property("SEQUENCE", entry.sequence.to_string())
        .add_property("URL", entry.url);
    event.status(if entry.cancelled || entry.method == Method::Cancel {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    });
    if let Some(organizer) = &entry.organizer {
        event.append_property(party("ORGANIZER", organizer));
    }
    if let Some(attendee) = &entry.attendee {
        let mut property = party("ATTENDEE", attendee);
        property
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", "ACCEPTED")
            .add_parameter("RSVP", "FALSE");
        event.append_property(property);
    }
    let mut calendar = Calendar::new();
    calendar.append_property(("METHOD", entry.method.code()));
    calendar.push(event.done());
    calendar.done().to_string()
}

fn party(key: &str, who: &Party<'_>) -> Property {
    let mut property = Property::new(key, format!("mailto:{}", who.email));
    if let Some(name) = who.name.map(parameter_value).filter(|n| !n.is_empty()) {
        property.add_parameter("CN", &name);
    }
    property
}

/// A name fit for a parameter value: no double quotes or control characters (RFC 5545 has no
/// escape for them there), and quoted when it holds a comma — the icalendar crate quotes only
/// for `:` and `;`, and an unquoted comma would split the name into a list.
fn parameter_value(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    let clean = clean.trim().to_string();
    if clean.contains(',') && !clean.contains([':', ';']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(method: Method) -> CalendarEntry<'static> {
        CalendarEntry {
            method,
            uid: "visit-1@carebook",
            sequence: 2,
            start: Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 12, 7, 14, 20, 0).unwrap(),
            summary: "Follow-up visit — Riverside Family Clinic",
            description: "With Dr. Okafor.",
            location: "120 Hudson Street",
            url: "https://care.example/a/token",
            cancelled: false,
            stamp: Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
            organizer: Some(Party {
                name: Some("Riverside, \"Family\" Clinic"),
                email: "no-reply@care.example",
            }),
            attendee: Some(Party {
                name: None,
                email: "ana@example.com",
            }),
        }
    }

    fn parsed(text: &str) -> ical::parser::ical::component::IcalCalendar {
        ical::IcalParser::new(text.as_bytes())
            .next()
            .expect("one calendar")
            .expect("it parses")
    }

    fn value(properties: &[ical::property::Property], name: &str) -> String {
        properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn a_request_names_the_clinic_as_organizer_and_the_patient_as_attendee() {
        let calendar = parsed(&ics(&entry(Method::Request)));
        assert_eq!(value(&calendar.properties, "METHOD"), "REQUEST");
        let event = &calendar.events[0];
        assert_eq!(value(&event.properties, "STATUS"), "CONFIRMED");
        assert_eq!(value(&event.properties, "SEQUENCE"), "2");
        assert_eq!(
            value(&event.properties, "ORGANIZER"),
            "mailto:no-reply@care.example"
        );
        let organizer = event
            .properties
            .iter()
            .find(|p| p.name == "ORGANIZER")
            .unwrap();
        let cn = organizer
            .params
            .as_ref()
            .and_then(|params| params.iter().find(|(key, _)| key == "CN"))
            .map(|(_, values)| values.join(","))
            .expect("a CN");
        assert!(cn.contains("Riverside, Family Clinic"), "{cn}");
        assert_eq!(
            value(&event.properties, "ATTENDEE"),
            "mailto:ana@example.com"
        );
    }

    #[test]
    fn a_cancel_is_cancelled_whatever_the_entry_says() {
        let calendar = parsed(&ics(&entry(Method::Cancel)));
        assert_eq!(value(&calendar.properties, "METHOD"), "CANCEL");
        assert_eq!(value(&calendar.events[0].properties, "STATUS"), "CANCELLED");
    }

    #[test]
    fn a_download_is_a_publish_without_parties() {
        let mut download = entry(Method::Publish);
        download.organizer = None;
        download.attendee = None;
        let text = ics(&download);
        assert!(text.contains("METHOD:PUBLISH"));
        assert!(!text.contains("ORGANIZER") && !text.contains("ATTENDEE"));
    }
}
