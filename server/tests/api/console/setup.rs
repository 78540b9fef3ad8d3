//! Setting up the clinic (admins): its rules as patients then meet them, services offered and
//! retired, practitioners with their hours and time off, and the booked visits a schedule
//! change leaves stranded (listed, never dropped).

use super::*;
use crate::helpers::*;
use app::wire::setup::{ClinicSettings, PractitionerAdmin, ScheduleChange, ServiceAdmin};
use app::wire::{AppointmentStatus, Language};
use chrono::{TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn send(
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

async fn get(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    send(app, cookie, Method::GET, path, None).await
}

async fn put(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    send(app, cookie, Method::PUT, path, Some(body)).await
}

async fn delete(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    send(app, cookie, Method::DELETE, path, None).await
}

/// The 422's `fields`, after checking it is one.
async fn refused_fields(response: reqwest::Response) -> Value {
    let (status, body) = error_code(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"], "validation");
    body["fields"].clone()
}

async fn settings_of(app: &TestApp, admin: &str) -> ClinicSettings {
    let response = get(app, admin, "/api/console/clinic").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn audit_count(app: &TestApp, action: &str, record_type: &str, record_id: i64) -> i64 {
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

fn service_draft(name_en: &str, name_es: &str, minutes: u32, practitioners: &[i64]) -> Value {
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

fn practitioner_draft(name: &str, services: &[i64]) -> Value {
    json!({
        "display_name": name, "pronouns": "she/her",
        "title_en": "Nurse practitioner", "title_es": "Enfermera practicante",
        "bio_en": "Vaccines and check-ups.", "bio_es": "Vacunas y controles.",
        "service_ids": services,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_admins_adding_a_service_of_one_name_at_once_both_get_it_with_codes_of_their_own() {
    let app = console_app().await;
    let first = sign_in(&app, ADMIN).await;
    let second = sign_in(&app, ADMIN).await;
    let draft = service_draft("Travel vaccines", "Vacunas de viaje", 15, &[]);
    let (a, b) = tokio::join!(
        post(&app, &first, "/api/console/services", draft.clone()),
        post(&app, &second, "/api/console/services", draft.clone()),
    );
    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    let mut codes: Vec<String> =
        sqlx::query_scalar("SELECT code FROM services WHERE name_en = 'Travel vaccines'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    codes.sort();
    assert_eq!(codes, ["travel-vaccines", "travel-vaccines-2"]);
}

/// Dr. Okafor's demo week: weekdays 09:00–12:30 and 13:30–17:00 (Friday to 16:00).
fn okafor_week() -> Vec<Value> {
    let mut blocks = Vec::new();
    for weekday in 0..5 {
        let afternoon_end = if weekday == 4 { "16:00" } else { "17:00" };
        blocks.push(json!({ "weekday": weekday, "start": "09:00", "end": "12:30" }));
        blocks.push(json!({ "weekday": weekday, "start": "13:30", "end": afternoon_end }));
    }
    blocks
}

async fn set_hours(
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

async fn visit_page(app: &TestApp, visit: i64) -> app::wire::Appointment {
    let response = app.appointment(&app_token(app, visit).await).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn an_admins_new_booking_rules_are_what_patients_then_meet() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = date(2026, 12, 7);
    assert!(
        !app.free_slots_on(follow_up, None, monday).await.is_empty(),
        "Monday is bookable under the demo's 60-day horizon"
    );

    let mut settings = settings_of(&app, &admin).await;
    assert_eq!(settings.time_zone, "America/New_York");
    assert_eq!(settings.languages, [Language::En, Language::Es]);
    assert_eq!(settings.horizon_days, 60);
    settings.horizon_days = 5;
    settings.late_cancel_hours = 48;
    settings.name = "  Riverside Health  ".into();
    settings.slot_step_minutes = None;
    let response = put(
        &app,
        &admin,
        "/api/console/clinic",
        serde_json::to_value(&settings).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: ClinicSettings = response.json().await.unwrap();
    assert_eq!(saved.name, "Riverside Health", "stored trimmed");
    assert_eq!(saved.horizon_days, 5);
    assert_eq!(settings_of(&app, &admin).await, saved);

    let clinic = app.clinic().await;
    assert_eq!(clinic.name, "Riverside Health");
    assert_eq!(clinic.horizon_days, 5);
    assert_eq!(clinic.late_cancel_hours, 48);
    // Five days from Tuesday noon ends on Sunday: Monday is now out of reach.
    let availability = app.availability(follow_up, None, monday, monday).await;
    assert!(availability.slots.is_empty());
    assert_eq!(availability.next_available, None);
    // Without a fixed step, 20-minute visits start every 20 minutes.
    let friday = app.free_slots_on(follow_up, None, date(2026, 12, 4)).await;
    let minutes: Vec<_> = friday
        .iter()
        .map(|s| s.local_time.clone())
        .take(3)
        .collect();
    assert_eq!(minutes, ["09:00", "09:20", "09:40"]);

    let clinic_id: i64 = sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'demo'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(audit_count(&app, "update", "clinic", clinic_id).await, 1);
}

#[tokio::test]
async fn bad_settings_are_refused_field_by_field_and_change_nothing() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let before = settings_of(&app, &admin).await;
    let mut bad = serde_json::to_value(&before).unwrap();
    bad["name"] = json!("   ");
    bad["time_zone"] = json!("America/Atlantis");
    bad["languages"] = json!([]);
    bad["late_cancel_hours"] = json!(169);
    bad["min_notice_minutes"] = json!(10_081);
    bad["horizon_days"] = json!(0);
    bad["slot_step_minutes"] = json!(7);
    let fields = refused_fields(put(&app, &admin, "/api/console/clinic", bad).await).await;
    assert_eq!(
        fields,
        json!({
            "name": "required", "time_zone": "unknown_zone", "languages": "required",
            "late_cancel_hours": "out_of_range", "min_notice_minutes": "out_of_range",
            "horizon_days": "out_of_range", "slot_step_minutes": "not_allowed",
        })
    );

    let mut twice = serde_json::to_value(&before).unwrap();
    twice["languages"] = json!(["es", "es"]);
    twice["horizon_days"] = json!(366);
    let fields = refused_fields(put(&app, &admin, "/api/console/clinic", twice).await).await;
    assert_eq!(
        fields,
        json!({ "languages": "duplicate", "horizon_days": "out_of_range" })
    );

    let mut unknown_language = serde_json::to_value(&before).unwrap();
    unknown_language["languages"] = json!(["fr"]);
    let response = put(&app, &admin, "/api/console/clinic", unknown_language).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(settings_of(&app, &admin).await, before, "nothing changed");
    assert_eq!(app.clinic().await.horizon_days, 60);
}

#[tokio::test]
async fn a_new_service_offered_by_a_practitioner_can_be_booked_by_patients() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let response = post(
        &app,
        &admin,
        "/api/console/services",
        service_draft(
            " Flu shot ",
            "Vacuna contra la gripe",
            15,
            &[okafor, okafor],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: ServiceAdmin = response.json().await.unwrap();
    assert!(!created.retired);
    assert_eq!(created.service.name_en, "Flu shot");
    assert_eq!(created.service.practitioner_ids, [okafor]);

    let clinic = app.clinic().await;
    let listed = clinic.services.iter().find(|s| s.id == created.id).unwrap();
    assert_eq!(listed.name, "Flu shot");
    assert_eq!(listed.duration_minutes, 15);
    let doctor = clinic
        .practitioners
        .iter()
        .find(|p| p.id == okafor)
        .unwrap();
    assert!(doctor.service_ids.contains(&created.id));
    let spanish: app::wire::Clinic = app
        .client
        .get(app.url("/api/clinics/demo?lang=es"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spanish
        .services
        .iter()
        .any(|s| s.name == "Vacuna contra la gripe"));

    let monday = app.free_slots_on(created.id, None, date(2026, 12, 7)).await;
    assert_eq!(monday.first().map(|s| s.local_time.as_str()), Some("09:00"));
    assert!(monday.iter().all(|s| s.practitioner_id == okafor));
    app.book_ok(&request(created.id, None, monday[0].start, "Flu Patient"))
        .await;

    // The internal code comes from the English name, made unique within the clinic.
    let again = post(
        &app,
        &admin,
        "/api/console/services",
        service_draft("Flu shot", "Vacuna", 10, &[]),
    )
    .await;
    let again: ServiceAdmin = again.json().await.unwrap();
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT code FROM services WHERE id IN ($1, $2) ORDER BY id")
            .bind(created.id)
            .bind(again.id)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(codes, ["flu-shot", "flu-shot-2"]);
    // Offered by no one, it is listed but has no times.
    assert!(app
        .free_slots_on(again.id, None, date(2026, 12, 7))
        .await
        .is_empty());

    let all: Vec<ServiceAdmin> = get(&app, &admin, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(audit_count(&app, "create", "service", created.id).await, 1);
}

#[tokio::test]
async fn editing_a_service_changes_what_patients_see_and_who_offers_it() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let response = put(
        &app,
        &admin,
        &format!("/api/console/services/{follow_up}"),
        service_draft("Check-up", "Control", 30, &[herrera]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: ServiceAdmin = response.json().await.unwrap();
    assert_eq!(saved.service.practitioner_ids, [herrera]);

    let clinic = app.clinic().await;
    let service = clinic.services.iter().find(|s| s.id == follow_up).unwrap();
    assert_eq!(
        (service.name.as_str(), service.duration_minutes),
        ("Check-up", 30)
    );
    let offering: Vec<_> = clinic
        .practitioners
        .iter()
        .filter(|p| p.service_ids.contains(&follow_up))
        .map(|p| p.id)
        .collect();
    assert_eq!(offering, [herrera], "Dr. Okafor no longer offers it");
    // Dr. Herrera is on leave until Saturday; Monday's times are his, 30 minutes long.
    let monday = app.free_slots_on(follow_up, None, date(2026, 12, 7)).await;
    assert!(!monday.is_empty() && monday.iter().all(|s| s.practitioner_id == herrera));
    assert_eq!(
        monday[0].end - monday[0].start,
        chrono::Duration::minutes(30)
    );
    assert_eq!(audit_count(&app, "update", "service", follow_up).await, 1);
}

#[tokio::test]
async fn service_drafts_are_checked_before_anything_is_saved() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let mut bad = service_draft("Flu shot", " ", 4, &[]);
    bad["buffer_after_minutes"] = json!(121);
    bad["description_en"] = json!("x".repeat(2001));
    let fields = refused_fields(post(&app, &admin, "/api/console/services", bad).await).await;
    assert_eq!(
        fields,
        json!({
            "name_es": "required", "duration_minutes": "out_of_range",
            "buffer_after_minutes": "out_of_range", "description_en": "too_long",
        })
    );
    let fields = refused_fields(
        post(
            &app,
            &admin,
            "/api/console/services",
            service_draft("Flu shot", "Vacuna", 480, &[999_999]),
        )
        .await,
    )
    .await;
    assert_eq!(
        fields,
        json!({ "practitioner_ids": "unknown_practitioner" })
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM services")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 4, "no service was added");
}

#[tokio::test]
async fn a_retired_service_disappears_for_patients_while_its_visits_stay() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let desk = sign_in(&app, DESK).await;
    let visit = monday_visit(&app).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let retire_path = format!("/api/console/services/{follow_up}/retire");

    let response = post(&app, &admin, &retire_path, json!({ "retired": true })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let retired: ServiceAdmin = response.json().await.unwrap();
    assert!(retired.retired);
    assert_eq!(audit_count(&app, "retire", "service", follow_up).await, 1);

    let clinic = app.clinic().await;
    assert!(clinic.services.iter().all(|s| s.id != follow_up));
    assert!(
        clinic
            .practitioners
            .iter()
            .all(|p| !p.service_ids.contains(&follow_up)),
        "no practitioner is shown offering it"
    );
    // Exactly as an unknown service: availability and booking both answer 404.
    let tuesday = date(2026, 12, 8);
    let (status, unknown) = error_code(
        app.availability_response(999_999, None, tuesday, tuesday)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = error_code(
        app.availability_response(follow_up, None, tuesday, tuesday)
            .await,
    )
    .await;
    assert_eq!((status, &body), (StatusCode::NOT_FOUND, &unknown));
    let tuesday_ten = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let online = app
        .book(&request(follow_up, Some(okafor), tuesday_ten, "Late Comer"))
        .await;
    assert_eq!(online.status(), StatusCode::NOT_FOUND);
    let by_phone =
        serde_json::to_value(request(follow_up, Some(okafor), tuesday_ten, "Caller")).unwrap();
    let by_phone_response = post(&app, &desk, "/api/console/appointments", by_phone.clone()).await;
    assert_eq!(by_phone_response.status(), StatusCode::NOT_FOUND);

    // The visit booked before stays: its page shows it, it can be cancelled, not moved.
    let page = visit_page(&app, visit).await;
    assert_eq!(page.status, AppointmentStatus::Booked);
    assert_eq!(page.service.name, "Follow-up visit");
    assert!(page.can_cancel);
    assert!(
        !page.can_reschedule,
        "no times are offered for a retired service"
    );
    let token = app_token(&app, visit).await;
    let moved = app
        .post_json(
            &format!("/api/appointments/{token}/reschedule"),
            &json!({ "start": tuesday_ten }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::NOT_FOUND);
    assert_eq!(visit_page(&app, visit).await.start, page.start, "not moved");
    let admin_list: Vec<ServiceAdmin> = get(&app, &admin, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    let listed = admin_list.iter().find(|s| s.id == follow_up).unwrap();
    assert!(listed.retired, "admins still see it, marked retired");
    assert_eq!(
        listed.service.practitioner_ids.len(),
        2,
        "who offered it is kept for offering it again"
    );

    let response = post(&app, &admin, &retire_path, json!({ "retired": false })).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!response.json::<ServiceAdmin>().await.unwrap().retired);
    let clinic = app.clinic().await;
    assert!(clinic.services.iter().any(|s| s.id == follow_up));
    let doctor = clinic
        .practitioners
        .iter()
        .find(|p| p.id == okafor)
        .unwrap();
    assert!(doctor.service_ids.contains(&follow_up));
    assert!(visit_page(&app, visit).await.can_reschedule);
    let by_phone_response = post(&app, &desk, "/api/console/appointments", by_phone).await;
    assert_eq!(by_phone_response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn cutting_hours_under_a_booked_visit_lists_it_as_stranded_and_keeps_it_booked() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let visit = monday_visit(&app).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let unchanged = set_hours(&app, &admin, okafor, okafor_week()).await;
    assert!(
        unchanged.stranded.is_empty(),
        "the demo visits all fit her week"
    );
    assert_eq!(
        audit_count(&app, "view", "stranded_visits", okafor).await,
        0
    );

    // Mondays become afternoons only.
    let week: Vec<Value> = okafor_week()
        .into_iter()
        .filter(|b| !(b["weekday"] == 0 && b["start"] == "09:00"))
        .collect();
    let change = set_hours(&app, &admin, okafor, week).await;
    assert_eq!(change.stranded.len(), 1, "{:?}", change.stranded);
    let stranded = &change.stranded[0];
    assert_eq!(stranded.appointment_id, visit);
    assert_eq!(stranded.reason, "outside_hours");
    assert_eq!(stranded.local_start, "2026-12-07T10:00");
    assert_eq!(
        stranded.patient_name, "Dee",
        "the name the patient asked to be called"
    );
    assert_eq!(stranded.service_name, "Follow-up visit");
    assert_eq!(
        stranded.start,
        Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap()
    );
    let monday_hours: Vec<_> = change
        .practitioner
        .hours
        .iter()
        .filter(|b| b.weekday == 0)
        .map(|b| (b.start.as_str(), b.end.as_str()))
        .collect();
    assert_eq!(monday_hours, [("13:30", "17:00")]);

    // Nothing was dropped: the patient's page still says booked.
    assert_eq!(
        visit_page(&app, visit).await.status,
        AppointmentStatus::Booked
    );
    // Patients are no longer offered her Monday mornings.
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = app
        .free_slots_on(follow_up, Some(okafor), date(2026, 12, 7))
        .await;
    assert_eq!(monday.first().map(|s| s.local_time.as_str()), Some("13:30"));

    // Opening her page lists it again, and each listing is audited by her id, never by name.
    let shown: ScheduleChange = get(
        &app,
        &admin,
        &format!("/api/console/practitioners/{okafor}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(shown.stranded, change.stranded);
    assert_eq!(
        audit_count(&app, "view", "stranded_visits", okafor).await,
        2
    );
    assert_eq!(audit_count(&app, "update", "practitioner", okafor).await, 2);
    let named: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE lower(record_id) LIKE '%dee%'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(named, 0);

    // Once the visit is cancelled it is no longer anyone's concern.
    let token = app_token(&app, visit).await;
    let cancelled = app
        .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let shown: ScheduleChange = get(
        &app,
        &admin,
        &format!("/api/console/practitioners/{okafor}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(shown.stranded.is_empty());
}

#[tokio::test]
async fn time_off_over_a_visit_lists_it_until_the_time_off_is_deleted() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let visit = monday_visit(&app).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let path = format!("/api/console/practitioners/{okafor}/time-off");

    let response = post(
        &app,
        &admin,
        &path,
        json!({ "starts": "2026-12-07T08:00", "ends": "2026-12-07T12:00", "note": " Dentist " }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let change: ScheduleChange = response.json().await.unwrap();
    let reasons: Vec<_> = change
        .stranded
        .iter()
        .map(|s| (s.appointment_id, s.reason.as_str()))
        .collect();
    assert_eq!(reasons, [(visit, "time_off")]);
    let off = &change.practitioner.time_off;
    assert_eq!(off.len(), 1);
    assert_eq!(
        (
            off[0].starts.as_str(),
            off[0].ends.as_str(),
            off[0].note.as_deref()
        ),
        ("2026-12-07T08:00", "2026-12-07T12:00", Some("Dentist"))
    );
    let stored: (i64, i64) =
        sqlx::query_as("SELECT starts_at, ends_at FROM time_off WHERE id = $1")
            .bind(off[0].id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        (
            Utc.with_ymd_and_hms(2026, 12, 7, 13, 0, 0)
                .unwrap()
                .timestamp(),
            Utc.with_ymd_and_hms(2026, 12, 7, 17, 0, 0)
                .unwrap()
                .timestamp()
        ),
        "read in the clinic's zone"
    );
    assert_eq!(
        visit_page(&app, visit).await.status,
        AppointmentStatus::Booked
    );
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = app
        .free_slots_on(follow_up, Some(okafor), date(2026, 12, 7))
        .await;
    assert!(monday.iter().all(|s| s.local_time.as_str() >= "12:00"));

    let response = delete(&app, &admin, &format!("{path}/{}", off[0].id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let change: ScheduleChange = response.json().await.unwrap();
    assert!(change.stranded.is_empty());
    assert!(change.practitioner.time_off.is_empty());
    assert_eq!(
        audit_count(&app, "time_off", "practitioner", okafor).await,
        2
    );
    assert_eq!(
        delete(&app, &admin, &format!("{path}/{}", off[0].id))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "already gone"
    );
}

#[tokio::test]
async fn overlapping_hours_and_bad_time_off_are_refused_and_change_nothing() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let hours = format!("/api/console/practitioners/{okafor}/hours");
    let page = format!("/api/console/practitioners/{okafor}");
    let before: ScheduleChange = get(&app, &admin, &page).await.json().await.unwrap();

    let overlapping = json!({ "blocks": [
        { "weekday": 0, "start": "09:00", "end": "12:30" },
        { "weekday": 0, "start": "12:00", "end": "17:00" },
    ]});
    let fields = refused_fields(put(&app, &admin, &hours, overlapping).await).await;
    assert_eq!(fields, json!({ "blocks": "overlapping" }));
    for (block, reason) in [
        (
            json!({ "weekday": 0, "start": "9am", "end": "12:00" }),
            "invalid_time",
        ),
        (
            json!({ "weekday": 0, "start": "09:00", "end": "24:30" }),
            "invalid_time",
        ),
        (
            json!({ "weekday": 0, "start": "14:00", "end": "09:00" }),
            "end_before_start",
        ),
        (
            json!({ "weekday": 7, "start": "09:00", "end": "12:00" }),
            "invalid_weekday",
        ),
    ] {
        let fields =
            refused_fields(put(&app, &admin, &hours, json!({ "blocks": [block] })).await).await;
        assert_eq!(fields, json!({ "blocks": reason }));
    }

    let time_off = format!("/api/console/practitioners/{okafor}/time-off");
    for (body, expected) in [
        (
            json!({ "starts": "2026-12-07T12:00", "ends": "2026-12-07T08:00", "note": null }),
            json!({ "ends": "end_before_start" }),
        ),
        (
            json!({ "starts": "2026-12-07T08:00", "ends": "2027-12-09T08:00", "note": null }),
            json!({ "ends": "too_long" }),
        ),
        (
            json!({ "starts": "next monday", "ends": "2026-12-07T08:00", "note": "x".repeat(501) }),
            json!({ "starts": "invalid", "note": "too_long" }),
        ),
        (
            json!({ "starts": "2026-11-02T08:00", "ends": "2026-11-03T08:00", "note": null }),
            json!({ "ends": "in_past" }),
        ),
    ] {
        let fields = refused_fields(post(&app, &admin, &time_off, body).await).await;
        assert_eq!(fields, expected);
    }

    let after: ScheduleChange = get(&app, &admin, &page).await.json().await.unwrap();
    assert_eq!(after, before, "nothing changed");
}

#[tokio::test]
async fn a_new_practitioner_is_bookable_once_given_hours() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;

    let response = post(
        &app,
        &admin,
        "/api/console/practitioners",
        practitioner_draft("Dr. Rosa Díaz", &[follow_up]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: PractitionerAdmin = response.json().await.unwrap();
    assert!(created.hours.is_empty() && created.time_off.is_empty());
    assert_eq!(created.practitioner.service_ids, [follow_up]);

    let clinic = app.clinic().await;
    let listed = clinic
        .practitioners
        .iter()
        .find(|p| p.id == created.id)
        .unwrap();
    assert_eq!(listed.initials, "RD");
    assert_eq!(listed.pronouns.as_deref(), Some("she/her"));
    let monday = date(2026, 12, 7);
    assert!(app
        .free_slots_on(follow_up, Some(created.id), monday)
        .await
        .is_empty());

    let change = set_hours(
        &app,
        &admin,
        created.id,
        vec![json!({ "weekday": 0, "start": "08:00", "end": "10:00" })],
    )
    .await;
    assert!(change.stranded.is_empty());
    let slots = app.free_slots_on(follow_up, Some(created.id), monday).await;
    assert_eq!(slots.first().map(|s| s.local_time.as_str()), Some("08:00"));
    assert_eq!(slots.last().map(|s| s.local_time.as_str()), Some("09:30"));

    // Renamed, the initials follow; an unknown service is refused.
    let renamed = put(
        &app,
        &admin,
        &format!("/api/console/practitioners/{}", created.id),
        practitioner_draft("Rosa Díaz Ortega", &[]),
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let clinic = app.clinic().await;
    let listed = clinic
        .practitioners
        .iter()
        .find(|p| p.id == created.id)
        .unwrap();
    assert_eq!(
        (listed.display_name.as_str(), listed.initials.as_str()),
        ("Rosa Díaz Ortega", "RO")
    );
    assert!(listed.service_ids.is_empty());
    let fields = refused_fields(
        put(
            &app,
            &admin,
            &format!("/api/console/practitioners/{}", created.id),
            practitioner_draft("Rosa Díaz", &[999_999]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "service_ids": "unknown_service" }));
    let fields = refused_fields(
        post(
            &app,
            &admin,
            "/api/console/practitioners",
            practitioner_draft(" ", &[]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "display_name": "required" }));
    assert_eq!(
        audit_count(&app, "create", "practitioner", created.id).await,
        1
    );
}

/// Every set-up route, with bodies that an admin may send.
fn set_up_routes(
    service: i64,
    practitioner: i64,
    time_off: i64,
) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, "/api/console/clinic".into(), None),
        (Method::PUT, "/api/console/clinic".into(), Some(json!({}))),
        (Method::GET, "/api/console/services".into(), None),
        (
            Method::POST,
            "/api/console/services".into(),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::PUT,
            format!("/api/console/services/{service}"),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::POST,
            format!("/api/console/services/{service}/retire"),
            Some(json!({ "retired": true })),
        ),
        (Method::GET, "/api/console/practitioners".into(), None),
        (
            Method::POST,
            "/api/console/practitioners".into(),
            Some(practitioner_draft("Dr. X", &[])),
        ),
        (
            Method::GET,
            format!("/api/console/practitioners/{practitioner}"),
            None,
        ),
        (
            Method::PUT,
            format!("/api/console/practitioners/{practitioner}"),
            Some(practitioner_draft("Dr. X", &[])),
        ),
        (
            Method::PUT,
            format!("/api/console/practitioners/{practitioner}/hours"),
            Some(json!({ "blocks": [] })),
        ),
        (
            Method::POST,
            format!("/api/console/practitioners/{practitioner}/time-off"),
            Some(json!({ "starts": "2027-01-15T09:00", "ends": "2027-01-15T12:00", "note": null })),
        ),
        (
            Method::DELETE,
            format!("/api/console/practitioners/{practitioner}/time-off/{time_off}"),
            None,
        ),
    ]
}

async fn herreras_leave(app: &TestApp, herrera: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM time_off WHERE practitioner_id = $1")
        .bind(herrera)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn front_desk_and_practitioners_cannot_set_up_the_clinic() {
    let app = console_app().await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let service = app.service_id("Follow-up visit").await;
    let leave = herreras_leave(&app, herrera).await;
    for email in [DESK, DOCTOR] {
        let cookie = sign_in(&app, email).await;
        for (method, path, body) in set_up_routes(service, herrera, leave) {
            let status = send(&app, &cookie, method.clone(), &path, body)
                .await
                .status();
            assert_eq!(status, StatusCode::FORBIDDEN, "{email}: {method} {path}");
        }
    }
    assert_eq!(
        herreras_leave(&app, herrera).await,
        leave,
        "the leave is still there"
    );
}

#[tokio::test]
async fn another_clinics_admin_cannot_reach_this_clinics_set_up() {
    let app = console_app().await;
    let outsider = other_clinic_admin(&app).await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let service = app.service_id("Follow-up visit").await;
    let leave = herreras_leave(&app, herrera).await;
    for (method, path, body) in set_up_routes(service, herrera, leave) {
        if !path.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let status = send(&app, &outsider, method.clone(), &path, body)
            .await
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // Their own lists hold none of ours, and their settings are their own.
    let services: Vec<ServiceAdmin> = get(&app, &outsider, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    assert!(services.is_empty());
    let theirs = settings_of(&app, &outsider).await;
    assert_eq!(theirs.name, "Other Clinic");

    // Their own practitioner cannot reach our time off, nor offer our service.
    let response = post(
        &app,
        &outsider,
        "/api/console/practitioners",
        practitioner_draft("Dr. Other", &[]),
    )
    .await;
    let their_doctor: PractitionerAdmin = response.json().await.unwrap();
    let path = format!(
        "/api/console/practitioners/{}/time-off/{leave}",
        their_doctor.id
    );
    assert_eq!(
        delete(&app, &outsider, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    let fields = refused_fields(
        put(
            &app,
            &outsider,
            &format!("/api/console/practitioners/{}", their_doctor.id),
            practitioner_draft("Dr. Other", &[service]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "service_ids": "unknown_service" }));
    let fields = refused_fields(
        post(
            &app,
            &outsider,
            "/api/console/services",
            service_draft("A", "B", 15, &[herrera]),
        )
        .await,
    )
    .await;
    assert_eq!(
        fields,
        json!({ "practitioner_ids": "unknown_practitioner" })
    );

    assert_eq!(herreras_leave(&app, herrera).await, leave);
    assert!(
        app.clinic().await.services.iter().any(|s| s.id == service),
        "still offered"
    );
}

#[tokio::test]
async fn ids_that_are_not_numbers_are_not_found() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    for (method, path, body) in [
        (
            Method::GET,
            "/api/console/practitioners/okafor".to_string(),
            None,
        ),
        (
            Method::PUT,
            "/api/console/services/1e3".to_string(),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::POST,
            "/api/console/services/%20/retire".to_string(),
            Some(json!({ "retired": true })),
        ),
        (
            Method::PUT,
            "/api/console/practitioners/9999999999999999999999/hours".to_string(),
            Some(json!({ "blocks": [] })),
        ),
        (
            Method::DELETE,
            format!("/api/console/practitioners/{okafor}/time-off/last"),
            None,
        ),
    ] {
        let (status, body) =
            error_code(send(&app, &admin, method.clone(), &path, body).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {body}");
        assert_eq!(body["error"], "not_found");
    }
}

#[tokio::test]
async fn a_clinic_that_writes_only_in_english_is_not_booked_in_spanish() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let mut settings = settings_of(&app, &admin).await;
    settings.languages = vec![Language::En];
    let response = put(
        &app,
        &admin,
        "/api/console/clinic",
        serde_json::to_value(&settings).unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let clinic = app.clinic().await;
    assert_eq!(clinic.languages, [Language::En], "patients are told");
    assert_eq!(clinic.language_for(Language::Es), Language::En);

    let follow_up = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(follow_up, None, date(2026, 12, 7)).await[0].clone();
    let mut spanish = request(follow_up, None, slot.start, "Lucía Ortega");
    spanish.patient.language = Language::Es;
    let (status, body) = error_code(app.book(&spanish).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["patient.language"], "not_offered");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let mut english = spanish.clone();
    english.patient.language = Language::En;
    app.book_ok(&english).await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after, count + 1, "the refused booking changed nothing");
}
