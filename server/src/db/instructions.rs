//! After-visit instructions: per-service templates, the versions published for a visit, the
//! library articles they link to, and the patient's "Did this make sense?" answers.
//! The patient's questions are in `db::questions`.

use super::{from_epoch, to_epoch, Conn};
use app::wire::instructions::{InstructionTemplate, LinkedArticle, Understanding};
use app::wire::Language;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// A visit as the instructions pages need it: who, what, when, and whether it happened.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisitRow {
    pub id: i64,
    pub clinic_id: i64,
    pub service_id: i64,
    pub practitioner_id: i64,
    pub starts_at: i64,
    pub status: String,
    pub attendance: Option<String>,
    pub patient_name: String,
    pub preferred_name: Option<String>,
    pub language: String,
    pub practitioner_name: String,
    pub service_name_en: String,
    pub service_name_es: String,
    pub time_zone: String,
    pub clinic_phone: String,
}

impl VisitRow {
    pub fn completed(&self) -> bool {
        self.status != "cancelled" && self.attendance.as_deref() == Some("completed")
    }
    pub fn language(&self) -> Language {
        Language::from_tag(&self.language).unwrap_or_default()
    }
    /// The visit's day in the clinic's time zone.
    pub fn visit_date(&self) -> chrono::NaiveDate {
        let tz: Tz = self.time_zone.parse().unwrap_or(Tz::UTC);
        crate::domain::local_time::local_date_time(tz, from_epoch(self.starts_at)).0
    }
    pub fn greeting_name(&self) -> String {
        self.preferred_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.patient_name.clone())
    }
    pub fn service_name(&self, lang: Language) -> String {
        match lang {
            Language::En => self.service_name_en.clone(),
            Language::Es => self.service_name_es.clone(),
        }
    }
}

const VISIT_SELECT: &str = "SELECT a.id, a.clinic_id, a.service_id, a.practitioner_id, a.starts_at,
        a.status, a.attendance, a.patient_name, a.preferred_name, a.language,
        p.display_name AS practitioner_name, s.name_en AS service_name_en,
        s.name_es AS service_name_es, c.time_zone, c.phone AS clinic_phone
    FROM appointments a
    JOIN practitioners p ON p.id = a.practitioner_id
    JOIN services s ON s.id = a.service_id
    JOIN clinics c ON c.id = a.clinic_id";

/// A visit of this clinic that is not anonymised; another clinic's id is as good as unknown,
/// and an anonymised visit has nothing left to write instructions about.
pub async fn visit_in_clinic(
    conn: &mut Conn,
    clinic_id: i64,
    appointment_id: i64,
) -> sqlx::Result<Option<VisitRow>> {
    sqlx::query_as::<_, VisitRow>(&format!(
        "{VISIT_SELECT} WHERE a.id = $1 AND a.clinic_id = $2 AND a.anonymised_at IS NULL"
    ))
    .bind(appointment_id)
    .bind(clinic_id)
    .fetch_optional(conn)
    .await
}

/// One published version, with its author's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub id: i64,
    pub appointment_id: i64,
    pub version: i64,
    pub language: String,
    pub body_md: String,
    pub template_id: Option<i64>,
    pub author_name: String,
    pub published_at: i64,
}

impl VersionRow {
    pub fn language(&self) -> Language {
        Language::from_tag(&self.language).unwrap_or_default()
    }
    pub fn version(&self) -> u32 {
        super::clinics::to_u32(self.version)
    }
    pub fn published_at(&self) -> DateTime<Utc> {
        from_epoch(self.published_at)
    }
}

const VERSION_SELECT: &str = "SELECT i.id, i.appointment_id, i.version, i.language, i.body_md,
        i.template_id, st.display_name AS author_name, i.published_at
    FROM appointment_instructions i JOIN staff st ON st.id = i.author_staff_id";

/// Every version of a visit's instructions, newest first.
pub async fn versions(conn: &mut Conn, appointment_id: i64) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as::<_, VersionRow>(&format!(
        "{VERSION_SELECT} WHERE i.appointment_id = $1 ORDER BY i.version DESC"
    ))
    .bind(appointment_id)
    .fetch_all(conn)
    .await
}

/// The version the patient sees: the latest.
pub async fn latest(conn: &mut Conn, appointment_id: i64) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as::<_, VersionRow>(&format!(
        "{VERSION_SELECT} WHERE i.appointment_id = $1 ORDER BY i.version DESC LIMIT 1"
    ))
    .bind(appointment_id)
    .fetch_optional(conn)
    .await
}

pub async fn version(
    conn: &mut Conn,
    appointment_id: i64,
    version: u32,
) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as::<_, VersionRow>(&format!(
        "{VERSION_SELECT} WHERE i.appointment_id = $1 AND i.version = $2"
    ))
    .bind(appointment_id)
    .bind(i64::from(version))
    .fetch_optional(conn)
    .await
}

