//! Setting up the clinic (admins): its rules as patients then meet them, services offered and
//! retired, practitioners with their hours and time off, and the booked visits a schedule
//! change leaves stranded (listed, never dropped).

mod access;
mod clinic;
mod practitioners;
mod services;

use super::*;
use crate::helpers::*;
use app::wire::setup::{ClinicSettings, PractitionerAdmin, ScheduleChange, ServiceAdmin};
use app::wire::{AppointmentStatus, Language};
use chrono::{TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub(super) async fn send(
    app: &TestApp,
    cookie: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = from_console(app, app.client.request(method, app.url(path)), cookie);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

pub(super) async fn get(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    send(app, cookie, Method::GET, path, None).await
}

pub(super) async fn put(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    send(app, cookie, Method::PUT, path, Some(body)).await
}

pub(super) async fn delete(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    send(app, cookie, Method::DELETE, path, None).await
}

/// The 422's `fields`, after checking it is one.
pub(super) async fn refused_fields(response: reqwest::Response) -> Value {
    let (status, body) = error_code(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"], "validation");
    body["fields"].clone()
}

pub(super) async fn settings_of(app: &TestApp, admin: &str) -> ClinicSettings {
    let response = get(app, admin, "/api/console/clinic").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub(super) async fn audit_count(
    app: &TestApp,
    action: &str,
    record_type: &str,
    record_id: i64,
) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND record_type = $2 AND record_id = $3",
    )
    .bind(action)
    .bind(record_type)
    .bind(record_id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

pub(super) fn service_draft(
    name_en: &str,
    name_es: &str,
    minutes: u32,
    practitioners: &[i64],
) -> Value {
    json!({
        "name_en": name_en, "name_es": name_es,
        "description_en": "A quick shot in the arm.", "description_es": "Una inyección rápida.",
        "what_to_expect_en": "A nurse gives the shot.", "what_to_expect_es": "Una enfermera la pone.",
        "cost_note_en": "Free with most plans.", "cost_note_es": "Gratis con la mayoría de los seguros.",
        "preparation_en": "Wear short sleeves.", "preparation_es": "Use manga corta.",
        "duration_minutes": minutes, "buffer_before_minutes": 0, "buffer_after_minutes": 5,
        "kind": "in_person", "practitioner_ids": practitioners,
    })
}

pub(super) fn practitioner_draft(name: &str, services: &[i64]) -> Value {
    json!({
        "display_name": name, "pronouns": "she/her",
        "title_en": "Nurse practitioner", "title_es": "Enfermera practicante",
        "bio_en": "Vaccines and check-ups.", "bio_es": "Vacunas y controles.",
        "service_ids": services,
    })
}

/// Dr. Okafor's demo week: weekdays 09:00–12:30 and 13:30–17:00 (Friday to 16:00).
pub(super) fn okafor_week() -> Vec<Value> {
    let mut blocks = Vec::new();
    for weekday in 0..5 {
        let afternoon_end = if weekday == 4 { "16:00" } else { "17:00" };
        blocks.push(json!({ "weekday": weekday, "start": "09:00", "end": "12:30" }));
        blocks.push(json!({ "weekday": weekday, "start": "13:30", "end": afternoon_end }));
    }
    blocks
}

pub(super) async fn set_hours(
    app: &TestApp,
    admin: &str,
    practitioner: i64,
    blocks: Vec<Value>,
) -> ScheduleChange {
    let response = put(
        app,
        admin,
        &format!("/api/console/practitioners/{practitioner}/hours"),
        json!({ "blocks": blocks }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub(super) async fn visit_page(app: &TestApp, visit: i64) -> app::wire::Appointment {
    let response = app.appointment(&app_token(app, visit).await).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}
