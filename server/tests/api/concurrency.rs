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
         SELECT clinic_id, 'raw-token', 'raw-uid', service_id, practitioner_id, ?, ?, ?, ?, 'Raw', 'r@example.org',
            'en', 'new', 0, 0 FROM appointments WHERE practitioner_id = ? LIMIT 1",
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
