//! Erasure: an admin erases a person at their request. Their name, contacts and notes leave
//! the record and every visit; the visits stay (times, service, status) so the clinic's counts
//! are right; old visit links show nothing; the audit log keeps that it happened.

use super::authorization::{get, staff_id};
use super::*;
use crate::helpers::*;
use app::wire::console::{DaySchedule, PatientErased, PatientMatch, PatientTimeline};
use app::wire::{AccessNeeds, Appointment, BookingRequest, Insurance};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

const NAME: &str = "Ingrid Erasmus";
const PREFERRED: &str = "Inka";
const EMAIL: &str = "ingrid.erasmus@example.org";
const PHONE: &str = "+1 555 010 4477";
const REASON: &str = "Knee pain since the ski fall";
const MEMBER_ID: &str = "MEMBER-ERAS-4411";
const NEED: &str = "Needs a ramp";
const CANCEL_REASON: &str = "Moving to Ohio with my sister";

/// Everything of Ingrid's that must be gone, in the forms it could show up in.
const SECRETS: [&str; 10] = [
    "Ingrid",
    "Erasmus",
    "Inka",
    "ingrid.erasmus",
    "555 010 4477",
    "5550104477",
    "Knee pain",
    "MEMBER-ERAS",
    "ramp",
    "Ohio",
];

fn ingrids_booking(
    service: i64,
    practitioner: i64,
    start: chrono::DateTime<Utc>,
) -> BookingRequest {
    let mut booking = request(service, Some(practitioner), start, NAME);
    let p = &mut booking.patient;
    p.preferred_name = Some(PREFERRED.into());
    p.pronouns = Some("she/her".into());
    p.email = Some(EMAIL.into());
    p.phone = Some(PHONE.into());
    p.reason = Some(REASON.into());
    p.access_needs = Some(AccessNeeds {
        interpreter_language: Some("Norwegian".into()),
        mobility: Some(NEED.into()),
        other: None,
    });
    p.insurance = Some(Insurance {
        payer: "Acme Health".into(),
        member_id: MEMBER_ID.into(),
    });
    booking
}

struct Booked {
    patient: i64,
    monday: Appointment,
    tuesday: Appointment,
    /// Someone else, who must keep everything.
    other: Appointment,
}

