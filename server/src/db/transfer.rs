//! `carebook migrate-data`: moves a clinic group's data from one database to another — SQLite
//! to PostgreSQL when a group outgrows one machine, or back into a SQLite file (a restore path
//! out of PostgreSQL, and how SQLite-only test runs check the copy).
//!
//! One generic copy moves every table the schema has, so a table added by a later migration is
//! carried along without anyone remembering to: the tables and their columns are read from the
//! databases themselves, parents before children (foreign keys), ids as they are. Everything
//! is written in one transaction on the target, so a failed copy leaves it empty; afterwards
//! PostgreSQL's id sequences are moved past the copied ids so new rows get fresh ones.

use super::{schema, Backend, Conn, Db};
use anyhow::{bail, Context};
use futures_util::TryStreamExt;
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{Column, Row, TypeInfo};
use std::collections::BTreeMap;
use std::str::FromStr;

/// How many values one INSERT carries at most: well below SQLite's (32,766) and PostgreSQL's
/// (65,535) limits on bind parameters, large enough that a copy is not one round trip per row.
const VALUES_PER_INSERT: usize = 4_000;

/// One table as copied: its name and how many rows went over (counts only, never contents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedTable {
    pub table: String,
    pub rows: u64,
}

/// Opens both databases (applying this binary's migrations to each, so their schemas match)
/// and copies everything from `from_url` into the empty database at `to_url`.
pub async fn migrate_data(from_url: &str, to_url: &str) -> anyhow::Result<Vec<CopiedTable>> {
    if from_url == to_url {
        bail!("--from and --to name the same database");
    }
    if Backend::from_url(from_url) == Some(Backend::Sqlite) {
        // Opening a missing SQLite file would create an empty one and copy nothing.
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(from_url)
            .context("--from is not a valid sqlite: URL")?;
        if !options.get_filename().exists() {
            bail!(
                "--from: there is no SQLite database at {}",
                options.get_filename().display()
            );
        }
    }
    let source = super::connect(from_url)
        .await
        .context("cannot open the --from database")?;
    let target = super::connect(to_url)
        .await
        .context("cannot open the --to database")?;
    let copied = transfer(&source, &target).await;
    source.pool.close().await;
    target.pool.close().await;
    copied
}

/// Copies every table of `source` into `target`, which must hold no rows yet.
pub async fn transfer(source: &Db, target: &Db) -> anyhow::Result<Vec<CopiedTable>> {
    // One snapshot of the source, so a server still writing to it cannot tear the copy.
    let snapshot = match source.backend() {
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    };
    let mut from = source.pool.begin_with(snapshot).await?;
    let mut to = target.begin_write().await?;

    let tables = schema::tables(&mut from, source.backend()).await?;
    let target_tables = schema::tables(&mut to, target.backend()).await?;
    if tables != target_tables {
        bail!(
            "the two databases have different tables (source: {}; target: {}); \
             run the same Carebook version on both",
            tables.join(", "),
            target_tables.join(", ")
        );
    }
    for table in &tables {
        check_identifier(table)?;
        let rows = count(&mut to, table).await?;
        if rows > 0 {
            bail!(
                "the target database already holds data ({table}: {rows} rows); \
                 migrate-data only fills an empty database"
            );
        }
    }

    let order = parents_first(&mut from, source.backend(), &tables).await?;
    let mut copied = Vec::with_capacity(order.len());
    for table in order {
        let rows = copy_table(&mut from, &mut to, &table)
            .await
            .with_context(|| format!("cannot copy table {table}"))?;
        copied.push(CopiedTable { table, rows });
    }
    renumber_after_copied_ids(&mut to, target.backend()).await?;
    to.commit().await?;
    from.rollback().await?;
    Ok(copied)
}

/// Tables and columns go into SQL as quoted identifiers (they cannot be bind parameters); they
/// come from the database's own catalog, and anything unusual is refused rather than quoted.
fn check_identifier(name: &str) -> anyhow::Result<()> {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        bail!("unexpected table or column name {name:?}");
    }
    Ok(())
}

async fn count(conn: &mut Conn, table: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
        .fetch_one(conn)
        .await
}

/// The tables ordered so that every table comes after the tables its foreign keys point at
/// (alphabetical among equals, so the order is the same on every run).
async fn parents_first(
    conn: &mut Conn,
    backend: Backend,
    tables: &[String],
) -> anyhow::Result<Vec<String>> {
    let mut waiting_on = BTreeMap::new();
    for table in tables {
        let parents = schema::referenced_tables(conn, backend, table).await?;
        waiting_on.insert(table.clone(), parents);
    }
    dependency_order(waiting_on)
}

/// Kahn's algorithm over `table → tables it references`.
fn dependency_order(mut waiting_on: BTreeMap<String, Vec<String>>) -> anyhow::Result<Vec<String>> {
    let mut order = Vec::with_capacity(waiting_on.len());
    while !waiting_on.is_empty() {
        let ready: Vec<String> = waiting_on
            .iter()
            .filter(|(_, parents)| parents.iter().all(|p| !waiting_on.contains_key(p)))
            .map(|(table, _)| table.clone())
            .collect();
        if ready.is_empty() {
            let stuck: Vec<&str> = waiting_on.keys().map(String::as_str).collect();
            bail!(
                "the foreign keys of {} form a cycle; cannot order the copy",
                stuck.join(", ")
            );
        }
        for table in ready {
            waiting_on.remove(&table);
            order.push(table);
        }
    }
    Ok(order)
}

