//! The clinic's profile and booking rules, as patients then meet them.

use super::*;

#[tokio::test]
async fn an_admins_new_booking_rules_are_what_patients_then_meet() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = date(2026, 12, 7);
    assert!(
        !app.free_slots_on(follow_up, None, monday).await.is_empty(),
        "Monday is bookable under the demo's 60-day horizon"
    );

    let mut settings = settings_of(&app, &admin).await;
    assert_eq!(settings.time_zone, "America/New_York");
    assert_eq!(settings.languages, [Language::En, Language::Es]);
    assert_eq!(settings.horizon_days, 60);
    settings.horizon_days = 5;
    settings.late_cancel_hours = 48;
    settings.name = "  Riverside Health  ".into();
    settings.slot_step_minutes = None;
    let response = put(
        &app,
        &admin,
        "/api/console/clinic",
        serde_json::to_value(&settings).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: ClinicSettings = response.json().await.unwrap();
    assert_eq!(saved.name, "Riverside Health", "stored trimmed");
    assert_eq!(saved.horizon_days, 5);
    assert_eq!(settings_of(&app, &admin).await, saved);

    let clinic = app.clinic().await;
    assert_eq!(clinic.name, "Riverside Health");
    assert_eq!(clinic.horizon_days, 5);
    assert_eq!(clinic.late_cancel_hours, 48);
    // Five days from Tuesday noon ends on Sunday: Monday is now out of reach.
    let availability = app.availability(follow_up, None, monday, monday).await;
    assert!(availability.slots.is_empty());
    assert_eq!(availability.next_available, None);
    // Without a fixed step, 20-minute visits start every 20 minutes.
    let friday = app.free_slots_on(follow_up, None, date(2026, 12, 4)).await;
    let minutes: Vec<_> = friday
        .iter()
        .map(|s| s.local_time.clone())
        .take(3)
        .collect();
    assert_eq!(minutes, ["09:00", "09:20", "09:40"]);

    let clinic_id: i64 = sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'demo'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(audit_count(&app, "update", "clinic", clinic_id).await, 1);
}

#[tokio::test]
async fn bad_settings_are_refused_field_by_field_and_change_nothing() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let before = settings_of(&app, &admin).await;
    let mut bad = serde_json::to_value(&before).unwrap();
    bad["name"] = json!("   ");
    bad["time_zone"] = json!("America/Atlantis");
    bad["languages"] = json!([]);
    bad["late_cancel_hours"] = json!(169);
    bad["min_notice_minutes"] = json!(10_081);
    bad["horizon_days"] = json!(0);
    bad["slot_step_minutes"] = json!(7);
    let fields = refused_fields(put(&app, &admin, "/api/console/clinic", bad).await).await;
    assert_eq!(
        fields,
        json!({
            "name": "required", "time_zone": "unknown_zone", "languages": "required",
            "late_cancel_hours": "out_of_range", "min_notice_minutes": "out_of_range",
            "horizon_days": "out_of_range", "slot_step_minutes": "not_allowed",
        })
    );

    let mut twice = serde_json::to_value(&before).unwrap();
    twice["languages"] = json!(["es", "es"]);
    twice["horizon_days"] = json!(366);
    let fields = refused_fields(put(&app, &admin, "/api/console/clinic", twice).await).await;
    assert_eq!(
        fields,
        json!({ "languages": "duplicate", "horizon_days": "out_of_range" })
    );

    let mut unknown_language = serde_json::to_value(&before).unwrap();
    unknown_language["languages"] = json!(["fr"]);
    let response = put(&app, &admin, "/api/console/clinic", unknown_language).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(settings_of(&app, &admin).await, before, "nothing changed");
    assert_eq!(app.clinic().await.horizon_days, 60);
}

#[tokio::test]
async fn a_clinic_that_writes_only_in_english_is_not_booked_in_spanish() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let mut settings = settings_of(&app, &admin).await;
    settings.languages = vec![Language::En];
    let response = put(
        &app,
        &admin,
        "/api/console/clinic",
        serde_json::to_value(&settings).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let clinic = app.clinic().await;
    assert_eq!(clinic.languages, [Language::En], "patients are told");
    assert_eq!(clinic.language_for(Language::Es), Language::En);

    let follow_up = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(follow_up, None, date(2026, 12, 7)).await[0].clone();
    let mut spanish = request(follow_up, None, slot.start, "Lucía Ortega");
    spanish.patient.language = Language::Es;
    let (status, body) = error_code(app.book(&spanish).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["patient.language"], "not_offered");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let mut english = spanish.clone();
    english.patient.language = Language::En;
    app.book_ok(&english).await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after, count + 1, "the refused booking changed nothing");
}
