use crate::helpers::*;
use app::wire::{Appointment, AppointmentStatus};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

/// Monday 7 December 2026 in New York (UTC-5): 09:00 local is 14:00 UTC.
fn monday_at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, minute, 0)
        .unwrap()
}

#[tokio::test]
async fn booking_a_free_time_returns_201_with_a_visit_page_token() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let visit = app
        .book_ok(&request(
            service,
            Some(okafor),
            monday_at(9, 0),
            "Sam Rivera",
        ))
        .await;

    assert_eq!(visit.status, AppointmentStatus::Booked);
    assert_eq!(visit.start, monday_at(9, 0));
    assert_eq!(visit.end, monday_at(9, 20));
    assert_eq!(visit.local_time, "09:00");
    assert_eq!(visit.practitioner.display_name, "Dr. Amara Okafor");
    assert_eq!(visit.patient.preferred_name, "Sam");
    assert!(visit.token.len() >= 43, "a token of at least 256 bits");
    assert!(visit.can_cancel && visit.can_reschedule);

    let page: Appointment = app.appointment(&visit.token).await.json().await.unwrap();
    assert_eq!(page.start, visit.start);
    assert_eq!(page.clinic.phone, "+1 212 555 0142");
    // The clinic's Markdown, as HTML ready for the page.
    assert!(page
        .service
        .preparation_html
        .starts_with("<p>Bring your medicines"));
}

#[tokio::test]
async fn a_booked_time_is_no_longer_offered() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let day = date(2026, 12, 7);
    assert!(app
        .free_slots_on(service, Some(okafor), day)
        .await
        .iter()
        .any(|s| s.start == monday_at(9, 0)));

    app.book_ok(&request(
        service,
        Some(okafor),
        monday_at(9, 0),
        "Sam Rivera",
    ))
    .await;

    let after = app.free_slots_on(service, Some(okafor), day).await;
    assert!(after
        .iter()
        .all(|s| s.start != monday_at(9, 0) && s.start != monday_at(9, 15)));
    assert!(after.iter().any(|s| s.start == monday_at(9, 30)));
}

#[tokio::test]
async fn booking_returns_409_when_slot_taken_with_nearby_alternatives() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    app.book_ok(&request(
        service,
        Some(okafor),
        monday_at(10, 0),
        "First Patient",
    ))
    .await;
    let before = app.appointment_count().await;

    let (status, body) = error_code(
        app.book(&request(
            service,
            Some(okafor),
            monday_at(10, 0),
            "Second Patient",
        ))
        .await,
    )
    .await;

    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "slot_taken");
    let alternatives = body["alternatives"].as_array().unwrap();
    assert!(!alternatives.is_empty() && alternatives.len() <= 3);
    for alternative in alternatives {
        assert_ne!(alternative["start"], json!(monday_at(10, 0)));
    }
    assert_eq!(
        app.appointment_count().await,
        before,
        "the loser booked nothing"
    );
}

#[tokio::test]
async fn a_long_visit_blocks_a_short_one_that_would_overlap_it() {
    let app = spawn_app().await;
    let new_patient = app.service_id("New patient visit").await;
    let follow_up = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    app.book_ok(&request(
        new_patient,
        Some(okafor),
        monday_at(9, 0),
        "Long Visit",
    ))
    .await;

    let overlapping = app
        .book(&request(
            follow_up,
            Some(okafor),
            monday_at(9, 30),
            "Short Visit",
        ))
        .await;
    assert_eq!(overlapping.status(), StatusCode::CONFLICT);
    // 40 minutes from 9:00 end at 9:40: the next visit may start then.
    app.book_ok(&request(
        follow_up,
        Some(okafor),
        monday_at(9, 45),
        "Short Visit",
    ))
    .await;
}

#[tokio::test]
async fn the_physiotherapy_buffer_keeps_the_next_ten_minutes_free() {
    let app = spawn_app().await;
    let physio = app.service_id("Physiotherapy session").await;
    let lee = app.practitioner_id("Jordan Lee").await;
    app.book_ok(&request(physio, Some(lee), monday_at(8, 0), "Early Mover"))
        .await;

    let slots = app
        .free_slots_on(physio, Some(lee), date(2026, 12, 7))
        .await;
    let starts: Vec<_> = slots.iter().map(|s| s.local_time.as_str()).collect();
    assert!(
        !starts.contains(&"09:00"),
        "9:00 is inside the 10-minute clean-up: {starts:?}"
    );
    assert!(starts.contains(&"09:15"), "{starts:?}");
}

#[tokio::test]
async fn first_available_picks_the_least_busy_practitioner_and_says_who() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    app.book_ok(&request(service, Some(okafor), monday_at(9, 0), "Busy Day"))
        .await;

    let visit = app
        .book_ok(&request(service, None, monday_at(11, 0), "Any Doctor"))
        .await;
    assert_eq!(
        visit.practitioner.id, herrera,
        "Dr. Okafor already has a visit that day"
    );

    // "Any" offers one entry per time, each naming who would take it.
    let slots = app.free_slots_on(service, None, date(2026, 12, 7)).await;
    let mut starts: Vec<_> = slots.iter().map(|s| s.start).collect();
    starts.dedup();
    assert_eq!(starts.len(), slots.len());
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_same_booking_once() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let body =
        serde_json::to_value(request(service, None, monday_at(14, 0), "Retry Patient")).unwrap();
    let before = app.appointment_count().await;

    let first = app.book_raw(&body, Some("attempt-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Appointment = first.json().await.unwrap();
    let again = app.book_raw(&body, Some("attempt-1")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    let again: Appointment = again.json().await.unwrap();

    assert_eq!(first.token, again.token);
    assert_eq!(app.appointment_count().await, before + 1);

    let mut changed = body.clone();
    changed["patient"]["name"] = json!("Someone Else");
    let (status, error) = error_code(app.book_raw(&changed, Some("attempt-1")).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error["fields"]["idempotency_key"],
        "reused_with_different_body"
    );
    assert_eq!(app.appointment_count().await, before + 1);
}

#[tokio::test]
async fn spanish_patients_get_their_visit_in_spanish() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let mut booking = request(service, None, monday_at(15, 0), "María López");
    booking.patient.language = app::wire::Language::Es;
    booking.patient.preferred_name = Some("Mari".into());

    let visit = app.book_ok(&booking).await;

    assert_eq!(visit.service.name, "Visita de seguimiento");
    assert_eq!(visit.patient.preferred_name, "Mari");
    let english: Appointment = app
        .client
        .get(app.url(&format!("/api/appointments/{}?lang=en", visit.token)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(english.service.name, "Follow-up visit");
}
