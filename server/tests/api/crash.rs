//! `kill -9` of a server in the middle of a burst of bookings, then a new server on the same
//! database: every booking a patient was told about (201) is there, and nothing is half-written.
//!
//! What makes this hold: every booking is one transaction (appointment, patient record, its
//! "booked" event and its Idempotency-Key together), so a killed process leaves each either
//! complete or absent. On SQLite the database is in WAL mode with `synchronous = NORMAL`: a
//! commit is in the WAL file (the operating system's page cache) before the answer goes out,
//! which survives the end of the process, though not a power cut (that takes FULL). On
//! PostgreSQL the database server itself is untouched by the crash of one of its clients.

use crate::helpers::TestDatabase;
use crate::server_process::start;
use app::wire::{Appointment, AppointmentStatus, AvailabilityResponse, Clinic};
use carebook::db;
use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Simultaneous patients booking while the server is killed.
const WORKERS: usize = 16;
/// Confirmed bookings before the kill: well into the burst, far from its end.
const CONFIRMED_BEFORE_KILL: usize = 40;

/// One booking request: what was asked, and the Idempotency-Key the patient's browser sent.
#[derive(Clone)]
struct Request {
    key: String,
    body: serde_json::Value,
}

/// What became of a request sent to the server that was killed.
enum Outcome {
    Confirmed(Request, Box<Appointment>),
    Refused,
    /// The connection broke (the kill): the patient does not know whether it was booked.
    Unknown(Request),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_confirmed_before_a_kill_9_are_all_there_after_a_restart() {
    let database = TestDatabase::new().await;
    let mut server = start("demo", &database.url).await;
    let client = reqwest::Client::new();
    let requests = free_times(&client, &server.base).await;
    assert!(
        requests.len() > WORKERS * 10,
        "plenty of free times for a burst"
    );

    // The burst: each worker books its share of the free times one after another until the
    // server is gone.
    let confirmed = Arc::new(AtomicUsize::new(0));
    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|worker| {
            let share: Vec<Request> = requests
                .iter()
                .skip(worker)
                .step_by(WORKERS)
                .cloned()
                .collect();
            let (client, base) = (client.clone(), server.base.clone());
            let (confirmed, outcomes) = (confirmed.clone(), outcomes.clone());
            tokio::spawn(async move {
                for request in share {
                    let outcome = book(&client, &base, &request).await;
                    let broken = matches!(outcome, Outcome::Unknown(_));
                    if matches!(outcome, Outcome::Confirmed(..)) {
                        confirmed.fetch_add(1, Ordering::SeqCst);
                    }
                    outcomes.lock().unwrap().push(outcome);
                    if broken {
                        break;
                    }
                }
            })
        })
        .collect();
    for _ in 0..6000 {
        if confirmed.load(Ordering::SeqCst) >= CONFIRMED_BEFORE_KILL {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill_hard();
    for worker in workers {
        worker.await.unwrap();
    }
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    let mut told: Vec<(Request, Box<Appointment>)> = Vec::new();
    let mut unknown: Vec<Request> = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Confirmed(request, visit) => told.push((request, visit)),
            Outcome::Unknown(request) => unknown.push(request),
            Outcome::Refused => {}
        }
    }
    assert!(
        told.len() >= CONFIRMED_BEFORE_KILL,
        "{} confirmed",
        told.len()
    );
    assert!(
        !unknown.is_empty(),
        "the kill came while bookings were still being sent"
    );

    let restarted = start("serve", &database.url).await;

