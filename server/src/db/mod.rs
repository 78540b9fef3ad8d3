//! The database: connecting, migrating, and the queries, one module per table family.
//!
//! Instants are stored as INTEGER seconds since the epoch (UTC) so the overlap rule is plain
//! integer comparison on every backend. The same queries run on SQLite and PostgreSQL through
//! sqlx's Any driver; the few real differences are in `dialect`.

pub mod appointments;
pub mod articles;
pub mod clinics;
pub mod confirmations;
pub mod dialect;
pub mod embed;
pub mod erasure;
pub mod fhir;
pub mod follow_ups;
pub mod idempotency;
pub mod instructions;
pub mod jargon;
pub mod kpis;
pub mod outbox;
pub mod outbox_claims;
pub mod outbox_status;
pub mod patients;
pub mod questions;
pub mod running_late;
pub mod schedules;
pub mod schema;
pub mod setup;
pub mod staff;
pub mod survey;
pub mod transfer;
pub mod waitlist;
pub mod waitlist_outbox;

pub use dialect::Backend;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AnyPool, Connection, Executor};
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

pub type Conn = sqlx::AnyConnection;
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// How often a write is tried when PostgreSQL ends its transaction to let a concurrent one
/// through (`ApiError::is_retryable`): two bookings inserting one time can wait on each other's
/// exclusion check, a deadlock PostgreSQL resolves by failing one of them.
pub const TRIES_ON_CONFLICT: u32 = 3;

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    backend: Backend,
    /// SQLite only: writers of this process take turns here before asking SQLite for its write
    /// lock. SQLite lets only one writer in at a time anyway; waiting in this queue instead of
    /// in SQLite's busy handler (which sleeps and retries) keeps a burst of bookings fast and
    /// fair. PostgreSQL writers run side by side.
    write_turn: Arc<Mutex<()>>,
}

/// A write transaction and this process's writing turn (SQLite), released together.
pub struct WriteTx {
    tx: Tx,
    _turn: Option<OwnedMutexGuard<()>>,
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
    pub fn new(pool: AnyPool, backend: Backend) -> Self {
        Db {
            pool,
            backend,
            write_turn: Arc::new(Mutex::new(())),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction for writing. On SQLite it holds the write lock from its first statement,
    /// so what it reads cannot change before it writes — also across processes sharing the
    /// database file, where SQLite's lock (and its busy timeout) does the queueing. On
    /// PostgreSQL it is an ordinary READ COMMITTED transaction: the constraints (no overlap,
    /// unique keys) decide races, and `begin_clinic_write` serializes the rest.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let turn = match self.backend {
            Backend::Sqlite => Some(self.write_turn.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let tx = self.pool.begin_with(self.backend.begin_write()).await?;
        Ok(WriteTx { tx, _turn: turn })
    }

    /// A write transaction that first makes other changes to the same clinic's set-up or staff
    /// wait until it ends, for writes that check something ("an admin remains", "the code is
    /// free") and then write. Everything it reads afterwards is what those others committed.
    pub async fn begin_clinic_write(&self, clinic_id: i64) -> Result<WriteTx, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if let Some(lock) = self.backend.lock_clinic() {
            sqlx::query(lock).bind(clinic_id).execute(&mut *tx).await?;
        }
        Ok(tx)
    }
}

/// Opens the database (a SQLite file is created if needed) and applies migrations.
/// `sqlite:PATH` or `postgres://USER@HOST:PORT/DATABASE`.
pub async fn connect(database_url: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(database_url).with_context(|| {
        "DATABASE_URL must start with sqlite: or postgres:// (e.g. sqlite:data/carebook.db)"
    })?;
    match backend {
        Backend::Sqlite => prepare_sqlite(database_url).await?,
        Backend::Postgres => prepare_postgres(database_url).await?,
    }
    let pool = AnyPoolOptions::new()
        .max_connections(backend.pool_size())
        .after_connect(move |conn, _| {
            Box::pin(async move {
                for statement in backend.session_setup() {
                    conn.execute(*statement).await?;
                }
                Ok(())
            })
        })
        .connect(database_url)
        .await
        .context("cannot open the database")?;
    Ok(Db::new(pool, backend))
}

/// Creates the file (and its folder) if missing, switches it to WAL (a setting the file
/// keeps), and migrates, with SQLite's own driver; the Any pool then opens the ready file.
async fn prepare_sqlite(database_url: &str) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::from_str(database_url)
        .with_context(|| "DATABASE_URL is not a valid sqlite: URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).with_context(|| {
                format!("cannot create the data directory {}", parent.display())
            })?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .context("cannot open the database")?;
    sqlx::migrate!("./migrations/sqlite")
        .run(&pool)
        .await
        .context("cannot apply migrations")?;
    pool.close().await;
    Ok(())
}

