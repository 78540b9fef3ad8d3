//! `/a/{token}` arrives with the visit in it, drawn in the language it was booked in, where the
//! built page had a grey skeleton: what, when (named for the page's script, which puts it in
//! the browser's words), where, with whom, how to prepare and the buttons to change it. A video
//! visit gets the part above its join link only; unknown and odd tokens get the page as built.

use crate::helpers::*;
use app::wire::{Appointment, Language, Slot};
use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::json;

/// The visit page as written in the repository (the release build minifies it).
const BUILT: &str = include_str!("../../../app/visit.html");

async fn visit_app() -> TestApp {
    spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("visit.html"), BUILT).unwrap();
    })
    .await
}

/// The first free time of `service` with Dr. Okafor on `day` (Thursday 3 December is more
/// than a day after the pinned clock, so the visit can still be changed online).
async fn first_free(app: &TestApp, service: &str, day: chrono::NaiveDate) -> (i64, Slot) {
    let service = app.service_id(service).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let slot = app
        .free_slots_on(service, Some(okafor), day)
        .await
        .into_iter()
        .next()
        .expect("a free time");
    (service, slot)
}

async fn book(
    app: &TestApp,
    service: &str,
    name: &str,
    preferred: &str,
    lang: Language,
) -> Appointment {
    let (service, slot) = first_free(app, service, date(2026, 12, 3)).await;
    let mut booking = request(service, Some(slot.practitioner_id), slot.start, name);
    booking.patient.preferred_name = Some(preferred.into());
    booking.patient.language = lang;
    app.book_ok(&booking).await
}

/// The element the page's script puts into the browser's words, as the server writes it.
fn when_span(start: DateTime<Utc>) -> String {
    let local = start.with_timezone(&chrono_tz::America::New_York);
    format!(
        r#"<span data-testid="visit-when" data-at="{}" data-zone="America/New_York">{}</span>"#,
        start.timestamp_millis(),
        local.format("%Y-%m-%d %H:%M %Z")
    )
}

