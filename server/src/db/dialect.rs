//! Where SQLite and PostgreSQL really differ, and nowhere else. Every query in `db` is written
//! once, in SQL both accept (`$1` placeholders, BIGINT integers, 0/1 flags); what cannot be
//! shared is a function here returning the fragment for the connection's backend.

use sqlx::error::DatabaseError;
use sqlx::AnyConnection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names; `None` for a scheme Carebook does not run on.
    pub fn from_url(database_url: &str) -> Option<Backend> {
        let scheme = database_url.split(':').next().unwrap_or_default();
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }

    /// The backend behind an open connection (the name comes from the sqlx driver).
    pub fn of(conn: &AnyConnection) -> Backend {
        if conn.backend_name() == "PostgreSQL" {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// How a write transaction starts. SQLite: take the database's single write lock before
    /// the first read, so what a writer checked cannot change before it writes. PostgreSQL:
    /// READ COMMITTED; no double booking comes from the exclusion constraint, and the rare
    /// check-then-write elsewhere takes a row lock (`lock_clinic`).
    pub fn begin_write(self) -> &'static str {
        match self {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        }
    }

    /// A statement that makes the writers changing one clinic's set-up or staff take turns
    /// (bind the clinic id as `$1`). SQLite needs none: a write transaction already holds the
    /// only write lock there is.
    pub fn lock_clinic(self) -> Option<&'static str> {
        match self {
            Backend::Sqlite => None,
            Backend::Postgres => Some("SELECT id FROM clinics WHERE id = $1 FOR UPDATE"),
        }
    }

    /// A statement that makes bookings and moves into one practitioner's time take turns (bind
    /// the practitioner id as `$1`; lock several in ascending id order). PostgreSQL without it:
    /// two transactions inserting overlapping times each wait for the other's exclusion check,
    /// a deadlock PostgreSQL breaks only after `deadlock_timeout` (1 s), and a burst of mixed
    /// lengths at one time ran into it several times over (bench/race saw 500s and 5 s waits).
    /// With it, the later one reads the earlier one's committed visit and answers 409 at once.
    /// `NO KEY UPDATE`: appointments' foreign-key checks on the practitioner row are not blocked.
    /// SQLite needs none: a write transaction already holds the only write lock there is.
    pub fn lock_practitioner(self) -> Option<&'static str> {
        match self {
            Backend::Sqlite => None,
            Backend::Postgres => {
                Some("SELECT id FROM practitioners WHERE id = $1 FOR NO KEY UPDATE")
            }
        }
    }

    /// Statements run on every new connection of the pool. SQLite keeps these per connection
    /// (WAL mode itself is stored in the file, set when the database is opened).
    pub fn session_setup(self) -> &'static [&'static str] {
        match self {
            Backend::Sqlite => &[
                "PRAGMA foreign_keys = ON",
                // WAL with NORMAL survives a crash of the process (not of the machine's power).
                "PRAGMA synchronous = NORMAL",
                // Writers of other processes queue behind each other instead of failing at once.
                "PRAGMA busy_timeout = 10000",
            ],
            Backend::Postgres => &[],
        }
    }

    /// Connections per process. SQLite has one writer at a time anyway; PostgreSQL runs
    /// writers side by side, so more of them help under a burst.
    pub fn pool_size(self) -> u32 {
        match self {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        }
    }

    /// The values of `expression` over a group, comma-separated text (NULL when none).
    pub fn comma_list(self, expression: &str) -> String {
        match self {
            Backend::Sqlite => format!("GROUP_CONCAT({expression})"),
            Backend::Postgres => format!("string_agg(CAST({expression} AS TEXT), ',')"),
        }
    }
}

/// Whether the database refused a booked row because its time overlaps another booking of the
/// same practitioner: SQLite's triggers raise `slot_taken`, PostgreSQL's exclusion constraint
/// fails with SQLSTATE 23P01 (exclusion_violation; the schema has no other exclusion).
pub fn is_overlap_refusal(error: &dyn DatabaseError) -> bool {
    error.message().contains("slot_taken") || error.code().as_deref() == Some("23P01")
}

/// Whether PostgreSQL ended a transaction to let a concurrent one through: a deadlock (40P01;
/// two bookings inserting overlapping times wait on each other's exclusion check) or a
/// serialization failure (40001). SQLite never does: its writers queue for one lock.
pub fn is_transaction_conflict(error: &dyn DatabaseError) -> bool {
    matches!(error.code().as_deref(), Some("40P01" | "40001"))
}
