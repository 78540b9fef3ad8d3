//! `/learn/{clinic}/{slug}` arrives with the article in it, and `/learn/{clinic}` with the list
//! of its search or topic, the words around them in the browser's language; an unknown article
//! or clinic, or a search the API would refuse, gets the library's page as built.

use crate::helpers::*;

/// The library's page as written in the repository (the release build minifies it).
const BUILT: &str = include_str!("../../../app/learn.html");

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
    let english = html_page(&app, "/learn/demo/type-2-diabetes-basics", "en-US")
        .await
        .1;
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

    let spanish = html_page(&app, "/learn/demo/diabetes-tipo-2-lo-basico", "es-MX,es")
        .await
        .1;
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
        assert_eq!(html_page(&app, path, "en").await.1, BUILT, "{path}");
    }
}

#[tokio::test]
async fn the_library_arrives_with_its_topics_and_articles_in_the_browsers_language() {
    let app = library_app().await;
    let english = html_page(&app, "/learn/demo", "en-US").await.1;
    assert!(english.contains(r#"<div id="boot" data-shell>"#));
    assert!(english.contains("<title>Health library · Carebook</title>"));
    assert!(english.contains(r#"<main class="boot-main"><div class="learn"><div><h1 id="learn-title">Health library</h1><p class="lede">Short articles from Riverside Family Clinic"#));
    // The search box, empty, works without the app (a GET form to this page).
    assert!(english.contains(r#"<input id="learn-q" name="q" type="search""#));
    assert!(english.contains(r#"value=""><button type="submit">"#));
    assert!(
        english.contains(r#"<li><a href="/learn/demo" aria-current="page">All topics</a></li>"#)
    );
    assert!(english.contains(
        r#"<a href="/learn/demo?category=Back%20pain">Back pain <span class="count">(1)</span></a>"#
    ));
    assert!(english.contains(r#"<h2 id="results-title">Articles</h2>"#));
    assert!(english.contains(
        r#"<a href="/learn/demo/low-back-pain">Low back pain: what helps and when to get help</a>"#
    ));
    assert!(english.contains(r#"<a href="/learn/demo/ankle-sprain">"#));
    assert!(!english.contains("skel-block"));
    assert!(
        !english.contains("Dolor de espalda"),
        "only this language's articles"
    );

    let spanish = html_page(&app, "/learn/demo", "es-MX,es;q=0.9").await.1;
    assert!(spanish.contains(r#"<html lang="es""#));
    assert!(spanish.contains("<title>Biblioteca de salud · Carebook</title>"));
    assert!(spanish.contains("Todos los temas"));
    assert!(spanish.contains(r#"<a href="/learn/demo/dolor-de-espalda-baja">"#));
    assert!(!spanish.contains("Low back pain"));
}

#[tokio::test]
async fn a_search_or_a_topic_arrives_with_its_own_list() {
    let app = library_app().await;
    // Sent by the form without the app: `+` for the space.
    let search = html_page(&app, "/learn/demo?q=blood+sug", "en").await.1;
    assert!(
        search.contains(r#"value="blood sug"><button"#),
        "the search stays in its box"
    );
    assert!(search.contains("Results for “blood sug”"));
    assert!(search.contains(r#"<a href="/learn/demo/checking-blood-sugar-at-home">"#));
    assert!(!search.contains(r#"<a href="/learn/demo/ankle-sprain">"#));
    assert!(
        !search.contains(r#"aria-current="page""#),
        "no topic is current during a search"
    );

    let topic = html_page(&app, "/learn/demo?category=Injuries", "en")
        .await
        .1;
    assert!(topic.contains(r#"<h2 id="results-title">Injuries</h2>"#));
    assert!(
        topic.contains(r#"<a href="/learn/demo?category=Injuries" aria-current="page">Injuries"#)
    );
    assert!(topic.contains(r#"<a href="/learn/demo/ankle-sprain">"#));
    assert!(!topic.contains(r#"<a href="/learn/demo/low-back-pain">"#));

    // Nothing found: said so, with the way back to every article. What was typed is escaped.
    let none = html_page(&app, "/learn/demo?q=%3Cb%3Ezzzz", "en").await.1;
    assert!(none.contains("No articles match “&lt;b&gt;zzzz”."));
    assert!(none.contains(r#"value="&lt;b&gt;zzzz">"#));
    assert!(!none.contains("<b>zzzz"));
}

#[tokio::test]
async fn an_unknown_clinic_or_a_refused_search_gets_the_librarys_page_as_built() {
    let app = library_app().await;
    let long_search = format!("/learn/demo?q={}", "a".repeat(201));
    let long_topic = format!("/learn/demo?category={}", "a".repeat(101));
    for path in [
        "/learn/no-such-clinic",
        "/learn/%00",
        long_search.as_str(),
        long_topic.as_str(),
    ] {
        assert_eq!(html_page(&app, path, "en").await.1, BUILT, "{path}");
    }
}
