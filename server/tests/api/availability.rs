use crate::helpers::*;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;

#[tokio::test]
async fn times_follow_working_hours_minus_lunch_in_the_clinic_zone() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let response = app
        .availability(service, Some(okafor), date(2026, 12, 7), date(2026, 12, 7))
        .await;

    assert_eq!(response.time_zone, "America/New_York");
    let times: Vec<_> = response
        .slots
        .iter()
        .map(|s| s.local_time.as_str())
        .collect();
    assert_eq!(times.first(), Some(&"09:00"));
    assert_eq!(
        response.slots[0].start,
        Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap()
    );
    assert!(
        times.contains(&"12:00"),
        "a 20-minute visit fits before lunch at 12:30"
    );
    assert!(!times.contains(&"12:15"), "12:15 + 20 min runs into lunch");
    assert!(!times.contains(&"13:00"), "lunch until 13:30");
    assert!(times.contains(&"13:30"));
    assert_eq!(times.last(), Some(&"16:30"));
    assert!(response
        .slots
        .iter()
        .all(|s| s.local_date == date(2026, 12, 7)));
}

#[tokio::test]
async fn nothing_is_offered_before_the_minimum_notice() {
    // 07:00 local with two hours' notice: the first time today is 09:00.
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let slots = app.free_slots_on(service, None, date(2026, 12, 1)).await;
    assert_eq!(slots.first().map(|s| s.local_time.as_str()), Some("09:00"));
    assert!(slots
        .iter()
        .all(|s| s.start >= app.now + chrono::Duration::hours(2)));

    let past = app.free_slots_on(service, None, date(2026, 11, 30)).await;
    assert!(past.is_empty(), "yesterday has no times");
}

#[tokio::test]
async fn a_practitioner_on_leave_has_no_times_and_the_next_day_is_named() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;

    // On leave 3–5 December; the 5th and 6th are a weekend.
    let response = app
        .availability(service, Some(herrera), date(2026, 12, 3), date(2026, 12, 6))
        .await;

    assert!(response.slots.is_empty());
    assert_eq!(response.next_available, Some(date(2026, 12, 7)));
}

#[tokio::test]
async fn nothing_is_offered_beyond_the_sixty_day_horizon() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let slots = app
        .availability(service, None, date(2027, 1, 20), date(2027, 2, 5))
        .await
        .slots;
    let horizon = app.now + chrono::Duration::days(60);
    assert!(!slots.is_empty());
    assert!(slots.iter().all(|s| s.start <= horizon));
    assert!(app
        .free_slots_on(service, None, date(2027, 3, 1))
        .await
        .is_empty());
}

#[tokio::test]
async fn spring_forward_keeps_nine_oclock_at_nine_local() {
    // Friday 12 March 2027; clocks go forward on Sunday the 14th.
    let app = spawn_app_at(Utc.with_ymd_and_hms(2027, 3, 12, 12, 0, 0).unwrap()).await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let friday = app
        .free_slots_on(service, Some(okafor), date(2027, 3, 12))
        .await;
    let monday = app
        .free_slots_on(service, Some(okafor), date(2027, 3, 15))
        .await;

    assert_eq!(friday[0].local_time, "09:00");
    assert_eq!(
        friday[0].start,
        Utc.with_ymd_and_hms(2027, 3, 12, 14, 0, 0).unwrap(),
        "EST, UTC-5"
    );
    assert_eq!(monday[0].local_time, "09:00");
    assert_eq!(
        monday[0].start,
        Utc.with_ymd_and_hms(2027, 3, 15, 13, 0, 0).unwrap(),
        "EDT, UTC-4"
    );
    assert_eq!(
        monday.len(),
        26,
        "a full day, neither an hour more nor less"
    );
}

#[tokio::test]
async fn fall_back_keeps_nine_oclock_at_nine_local() {
    // Friday 30 October 2026; clocks go back on Sunday 1 November.
    let app = spawn_app_at(Utc.with_ymd_and_hms(2026, 10, 30, 11, 0, 0).unwrap()).await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let monday = app
        .free_slots_on(service, Some(okafor), date(2026, 11, 2))
        .await;

    assert_eq!(monday[0].local_time, "09:00");
    assert_eq!(
        monday[0].start,
        Utc.with_ymd_and_hms(2026, 11, 2, 14, 0, 0).unwrap(),
        "EST, UTC-5"
    );
    assert_eq!(monday.len(), 26);
}

#[tokio::test]
async fn bad_availability_queries_get_named_422s() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let cases = [
        (
            format!("service_id={service}&from=2026-12-01&to=2027-01-15"),
            "to",
            "range_too_long",
        ),
        (
            format!("service_id={service}&from=2026-12-10&to=2026-12-01"),
            "to",
            "before_from",
        ),
        (
            format!("service_id={service}&from=yesterday&to=2026-12-01"),
            "from",
            "invalid",
        ),
        (
            "from=2026-12-01&to=2026-12-02".to_string(),
            "service_id",
            "required",
        ),
        (
            format!("service_id={service}&from=2026-12-01&to=2026-12-02&practitioner_id=abc"),
            "practitioner_id",
            "invalid",
        ),
    ];
    for (query, field, reason) in cases {
        let response = app
            .client
            .get(app.url(&format!("/api/clinics/demo/availability?{query}")))
            .send()
            .await
            .unwrap();
        let (status, body) = error_code(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(body["error"], "validation");
        assert_eq!(body["fields"][field], reason, "{query}: {body}");
    }
    let unknown = app
        .availability_response(999_999, None, date(2026, 12, 1), date(2026, 12, 2))
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let nowhere = app
        .client
        .get(
            app.url("/api/clinics/nowhere/availability?service_id=1&from=2026-12-01&to=2026-12-02"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(nowhere.status(), StatusCode::NOT_FOUND);
}
