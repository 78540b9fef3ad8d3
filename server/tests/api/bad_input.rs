use crate::helpers::*;
use chrono::{Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn monday_nine() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap()
}

async fn valid_body(app: &TestApp) -> Value {
    let service = app.service_id("Follow-up visit").await;
    serde_json::to_value(request(service, None, monday_nine(), "Careful Patient")).unwrap()
}

/// Posts, expects `status` and a JSON error, and checks nothing was booked.
async fn rejected(app: &TestApp, body: &Value, status: StatusCode) -> Value {
    let before = app.appointment_count().await;
    let (got, error) = error_code(app.book_raw(body, None).await).await;
    assert_eq!(got, status, "{body} → {error}");
    assert!(
        error["error"].is_string() && error["message"].is_string(),
        "{error}"
    );
    assert_eq!(
        app.appointment_count().await,
        before,
        "nothing changes on bad input"
    );
    error
}

#[tokio::test]
async fn bad_patient_details_are_named_field_by_field() {
    let app = spawn_app().await;
    let mut body = valid_body(&app).await;
    body["patient"]["name"] = json!("   ");
    body["patient"]["email"] = json!("not an email");
    body["patient"]["consent"] = json!(false);

    let error = rejected(&app, &body, StatusCode::UNPROCESSABLE_ENTITY).await;

    assert_eq!(error["error"], "validation");
    assert_eq!(error["fields"]["patient.name"], "required");
    assert_eq!(error["fields"]["patient.email"], "invalid_email");
    assert_eq!(error["fields"]["patient.consent"], "required");
    assert!(
        !error.to_string().contains("not an email"),
        "errors never echo what was typed"
    );
}

#[tokio::test]
async fn a_booking_needs_an_email_or_a_phone() {
    let app = spawn_app().await;
    let mut body = valid_body(&app).await;
    body["patient"]["email"] = Value::Null;
    let error = rejected(&app, &body, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        error["fields"]["patient.contact"],
        "email_or_phone_required"
    );
}

#[tokio::test]
async fn impossible_times_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let cases = [
        (monday_nine() + Duration::minutes(7), "not_bookable"), // off the 15-minute grid
        (monday_nine() - Duration::hours(3), "not_bookable"),   // 06:00, before opening
        (
            monday_nine() + Duration::hours(3) + Duration::minutes(45),
            "not_bookable",
        ), // lunch
        (
            Utc.with_ymd_and_hms(2026, 12, 6, 14, 0, 0).unwrap(),
            "not_bookable",
        ), // Sunday
        (app.now - Duration::days(1), "too_soon"),              // the past
        (app.now + Duration::minutes(60), "too_soon"),          // inside the notice
        (app.now + Duration::days(90), "beyond_horizon"),
    ];
    for (start, reason) in cases {
        let mut body = valid_body(&app).await;
        body["start"] = json!(start);
        let error = rejected(&app, &body, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["fields"]["start"], reason, "{start}");
    }
}

