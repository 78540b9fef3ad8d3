//! `POST /api/appointments/{token}/confirm`: the patient's one-tap "I'll be there" from a
//! reminder. The first answer counts; a cancelled or started visit cannot be confirmed; the
//! clinic sees the answer on the visit.

use crate::console::{console_app, day, monday_visit, sign_in, ADMIN};
use crate::helpers::*;
use app::wire::messages::PatientConfirmation;
use app::wire::{Appointment, Language};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Monday 7 December 2026, 09:00 in New York.
fn monday_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap()
}

async fn booked(app: &TestApp, language: Language) -> Appointment {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let mut booking = request(service, Some(okafor), monday_nine(), "Ana Lucía Ortega");
    booking.patient.language = language;
    app.book_ok(&booking).await
}

async fn confirm(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/appointments/{token}/confirm")))
        .send()
        .await
        .unwrap()
}

/// What the database holds for the visit: when the patient confirmed, and how many
/// "patient_confirmed" events (by nobody from staff) were recorded.
async fn stored(app: &TestApp, token: &str) -> (Option<i64>, i64) {
    let confirmed_at: Option<i64> =
        sqlx::query_scalar("SELECT patient_confirmed_at FROM appointments WHERE token = $1")
            .bind(token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id
         WHERE a.token = $1 AND e.action = 'patient_confirmed' AND e.staff_id IS NULL",
    )
    .bind(token)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    (confirmed_at, events)
}

#[tokio::test]
async fn ill_be_there_marks_the_visit_and_says_whom_to_thank() {
    let app = spawn_app().await;
    let visit = booked(&app, Language::En).await;

    let response = confirm(&app, &visit.token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: PatientConfirmation = response.json().await.unwrap();
    assert_eq!(answer.confirmed_at, app.now);
    assert_eq!(answer.greeting_name, "Ana");
    assert_eq!(answer.clinic_name, "Riverside Family Clinic");
    assert_eq!(answer.language, Language::En);
    assert_eq!(
        stored(&app, &visit.token).await,
        (Some(app.now.timestamp()), 1),
        "confirmed now, and the visit's history says the patient did it"
    );
}

#[tokio::test]
async fn a_spanish_patient_is_answered_with_their_language() {
    let app = spawn_app().await;
    let visit = booked(&app, Language::Es).await;
    let answer: PatientConfirmation = confirm(&app, &visit.token).await.json().await.unwrap();
    assert_eq!(answer.language, Language::Es);
}

#[tokio::test]
async fn answering_again_keeps_the_first_answer() {
    let app = spawn_app().await;
    let visit = booked(&app, Language::En).await;
    let first: PatientConfirmation = confirm(&app, &visit.token).await.json().await.unwrap();

    // The next reminder's link, tapped an hour later.
    app.clock.advance(Duration::hours(1));
    let response = confirm(&app, &visit.token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let again: PatientConfirmation = response.json().await.unwrap();

    assert_eq!(again.confirmed_at, first.confirmed_at);
    assert_eq!(
        stored(&app, &visit.token).await,
        (Some(first.confirmed_at.timestamp()), 1),
        "one confirmation, one history entry"
    );
}

#[tokio::test]
async fn an_unknown_or_malformed_link_is_not_found() {
    let app = spawn_app().await;
    for token in ["A".repeat(43), "not-a-token".to_string()] {
        let (status, body) = error_code(confirm(&app, &token).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{token}");
        assert_eq!(body["error"], "not_found");
    }
}

#[tokio::test]
async fn a_cancelled_visit_cannot_be_confirmed() {
    let app = spawn_app().await;
    let visit = booked(&app, Language::En).await;
    let cancelled = app
        .post_json(
            &format!("/api/appointments/{}/cancel", visit.token),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);

    let (status, body) = error_code(confirm(&app, &visit.token).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "cancelled");
    assert_eq!(stored(&app, &visit.token).await, (None, 0));
}

#[tokio::test]
async fn a_visit_that_has_started_cannot_be_confirmed() {
    let app = spawn_app().await;
    let visit = booked(&app, Language::En).await;
    app.clock.advance(monday_nine() - app.now);

    let (status, body) = error_code(confirm(&app, &visit.token).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "past");
    assert_eq!(stored(&app, &visit.token).await, (None, 0));
}

#[tokio::test]
async fn the_clinic_sees_the_patients_answer_on_the_visit() {
    let app = console_app().await;
    let id = monday_visit(&app).await;
    let token: String = sqlx::query_scalar("SELECT token FROM appointments WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(confirm(&app, &token).await.status(), StatusCode::OK);

    let cookie = sign_in(&app, ADMIN).await;
    let response = day(&app, &cookie, "2026-12-07").await;
    assert_eq!(response.status(), StatusCode::OK);
    let day: Value = response.json().await.unwrap();
    let visit = day["practitioners"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|practitioner| practitioner["appointments"].as_array().unwrap())
        .find(|visit| visit["id"] == id)
        .expect("the visit is on Monday's list");
    assert_eq!(visit["patient_confirmed"], true, "{visit}");
}
