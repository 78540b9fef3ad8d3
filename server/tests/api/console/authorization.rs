//! Who may call what, for EVERY console route: no session → 401; a write from another site →
//! 403; each role allowed or 403 as the issue says (admins: settings, staff, services, hours,
//! audit; front desk: schedule, patients, booking; practitioners: their own schedule and
//! running late for themselves); another clinic's admin using this clinic's ids → 404.

use super::*;
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Sends a console request as the console page would (same origin, with the session cookie).
pub async fn call(
    app: &TestApp,
    cookie: &str,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut request = from_console(app, app.client.request(method, app.url(path)), cookie);
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.unwrap()
}

pub async fn get(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    call(app, cookie, Method::GET, path, None).await
}

pub async fn put(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    call(app, cookie, Method::PUT, path, Some(&body)).await
}

pub async fn staff_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Who a route admits, from the issue (not from the code under test).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    /// Anyone signed in.
    Anyone,
    /// Front desk and admins.
    Desk,
    Admins,
}

impl Who {
    fn admits(self, email: &str) -> bool {
        match self {
            Who::Anyone => true,
            Who::Desk => email != DOCTOR,
            Who::Admins => email == ADMIN,
        }
    }
}

struct Route {
    method: Method,
    path: String,
    body: Option<Value>,
    who: Who,
    /// Carries one of this clinic's record ids in its path: another clinic gets 404.
    has_clinic_id: bool,
}

fn route(method: Method, path: impl Into<String>, body: Option<Value>, who: Who) -> Route {
    let path = path.into();
    Route {
        has_clinic_id: path
            .split('?')
            .next()
            .is_some_and(|p| p.chars().any(|c| c.is_ascii_digit())),
        method,
        path,
        body,
        who,
    }
}

/// The records the table's paths and bodies refer to.
struct Ids {
    visit: i64,
    patient: i64,
    okafor: i64,
    herrera: i64,
    service: i64,
    time_off: i64,
    desk: i64,
}

async fn ids(app: &TestApp) -> Ids {
    let visit = monday_visit(app).await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    Ids {
        visit,
        patient: sqlx::query_scalar("SELECT patient_id FROM appointments WHERE id = $1")
            .bind(visit)
            .fetch_one(&app.db.pool)
            .await
            .unwrap(),
        okafor: app.practitioner_id("Dr. Amara Okafor").await,
        herrera,
        service: app.service_id("Follow-up visit").await,
        time_off: sqlx::query_scalar("SELECT id FROM time_off WHERE practitioner_id = $1")
            .bind(herrera)
            .fetch_one(&app.db.pool)
            .await
            .unwrap(),
        desk: staff_id(app, DESK).await,
    }
}

fn service_draft(practitioners: &[i64], minutes: u32) -> Value {
    json!({
        "name_en": "Follow-up visit", "name_es": "Visita de seguimiento",
        "description_en": "A check on how things are going.",
        "description_es": "Un control de cómo va todo.",
        "what_to_expect_en": "We talk.", "what_to_expect_es": "Hablamos.",
        "cost_note_en": "Usually a copay.", "cost_note_es": "Normalmente un copago.",
        "preparation_en": "Bring your medicines.", "preparation_es": "Traiga sus medicinas.",
        "duration_minutes": minutes, "buffer_before_minutes": 0, "buffer_after_minutes": 10,
        "kind": "in_person", "practitioner_ids": practitioners,
    })
}

fn practitioner_draft(name: &str, services: &[i64]) -> Value {
    json!({
        "display_name": name, "pronouns": null,
        "title_en": "Family physician", "title_es": "Médica de familia",
        "bio_en": "Cares for whole families.", "bio_es": "Atiende a familias enteras.",
        "service_ids": services,
    })
}

fn doctor_hours() -> Value {
    let mut blocks = Vec::new();
    for weekday in 0..5 {
        blocks.push(json!({ "weekday": weekday, "start": "09:00", "end": "12:30" }));
        blocks.push(json!({ "weekday": weekday, "start": "13:30", "end": "17:00" }));
    }
    json!({ "blocks": blocks })
}

