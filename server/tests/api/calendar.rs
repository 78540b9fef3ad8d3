use crate::helpers::*;
use chrono::{TimeZone, Utc};
use ical::parser::ical::component::IcalEvent;
use reqwest::StatusCode;
use serde_json::json;

fn monday_at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, 0, 0).unwrap()
}

/// Downloads and parses the calendar file with a real iCalendar parser.
pub(crate) async fn calendar_event(app: &TestApp, token: &str) -> IcalEvent {
    let response = app
        .client
        .get(app.url(&format!("/api/appointments/{token}/calendar.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let text = response.text().await.unwrap();
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    assert_eq!(calendar.events.len(), 1, "exactly one event");
    calendar.events.into_iter().next().unwrap()
}

pub(crate) fn property(event: &IcalEvent, name: &str) -> String {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[tokio::test]
async fn the_calendar_file_follows_the_visit_through_reschedule_and_cancel() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let visit = app
        .book_ok(&request(service, None, monday_at(9), "Calendar Patient"))
        .await;

    let booked = calendar_event(&app, &visit.token).await;
    assert_eq!(property(&booked, "DTSTART"), "20261207T140000Z");
    assert_eq!(property(&booked, "DTEND"), "20261207T142000Z");
    assert_eq!(property(&booked, "SEQUENCE"), "0");
    assert_eq!(property(&booked, "STATUS"), "CONFIRMED");
    assert!(property(&booked, "LOCATION").contains("120 Hudson Street"));
    assert!(property(&booked, "SUMMARY").contains("Follow-up visit"));
    let uid = property(&booked, "UID");

    app.post_json(
        &format!("/api/appointments/{}/reschedule", visit.token),
        &json!({ "start": monday_at(11) }),
    )
    .await;
    let moved = calendar_event(&app, &visit.token).await;
    assert_eq!(property(&moved, "UID"), uid, "the same event, updated");
    assert_eq!(property(&moved, "SEQUENCE"), "1");
    assert_eq!(property(&moved, "DTSTART"), "20261207T160000Z");

    app.post_json(
        &format!("/api/appointments/{}/cancel", visit.token),
        &json!({}),
    )
    .await;
    let cancelled = calendar_event(&app, &visit.token).await;
    assert_eq!(property(&cancelled, "UID"), uid);
    assert_eq!(property(&cancelled, "STATUS"), "CANCELLED");
    assert!(property(&cancelled, "SEQUENCE").parse::<u32>().unwrap() >= 2);
}

#[tokio::test]
async fn the_calendar_file_holds_nothing_the_patient_did_not_enter() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let mut booking = request(service, None, monday_at(10), "Private Person");
    booking.patient.insurance = Some(app::wire::Insurance {
        payer: "Acme".into(),
        member_id: "SECRET-42".into(),
    });
    booking.patient.reason = Some("sensitive reason".into());
    let visit = app.book_ok(&booking).await;

    let text = app
        .client
        .get(app.url(&format!("/api/appointments/{}/calendar.ics", visit.token)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for secret in [
        "SECRET-42",
        "Acme",
        "sensitive reason",
        "patient@example.org",
        "Sample Patient",
    ] {
        assert!(
            !text.contains(secret),
            "{secret} leaked into the calendar file"
        );
    }
}

#[tokio::test]
async fn a_telehealth_visit_is_at_its_video_room_instead_of_an_address() {
    let app = spawn_app().await;
    let service = app.service_id("Video check-in").await;
    let visit = app
        .book_ok(&request(service, None, monday_at(9), "Remote Patient"))
        .await;
    let event = calendar_event(&app, &visit.token).await;
    // The demo clinic has a video link template: the room is the place.
    assert_eq!(
        Some(property(&event, "LOCATION")),
        visit.video_url,
        "the video room"
    );
    assert!(!property(&event, "LOCATION").contains("Hudson"));
}
