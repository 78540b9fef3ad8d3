//! A cancelled visit's time goes to the first waiting patient, who takes it, lets it run out
//! or declines it; then the next patient is offered it.

use super::*;
use app::wire::waitlist::WaitlistStatus;
use chrono::Duration;

#[tokio::test]
async fn a_cancelled_time_is_offered_to_the_first_waiting_patient_who_books_it() {
    let scene = full_saturday(spawn_app().await).await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let second = scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    assert_eq!(first.status, WaitlistStatus::Waiting, "nothing is free yet");
    assert_eq!(second.status, WaitlistStatus::Waiting);

    let freed = &scene.visits[0];
    scene.cancel(freed).await;

    let offered = scene.entry(&first.token).await;
    assert_eq!(offered.status, WaitlistStatus::Offered);
    let offer = offered
        .offer
        .expect("the freed time is held for the first patient");
    assert_eq!(offer.start, freed.start);
    assert_eq!(offer.practitioner.id, scene.lee);
    assert_eq!(offer.hold_until, scene.app.now + Duration::minutes(15));
    assert_eq!(
        scene.entry(&second.token).await.status,
        WaitlistStatus::Waiting
    );
    assert_eq!(
        scene.messages(&first.token).await,
        vec![
            ("joined".to_string(), "email".to_string()),
            ("offer".to_string(), "email".to_string())
        ]
    );

    let response = scene.answer(&first.token, "take").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let visit: Appointment = response.json().await.unwrap();
    assert_eq!(visit.start, freed.start);
    assert_eq!(visit.patient.preferred_name, "Ana");
    // The visit page works, and the booking confirmation is queued like any booking's.
    assert_eq!(
        scene.app.appointment(&visit.token).await.status(),
        StatusCode::OK
    );
    let confirmations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox o JOIN appointments a ON a.id = o.appointment_id
         WHERE a.token = $1 AND o.kind = 'confirmation'",
    )
    .bind(&visit.token)
    .fetch_one(&scene.app.db.pool)
    .await
    .unwrap();
    assert!(confirmations >= 1);
    let booked = scene.entry(&first.token).await;
    assert_eq!(booked.status, WaitlistStatus::Booked);
    assert_eq!(
        booked.appointment_token.as_deref(),
        Some(visit.token.as_str())
    );
    // Taking twice books nothing more.
    let (status, body) = error_code(scene.answer(&first.token, "take").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("no_offer"))
    );
}

#[tokio::test]
async fn an_ignored_offer_runs_out_and_goes_to_the_next_patient() {
    let scene = full_saturday(spawn_app().await).await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let second = scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    let freed = &scene.visits[0];
    scene.cancel(freed).await;
    assert_eq!(
        scene.entry(&first.token).await.status,
        WaitlistStatus::Offered
    );

    scene.app.clock.advance(Duration::minutes(16));
    scene.sweep().await;

    let passed = scene.entry(&first.token).await;
    assert_eq!(passed.status, WaitlistStatus::Waiting, "still on the list");
    assert!(passed.offer.is_none());
    let next = scene.entry(&second.token).await;
    assert_eq!(next.status, WaitlistStatus::Offered);
    assert_eq!(next.offer.unwrap().start, freed.start);
    let (status, body) = error_code(scene.answer(&first.token, "take").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("offer_expired"))
    );
    assert_eq!(
        scene.answer(&second.token, "take").await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_declined_offer_goes_to_the_next_patient_and_never_back() {
    let scene = full_saturday(spawn_app().await).await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let second = scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    let freed = &scene.visits[0];
    scene.cancel(freed).await;

    let response = scene.answer(&first.token, "decline").await;
    assert_eq!(response.status(), StatusCode::OK);
    let declined: WaitlistEntry = response.json().await.unwrap();
    assert_eq!(declined.status, WaitlistStatus::Waiting);
    let next = scene.entry(&second.token).await;
    assert_eq!(next.offer.expect("offered next").start, freed.start);

    // Ben lets it go too: it is free for anyone, and not offered to Ana again.
    scene.answer(&second.token, "decline").await;
    scene.sweep().await;
    assert_eq!(
        scene.entry(&first.token).await.status,
        WaitlistStatus::Waiting
    );
    assert_eq!(
        scene.entry(&second.token).await.status,
        WaitlistStatus::Waiting
    );
    let saturday = date(SATURDAY.0, SATURDAY.1, SATURDAY.2);
    let free = scene
        .app
        .free_slots_on(scene.physio, Some(scene.lee), saturday)
        .await;
    assert!(free.iter().any(|slot| slot.start == freed.start));
    let (status, body) = error_code(scene.answer(&first.token, "decline").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("offer_expired"))
    );
}

#[tokio::test]
async fn an_offer_matches_the_weekday_part_of_day_and_practitioner_asked_for() {
    let scene = full_saturday(spawn_app().await).await;
    let mut afternoons = join_request(scene.physio, "Ana Ortiz", "ana@example.org");
    afternoons.parts_of_day = vec![app::wire::waitlist::PartOfDay::Afternoon];
    let afternoons = scene.join(&afternoons).await;
    let mut fridays = join_request(scene.physio, "Ben Cho", "ben@example.org");
    fridays.days = vec![4];
    let fridays = scene.join(&fridays).await;
    let mut with_lee = join_request(scene.physio, "Cy Diaz", "cy@example.org");
    with_lee.practitioner_id = Some(scene.lee);
    let with_lee = scene.join(&with_lee).await;

    scene.cancel(&scene.visits[0]).await;

    assert_eq!(
        scene.entry(&afternoons.token).await.status,
        WaitlistStatus::Waiting
    );
    assert_eq!(
        scene.entry(&fridays.token).await.status,
        WaitlistStatus::Waiting
    );
    assert_eq!(
        scene.entry(&with_lee.token).await.status,
        WaitlistStatus::Offered
    );
}
