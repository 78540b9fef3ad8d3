//! The plain-language words clinics add to the built-in jargon lists.

use super::{to_epoch, Conn};
use app::wire::plain_language::JargonTerm;
use app::wire::Language;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    language: String,
    term: String,
    plain: String,
}

impl Row {
    fn into_wire(self) -> JargonTerm {
        JargonTerm {
            id: self.id,
            language: Language::from_tag(&self.language).unwrap_or_default(),
            term: self.term,
            plain: self.plain,
        }
    }
}

/// The clinic's terms, in one language or all, alphabetically.
pub async fn list(
    conn: &mut Conn,
    clinic_id: i64,
    language: Option<Language>,
) -> sqlx::Result<Vec<JargonTerm>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, language, term, plain FROM clinic_jargon_terms
         WHERE clinic_id = $1 AND ($2 = '' OR language = $2)
         ORDER BY language, term_key, id",
    )
    .bind(clinic_id)
    .bind(language.map_or("", Language::code))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Row::into_wire).collect())
}

/// Whether the clinic has a term with this key in this language.
pub async fn exists(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
    term_key: &str,
) -> sqlx::Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM clinic_jargon_terms
         WHERE clinic_id = $1 AND language = $2 AND term_key = $3",
    )
    .bind(clinic_id)
    .bind(language.code())
    .bind(term_key)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

pub struct NewTerm<'a> {
    pub clinic_id: i64,
    pub language: Language,
    pub term: &'a str,
    pub term_key: &'a str,
    pub plain: &'a str,
    pub created_by: i64,
}

pub async fn insert(
    conn: &mut Conn,
    term: &NewTerm<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<JargonTerm> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO clinic_jargon_terms (clinic_id, language, term, term_key, plain, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(term.clinic_id)
    .bind(term.language.code())
    .bind(term.term)
    .bind(term.term_key)
    .bind(term.plain)
    .bind(term.created_by)
    .bind(to_epoch(now))
    .fetch_one(conn)
    .await?;
    Ok(JargonTerm {
        id,
        language: term.language,
        term: term.term.to_string(),
        plain: term.plain.to_string(),
    })
}

/// Removes one of the clinic's terms; false when it has no term with that id.
pub async fn delete(conn: &mut Conn, clinic_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM clinic_jargon_terms WHERE clinic_id = $1 AND id = $2")
        .bind(clinic_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
