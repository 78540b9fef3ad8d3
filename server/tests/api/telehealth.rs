//! Telehealth visits: each gets its own unguessable video room from the clinic's link template,
//! kept when it moves, shown to the patient (visit page, calendar file, confirmation) and to
//! staff (day view, booking by phone), and never written to the log.

use crate::calendar::{calendar_event, property};
use crate::console::{console_app, from_console, sign_in, ADMIN, DESK, DOCTOR};
use crate::helpers::*;
use crate::mail_sink::{MailSink, WAIT};
use crate::server_process::start_with_env;
use app::wire::console::{DaySchedule, StaffBooking};
use app::wire::{Appointment, AvailabilityResponse, Clinic};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::process::Stdio;

/// The demo clinic's template (see `demo.rs`).
const DEMO_ROOMS: &str = "https://meet.jit.si/carebook-";

/// Monday 7 December 2026 at `hour`:`minute` in New York (EST, UTC-5).
fn monday_at(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, minute, 0)
        .unwrap()
}

async fn video_visit(app: &TestApp, hour: u32, minute: u32, name: &str) -> Appointment {
    let service = app.service_id("Video check-in").await;
    app.book_ok(&request(service, None, monday_at(hour, minute), name))
        .await
}

fn room_of(visit: &Appointment) -> String {
    let url = visit.video_url.as_deref().expect("a video link");
    url.strip_prefix(DEMO_ROOMS)
        .unwrap_or_else(|| panic!("{url} is built from the demo template"))
        .to_string()
}

