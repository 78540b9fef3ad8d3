//! `/book/{clinic}` arrives with the flow's first step in it: the clinic's services, in the
//! browser's language, where the built page had a grey skeleton. Later steps, unknown clinics
//! and odd slugs get the page as built; every answer keeps the page's headers.

use crate::helpers::*;

/// The booking page as written in the repository (the release build minifies it).
const BUILT: &str = include_str!("../../../app/index.html");

async fn booking_app() -> TestApp {
    spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), BUILT).unwrap();
    })
    .await
}

#[tokio::test]
async fn the_booking_page_arrives_with_the_clinics_services_in_the_browsers_language() {
    let app = booking_app().await;
    let physio = app.service_id("Physiotherapy session").await;

    let (_, english) = html_page(&app, "/book/demo", "en-US,en;q=0.9").await;
    assert!(english.contains(r#"<div id="boot" data-shell>"#));
    assert!(english.contains("<title>What do you need? · Carebook</title>"));
    assert!(english.contains("Booking at Riverside Family Clinic"));
    assert!(english.contains(&format!(
        r#"<a class="card-link" href="/book/demo?service={physio}">Physiotherapy session</a>"#
    )));
    assert!(!english.contains("skel-block"), "the skeleton is gone");
    assert!(english.contains("<noscript>"), "the rest of the page stays");

    let (headers, spanish) = html_page(&app, "/book/demo", "es-MX,es;q=0.9,en;q=0.8").await;
    assert!(spanish.contains(r#"<html lang="es""#));
    assert!(spanish.contains("¿Qué necesita?"));
    assert!(spanish.contains("Sesión de fisioterapia"));
    // The app's first request, preloaded in the same language the step was written in.
    assert_eq!(
        headers["link"],
        "</api/clinics/demo?lang=es>; rel=preload; as=fetch; crossorigin"
    );
}

#[tokio::test]
async fn later_steps_unknown_clinics_and_odd_slugs_get_the_page_as_built() {
    let app = booking_app().await;
    for path in [
        "/book/demo?service=1",
        "/book/demo?practitioner=any&service=2",
        "/book/demo?step=details",
        "/book/no-such-clinic",
        "/book/%00",
        "/book/%3Cscript%3E",
    ] {
        let (_, body) = html_page(&app, path, "en").await;
        assert_eq!(body, BUILT, "{path}");
    }
    // A query that is no step of the flow (a campaign tag) still gets the first step.
    let (_, tagged) = html_page(&app, "/book/demo?utm_source=flyer", "en").await;
    assert!(tagged.contains("data-shell"));
}
