//! `/learn/{clinic}/{slug}` arrives with the article in it, the words around it in the
//! browser's language; an unknown article or clinic gets the library's page as built.

use crate::helpers::*;
use reqwest::StatusCode;

/// The library's page as written in the repository (the release build minifies it).
const BUILT: &str = include_str!("../../../app/learn.html");

async fn page(app: &TestApp, path: &str, accept_language: &str) -> String {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
    response.text().await.unwrap()
}

async fn library_app() -> TestApp {
    spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Carebook</title>",
        )
        .unwrap();
        std::fs::write(dist.join("learn.html"), BUILT).unwrap();
    })
    .await
}

#[tokio::test]
async fn an_article_arrives_drawn_with_the_words_around_it_in_the_browsers_language() {
    let app = library_app().await;
    let english = page(&app, "/learn/demo/type-2-diabetes-basics", "en-US").await;
    assert!(english.contains(r#"<div id="boot" data-shell>"#));
    assert!(
        english.contains("<title>Living with type 2 diabetes: everyday basics · Carebook</title>")
    );
    assert!(english.contains(r#"<main class="boot-main"><div class="learn"><div><p class="back-link no-print"><a href="/learn/demo">"#));
    assert!(english.contains("Last reviewed October 15, 2026"));
    assert!(english.contains(r#"<a href="/learn/demo/diabetes-tipo-2-lo-basico" hreflang="es""#));
    assert!(
        english.contains(r#"<div class="article-body">"#) && english.contains("<h2"),
        "the body as rendered"
    );
    assert!(!english.contains("skel-block"));

    let spanish = page(&app, "/learn/demo/diabetes-tipo-2-lo-basico", "es-MX,es").await;
    assert!(spanish.contains(r#"<html lang="es""#));
    assert!(spanish.contains("Revisado por última vez el 15 de octubre de 2026"));
}

#[tokio::test]
async fn unknown_articles_and_clinics_get_the_librarys_page_as_built() {
    let app = library_app().await;
    for path in [
        "/learn/demo/no-such-article",
        "/learn/no-such-clinic/type-2-diabetes-basics",
        "/learn/demo/%00",
        "/learn/demo/%3Cb%3E",
    ] {
        assert_eq!(page(&app, path, "en").await, BUILT, "{path}");
    }
}
