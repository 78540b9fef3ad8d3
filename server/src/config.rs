//! Command line and environment settings (every flag has an env fallback; see `.env.sample`).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "carebook",
    version,
    about = "Carebook: clinic booking for patients"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Ten years: kept unless the operator chooses a shorter retention period.
pub const DEFAULT_RETENTION_DAYS: u32 = 3650;
/// A hundred years; longer is a typo.
const MAX_RETENTION_DAYS: i64 = 36_500;

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Create or refresh the demo clinic (slug `demo`), then run the server.
    Demo,
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of a SQLite database while the server keeps running (restore:
    /// stop the server and put the copy in place). On PostgreSQL use `pg_dump`.
    Backup {
        /// The new file; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Copy every table of one database into a new, empty one, ids and all: a clinic group
    /// moving from SQLite to PostgreSQL (`--from sqlite:data/carebook.db --to postgres://…`),
    /// or back into a SQLite file. Stop the servers first; prints row counts per table.
    MigrateData {
        /// The database to copy from, e.g. `sqlite:data/carebook.db`.
        #[arg(long)]
        from: String,
        /// The database to fill, e.g. `postgres://carebook@db.internal/carebook`; it is
        /// migrated first and must hold no rows.
        #[arg(long)]
        to: String,
    },
    /// Retention: anonymise every visit that ended more than N days ago, and the records of
    /// people with no later visit, by the same rule as an admin's erasure (names, contacts and
    /// notes blanked; times, services and statuses kept). Prints counts only.
    Anonymise {
        /// N: how many days after a visit ends its personal data is kept (1 to 36500).
        #[arg(
            long,
            env = "CAREBOOK_RETENTION_DAYS",
            default_value_t = DEFAULT_RETENTION_DAYS,
            value_parser = clap::value_parser!(u32).range(1..=MAX_RETENTION_DAYS)
        )]
        older_than_days: u32,
    },
    /// Manage staff accounts.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// Create a staff account (or reset its password); the password is read from standard input.
    Create {
        /// The clinic's slug, e.g. `demo`.
        #[arg(long)]
        clinic: String,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Clinic admin")]
        name: String,
        /// admin, front_desk or practitioner.
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct Settings {
    /// Address to listen on.
    #[arg(
        long,
        env = "CAREBOOK_BIND",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub bind: String,
    /// Database URL: `sqlite:PATH` (created if missing; by default in ./data) or
    /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (PostgreSQL 15+).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:data/carebook.db",
        global = true
    )]
    pub database_url: String,
    /// The address patients reach this server at (used in calendar files and links).
    #[arg(
        long,
        env = "CAREBOOK_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,
    /// Folder with the built browser bundle (trunk's dist).
    #[arg(long, env = "CAREBOOK_DIST", default_value = "app/dist", global = true)]
    pub dist: PathBuf,
    /// Pin the server's clock to this instant (RFC 3339). For demos and tests that must land on
    /// a chosen day, e.g. inside the late-cancel window; never set it in production.
    #[arg(long, env = "CAREBOOK_NOW", global = true, hide = true)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Password for the demo clinic's staff accounts (`demo` only); random when not given.
    #[arg(
        long,
        env = "CAREBOOK_DEMO_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub demo_password: Option<String>,
    /// Longest a whole request may take, in seconds, before it is answered 503 `timeout`.
    #[arg(
        long,
        env = "CAREBOOK_REQUEST_TIMEOUT",
        default_value_t = 15,
        global = true
    )]
    pub request_timeout: u64,
    /// Longest wait, in seconds, for the next piece of a request body before answering 408:
    /// a client that sends headers and then stalls does not hold a connection.
    #[arg(
        long,
        env = "CAREBOOK_BODY_TIMEOUT",
        default_value_t = 10,
        global = true
    )]
    pub body_timeout: u64,
    /// Per-address rate limits on patient bookings and availability (`off` for load tests or
    /// when a proxy in front limits instead).
    #[arg(
        long,
        env = "CAREBOOK_RATE_LIMITS",
        value_enum,
        default_value_t = Switch::On,
        global = true
    )]
    pub rate_limits: Switch,
    /// Patient booking writes (book, reschedule, cancel) allowed per client address per minute.
    #[arg(
        long,
        env = "CAREBOOK_BOOKING_LIMIT",
        default_value_t = crate::rate_limit::DEFAULT_BOOKINGS_PER_MINUTE,
        global = true
    )]
    pub booking_limit: u32,
    /// Availability queries allowed per client address per minute.
    #[arg(
        long,
        env = "CAREBOOK_AVAILABILITY_LIMIT",
        default_value_t = crate::rate_limit::DEFAULT_AVAILABILITY_PER_MINUTE,
        global = true
    )]
    pub availability_limit: u32,
    /// Mail server for messages to patients, e.g. `smtp://127.0.0.1:1025` (plain, for a
    /// local catcher), `smtp://user:pass@mail.example.org:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@mail.example.org` (TLS). Without one, e-mails wait in the outbox
    /// ("not sent: no mail server") and are sent once a server is configured.
    #[arg(long, env = "SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The From of messages to patients.
    #[arg(
        long,
        env = "CAREBOOK_MAIL_FROM",
        default_value = "Carebook <no-reply@carebook.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// Development SMS "provider": texts are appended to this file instead of being sent.
    /// Without it, texts wait in the outbox ("not sent: no SMS provider").
    #[arg(long, env = "CAREBOOK_SMS_LOG", global = true)]
    pub sms_log: Option<PathBuf>,
    /// How often the outbox worker looks for due messages, in milliseconds.
    #[arg(
        long,
        env = "CAREBOOK_OUTBOX_POLL_MS",
        default_value_t = 1000,
        value_parser = clap::value_parser!(u64).range(10..=3_600_000),
        global = true,
        hide = true
    )]
    pub outbox_poll_ms: u64,
    /// How long a worker holds a message it is sending, in seconds, before another process may
    /// presume it dead and send the message again (see README, "Messages").
    #[arg(
        long,
        env = "CAREBOOK_OUTBOX_LEASE_SECS",
        default_value_t = 300,
        value_parser = clap::value_parser!(u64).range(1..=86_400),
        global = true,
        hide = true
    )]
    pub outbox_lease_secs: u64,
}

/// `on` or `off` on the command line and in the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

impl Settings {
    /// The clock to run with: the real one unless `--now` pinned it.
    pub fn clock(&self) -> crate::routes::Clock {
        self.now
            .map_or(crate::routes::Clock::System, crate::routes::Clock::fixed)
    }

    /// Settings for tests: a given database, port 0, no bundle.
    pub fn for_tests(database_url: String, dist: PathBuf) -> Self {
        Settings {
            bind: "127.0.0.1:0".into(),
            database_url,
            public_url: "http://127.0.0.1".into(),
            dist,
            now: None,
            demo_password: None,
            request_timeout: 15,
            body_timeout: 10,
            // Tests fire many requests from one address; the rate-limit tests turn them on.
            rate_limits: Switch::Off,
            booking_limit: crate::rate_limit::DEFAULT_BOOKINGS_PER_MINUTE,
            availability_limit: crate::rate_limit::DEFAULT_AVAILABILITY_PER_MINUTE,
            smtp_url: None,
            mail_from: "Carebook <no-reply@carebook.invalid>".into(),
            sms_log: None,
            // Quicker than a real server's, so tests that wait for a mail wait little.
            outbox_poll_ms: 100,
            outbox_lease_secs: 300,
        }
    }
}
