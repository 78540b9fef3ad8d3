//! Messages across real `carebook` processes on one database (a SQLite file, or PostgreSQL
//! with `CAREBOOK_TEST_POSTGRES`): a message committed by a process killed before it could
//! send goes out once from the next one, and two processes never send one message twice.

use crate::helpers::TestDatabase;
use crate::mail_sink::{MailSink, WAIT};
use crate::outbox::{appointment_id, confirmation_row, wait_for_row};
use crate::server_process::{free_follow_up_times, start_with_env, Server};
use app::wire::{Appointment, Slot};
use carebook::db;
use reqwest::StatusCode;
use std::collections::HashMap;
use std::process::Stdio;

/// A process whose worker looks for messages only once an hour: what it commits stays queued.
const SLEEPY_POLL_MS: &str = "3600000";
const QUICK_POLL_MS: &str = "100";

async fn start_sending(subcommand: &str, url: &str, sink: &MailSink, poll_ms: &str) -> Server {
    start_with_env(
        subcommand,
        url,
        Stdio::null(),
        &[
            ("SMTP_URL", &sink.url()),
            ("CAREBOOK_OUTBOX_POLL_MS", poll_ms),
        ],
    )
    .await
}

/// Books one of `slots` (the first still free) through `base`; the visit's token.
async fn book_any(
    client: &reqwest::Client,
    base: &str,
    service: i64,
    slots: &mut Vec<Slot>,
    n: usize,
) -> String {
    while let Some(slot) = slots.pop() {
        let body = serde_json::json!({
            "service_id": service,
            "practitioner_id": slot.practitioner_id,
            "start": slot.start,
            "patient": { "name": format!("Mail Patient {n}"), "email": format!("patient{n}@example.org"),
                         "language": "en", "new_or_returning": "new", "consent": true }
        });
        let response = client
            .post(format!("{base}/api/clinics/demo/appointments"))
            .json(&body)
            .send()
            .await
            .unwrap();
        if response.status() == StatusCode::CREATED {
            let visit: Appointment = response.json().await.unwrap();
            return visit.token;
        }
        // Taken by an earlier booking of this test (overlapping times): try another.
        assert_eq!(response.status(), StatusCode::CONFLICT);
    }
    panic!("no free time left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_message_committed_before_a_kill_9_is_sent_once_after_the_restart() {
    let database = TestDatabase::new().await;
    let sink = MailSink::start().await;
    let mut first = start_sending("demo", &database.url, &sink, SLEEPY_POLL_MS).await;
    let client = reqwest::Client::new();
    let (service, mut slots) = free_follow_up_times(&client, &first.base).await;

    let token = book_any(&client, &first.base, service, &mut slots, 1).await;
    let db = db::connect(&database.url).await.unwrap();
    let confirmation = confirmation_row(&db, appointment_id(&db, &token).await).await;
    assert_eq!(confirmation.status, "queued", "committed, not sent yet");
    first.kill_hard();

    let _second = start_sending("serve", &database.url, &sink, QUICK_POLL_MS).await;
    sink.wait_for(|m| m.outbox_id() == Some(confirmation.id), WAIT)
        .await;
    let sent = wait_for_row(&db, confirmation.id, |row| row.status == "sent").await;

    assert_eq!(sent.attempts, 1);
    let copies = sink
        .all()
        .iter()
        .filter(|m| m.outbox_id() == Some(confirmation.id))
        .count();
    assert_eq!(copies, 1, "exactly one confirmation");
}

/// Bookings made through two processes whose workers both send.
const BOOKINGS: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_processes_send_every_message_exactly_once() {
    let database = TestDatabase::new().await;
    let sink = MailSink::start().await;
    // `demo` first, so the clinic exists before the second process starts.
    let first = start_sending("demo", &database.url, &sink, QUICK_POLL_MS).await;
    let second = start_sending("serve", &database.url, &sink, QUICK_POLL_MS).await;
    let client = reqwest::Client::new();
    let (service, mut slots) = free_follow_up_times(&client, &first.base).await;
    let db = db::connect(&database.url).await.unwrap();

    let mut confirmations = Vec::new();
    for n in 0..BOOKINGS {
        let base = if n % 2 == 0 {
            &first.base
        } else {
            &second.base
        };
        let token = book_any(&client, base, service, &mut slots, n).await;
        confirmations.push(
            confirmation_row(&db, appointment_id(&db, &token).await)
                .await
                .id,
        );
    }
    for &id in &confirmations {
        wait_for_row(&db, id, |row| row.status == "sent").await;
    }

    let mut copies: HashMap<String, usize> = HashMap::new();
    for mail in sink.all() {
        *copies
            .entry(mail.message_id.clone().unwrap_or_default())
            .or_default() += 1;
    }
    for &id in &confirmations {
        let message_id = format!("<outbox-{id}@127.0.0.1>");
        assert_eq!(
            copies.get(&message_id),
            Some(&1),
            "{message_id}: {copies:?}"
        );
    }
    assert!(
        copies.values().all(|&count| count == 1),
        "no message twice: {copies:?}"
    );
}