async fn visit_page(app: &TestApp, token: &str) -> Appointment {
    let response = app.appointment(token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn set_template(app: &TestApp, admin: &str, template: &str) -> reqwest::Response {
    let mut settings: Value =
        from_console(app, app.client.get(app.url("/api/console/clinic")), admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    settings["video_url_template"] = json!(template);
    from_console(app, app.client.put(app.url("/api/console/clinic")), admin)
        .json(&settings)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn each_video_visit_gets_its_own_room_and_in_person_visits_none() {
    let app = spawn_app().await;
    let first = video_visit(&app, 9, 0, "Vera Video").await;
    let second = video_visit(&app, 9, 30, "Victor Video").await;
    let (a, b) = (room_of(&first), room_of(&second));
    assert_ne!(a, b, "two visits never share a room");
    for room in [&a, &b] {
        assert!(room.len() >= 32, "unguessable: {room}");
        assert!(room
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }
    assert_eq!(
        visit_page(&app, &first.token).await.video_url,
        first.video_url
    );

    let follow_up = app.service_id("Follow-up visit").await;
    let in_person = app
        .book_ok(&request(follow_up, None, monday_at(11, 0), "Ian Person"))
        .await;
    assert_eq!(in_person.video_url, None);
    let rooms: Vec<Option<String>> =
        sqlx::query_scalar("SELECT video_room FROM appointments WHERE token = $1")
            .bind(&in_person.token)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(rooms, vec![None], "no room is kept for a visit in person");
}

#[tokio::test]
async fn a_moved_visit_keeps_its_room_and_a_cancelled_one_shows_none() {
    let app = spawn_app().await;
    let visit = video_visit(&app, 9, 0, "Mona Moved").await;
    let moved = app
        .post_json(
            &format!("/api/appointments/{}/reschedule", visit.token),
            &json!({ "start": monday_at(14, 0) }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: Appointment = moved.json().await.unwrap();
    assert_eq!(moved.start, monday_at(14, 0));
    assert_eq!(
        moved.video_url, visit.video_url,
        "the same room after the move"
    );

    let cancelled = app
        .post_json(
            &format!("/api/appointments/{}/cancel", visit.token),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    assert_eq!(visit_page(&app, &visit.token).await.video_url, None);
}

#[tokio::test]
async fn the_template_is_checked_and_a_change_applies_to_visits_already_booked() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    for (template, code) in [
        ("http://video.example.org/{room}", "not_https"),
        ("https://video.example.org/lobby", "no_room"),
        ("https://video.example.org/{room}/{room}", "room_repeated"),
        ("https://{room}.example.org/", "invalid_url"),
        ("https://video.example.org/a room/{room}", "invalid_url"),
    ] {
        let (status, body) = error_code(set_template(&app, &admin, template).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{template}");
        assert_eq!(body["error"], "validation");
        assert_eq!(body["fields"]["video_url_template"], code, "{template}");
    }
    let long = format!("https://video.example.org/{}{{room}}", "a".repeat(500));
    let (_, body) = error_code(set_template(&app, &admin, &long).await).await;
    assert_eq!(body["fields"]["video_url_template"], "too_long");

    // No template yet: the visit is booked with a room all the same, shown once one is set.
    let saved = set_template(&app, &admin, "").await;
    assert_eq!(saved.status(), StatusCode::OK);
    let visit = video_visit(&app, 10, 0, "Nina Notyet").await;
    assert_eq!(visit.video_url, None);
    let saved = set_template(
        &app,
        &admin,
        "  https://video.example.org/rooms/{room}?lang=en ",
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(
        saved["video_url_template"], "https://video.example.org/rooms/{room}?lang=en",
        "stored trimmed"
    );
    let url = visit_page(&app, &visit.token)
        .await
        .video_url
        .expect("a link now");
    let room = url
        .strip_prefix("https://video.example.org/rooms/")
        .and_then(|rest| rest.strip_suffix("?lang=en"))
        .expect("built from the new template");
    assert!(room.len() >= 32 && !room.contains('{'), "{url}");

    // Another template: the same room at the new address.
    set_template(&app, &admin, "https://meet.example.net/{room}").await;
    assert_eq!(
        visit_page(&app, &visit.token).await.video_url,
        Some(format!("https://meet.example.net/{room}"))
    );
}

#[tokio::test]
async fn the_calendar_file_puts_the_room_where_calendar_apps_link_it() {
    let app = spawn_app().await;
    let visit = video_visit(&app, 9, 0, "Carla Calendar").await;
    let url = visit.video_url.clone().unwrap();
    let event = calendar_event(&app, &visit.token).await;
    assert_eq!(property(&event, "LOCATION"), url);
    assert!(property(&event, "DESCRIPTION").contains(&url));

    let follow_up = app.service_id("Follow-up visit").await;
    let in_person = app
        .book_ok(&request(follow_up, None, monday_at(11, 0), "Ian Person"))
        .await;
    let event = calendar_event(&app, &in_person.token).await;
    assert!(property(&event, "LOCATION").contains("120 Hudson Street"));
    assert!(!property(&event, "DESCRIPTION").contains(DEMO_ROOMS));
}

#[tokio::test]
async fn staff_see_the_room_on_the_day_view_and_after_booking_by_phone() {
    let app = console_app().await;
    let visit = video_visit(&app, 9, 0, "Dora Dayview").await;
    let follow_up = app.service_id("Follow-up visit").await;
    app.book_ok(&request(follow_up, None, monday_at(11, 0), "Ian Person"))
        .await;
    for who in [DOCTOR, DESK] {
        let cookie = sign_in(&app, who).await;
        let day: DaySchedule = crate::console::day(&app, &cookie, "2026-12-07")
            .await
            .json()
            .await
            .unwrap();
        let lines: Vec<_> = day
            .practitioners
            .iter()
            .flat_map(|p| &p.appointments)
            .collect();
        let video = lines
            .iter()
            .find(|line| line.patient_name.starts_with("Dora"));
        if who == DOCTOR && video.is_none() {
            // Dr. Okafor sees her own visits only; the video visit may be a colleague's.
            continue;
        }
        assert_eq!(video.unwrap().video_url, visit.video_url, "{who}");
        // Front desk sees every practitioner's day, the visit in person included.
        if let Some(in_person) = lines
            .iter()
            .find(|line| line.patient_name.starts_with("Ian"))
        {
            assert_eq!(in_person.video_url, None);
        } else {
            assert_eq!(who, DOCTOR, "front desk sees the visit in person");
        }
    }

    let desk = sign_in(&app, DESK).await;
    let service = app.service_id("Video check-in").await;
    let booked = from_console(
        &app,
        app.client.post(app.url("/api/console/appointments")),
        &desk,
    )
    .json(&request(service, None, monday_at(15, 0), "Phil Phone"))
    .send()
    .await
    .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED);
    let booked: StaffBooking = booked.json().await.unwrap();
    assert_ne!(
        room_of(&booked.appointment),
        room_of(&visit),
        "a room of its own"
    );
}

#[tokio::test]
async fn the_confirmation_carries_the_join_link() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;
    let service = app.service_id("Video check-in").await;
    let mut booking = request(service, None, monday_at(9, 0), "Ella Email");
    booking.patient.email = Some("ella.email@example.org".into());
    let visit = app.book_ok(&booking).await;
    let url = visit.video_url.clone().unwrap();
    let mail = sink
        .wait_for(
            |mail| {
                mail.rcpt_tos
                    .iter()
                    .any(|to| to == "ella.email@example.org")
                    && mail.calendar.is_some()
            },
            WAIT,
        )
        .await;
    let text = mail.text.as_deref().expect("a text part");
    assert!(
        text.contains(&format!(
            "Join the video visit (opens 15 minutes before the start): {url}"
        )),
        "{text}"
    );
    let calendar = mail.calendar.as_ref().unwrap();
    assert_eq!(calendar.location.as_deref(), Some(url.as_str()));
}

/// A real process at DEBUG books, shows, exports and lists a video visit: the room is in the
/// answers, never in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_room_never_reaches_the_log() {
    let database = TestDatabase::new().await;
    let log_path = database.dir.path().join("server.log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    let password = "a long password for the video log test";
    let env = [("RUST_LOG", "debug"), ("CAREBOOK_DEMO_PASSWORD", password)];
    let server = start_with_env("demo", &database.url, Stdio::from(log_file), &env).await;
    let base = server.base.clone();
    let client = reqwest::Client::new();
    let clinic: Clinic = client
        .get(format!("{base}/api/clinics/demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let service = clinic
        .services
        .iter()
        .find(|s| s.kind == app::wire::ServiceKind::Telehealth)
        .unwrap()
        .id;
    let today = Utc::now().date_naive();
    let free: AvailabilityResponse = client
        .get(format!(
            "{base}/api/clinics/demo/availability?service_id={service}&from={}&to={}",
            today + chrono::Duration::days(7),
            today + chrono::Duration::days(20)
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slot = free.slots.first().expect("a free video time");
    let booked = client
        .post(format!("{base}/api/clinics/demo/appointments"))
        .json(
            &json!({ "service_id": service, "start": slot.start, "patient": {
            "name": "Logan Video", "email": "logan.video@example.org", "language": "en",
            "new_or_returning": "new", "consent": true } }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED);
    let visit: Appointment = booked.json().await.unwrap();
    let url = visit.video_url.clone().expect("the demo has a template");
    let room = url.strip_prefix(DEMO_ROOMS).unwrap().to_string();
    for path in ["", "/calendar.ics"] {
        let response = client
            .get(format!("{base}/api/appointments/{}{path}", visit.token))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.text().await.unwrap().contains(&room));
    }
    let signed_in = client
        .post(format!("{base}/api/console/sign-in"))
        .header("origin", &base)
        .json(&json!({ "email": DESK, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let local_day = visit.local_date;
    let day = client
        .get(format!("{base}/api/console/day?date={local_day}"))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(day.status(), StatusCode::OK);
    assert!(day.text().await.unwrap().contains(&room));
    drop(server);
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("appointment booked"), "the log was captured");
    assert!(!log.contains(&room), "the video room leaked into the log");
}
