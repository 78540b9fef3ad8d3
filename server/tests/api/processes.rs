//! Real `carebook` processes, two of them on one database (a SQLite file, or PostgreSQL with
//! `CAREBOOK_TEST_POSTGRES`): the no-double-booking guarantee must hold across them, not just
//! inside one process.

use crate::helpers::TestDatabase;
use crate::server_process::{free_follow_up_time, start, start_logging_to};
use futures::future::join_all;
use reqwest::StatusCode;
use std::process::{Command, Stdio};

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
async fn logs_name_the_route_but_never_the_token_or_the_patient() {
    let database = TestDatabase::new().await;
    let url = database.url.clone();
    let log_path = database.dir.path().join("server.log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    let server = start_logging_to("demo", &url, Stdio::from(log_file)).await;
    let client = reqwest::Client::new();

    let (service, slot) = free_follow_up_time(&client, &server.base).await;
    let body = serde_json::json!({
        "service_id": service, "start": slot.start,
        "patient": { "name": "Zelda Lognot", "email": "zelda.lognot@example.org", "phone": "+1 555 867 5309",
                     "language": "en", "new_or_returning": "new", "consent": true,
                     "insurance": { "payer": "Acme", "member_id": "MEMBER-998877" } }
    });
    let visit: app::wire::Appointment = client
        .post(format!("{}/api/clinics/demo/appointments", server.base))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    client
        .get(format!("{}/api/appointments/{}", server.base, visit.token))
        .send()
        .await
        .unwrap();
    client
        .get(format!(
            "{}/api/appointments/{}/calendar.ics",
            server.base, visit.token
        ))
        .send()
        .await
        .unwrap();
    let bad = client.post(format!("{}/api/clinics/demo/appointments", server.base)).json(&serde_json::json!({
        "service_id": service, "start": slot.start,
        "patient": { "name": "Zelda Lognot", "email": "zelda-not-an-email", "language": "en", "new_or_returning": "new", "consent": true }
    })).send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    drop(server);

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains("/api/appointments/{token}"),
        "requests are logged by route template:\n{log}"
    );
    assert!(log.contains("/api/clinics/{slug}/appointments"));
    for secret in [
        visit.token.as_str(),
        "Zelda",
        "Lognot",
        "zelda",
        "555 867 5309",
        "MEMBER-998877",
    ] {
        assert!(!log.contains(secret), "{secret} appeared in the log");
    }
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
