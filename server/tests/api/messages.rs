//! The messages as a patient's mail app receives them, through a real SMTP server
//! (`.ci/mail-sink`, aiosmtpd) that parses each calendar file with Python's icalendar — the
//! way a calendar app reads it.

use crate::calendar::{calendar_event, property};
use crate::console::{from_console, sign_in, DESK, PASSWORD};
use crate::helpers::*;
use crate::mail_sink::{Mail, MailCalendar, MailSink, WAIT};
use app::wire::console::StaffBooking;
use app::wire::Language;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

/// Monday 7 December 2026 at `hour` in New York (EST, UTC-5).
fn monday_at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, 0, 0).unwrap()
}

fn addressed_to(mail: &Mail, address: &str) -> bool {
    mail.rcpt_tos.iter().any(|to| to == address)
}

fn calendar_of(mail: &Mail) -> &MailCalendar {
    assert_eq!(mail.calendar_error, None, "the calendar file parses");
    mail.calendar.as_ref().expect("a calendar file")
}

/// The mail to `address` whose calendar says `method` at `sequence`.
async fn calendar_mail(sink: &MailSink, address: &str, method: &str, sequence: i64) -> Mail {
    let address = address.to_string();
    let method = method.to_string();
    sink.wait_for(
        move |mail| {
            addressed_to(mail, &address)
                && mail.calendar.as_ref().is_some_and(|calendar| {
                    calendar.method.as_deref() == Some(method.as_str())
                        && calendar.sequence == Some(sequence)
                })
        },
        WAIT,
    )
    .await
}

async fn book(app: &TestApp, name: &str, email: &str, language: Language, hour: u32) -> String {
    let service = app.service_id("Follow-up visit").await;
    let mut booking = request(service, None, monday_at(hour), name);
    booking.patient.email = Some(email.into());
    booking.patient.language = language;
    app.book_ok(&booking).await.token
}

#[tokio::test]
async fn booking_moving_and_cancelling_update_one_event_in_the_patients_calendar() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;
    let ana = "ana.lopez@example.org";
    let token = book(&app, "Ana Lopez", ana, Language::En, 9).await;
    let uid = property(&calendar_event(&app, &token).await, "UID");

    let booked = calendar_mail(&sink, ana, "REQUEST", 0).await;
    let calendar = calendar_of(&booked);
    assert_eq!(
        calendar.uid.as_deref(),
        Some(uid.as_str()),
        "the visit page's event"
    );
    assert_eq!(calendar.status.as_deref(), Some("CONFIRMED"));
    assert_eq!(calendar.dtstart.as_deref(), Some("2026-12-07T14:00:00Z"));
    assert!(calendar
        .organizer
        .as_deref()
        .is_some_and(|o| o.starts_with("mailto:")));
    let subject = booked.subject.as_deref().unwrap_or_default();
    assert!(
        subject.starts_with("Booked: your visit at Riverside Family Clinic on Monday, December 7"),
        "{subject}"
    );
    let text = booked.text.as_deref().expect("a text part");
    assert!(text.contains("Hello Ana,"), "{text}");
    assert!(text.contains("Monday, December 7, 2026 at 9:00 AM (New York time)"));
    assert!(text.contains(&format!("/a/{token}")), "the visit page link");
    let html = booked.html.as_deref().expect("an HTML part");
    assert!(html.contains("<html lang=\"en\">") && html.contains("<h1"));
    assert!(booked
        .attachments
        .iter()
        .any(|part| part.content_type.starts_with("text/calendar")));

    let moved = app
        .post_json(
            &format!("/api/appointments/{token}/reschedule"),
            &json!({ "start": monday_at(11) }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let changed = calendar_mail(&sink, ana, "REQUEST", 1).await;
    let calendar = calendar_of(&changed);
    assert_eq!(
        calendar.uid.as_deref(),
        Some(uid.as_str()),
        "updated, not doubled"
    );
    assert_eq!(calendar.dtstart.as_deref(), Some("2026-12-07T16:00:00Z"));
    assert!(changed
        .subject
        .as_deref()
        .is_some_and(|s| s.starts_with("Changed:")));
    assert!(changed
        .text
        .as_deref()
        .is_some_and(|t| t.contains("at 11:00 AM (New York time)")));

    let cancelled = app
        .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let sequence: i64 = property(&calendar_event(&app, &token).await, "SEQUENCE")
        .parse()
        .unwrap();
    let cancellation = calendar_mail(&sink, ana, "CANCEL", sequence).await;
    let calendar = calendar_of(&cancellation);
    assert_eq!(calendar.uid.as_deref(), Some(uid.as_str()));
    assert_eq!(calendar.status.as_deref(), Some("CANCELLED"));
    assert!(cancellation
        .text
        .as_deref()
        .is_some_and(|t| t.contains("is cancelled")));
}

#[tokio::test]
async fn a_spanish_speaking_patient_gets_spanish_mail() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;
    let lucia = "lucia@example.org";
    book(&app, "Lucía Pérez", lucia, Language::Es, 10).await;

    let mail = calendar_mail(&sink, lucia, "REQUEST", 0).await;
    let subject = mail.subject.as_deref().unwrap_or_default();
    assert!(
        subject
            .starts_with("Reservada: su cita en Riverside Family Clinic el lunes 7 de diciembre"),
        "{subject}"
    );
    let text = mail.text.as_deref().expect("a text part");
    assert!(text.contains("Hola, Lucía:"), "{text}");
    assert!(text.contains("lunes, 7 de diciembre de 2026, 10:00 (hora de Nueva York)"));
    assert!(mail
        .html
        .as_deref()
        .is_some_and(|html| html.contains("<html lang=\"es\">")));
}

