use crate::helpers::*;
use chrono::{Duration, TimeZone, Utc};
use futures::future::join_all;
use reqwest::StatusCode;

fn monday_at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, minute, 0)
        .unwrap()
}

/// Monday's booked intervals (the demo's sample visits fall on other days).
async fn booked_on_monday(app: &TestApp, practitioner_id: i64) -> Vec<(i64, i64)> {
    let monday = monday_at(0, 0).timestamp();
    let intervals = app.booked_intervals(practitioner_id).await;
    intervals
        .into_iter()
        .filter(|(start, _)| (monday..monday + 86_400).contains(start))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_patients_racing_for_one_time_get_one_booking_and_49_taken() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let attempts = (0..50).map(|i| {
        let booking = request(
            service,
            Some(okafor),
            monday_at(10, 0),
            &format!("Racer {i}"),
        );
        let app = &app;
        async move { app.book(&booking).await.status() }
    });
    let statuses = join_all(attempts).await;

    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let taken = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, taken), (1, 49), "{statuses:?}");
    assert_eq!(booked_on_monday(&app, okafor).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_different_patients_racing_for_one_time_get_one_booking_and_49_taken() {
    // Unlike one person retrying, strangers share no patient record that would queue them up.
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let attempts = (0..50).map(|i| {
        let mut booking = request(
            service,
            Some(okafor),
            monday_at(15, 0),
            &format!("Stranger {i}"),
        );
        booking.patient.email = Some(format!("stranger.{i}@example.org"));
        let app = &app;
        async move {
            let response = app.book(&booking).await;
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body)
        }
    });
    let outcomes = join_all(attempts).await;

    let created = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{outcomes:?}");
    for (status, body) in outcomes.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
        assert_eq!(*status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"], "slot_taken");
        assert!(
            body["alternatives"]
                .as_array()
                .is_some_and(|times| !times.is_empty()),
            "the refusal offers other times: {body}"
        );
    }
    assert_eq!(booked_on_monday(&app, okafor).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racers_of_mixed_lengths_never_end_up_overlapping() {
    let app = spawn_app().await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let services = [
        app.service_id("New patient visit").await, // 40 min
        app.service_id("Follow-up visit").await,   // 20 min
        app.service_id("Video check-in").await,    // 15 min
    ];
    // Every combination of length and start between 9:00 and 10:30, all at once.
    let mut attempts = Vec::new();
    for (i, service) in services.iter().enumerate() {
        for step in 0..7 {
            for copy in 0..3 {
                let start = monday_at(9, 0) + Duration::minutes(15 * step);
                attempts.push(request(
                    *service,
                    Some(okafor),
                    start,
                    &format!("Mixed {i} {step} {copy}"),
                ));
            }
        }
    }
    let statuses = join_all(attempts.iter().map(|booking| {
        let app = &app;
        async move { app.book(booking).await.status() }
    }))
    .await;

    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let intervals = booked_on_monday(&app, okafor).await;
    assert!(intervals.len() >= 3, "some bookings succeed: {intervals:?}");
    for pair in intervals.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "overlap between {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, intervals.len());
}

#[tokio::test]
async fn the_database_itself_refuses_an_overlapping_row() {
    // Even code that skipped the availability rule could not double-book: the schema says no.
    let app = spawn_app().await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let service = app.service_id("Follow-up visit").await;
    app.book_ok(&request(service, Some(okafor), monday_at(9, 0), "Row One"))
        .await;
    let start = monday_at(9, 10).timestamp();
    let result = sqlx::query(
        "INSERT INTO appointments (clinic_id, token, calendar_uid, service_id, practitioner_id, starts_at,
            ends_at, blocked_from, blocked_until, patient_name, email, language, new_or_returning,
            created_at, updated_at)
         SELECT clinic_id, 'raw-token', 'raw-uid', service_id, practitioner_id, $1, $2, $3, $4, 'Raw', 'r@example.org',
            'en', 'new', 0, 0 FROM appointments WHERE practitioner_id = $5 LIMIT 1",
    )
    .bind(start)
    .bind(start + 1200)
    .bind(start)
    .bind(start + 1200)
    .bind(okafor)
    .execute(&app.db.pool)
    .await;
    let error = result.expect_err("the overlap is refused");
    assert!(carebook::error::is_slot_taken(&error), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_booking_sent_several_times_at_once_with_one_key_is_booked_once() {
    // A phone on a poor connection may resend before the first answer arrives. On PostgreSQL
    // the copies run side by side: the losers must answer with the winner's booking.
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let body = serde_json::to_value(request(
        service,
        Some(okafor),
        monday_at(11, 0),
        "Resending Patient",
    ))
    .unwrap();
    let before = app.appointment_count().await;

    let responses = join_all((0..8).map(|_| app.book_raw(&body, Some("one-tap")))).await;
    let mut tokens = Vec::new();
    for response in responses {
        assert_eq!(response.status(), StatusCode::CREATED);
        let visit: app::wire::Appointment = response.json().await.unwrap();
        tokens.push(visit.token);
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 1, "every copy gets the same visit");
    assert_eq!(app.appointment_count().await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_new_patient_booking_several_times_at_once_gets_one_record() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let bookings: Vec<_> = [9, 10, 11, 14, 15]
        .into_iter()
        .map(|hour| {
            let mut booking = request(service, Some(okafor), monday_at(hour, 0), "Busy Person");
            booking.patient.email = Some("busy.person@example.org".into());
            booking.patient.phone = Some("+1 212 555 0199".into());
            booking
        })
        .collect();

    let statuses = join_all(bookings.iter().map(|booking| {
        let app = &app;
        async move { app.book(booking).await.status() }
    }))
    .await;

    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
    let (records, linked): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM patients WHERE email_key = $1),
                (SELECT COUNT(DISTINCT patient_id) FROM appointments WHERE email = $1)",
    )
    .bind("busy.person@example.org")
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((records, linked), (1, 1), "one person, one timeline");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_visits_moved_to_one_time_at_once_leave_one_there_and_offer_the_other_alternatives() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let mut visits = Vec::new();
    for (hour, name) in [(9, "Early Mover"), (14, "Late Mover")] {
        let booking = request(service, Some(okafor), monday_at(hour, 0), name);
        visits.push(app.book_ok(&booking).await);
    }

    let moves = visits.iter().map(|visit| {
        let path = format!("/api/appointments/{}/reschedule", visit.token);
        let app = &app;
        async move {
            let body = serde_json::json!({ "start": monday_at(11, 0) });
            let response = app.post_json(&path, &body).await;
            let status = response.status();
            (status, response.json::<serde_json::Value>().await.unwrap())
        }
    });
    let outcomes = join_all(moves).await;

    let moved = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::OK)
        .count();
    assert_eq!(moved, 1, "{outcomes:?}");
    let (status, refused) = outcomes.iter().find(|(s, _)| *s != StatusCode::OK).unwrap();
    assert_eq!(*status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["error"], "slot_taken");
    assert!(
        refused["alternatives"]
            .as_array()
            .is_some_and(|times| !times.is_empty()),
        "{refused}"
    );
    let eleven = monday_at(11, 0).timestamp();
    let at_eleven = booked_on_monday(&app, okafor)
        .await
        .into_iter()
        .filter(|(start, _)| *start == eleven)
        .count();
    assert_eq!(at_eleven, 1);
}
