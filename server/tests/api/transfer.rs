//! `carebook migrate-data`: a clinic that ran on SQLite moves to the test run's database
//! (PostgreSQL with `CAREBOOK_TEST_POSTGRES`, else a second SQLite file, the restore path) and
//! carries on there as if nothing happened.

use crate::helpers::{request, tuesday_morning, TestDatabase};
use carebook::config::Settings;
use carebook::routes::Clock;
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::process::Command;

const PASSWORD: &str = "a long demo password";
const DESK: &str = "frontdesk@demo.carebook.test";

/// A running server and a client that keeps its console session.
struct Server {
    base: String,
    client: reqwest::Client,
}

impl Server {
    /// Serves `database_url` in this process with the tests' pinned clock.
    async fn start(database_url: &str) -> Server {
        let db = carebook::db::connect(database_url).await.expect("database");
        let settings = Settings::for_tests(database_url.into(), "/nonexistent".into());
        let address = carebook::startup::spawn(settings, db, Clock::fixed(tuesday_morning()))
            .await
            .expect("server starts");
        Server {
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str) -> Value {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.json().await.unwrap()
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Signs the front desk in; returns the session cookie.
    async fn sign_in(&self) -> String {
        let response = self
            .client
            .post(format!("{}/api/console/sign-in", self.base))
            .header("origin", &self.base)
            .json(&json!({ "email": DESK, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "the desk signs in");
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        cookie.split(';').next().unwrap().to_string()
    }

    /// The console's patient lookup, as the front desk.
    async fn find_patients(&self, cookie: &str, query: &str) -> Value {
        let response = self
            .client
            .get(format!("{}/api/console/patients?q={query}", self.base))
            .header("origin", &self.base)
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

/// Monday 7 December 2026 at `hour` in New York (UTC-5).
fn monday_at(hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour + 5, 0, 0).unwrap()
}

fn migrate_data(from: &str, to: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["migrate-data", "--from", from, "--to", to])
        .env("RUST_LOG", "warn")
        .output()
        .expect("carebook runs")
}

/// The tables the migrations create, read from the migration files themselves.
fn tables_in_migrations(backend: &str) -> BTreeSet<String> {
    let folder = format!("{}/migrations/{backend}", env!("CARGO_MANIFEST_DIR"));
    let mut tables = BTreeSet::new();
    for file in std::fs::read_dir(folder).unwrap() {
        let sql = std::fs::read_to_string(file.unwrap().path()).unwrap();
        for statement in sql.split("CREATE TABLE ").skip(1) {
            let name = statement
                .split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap();
            tables.insert(name.to_string());
        }
    }
    tables
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinic_moved_by_migrate_data_carries_on_with_its_visits_staff_and_patients() {
    // The clinic as it ran on SQLite: the demo set-up, staff, patients who booked online, one
    // visit moved, one cancelled, the desk signed in and looking patients up (audit rows).
    let folder = tempfile::tempdir().unwrap();
    let source_url = format!("sqlite:{}", folder.path().join("clinic.db").display());
    let db = carebook::db::connect(&source_url).await.unwrap();
    carebook::demo::seed(&db, tuesday_morning()).await.unwrap();
    carebook::demo::seed_staff(&db, PASSWORD, tuesday_morning())
        .await
        .unwrap();
    let before = Server::start(&source_url).await;
    let clinic = before.get("/api/clinics/demo").await;
    let service = clinic["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Follow-up visit")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let okafor = clinic["practitioners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["display_name"] == "Dr. Amara Okafor")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let book = |hour: u32, name: &'static str| {
        let mut booking = request(service, Some(okafor), monday_at(hour), name);
        booking.patient.email = Some(format!("{}@example.org", name.replace(' ', ".")));
        serde_json::to_value(booking).unwrap()
    };
    let mut tokens = Vec::new();
    for (hour, name) in [(9, "Moira Quell"), (10, "Tobias Quell"), (11, "Ines Quell")] {
        let response = before
            .post("/api/clinics/demo/appointments", &book(hour, name))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let visit: Value = response.json().await.unwrap();
        tokens.push(visit["token"].as_str().unwrap().to_string());
    }
    let moved = before
        .post(
            &format!("/api/appointments/{}/reschedule", tokens[0]),
            &json!({ "start": monday_at(14) }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK, "{:?}", moved.text().await);
    let cancelled = before
        .post(
            &format!("/api/appointments/{}/cancel", tokens[1]),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let desk = before.sign_in().await;
    let patients_before = before.find_patients(&desk, "quell").await;
    assert_eq!(patients_before.as_array().unwrap().len(), 3);
    let mut visits_before = Vec::new();
    for token in &tokens {
        visits_before.push(before.get(&format!("/api/appointments/{token}")).await);
    }

    // The move, as an operator runs it.
    let target = TestDatabase::new().await;
    let output = migrate_data(&source_url, &target.url);
    let printed = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let counts: Vec<(String, u64)> = printed
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let table = words.next()?.to_string();
            let rows = words.next()?.parse().ok()?;
            Some((table, rows))
        })
        .collect();
    let copied: BTreeSet<String> = counts.iter().map(|(table, _)| table.clone()).collect();
    assert_eq!(
        copied,
        tables_in_migrations("sqlite"),
        "every table of the schema is copied, and only those"
    );
    assert_eq!(
        tables_in_migrations("postgres"),
        tables_in_migrations("sqlite")
    );
    for (table, rows) in &counts {
        let in_source: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(*rows, in_source as u64, "{table}: every row arrives");
    }
    let rows_of = |table: &str| counts.iter().find(|(t, _)| t == table).unwrap().1;
    assert!(rows_of("staff_sessions") >= 1 && rows_of("audit_log") >= 1);
    for private in ["Moira", "Quell", "example.org", &tokens[0]] {
        assert!(!printed.contains(private), "counts only, no patient data");
    }

    // The same clinic, the same visits, the same staff and patients on the new database.
    let after = Server::start(&target.url).await;
    assert_eq!(after.get("/api/clinics/demo").await, clinic);
    for (token, before) in tokens.iter().zip(&visits_before) {
        assert_eq!(
            &after.get(&format!("/api/appointments/{token}")).await,
            before
        );
    }
    assert_eq!(visits_before[0]["start"], json!(monday_at(14)));
    assert_eq!(visits_before[1]["status"], "cancelled");
    let desk = after.sign_in().await;
    assert_eq!(after.find_patients(&desk, "quell").await, patients_before);

    // New rows get fresh ids (a new visit, patient and event), and the no-double-booking
    // guard is still in force on the copied visits.
    let fresh = after
        .post("/api/clinics/demo/appointments", &book(15, "Nadia Quell"))
        .await;
    assert_eq!(
        fresh.status(),
        StatusCode::CREATED,
        "{:?}",
        fresh.text().await
    );
    let taken = after
        .post("/api/clinics/demo/appointments", &book(11, "Late Quell"))
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(
        after
            .find_patients(&desk, "quell")
            .await
            .as_array()
            .unwrap()
            .len(),
        4
    );

    // A second run would mix two clinics' data: refused, and the target is left as it was.
    let again = migrate_data(&source_url, &target.url);
    assert!(!again.status.success());
    let message = String::from_utf8_lossy(&again.stderr);
    assert!(
        message.contains("already holds data") && message.contains("empty database"),
        "{message}"
    );
}

#[tokio::test]
async fn migrate_data_refuses_a_missing_source_instead_of_copying_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let missing = format!("sqlite:{}", folder.path().join("typo.db").display());
    let target = format!("sqlite:{}", folder.path().join("new.db").display());
    let output = migrate_data(&missing, &target);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no SQLite database"));
    assert!(!folder.path().join("typo.db").exists());
}
