//! Delivery of messages to patients through the outbox: the worker in the server sends what
//! is due to a real SMTP server (`.ci/mail-sink`), records it, waits when it cannot send, and
//! retries when the mail server is down. Real processes (kill -9, two servers): outbox_processes.rs.

use crate::helpers::*;
use crate::mail_sink::{Mail, MailSink, WAIT};
use carebook::config::Settings;
use carebook::db::outbox_claims;
use carebook::db::Db;
use carebook::routes::Clock;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::time::Duration as StdDuration;

/// Monday 7 December 2026 in New York (UTC-5), 09:00 local: well ahead of the pinned Tuesday,
/// so only the confirmation is due (its reminders wait for the weekend).
fn monday_nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 14, 0, 0).unwrap()
}

/// One outbox row as the console would read it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub status: String,
    pub reason: Option<String>,
    pub attempts: i64,
    pub due_at: i64,
}

type RawRow = (i64, String, String, String, Option<String>, i64, i64);

fn from_raw(row: RawRow) -> OutboxRow {
    OutboxRow {
        id: row.0,
        kind: row.1,
        channel: row.2,
        status: row.3,
        reason: row.4,
        attempts: row.5,
        due_at: row.6,
    }
}

const COLUMNS: &str = "id, kind, channel, status, reason, attempts, due_at";

pub async fn appointment_id(db: &Db, token: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(token)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// The e-mail confirmation queued for the visit.
pub async fn confirmation_row(db: &Db, appointment_id: i64) -> OutboxRow {
    let row: RawRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM outbox
         WHERE appointment_id = $1 AND kind = 'confirmation' AND channel = 'email'"
    ))
    .bind(appointment_id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    from_raw(row)
}

pub async fn outbox_row(db: &Db, id: i64) -> OutboxRow {
    let row: RawRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM outbox WHERE id = $1"))
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    from_raw(row)
}

/// Waits until outbox row `id` satisfies `wanted` (the worker runs in the background).
pub async fn wait_for_row(db: &Db, id: i64, wanted: impl Fn(&OutboxRow) -> bool) -> OutboxRow {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let row = outbox_row(db, id).await;
        if wanted(&row) {
            return row;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "outbox row never got there: {row:?}"
        );
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

/// Books Monday 09:00 with Dr. Okafor for a patient with this e-mail address; the visit's id.
async fn book_monday(app: &TestApp, email: &str) -> i64 {
    book_monday_reachable_at(app, Some(email), None).await
}

async fn book_monday_reachable_at(app: &TestApp, email: Option<&str>, phone: Option<&str>) -> i64 {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let mut booking = request(service, Some(okafor), monday_nine(), "Ana Lucía Pérez");
    booking.patient.email = email.map(str::to_string);
    booking.patient.phone = phone.map(str::to_string);
    let visit = app.book_ok(&booking).await;
    appointment_id(&app.db, &visit.token).await
}

/// The text confirmation queued for the visit (a patient who gave only a phone number).
async fn sms_confirmation_row(db: &Db, appointment_id: i64) -> OutboxRow {
    let row: RawRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM outbox
         WHERE appointment_id = $1 AND kind = 'confirmation' AND channel = 'sms'"
    ))
    .bind(appointment_id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    from_raw(row)
}

fn from_row(id: i64) -> impl Fn(&Mail) -> bool {
    move |mail: &Mail| mail.outbox_id() == Some(id)
}

