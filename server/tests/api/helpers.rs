use app::wire::{
    Appointment, AvailabilityResponse, BookingRequest, Clinic, Language, NewOrReturning,
    PatientDetails, Slot,
};
use carebook::config::Settings;
use carebook::db::{self, Db};
use carebook::routes::Clock;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::Value;
use std::net::SocketAddr;
use tempfile::TempDir;

/// Tuesday 1 December 2026, 12:00 UTC = 07:00 in New York. Tests that pin the clock use it so
/// the demo clinic's days are known: Dr. Herrera is on leave 3–5 December.
pub fn tuesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

/// Set to a PostgreSQL server's URL (`postgres://carebook@127.0.0.1:PORT`, as `.ci/postgres
/// start` prints) to run every test on PostgreSQL instead of SQLite.
pub const POSTGRES_ENV: &str = "CAREBOOK_TEST_POSTGRES";

/// One test's own empty database: a SQLite file in a temp dir, or, when `CAREBOOK_TEST_POSTGRES`
/// is set, a new database on that PostgreSQL server, dropped again with this value.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
    // The SQLite file lives here; also a scratch folder for the test.
    pub dir: TempDir,
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temp dir");
        let Some(server) = std::env::var(POSTGRES_ENV)
            .ok()
            .filter(|url| !url.is_empty())
        else {
            let url = format!("sqlite:{}", dir.path().join("carebook.db").display());
            return TestDatabase {
                url,
                postgres: None,
                dir,
            };
        };
        let server = server_url(&server);
        let name = format!("t_{:016x}", rand::random::<u64>());
        let mut admin = admin_connection(&server).await;
        sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("CREATE DATABASE on the test server");
        sqlx::Connection::close(admin).await.ok();
        TestDatabase {
            url: format!("{server}/{name}"),
            postgres: Some((server, name)),
            dir,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot be blocked on; a runtime of our own
        // on another thread drops the database (closing the server's pool connections too).
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let mut admin = admin_connection(&server).await;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let _ = sqlx::Executor::execute(&mut admin, sql.as_str()).await;
                let _ = sqlx::Connection::close(admin).await;
            });
        });
        let _ = dropped.join();
    }
}

/// `scheme://user@host:port` of a URL that may name a database too.
fn server_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    match url[after_scheme..].find(['/', '?']) {
        Some(end) => url[..after_scheme + end].to_string(),
        None => url.to_string(),
    }
}

async fn admin_connection(server: &str) -> sqlx::PgConnection {
    <sqlx::PgConnection as sqlx::Connection>::connect(&format!("{server}/postgres"))
        .await
        .unwrap_or_else(|error| panic!("{POSTGRES_ENV}={server} does not answer: {error}"))
}

pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub db: Db,
    pub now: DateTime<Utc>,
    /// The server's clock: `clock.advance(..)` moves time on for it.
    pub clock: Clock,
    // Dropped last: the database (and the test's folder) goes with it.
    _database: TestDatabase,
}

/// The demo clinic, seeded at `now`, served with the clock fixed at `now`.
pub async fn spawn_app_at(now: DateTime<Utc>) -> TestApp {
    spawn_app_serving(now, |_| {}).await
}

/// Like `spawn_app_at`, with a bundle folder that `make_dist` fills before the server starts.
pub async fn spawn_app_serving(
    now: DateTime<Utc>,
    make_dist: impl FnOnce(&std::path::Path),
) -> TestApp {
    spawn_app_configured(now, make_dist, |_| {}).await
}

/// Like `spawn_app_serving`, with `configure` changing the test settings (rate limits are off
/// in them, timeouts at their defaults) before the server starts.
pub async fn spawn_app_configured(
    now: DateTime<Utc>,
    make_dist: impl FnOnce(&std::path::Path),
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let database = TestDatabase::new().await;
    let dist = database.dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist folder");
    make_dist(&dist);
    let db = db::connect(&database.url).await.expect("database");
    carebook::demo::seed(&db, now).await.expect("demo seed");
    let mut settings = Settings::for_tests(database.url.clone(), dist);
    configure(&mut settings);
    let clock = Clock::fixed(now);
    let address = carebook::startup::spawn(settings, db.clone(), clock.clone())
        .await
        .expect("server starts");
    TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        now,
        clock,
        _database: database,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_at(tuesday_morning()).await
}

