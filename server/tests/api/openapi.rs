//! The published API description: `/api/openapi.json` is OpenAPI 3.1, describes every route
//! the server answers, and `/api/docs` shows it.

use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

/// Every route the API router serves, read off the `router()` of each module in
/// `server/src/routes` (method, path as served under `/api`). A new route belongs here and in
/// the document.
const ROUTES: &[(&str, &str)] = &[
    // health.rs, clinics.rs, availability.rs
    ("get", "/api/health"),
    ("get", "/api/ready"),
    ("get", "/api/clinics/{slug}"),
    ("get", "/api/clinics/{slug}/availability"),
    // library.rs
    ("get", "/api/clinics/{slug}/articles"),
    ("get", "/api/clinics/{slug}/articles/{article_slug}"),
    // appointments/mod.rs
    ("post", "/api/clinics/{slug}/appointments"),
    ("get", "/api/appointments/{token}"),
    ("post", "/api/appointments/{token}/cancel"),
    ("post", "/api/appointments/{token}/reschedule"),
    ("post", "/api/appointments/{token}/confirm"),
    ("get", "/api/appointments/{token}/calendar.ics"),
    ("get", "/api/appointments/{token}/instructions"),
    ("post", "/api/appointments/{token}/understanding"),
    ("post", "/api/appointments/{token}/questions"),
    ("get", "/api/appointments/{token}/survey"),
    ("post", "/api/appointments/{token}/survey"),
    // openapi.rs (the docs page's script is an asset of the page, not an API route)
    ("get", "/api/openapi.json"),
    ("get", "/api/docs"),
    // console/mod.rs
    ("post", "/api/console/sign-in"),
    ("post", "/api/console/sign-out"),
    ("get", "/api/console/me"),
    ("get", "/api/console/day"),
    ("post", "/api/console/appointments"),
    ("get", "/api/console/patients"),
    ("get", "/api/console/patients/{id}"),
    ("post", "/api/console/patients/{id}/erase"),
    ("put", "/api/console/practitioners/{id}/running-late"),
    ("post", "/api/console/appointments/{id}/attendance"),
    ("post", "/api/console/appointments/{id}/cancel"),
    ("get", "/api/console/appointments/{id}/messages"),
    ("get", "/api/console/appointments/{id}/instructions"),
    ("post", "/api/console/appointments/{id}/instructions"),
    ("get", "/api/console/understanding"),
    ("get", "/api/console/kpis"),
    ("get", "/api/console/kpis.csv"),
    ("get", "/api/console/instruction-templates"),
    ("post", "/api/console/instruction-templates"),
    ("put", "/api/console/instruction-templates/{id}"),
    ("get", "/api/console/questions"),
    ("post", "/api/console/questions/{id}/reply"),
    // console/setup/mod.rs
    ("get", "/api/console/clinic"),
    ("put", "/api/console/clinic"),
    ("get", "/api/console/reminders"),
    ("put", "/api/console/reminders"),
    ("get", "/api/console/embed"),
    ("put", "/api/console/embed"),
    ("get", "/api/console/publishing"),
    ("put", "/api/console/publishing"),
    ("get", "/api/console/services"),
    ("post", "/api/console/services"),
    ("put", "/api/console/services/{id}"),
    ("post", "/api/console/services/{id}/retire"),
    ("get", "/api/console/practitioners"),
    ("post", "/api/console/practitioners"),
    ("get", "/api/console/practitioners/{id}"),
    ("put", "/api/console/practitioners/{id}"),
    ("put", "/api/console/practitioners/{id}/hours"),
    ("post", "/api/console/practitioners/{id}/time-off"),
    (
        "delete",
        "/api/console/practitioners/{id}/time-off/{time_off_id}",
    ),
    // console/team/mod.rs
    ("get", "/api/console/week"),
    ("get", "/api/console/staff"),
    ("post", "/api/console/staff"),
    ("put", "/api/console/staff/{id}"),
    ("post", "/api/console/me/password"),
    ("get", "/api/console/audit"),
    // console/articles.rs
    ("get", "/api/console/articles"),
    ("post", "/api/console/articles"),
    ("get", "/api/console/articles/{id}"),
    ("put", "/api/console/articles/{id}"),
    ("delete", "/api/console/articles/{id}"),
    ("post", "/api/console/articles/{id}/publish"),
    // console/plain_language.rs
    ("get", "/api/console/jargon"),
    ("post", "/api/console/jargon"),
    ("delete", "/api/console/jargon/{id}"),
    ("post", "/api/console/markdown-preview"),
    // console/follow_ups.rs
    ("get", "/api/console/follow-ups"),
    ("get", "/api/console/follow-ups/summary"),
    ("get", "/api/console/follow-ups/{id}"),
    ("post", "/api/console/follow-ups/{id}"),
    // waitlist/ (patients) and console/waitlist.rs
    ("post", "/api/clinics/{slug}/waitlist"),
    ("get", "/api/waitlist/{token}"),
    ("post", "/api/waitlist/{token}/take"),
    ("post", "/api/waitlist/{token}/decline"),
    ("post", "/api/waitlist/{token}/leave"),
    ("get", "/api/console/waitlist"),
    ("delete", "/api/console/waitlist/{id}"),
    ("get", "/api/console/waitlist/settings"),
    ("put", "/api/console/waitlist/settings"),
];

