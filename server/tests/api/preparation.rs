//! Preparation text: clinics write it in Markdown in the console; patients get it formatted
//! (sanitised HTML) on the booking pages and the visit page, and as plain words in the calendar
//! file. Whatever is typed, nothing live reaches a patient's page.

use crate::calendar::{calendar_event, property};
use crate::console::{console_app, from_console, sign_in, ADMIN};
use crate::helpers::*;
use app::wire::setup::ServiceAdmin;
use app::wire::{Appointment, Clinic};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;

const PREPARATION_EN: &str = "Please bring:\n\n- your **medication list**\n- a photo ID\n\nNo food [8 hours](/learn/demo/fasting) before.\n\n<script>alert('en')</script><img src=x onerror=alert(1)>\n\n[tap](javascript:alert(1))";
const PREPARATION_ES: &str =
    "Traiga:\n\n- su **lista de medicinas**\n\nNo coma 8 horas antes.\n\n<svg onload=alert(1)>";

/// Saves both preparation texts of "Follow-up visit" through the console's service form.
async fn write_preparation(app: &TestApp) -> i64 {
    let admin = sign_in(app, ADMIN).await;
    let services: Vec<ServiceAdmin> = from_console(
        app,
        app.client.get(app.url("/api/console/services")),
        &admin,
    )
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let mut follow_up = services
        .into_iter()
        .find(|s| s.service.name_en == "Follow-up visit")
        .expect("the demo's follow-up visit");
    follow_up.service.preparation_en = PREPARATION_EN.into();
    follow_up.service.preparation_es = PREPARATION_ES.into();
    let url = app.url(&format!("/api/console/services/{}", follow_up.id));
    let response = from_console(app, app.client.put(url), &admin)
        .json(&follow_up.service)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let saved: ServiceAdmin = response.json().await.unwrap();
    // The console keeps the Markdown as written, so staff edit what they typed.
    assert_eq!(saved.service.preparation_en, PREPARATION_EN);
    follow_up.id
}

/// Nothing that can run: no script, no handler, no script link; the typed tags show as text.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for live in [
        "<script",
        "<img",
        "<svg",
        "onerror=",
        "onload=",
        "javascript:",
    ] {
        // Escaped text (`&lt;script&gt;`) is fine: it is what the staff member typed, shown.
        let hits = lower
            .match_indices(live)
            .filter(|(at, _)| !inside_escaped_tag(&lower, *at));
        assert_eq!(hits.count(), 0, "{live} is live in {html}");
    }
}

/// Whether `at` sits inside a tag that was escaped (`&lt;img src=x onerror=…&gt;`), which the
/// browser shows as text.
fn inside_escaped_tag(html: &str, at: usize) -> bool {
    let before = &html[..at];
    match (before.rfind("&lt;"), before.rfind('<')) {
        (Some(escaped), Some(real)) => escaped > real,
        (Some(_), None) => true,
        _ => false,
    }
}

#[tokio::test]
async fn patients_get_the_preparation_formatted_and_inert_in_both_languages() {
    let app = console_app().await;
    let service_id = write_preparation(&app).await;

    let clinic = app.clinic().await;
    let html = &clinic
        .services
        .iter()
        .find(|s| s.id == service_id)
        .unwrap()
        .preparation_html;
    assert!(
        html.contains("<li>your <strong>medication list</strong></li>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="/learn/demo/fasting" rel="noopener noreferrer">8 hours</a>"#),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;"),
        "typed tags show as text: {html}"
    );
    assert_inert(html);

    let spanish: Clinic = app
        .client
        .get(app.url("/api/clinics/demo?lang=es"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let html = &spanish
        .services
        .iter()
        .find(|s| s.id == service_id)
        .unwrap()
        .preparation_html;
    assert!(
        html.contains("<li>su <strong>lista de medicinas</strong></li>"),
        "{html}"
    );
    assert_inert(html);
}

#[tokio::test]
async fn the_visit_page_carries_the_formatted_preparation_and_the_calendar_its_plain_words() {
    let app = console_app().await;
    let service_id = write_preparation(&app).await;
    let monday_nine = Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap();
    let visit = app
        .book_ok(&request(service_id, None, monday_nine, "Prep Patient"))
        .await;

    let page: Appointment = app.appointment(&visit.token).await.json().await.unwrap();
    let html = &page.service.preparation_html;
    assert!(html.contains("<ul>"), "{html}");
    assert!(html.contains("<li>a photo ID</li>"), "{html}");
    assert_inert(html);

    let event = calendar_event(&app, &visit.token).await;
    let description = property(&event, "DESCRIPTION");
    // Compared without spaces: the calendar file folds long lines, and the parser's unfolding
    // may swallow the space at a fold.
    let words: String = description.split_whitespace().collect();
    assert!(
        words.contains("Pleasebring:yourmedicationlistaphotoIDNofood8hoursbefore."),
        "{description}"
    );
    for markup in ["**", "<li>", "<ul>", "](", "<p>"] {
        assert!(!description.contains(markup), "{markup} in {description}");
    }
}

/// The demo's video check-in sends patients from its preparation to the library's article on
/// getting ready, in their language, and that article is there.
#[tokio::test]
async fn the_demo_preparation_links_to_a_library_article_that_exists_in_each_language() {
    let app = spawn_app().await;
    for (lang, slug) in [
        ("en", "preparing-for-a-video-visit"),
        ("es", "prepararse-para-una-consulta-por-video"),
    ] {
        let clinic: Clinic = app
            .client
            .get(app.url(&format!("/api/clinics/demo?lang={lang}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let video = clinic
            .services
            .iter()
            .find(|s| s.kind == app::wire::ServiceKind::Telehealth)
            .expect("the demo's video check-in");
        let link = format!(r#"<a href="/learn/demo/{slug}" rel="noopener noreferrer">"#);
        assert!(
            video.preparation_html.contains(&link),
            "{lang}: {}",
            video.preparation_html
        );
        let article = app
            .client
            .get(app.url(&format!("/api/clinics/demo/articles/{slug}")))
            .send()
            .await
            .unwrap();
        assert_eq!(article.status(), StatusCode::OK, "{lang}: {slug}");
    }
}
