//! The education library's articles: the patient's published lists, search and pages, and the
//! console's writes. Search is the one place the two databases differ (see `search`).

use super::clinics::to_u32;
use super::{Backend, Conn, IntFlag};
use crate::domain::{library, markdown};
use app::wire::library::{ArticleAdmin, ArticleCard, ArticleDraft, CategoryCount};
use app::wire::Language;

/// The most results a list or a search returns: a clinic's library is dozens of articles.
const MAX_RESULTS: i64 = 100;

/// SQLite bm25 weights per indexed column (title, summary, tags, body): a word in the title
/// counts most, one only in the body least.
const BM25_WEIGHTS: &str = "10.0, 4.0, 4.0, 1.0";

/// What a patient's list shows of an article (no body).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRow {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub tags: String,
    pub reading_minutes: i64,
    pub reviewed_on: String,
    pub language: String,
}

const CARD_COLUMNS: &str = "a.slug, a.title, a.summary, a.category, a.tags, a.reading_minutes, \
                            a.reviewed_on, a.language";

impl CardRow {
    pub fn to_wire(&self) -> ArticleCard {
        ArticleCard {
            slug: self.slug.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            category: self.category.clone(),
            tags: library::tags_from_text(&self.tags),
            reading_minutes: to_u32(self.reading_minutes),
            reviewed_on: self.reviewed_on.clone(),
            language: language_of(&self.language),
        }
    }
}

/// A whole article.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub clinic_id: i64,
    pub language: String,
    pub slug: String,
    pub translation_key: Option<String>,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub category: String,
    pub tags: String,
    pub reading_minutes: i64,
    #[sqlx(try_from = "IntFlag")]
    pub published: bool,
    pub reviewed_on: String,
}

const ARTICLE_COLUMNS: &str = "id, clinic_id, language, slug, translation_key, title, summary, \
                               body_md, category, tags, reading_minutes, published, reviewed_on";

impl ArticleRow {
    pub fn language(&self) -> Language {
        language_of(&self.language)
    }

    pub fn to_admin(&self) -> ArticleAdmin {
        ArticleAdmin {
            id: self.id,
            slug: self.slug.clone(),
            language: self.language(),
            translation_key: self.translation_key.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_md: self.body_md.clone(),
            category: self.category.clone(),
            tags: library::tags_from_text(&self.tags),
            reading_minutes: to_u32(self.reading_minutes),
            published: self.published,
            reviewed_on: self.reviewed_on.clone(),
        }
    }
}

fn language_of(code: &str) -> Language {
    Language::from_tag(code).unwrap_or_default()
}

/// The published articles of a clinic in one language (one category, or all when `category`
/// is empty), by category and title.
pub async fn published(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
    category: &str,
) -> Result<Vec<CardRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM articles a
         WHERE a.clinic_id = $1 AND a.language = $2 AND a.published = 1
           AND ($3 = '' OR a.category = $3)
         ORDER BY a.category, a.title, a.id
         LIMIT {MAX_RESULTS}"
    ))
    .bind(clinic_id)
    .bind(language.code())
    .bind(category)
    .fetch_all(conn)
    .await
}

/// Every category with published articles in one language, and how many.
pub async fn categories(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
) -> Result<Vec<CategoryCount>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT category, COUNT(*) FROM articles
         WHERE clinic_id = $1 AND language = $2 AND published = 1
         GROUP BY category ORDER BY category",
    )
    .bind(clinic_id)
    .bind(language.code())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, count)| CategoryCount {
            name,
            count: to_u32(count),
        })
        .collect())
}

/// The published articles in one language matching every word of `words` (as word prefixes),
/// best match first: a word in the title ranks above one in the summary or tags, above one
/// only in the body. The same shape from both databases; each uses its own full-text search.
pub async fn search(
    conn: &mut Conn,
    backend: Backend,
    clinic_id: i64,
    language: Language,
    category: &str,
    words: &[String],
) -> Result<Vec<CardRow>, sqlx::Error> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    match backend {
        Backend::Sqlite => search_sqlite(conn, clinic_id, language, category, words).await,
        Backend::Postgres => search_postgres(conn, clinic_id, language, category, words).await,
    }
}

/// SQLite: the FTS5 index `articles_fts` (migration 0007), ranked by bm25 (lower is better).
async fn search_sqlite(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
    category: &str,
    words: &[String],
) -> Result<Vec<CardRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM articles_fts
         JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH $1
           AND a.clinic_id = $2 AND a.language = $3 AND a.published = 1
           AND ($4 = '' OR a.category = $4)
         ORDER BY bm25(articles_fts, {BM25_WEIGHTS}), a.title, a.id
         LIMIT {MAX_RESULTS}"
    ))
    .bind(library::fts5_query(words))
    .bind(clinic_id)
    .bind(language.code())
    .bind(category)
    .fetch_all(conn)
    .await
}