#[tokio::test]
async fn malformed_bodies_get_clear_json_errors() {
    let app = spawn_app().await;
    let valid = valid_body(&app).await;
    let mut wrong_types = valid.clone();
    wrong_types["service_id"] = json!("one");
    let mut bad_start = valid.clone();
    bad_start["start"] = json!("next tuesday");
    let mut bad_language = valid.clone();
    bad_language["patient"]["language"] = json!("fr");
    let mut missing = valid.clone();
    missing.as_object_mut().unwrap().remove("patient");

    for (body, field) in [
        (wrong_types, "service_id"),
        (bad_start, "start"),
        (bad_language, "patient.language"),
        (missing, "patient"),
        (json!([1, 2, 3]), "body"),
        (json!("hello"), "body"),
    ] {
        let error = rejected(&app, &body, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(error["fields"].get(field).is_some(), "{field}: {error}");
    }

    let url = app.url("/api/clinics/demo/appointments");
    let not_json = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"service_id\":")
        .send()
        .await
        .unwrap();
    let (status, body) = error_code(not_json).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["body"], "invalid_json");

    let form = app
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body(valid.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(form).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = format!("{{\"padding\":\"{}\"}}", "x".repeat(10 * 1024 * 1024));
    let too_big = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(too_big).await.0, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn unknown_clinic_service_or_practitioner_is_404() {
    let app = spawn_app().await;
    let valid = valid_body(&app).await;
    let mut unknown_service = valid.clone();
    unknown_service["service_id"] = json!(424242);
    let mut unknown_practitioner = valid.clone();
    unknown_practitioner["practitioner_id"] = json!(424242);
    rejected(&app, &unknown_service, StatusCode::NOT_FOUND).await;
    rejected(&app, &unknown_practitioner, StatusCode::NOT_FOUND).await;

    let nowhere = app
        .post_json("/api/clinics/nowhere/appointments", &valid)
        .await;
    assert_eq!(error_code(nowhere).await.0, StatusCode::NOT_FOUND);

    // A physiotherapist does not do follow-up visits.
    let lee = app.practitioner_id("Jordan Lee").await;
    let mut wrong_practitioner = valid.clone();
    wrong_practitioner["practitioner_id"] = json!(lee);
    let error = rejected(&app, &wrong_practitioner, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["fields"]["practitioner_id"], "does_not_offer_service");
}

#[tokio::test]
async fn unknown_and_malformed_tokens_are_404_never_500() {
    let app = spawn_app().await;
    let unknown = "A".repeat(43);
    for token in [unknown.as_str(), "short", "..%2F..%2Fetc", "%00", "a%20b"] {
        for path in [
            format!("/api/appointments/{token}"),
            format!("/api/appointments/{token}/calendar.ics"),
        ] {
            let response = app.client.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "not_found");
            assert!(!body.to_string().contains(token), "the token is not echoed");
        }
        let cancel = app
            .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
            .await;
        assert_eq!(cancel.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn unknown_and_malformed_clinic_addresses_are_404_never_500() {
    let app = spawn_app().await;
    let long = "a".repeat(3000);
    for slug in [
        "nowhere",
        "%00",
        "demo%00",
        "..%2F..%2Fetc",
        "cl%C3%ADnica",
        long.as_str(),
    ] {
        for path in [
            format!("/api/clinics/{slug}"),
            format!("/api/clinics/{slug}/availability?service_id=1&from=2026-12-07&to=2026-12-08"),
            format!("/api/clinics/{slug}/articles"),
            format!("/api/clinics/demo/articles/{slug}"),
        ] {
            let response = app.client.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "not_found", "{path}");
        }
    }
}

#[tokio::test]
async fn a_nul_character_in_a_query_is_replaced_and_in_a_body_refused_storing_nothing() {
    let app = spawn_app().await;
    // A NUL in a query is a replacement character: a fixed value with one is still refused,
    // and a search with one simply answers (on PostgreSQL too, which refuses NUL in text).
    let lang = app
        .client
        .get(app.url("/api/clinics/demo?lang=%00"))
        .send()
        .await
        .unwrap();
    assert_eq!(lang.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = lang.json().await.unwrap();
    assert_eq!(body["fields"]["lang"], "unsupported_language");
    let search = app
        .client
        .get(app.url("/api/clinics/demo/articles?q=ba%00ck"))
        .send()
        .await
        .unwrap();
    assert_eq!(search.status(), StatusCode::OK);

    let before = app.appointment_count().await;
    let raw = r#"{"service_id": 1, "practitioner_id": 1, "start": "2026-12-07T14:00:00Z",
        "patient": {"name": "Nul\u0000Patient", "email": "nul@example.org", "language": "en",
                    "new_or_returning": "new", "consent": true}}"#;
    let booking = app
        .client
        .post(app.url("/api/clinics/demo/appointments"))
        .header("content-type", "application/json")
        .body(raw)
        .send()
        .await
        .unwrap();
    assert_eq!(booking.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = booking.json().await.unwrap();
    assert_eq!(body["fields"]["body"], "invalid");
    assert_eq!(app.appointment_count().await, before, "nothing booked");
}

#[tokio::test]
async fn unknown_api_paths_and_bad_languages_answer_in_json() {
    let app = spawn_app().await;
    let missing = app
        .client
        .get(app.url("/api/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(missing).await.0, StatusCode::NOT_FOUND);
    let bad_lang = app
        .client
        .get(app.url("/api/clinics/demo?lang=klingon"))
        .send()
        .await
        .unwrap();
    let (status, body) = error_code(bad_lang).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["lang"], "unsupported_language");
    let health = app.client.get(app.url("/api/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}
