//! The pages patients land on name the API answer they will ask for first in a `Link: …;
//! rel=preload` header, so a slow phone downloads it alongside the wasm; the hinted address is
//! one the API really answers, in the browser's language.

use crate::helpers::*;
use reqwest::StatusCode;

fn write_pages(dist: &std::path::Path) {
    for page in ["index.html", "visit.html", "learn.html", "console.html"] {
        std::fs::write(
            dist.join(page),
            "<!doctype html><html lang=en><title>Carebook</title><body></body></html>",
        )
        .unwrap();
    }
}

/// The addresses in a page's `Link` header, after checking each is a credentialed-as-fetch
/// preload (what the page's own `fetch` matches).
async fn preloads(app: &TestApp, path: &str, accept_language: &str) -> Vec<String> {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let Some(link) = response.headers().get("link") else {
        return Vec::new();
    };
    link.to_str()
        .unwrap()
        .split(", ")
        .map(|hint| {
            let (target, params) = hint.split_once("; ").expect("<url>; params");
            assert_eq!(params, "rel=preload; as=fetch; crossorigin", "{path}");
            target
                .strip_prefix('<')
                .and_then(|t| t.strip_suffix('>'))
                .expect("<url>")
                .to_string()
        })
        .collect()
}

async fn assert_answers(app: &TestApp, path: &str) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
}

#[tokio::test]
async fn the_booking_page_preloads_its_clinic_in_the_browsers_language() {
    let app = spawn_app_serving(tuesday_morning(), write_pages).await;
    let english = preloads(&app, "/book/demo", "en-US,en;q=0.9").await;
    assert_eq!(english, ["/api/clinics/demo?lang=en"]);
    let spanish = preloads(&app, "/book/demo", "es-MX,es;q=0.9,en;q=0.8").await;
    assert_eq!(spanish, ["/api/clinics/demo?lang=es"]);
    // A language Carebook does not speak: the page shows English, and so does the hint.
    let french = preloads(&app, "/book/demo", "fr-FR").await;
    assert_eq!(french, ["/api/clinics/demo?lang=en"]);
    for path in english.iter().chain(&spanish) {
        assert_answers(&app, path).await;
    }
}

#[tokio::test]
async fn a_visit_page_preloads_the_visit() {
    let app = spawn_app_serving(tuesday_morning(), write_pages).await;
    let service = app.service_id("Follow-up visit").await;
    let slot = app
        .free_slots_on(service, None, date(2026, 12, 3))
        .await
        .into_iter()
        .next()
        .expect("a free time");
    let visit = app
        .book_ok(&request(
            service,
            Some(slot.practitioner_id),
            slot.start,
            "Pia Preload",
        ))
        .await;
    let hints = preloads(&app, &format!("/a/{}", visit.token), "en").await;
    assert_eq!(hints, [format!("/api/appointments/{}", visit.token)]);
    for path in &hints {
        assert_answers(&app, path).await;
    }
}

#[tokio::test]
async fn other_pages_and_odd_addresses_get_no_hint() {
    let app = spawn_app_serving(tuesday_morning(), write_pages).await;
    for path in [
        "/",
        "/console",
        "/console/day",
        "/book/de%22mo",
        "/book/de%3Emo",
    ] {
        assert!(preloads(&app, path, "en").await.is_empty(), "{path}");
    }
    // API answers never carry one, only pages.
    let api = app
        .client
        .get(app.url("/api/clinics/demo"))
        .send()
        .await
        .unwrap();
    assert!(api.headers().get("link").is_none());
}
