//! Limits against scripts and stalled clients: per-address rate limits on patient bookings and
//! availability (429 with Retry-After), the sign-in throttle's Retry-After, and the body and
//! request timeouts, all answered in JSON.

use crate::console::{try_sign_in, PASSWORD};
use crate::helpers::*;
use carebook::config::Switch;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Limits on, and low: two booking writes and three availability queries per address per
/// minute (one back every 30 s / 20 s, far longer than the test takes).
async fn limited_app() -> TestApp {
    spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| {
            settings.rate_limits = Switch::On;
            settings.booking_limit = 2;
            settings.availability_limit = 3;
        },
    )
    .await
}

/// A 429 with a whole number of seconds to wait and the JSON error shape.
async fn assert_rate_limited(response: reqwest::Response, what: &str) {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{what}");
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{what}: Retry-After {wait}");
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "{what}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "rate_limited", "{what}");
    assert!(body["message"].is_string());
}

fn monday_at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour, 0, 0).unwrap()
}

#[tokio::test]
async fn booking_writes_from_one_address_are_limited_and_other_routes_are_not() {
    let app = limited_app().await;
    let service = app.service_id("Follow-up visit").await;

    // Booking, then moving it: the two writes the limit allows.
    let booked = app
        .book_ok(&request(service, None, monday_at(14), "Busy Patient"))
        .await;
    let token = booked.token.clone();
    let moved = app
        .post_json(
            &format!("/api/appointments/{token}/reschedule"),
            &json!({ "start": monday_at(15), "practitioner_id": booked.practitioner.id }),
        )
        .await;
    assert_ne!(moved.status(), StatusCode::TOO_MANY_REQUESTS);

    // The third write, of any kind, waits.
    let cancel = app
        .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
        .await;
    assert_rate_limited(cancel, "a cancel after two writes").await;
    let another = app
        .book(&request(service, None, monday_at(16), "Busy Patient"))
        .await;
    assert_rate_limited(another, "a booking after two writes").await;

    // Reading the visit, the clinic and the times is not a booking write.
    assert_eq!(app.appointment(&token).await.status(), StatusCode::OK);
    let clinic = app
        .client
        .get(app.url("/api/clinics/demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(clinic.status(), StatusCode::OK);
    let day = date(2026, 12, 8);
    assert_eq!(
        app.availability_response(service, None, day, day)
            .await
            .status(),
        StatusCode::OK
    );

    // Another patient, at another address, books as usual.
    let elsewhere = reqwest::Client::builder()
        .local_address(Some("127.0.0.2".parse().unwrap()))
        .build()
        .unwrap();
    let body = serde_json::to_value(request(service, None, monday_at(16), "Other")).unwrap();
    let other = elsewhere
        .post(app.url("/api/clinics/demo/appointments"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn availability_queries_from_one_address_are_limited() {
    let app = limited_app().await;
    let service = app.service_id("Follow-up visit").await;
    let day = date(2026, 12, 8);
    for _ in 0..3 {
        let response = app.availability_response(service, None, day, day).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let fourth = app.availability_response(service, None, day, day).await;
    assert_rate_limited(fourth, "the fourth availability query").await;
    // Booking is a limit of its own.
    app.book_ok(&request(service, None, monday_at(14), "Patient"))
        .await;
    let health = app.client.get(app.url("/api/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn limits_can_be_turned_off() {
    // The test settings have them off, as `CAREBOOK_RATE_LIMITS=off` does.
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let day = date(2026, 12, 8);
    for _ in 0..150 {
        let response = app.availability_response(service, None, day, day).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_locked_sign_in_says_when_to_try_again() {
    let app = spawn_app().await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    let email = "frontdesk@demo.carebook.test";
    for _ in 0..5 {
        try_sign_in(&app, email, "guess").await;
    }
    let locked = try_sign_in(&app, email, PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        locked.headers()["retry-after"],
        "900",
        "the 15-minute lockout"
    );
    let body: Value = locked.json().await.unwrap();
    assert_eq!(body["error"], "too_many_attempts");
}

/// Sends a booking's headers and the first byte of its body, then stalls; returns the status
/// line and the body of what the server answers.
async fn stall_after_headers(address: SocketAddr) -> (String, Value) {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = "POST /api/clinics/demo/appointments HTTP/1.1\r\nHost: carebook.test\r\n\
                Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{";
    stream.write_all(head.as_bytes()).await.unwrap();
    // The server answers and closes; the guard only keeps a broken server from hanging the test.
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
            if complete(&answer) {
                break;
            }
        }
    })
    .await
    .expect("the server answers a stalled request");
    let text = String::from_utf8(answer).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let status = head.lines().next().unwrap().to_string();
    (status, serde_json::from_str(body).expect("a JSON body"))
}

/// Whether `answer` holds the headers and the whole body its Content-Length announces.
fn complete(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .is_some_and(|length| body.len() >= length)
}

#[tokio::test]
async fn a_client_that_stalls_sending_its_body_gets_a_json_408() {
    let app = spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| settings.body_timeout = 1,
    )
    .await;
    let before = app.appointment_count().await;
    let (status, body) = stall_after_headers(app.address).await;
    assert!(status.starts_with("HTTP/1.1 408"), "{status}");
    assert_eq!(body["error"], "request_timeout");
    assert_eq!(app.appointment_count().await, before);
}

#[tokio::test]
async fn a_request_over_the_whole_time_limit_gets_a_json_503() {
    let app = spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| {
            settings.request_timeout = 1;
            settings.body_timeout = 120;
        },
    )
    .await;
    let (status, body) = stall_after_headers(app.address).await;
    assert!(status.starts_with("HTTP/1.1 503"), "{status}");
    assert_eq!(body["error"], "timeout");
}