/// Every console route but sign-in (which needs no session; checked on its own below). The
/// order matters only for the allowed calls that change things: attendance before cancel.
fn routes(ids: &Ids) -> Vec<Route> {
    let Ids {
        visit,
        patient,
        okafor,
        herrera,
        service,
        time_off,
        desk,
    } = *ids;
    let booking = serde_json::to_value(request(
        service,
        Some(okafor),
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 8, 15, 0, 0).unwrap(),
        "Phone Caller",
    ))
    .unwrap();
    let settings = json!({
        "name": "Riverside Family Clinic", "address": "120 Hudson Street, New York, NY 10013",
        "phone": "+1 212 555 0142", "time_zone": "America/New_York", "languages": ["en", "es"],
        "late_cancel_hours": 24, "min_notice_minutes": 120, "horizon_days": 60,
        "slot_step_minutes": 15,
    });
    use Method as M;
    use Who::*;
    vec![
        route(M::GET, "/api/console/me", None, Anyone),
        route(M::GET, "/api/console/day?date=2026-12-07", None, Anyone),
        route(M::GET, "/api/console/week?start=2026-12-07", None, Anyone),
        route(
            M::POST,
            "/api/console/me/password",
            // The same password: allowed, and refused as unchanged, so no one is locked out.
            Some(json!({ "current": PASSWORD, "new": PASSWORD })),
            Anyone,
        ),
        route(
            M::PUT,
            format!("/api/console/practitioners/{okafor}/running-late"),
            Some(json!({ "minutes": 10 })),
            Anyone,
        ),
        route(
            M::POST,
            format!("/api/console/appointments/{visit}/attendance"),
            Some(json!({ "attendance": "arrived" })),
            Anyone,
        ),
        route(
            M::POST,
            format!("/api/console/appointments/{visit}/cancel"),
            Some(json!({ "reason": "Patient called" })),
            Desk,
        ),
        route(M::POST, "/api/console/appointments", Some(booking), Desk),
        route(M::GET, "/api/console/patients?q=Whitfield", None, Desk),
        route(
            M::GET,
            format!("/api/console/patients/{patient}"),
            None,
            Desk,
        ),
        route(
            M::GET,
            format!("/api/console/appointments/{visit}/messages"),
            None,
            Anyone,
        ),
        route(M::GET, "/api/console/clinic", None, Admins),
        route(M::PUT, "/api/console/clinic", Some(settings), Admins),
        route(M::GET, "/api/console/reminders", None, Admins),
        route(
            M::PUT,
            "/api/console/reminders",
            Some(json!({ "minutes_before": [2880, 120] })),
            Admins,
        ),
        route(M::GET, "/api/console/services", None, Admins),
        route(
            M::POST,
            "/api/console/services",
            Some(service_draft(&[okafor], 20)),
            Admins,
        ),
        route(
            M::PUT,
            format!("/api/console/services/{service}"),
            // Longer than the follow-up's 20 minutes, so a change that leaked would show.
            Some(service_draft(&[okafor, herrera], 30)),
            Admins,
        ),
        route(
            M::POST,
            format!("/api/console/services/{service}/retire"),
            Some(json!({ "retired": false })),
            Admins,
        ),
        route(M::GET, "/api/console/practitioners", None, Admins),
        route(
            M::POST,
            "/api/console/practitioners",
            Some(practitioner_draft("Dr. New Person", &[service])),
            Admins,
        ),
        route(
            M::GET,
            format!("/api/console/practitioners/{okafor}"),
            None,
            Admins,
        ),
        route(
            M::PUT,
            format!("/api/console/practitioners/{okafor}"),
            Some(practitioner_draft("Dr. Amara Okafor", &[service])),
            Admins,
        ),
        route(
            M::PUT,
            format!("/api/console/practitioners/{okafor}/hours"),
            Some(doctor_hours()),
            Admins,
        ),
        route(
            M::POST,
            format!("/api/console/practitioners/{okafor}/time-off"),
            Some(json!({ "starts": "2027-01-15T09:00", "ends": "2027-01-15T12:00", "note": null })),
            Admins,
        ),
        route(
            M::DELETE,
            format!("/api/console/practitioners/{herrera}/time-off/{time_off}"),
            None,
            Admins,
        ),
        route(M::GET, "/api/console/staff", None, Admins),
        route(
            M::POST,
            "/api/console/staff",
            Some(json!({
                "email": "new.person@demo.carebook.test", "display_name": "New Person",
                "role": "front_desk", "practitioner_id": null,
            })),
            Admins,
        ),
        route(
            M::PUT,
            format!("/api/console/staff/{desk}"),
            Some(json!({ "role": "front_desk", "practitioner_id": null, "disabled": false })),
            Admins,
        ),
        // After every other use of the patient: it erases them.
        route(
            M::POST,
            format!("/api/console/patients/{patient}/erase"),
            Some(json!({})),
            Admins,
        ),
        route(M::GET, "/api/console/audit", None, Admins),
        // Last: it ends the session it is called with (each call signs in afresh).
        route(M::POST, "/api/console/sign-out", Some(json!({})), Anyone),
    ]
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD)
}

/// What an admitted caller may get: success, or the handler's own judgement of the request
/// (422: the unchanged password; 409: the second booking of the same time).
fn admitted(status: StatusCode) -> bool {
    status.is_success()
        || status == StatusCode::CONFLICT
        || status == StatusCode::UNPROCESSABLE_ENTITY
}

