//! `/metrics`: what an operator's Prometheus scrapes. Route templates, never tokens.

use crate::helpers::*;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;

async fn scrape(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    response.text().await.unwrap()
}

fn has_line(metrics: &str, line: &str) -> bool {
    metrics.lines().any(|l| l == line)
}

#[tokio::test]
async fn metrics_count_bookings_conflicts_and_requests_by_route_template_without_tokens() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let monday_ten = Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap();
    let visit = app
        .book_ok(&request(
            service,
            Some(okafor),
            monday_ten,
            "Metric Patient",
        ))
        .await;
    let taken = app
        .book(&request(
            service,
            Some(okafor),
            monday_ten,
            "Second Patient",
        ))
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.appointment("no-such-visit-token").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.appointment(&visit.token).await.status(), StatusCode::OK);

    let metrics = scrape(&app).await;
    for line in [
        "carebook_bookings_created_total 1",
        "carebook_booking_conflicts_total 1",
        r#"carebook_http_requests_total{method="POST",route="/api/clinics/{slug}/appointments",status="201"} 1"#,
        r#"carebook_http_requests_total{method="POST",route="/api/clinics/{slug}/appointments",status="409"} 1"#,
        r#"carebook_http_requests_total{method="GET",route="/api/appointments/{token}",status="404"} 1"#,
        r#"carebook_http_requests_total{method="GET",route="/api/appointments/{token}",status="200"} 1"#,
        r#"carebook_http_request_duration_seconds_count{method="POST",route="/api/clinics/{slug}/appointments",status="201"} 1"#,
    ] {
        assert!(has_line(&metrics, line), "missing {line}\n{metrics}");
    }
    assert!(metrics.contains(
        r#"carebook_http_request_duration_seconds_bucket{method="GET",route="/api/appointments/{token}",status="404",le="#
    ));
    for secret in [
        visit.token.as_str(),
        "no-such-visit-token",
        "Metric Patient",
    ] {
        assert!(!metrics.contains(secret), "{secret} leaked into /metrics");
    }
}

#[tokio::test]
async fn each_server_counts_only_its_own_traffic() {
    let busy = spawn_app().await;
    let quiet = spawn_app().await;
    let service = busy.service_id("Follow-up visit").await;
    let monday_ten = Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap();
    busy.book_ok(&request(service, None, monday_ten, "Busy Patient"))
        .await;

    assert!(has_line(
        &scrape(&busy).await,
        "carebook_bookings_created_total 1"
    ));
    assert!(has_line(
        &scrape(&quiet).await,
        "carebook_bookings_created_total 0"
    ));
}
