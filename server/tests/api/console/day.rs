//! The day view, attendance, cancelling for the patient, clinic walls and the audit log.

use super::*;
use crate::helpers::*;
use app::wire::console::DaySchedule;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_day_view_shows_who_is_coming_and_what_they_need() {
    let app = console_app().await;
    monday_visit(&app).await;
    let cookie = sign_in(&app, DESK).await;

    let response = day(&app, &cookie, "2026-12-07").await;
    assert_eq!(response.status(), StatusCode::OK);
    let schedule: DaySchedule = response.json().await.unwrap();
    assert_eq!(
        schedule.practitioners.len(),
        3,
        "front desk sees every practitioner"
    );
    let okafor = schedule
        .practitioners
        .iter()
        .find(|p| p.display_name == "Dr. Amara Okafor")
        .unwrap();
    let line = &okafor.appointments[0];
    assert_eq!(line.local_time, "10:00");
    assert_eq!(line.patient_name, "Dee");
    assert_eq!(line.service_name, "Follow-up visit");
    assert_eq!(line.interpreter_language.as_deref(), Some("ASL"));
    assert_eq!(line.access_needs.as_deref(), Some("wheelchair"));

    let today: DaySchedule = day(&app, &cookie, "").await.json().await.unwrap();
    assert_eq!(
        today.date,
        date(2026, 12, 1),
        "today in the clinic's zone by default"
    );
    assert_eq!(
        day(&app, &cookie, "someday").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'view' AND record_type = 'day_schedule'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2, "every read of the schedule is audited");
}

#[tokio::test]
async fn a_practitioner_sees_only_their_own_schedule() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let schedule: DaySchedule = day(&app, &doctor, "2026-12-07").await.json().await.unwrap();
    assert_eq!(schedule.practitioners.len(), 1);
    assert_eq!(schedule.practitioners[0].display_name, "Dr. Amara Okafor");
    let marked = post(
        &app,
        &doctor,
        &format!("/api/console/appointments/{visit}/attendance"),
        json!({ "attendance": "arrived" }),
    )
    .await;
    assert_eq!(marked.status(), StatusCode::OK);
}

#[tokio::test]
async fn arrived_then_completed_and_no_show_are_recorded_with_who_and_when() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/appointments/{visit}/attendance");
    for status in ["arrived", "completed"] {
        let response = post(&app, &desk, &path, json!({ "attendance": status })).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let schedule: DaySchedule = day(&app, &desk, "2026-12-07").await.json().await.unwrap();
    let okafor = schedule
        .practitioners
        .iter()
        .find(|p| p.display_name == "Dr. Amara Okafor")
        .unwrap();
    assert_eq!(
        okafor.appointments[0].attendance,
        Some(app::wire::console::Attendance::Completed)
    );

    let events: Vec<(String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT action, staff_id, at FROM appointment_events WHERE appointment_id = $1 ORDER BY id",
    )
    .bind(visit)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let desk_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(DESK)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        events.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["booked", "arrived", "completed"]
    );
    assert_eq!(events[0].1, None, "the patient booked it online");
    assert!(events[1..]
        .iter()
        .all(|e| e.1 == Some(desk_id) && e.2 == app.now.timestamp()));

    let no_show = post(&app, &desk, &path, json!({ "attendance": "no_show" })).await;
    assert_eq!(no_show.status(), StatusCode::OK);
    let bad = post(&app, &desk, &path, json!({ "attendance": "vanished" })).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn front_desk_cancels_for_the_patient_with_a_reason_even_inside_the_window() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(service, None, date(2026, 12, 1)).await[0].clone();
    let visit = app
        .book_ok(&request(
            service,
            Some(slot.practitioner_id),
            slot.start,
            "Late Caller",
        ))
        .await;
    assert!(!visit.can_cancel, "too late for the patient online");
    let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/appointments/{id}/cancel");

    assert_eq!(
        post(&app, &desk, &path, json!({ "reason": " " }))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        post(
            &app,
            &desk,
            &path,
            json!({ "reason": "Patient called: sick child" })
        )
        .await
        .status(),
        StatusCode::OK
    );

    let page: app::wire::Appointment = app.appointment(&visit.token).await.json().await.unwrap();
    assert_eq!(page.status, app::wire::AppointmentStatus::Cancelled);
    let doctor = sign_in(&app, DOCTOR).await;
    assert_eq!(
        post(&app, &doctor, &path, json!({ "reason": "x" }))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "practitioners do not cancel for patients"
    );
}

#[tokio::test]
async fn another_clinics_staff_get_404_for_this_clinics_records() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let outsider = other_clinic_admin(&app).await;

    for (path, body) in [
        (
            format!("/api/console/appointments/{visit}/attendance"),
            json!({ "attendance": "arrived" }),
        ),
        (
            format!("/api/console/appointments/{visit}/cancel"),
            json!({ "reason": "prank" }),
        ),
        (
            "/api/console/appointments/99999/attendance".to_string(),
            json!({ "attendance": "arrived" }),
        ),
        (
            "/api/console/appointments/not-a-number/cancel".to_string(),
            json!({ "reason": "x" }),
        ),
    ] {
        let response = post(&app, &outsider, &path, body).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let schedule: DaySchedule = day(&app, &outsider, "2026-12-07")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        schedule.practitioners.is_empty(),
        "their own clinic has no practitioners yet"
    );
    let page: app::wire::Appointment = app
        .appointment(&app_token(&app, visit).await)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page.status,
        app::wire::AppointmentStatus::Booked,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_audit_log_cannot_be_rewritten() {
    let app = console_app().await;
    let cookie = sign_in(&app, ADMIN).await;
    day(&app, &cookie, "2026-12-07").await;
    assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(&app.db.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&app.db.pool)
        .await
        .is_err());
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn console_routes_need_a_session() {
    let app = console_app().await;
    for path in ["/api/console/me", "/api/console/day"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let forged = me(
        &app,
        "carebook_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .await;
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}