#[tokio::test]
async fn a_visit_booked_by_the_front_desk_is_confirmed_to_the_patient_too() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    let cookie = sign_in(&app, DESK).await;
    let service = app.service_id("Follow-up visit").await;
    let mut by_phone = patient("Omar Haddad");
    by_phone.email = Some("omar@example.org".into());
    let response = from_console(
        &app,
        app.client.post(app.url("/api/console/appointments")),
        &cookie,
    )
    .json(&json!({ "service_id": service, "start": monday_at(14), "patient": by_phone }))
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let booking: StaffBooking = response.json().await.unwrap();
    let uid = property(
        &calendar_event(&app, &booking.appointment.token).await,
        "UID",
    );

    let mail = calendar_mail(&sink, "omar@example.org", "REQUEST", 0).await;
    assert_eq!(calendar_of(&mail).uid.as_deref(), Some(uid.as_str()));
    assert!(mail
        .text
        .as_deref()
        .is_some_and(|t| t.contains("Hello Omar,") && t.contains(&booking.visit_url)));
}

#[tokio::test]
async fn the_reminder_comes_48_hours_before_with_one_tap_answers_and_not_before() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;
    let bea = "bea.reminded@example.org";
    let token = book(&app, "Bea Reminded", bea, Language::En, 9).await;
    calendar_mail(&sink, bea, "REQUEST", 0).await;

    // Saturday 14:00Z is 48 h before Monday 9:00 New York. A second before, nothing more.
    let reminder_due = monday_at(9) - chrono::Duration::hours(48);
    app.clock
        .advance(reminder_due - chrono::Duration::seconds(1) - app.clock.now());
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let to_bea = |sink: &MailSink| {
        sink.all()
            .into_iter()
            .filter(|mail| addressed_to(mail, bea))
            .count()
    };
    assert_eq!(to_bea(&sink), 1, "only the confirmation before its time");

    app.clock.advance(chrono::Duration::seconds(1));
    let address = bea.to_string();
    let reminder = sink
        .wait_for(
            move |mail| addressed_to(mail, &address) && mail.calendar.is_none(),
            WAIT,
        )
        .await;
    let text = reminder.text.as_deref().expect("a text part");
    let html = reminder.html.as_deref().expect("an html part");
    let visit = format!("/a/{token}");
    assert!(
        text.contains(&format!("{visit}/coming")),
        "I'll be there: {text}"
    );
    assert!(
        text.contains(&format!("{visit}#change")),
        "I need to change it"
    );
    assert!(html.contains("I&#x27;ll be there") || html.contains("I'll be there"));
    assert!(text.contains("Monday, December 7"), "{text}");
    let subject = reminder.subject.as_deref().unwrap_or_default();
    assert!(
        subject.starts_with("Reminder: your visit at Riverside Family Clinic"),
        "{subject}"
    );
}
