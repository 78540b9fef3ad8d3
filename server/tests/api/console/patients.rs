//! Booking by phone, running late, and patient records.

use super::*;
use crate::helpers::*;
use chrono::{Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn front_desk_books_for_a_caller_through_the_same_guarded_path() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 7, 16, 0, 0).unwrap();
    let body = serde_json::to_value(request(service, Some(okafor), start, "Phone Caller")).unwrap();

    let response = post(&app, &desk, "/api/console/appointments", body.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let booking: app::wire::console::StaffBooking = response.json().await.unwrap();
    assert!(booking
        .visit_url
        .ends_with(&format!("/a/{}", booking.appointment.token)));
    assert_eq!(booking.appointment.start, start);

    // The patient online now finds the time taken, and so does a second call.
    assert_eq!(
        app.book(&request(service, Some(okafor), start, "Online"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(&app, &desk, "/api/console/appointments", body.clone())
            .await
            .status(),
        StatusCode::CONFLICT
    );

    let (action, staff_id): (String, Option<i64>) = sqlx::query_as(
        "SELECT e.action, e.staff_id FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id WHERE a.token = $1",
    )
    .bind(&booking.appointment.token)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(action, "booked");
    assert!(staff_id.is_some(), "who booked it is recorded");

    let doctor = sign_in(&app, DOCTOR).await;
    let later = serde_json::to_value(request(
        service,
        Some(okafor),
        start + Duration::hours(1),
        "Other",
    ))
    .unwrap();
    assert_eq!(
        post(&app, &doctor, "/api/console/appointments", later)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

/// Says "running `minutes` late" for a practitioner today, as the console would.
async fn say_running_late(
    app: &TestApp,
    cookie: &str,
    practitioner: i64,
    minutes: u32,
) -> StatusCode {
    let path = format!("/api/console/practitioners/{practitioner}/running-late");
    from_console(app, app.client.put(app.url(&path)), cookie)
        .json(&json!({ "minutes": minutes }))
        .send()
        .await
        .unwrap()
        .status()
}

async fn visit_page(app: &TestApp, token: &str) -> app::wire::Appointment {
    app.appointment(token).await.json().await.unwrap()
}

#[tokio::test]
async fn running_late_shows_the_expected_time_on_later_visits_today_until_cleared() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let today = app
        .free_slots_on(service, Some(okafor), date(2026, 12, 1))
        .await;
    let later_today = app
        .book_ok(&request(
            service,
            Some(okafor),
            today[4].start,
            "Waiting Patient",
        ))
        .await;
    let other_doctor = app
        .free_slots_on(service, Some(herrera), date(2026, 12, 1))
        .await;
    let unaffected = app
        .book_ok(&request(
            service,
            Some(herrera),
            other_doctor[4].start,
            "Other Patient",
        ))
        .await;
    let tomorrow = app
        .book_ok(&request(
            service,
            Some(okafor),
            Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap(),
            "Next Week",
        ))
        .await;

    let desk = sign_in(&app, DESK).await;
    assert_eq!(
        say_running_late(&app, &desk, okafor, 20).await,
        StatusCode::OK
    );

    let page = visit_page(&app, &later_today.token).await;
    assert_eq!(page.running_late_minutes, Some(20));
    assert_eq!(
        page.expected_start,
        Some(later_today.start + Duration::minutes(20))
    );
    for other in [&unaffected.token, &tomorrow.token] {
        assert_eq!(visit_page(&app, other).await.expected_start, None);
    }

    assert_eq!(
        say_running_late(&app, &desk, okafor, 0).await,
        StatusCode::OK
    );
    assert_eq!(
        visit_page(&app, &later_today.token).await.expected_start,
        None
    );

    // A practitioner may say it for themselves only.
    let doctor = sign_in(&app, DOCTOR).await;
    assert_eq!(
        say_running_late(&app, &doctor, herrera, 10).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        say_running_late(&app, &doctor, okafor, 10).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn bookings_by_the_same_person_join_one_patient_timeline() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let first = Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap();
    let mut booking = request(service, None, first, "Rosa Delgado");
    booking.patient.email = Some("Rosa.Delgado@Example.org".into());
    booking.patient.phone = Some("+1 (212) 555-0177".into());
    app.book_ok(&booking).await;
    let mut again = request(service, None, first + Duration::days(1), "Rosa M. Delgado");
    again.patient.email = None;
    again.patient.phone = Some("+1 212.555.0177".into());
    app.book_ok(&again).await;

    let desk = sign_in(&app, DESK).await;
    let search = |q: &str| {
        let url = app.url(&format!(
            "/api/console/patients?q={}",
            q.replace(' ', "%20").replace('@', "%40")
        ));
        from_console(&app, app.client.get(url), &desk).send()
    };
    for q in ["delgado", "rosa.delgado@example.org", "555 0177"] {
        let response = search(q).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{q}");
        let matches: Vec<app::wire::console::PatientMatch> = response.json().await.unwrap();
        assert_eq!(matches.len(), 1, "{q}: one person");
        assert_eq!(matches[0].visits, 2, "{q}: both visits");
        assert_eq!(matches[0].name, "Rosa M. Delgado", "the latest name");
    }
    assert_eq!(
        search("r").await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let id = search("delgado")
        .await
        .unwrap()
        .json::<Vec<app::wire::console::PatientMatch>>()
        .await
        .unwrap()[0]
        .id;
    let url = app.url(&format!("/api/console/patients/{id}"));
    let timeline: app::wire::console::PatientTimeline =
        from_console(&app, app.client.get(&url), &desk)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(timeline.entries.len(), 2);
    assert!(timeline
        .entries
        .iter()
        .all(|e| e.action == "booked" && e.by_staff.is_none()));

    let logged: Vec<String> =
        sqlx::query_scalar("SELECT record_id FROM audit_log WHERE record_type = 'patient'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert!(!logged.is_empty());
    assert!(
        logged
            .iter()
            .all(|r| !r.contains("delgado") && !r.contains("0177")),
        "ids only: {logged:?}"
    );

    // Practitioners do not browse patients; other clinics do not see them.
    let doctor = sign_in(&app, DOCTOR).await;
    let refused = from_console(&app, app.client.get(&url), &doctor)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
