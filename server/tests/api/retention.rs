//! `carebook anonymise --older-than-days N`, run as an operator would: visits that ended more
//! than N days ago lose their personal data (by the erasure rule), recent ones keep it, and a
//! person with both keeps their record and their recent visit's details.

use crate::helpers::*;
use app::wire::{Appointment, BookingRequest};
use carebook::db::erasure::{retention, Retention};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;
use std::process::{Command, Output};

fn anonymise(database_url: &str, now: DateTime<Utc>, days: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["anonymise", "--older-than-days", days, "--database-url"])
        .arg(database_url)
        .arg("--now")
        .arg(now.to_rfc3339())
        .env_remove("CAREBOOK_RETENTION_DAYS")
        .output()
        .expect("carebook runs")
}

async fn book_on(app: &TestApp, day: NaiveDate, name: &str, email: &str) -> Appointment {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let slot = app
        .free_slots_on(service, Some(okafor), day)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("a free time on {day}"));
    let mut booking: BookingRequest = request(service, Some(okafor), slot.start, name);
    booking.patient.email = Some(email.into());
    booking.patient.reason = Some(format!("{name} has a cough"));
    app.book_ok(&booking).await
}

async fn name_of(app: &TestApp, token: &str) -> Option<String> {
    let response = app.appointment(token).await;
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    assert_eq!(response.status(), StatusCode::OK);
    let visit: Appointment = response.json().await.unwrap();
    Some(visit.patient.preferred_name)
}

async fn patient_name(app: &TestApp, email: &str) -> Option<String> {
    sqlx::query_scalar("SELECT name FROM patients WHERE email_key = $1")
        .bind(email)
        .fetch_optional(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn old_visits_are_anonymised_and_recent_ones_kept() {
    let app = spawn_app().await;
    // Booked now (1 December 2026); the command runs on 1 February 2027, keeping 30 days:
    // December's visits are old by then, mid-January's are not.
    let olga = book_on(&app, date(2026, 12, 7), "Olga Oldvisit", "olga@example.org").await;
    let mona_old = book_on(&app, date(2026, 12, 8), "Mona Mixed", "mona@example.org").await;
    let mona_new = book_on(&app, date(2027, 1, 13), "Mona Mixed", "mona@example.org").await;
    let rita = book_on(&app, date(2027, 1, 12), "Rita Recent", "rita@example.org").await;
    let run_at = Utc.with_ymd_and_hms(2027, 2, 1, 12, 0, 0).unwrap();
    let cutoff = run_at - Duration::days(30);
    let (old_visits, visits): (i64, i64) = sqlx::query_as(
        "SELECT CAST(SUM(CASE WHEN ends_at < $1 THEN 1 ELSE 0 END) AS BIGINT), COUNT(*) FROM appointments",
    )
    .bind(cutoff.timestamp())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();

    assert_eq!(name_of(&app, &olga.token).await.as_deref(), Some("Olga"));

    let done = retention(&app.db, 30, run_at).await.unwrap();
    assert_eq!(done.appointments, u64::try_from(old_visits).unwrap());
    assert!(done.patients >= 1, "Olga's record, at least");

    // Old: the link shows nothing, the details are gone, the visit (time, status) stays.
    assert_eq!(name_of(&app, &olga.token).await, None);
    assert_eq!(name_of(&app, &mona_old.token).await, None);
    assert_eq!(patient_name(&app, "olga@example.org").await, None);
    let kept: Vec<(String, i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT patient_name, starts_at, email, reason FROM appointments
         WHERE starts_at IN ($1, $2) ORDER BY starts_at",
    )
    .bind(olga.start.timestamp())
    .bind(mona_old.start.timestamp())
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        kept,
        vec![
            (String::new(), olga.start.timestamp(), None, None),
            (String::new(), mona_old.start.timestamp(), None, None),
        ]
    );
    // Recent: untouched, and Mona keeps her record because of her January visit.
    assert_eq!(name_of(&app, &rita.token).await.as_deref(), Some("Rita"));
    assert_eq!(
        name_of(&app, &mona_new.token).await.as_deref(),
        Some("Mona")
    );
    assert_eq!(
        patient_name(&app, "mona@example.org").await.as_deref(),
        Some("Mona Mixed")
    );
    let reason: Option<String> =
        sqlx::query_scalar("SELECT reason FROM appointments WHERE token = $1")
            .bind(&mona_new.token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(reason.as_deref(), Some("Mona Mixed has a cough"));
    assert_eq!(app.appointment_count().await, visits, "no visit is deleted");

    // A second run finds nothing left to do.
    assert_eq!(
        retention(&app.db, 30, run_at).await.unwrap(),
        Retention::default()
    );
}

#[tokio::test]
async fn the_command_refuses_a_retention_under_a_day_and_prints_counts_only() {
    let database = TestDatabase::new().await;
    let db = carebook::db::connect(&database.url).await.unwrap();
    let now = tuesday_morning();
    carebook::demo::seed(&db, now).await.unwrap();
    // The demo's sample visits this week: old once the command runs a year later with 30 days.
    let visits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(visits > 0);
    let names: Vec<String> = sqlx::query_scalar("SELECT patient_name FROM appointments")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let later = now + Duration::days(365);

    for refused in ["0", "-5", "many", "36501"] {
        let output = anonymise(&database.url, later, refused);
        assert!(!output.status.success(), "--older-than-days {refused}");
    }
    let output = anonymise(&database.url, later, "30");
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        printed.starts_with(&format!(
            "Anonymised {visits} visits that ended more than 30 days ago"
        )),
        "{printed}"
    );
    for name in &names {
        assert!(!printed.contains(name.as_str()), "counts only: {printed}");
    }
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments WHERE anonymised_at IS NULL")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(left, 0);
    // The default (ten years) leaves last year's visits alone: nothing new to do anyway, and
    // the run succeeds without the flag.
    let default = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["anonymise", "--database-url", &database.url])
        .env_remove("CAREBOOK_RETENTION_DAYS")
        .output()
        .unwrap();
    assert!(default.status.success(), "{default:?}");
    db.pool.close().await;
}
