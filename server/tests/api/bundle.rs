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
async fn visit_links_get_the_visit_bundle_when_the_build_made_one() {
    const VISIT: &str = "<!doctype html><title>Carebook</title><body>visit</body>";
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("visit.html"), VISIT).unwrap();
    })
    .await;
    for (path, page) in [
        ("/a/some-token", VISIT),
        ("/a/some-token?booked=1", VISIT),
        ("/", INDEX),
        ("/book/demo", INDEX),
        ("/a/some-token/more", INDEX),
        ("/console", INDEX),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), page, "{path}");
    }
}

#[tokio::test]
async fn survey_and_ill_be_there_links_get_the_survey_bundle_and_the_visit_keeps_its_own() {
    const VISIT: &str = "<!doctype html><title>Carebook</title><body>visit</body>";
    const SURVEY: &str = "<!doctype html><title>Carebook</title><body>survey</body>";
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("visit.html"), VISIT).unwrap();
        std::fs::write(dist.join("survey.html"), SURVEY).unwrap();
    })
    .await;
    for (path, page) in [
        ("/a/some-token/survey", SURVEY),
        ("/a/some-token/coming", SURVEY),
        ("/waitlist/some-token", SURVEY),
        ("/book/demo/waitlist", SURVEY),
        ("/book/demo", INDEX),
        ("/a/some-token", VISIT),
        ("/a/some-token/other", INDEX),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), page, "{path}");
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

#[tokio::test]
async fn files_compressed_at_build_time_are_sent_as_they_are() {
    // Stand-ins: what matters is that the server sends the build's own .br file.
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), vec![0u8; 4096]).unwrap();
        std::fs::write(
            dist.join("app-0123456789abcdef_bg.wasm.br"),
            b"prebuilt-brotli",
        )
        .unwrap();
    })
    .await;
    let response = app
        .client
        .get(app.url("/app-0123456789abcdef_bg.wasm"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert_eq!(
        response.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(&response.bytes().await.unwrap()[..], b"prebuilt-brotli");
}

#[tokio::test]
async fn console_urls_get_the_console_bundle() {
    const CONSOLE: &str = "<!doctype html><title>Carebook console</title><body>console</body>";
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("console.html"), CONSOLE).unwrap();
    })
    .await;
    for (path, page) in [
        ("/console", CONSOLE),
        ("/console/day?date=2026-12-07", CONSOLE),
        ("/book/demo", INDEX),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.text().await.unwrap(), page, "{path}");
    }
}