#[tokio::test]
async fn every_console_route_needs_a_session_and_writes_need_our_origin() {
    let app = console_app().await;
    let ids = ids(&app).await;
    let admin = sign_in(&app, ADMIN).await;
    let mut wrong = Vec::new();
    for route in routes(&ids) {
        let label = format!("{} {}", route.method, route.path);
        // No cookie at all (with our Origin, so the session is what is missing).
        let anonymous = call(
            &app,
            "",
            route.method.clone(),
            &route.path,
            route.body.as_ref(),
        )
        .await
        .status();
        if anonymous != StatusCode::UNAUTHORIZED {
            wrong.push(format!("{label}: no session gave {anonymous}"));
        }
        if !is_write(&route.method) {
            continue;
        }
        // A signed-in admin's cookie, sent by another site's page, or with no Origin at all.
        for origin in [Some("https://evil.example"), None] {
            let mut request = app
                .client
                .request(route.method.clone(), app.url(&route.path))
                .header("cookie", &admin);
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            if let Some(body) = &route.body {
                request = request.json(body);
            }
            let (status, body) = error_code(request.send().await.unwrap()).await;
            if status != StatusCode::FORBIDDEN || body["error"] != "cross_site" {
                wrong.push(format!("{label}: origin {origin:?} gave {status} {body}"));
            }
        }
    }
    // Sign-in has no session to check, but a sign-in form on another site must not work.
    let forged = app
        .client
        .post(app.url("/api/console/sign-in"))
        .header("origin", "https://evil.example")
        .json(&json!({ "email": ADMIN, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    if forged.status() != StatusCode::FORBIDDEN {
        wrong.push(format!(
            "sign-in from another site gave {}",
            forged.status()
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        me(&app, &admin).await.status(),
        StatusCode::OK,
        "refused writes changed nothing, not even the session"
    );
}

#[tokio::test]
async fn each_role_reaches_exactly_the_routes_the_issue_gives_it() {
    let app = console_app().await;
    let ids = ids(&app).await;
    let mut wrong = Vec::new();
    for route in routes(&ids) {
        for email in [ADMIN, DESK, DOCTOR] {
            // A fresh session per call: sign-out ends the one it is given.
            let cookie = sign_in(&app, email).await;
            let response = call(
                &app,
                &cookie,
                route.method.clone(),
                &route.path,
                route.body.as_ref(),
            )
            .await;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            let expected_ok = route.who.admits(email);
            let fine = if expected_ok {
                admitted(status)
            } else {
                // The role refused, not something else that also answers 403.
                status == StatusCode::FORBIDDEN && body.contains(r#""error":"forbidden""#)
            };
            if !fine {
                wrong.push(format!(
                    "{} {} as {email}: expected {}, got {status} {body}",
                    route.method,
                    route.path,
                    if expected_ok { "allowed" } else { "403" },
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_practitioner_acts_on_their_own_schedule_only() {
    let app = console_app().await;
    let ids = ids(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let herreras_visit = {
        let slot = app
            .free_slots_on(ids.service, Some(ids.herrera), date(2026, 12, 8))
            .await[0]
            .clone();
        let visit = app
            .book_ok(&request(
                ids.service,
                Some(ids.herrera),
                slot.start,
                "Other Patient",
            ))
            .await;
        sqlx::query_scalar::<_, i64>("SELECT id FROM appointments WHERE token = $1")
            .bind(visit.token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
    };
    let late = put(
        &app,
        &doctor,
        &format!("/api/console/practitioners/{}/running-late", ids.herrera),
        json!({ "minutes": 10 }),
    )
    .await;
    assert_eq!(late.status(), StatusCode::NOT_FOUND, "not their schedule");
    let marked = post(
        &app,
        &doctor,
        &format!("/api/console/appointments/{herreras_visit}/attendance"),
        json!({ "attendance": "arrived" }),
    )
    .await;
    assert_eq!(marked.status(), StatusCode::NOT_FOUND, "not their patient");
}

#[tokio::test]
async fn another_clinics_admin_gets_404_for_every_record_of_this_clinic() {
    let app = console_app().await;
    let ids = ids(&app).await;
    let outsider = other_clinic_admin(&app).await;
    let mut wrong = Vec::new();
    let with_ids: Vec<Route> = routes(&ids)
        .into_iter()
        .filter(|r| r.has_clinic_id)
        .collect();
    assert_eq!(with_ids.len(), 14, "every route that names a record");
    let duration = || async {
        sqlx::query_scalar::<_, i64>("SELECT duration_minutes FROM services WHERE id = $1")
            .bind(ids.service)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
    };
    let duration_before = duration().await;
    for route in with_ids {
        let status = call(
            &app,
            &outsider,
            route.method.clone(),
            &route.path,
            route.body.as_ref(),
        )
        .await
        .status();
        if status != StatusCode::NOT_FOUND {
            wrong.push(format!("{} {}: {status}", route.method, route.path));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // And nothing of this clinic changed.
    let (status, attendance): (String, Option<String>) =
        sqlx::query_as("SELECT status, attendance FROM appointments WHERE id = $1")
            .bind(ids.visit)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attendance), ("booked", None));
    let leave: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM time_off WHERE id = $1")
        .bind(ids.time_off)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(leave, 1, "Dr. Herrera's leave is still there");
    let (role, disabled): (String, i64) =
        sqlx::query_as("SELECT role, disabled FROM staff WHERE id = $1")
            .bind(ids.desk)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((role.as_str(), disabled), ("front_desk", 0));
    let late: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM running_late")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(late, 0);
    assert_eq!(
        duration().await,
        duration_before,
        "the service is as it was"
    );
    let clinic = app.clinic().await;
    assert!(
        clinic.services.iter().any(|s| s.id == ids.service),
        "and still offered"
    );
}
