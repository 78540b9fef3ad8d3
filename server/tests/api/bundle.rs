//! The server hands out the browser bundle: every screen's URL gets index.html, hashed files are
//! cached for good and compressed, and nothing under /api falls through to the page.

use crate::helpers::*;
use reqwest::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, REFERRER_POLICY};
use reqwest::StatusCode;

const INDEX: &str =
    "<!doctype html><html lang=\"en\"><title>Carebook</title><body>shell</body></html>";

async fn app_with_bundle() -> TestApp {
    spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        let script = "console.log('carebook');\n".repeat(200);
        std::fs::write(dist.join("app-0123456789abcdef.js"), script).unwrap();
    })
    .await
}

#[tokio::test]
async fn every_screen_url_gets_the_app_shell_revalidated_each_time() {
    let app = app_with_bundle().await;
    for path in [
        "/",
        "/book/demo",
        "/book/demo?service=1&step=details",
        "/a/some-token",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache", "{path}");
        assert_eq!(response.headers()[REFERRER_POLICY], "no-referrer");
        assert_eq!(response.text().await.unwrap(), INDEX);
    }
}

#[tokio::test]
async fn hashed_files_are_cached_for_a_year_and_sent_compressed() {
    let app = app_with_bundle().await;
    let response = app
        .client
        .get(app.url("/app-0123456789abcdef.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert!(response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("javascript"));
    let compressed = response.bytes().await.unwrap();
    assert!(
        compressed.len() < 200,
        "repetitive text shrinks: {} bytes",
        compressed.len()
    );
}

#[tokio::test]
async fn api_answers_are_never_the_page_and_never_cached() {
    let app = app_with_bundle().await;
    let missing = app
        .client
        .get(app.url("/api/no-such-thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()[CACHE_CONTROL], "no-store");
    assert!(missing.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let clinic = app
        .client
        .get(app.url("/api/clinics/demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(clinic.headers()[CACHE_CONTROL], "no-store");
}
