//! The clinic console's API: sign-in, sessions, throttling, roles, clinic walls, the day view,
//! and changes on the day recorded with who made them. Shared helpers here; tests by area.

mod articles;
mod audit;
mod authorization;
mod day;
mod erase;
mod follow_ups;
pub mod instructions;
mod kpis;
mod patients;
mod plain_language;
mod questions;
mod sessions;
mod setup;
mod staff;
mod week;

use crate::helpers::*;
use app::wire::console::StaffMe;
use chrono::{TimeZone, Utc};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{json, Value};

pub const PASSWORD: &str = "a long demo password";
pub const ADMIN: &str = "admin@demo.carebook.test";
pub const DESK: &str = "frontdesk@demo.carebook.test";
pub const DOCTOR: &str = "okafor@demo.carebook.test";

pub async fn console_app() -> TestApp {
    let app = spawn_app().await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    app
}

/// A request as the console page would send it: same origin, with the session cookie.
pub fn from_console(app: &TestApp, request: RequestBuilder, cookie: &str) -> RequestBuilder {
    request
        .header("origin", format!("http://{}", app.address))
        .header("cookie", cookie)
}

pub async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/console/sign-in"))
        .header("origin", format!("http://{}", app.address))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

/// Signs in and returns the `name=value` of the session cookie.
pub async fn sign_in(app: &TestApp, email: &str) -> String {
    let response = try_sign_in(app, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    set_cookie.split(';').next().unwrap().to_string()
}

pub async fn me(app: &TestApp, cookie: &str) -> reqwest::Response {
    from_console(app, app.client.get(app.url("/api/console/me")), cookie)
        .send()
        .await
        .unwrap()
}

pub async fn day(app: &TestApp, cookie: &str, date: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/console/day?date={date}"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

pub async fn post(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    from_console(app, app.client.post(app.url(path)), cookie)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A visit on Monday 7 December at 10:00 with Dr. Okafor, booked by a patient online.
pub async fn monday_visit(app: &TestApp) -> i64 {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap();
    let mut booking = request(service, Some(okafor), start, "Dana Whitfield");
    booking.patient.preferred_name = Some("Dee".into());
    booking.patient.access_needs = Some(app::wire::AccessNeeds {
        interpreter_language: Some("ASL".into()),
        mobility: Some("wheelchair".into()),
        other: None,
    });
    let visit = app.book_ok(&booking).await;
    sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

pub async fn me_of(app: &TestApp, cookie: &str) -> StaffMe {
    let response = me(app, cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub async fn app_token(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT token FROM appointments WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A second clinic on the same server, with an admin of its own; returns that admin's
/// session cookie. Its staff must see none of the demo clinic's records.
pub async fn other_clinic_admin(app: &TestApp) -> String {
    sqlx::query(
        "INSERT INTO clinics (slug, name, time_zone, address, phone) VALUES ('other', 'Other Clinic', 'America/Chicago', '1 Main St', '+1 312 555 0100')",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let account = carebook::demo::StaffAccount {
        clinic_slug: "other",
        email: "boss@other.test",
        name: "Other Boss",
        role: "admin",
        practitioner_code: None,
    };
    carebook::demo::create_staff(&app.db, &account, PASSWORD, app.now)
        .await
        .unwrap();
    sign_in(app, "boss@other.test").await
}
