//! Object-level authorization on the patient API: a visit's token opens that visit and nothing
//! else; an unknown or mangled token opens nothing; one clinic's ids mean nothing at another
//! clinic. Every refusal is a 404 (or a 422 naming a field) that carries none of another
//! patient's name, email or phone.

use crate::console::{console_app, other_clinic_admin, sign_in, DESK};
use crate::helpers::*;
use app::wire::{Appointment, BookingRequest};
use chrono::{TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Alice and Bertha, booked with details that would be recognised anywhere.
const ALICE: [&str; 4] = [
    "Alice Aardvark",
    "alice.aardvark@example.org",
    "555 201 3344",
    "5552013344",
];
const BERTHA: [&str; 4] = [
    "Bertha Bystander",
    "bertha.bystander@example.org",
    "555 909 1122",
    "5559091122",
];

fn booking(
    start: chrono::DateTime<Utc>,
    service: i64,
    okafor: i64,
    who: [&str; 4],
) -> BookingRequest {
    let mut booking = request(service, Some(okafor), start, who[0]);
    booking.patient.email = Some(who[1].into());
    booking.patient.phone = Some(format!("+1 {}", who[2]));
    booking
}

async fn book_both(app: &TestApp) -> (Appointment, Appointment) {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let alice = app
        .book_ok(&booking(
            Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap(),
            service,
            okafor,
            ALICE,
        ))
        .await;
    let bertha = app
        .book_ok(&booking(
            Utc.with_ymd_and_hms(2026, 12, 7, 16, 0, 0).unwrap(),
            service,
            okafor,
            BERTHA,
        ))
        .await;
    (alice, bertha)
}

fn reveals(body: &str, who: [&str; 4]) -> Option<&'static str> {
    let first = who[0].split(' ').next().unwrap_or_default();
    let last = who[0].split(' ').nth(1).unwrap_or_default();
    for (part, label) in [
        (first, "first name"),
        (last, "last name"),
        (who[1], "email"),
        (who[2], "phone"),
        (who[3], "phone digits"),
    ] {
        if body.contains(part) {
            return Some(label);
        }
    }
    None
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> (StatusCode, String) {
    let mut request = app.client.request(method, app.url(path));
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Every route under `/api/appointments/{token}`, with a body a real caller would send.
fn token_routes(token: &str, start: chrono::DateTime<Utc>) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, format!("/api/appointments/{token}"), None),
        (
            Method::GET,
            format!("/api/appointments/{token}?lang=es"),
            None,
        ),
        (
            Method::GET,
            format!("/api/appointments/{token}/calendar.ics"),
            None,
        ),
        (
            Method::POST,
            format!("/api/appointments/{token}/reschedule"),
            Some(json!({ "start": start })),
        ),
        (
            Method::POST,
            format!("/api/appointments/{token}/cancel"),
            Some(json!({ "reason": "not mine" })),
        ),
        (
            Method::GET,
            format!("/api/appointments/{token}/survey?lang=es"),
            None,
        ),
        (
            Method::POST,
            format!("/api/appointments/{token}/survey"),
            Some(json!({ "rating": 1, "comment": "not mine" })),
        ),
    ]
}