#[tokio::test]
async fn a_booking_sends_one_confirmation_mail_to_the_patient() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;

    let visit = book_monday(&app, "ana@example.org").await;
    let confirmation = confirmation_row(&app.db, visit).await;
    let mail = sink.wait_for(from_row(confirmation.id), WAIT).await;
    let sent = wait_for_row(&app.db, confirmation.id, |row| row.status == "sent").await;

    assert_eq!(sent.reason, None);
    assert_eq!(sent.attempts, 1);
    assert_eq!(mail.rcpt_tos, vec!["ana@example.org".to_string()]);
    assert_eq!(
        mail.to.as_deref(),
        Some("Ana <ana@example.org>"),
        "greeted by preferred name"
    );
    assert_eq!(
        mail.message_id.as_deref(),
        Some(format!("<outbox-{}@127.0.0.1>", confirmation.id).as_str())
    );
    assert!(
        mail.text.is_some() && mail.html.is_some(),
        "text and HTML: {mail:?}"
    );
    let invite = mail
        .attachments
        .iter()
        .find(|a| a.filename.as_deref() == Some("invite.ics"))
        .expect("the calendar file is attached");
    let calendar = mail.calendar.clone().expect("the calendar parses");
    // The part's type says the file's own METHOD (REQUEST, CANCEL), as calendar apps expect.
    let method = calendar.method.clone().expect("a METHOD");
    assert!(
        invite.content_type.starts_with("text/calendar")
            && invite
                .content_type
                .contains(&format!("method=\"{method}\"")),
        "{invite:?}"
    );
    assert_eq!(calendar.dtstart.as_deref(), Some("2026-12-07T14:00:00Z"));
    assert_eq!(calendar.sequence, Some(0));
    let uid: String = sqlx::query_scalar("SELECT calendar_uid FROM appointments WHERE id = $1")
        .bind(visit)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(calendar.uid, Some(uid), "the visit page's calendar UID");
    assert_eq!(mail.mail_from.as_deref(), Some("no-reply@carebook.invalid"));

    // Recorded as sent: later rounds do not send it again.
    assert_eq!(
        sink.all()
            .iter()
            .filter(|m| m.outbox_id() == Some(confirmation.id))
            .count(),
        1
    );
}

#[tokio::test]
async fn without_a_mail_server_the_confirmation_waits_in_the_outbox() {
    let app = spawn_app().await;

    let visit = book_monday(&app, "ana@example.org").await;
    let confirmation = confirmation_row(&app.db, visit).await;
    let waiting = wait_for_row(&app.db, confirmation.id, |row| row.reason.is_some()).await;

    assert_eq!(
        waiting.status, "queued",
        "sent once a mail server is configured"
    );
    assert_eq!(waiting.reason.as_deref(), Some("no_mail_server"));
    assert_eq!(waiting.attempts, 0, "never tried");
}

#[tokio::test]
async fn a_mail_server_that_is_down_gets_the_mail_once_it_is_back() {
    let mut sink = MailSink::start().await;
    sink.stop();
    let app = spawn_app_with_smtp(&sink.url()).await;

    let visit = book_monday(&app, "ana@example.org").await;
    let confirmation = confirmation_row(&app.db, visit).await;
    let waiting = wait_for_row(&app.db, confirmation.id, |row| row.attempts >= 1).await;
    assert_eq!(waiting.status, "queued");
    assert_eq!(waiting.reason.as_deref(), Some("smtp_unavailable"));
    assert_eq!(
        waiting.attempts, 1,
        "the pinned clock has not reached the retry"
    );
    assert_eq!(
        waiting.due_at,
        (app.now + carebook::domain::messages::backoff(1)).timestamp(),
        "retried after the backoff"
    );

    sink.restart().await;
    app.clock.advance(carebook::domain::messages::backoff(1));
    let mail = sink.wait_for(from_row(confirmation.id), WAIT).await;
    let sent = wait_for_row(&app.db, confirmation.id, |row| row.status == "sent").await;

    assert_eq!(sent.attempts, 2);
    assert_eq!(sent.reason, None);
    assert_eq!(mail.rcpt_tos, vec!["ana@example.org".to_string()]);
}

#[tokio::test]
async fn a_mail_server_that_refuses_the_address_fails_the_message_for_good() {
    let sink = MailSink::start().await;
    let app = spawn_app_with_smtp(&sink.url()).await;

    // The sink answers 550 for anyone at reject.test.
    let visit = book_monday(&app, "ana@reject.test").await;
    let confirmation = confirmation_row(&app.db, visit).await;
    let failed = wait_for_row(&app.db, confirmation.id, |row| {
        row.status != "queued" && row.status != "sending"
    })
    .await;

    assert_eq!(failed.status, "failed");
    assert_eq!(failed.reason.as_deref(), Some("rejected"));
    assert_eq!(failed.attempts, 1, "a permanent refusal is not retried");
    assert!(sink.all().is_empty());
}

