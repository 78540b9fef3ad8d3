//! Signing in and out, session expiry, throttling, same-origin writes.

use super::*;
use app::wire::console::StaffRole;
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn signing_in_gives_an_httponly_strict_session_cookie() {
    let app = console_app().await;
    let response = try_sign_in(&app, "  Admin@Demo.Carebook.Test ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("carebook_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let me: StaffMe = response.json().await.unwrap();
    assert_eq!(me.role, StaffRole::Admin);
    assert_eq!(me.clinic.slug, "demo");
    assert_eq!(me.idle_timeout_seconds, 15 * 60);

    let session = cookie.split(';').next().unwrap();
    assert_eq!(me_of(&app, session).await.email, ADMIN);
    let stored: Vec<String> = sqlx::query_scalar("SELECT id_hash FROM staff_sessions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert!(
        !stored.iter().any(|hash| session.ends_with(hash.as_str())),
        "only a hash of the id is stored"
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = console_app().await;
    let wrong_password = try_sign_in(&app, ADMIN, "not the password").await;
    let unknown = try_sign_in(&app, "nobody@demo.carebook.test", PASSWORD).await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (a, b): (Value, Value) = (
        wrong_password.json().await.unwrap(),
        unknown.json().await.unwrap(),
    );
    assert_eq!(a, b);
    assert_eq!(a["message"], "Wrong email or password.");
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let app = console_app().await;
    for _ in 0..5 {
        assert_eq!(
            try_sign_in(&app, DESK, "guess").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = try_sign_in(&app, DESK, PASSWORD).await;
    assert_eq!(
        locked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(
        try_sign_in(&app, ADMIN, PASSWORD).await.status(),
        StatusCode::OK,
        "other accounts are unaffected"
    );

    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sessions_end_after_fifteen_idle_minutes_or_twelve_hours() {
    let app = console_app().await;
    let cookie = sign_in(&app, DESK).await;
    app.clock.advance(Duration::minutes(14));
    assert_eq!(
        me(&app, &cookie).await.status(),
        StatusCode::OK,
        "activity keeps it alive"
    );
    app.clock.advance(Duration::minutes(14));
    assert_eq!(me(&app, &cookie).await.status(), StatusCode::OK);
    app.clock.advance(Duration::minutes(15));
    assert_eq!(
        me(&app, &cookie).await.status(),
        StatusCode::UNAUTHORIZED,
        "15 idle minutes"
    );

    let busy = sign_in(&app, DESK).await;
    for _ in 0..(12 * 60 / 10) {
        app.clock.advance(Duration::minutes(10));
        if me(&app, &busy).await.status() != StatusCode::OK {
            break;
        }
    }
    assert_eq!(
        me(&app, &busy).await.status(),
        StatusCode::UNAUTHORIZED,
        "12 hours at most"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = console_app().await;
    let cookie = sign_in(&app, ADMIN).await;
    assert_eq!(
        post(&app, &cookie, "/api/console/sign-out", json!({}))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(me(&app, &cookie).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn writes_from_another_site_are_refused() {
    let app = console_app().await;
    let cookie = sign_in(&app, DESK).await;
    let visit = monday_visit(&app).await;
    let path = format!("/api/console/appointments/{visit}/attendance");
    for origin in [Some("https://evil.example"), None] {
        let mut request = app
            .client
            .post(app.url(&path))
            .header("cookie", &cookie)
            .json(&json!({ "attendance": "arrived" }));
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{origin:?}");
    }
    let attendance: Option<String> =
        sqlx::query_scalar("SELECT attendance FROM appointments WHERE id = $1")
            .bind(visit)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(attendance, None);
}
