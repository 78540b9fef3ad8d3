//! The clinic console's API: sign-in, sessions, throttling, roles, clinic walls, the day view,
//! and changes on the day recorded with who made them.

use crate::helpers::*;
use app::wire::console::{DaySchedule, StaffMe, StaffRole};
use chrono::{Duration, TimeZone, Utc};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{json, Value};

const PASSWORD: &str = "a long demo password";
const ADMIN: &str = "admin@demo.carebook.test";
const DESK: &str = "frontdesk@demo.carebook.test";
const DOCTOR: &str = "okafor@demo.carebook.test";

async fn console_app() -> TestApp {
    let app = spawn_app().await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    app
}

/// A request as the console page would send it: same origin, with the session cookie.
fn from_console(app: &TestApp, request: RequestBuilder, cookie: &str) -> RequestBuilder {
    request
        .header("origin", format!("http://{}", app.address))
        .header("cookie", cookie)
}

async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/console/sign-in"))
        .header("origin", format!("http://{}", app.address))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

/// Signs in and returns the `name=value` of the session cookie.
async fn sign_in(app: &TestApp, email: &str) -> String {
    let response = try_sign_in(app, email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    set_cookie.split(';').next().unwrap().to_string()
}

async fn me(app: &TestApp, cookie: &str) -> reqwest::Response {
    from_console(app, app.client.get(app.url("/api/console/me")), cookie)
        .send()
        .await
        .unwrap()
}

async fn day(app: &TestApp, cookie: &str, date: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/console/day?date={date}"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

async fn post(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    from_console(app, app.client.post(app.url(path)), cookie)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A visit on Monday 7 December at 10:00 with Dr. Okafor, booked by a patient online.
async fn monday_visit(app: &TestApp) -> i64 {
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
    sqlx::query_scalar("SELECT id FROM appointments WHERE token = ?")
        .bind(visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

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

async fn me_of(app: &TestApp, cookie: &str) -> StaffMe {
    let response = me(app, cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
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
        sqlx::query_scalar("SELECT attendance FROM appointments WHERE id = ?")
            .bind(visit)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(attendance, None);
}

#[tokio::test]
async fn the_day_view_shows_who_is_coming_and_what_they_need() {
    let app = console_app().await;
    monday_visit(&app).await;
    let cookie = sign_in(&app, DESK).await;

    let response = day(&app, &cookie, "2026-12-07").await;
    assert_eq!(response.status(), StatusCode::OK);
    let schedule: DaySchedule = response.json().await.unwrap();
    assert_eq!(
        schedule.practitioners.len(),
        3,
        "front desk sees every practitioner"
    );
    let okafor = schedule
        .practitioners
        .iter()
        .find(|p| p.display_name == "Dr. Amara Okafor")
        .unwrap();
    let line = &okafor.appointments[0];
    assert_eq!(line.local_time, "10:00");
    assert_eq!(line.patient_name, "Dee");
    assert_eq!(line.service_name, "Follow-up visit");
    assert_eq!(line.interpreter_language.as_deref(), Some("ASL"));
    assert_eq!(line.access_needs.as_deref(), Some("wheelchair"));

    let today: DaySchedule = day(&app, &cookie, "").await.json().await.unwrap();
    assert_eq!(
        today.date,
        date(2026, 12, 1),
        "today in the clinic's zone by default"
    );
    assert_eq!(
        day(&app, &cookie, "someday").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'view' AND record_type = 'day_schedule'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2, "every read of the schedule is audited");
}

#[tokio::test]
async fn a_practitioner_sees_only_their_own_schedule() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let schedule: DaySchedule = day(&app, &doctor, "2026-12-07").await.json().await.unwrap();
    assert_eq!(schedule.practitioners.len(), 1);
    assert_eq!(schedule.practitioners[0].display_name, "Dr. Amara Okafor");
    let marked = post(
        &app,
        &doctor,
        &format!("/api/console/appointments/{visit}/attendance"),
        json!({ "attendance": "arrived" }),
    )
    .await;
    assert_eq!(marked.status(), StatusCode::OK);
}

#[tokio::test]
async fn arrived_then_completed_and_no_show_are_recorded_with_who_and_when() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/appointments/{visit}/attendance");
    for status in ["arrived", "completed"] {
        let response = post(&app, &desk, &path, json!({ "attendance": status })).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let schedule: DaySchedule = day(&app, &desk, "2026-12-07").await.json().await.unwrap();
    let okafor = schedule
        .practitioners
        .iter()
        .find(|p| p.display_name == "Dr. Amara Okafor")
        .unwrap();
    assert_eq!(
        okafor.appointments[0].attendance,
        Some(app::wire::console::Attendance::Completed)
    );

    let events: Vec<(String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT action, staff_id, at FROM appointment_events WHERE appointment_id = ? ORDER BY id",
    )
    .bind(visit)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let desk_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email = ?")
        .bind(DESK)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        events.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(),
        ["booked", "arrived", "completed"]
    );
    assert_eq!(events[0].1, None, "the patient booked it online");
    assert!(events[1..]
        .iter()
        .all(|e| e.1 == Some(desk_id) && e.2 == app.now.timestamp()));

    let no_show = post(&app, &desk, &path, json!({ "attendance": "no_show" })).await;
    assert_eq!(no_show.status(), StatusCode::OK);
    let bad = post(&app, &desk, &path, json!({ "attendance": "vanished" })).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn front_desk_cancels_for_the_patient_with_a_reason_even_inside_the_window() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(service, None, date(2026, 12, 1)).await[0].clone();
    let visit = app
        .book_ok(&request(
            service,
            Some(slot.practitioner_id),
            slot.start,
            "Late Caller",
        ))
        .await;
    assert!(!visit.can_cancel, "too late for the patient online");
    let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = ?")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/appointments/{id}/cancel");

    assert_eq!(
        post(&app, &desk, &path, json!({ "reason": " " }))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        post(
            &app,
            &desk,
            &path,
            json!({ "reason": "Patient called: sick child" })
        )
        .await
        .status(),
        StatusCode::OK
    );

    let page: app::wire::Appointment = app.appointment(&visit.token).await.json().await.unwrap();
    assert_eq!(page.status, app::wire::AppointmentStatus::Cancelled);
    let doctor = sign_in(&app, DOCTOR).await;
    assert_eq!(
        post(&app, &doctor, &path, json!({ "reason": "x" }))
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "practitioners do not cancel for patients"
    );
}

#[tokio::test]
async fn another_clinics_staff_get_404_for_this_clinics_records() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
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
    let outsider = sign_in(&app, "boss@other.test").await;

    for (path, body) in [
        (
            format!("/api/console/appointments/{visit}/attendance"),
            json!({ "attendance": "arrived" }),
        ),
        (
            format!("/api/console/appointments/{visit}/cancel"),
            json!({ "reason": "prank" }),
        ),
        (
            "/api/console/appointments/99999/attendance".to_string(),
            json!({ "attendance": "arrived" }),
        ),
        (
            "/api/console/appointments/not-a-number/cancel".to_string(),
            json!({ "reason": "x" }),
        ),
    ] {
        let response = post(&app, &outsider, &path, body).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let schedule: DaySchedule = day(&app, &outsider, "2026-12-07")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        schedule.practitioners.is_empty(),
        "their own clinic has no practitioners yet"
    );
    let page: app::wire::Appointment = app
        .appointment(&app_token(&app, visit).await)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page.status,
        app::wire::AppointmentStatus::Booked,
        "nothing changed"
    );
}

async fn app_token(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT token FROM appointments WHERE id = ?")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_audit_log_cannot_be_rewritten() {
    let app = console_app().await;
    let cookie = sign_in(&app, ADMIN).await;
    day(&app, &cookie, "2026-12-07").await;
    assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(&app.db.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&app.db.pool)
        .await
        .is_err());
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn console_routes_need_a_session() {
    let app = console_app().await;
    for path in ["/api/console/me", "/api/console/day"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let forged = me(
        &app,
        "carebook_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .await;
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn front_desk_books_for_a_caller_through_the_same_guarded_path() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 7, 16, 0, 0).unwrap();
    let body = serde_json::to_value(request(service, Some(okafor), start, "Phone Caller")).unwrap();

    let response = post(&app, &desk, "/api/console/appointments", body.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let booking: app::wire::console::StaffBooking = response.json().await.unwrap();
    assert!(booking
        .visit_url
        .ends_with(&format!("/a/{}", booking.appointment.token)));
    assert_eq!(booking.appointment.start, start);

    // The patient online now finds the time taken, and so does a second call.
    assert_eq!(
        app.book(&request(service, Some(okafor), start, "Online"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(&app, &desk, "/api/console/appointments", body.clone())
            .await
            .status(),
        StatusCode::CONFLICT
    );

    let (action, staff_id): (String, Option<i64>) = sqlx::query_as(
        "SELECT e.action, e.staff_id FROM appointment_events e JOIN appointments a ON a.id = e.appointment_id WHERE a.token = ?",
    )
    .bind(&booking.appointment.token)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(action, "booked");
    assert!(staff_id.is_some(), "who booked it is recorded");

    let doctor = sign_in(&app, DOCTOR).await;
    let later = serde_json::to_value(request(
        service,
        Some(okafor),
        start + Duration::hours(1),
        "Other",
    ))
    .unwrap();
    assert_eq!(
        post(&app, &doctor, "/api/console/appointments", later)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn running_late_shows_the_expected_time_on_later_visits_today_until_cleared() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let today = app
        .free_slots_on(service, Some(okafor), date(2026, 12, 1))
        .await;
    let later_today = app
        .book_ok(&request(
            service,
            Some(okafor),
            today[4].start,
            "Waiting Patient",
        ))
        .await;
    let other_doctor = app
        .free_slots_on(service, Some(herrera), date(2026, 12, 1))
        .await;
    let unaffected = app
        .book_ok(&request(
            service,
            Some(herrera),
            other_doctor[4].start,
            "Other Patient",
        ))
        .await;
    let tomorrow = app
        .book_ok(&request(
            service,
            Some(okafor),
            Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap(),
            "Next Week",
        ))
        .await;

    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/practitioners/{okafor}/running-late");
    let set = from_console(&app, app.client.put(app.url(&path)), &desk)
        .json(&json!({ "minutes": 20 }))
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::OK);

    let page: app::wire::Appointment = app
        .appointment(&later_today.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.running_late_minutes, Some(20));
    assert_eq!(
        page.expected_start,
        Some(later_today.start + Duration::minutes(20))
    );
    for other in [&unaffected.token, &tomorrow.token] {
        let page: app::wire::Appointment = app.appointment(other).await.json().await.unwrap();
        assert_eq!(page.expected_start, None);
    }

    let clear = from_console(&app, app.client.put(app.url(&path)), &desk)
        .json(&json!({ "minutes": 0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(clear.status(), StatusCode::OK);
    let page: app::wire::Appointment = app
        .appointment(&later_today.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.expected_start, None);

    // A practitioner may say it for themselves only.
    let doctor = sign_in(&app, DOCTOR).await;
    let others = format!("/api/console/practitioners/{herrera}/running-late");
    let refused = from_console(&app, app.client.put(app.url(&others)), &doctor)
        .json(&json!({ "minutes": 10 }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let own = from_console(&app, app.client.put(app.url(&path)), &doctor)
        .json(&json!({ "minutes": 10 }))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::OK);
}

#[tokio::test]
async fn bookings_by_the_same_person_join_one_patient_timeline() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let first = Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap();
    let mut booking = request(service, None, first, "Rosa Delgado");
    booking.patient.email = Some("Rosa.Delgado@Example.org".into());
    booking.patient.phone = Some("(212) 555-0177".into());
    app.book_ok(&booking).await;
    let mut again = request(service, None, first + Duration::days(1), "Rosa M. Delgado");
    again.patient.email = None;
    again.patient.phone = Some("+1 212 555 0177".replace("+1 ", ""));
    app.book_ok(&again).await;

    let desk = sign_in(&app, DESK).await;
    let search = |q: &str| {
        let url = app.url(&format!(
            "/api/console/patients?q={}",
            q.replace(' ', "%20").replace('@', "%40")
        ));
        from_console(&app, app.client.get(url), &desk).send()
    };
    for q in ["delgado", "rosa.delgado@example.org", "555 0177"] {
        let response = search(q).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{q}");
        let matches: Vec<app::wire::console::PatientMatch> = response.json().await.unwrap();
        assert_eq!(matches.len(), 1, "{q}: one person");
        assert_eq!(matches[0].visits, 2, "{q}: both visits");
        assert_eq!(matches[0].name, "Rosa M. Delgado", "the latest name");
    }
    assert_eq!(
        search("r").await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let id = search("delgado")
        .await
        .unwrap()
        .json::<Vec<app::wire::console::PatientMatch>>()
        .await
        .unwrap()[0]
        .id;
    let url = app.url(&format!("/api/console/patients/{id}"));
    let timeline: app::wire::console::PatientTimeline =
        from_console(&app, app.client.get(&url), &desk)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(timeline.entries.len(), 2);
    assert!(timeline
        .entries
        .iter()
        .all(|e| e.action == "booked" && e.by_staff.is_none()));

    let logged: Vec<String> =
        sqlx::query_scalar("SELECT record_id FROM audit_log WHERE record_type = 'patient'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert!(!logged.is_empty());
    assert!(
        logged
            .iter()
            .all(|r| !r.contains("delgado") && !r.contains("0177")),
        "ids only: {logged:?}"
    );

    // Practitioners do not browse patients; other clinics do not see them.
    let doctor = sign_in(&app, DOCTOR).await;
    let refused = from_console(&app, app.client.get(&url), &doctor)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