#[tokio::test]
async fn a_message_held_by_a_process_that_died_is_sent_after_its_lease() {
    // The visit is booked on a server without mail, so nothing sends it yet.
    let app = spawn_app().await;
    let visit = book_monday(&app, "ana@example.org").await;
    let confirmation = confirmation_row(&app.db, visit).await;

    // A process claims it and dies before sending: the row stays `sending` under its name.
    // Its lease is one second here; a real one is minutes (`--outbox-lease-secs`, 300 by
    // default), because a live process whose send takes longer than its lease would see its
    // message sent a second time by another process.
    let lease = Duration::seconds(1);
    let claimed = outbox_claims::claim_next(
        &app.db,
        app::wire::messages::Channel::Email,
        "a-process-that-died",
        app.clock.now(),
        Utc::now(),
        lease,
    )
    .await
    .unwrap()
    .expect("the confirmation is due");
    assert_eq!(claimed.id, confirmation.id);

    // A server with mail on the same database takes it over once the lease runs out.
    let sink = MailSink::start().await;
    let mut settings = Settings::for_tests(String::new(), std::env::temp_dir());
    settings.smtp_url = Some(sink.url());
    carebook::startup::spawn(settings, app.db.clone(), Clock::fixed(app.now))
        .await
        .unwrap();
    let mail = sink.wait_for(from_row(confirmation.id), WAIT).await;
    let sent = wait_for_row(&app.db, confirmation.id, |row| row.status == "sent").await;

    assert_eq!(
        sent.attempts, 2,
        "the dead process's try, then the takeover"
    );
    assert_eq!(mail.rcpt_tos, vec!["ana@example.org".to_string()]);
    // The dead process can no longer record anything over it.
    assert!(
        !outbox_claims::mark_sent(&app.db, &claimed, "a-process-that-died", app.now)
            .await
            .unwrap()
    );
    assert_eq!(sink.all().len(), 1);
}

#[tokio::test]
async fn a_mail_server_down_for_hours_makes_the_message_fail_after_the_last_try() {
    let mut sink = MailSink::start().await;
    sink.stop();
    let app = spawn_app_with_smtp(&sink.url()).await;
    let visit = book_monday(&app, "ana@example.org").await;
    let confirmation = confirmation_row(&app.db, visit).await;

    let last = carebook::domain::messages::MAX_ATTEMPTS;
    for attempt in 1..last {
        let waiting = wait_for_row(&app.db, confirmation.id, |row| {
            row.attempts >= i64::from(attempt) && row.status == "queued"
        })
        .await;
        assert_eq!(waiting.attempts, i64::from(attempt));
        app.clock
            .advance(carebook::domain::messages::backoff(attempt));
    }
    let given_up = wait_for_row(&app.db, confirmation.id, |row| row.status == "failed").await;

    assert_eq!(given_up.reason.as_deref(), Some("too_many_attempts"));
    assert_eq!(given_up.attempts, i64::from(last));
}

#[tokio::test]
async fn a_patient_who_gave_only_a_phone_number_gets_a_text() {
    let texts = tempfile::tempdir().unwrap();
    let log = texts.path().join("sms.jsonl");
    let app = spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| {
            settings.sms_log = Some(log.clone());
        },
    )
    .await;

    let visit = book_monday_reachable_at(&app, None, Some("+1 (617) 555-0134")).await;
    let confirmation = sms_confirmation_row(&app.db, visit).await;
    let sent = wait_for_row(&app.db, confirmation.id, |row| row.status == "sent").await;

    assert_eq!(sent.attempts, 1);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["to"], "+16175550134", "in E.164");
    let text = lines[0]["text"].as_str().unwrap();
    assert!(text.contains("Riverside Family Clinic"), "{text}");
    assert!(
        !text.contains("Follow-up"),
        "no health information in a text: {text}"
    );
}

#[tokio::test]
async fn a_phone_number_without_a_country_code_is_refused_and_nothing_is_texted() {
    let texts = tempfile::tempdir().unwrap();
    let log = texts.path().join("sms.jsonl");
    let app = spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| {
            settings.sms_log = Some(log.clone());
        },
    )
    .await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let mut booking = request(service, Some(okafor), monday_nine(), "Ana Lucía Pérez");
    booking.patient.email = None;
    booking.patient.phone = Some("617 555 0134".into());

    let before = crate::helpers::row_counts(&app, &["appointments", "outbox"]).await;

    let response = app.book(&booking).await;

    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["fields"]["patient.phone"], "invalid_phone");
    assert_eq!(
        crate::helpers::row_counts(&app, &["appointments", "outbox"]).await,
        before,
        "nothing booked, nothing queued"
    );
    // The worker refuses such a number too (`invalid_phone`), for numbers stored before
    // the booking rule asked for the country code.
    assert!(!log.exists(), "nothing was texted");
}