async fn document() -> Value {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    response.json().await.expect("the document is JSON")
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_describes_every_route() {
    let doc = document().await;
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1."), "openapi {version}");
    let paths = doc["paths"].as_object().expect("paths");

    let missing: Vec<_> = ROUTES
        .iter()
        .filter(|(method, path)| paths.get(*path).and_then(|p| p.get(*method)).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "routes not in the document: {missing:?}"
    );

    // Nor does the document promise routes that are not served.
    let described = paths
        .iter()
        .flat_map(|(path, item)| {
            let methods = item.as_object().unwrap().keys();
            methods
                .filter(|m| ["get", "post", "put", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (m.clone(), path.clone()))
        })
        .filter(|(m, p)| !ROUTES.contains(&(m.as_str(), p.as_str())))
        .collect::<Vec<_>>();
    assert!(
        described.is_empty(),
        "described but not served: {described:?}"
    );
}

#[tokio::test]
async fn errors_have_one_documented_shape() {
    let doc = document().await;
    let error = &doc["components"]["schemas"]["ApiErrorBody"];
    let required: Vec<_> = error["required"].as_array().unwrap().iter().collect();
    assert!(
        required.contains(&&Value::from("error")) && required.contains(&&Value::from("message"))
    );
    assert!(error["properties"]["fields"].is_object());

    // Every answer but a success is an ApiErrorBody.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.starts_with('2') {
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/ApiErrorBody",
                    "{method} {path} {status}"
                );
            }
        }
    }
}

#[tokio::test]
async fn booking_documents_its_idempotency_key_and_a_taken_slot() {
    let doc = document().await;
    let booking = &doc["paths"]["/api/clinics/{slug}/appointments"]["post"];
    let header = booking["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Idempotency-Key")
        .expect("the Idempotency-Key parameter");
    assert_eq!(header["in"], "header");
    assert_eq!(header["required"], false);
    let responses = &booking["responses"];
    assert!(responses["201"].is_object() && responses["409"].is_object());
    assert_eq!(
        booking["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/BookingRequest"
    );
}

#[tokio::test]
async fn console_routes_need_the_session_cookie() {
    let doc = document().await;
    let scheme = &doc["components"]["securitySchemes"]["session_cookie"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "carebook_session");
    for (method, path) in ROUTES {
        let operation = &doc["paths"][*path][*method];
        let secured = operation["security"]
            .as_array()
            .is_some_and(|s| s.iter().any(|r| r.get("session_cookie").is_some()));
        let console = path.starts_with("/api/console/") && *path != "/api/console/sign-in";
        assert_eq!(secured, console, "{method} {path}");
    }
}

#[tokio::test]
async fn the_docs_page_is_html_loading_only_same_origin_files() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let page = response.text().await.unwrap();
    assert!(page.contains("/api/openapi.json"));
    // No inline script and nothing from another site: the page works under a strict CSP.
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        !page.contains("https://") && !page.contains("http://"),
        "{page}"
    );
    for script in page.split("<script src=\"").skip(1) {
        let src = script.split('"').next().unwrap();
        assert!(src.starts_with("/api/docs/"), "{src}");
    }

    let init = app
        .client
        .get(app.url("/api/docs/docs-init.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(init.status(), StatusCode::OK);
    assert!(init.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(init.text().await.unwrap().contains("SwaggerUIBundle"));
}