#[tokio::test]
async fn a_visit_page_arrives_with_the_visit_drawn_in_it() {
    let app = visit_app().await;
    let visit = book(
        &app,
        "Follow-up visit",
        "Patricia Jones",
        "Pat",
        Language::En,
    )
    .await;
    let token = &visit.token;

    let (headers, body) = html_page(&app, &format!("/a/{token}"), "en").await;
    assert!(body.contains(r#"<div id="boot" data-shell>"#));
    assert!(body.contains("<title>Your visit, Pat · Carebook</title>"));
    assert!(body.contains(r#"<h1 id="visit-title" tabindex="-1">Your visit, Pat</h1>"#));
    assert!(body.contains("Follow-up visit"));
    assert!(body.contains(&when_span(visit.start)));
    assert!(body.contains("Time zone: America/New_York"));
    assert!(body.contains("Riverside Family Clinic<br>120 Hudson Street, New York, NY 10013"));
    assert!(body.contains("https://www.openstreetmap.org/search?query=120%20Hudson%20Street"));
    assert!(body.contains("Dr. Amara Okafor (she/her), Family physician"));
    assert!(body.contains("Without insurance: $60."));
    assert!(body.contains("How to prepare"));
    assert!(body.contains("write down any questions you have"));
    // The calendar's link works without the app; reschedule and cancel, which need it, come
    // with it (a button that does nothing when tapped is worse than one a moment later).
    assert!(body.contains(&format!(
        r#"<div class="actions" id="change" tabindex="-1"><a class="button secondary" href="/api/appointments/{token}/calendar.ics" download="visit.ics">Add to calendar</a></div>"#
    )));
    assert!(!body.contains("data-act="), "no button that needs the app");
    assert!(
        !body.contains("confirmation-banner"),
        "no greeting without ?booked=1"
    );
    assert!(!body.contains("skel-block"), "the skeleton is gone");
    assert!(body.contains("<noscript>"), "the rest of the page stays");
    assert_eq!(body.matches("<h1").count(), 1);
    // The app's first request is the visit, preloaded while the wasm downloads.
    assert_eq!(
        headers["link"],
        format!("</api/appointments/{token}>; rel=preload; as=fetch; crossorigin")
    );
}

#[tokio::test]
async fn the_page_the_booking_ends_on_greets_from_the_start() {
    let app = visit_app().await;
    let visit = book(
        &app,
        "Follow-up visit",
        "Patricia Jones",
        "Pat",
        Language::En,
    )
    .await;
    let (_, body) = html_page(&app, &format!("/a/{}?booked=1", visit.token), "en").await;
    assert!(body.contains("<title>You&#39;re booked, Pat! · Carebook</title>"));
    assert!(body.contains(r#"data-testid="confirmation-banner""#));
    assert!(body.contains("Keep this page&#39;s link"));
    assert!(body.contains(&when_span(visit.start)));
    // Another query, or none, is the plain visit page.
    let (_, tagged) = html_page(&app, &format!("/a/{}?booked=0", visit.token), "en").await;
    assert!(tagged.contains("<title>Your visit, Pat · Carebook</title>"));
    assert!(!tagged.contains("confirmation-banner"));
}

#[tokio::test]
async fn a_visit_booked_in_spanish_is_drawn_in_spanish() {
    let app = visit_app().await;
    let visit = book(
        &app,
        "Follow-up visit",
        "Lucía Gómez",
        "Lucía",
        Language::Es,
    )
    .await;
    let (_, body) = html_page(&app, &format!("/a/{}", visit.token), "en").await;
    assert!(body.contains(r#"<html lang="es""#));
    assert!(body.contains("<title>Su cita, Lucía · Carebook</title>"));
    assert!(body.contains("Visita de seguimiento"));
    assert!(body.contains("Médica de familia"));
    assert!(body.contains("Cómo prepararse"));
    assert!(body.contains("Traiga sus medicinas o una lista de ellas"));
    assert!(body.contains("Ver en el mapa"));
    assert!(body.contains("Añadir al calendario"));
    // The instant is named, not worded: the page's script words it in Spanish.
    assert!(body.contains(&when_span(visit.start)));
    assert!(!body.contains("How to prepare"));

    let (_, greeted) = html_page(&app, &format!("/a/{}?booked=1", visit.token), "en").await;
    assert!(greeted.contains("<title>¡Su cita está reservada, Lucía! · Carebook</title>"));
}

#[tokio::test]
async fn a_cancelled_visit_shows_it_is_cancelled_and_offers_no_changes() {
    let app = visit_app().await;
    let visit = book(&app, "Follow-up visit", "Carla Cruz", "Carla", Language::En).await;
    let cancelled = app
        .post_json(
            &format!("/api/appointments/{}/cancel", visit.token),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);

    // Even on the booking's own page: a cancelled visit is no reason to greet.
    for path in [
        format!("/a/{}", visit.token),
        format!("/a/{}?booked=1", visit.token),
    ] {
        let (_, body) = html_page(&app, &path, "en").await;
        assert!(body.contains("data-shell"), "{path}");
        assert!(
            body.contains("<title>Your visit, Carla · Carebook</title>"),
            "{path}"
        );
        assert!(body.contains(r#"data-testid="cancelled-banner""#), "{path}");
        assert!(body.contains("This visit is cancelled."), "{path}");
        assert!(body.contains(r#"<a class="button primary" href="/book/demo">Book again</a>"#));
        assert!(!body.contains("confirmation-banner"), "{path}");
        assert!(
            !body.contains("data-act="),
            "no reschedule or cancel button: {path}"
        );
        assert!(!body.contains("calendar.ics"), "no calendar file: {path}");
    }
}

#[tokio::test]
async fn a_visit_less_than_a_day_away_is_drawn_with_the_phone_to_change_it() {
    let app = visit_app().await;
    // The pinned clock is 07:00 in New York: this afternoon is inside the 24-hour window.
    let (service, slot) = first_free(&app, "Follow-up visit", date(2026, 12, 1)).await;
    let visit = app
        .book_ok(&request(
            service,
            Some(slot.practitioner_id),
            slot.start,
            "Omar Haddad",
        ))
        .await;
    assert!(!visit.can_cancel);
    let (_, body) = html_page(&app, &format!("/a/{}", visit.token), "en").await;
    assert!(body.contains(
        r#"<p class="notice">Changes within 24 hours need a call: <a href="tel:+1 212 555 0142">+1 212 555 0142</a></p>"#
    ));
    assert!(
        body.contains("calendar.ics"),
        "the calendar file is still offered"
    );
    assert!(
        !body.contains("data-act="),
        "no reschedule or cancel button"
    );
}

#[tokio::test]
async fn a_video_visit_is_drawn_down_to_where_its_join_link_goes() {
    let app = visit_app().await;
    let visit = book(&app, "Video check-in", "Vera Video", "Vera", Language::En).await;
    let room = visit.video_url.clone().expect("a video visit has a room");
    let (_, body) = html_page(&app, &format!("/a/{}", visit.token), "en").await;
    assert!(body.contains("data-shell"));
    assert!(body.contains("<title>Your visit, Vera · Carebook</title>"));
    assert!(body.contains("Video check-in"));
    assert!(body.contains("<dt>Where</dt><dd>Video visit</dd>"));
    assert!(body.contains(&when_span(visit.start)));
    assert!(
        !body.contains("120 Hudson Street"),
        "no address for a video visit"
    );
    // The join link ticks with the phone's clock, so the app adds it and all below it.
    assert!(!body.contains(&room));
    assert!(!body.contains(r#"data-testid="preparation""#));
    assert!(!body.contains("calendar.ics"));
    assert!(!body.contains("skel-block"));
}

#[tokio::test]
async fn a_name_with_markup_in_it_is_drawn_as_text() {
    let app = visit_app().await;
    let visit = book(
        &app,
        "Follow-up visit",
        "Eve Evans",
        "<b>Eve</b> & co",
        Language::En,
    )
    .await;
    let (_, body) = html_page(&app, &format!("/a/{}", visit.token), "en").await;
    assert!(body.contains("<title>Your visit, &lt;b&gt;Eve&lt;/b&gt; &amp; co · Carebook</title>"));
    assert!(body.contains(">Your visit, &lt;b&gt;Eve&lt;/b&gt; &amp; co</h1>"));
    assert!(!body.contains("<b>Eve</b>"));
}

#[tokio::test]
async fn unknown_and_odd_tokens_get_the_page_as_built_with_nobodys_visit_in_it() {
    let app = visit_app().await;
    let visit = book(
        &app,
        "Follow-up visit",
        "Nadia Private",
        "Nadia",
        Language::En,
    )
    .await;
    // Well-formed (43 characters of the token alphabet, as every token is) but no visit's.
    let unknown = "kR9vT2mQ7wXyL4nB8cD1eF6gH3jK5pS0uV_aZ-bC2dE";
    assert_eq!(unknown.len(), visit.token.len());
    let mut near_miss = visit.token.clone();
    let last = if near_miss.ends_with('A') { "B" } else { "A" };
    near_miss.replace_range(near_miss.len() - 1.., last);
    for path in [
        "/a/nope".to_string(),
        "/a/%00".to_string(),
        "/a/%3Cscript%3E".to_string(),
        "/a/%27%20OR%201%3D1".to_string(),
        format!("/a/{unknown}"),
        format!("/a/{unknown}?booked=1"),
        format!("/a/{near_miss}"),
    ] {
        let (_, body) = html_page(&app, &path, "en").await;
        assert_eq!(body, BUILT, "{path}");
        assert!(!body.contains("data-shell") && body.contains("skel-block"));
        assert!(!body.contains("Nadia"), "{path}");
    }
}
