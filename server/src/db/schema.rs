//! What the database itself says about its schema: which migrations it has, which tables it
//! holds, how they depend on each other, and which columns number their rows. Readiness checks
//! and `migrate-data` ask here. These catalog queries differ per backend by nature (SQLite's
//! `sqlite_master` and pragmas, PostgreSQL's `information_schema` and `pg_catalog`).

use super::{Backend, Conn};
use sqlx::migrate::{MigrationType, Migrator};
use sqlx::Row;

/// The migrations this binary carries, per backend (the same files `connect` applies).
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// sqlx's bookkeeping table: part of every database, never part of the clinic's data.
pub const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

pub fn known_migrations(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// The versions (e.g. `5` for `0005_setup.sql`) this binary knows that the database has not
/// applied successfully. An error when the database does not answer or has no migrations table.
pub async fn pending_migrations(
    conn: &mut Conn,
    backend: Backend,
) -> Result<Vec<i64>, sqlx::Error> {
    let applied: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT version FROM {MIGRATIONS_TABLE} WHERE success"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(known_migrations(backend)
        .iter()
        .filter(|m| !matches!(m.migration_type, MigrationType::ReversibleDown))
        .map(|m| m.version)
        .filter(|version| !applied.contains(version))
        .collect())
}

/// Every table of the clinic's data, by name, sorted (sqlx's bookkeeping left out). SQLite's
/// full-text indexes (FTS5 virtual tables and their shadow tables) are not data of their own:
/// triggers fill them from the tables they index, on a copy too.
pub async fn tables(conn: &mut Conn, backend: Backend) -> Result<Vec<String>, sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM pragma_table_list
             WHERE schema = 'main' AND type = 'table'
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> $1
             ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
               AND table_name <> $1
             ORDER BY 1"
        }
    };
    sqlx::query_scalar(sql)
        .bind(MIGRATIONS_TABLE)
        .fetch_all(conn)
        .await
}

/// The tables `table`'s foreign keys point at (itself left out).
pub async fn referenced_tables(
    conn: &mut Conn,
    backend: Backend,
    table: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "SELECT \"table\" AS parent FROM pragma_foreign_key_list($1)",
        Backend::Postgres => {
            "SELECT CAST(parent.relname AS TEXT) AS parent
             FROM pg_constraint c
             JOIN pg_class child ON child.oid = c.conrelid
             JOIN pg_class parent ON parent.oid = c.confrelid
             JOIN pg_namespace n ON n.oid = child.relnamespace
             WHERE c.contype = 'f' AND n.nspname = current_schema()
               AND CAST(child.relname AS TEXT) = $1"
        }
    };
    let rows = sqlx::query(sql).bind(table).fetch_all(conn).await?;
    let mut parents = Vec::new();
    for row in rows {
        // A pragma's columns have no declared type; read whatever SQLite hands over as text.
        let parent: String = row.try_get("parent")?;
        if parent != table && !parents.contains(&parent) {
            parents.push(parent);
        }
    }
    Ok(parents)
}

/// PostgreSQL: the (table, column) pairs whose values come from a sequence (identity or
/// serial columns). SQLite numbers `INTEGER PRIMARY KEY` rows from the largest id by itself.
pub async fn numbered_columns(
    conn: &mut Conn,
    backend: Backend,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    match backend {
        Backend::Sqlite => Ok(Vec::new()),
        Backend::Postgres => {
            sqlx::query_as(
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
                 FROM information_schema.columns
                 WHERE table_schema = current_schema()
                   AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                 ORDER BY 1, 2",
            )
            .fetch_all(conn)
            .await
        }
    }
}