/// Applies the PostgreSQL migrations with PostgreSQL's own driver (sqlx takes an advisory
/// lock, so processes starting together migrate once).
async fn prepare_postgres(database_url: &str) -> anyhow::Result<()> {
    let mut conn = sqlx::PgConnection::connect(database_url)
        .await
        .context("cannot open the database")?;
    sqlx::migrate!("./migrations/postgres")
        .run(&mut conn)
        .await
        .context("cannot apply migrations")?;
    conn.close().await?;
    Ok(())
}

/// A 0/1 flag column, read as a `bool` with `#[sqlx(try_from = "db::IntFlag")]`. Flags are
/// integers on both databases: SQLite has no boolean type, and the Any driver hands SQLite's
/// integers over as integers, never as booleans. Queries computing a flag write
/// `CASE WHEN … THEN 1 ELSE 0 END` for the same reason.
#[derive(Clone, Copy, Debug)]
pub struct IntFlag(i64);

impl sqlx::Type<sqlx::Any> for IntFlag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <i64 as sqlx::Type<sqlx::Any>>::type_info()
    }
    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <i64 as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Any> for IntFlag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(IntFlag(<i64 as sqlx::Decode<sqlx::Any>>::decode(value)?))
    }
}

impl From<IntFlag> for bool {
    fn from(flag: IntFlag) -> bool {
        flag.0 != 0
    }
}

/// How a flag is stored.
pub fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// Seconds since the epoch, as stored.
pub fn to_epoch(instant: chrono::DateTime<chrono::Utc>) -> i64 {
    instant.timestamp()
}

pub fn from_epoch(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// A consistent copy of the whole SQLite database in a new file, taken while other connections
/// (and processes) keep reading and writing: `VACUUM INTO` reads one snapshot.
pub async fn backup(db: &Db, to: &std::path::Path) -> anyhow::Result<()> {
    if db.backend() == Backend::Postgres {
        anyhow::bail!(
            "backup copies SQLite databases; for PostgreSQL use pg_dump \
             (pg_dump --format=custom --file=carebook.dump DATABASE_URL)"
        );
    }
    if to.exists() {
        anyhow::bail!("{} exists already; choose a new file", to.display());
    }
    let target = to
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the backup path must be UTF-8"))?;
    // VACUUM INTO takes no bind parameters: the path goes in as an escaped SQL string literal.
    let literal = format!("'{}'", target.replace('\'', "''"));
    let mut conn = db.pool.acquire().await?;
    sqlx::query(&format!("VACUUM INTO {literal}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `SqliteConnectOptions` used to set must hold on every connection of the Any pool.
    #[tokio::test]
    async fn sqlite_connections_keep_wal_foreign_keys_normal_sync_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("new/carebook.db").display());
        let db = connect(&url)
            .await
            .expect("creates the file and its folder");
        assert_eq!(db.backend(), Backend::Sqlite);
        let mut conns = Vec::new();
        for _ in 0..3 {
            let mut conn = db.pool.acquire().await.unwrap();
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            assert_eq!(journal, "wal");
            for (pragma, expected) in [
                ("foreign_keys", 1),
                ("synchronous", 1), // NORMAL
                ("busy_timeout", 10_000),
            ] {
                let value: i64 = sqlx::query_scalar(&format!("PRAGMA {pragma}"))
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
                assert_eq!(value, expected, "{pragma}");
            }
            // Held, so that the next acquire opens another connection.
            conns.push(conn);
        }
    }

    #[test]
    fn the_url_scheme_picks_the_backend() {
        assert_eq!(Backend::from_url("sqlite:data/x.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::from_url("postgres://u@h:5432/d"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/d"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::from_url("mysql://u@h/d"), None);
    }
}
