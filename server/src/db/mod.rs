//! The database: connecting, migrating, and the queries, one module per table family.
//!
//! Instants are stored as INTEGER seconds since the epoch (UTC) so the overlap rule is plain
//! integer comparison on every backend. Write transactions that check-then-write use
//! `BEGIN IMMEDIATE` so that SQLite takes its single write lock before reading.

pub mod appointments;
pub mod clinics;
pub mod idempotency;
pub mod patients;
pub mod running_late;
pub mod schedules;
pub mod setup;
pub mod staff;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

pub type Conn = sqlx::SqliteConnection;
pub type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: SqlitePool,
    /// Writers of this process take turns here before asking SQLite for its write lock. SQLite
    /// lets only one writer in at a time anyway; waiting in this queue instead of in SQLite's
    /// busy handler (which sleeps and retries) keeps a burst of bookings fast and fair.
    write_turn: Arc<Mutex<()>>,
}

/// A write transaction and this process's writing turn, released together.
pub struct WriteTx {
    tx: Tx,
    _turn: OwnedMutexGuard<()>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Deref for WriteTx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.tx
    }
}

impl Db {
    pub fn new(pool: SqlitePool) -> Self {
        Db {
            pool,
            write_turn: Arc::new(Mutex::new(())),
        }
    }

    /// A transaction that holds the write lock from its first statement, so what it reads
    /// cannot change before it writes — also across processes sharing the database file, where
    /// SQLite's lock (and its busy timeout) does the queueing.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let turn = self.write_turn.clone().lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx { tx, _turn: turn })
    }
}

/// Opens (creating if needed) the database and applies migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(database_url)
        .with_context(|| "DATABASE_URL is not a valid sqlite: URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Writers queue behind each other instead of failing at once under load.
        .busy_timeout(Duration::from_secs(10));
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).with_context(|| {
                format!("cannot create the data directory {}", parent.display())
            })?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .context("cannot open the database")?;
    sqlx::migrate!("./migrations/sqlite")
        .run(&pool)
        .await
        .context("cannot apply migrations")?;
    Ok(Db::new(pool))
}

/// Seconds since the epoch, as stored.
pub fn to_epoch(instant: chrono::DateTime<chrono::Utc>) -> i64 {
    instant.timestamp()
}

pub fn from_epoch(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}