/// The articles a version links to, in the order given.
pub async fn articles(conn: &mut Conn, instruction_id: i64) -> sqlx::Result<Vec<LinkedArticle>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT article_slug, article_title FROM instruction_articles
         WHERE instruction_id = $1 ORDER BY position",
    )
    .bind(instruction_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title)| LinkedArticle { slug, title })
        .collect())
}

/// A version about to be published; the body and articles are already validated.
pub struct NewVersion<'a> {
    pub appointment_id: i64,
    pub language: Language,
    pub body_md: &'a str,
    pub template_id: Option<i64>,
    pub articles: &'a [LinkedArticle],
    pub author_staff_id: i64,
    pub now: DateTime<Utc>,
}

/// Publishes the next version (1 for the first). The number is computed inside the caller's
/// write transaction; on PostgreSQL two concurrent saves can compute the same one, and the
/// unique key (appointment_id, version) refuses the second, which the caller retries.
pub async fn publish(conn: &mut Conn, new: &NewVersion<'_>) -> sqlx::Result<i64> {
    let next: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS BIGINT) FROM appointment_instructions
         WHERE appointment_id = $1",
    )
    .bind(new.appointment_id)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointment_instructions (appointment_id, version, language, body_md,
            template_id, author_staff_id, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(new.appointment_id)
    .bind(next)
    .bind(new.language.code())
    .bind(new.body_md)
    .bind(new.template_id)
    .bind(new.author_staff_id)
    .bind(to_epoch(new.now))
    .fetch_one(&mut *conn)
    .await?;
    for (position, article) in (0_i64..).zip(new.articles) {
        sqlx::query(
            "INSERT INTO instruction_articles (instruction_id, position, article_slug, article_title)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position)
        .bind(&article.slug)
        .bind(&article.title)
        .execute(&mut *conn)
        .await?;
    }
    Ok(next)
}

/// The titles of the clinic's published library articles among `slugs`, in `language`, by
/// slug. Slugs missing from the answer are unknown, unpublished or in another language.
pub async fn published_article_titles(
    conn: &mut Conn,
    clinic_id: i64,
    language: Language,
    slugs: &[String],
) -> sqlx::Result<BTreeMap<String, String>> {
    let mut titles = BTreeMap::new();
    if slugs.is_empty() {
        return Ok(titles);
    }
    for slug in slugs {
        let title: Option<String> = sqlx::query_scalar(
            "SELECT title FROM articles
             WHERE clinic_id = $1 AND language = $2 AND slug = $3 AND published = 1",
        )
        .bind(clinic_id)
        .bind(language.code())
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(title) = title {
            titles.insert(slug.clone(), title);
        }
    }
    Ok(titles)
}

// ---- Teach-back ---------------------------------------------------------------------------

/// The patient's answer for one version.
pub async fn understanding(
    conn: &mut Conn,
    appointment_id: i64,
    version: u32,
) -> sqlx::Result<Option<Understanding>> {
    let answer: Option<String> = sqlx::query_scalar(
        "SELECT answer FROM teach_back_answers WHERE appointment_id = $1 AND version = $2",
    )
    .bind(appointment_id)
    .bind(i64::from(version))
    .fetch_optional(conn)
    .await?;
    Ok(answer.as_deref().and_then(Understanding::from_code))
}

/// The patient's answer for the latest version they answered for.
pub async fn latest_understanding(
    conn: &mut Conn,
    appointment_id: i64,
) -> sqlx::Result<Option<Understanding>> {
    let answer: Option<String> = sqlx::query_scalar(
        "SELECT answer FROM teach_back_answers WHERE appointment_id = $1
         ORDER BY version DESC LIMIT 1",
    )
    .bind(appointment_id)
    .fetch_optional(conn)
    .await?;
    Ok(answer.as_deref().and_then(Understanding::from_code))
}

/// Records (or replaces) the answer for a version. The template is copied from the version so
/// the counts per template survive the version's deletion by erasure.
pub async fn answer(
    conn: &mut Conn,
    version: &VersionRow,
    answer: Understanding,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO teach_back_answers (appointment_id, version, template_id, answer, answered_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (appointment_id, version) DO UPDATE SET answer = excluded.answer,
            answered_at = excluded.answered_at",
    )
    .bind(version.appointment_id)
    .bind(version.version)
    .bind(version.template_id)
    .bind(answer.code())
    .bind(to_epoch(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// One row of the understanding report before it is labelled.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnderstandingCount {
    pub id: Option<i64>,
    pub label: Option<String>,
    pub yes: i64,
    pub not_sure: i64,
}

/// Answers for visits of this clinic starting in `[from, to)`, per template (no template: one
/// row with `id` NULL, listed last) and per practitioner. Each answer (one per visit and version) counts once.
pub async fn understanding_counts(
    conn: &mut Conn,
    clinic_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<(Vec<UnderstandingCount>, Vec<UnderstandingCount>)> {
    const COUNTS: &str = "CAST(SUM(CASE WHEN t.answer = 'yes' THEN 1 ELSE 0 END) AS BIGINT) AS yes,
        CAST(SUM(CASE WHEN t.answer = 'not_sure' THEN 1 ELSE 0 END) AS BIGINT) AS not_sure";
    let by_template = sqlx::query_as::<_, UnderstandingCount>(&format!(
        "SELECT t.template_id AS id, MIN(it.title) AS label, {COUNTS}
         FROM teach_back_answers t
         JOIN appointments a ON a.id = t.appointment_id
         LEFT JOIN instruction_templates it ON it.id = t.template_id
         WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
         GROUP BY t.template_id
         ORDER BY CASE WHEN t.template_id IS NULL THEN 1 ELSE 0 END, MIN(it.title), t.template_id"
    ))
    .bind(clinic_id)
    .bind(to_epoch(from))
    .bind(to_epoch(to))
    .fetch_all(&mut *conn)
    .await?;
    let by_practitioner = sqlx::query_as::<_, UnderstandingCount>(&format!(
        "SELECT a.practitioner_id AS id, MIN(p.display_name) AS label, {COUNTS}
         FROM teach_back_answers t
         JOIN appointments a ON a.id = t.appointment_id
         JOIN practitioners p ON p.id = a.practitioner_id
         WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
         GROUP BY a.practitioner_id
         ORDER BY MIN(p.display_name), a.practitioner_id"
    ))
    .bind(clinic_id)
    .bind(to_epoch(from))
    .bind(to_epoch(to))
    .fetch_all(&mut *conn)
    .await?;
    Ok((by_template, by_practitioner))
}

// ---- Templates ----------------------------------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateRow {
    pub id: i64,
    pub clinic_id: i64,
    pub service_id: i64,
    pub language: String,
    pub title: String,
    pub body_md: String,
}

impl TemplateRow {
    pub fn to_wire(&self) -> InstructionTemplate {
        InstructionTemplate {
            id: self.id,
            service_id: self.service_id,
            language: Language::from_tag(&self.language).unwrap_or_default(),
            title: self.title.clone(),
            body_md: self.body_md.clone(),
        }
    }
}

const TEMPLATE_COLUMNS: &str = "id, clinic_id, service_id, language, title, body_md";

/// The clinic's templates, of one service or all, by service, language and title.
pub async fn templates(
    conn: &mut Conn,
    clinic_id: i64,
    service_id: Option<i64>,
) -> sqlx::Result<Vec<TemplateRow>> {
    sqlx::query_as::<_, TemplateRow>(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM instruction_templates
         WHERE clinic_id = $1 AND ($2 IS NULL OR service_id = $2)
         ORDER BY service_id, language, title, id"
    ))
    .bind(clinic_id)
    .bind(service_id)
    .fetch_all(conn)
    .await
}

pub async fn template_in_clinic(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
) -> sqlx::Result<Option<TemplateRow>> {
    sqlx::query_as::<_, TemplateRow>(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM instruction_templates WHERE id = $1 AND clinic_id = $2"
    ))
    .bind(id)
    .bind(clinic_id)
    .fetch_optional(conn)
    .await
}

/// A template's content, validated.
pub struct TemplateContent<'a> {
    pub service_id: i64,
    pub language: Language,
    pub title: &'a str,
    pub body_md: &'a str,
}

