//! Every refusal, whoever makes it (a handler, axum's extractors and router, the body limit,
//! the static files), answers with the JSON error shape: a client never has to parse HTML or
//! plain text to learn what went wrong.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Checks the status, the JSON content type and the `{error, message}` shape; returns the body.
async fn refused(response: reqwest::Response, status: StatusCode, what: &str) -> Value {
    assert_eq!(response.status(), status, "{what}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(content_type, "application/json", "{what}");
    let body: Value = response.json().await.expect("a JSON body");
    assert!(body["error"].is_string(), "{what}: {body}");
    assert!(body["message"].is_string(), "{what}: {body}");
    body
}

async fn call(app: &TestApp, method: Method, path: &str) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let app = spawn_app().await;
    for path in ["/api/nothing-here", "/api/clinics/demo/nothing", "/api/"] {
        let body = refused(
            call(&app, Method::GET, path).await,
            StatusCode::NOT_FOUND,
            path,
        )
        .await;
        assert_eq!(body["error"], "not_found", "{path}");
    }
}

#[tokio::test]
async fn a_wrong_method_is_405_with_the_allowed_methods() {
    let app = spawn_app().await;
    let cases = [
        (Method::DELETE, "/api/clinics/demo", "GET"),
        (Method::GET, "/api/clinics/demo/appointments", "POST"),
        (Method::PUT, "/api/appointments/some-token/cancel", "POST"),
        (Method::POST, "/api/clinics/demo/availability", "GET"),
        (Method::DELETE, "/api/console/sign-in", "POST"),
    ];
    for (method, path, allowed) in cases {
        let what = format!("{method} {path}");
        let response = call(&app, method, path).await;
        let allow = response
            .headers()
            .get("allow")
            .unwrap_or_else(|| panic!("{what}: no Allow header"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(allow.contains(allowed), "{what}: Allow: {allow}");
        let body = refused(response, StatusCode::METHOD_NOT_ALLOWED, &what).await;
        assert_eq!(body["error"], "method_not_allowed", "{what}");
    }
}

#[tokio::test]
async fn a_path_that_is_not_text_is_a_json_400() {
    let app = spawn_app().await;
    // %FF decodes to a byte that is not UTF-8: axum's Path extractor refuses it.
    for path in [
        "/api/clinics/%FF",
        "/api/appointments/%FF",
        "/api/appointments/%FF/calendar.ics",
    ] {
        let body = refused(
            call(&app, Method::GET, path).await,
            StatusCode::BAD_REQUEST,
            path,
        )
        .await;
        assert_eq!(body["error"], "bad_request", "{path}");
    }
}

#[tokio::test]
async fn bodies_that_are_missing_wrong_or_too_big_are_json_errors() {
    let app = spawn_app().await;
    let before = app.appointment_count().await;
    let url = app.url("/api/clinics/demo/appointments");
    let post = |content_type: Option<&str>, body: String| {
        let mut request = app.client.post(&url).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send()
    };

    let empty = post(Some("application/json"), String::new()).await.unwrap();
    let body = refused(empty, StatusCode::UNPROCESSABLE_ENTITY, "empty body").await;
    assert_eq!(body["fields"]["body"], "invalid_json");

    let no_type = post(None, json!({}).to_string()).await.unwrap();
    let body = refused(no_type, StatusCode::UNSUPPORTED_MEDIA_TYPE, "no type").await;
    assert_eq!(body["error"], "unsupported_media_type");

    let form = post(
        Some("application/x-www-form-urlencoded"),
        "service_id=1".into(),
    )
    .await
    .unwrap();
    refused(form, StatusCode::UNSUPPORTED_MEDIA_TYPE, "a form").await;

    let not_utf8 = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(vec![b'{', 0xff, 0xfe, b'}'])
        .send()
        .await
        .unwrap();
    refused(
        not_utf8,
        StatusCode::UNPROCESSABLE_ENTITY,
        "bytes, not text",
    )
    .await;

    let huge = format!("{{\"padding\":\"{}\"}}", "x".repeat(200 * 1024));
    let too_big = post(Some("application/json"), huge).await.unwrap();
    let body = refused(too_big, StatusCode::PAYLOAD_TOO_LARGE, "200 KB").await;
    assert_eq!(body["error"], "payload_too_large");
    assert_eq!(app.appointment_count().await, before, "nothing was booked");
}

#[tokio::test]
async fn bad_queries_are_json_errors() {
    let app = spawn_app().await;
    for path in [
        "/api/clinics/demo/availability?service_id=one&from=2026-12-07&to=2026-12-07",
        "/api/clinics/demo/availability?service_id=1&from=monday&to=2026-12-07",
        "/api/clinics/demo/availability",
        "/api/clinics/demo?lang=%FF",
    ] {
        let response = call(&app, Method::GET, path).await;
        assert!(response.status().is_client_error(), "{path}");
        let status = response.status();
        refused(response, status, path).await;
    }
}

#[tokio::test]
async fn a_write_to_a_page_or_file_is_a_json_405() {
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Carebook</title>",
        )
        .unwrap();
        std::fs::write(dist.join("app.css"), "body{}").unwrap();
    })
    .await;
    for path in ["/", "/app.css", "/book/demo"] {
        let response = call(&app, Method::POST, path).await;
        let body = refused(response, StatusCode::METHOD_NOT_ALLOWED, path).await;
        assert_eq!(body["error"], "method_not_allowed", "{path}");
    }
    let page = call(&app, Method::GET, "/book/demo").await;
    assert_eq!(page.status(), StatusCode::OK, "reading still works");
}