#[tokio::test]
async fn a_token_that_is_not_a_visits_own_opens_nothing() {
    let app = spawn_app().await;
    let (alice, bertha) = book_both(&app).await;
    let free = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    // Bertha's token one character off, a well-formed token nobody has, other shapes.
    let mut near = bertha.token.clone().into_bytes();
    near[0] = if near[0] == b'A' { b'B' } else { b'A' };
    let near = String::from_utf8(near).unwrap();
    let strangers = [
        near,
        "A".repeat(43),
        bertha.token.to_uppercase(),
        format!("{}x", bertha.token),
        bertha.token[..42].to_string(),
        "erased:1".into(),
        "1".into(),
        "..%2F..%2Fconsole".into(),
    ];
    let mut wrong = Vec::new();
    for token in &strangers {
        if *token == bertha.token {
            continue;
        }
        for (method, path, body) in token_routes(token, free) {
            let (status, text) = send(&app, method.clone(), &path, body.as_ref()).await;
            if status != StatusCode::NOT_FOUND {
                wrong.push(format!("{method} {path}: {status}"));
            }
            for who in [ALICE, BERTHA] {
                if let Some(what) = reveals(&text, who) {
                    wrong.push(format!("{method} {path} revealed {who:?}'s {what}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Alice's own token shows Alice's visit and nothing of Bertha's, even when she asks for
    // Bertha's time (taken: the 409's alternatives are times, never people).
    let reads = &token_routes(&alice.token, free)[..3];
    for (method, path, _) in reads {
        let (status, text) = send(&app, method.clone(), path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(reveals(&text, BERTHA), None, "{path}: {text}");
    }
    let (status, text) = send(
        &app,
        Method::POST,
        &format!("/api/appointments/{}/reschedule", alice.token),
        Some(&json!({ "start": bertha.start })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(reveals(&text, BERTHA), None, "{text}");

    // Nothing of Bertha's changed; Alice's visit is where it was.
    let visit: Appointment = app.appointment(&bertha.token).await.json().await.unwrap();
    assert_eq!((visit.start, visit.status), (bertha.start, bertha.status));
    let visit: Appointment = app.appointment(&alice.token).await.json().await.unwrap();
    assert_eq!((visit.start, visit.status), (alice.start, alice.status));
}

/// A second clinic with a service and a practitioner of its own; returns their ids.
async fn other_clinic_with_a_service(app: &TestApp) -> (i64, i64) {
    sqlx::query(
        "INSERT INTO clinics (slug, name, time_zone, address, phone) VALUES ('other', 'Other Clinic', 'America/Chicago', '1 Main St', '+1 312 555 0100')",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let clinic: i64 = sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'other'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let service: i64 = sqlx::query_scalar(
        "INSERT INTO services (clinic_id, code, kind, duration_minutes, name_en, name_es,
            description_en, description_es, what_to_expect_en, what_to_expect_es, cost_note_en,
            cost_note_es, preparation_en, preparation_es)
         VALUES ($1, 'secret-service', 'in_person', 30, 'Zebra Clinic Visit', 'Visita Zebra',
            'd', 'd', 'w', 'w', 'c', 'c', 'p', 'p') RETURNING id",
    )
    .bind(clinic)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let practitioner: i64 = sqlx::query_scalar(
        "INSERT INTO practitioners (clinic_id, code, display_name, initials, title_en, title_es,
            bio_en, bio_es)
         VALUES ($1, 'zed', 'Dr. Zed Elsewhere', 'ZE', 't', 't', 'b', 'b') RETURNING id",
    )
    .bind(clinic)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO practitioner_services (practitioner_id, service_id) VALUES ($1, $2)")
        .bind(practitioner)
        .bind(service)
        .execute(&app.db.pool)
        .await
        .unwrap();
    for weekday in 0..5 {
        sqlx::query(
            "INSERT INTO working_hours (practitioner_id, weekday, start_minute, end_minute)
             VALUES ($1, $2, 540, 1020)",
        )
        .bind(practitioner)
        .bind(weekday)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    (service, practitioner)
}

#[tokio::test]
async fn one_clinics_services_and_practitioners_are_unknown_at_another() {
    let app = spawn_app().await;
    let (alice, _) = book_both(&app).await;
    let (their_service, their_doctor) = other_clinic_with_a_service(&app).await;
    let our_service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let visits_before = app.appointment_count().await;
    let start = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let range = "from=2026-12-07&to=2026-12-11";

    // The other clinic's own service is bookable there: the refusals below are about whose
    // ids they are, not a clinic that answers nothing.
    let (status, _) = send(
        &app,
        Method::GET,
        &format!("/api/clinics/other/availability?service_id={their_service}&{range}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let mut wrong = Vec::new();
    let cases: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::GET,
            format!("/api/clinics/demo/availability?service_id={their_service}&{range}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/clinics/demo/availability?service_id={our_service}&practitioner_id={their_doctor}&{range}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/clinics/other/availability?service_id={our_service}&{range}"),
            None,
        ),
        (
            Method::GET,
            format!("/api/clinics/other/availability?service_id={their_service}&practitioner_id={okafor}&{range}"),
            None,
        ),
        (
            Method::POST,
            "/api/clinics/demo/appointments".into(),
            Some(serde_json::to_value(booking(start, their_service, their_doctor, BERTHA)).unwrap()),
        ),
        (
            Method::POST,
            "/api/clinics/demo/appointments".into(),
            Some(serde_json::to_value(booking(start, our_service, their_doctor, BERTHA)).unwrap()),
        ),
        (
            Method::POST,
            "/api/clinics/other/appointments".into(),
            Some(serde_json::to_value(booking(start, our_service, okafor, BERTHA)).unwrap()),
        ),
        (
            Method::POST,
            "/api/clinics/nowhere/appointments".into(),
            Some(serde_json::to_value(booking(start, our_service, okafor, BERTHA)).unwrap()),
        ),
        (
            Method::GET,
            format!("/api/clinics/nowhere/availability?service_id={our_service}&{range}"),
            None,
        ),
        // Moving Alice's visit to the other clinic's doctor.
        (
            Method::POST,
            format!("/api/appointments/{}/reschedule", alice.token),
            Some(json!({ "start": start, "practitioner_id": their_doctor })),
        ),
    ];
    for (method, path, body) in cases {
        let (status, text) = send(&app, method.clone(), &path, body.as_ref()).await;
        if status != StatusCode::NOT_FOUND {
            wrong.push(format!("{method} {path}: {status} {text}"));
        }
        if let Some(what) = reveals(&text, ALICE) {
            wrong.push(format!("{method} {path} revealed Alice's {what}"));
        }
        if text.contains("Zed") || text.contains("Zebra") || text.contains("Okafor") {
            wrong.push(format!(
                "{method} {path} named a practitioner or service: {text}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        app.appointment_count().await,
        visits_before,
        "nothing was booked"
    );
    let visit: Appointment = app.appointment(&alice.token).await.json().await.unwrap();
    assert_eq!(visit.start, alice.start);

    // Each clinic's page lists its own people and services only.
    let (_, ours) = send(&app, Method::GET, "/api/clinics/demo", None).await;
    assert!(!ours.contains("Zed Elsewhere") && !ours.contains("Zebra"));
    let (_, theirs) = send(&app, Method::GET, "/api/clinics/other", None).await;
    assert!(theirs.contains("Zed Elsewhere"));
    assert!(!theirs.contains("Okafor") && !theirs.contains("Follow-up"));
}

#[tokio::test]
async fn another_clinics_staff_find_and_open_none_of_this_clinics_patients() {
    let app = console_app().await;
    let (alice, _) = book_both(&app).await;
    let patient: i64 = sqlx::query_scalar("SELECT patient_id FROM appointments WHERE token = $1")
        .bind(&alice.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let outsider = other_clinic_admin(&app).await;
    let desk = sign_in(&app, DESK).await;
    let as_staff = |cookie: &str, path: &str| {
        app.client
            .get(app.url(path))
            .header("origin", format!("http://{}", app.address))
            .header("cookie", cookie.to_string())
            .send()
    };
    for q in ["Aardvark", "alice.aardvark%40example.org", "5552013344"] {
        let path = format!("/api/console/patients?q={q}");
        let ours = as_staff(&desk, &path).await.unwrap();
        let found: Vec<app::wire::console::PatientMatch> = ours.json().await.unwrap();
        assert_eq!(found.len(), 1, "this clinic finds Alice by {q}");
        let theirs = as_staff(&outsider, &path).await.unwrap();
        assert_eq!(theirs.status(), StatusCode::OK);
        let text = theirs.text().await.unwrap();
        assert_eq!(text, "[]", "the other clinic finds nobody by {q}");
    }
    let theirs = as_staff(&outsider, &format!("/api/console/patients/{patient}"))
        .await
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(reveals(&theirs.text().await.unwrap(), ALICE), None);
}
