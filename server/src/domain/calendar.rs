//! The visit as an iCalendar (RFC 5545) file: one event whose UID never changes, whose
//! SEQUENCE grows with each change, and which says CANCELLED once cancelled — so a patient's
//! calendar updates the event instead of adding a second one.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

pub struct CalendarEntry<'a> {
    pub uid: &'a str,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub url: &'a str,
    pub cancelled: bool,
    pub stamp: DateTime<Utc>,
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
    event.status(if entry.cancelled {
        EventStatus::Cancelled
    } else {
        EventStatus::Confirmed
    });
    let mut calendar = Calendar::new();
    calendar.append_property(("METHOD", "PUBLISH"));
    calendar.push(event.done());
    calendar.done().to_string()
}
