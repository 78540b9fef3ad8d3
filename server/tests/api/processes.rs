//! Real `carebook` processes, two of them on one database (a SQLite file, or PostgreSQL with
//! `CAREBOOK_TEST_POSTGRES`): the no-double-booking guarantee must hold across them, not just
//! inside one process.

use crate::helpers::TestDatabase;
use app::wire::{AvailabilityResponse, Clinic, Slot};
use futures::future::join_all;
use reqwest::StatusCode;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start(subcommand: &str, database_url: &str) -> Server {
    start_logging_to(subcommand, database_url, Stdio::null()).await
}

async fn start_logging_to(subcommand: &str, database_url: &str, log: Stdio) -> Server {
    start_with_env(subcommand, database_url, log, &[]).await
}

/// Like `start_logging_to`, with these environment variables (e.g. another `RUST_LOG`).
pub(crate) async fn start_with_env(
    subcommand: &str,
    database_url: &str,
    log: Stdio,
    env: &[(&str, &str)],
) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args([
            subcommand,
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            database_url,
            "--dist",
            "/nonexistent",
        ])
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .expect("carebook starts");
    // Owned at once, so the process is killed and reaped on every path, panics included.
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client
            .get(format!("{}/api/health", server.base))
            .send()
            .await
        {
            if response.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("carebook did not become healthy");
}

/// The 20-minute service and a free time for it one to three weeks out (the real clock runs here).
pub(crate) async fn free_follow_up_time(client: &reqwest::Client, base: &str) -> (i64, Slot) {
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
        .find(|s| s.duration_minutes == 20)
        .unwrap()
        .id;
    let today = chrono::Utc::now().date_naive();
    let availability: AvailabilityResponse = client
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
    let slot = availability
        .slots
        .first()
        .expect("free times two weeks out")
        .clone();
    (service, slot)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_processes_sharing_one_database_still_book_each_time_once() {
    let database = TestDatabase::new().await;
    let url = database.url.clone();
    let first = start("demo", &url).await;
    let second = start("serve", &url).await;
    let client = reqwest::Client::new();

    let (service, slot) = free_follow_up_time(&client, &second.base).await;

    let attempts = (0..50).map(|i| {
        let base = if i % 2 == 0 { &first.base } else { &second.base };
        let body = serde_json::json!({
            "service_id": service,
            "practitioner_id": slot.practitioner_id,
            "start": slot.start,
            "patient": { "name": format!("Process Racer {i}"), "email": "racer@example.org", "language": "en",
                         "new_or_returning": "new", "consent": true }
        });
        let client = client.clone();
        let url = format!("{base}/api/clinics/demo/appointments");
        async move { client.post(url).json(&body).send().await.unwrap().status() }
    });
    let statuses = join_all(attempts).await;

    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let taken = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, taken), (1, 49), "{statuses:?}");
}

#[tokio::test]
async fn admin_create_makes_an_account_that_can_sign_in() {
    use std::io::Write;
    let database = TestDatabase::new().await;
    let url = database.url.clone();
    let server = start("demo", &url).await;

    let mut create = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args([
            "admin",
            "create",
            "--clinic",
            "demo",
            "--email",
            "Head@Clinic.test",
            "--database-url",
            &url,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    create
        .stdin
        .take()
        .unwrap()
        .write_all(b"a very long password\n")
        .unwrap();
    let output = create.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let client = reqwest::Client::new();
    let signed_in = client
        .post(format!("{}/api/console/sign-in", server.base))
        .header("origin", &server.base)
        .json(
            &serde_json::json!({ "email": "head@clinic.test", "password": "a very long password" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let me: app::wire::console::StaffMe = signed_in.json().await.unwrap();
    assert_eq!(me.role, app::wire::console::StaffRole::Admin);

    let short = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args([
            "admin",
            "create",
            "--clinic",
            "demo",
            "--email",
            "x@clinic.test",
            "--database-url",
            &url,
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!short.status.success(), "an empty password is refused");
}

/// `carebook backup --to FILE`, run as an operator would.
fn backup(database_url: &str, to: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["backup", "--to"])
        .arg(to)
        .args(["--database-url", database_url])
        .output()
        .expect("carebook runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_every_booking() {
    let database = TestDatabase::new().await;
    let running = start("demo", &database.url).await;
    let client = reqwest::Client::new();
    let (service, slot) = free_follow_up_time(&client, &running.base).await;
    let body = serde_json::json!({
        "service_id": service,
        "practitioner_id": slot.practitioner_id,
        "start": slot.start,
        "patient": { "name": "Backup Patient", "email": "backup@example.org", "language": "en",
                     "new_or_returning": "new", "consent": true }
    });
    let booked: app::wire::Appointment = client
        .post(format!("{}/api/clinics/demo/appointments", running.base))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let copy = database.dir.path().join("backup.db");
    let output = backup(&database.url, &copy);
    if database.url.starts_with("postgres") {
        // PostgreSQL has its own tool; the command says which instead of half-working.
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump"));
        return;
    }
    assert!(output.status.success(), "{output:?}");
    assert!(
        !backup(&database.url, &copy).status.success(),
        "an existing file is never overwritten"
    );

    // The server keeps running; a second server on the copy has the visit, unchanged.
    let restored = start("serve", &format!("sqlite:{}", copy.display())).await;
    let response = client
        .get(format!(
            "{}/api/appointments/{}",
            restored.base, booked.token
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let visit: app::wire::Appointment = response.json().await.unwrap();
    assert_eq!(visit.start, slot.start);
    assert_eq!(visit.status, app::wire::AppointmentStatus::Booked);
}