    // Every visit a patient was told about is there, as they were told.
    for (_, visit) in &told {
        let response = client
            .get(format!(
                "{}/api/appointments/{}",
                restarted.base, visit.token
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let stored: Appointment = response.json().await.unwrap();
        assert_eq!(stored.status, AppointmentStatus::Booked);
        assert_eq!((stored.start, stored.end), (visit.start, visit.end));
    }

    // A patient whose answer was lost sends the same request again, as the booking page does:
    // it books once, or answers with the booking the lost request already made.
    let mut booked_tokens: Vec<String> = told.iter().map(|(_, v)| v.token.clone()).collect();
    for request in &unknown {
        match book(&client, &restarted.base, request).await {
            Outcome::Confirmed(_, visit) => booked_tokens.push(visit.token),
            Outcome::Refused => {}
            Outcome::Unknown(_) => panic!("the restarted server did not answer"),
        }
    }
    // A retry whose lost request had booked answers with that same visit: one booking, not two.
    booked_tokens.sort();
    booked_tokens.dedup();

    let db = db::connect(&database.url).await.unwrap();
    let stored = count(
        &db,
        "SELECT COUNT(*) FROM appointments WHERE email LIKE 'crash-%'",
    )
    .await;
    assert_eq!(
        stored,
        booked_tokens.len() as i64,
        "exactly the bookings patients were told about are stored"
    );
    assert_nothing_half_written(&db).await;
    if database.url.starts_with("sqlite:") {
        assert_sqlite_file_is_sound(&db).await;
    }
    drop(restarted);
}

/// Every follow-up and physiotherapy time free one to four weeks out, each as one request.
async fn free_times(client: &reqwest::Client, base: &str) -> Vec<Request> {
    let clinic: Clinic = client
        .get(format!("{base}/api/clinics/demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let today = Utc::now().date_naive();
    let mut times: Vec<(i64, i64, DateTime<Utc>)> = Vec::new();
    for service in clinic
        .services
        .iter()
        .filter(|s| s.duration_minutes == 20 || s.duration_minutes == 60)
    {
        let availability: AvailabilityResponse = client
            .get(format!(
                "{base}/api/clinics/demo/availability?service_id={}&from={}&to={}",
                service.id,
                today + chrono::Duration::days(7),
                today + chrono::Duration::days(28)
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        times.extend(
            availability
                .slots
                .iter()
                .map(|slot| (service.id, slot.practitioner_id, slot.start)),
        );
    }
    times
        .into_iter()
        .enumerate()
        .map(|(i, (service, practitioner, start))| Request {
            key: format!("crash-test-{i}"),
            body: serde_json::json!({
                "service_id": service,
                "practitioner_id": practitioner,
                "start": start,
                "patient": { "name": format!("Crash Patient {i}"), "email": format!("crash-{i}@example.org"),
                             "language": "en", "new_or_returning": "new", "consent": true }
            }),
        })
        .collect()
}

async fn book(client: &reqwest::Client, base: &str, request: &Request) -> Outcome {
    let sent = client
        .post(format!("{base}/api/clinics/demo/appointments"))
        .header("Idempotency-Key", &request.key)
        .json(&request.body)
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    let Ok(response) = sent else {
        return Outcome::Unknown(request.clone());
    };
    match response.status() {
        StatusCode::CREATED => match response.json::<Appointment>().await {
            Ok(visit) => Outcome::Confirmed(request.clone(), Box::new(visit)),
            // The kill cut the answer off halfway: the patient never saw a confirmation.
            Err(_) => Outcome::Unknown(request.clone()),
        },
        // Times overlapping an earlier booking of this burst.
        StatusCode::CONFLICT => Outcome::Refused,
        other => panic!("a booking answered {other}"),
    }
}

async fn count(db: &db::Db, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// A booking is an appointment, its patient record, its "booked" event and its
/// Idempotency-Key: all four, or none.
async fn assert_nothing_half_written(db: &db::Db) {
    let checks = [
        (
            "appointments without their patient record",
            "SELECT COUNT(*) FROM appointments a WHERE a.email LIKE 'crash-%'
               AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.id = a.patient_id)",
        ),
        (
            "appointments without their booked event",
            "SELECT COUNT(*) FROM appointments a WHERE a.email LIKE 'crash-%'
               AND NOT EXISTS (SELECT 1 FROM appointment_events e
                               WHERE e.appointment_id = a.id AND e.action = 'booked')",
        ),
        (
            "appointments without their Idempotency-Key",
            "SELECT COUNT(*) FROM appointments a WHERE a.email LIKE 'crash-%'
               AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.appointment_id = a.id)",
        ),
        (
            "Idempotency-Keys without their appointment",
            "SELECT COUNT(*) FROM idempotency_keys k
               WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = k.appointment_id)",
        ),
        (
            "patient records without any appointment",
            "SELECT COUNT(*) FROM patients p WHERE p.email_key LIKE 'crash-%'
               AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id)",
        ),
        (
            "events of appointments that do not exist",
            "SELECT COUNT(*) FROM appointment_events e
               WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = e.appointment_id)",
        ),
    ];
    for (what, sql) in checks {
        assert_eq!(count(db, sql).await, 0, "{what}");
    }
}

/// The SQLite file after the crash: intact, and still in WAL mode (a setting the file keeps;
/// the connections set `synchronous = NORMAL` again each time they open).
async fn assert_sqlite_file_is_sound(db: &db::Db) {
    let mut conn = db.pool.acquire().await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    // 1 = NORMAL: in WAL mode, durable against the process crashing, not against power loss.
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(synchronous, 1);
}
