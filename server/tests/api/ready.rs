//! `/api/health` (the process answers) and `/api/ready` (it can serve: the database answers
//! and has every migration this binary carries), as a load balancer or orchestrator sees them.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn probe(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.expect("probes answer JSON"))
}

#[tokio::test]
async fn a_migrated_server_is_alive_and_ready() {
    let app = spawn_app().await;
    let (status, body) = probe(&app, "/api/health").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("alive"))
    );
    let (status, body) = probe(&app, "/api/ready").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("ready"))
    );
}

#[tokio::test]
async fn a_missing_migration_makes_the_server_not_ready_but_still_alive() {
    let app = spawn_app().await;
    let latest: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1")
        .bind(latest)
        .execute(&app.db.pool)
        .await
        .unwrap();

    let (status, body) = probe(&app, "/api/ready").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "not_ready");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains(&latest.to_string()), "{message}");
    assert!(message.contains("carebook migrate"), "{message}");
    assert_eq!(probe(&app, "/api/health").await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_server_whose_database_is_gone_is_not_ready_but_still_alive() {
    let app = spawn_app().await;
    // The server shares this pool: closed, no query of its gets a connection any more.
    app.db.pool.close().await;

    let (status, body) = probe(&app, "/api/ready").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "not_ready");
    assert!(body["message"].as_str().unwrap().contains("database"));
    assert_eq!(probe(&app, "/api/health").await.0, StatusCode::OK);
}
