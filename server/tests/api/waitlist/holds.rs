//! A held time is in the database: nobody else can book it while the hold runs, and it is
//! free again once the hold runs out, the patient leaves, or their entry expires.

use super::*;
use app::wire::waitlist::WaitlistStatus;
use chrono::Duration;

fn saturday() -> chrono::NaiveDate {
    date(SATURDAY.0, SATURDAY.1, SATURDAY.2)
}

#[tokio::test]
async fn a_normal_booking_cannot_take_a_held_time_and_availability_hides_it() {
    let scene = full_saturday(spawn_app().await).await;
    let waiting = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let freed = &scene.visits[0];
    scene.cancel(freed).await;
    assert_eq!(
        scene.entry(&waiting.token).await.status,
        WaitlistStatus::Offered
    );

    let free = scene
        .app
        .free_slots_on(scene.physio, None, saturday())
        .await;
    assert!(
        free.iter().all(|slot| slot.start != freed.start),
        "{free:?}"
    );
    let racer = request(scene.physio, Some(scene.lee), freed.start, "Quick Booker");
    let (status, body) = error_code(scene.app.book(&racer).await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("slot_taken"))
    );
    // The database itself refuses it too, whatever the rule above says.
    let refused = sqlx::query("UPDATE appointments SET status = 'booked' WHERE token = $1")
        .bind(&freed.token)
        .execute(&scene.app.db.pool)
        .await;
    assert!(
        refused.is_err(),
        "a visit cannot be put back over a held time"
    );

    assert_eq!(
        scene.answer(&waiting.token, "take").await.status(),
        StatusCode::CREATED
    );
}

async fn lees_booked_visits(scene: &Scene) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND practitioner_id = $1",
    )
    .bind(scene.lee)
    .fetch_one(&scene.app.db.pool)
    .await
    .unwrap()
}

/// The holder taking the time while many patients try to book it normally, all at once: the
/// holder gets it, every other is told it is taken, and the day holds one visit at that time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_held_time_goes_to_its_patient_however_many_race_for_it() {
    let scene = full_saturday(spawn_app().await).await;
    let waiting = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let freed = scene.visits[0].clone();
    scene.cancel(&freed).await;
    assert_eq!(
        scene.entry(&waiting.token).await.status,
        WaitlistStatus::Offered
    );

    let before = lees_booked_visits(&scene).await;
    let racers = (0..8).map(|n| {
        let racer = request(
            scene.physio,
            Some(scene.lee),
            freed.start,
            &format!("Racer {n}"),
        );
        let app = &scene.app;
        async move { error_code(app.book(&racer).await).await }
    });
    let (taken, refusals) = tokio::join!(
        scene.answer(&waiting.token, "take"),
        futures::future::join_all(racers)
    );
    assert_eq!(taken.status(), StatusCode::CREATED);
    for (status, body) in refusals {
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::CONFLICT, Some("slot_taken"))
        );
    }
    assert_eq!(
        lees_booked_visits(&scene).await,
        before + 1,
        "one visit more: the holder's"
    );
}

#[tokio::test]
async fn an_expired_hold_releases_the_time_for_a_normal_booking() {
    let scene = full_saturday(spawn_app().await).await;
    let waiting = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let freed = &scene.visits[0];
    scene.cancel(freed).await;
    assert_eq!(
        scene.entry(&waiting.token).await.status,
        WaitlistStatus::Offered
    );

    // No sweep has run: the booking itself sees the hold ran out.
    scene.app.clock.advance(Duration::minutes(15));
    let free = scene
        .app
        .free_slots_on(scene.physio, None, saturday())
        .await;
    assert!(free.iter().any(|slot| slot.start == freed.start));
    assert_eq!(
        scene.entry(&waiting.token).await.status,
        WaitlistStatus::Waiting
    );
    let booker = request(scene.physio, Some(scene.lee), freed.start, "Later Booker");
    scene.app.book_ok(&booker).await;
    let (status, body) = error_code(scene.answer(&waiting.token, "take").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("offer_expired"))
    );
}

#[tokio::test]
async fn leaving_releases_the_held_time_to_the_next_patient() {
    let scene = full_saturday(spawn_app().await).await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let second = scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    scene.cancel(&scene.visits[0]).await;

    let response = scene.answer(&first.token, "leave").await;
    assert_eq!(response.status(), StatusCode::OK);
    let left: WaitlistEntry = response.json().await.unwrap();
    assert_eq!(left.status, WaitlistStatus::Left);
    assert!(left.offer.is_none());
    assert_eq!(
        scene.entry(&second.token).await.status,
        WaitlistStatus::Offered
    );
    // Leaving twice changes nothing; a left patient has nothing to take.
    assert_eq!(
        scene.answer(&first.token, "leave").await.status(),
        StatusCode::OK
    );
    let (status, body) = error_code(scene.answer(&first.token, "take").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("no_offer"))
    );

    scene.answer(&second.token, "leave").await;
    let free = scene
        .app
        .free_slots_on(scene.physio, None, saturday())
        .await;
    assert!(free.iter().any(|slot| slot.start == scene.visits[0].start));
}

#[tokio::test]
async fn entries_leave_the_list_when_the_clinics_waiting_period_ends() {
    let scene = full_saturday(spawn_app().await).await;
    sqlx::query("UPDATE clinics SET waitlist_entry_days = 1 WHERE slug = 'demo'")
        .execute(&scene.app.db.pool)
        .await
        .unwrap();
    let waiting = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    assert_eq!(waiting.expires_at, scene.app.now + Duration::days(1));

    scene.app.clock.advance(Duration::hours(25));
    scene.sweep().await;
    let expired = scene.entry(&waiting.token).await;
    assert_eq!(expired.status, WaitlistStatus::Expired);
    // Expired entries are offered nothing.
    scene.cancel(&scene.visits[0]).await;
    assert_eq!(
        scene.entry(&waiting.token).await.status,
        WaitlistStatus::Expired
    );
}
