//! The console's waitlist: the list in serving order (any staff, audited), taking someone off
//! it (desk and admins), another clinic's entries out of reach, and the settings (admins).

use super::*;
use crate::console::{from_console, other_clinic_admin, sign_in, ADMIN, DESK, DOCTOR, PASSWORD};
use app::wire::waitlist::{ConsoleWaitlist, WaitlistSettings, WaitlistStatus};
use serde_json::json;

async fn console_scene() -> Scene {
    let app = spawn_app().await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    full_saturday(app).await
}

async fn call(
    scene: &Scene,
    cookie: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let app = &scene.app;
    let mut request = from_console(app, app.client.request(method, app.url(path)), cookie);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

async fn list(scene: &Scene, cookie: &str) -> ConsoleWaitlist {
    let response = call(
        scene,
        cookie,
        reqwest::Method::GET,
        "/api/console/waitlist",
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn audit_lines(scene: &Scene, action: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT record_id FROM audit_log WHERE record_type = 'waitlist_entry' AND action = $1
         ORDER BY id",
    )
    .bind(action)
    .fetch_all(&scene.app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn staff_see_the_list_in_serving_order_and_each_read_is_audited() {
    let scene = console_scene().await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    let gone = scene
        .join(&join_request(scene.physio, "Cy Diaz", "cy@example.org"))
        .await;
    scene.answer(&gone.token, "leave").await;
    scene.cancel(&scene.visits[0]).await;

    for who in [ADMIN, DESK, DOCTOR] {
        let cookie = sign_in(&scene.app, who).await;
        let waitlist = list(&scene, &cookie).await;
        let names: Vec<_> = waitlist
            .waiting
            .iter()
            .map(|e| e.patient_name.as_str())
            .collect();
        assert_eq!(names, ["Ana Ortiz", "Ben Cho"], "{who}");
        assert_eq!(waitlist.waiting[0].status, WaitlistStatus::Offered);
        assert!(waitlist.waiting[0].offer.is_some());
        assert_eq!(waitlist.waiting[0].service_name, "Physiotherapy session");
        assert_eq!(waitlist.recent.len(), 1);
        assert_eq!(waitlist.recent[0].status, WaitlistStatus::Left);
    }
    let reads = audit_lines(&scene, "view").await;
    assert_eq!(reads.len(), 3);
    assert!(reads
        .iter()
        .all(|ids| !ids.contains("Ortiz") && !ids.contains('@')));
    let _ = first;
}

#[tokio::test]
async fn desk_takes_someone_off_the_list_and_the_next_is_offered() {
    let scene = console_scene().await;
    let first = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let second = scene
        .join(&join_request(scene.physio, "Ben Cho", "ben@example.org"))
        .await;
    scene.cancel(&scene.visits[0]).await;
    let desk = sign_in(&scene.app, DESK).await;
    let id = list(&scene, &desk).await.waiting[0].id;

    let doctor = sign_in(&scene.app, DOCTOR).await;
    let path = format!("/api/console/waitlist/{id}");
    let refused = call(&scene, &doctor, reqwest::Method::DELETE, &path, None).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let other = other_clinic_admin(&scene.app).await;
    let hidden = call(&scene, &other, reqwest::Method::DELETE, &path, None).await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert!(list(&scene, &other).await.waiting.is_empty());
    for bad in ["/api/console/waitlist/abc", "/api/console/waitlist/999999"] {
        let response = call(&scene, &desk, reqwest::Method::DELETE, bad, None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }

    let removed = call(&scene, &desk, reqwest::Method::DELETE, &path, None).await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(scene.entry(&first.token).await.status, WaitlistStatus::Left);
    assert_eq!(
        scene.entry(&second.token).await.status,
        WaitlistStatus::Offered
    );
    assert_eq!(audit_lines(&scene, "remove").await, vec![id.to_string()]);
}

#[tokio::test]
async fn admins_set_how_long_times_are_held_and_entries_stay() {
    let scene = console_scene().await;
    let admin = sign_in(&scene.app, ADMIN).await;
    let desk = sign_in(&scene.app, DESK).await;
    let path = "/api/console/waitlist/settings";
    let shown = call(&scene, &desk, reqwest::Method::GET, path, None).await;
    assert_eq!(
        shown.json::<WaitlistSettings>().await.unwrap(),
        WaitlistSettings::default()
    );
    let change = json!({"hold_minutes": 30, "entry_days": 10});
    let refused = call(
        &scene,
        &desk,
        reqwest::Method::PUT,
        path,
        Some(change.clone()),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    for (body, field) in [
        (json!({"hold_minutes": 4, "entry_days": 10}), "hold_minutes"),
        (
            json!({"hold_minutes": 241, "entry_days": 10}),
            "hold_minutes",
        ),
        (json!({"hold_minutes": 30, "entry_days": 0}), "entry_days"),
        (json!({"hold_minutes": 30, "entry_days": 181}), "entry_days"),
    ] {
        let (status, error) =
            error_code(call(&scene, &admin, reqwest::Method::PUT, path, Some(body)).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"][field], "out_of_range");
    }
    let saved = call(&scene, &admin, reqwest::Method::PUT, path, Some(change)).await;
    assert_eq!(saved.status(), StatusCode::OK);

    // The next offer is held for 30 minutes; the next entry stays 10 days.
    let entry = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    assert_eq!(entry.expires_at, scene.app.now + chrono::Duration::days(10));
    scene.cancel(&scene.visits[0]).await;
    let offer = scene.entry(&entry.token).await.offer.unwrap();
    assert_eq!(
        offer.hold_until,
        scene.app.now + chrono::Duration::minutes(30)
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'update_waitlist'")
            .fetch_one(&scene.app.db.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}