/// One value, read by its column's declared type and written back as the same kind. Flags are
/// 0/1 integers and instants epoch integers on both databases, so four kinds cover the schema.
#[derive(Debug)]
enum Cell {
    Integer(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

fn read_cell(row: &AnyRow, index: usize) -> anyhow::Result<Cell> {
    let column = &row.columns()[index];
    Ok(match column.type_info().kind() {
        kind if kind.is_integer() => Cell::Integer(row.try_get(index)?),
        AnyTypeInfoKind::Bool => {
            Cell::Integer(row.try_get::<Option<bool>, _>(index)?.map(i64::from))
        }
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Cell::Real(row.try_get(index)?),
        AnyTypeInfoKind::Text => Cell::Text(row.try_get(index)?),
        AnyTypeInfoKind::Blob => Cell::Bytes(row.try_get(index)?),
        _ => bail!(
            "column {} has a type the copy does not know ({})",
            column.name(),
            column.type_info().name()
        ),
    })
}

/// Streams the rows of `table` from the source and inserts them, many per statement.
async fn copy_table(from: &mut Conn, to: &mut Conn, table: &str) -> anyhow::Result<u64> {
    let select = format!("SELECT * FROM \"{table}\"");
    let mut rows = sqlx::query(&select).fetch(&mut *from);
    let mut columns: Vec<String> = Vec::new();
    let mut batch: Vec<Vec<Cell>> = Vec::new();
    let mut copied = 0u64;
    while let Some(row) = rows.try_next().await? {
        if columns.is_empty() {
            columns = row.columns().iter().map(|c| c.name().to_string()).collect();
            for column in &columns {
                check_identifier(column)?;
            }
        }
        let cells = (0..columns.len())
            .map(|index| read_cell(&row, index))
            .collect::<anyhow::Result<Vec<_>>>()?;
        batch.push(cells);
        if batch.len() * columns.len() >= VALUES_PER_INSERT {
            copied += insert(to, table, &columns, std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        copied += insert(to, table, &columns, batch).await?;
    }
    Ok(copied)
}

async fn insert(
    conn: &mut Conn,
    table: &str,
    columns: &[String],
    rows: Vec<Vec<Cell>>,
) -> anyhow::Result<u64> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let mut sql = format!("INSERT INTO \"{table}\" ({}) VALUES ", quoted.join(", "));
    let mut parameter = 0;
    for (i, _) in rows.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        let placeholders: Vec<String> = columns
            .iter()
            .map(|_| {
                parameter += 1;
                format!("${parameter}")
            })
            .collect();
        sql.push('(');
        sql.push_str(&placeholders.join(", "));
        sql.push(')');
    }
    let mut query = sqlx::query(&sql);
    for cell in rows.into_iter().flatten() {
        query = match cell {
            Cell::Integer(value) => query.bind(value),
            Cell::Real(value) => query.bind(value),
            Cell::Text(value) => query.bind(value),
            Cell::Bytes(value) => query.bind(value),
        };
    }
    Ok(query.execute(conn).await?.rows_affected())
}

/// PostgreSQL hands out ids from sequences that the copy (which wrote the ids itself) did not
/// move: set each to follow the largest copied id, or to start at 1 on an empty table.
async fn renumber_after_copied_ids(conn: &mut Conn, backend: Backend) -> anyhow::Result<()> {
    for (table, column) in schema::numbered_columns(conn, backend).await? {
        check_identifier(&table)?;
        check_identifier(&column)?;
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), \
             COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
        );
        sqlx::query(&sql)
            .bind(&table)
            .bind(&column)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("cannot renumber {table}.{column}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        edges
            .iter()
            .map(|(table, parents)| {
                (
                    table.to_string(),
                    parents.iter().map(|p| p.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn parents_are_copied_before_the_rows_that_point_at_them() {
        let order = dependency_order(graph(&[
            ("appointments", &["clinics", "patients", "services"]),
            ("clinics", &[]),
            ("patients", &["clinics"]),
            ("services", &["clinics"]),
            ("idempotency_keys", &["appointments", "clinics"]),
        ]))
        .unwrap();
        assert_eq!(
            order,
            [
                "clinics",
                "patients",
                "services",
                "appointments",
                "idempotency_keys"
            ]
        );
    }

    #[test]
    fn a_cycle_of_foreign_keys_is_reported_not_looped_on() {
        let error = dependency_order(graph(&[("a", &["b"]), ("b", &["a"]), ("c", &[])]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("a, b"), "{error}");
    }

    #[test]
    fn only_plain_names_go_into_sql() {
        assert!(check_identifier("audit_log").is_ok());
        assert!(check_identifier("x\"; DROP TABLE clinics; --").is_err());
        assert!(check_identifier("").is_err());
    }
}
