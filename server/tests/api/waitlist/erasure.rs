//! Erasing a person takes them off the waitlist too: their entries lose name, contacts and
//! link, and a time held for them goes back to the others. Retention does the same to entries
//! that ended long ago.

use super::*;
use crate::console::{console_app, post, sign_in, ADMIN};
use app::wire::waitlist::WaitlistStatus;

/// Every name and contact still stored on the waitlist, one text to search.
async fn stored_waitlist_text(app: &TestApp) -> String {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT name || '|' || COALESCE(preferred_name, '') || '|' || COALESCE(email, '')
            || '|' || COALESCE(phone, '') FROM waitlist_entries ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    format!("{rows:?}")
}

#[tokio::test]
async fn erasing_a_patient_blanks_their_waitlist_entries_and_frees_what_was_held() {
    let scene = full_saturday(console_app().await).await;
    let app = &scene.app;
    // Ingrid is a patient (a visit booked with her e-mail, written differently) and waits for
    // an earlier physiotherapy time; Omar waits too.
    let follow_up = app.service_id("Follow-up visit").await;
    let slot = app
        .free_slots_on(follow_up, None, date(2026, 12, 3))
        .await
        .into_iter()
        .next()
        .expect("a free time on Thursday");
    let mut visit = request(
        follow_up,
        Some(slot.practitioner_id),
        slot.start,
        "Ingrid Erase",
    );
    visit.patient.email = Some("Ingrid.Erase@Example.org".into());
    app.book_ok(&visit).await;
    let ingrid = scene
        .join(&join_request(
            scene.physio,
            "Ingrid Erase",
            "ingrid.erase@example.org",
        ))
        .await;
    let omar = scene
        .join(&join_request(
            scene.physio,
            "Omar Other",
            "omar@example.org",
        ))
        .await;
    // A Saturday morning time frees up: Ingrid joined first, so it is held for her.
    scene.cancel(&scene.visits[0]).await;
    assert_eq!(
        scene.entry(&ingrid.token).await.status,
        WaitlistStatus::Offered
    );

    let patient: i64 = sqlx::query_scalar("SELECT id FROM patients WHERE email_key = $1")
        .bind("ingrid.erase@example.org")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let admin = sign_in(app, ADMIN).await;
    let erased = post(
        app,
        &admin,
        &format!("/api/console/patients/{patient}/erase"),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(erased.status(), StatusCode::OK);

    // Her link shows nothing any more, and nothing of her is stored on the waitlist.
    let gone = app
        .client
        .get(app.url(&format!("/api/waitlist/{}", ingrid.token)))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let stored = stored_waitlist_text(app).await;
    assert!(!stored.contains("Ingrid"), "{stored}");
    assert!(!stored.to_lowercase().contains("ingrid.erase"), "{stored}");
    assert!(stored.contains("Omar"), "others stay: {stored}");
    // The time held for her is free again: the next round offers it to Omar.
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM slot_holds h JOIN waitlist_entries e ON e.id = h.entry_id
         WHERE e.name = '' AND h.state = 'held'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(held, 0);
    scene.sweep().await;
    assert_eq!(
        scene.entry(&omar.token).await.status,
        WaitlistStatus::Offered
    );
}

#[tokio::test]
async fn retention_blanks_entries_that_ended_before_the_cutoff() {
    let scene = full_saturday(spawn_app().await).await;
    let left = scene
        .join(&join_request(scene.physio, "Lena Left", "lena@example.org"))
        .await;
    let waiting = scene
        .join(&join_request(
            scene.physio,
            "Wanda Waiting",
            "wanda@example.org",
        ))
        .await;
    let response = scene.answer(&left.token, "leave").await;
    assert_eq!(response.status(), StatusCode::OK);

    // 400 days on, retention of a year (cutoff: 35 days from now): Lena's entry ended before
    // it, and Wanda's ran out (30 days), so both go; an entry ending after the cutoff stays.
    let now = scene.app.clock.now();
    carebook::db::erasure::retention(&scene.app.db, 365, now + chrono::Duration::days(400))
        .await
        .unwrap();
    let stored = stored_waitlist_text(&scene.app).await;
    assert!(!stored.contains("Lena"), "{stored}");
    assert!(!stored.contains("Wanda"), "{stored}");

    let fresh = scene
        .join(&join_request(
            scene.physio,
            "Fiona Fresh",
            "fiona@example.org",
        ))
        .await;
    carebook::db::erasure::retention(&scene.app.db, 365, now + chrono::Duration::days(2))
        .await
        .unwrap();
    assert_eq!(scene.entry(&fresh.token).await.preferred_name, "Fiona");
    for gone in [&left.token, &waiting.token] {
        let response = scene
            .app
            .client
            .get(scene.app.url(&format!("/api/waitlist/{gone}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