pub async fn insert_template(
    conn: &mut Conn,
    clinic_id: i64,
    content: &TemplateContent<'_>,
    staff_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO instruction_templates (clinic_id, service_id, language, title, body_md,
            created_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(clinic_id)
    .bind(content.service_id)
    .bind(content.language.code())
    .bind(content.title)
    .bind(content.body_md)
    .bind(to_epoch(now))
    .bind(staff_id)
    .fetch_one(conn)
    .await
}

pub async fn update_template(
    conn: &mut Conn,
    id: i64,
    content: &TemplateContent<'_>,
    staff_id: Option<i64>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE instruction_templates SET service_id = $1, language = $2, title = $3,
            body_md = $4, updated_at = $5, updated_by = $6
         WHERE id = $7",
    )
    .bind(content.service_id)
    .bind(content.language.code())
    .bind(content.title)
    .bind(content.body_md)
    .bind(to_epoch(now))
    .bind(staff_id)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

// ---- Erasure and retention ----------------------------------------------------------------

/// Forgets the health information of the visits `visits_sql` selects (a `SELECT id FROM
/// appointments …` with `$1` bound to `value`): their instructions go, their questions and
/// replies are blanked. The teach-back answers stay: they hold no personal data and keep the
/// clinic's counts right.
pub async fn forget_visits(conn: &mut Conn, visits_sql: &str, value: i64) -> sqlx::Result<()> {
    for statement in [
        format!(
            "DELETE FROM instruction_articles WHERE instruction_id IN
                (SELECT id FROM appointment_instructions WHERE appointment_id IN ({visits_sql}))"
        ),
        format!("DELETE FROM appointment_instructions WHERE appointment_id IN ({visits_sql})"),
        format!(
            "UPDATE patient_questions SET text = '',
                reply_text = CASE WHEN reply_text IS NULL THEN NULL ELSE '' END
             WHERE appointment_id IN ({visits_sql})"
        ),
    ] {
        sqlx::query(&statement)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
