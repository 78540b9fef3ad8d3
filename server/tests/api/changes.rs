use crate::helpers::*;
use app::wire::{Appointment, AppointmentStatus};
use chrono::{Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

fn monday_at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, minute, 0)
        .unwrap()
}

async fn booked(app: &TestApp, hour: u32) -> Appointment {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    app.book_ok(&request(
        service,
        Some(okafor),
        monday_at(hour, 0),
        "Change Patient",
    ))
    .await
}

#[tokio::test]
async fn rescheduling_takes_the_new_time_and_frees_the_old_one() {
    let app = spawn_app().await;
    let visit = booked(&app, 9).await;

    let response = app
        .post_json(
            &format!("/api/appointments/{}/reschedule", visit.token),
            &json!({ "start": monday_at(11, 0) }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let moved: Appointment = response.json().await.unwrap();

    assert_eq!(moved.start, monday_at(11, 0));
    assert_eq!(
        moved.token, visit.token,
        "the visit page link stays the same"
    );
    assert_eq!(moved.sequence, visit.sequence + 1);
    let slots = app
        .free_slots_on(
            moved.service.id,
            Some(moved.practitioner.id),
            date(2026, 12, 7),
        )
        .await;
    assert!(
        slots.iter().any(|s| s.start == monday_at(9, 0)),
        "the old time is free again"
    );
    assert!(slots.iter().all(|s| s.start != monday_at(11, 0)));
}

#[tokio::test]
async fn rescheduling_by_a_quarter_hour_may_overlap_its_own_old_time() {
    let app = spawn_app().await;
    let visit = booked(&app, 9).await;
    let response = app
        .post_json(
            &format!("/api/appointments/{}/reschedule", visit.token),
            &json!({ "start": monday_at(9, 15) }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn rescheduling_onto_a_taken_time_is_refused_and_keeps_the_old_time() {
    let app = spawn_app().await;
    let mine = booked(&app, 9).await;
    booked(&app, 10).await;

    let (status, body) = error_code(
        app.post_json(
            &format!("/api/appointments/{}/reschedule", mine.token),
            &json!({ "start": monday_at(10, 0) }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "slot_taken");
    let still: Appointment = app.appointment(&mine.token).await.json().await.unwrap();
    assert_eq!(still.start, monday_at(9, 0));
}

#[tokio::test]
async fn cancelling_frees_the_time_and_shows_cancelled() {
    let app = spawn_app().await;
    let visit = booked(&app, 9).await;

    let response = app
        .post_json(
            &format!("/api/appointments/{}/cancel", visit.token),
            &json!({ "reason": "Feeling better" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cancelled: Appointment = response.json().await.unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert!(!cancelled.can_cancel && !cancelled.can_reschedule);
    assert_eq!(
        cancelled.change_blocked_reason.as_deref(),
        Some("cancelled")
    );

    let slots = app
        .free_slots_on(
            visit.service.id,
            Some(visit.practitioner.id),
            date(2026, 12, 7),
        )
        .await;
    assert!(slots.iter().any(|s| s.start == monday_at(9, 0)));

    // A second tap is harmless; a reschedule after cancelling is refused.
    let again = app
        .post_json(
            &format!("/api/appointments/{}/cancel", visit.token),
            &json!({}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    let (status, body) = error_code(
        app.post_json(
            &format!("/api/appointments/{}/reschedule", visit.token),
            &json!({ "start": monday_at(11, 0) }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "cancelled");
}

#[tokio::test]
async fn inside_the_late_cancel_window_changes_are_refused_with_the_clinic_phone() {
    // The clock stands at 07:00 on 1 December: a visit later that day is inside the 24 hours.
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let today_slots = app.free_slots_on(service, None, date(2026, 12, 1)).await;
    let soon = today_slots
        .first()
        .expect("a free time later today")
        .clone();
    assert!(soon.start - app.now < Duration::hours(24));
    let visit = app
        .book_ok(&request(
            service,
            Some(soon.practitioner_id),
            soon.start,
            "Late Patient",
        ))
        .await;

    assert!(!visit.can_cancel && !visit.can_reschedule);
    assert_eq!(visit.change_blocked_reason.as_deref(), Some("late_change"));
    for action in ["cancel", "reschedule"] {
        let (status, body) = error_code(
            app.post_json(
                &format!("/api/appointments/{}/{action}", visit.token),
                &json!({ "start": monday_at(11, 0) }),
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{action}");
        assert_eq!(body["error"], "late_change");
        assert_eq!(body["phone"], "+1 212 555 0142");
        assert!(body["message"]
            .as_str()
            .unwrap()
            .contains("+1 212 555 0142"));
    }
    let still: Appointment = app.appointment(&visit.token).await.json().await.unwrap();
    assert_eq!(still.status, AppointmentStatus::Booked);
}