/// Ingrid books Monday and Tuesday (one record, found by her email), cancels Tuesday online
/// with a reason; Dana Whitfield books too.
async fn book(app: &TestApp) -> Booked {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let monday = Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap();
    let tuesday = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let monday = app.book_ok(&ingrids_booking(service, okafor, monday)).await;
    let tuesday = app
        .book_ok(&ingrids_booking(service, okafor, tuesday))
        .await;
    let cancelled = app
        .post_json(
            &format!("/api/appointments/{}/cancel", tuesday.token),
            &json!({ "reason": CANCEL_REASON }),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let start = Utc.with_ymd_and_hms(2026, 12, 7, 16, 0, 0).unwrap();
    let other = app
        .book_ok(&request(service, Some(okafor), start, "Dana Whitfield"))
        .await;
    let patient = sqlx::query_scalar("SELECT patient_id FROM appointments WHERE token = $1")
        .bind(&monday.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    Booked {
        patient,
        monday,
        tuesday,
        other,
    }
}

async fn erase(app: &TestApp, cookie: &str, patient: i64) -> reqwest::Response {
    post(
        app,
        cookie,
        &format!("/api/console/patients/{patient}/erase"),
        json!({}),
    )
    .await
}

async fn search(app: &TestApp, cookie: &str, q: &str) -> Vec<PatientMatch> {
    let q = q
        .replace('+', "%2B")
        .replace(' ', "%20")
        .replace('@', "%40");
    let response = get(app, cookie, &format!("/api/console/patients?q={q}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn assert_none_of_ingrid(text: &str, place: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{secret} is still in {place}: {text}"
        );
    }
}

/// One visit's text columns, and one patient record's (NULLs where a column is empty).
type VisitTexts = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
type PatientTexts = (String, Option<String>, Option<String>, Option<String>);

/// Every text column the schema has for patients, visits and their history, as one string.
async fn stored_text(app: &TestApp) -> String {
    let visits: Vec<VisitTexts> =
        sqlx::query_as(
            "SELECT patient_name || ' ' || token, preferred_name || ' ' || COALESCE(pronouns, ''),
                    email, phone, COALESCE(reason, '') || ' ' || COALESCE(interpreter_language, '')
                    || ' ' || COALESCE(mobility_needs, '') || ' ' || COALESCE(other_needs, '')
                    || ' ' || COALESCE(insurance_payer, '') || ' ' || COALESCE(insurance_member_id, '')
                    || ' ' || COALESCE(cancel_reason, '')
             FROM appointments",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let patients: Vec<PatientTexts> =
        sqlx::query_as("SELECT name, preferred_name, email_key, phone_key FROM patients")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    let reasons: Vec<(Option<String>,)> = sqlx::query_as("SELECT reason FROM appointment_events")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    format!("{visits:?} {patients:?} {reasons:?}")
}

#[tokio::test]
async fn an_admin_erases_a_patient_and_the_clinic_keeps_only_anonymous_visits() {
    let app = console_app().await;
    let booked = book(&app).await;
    let admin = sign_in(&app, ADMIN).await;
    let desk = sign_in(&app, DESK).await;
    assert_eq!(search(&app, &desk, "Erasmus").await.len(), 1);
    let visits_before = app.appointment_count().await;

    let response = erase(&app, &admin, booked.patient).await;
    assert_eq!(response.status(), StatusCode::OK);
    let erased: PatientErased = response.json().await.unwrap();
    assert_eq!(
        erased,
        PatientErased {
            patient_id: booked.patient,
            appointments: 2
        }
    );
    // Twice is fine: nothing left to erase.
    let again = erase(&app, &admin, booked.patient).await;
    assert_eq!(again.status(), StatusCode::OK);
    let again: PatientErased = again.json().await.unwrap();
    assert_eq!(again.appointments, 0);

    // Lookups find nobody by any of what identified her.
    for q in ["Erasmus", "Ingrid", "Inka", EMAIL, PHONE, "5550104477"] {
        assert!(search(&app, &desk, q).await.is_empty(), "found by {q}");
    }
    // The record still opens (by id), shows no one, and says what happened.
    let response = get(
        &app,
        &desk,
        &format!("/api/console/patients/{}", booked.patient),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert_none_of_ingrid(&text, "the timeline");
    let timeline: PatientTimeline = serde_json::from_str(&text).unwrap();
    assert_eq!(timeline.patient.name, "");
    assert_eq!(
        (timeline.patient.email, timeline.patient.phone),
        (None, None)
    );
    let erasures = timeline
        .entries
        .iter()
        .filter(|e| e.action == "erased")
        .count();
    assert_eq!(erasures, 2, "one per visit, and only once");
    assert!(timeline.entries.iter().all(|e| e.reason.is_none()));

    // The day still has the visit, at its time, without a name or needs.
    let response = day(&app, &desk, "2026-12-07").await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert_none_of_ingrid(&text, "the day view");
    let schedule: DaySchedule = serde_json::from_str(&text).unwrap();
    let visits: Vec<_> = schedule
        .practitioners
        .iter()
        .flat_map(|p| &p.appointments)
        .collect();
    let monday = visits
        .iter()
        .find(|v| v.start == booked.monday.start)
        .expect("the erased visit is still on the day");
    assert_eq!(monday.patient_name, "");
    assert_eq!(
        (
            monday.access_needs.as_deref(),
            monday.interpreter_language.as_deref()
        ),
        (None, None)
    );
    assert!(visits.iter().any(|v| v.patient_name == "Dana"));

    // Her old links show nothing; Dana's still works.
    for token in [&booked.monday.token, &booked.tuesday.token] {
        assert_eq!(app.appointment(token).await.status(), StatusCode::NOT_FOUND);
        let ics = app
            .client
            .get(app.url(&format!("/api/appointments/{token}/calendar.ics")))
            .send()
            .await
            .unwrap();
        assert_eq!(ics.status(), StatusCode::NOT_FOUND);
        let cancel = app
            .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
            .await;
        assert_eq!(cancel.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        app.appointment(&booked.other.token).await.status(),
        StatusCode::OK
    );

    // Nothing of hers is stored anywhere; the visits and their outcomes are.
    assert_none_of_ingrid(&stored_text(&app).await, "the database");
    assert!(stored_text(&app).await.contains("Dana Whitfield"));
    assert_eq!(app.appointment_count().await, visits_before);
    let statuses: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, starts_at FROM appointments WHERE patient_id = $1 ORDER BY starts_at",
    )
    .bind(booked.patient)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        statuses,
        vec![
            ("booked".to_string(), booked.monday.start.timestamp()),
            ("cancelled".to_string(), booked.tuesday.start.timestamp()),
        ]
    );

    // The audit log says who erased which record, and when; ids only.
    let erasures: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT staff_id, record_type, record_id, at FROM audit_log WHERE action = 'erase'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let admin_id = staff_id(&app, ADMIN).await;
    let entry = (
        admin_id,
        "patient".to_string(),
        booked.patient.to_string(),
        app.now.timestamp(),
    );
    assert_eq!(erasures, vec![entry.clone(), entry]);

    // The same person booking again is a new record, with nothing of the old one.
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 9, 15, 0, 0).unwrap();
    app.book_ok(&ingrids_booking(service, okafor, start)).await;
    let found = search(&app, &desk, "Erasmus").await;
    assert_eq!(found.len(), 1);
    assert_ne!(found[0].id, booked.patient);
    assert_eq!(found[0].visits, 1);
}

#[tokio::test]
async fn only_this_clinics_admins_may_erase() {
    let app = console_app().await;
    let booked = book(&app).await;
    let desk = sign_in(&app, DESK).await;
    let outsider = other_clinic_admin(&app).await;

    let (status, body) = error_code(erase(&app, &desk, booked.patient).await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    let doctor = sign_in(&app, DOCTOR).await;
    assert_eq!(
        erase(&app, &doctor, booked.patient).await.status(),
        StatusCode::FORBIDDEN
    );
    let response = erase(&app, &outsider, booked.patient).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_none_of_ingrid(&response.text().await.unwrap(), "the outsider's answer");
    let admin = sign_in(&app, ADMIN).await;
    for id in ["999999", "not-a-number", "-1"] {
        let response = erase_path(&app, &admin, id).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
    }
    // From another site, even with an admin's cookie.
    let forged = app
        .client
        .post(app.url(&format!("/api/console/patients/{}/erase", booked.patient)))
        .header("cookie", &admin)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // Nothing happened.
    assert_eq!(search(&app, &desk, "Erasmus").await.len(), 1);
    assert_eq!(
        app.appointment(&booked.monday.token).await.status(),
        StatusCode::OK
    );
    let erasures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'erase'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(erasures, 0);
}

async fn erase_path(app: &TestApp, cookie: &str, id: &str) -> reqwest::Response {
    post(
        app,
        cookie,
        &format!("/api/console/patients/{id}/erase"),
        json!({}),
    )
    .await
}