/// Like `spawn_app`, sending e-mail to `smtp_url` (e.g. `MailSink::url()`, see mail_sink.rs).
pub async fn spawn_app_with_smtp(smtp_url: &str) -> TestApp {
    spawn_app_configured(
        tuesday_morning(),
        |_| {},
        |settings| {
            settings.smtp_url = Some(smtp_url.to_string());
        },
    )
    .await
}

pub fn patient(name: &str) -> PatientDetails {
    PatientDetails {
        name: name.into(),
        preferred_name: Some(name.split(' ').next().unwrap_or(name).into()),
        pronouns: None,
        email: Some("patient@example.org".into()),
        phone: None,
        language: Language::En,
        new_or_returning: NewOrReturning::New,
        reason: None,
        access_needs: None,
        insurance: None,
        consent: true,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub async fn clinic(&self) -> Clinic {
        self.client
            .get(self.url("/api/clinics/demo"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn service_id(&self, name: &str) -> i64 {
        let clinic = self.clinic().await;
        clinic
            .services
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no service {name}"))
            .id
    }

    pub async fn practitioner_id(&self, name: &str) -> i64 {
        let clinic = self.clinic().await;
        clinic
            .practitioners
            .iter()
            .find(|p| p.display_name == name)
            .unwrap_or_else(|| panic!("no practitioner {name}"))
            .id
    }

    pub async fn availability_response(
        &self,
        service_id: i64,
        practitioner_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> reqwest::Response {
        let mut url =
            format!("/api/clinics/demo/availability?service_id={service_id}&from={from}&to={to}");
        if let Some(id) = practitioner_id {
            url.push_str(&format!("&practitioner_id={id}"));
        }
        self.client.get(self.url(&url)).send().await.unwrap()
    }

    pub async fn availability(
        &self,
        service_id: i64,
        practitioner_id: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AvailabilityResponse {
        let response = self
            .availability_response(service_id, practitioner_id, from, to)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn free_slots_on(
        &self,
        service_id: i64,
        practitioner_id: Option<i64>,
        day: NaiveDate,
    ) -> Vec<Slot> {
        self.availability(service_id, practitioner_id, day, day)
            .await
            .slots
    }

    pub async fn book_raw(&self, body: &Value, key: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url("/api/clinics/demo/appointments"))
            .json(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.unwrap()
    }

    pub async fn book(&self, request: &BookingRequest) -> reqwest::Response {
        self.book_raw(&serde_json::to_value(request).unwrap(), None)
            .await
    }

    /// Books and expects success.
    pub async fn book_ok(&self, request: &BookingRequest) -> Appointment {
        let response = self.book(request).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{:?}",
            response.text().await
        );
        response.json().await.unwrap()
    }

    pub async fn appointment(&self, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(&format!("/api/appointments/{token}")))
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Booked intervals (start, end epoch seconds, incl. buffers) of one practitioner.
    pub async fn booked_intervals(&self, practitioner_id: i64) -> Vec<(i64, i64)> {
        sqlx::query_as(
            "SELECT blocked_from, blocked_until FROM appointments
             WHERE practitioner_id = $1 AND status = 'booked' ORDER BY blocked_from",
        )
        .bind(practitioner_id)
        .fetch_all(&self.db.pool)
        .await
        .unwrap()
    }

    pub async fn appointment_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
            .fetch_one(&self.db.pool)
            .await
            .unwrap()
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn request(
    service_id: i64,
    practitioner_id: Option<i64>,
    start: DateTime<Utc>,
    name: &str,
) -> BookingRequest {
    BookingRequest {
        service_id,
        practitioner_id,
        start,
        patient: patient(name),
    }
}

pub async fn error_code(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let body: Value = response.json().await.expect("error bodies are JSON");
    (status, body)
}

/// How many rows each table holds, in the order given: what a re-run of the demo must not change.
pub async fn row_counts(app: &TestApp, tables: &[&str]) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in tables {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        counts.push(count);
    }
    counts
}

/// A page as the server sends it for `path` (drawn, or the page as built), in a browser that
/// prefers `accept_language`: checked to be a 200 HTML page that browsers revalidate, under the
/// app's Content-Security-Policy. Its headers and its text.
pub async fn html_page(
    app: &TestApp,
    path: &str,
    accept_language: &str,
) -> (reqwest::header::HeaderMap, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{path}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{path}"
    );
    assert_eq!(headers["cache-control"], "no-cache", "{path}");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src"),
        "{path}"
    );
    (headers, body)
}