/// PostgreSQL: the weighted document of the GIN index `articles_search` (migration 0007; the
/// expression must stay identical for the index to be used), ranked by `ts_rank`.
async fn search_postgres(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
    category: &str,
    words: &[String],
) -> Result<Vec<CardRow>, sqlx::Error> {
    let config = "CASE language WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END";
    let document = format!(
        "(setweight(to_tsvector({config}, title), 'A') \
         || setweight(to_tsvector({config}, summary), 'B') \
         || setweight(to_tsvector({config}, tags), 'B') \
         || setweight(to_tsvector({config}, body_text), 'C'))"
    );
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM (
             SELECT *, to_tsquery(
                 CASE CAST($3 AS TEXT) WHEN 'es' THEN 'spanish'::regconfig
                 ELSE 'english'::regconfig END, $1) AS query
             FROM articles
             WHERE clinic_id = $2 AND language = $3 AND published = 1
               AND ($4 = '' OR category = $4)
         ) a
         WHERE {document} @@ a.query
         ORDER BY ts_rank({document}, a.query) DESC, a.title, a.id
         LIMIT {MAX_RESULTS}"
    ))
    .bind(library::tsquery(words))
    .bind(clinic_id)
    .bind(language.code())
    .bind(category)
    .fetch_all(conn)
    .await
}

/// A published article by its slug.
pub async fn find_published(
    conn: &mut Conn,
    clinic_id: i64,
    slug: &str,
) -> Result<Option<ArticleRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles
         WHERE clinic_id = $1 AND slug = $2 AND published = 1"
    ))
    .bind(clinic_id)
    .bind(slug)
    .fetch_optional(conn)
    .await
}

/// The slug of the published twin of an article in another language.
pub async fn published_translation(
    conn: &mut Conn,
    clinic_id: i64,
    translation_key: &str,
    language: Language,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT slug FROM articles
         WHERE clinic_id = $1 AND translation_key = $2 AND language = $3 AND published = 1",
    )
    .bind(clinic_id)
    .bind(translation_key)
    .bind(language.code())
    .fetch_optional(conn)
    .await
}

/// Every article of a clinic, drafts too, for the console.
pub async fn all(conn: &mut Conn, clinic_id: i64) -> Result<Vec<ArticleRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE clinic_id = $1
         ORDER BY language, category, title, id"
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// One article of a clinic, draft or not.
pub async fn find(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
) -> Result<Option<ArticleRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE clinic_id = $1 AND id = $2"
    ))
    .bind(clinic_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The id of the clinic's article with this slug, if any.
pub async fn id_of_slug(
    conn: &mut Conn,
    clinic_id: i64,
    slug: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM articles WHERE clinic_id = $1 AND slug = $2")
        .bind(clinic_id)
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// The id of the clinic's article holding this translation key in this language, if any.
pub async fn id_of_translation(
    conn: &mut Conn,
    clinic_id: i64,
    translation_key: &str,
    language: Language,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM articles WHERE clinic_id = $1 AND translation_key = $2 AND language = $3",
    )
    .bind(clinic_id)
    .bind(translation_key)
    .bind(language.code())
    .fetch_optional(conn)
    .await
}

/// Adds an article (the draft already checked); its plain text and reading time come from
/// the body here, so no write path can leave them stale.
pub async fn insert(
    conn: &mut Conn,
    clinic_id: i64,
    draft: &ArticleDraft,
    staff_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO articles (clinic_id, language, slug, translation_key, title, summary,
             body_md, body_text, category, tags, reading_minutes, published, reviewed_on,
             created_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
         RETURNING id",
    )
    .bind(clinic_id)
    .bind(draft.language.code())
    .bind(&draft.slug)
    .bind(draft.translation_key.as_deref())
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(&draft.body_md)
    .bind(markdown::plain_text(&draft.body_md))
    .bind(&draft.category)
    .bind(library::tags_to_text(&draft.tags))
    .bind(i64::from(library::reading_minutes(&draft.body_md)))
    .bind(super::flag(draft.published))
    .bind(&draft.reviewed_on)
    .bind(now)
    .bind(staff_id)
    .fetch_one(conn)
    .await
}

/// Replaces an article's content (the draft already checked).
pub async fn update(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
    draft: &ArticleDraft,
    staff_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE articles SET language = $3, slug = $4, translation_key = $5, title = $6,
             summary = $7, body_md = $8, body_text = $9, category = $10, tags = $11,
             reading_minutes = $12, published = $13, reviewed_on = $14, updated_at = $15,
             updated_by = $16
         WHERE clinic_id = $1 AND id = $2",
    )
    .bind(clinic_id)
    .bind(id)
    .bind(draft.language.code())
    .bind(&draft.slug)
    .bind(draft.translation_key.as_deref())
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(&draft.body_md)
    .bind(markdown::plain_text(&draft.body_md))
    .bind(&draft.category)
    .bind(library::tags_to_text(&draft.tags))
    .bind(i64::from(library::reading_minutes(&draft.body_md)))
    .bind(super::flag(draft.published))
    .bind(&draft.reviewed_on)
    .bind(now)
    .bind(staff_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_published(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
    published: bool,
    staff_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE articles SET published = $3, updated_at = $4, updated_by = $5
         WHERE clinic_id = $1 AND id = $2",
    )
    .bind(clinic_id)
    .bind(id)
    .bind(super::flag(published))
    .bind(now)
    .bind(staff_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, clinic_id: i64, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM articles WHERE clinic_id = $1 AND id = $2")
        .bind(clinic_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
