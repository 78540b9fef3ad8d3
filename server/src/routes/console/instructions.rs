//! Writing after-visit instructions in the console: the editor's page, publishing a version,
//! and how often patients answered "Not sure". Every read and write of a visit's instructions
//! is audited (ids only).

use super::auth::{Allowed, AnyRole, Staff};
use crate::db::{self, instructions::VisitRow, staff::AuditEntry, Conn};
use crate::domain::instructions::{is_article_slug, markdown_body, MAX_ARTICLES};
use crate::domain::local_time::day_start;
use crate::domain::markdown::to_safe_html;
use crate::domain::messages::VisitEvent;
use crate::error::{is_unique_violation, ApiError, ApiResult};
use crate::routes::extract::{ApiJson, ApiQuery};
use crate::routes::AppState;
use app::wire::console::StaffRole;
use app::wire::instructions::{
    InstructionVersion, InstructionsDraft, InstructionsEditor, LinkedArticle, UnderstandingReport,
    UnderstandingRow,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

/// Admins and practitioners: clinical content (templates, the understanding report).
pub struct Clinical;
impl Allowed for Clinical {
    const ROLES: &'static [StaffRole] = &[StaffRole::Admin, StaffRole::Practitioner];
}

/// How far back the understanding report looks by default.
const REPORT_DEFAULT_DAYS: i64 = 90;
/// Written without a template: the report's row label.
const NO_TEMPLATE_LABEL: &str = "Written without a template";

/// The visit if it belongs to the staff member's clinic; anything else is the same 404 as an
/// id that does not exist.
pub async fn clinic_visit<R: Allowed>(
    conn: &mut Conn,
    staff: &Staff<R>,
    id: &str,
) -> ApiResult<VisitRow> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound("Appointment"))?;
    db::instructions::visit_in_clinic(conn, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Appointment"))
}

/// The visit's practitioner and admins write its instructions.
fn may_write<R: Allowed>(staff: &Staff<R>, visit: &VisitRow) -> bool {
    match staff.role {
        StaffRole::Admin => true,
        StaffRole::Practitioner => staff.row.practitioner_id == Some(visit.practitioner_id),
        StaffRole::FrontDesk => false,
    }
}

pub async fn audit<R: Allowed>(
    conn: &mut Conn,
    staff: &Staff<R>,
    action: &str,
    record_type: &str,
    record_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    db::staff::audit(
        conn,
        &AuditEntry {
            clinic_id: staff.clinic_id(),
            staff_id: staff.id(),
            action,
            record_type,
            record_id: &record_id.to_string(),
            address: &staff.address,
        },
        now,
    )
    .await?;
    Ok(())
}

#[utoipa::path(
    get,
    path = "/console/appointments/{id}/instructions",
    tag = "console",
    summary = "The instructions editor of a visit",
    params(
        ("id" = i64, Path, description = "The visit's id; an id of another clinic, or not a number, is a 404"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The visit, its service's templates, every published version (newest first), the patient's answer and questions. Audited.", body = InstructionsEditor),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such visit in this clinic, or it was anonymised (`not_found`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn editor(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
) -> ApiResult<Json<InstructionsEditor>> {
    let now = state.now();
    let mut tx = state.db.begin_write().await?;
    let visit = clinic_visit(&mut tx, &staff, &id).await?;
    let templates = db::instructions::templates(&mut tx, staff.clinic_id(), Some(visit.service_id))
        .await?
        .iter()
        .map(db::instructions::TemplateRow::to_wire)
        .collect();
    let mut versions = Vec::new();
    for row in db::instructions::versions(&mut tx, visit.id).await? {
        versions.push(version_to_wire(&mut tx, row).await?);
    }
    let understanding = db::instructions::latest_understanding(&mut tx, visit.id).await?;
    let questions = db::questions::of_visit(&mut tx, visit.id)
        .await?
        .iter()
        .map(db::questions::QuestionRow::to_wire)
        .collect();
    audit(
        &mut tx,
        &staff,
        "view_instructions",
        "appointment",
        visit.id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(InstructionsEditor {
        appointment_id: visit.id,
        patient_name: visit.greeting_name(),
        patient_language: visit.language(),
        service_id: visit.service_id,
        service_name: visit.service_name(app::wire::Language::En),
        practitioner_name: visit.practitioner_name.clone(),
        visit_date: visit.visit_date(),
        completed: visit.completed(),
        can_write: may_write(&staff, &visit),
        templates,
        versions,
        understanding,
        questions,
    }))
}

async fn version_to_wire(
    conn: &mut Conn,
    row: db::instructions::VersionRow,
) -> ApiResult<InstructionVersion> {
    Ok(InstructionVersion {
        version: row.version(),
        language: row.language(),
        body_html: to_safe_html(&row.body_md),
        template_id: row.template_id,
        articles: db::instructions::articles(conn, row.id).await?,
        author_name: row.author_name.clone(),
        published_at: row.published_at(),
        body_md: row.body_md,
    })
}

#[utoipa::path(
    post,
    path = "/console/appointments/{id}/instructions",
    tag = "console",
    summary = "Publish the visit's instructions (a new version)",
    params(
        ("id" = i64, Path, description = "The visit's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = InstructionsDraft,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Published as the next version; the patient sees it on the visit page. Audited.", body = InstructionVersion),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`), or the caller is neither the visit's practitioner nor an admin (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such visit in this clinic, or it was anonymised (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The visit is not marked completed (`not_completed`), or other saves kept winning the race for the next version (`concurrent_edit`: save again).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "Empty or too long Markdown (`body_md`: `required`/`too_long`), a template of another service or clinic (`template_id`: `unknown_template`), more than 10 articles, a malformed, repeated or unknown article (`article_slugs`: `too_many`/`invalid`/`duplicate`/`unknown_article`) (`validation`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    staff: Staff<AnyRole>,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<InstructionsDraft>,
) -> ApiResult<(StatusCode, Json<InstructionVersion>)> {
    let body_md = markdown_body(&draft.body_md).map_err(|r| ApiError::field("body_md", r))?;
    check_slugs(&draft.article_slugs)?;
    let now = state.now();
    let mut tries = 0;
    loop {
        tries += 1;
        match publish_once(&state, &staff, &id, &draft, body_md, now).await {
            // PostgreSQL: a concurrent save took this version number (the unique key refused
            // ours) or gave up our transaction; a fresh try numbers after it.
            Err(Retry::Again) if tries < db::TRIES_ON_CONFLICT => continue,
            Err(Retry::Again) => {
                return Err(ApiError::Conflict(
                    "concurrent_edit",
                    "Someone else is publishing these instructions right now. Please save again."
                        .into(),
                ))
            }
            Err(Retry::Fail(error)) => return Err(error),
            Ok(version) => return Ok((StatusCode::CREATED, Json(version))),
        }
    }
}

enum Retry {
    Again,
    Fail(ApiError),
}

impl From<ApiError> for Retry {
    fn from(error: ApiError) -> Self {
        if error.is_retryable() {
            Retry::Again
        } else {
            Retry::Fail(error)
        }
    }
}

impl From<sqlx::Error> for Retry {
    fn from(error: sqlx::Error) -> Self {
        if is_unique_violation(&error) {
            Retry::Again
        } else {
            ApiError::from(error).into()
        }
    }
}

async fn publish_once(
    state: &AppState,
    staff: &Staff<AnyRole>,
    id: &str,
    draft: &InstructionsDraft,
    body_md: &str,
    now: DateTime<Utc>,
) -> Result<InstructionVersion, Retry> {
    let mut tx = state.db.begin_write().await?;
    let visit = clinic_visit(&mut tx, staff, id).await?;
    if !may_write(staff, &visit) {
        return Err(Retry::Fail(ApiError::Forbidden(
            "forbidden",
            "Only the visit's practitioner or an admin can write its instructions.",
        )));
    }
    if !visit.completed() {
        return Err(Retry::Fail(ApiError::Conflict(
            "not_completed",
            "Instructions can be written once the visit is marked completed.".into(),
        )));
    }
    if let Some(template_id) = draft.template_id {
        let template =
            db::instructions::template_in_clinic(&mut tx, staff.clinic_id(), template_id).await?;
        if template.is_none_or(|t| t.service_id != visit.service_id) {
            return Err(Retry::Fail(ApiError::field(
                "template_id",
                "unknown_template",
            )));
        }
    }
    let titles = db::instructions::published_article_titles(
        &mut tx,
        staff.clinic_id(),
        draft.language,
        &draft.article_slugs,
    )
    .await?;
    let mut articles = Vec::with_capacity(draft.article_slugs.len());
    for slug in &draft.article_slugs {
        let title = titles
            .get(slug)
            .ok_or_else(|| ApiError::field("article_slugs", "unknown_article"))?;
        articles.push(LinkedArticle {
            slug: slug.clone(),
            title: title.clone(),
        });
    }
    let version = db::instructions::publish(
        &mut tx,
        &db::instructions::NewVersion {
            appointment_id: visit.id,
            language: draft.language,
            body_md,
            template_id: draft.template_id,
            articles: &articles,
            author_staff_id: staff.id(),
            now,
        },
    )
    .await?;
    db::outbox::queue_for_event(&mut tx, visit.id, VisitEvent::InstructionsPublished, now).await?;
    audit(
        &mut tx,
        staff,
        "publish_instructions",
        "appointment",
        visit.id,
        now,
    )
    .await?;
    let row = db::instructions::version(&mut tx, visit.id, db::clinics::to_u32(version))
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the published version vanished")))?;
    let wire = version_to_wire(&mut tx, row).await?;
    tx.commit().await?;
    Ok(wire)
}

fn check_slugs(slugs: &[String]) -> ApiResult<()> {
    if slugs.len() > MAX_ARTICLES {
        return Err(ApiError::field("article_slugs", "too_many"));
    }
    if !slugs.iter().all(|slug| is_article_slug(slug)) {
        return Err(ApiError::field("article_slugs", "invalid"));
    }
    for (index, slug) in slugs.iter().enumerate() {
        if slugs[..index].contains(slug) {
            return Err(ApiError::field("article_slugs", "duplicate"));
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
}

fn parse_day(field: &str, value: Option<&str>) -> ApiResult<Option<NaiveDate>> {
    match value {
        None | Some("") => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::field(field, "invalid")),
    }
}

#[utoipa::path(
    get,
    path = "/console/understanding",
    tag = "console",
    summary = "How often patients answered \"Not sure\", per template and per practitioner",
    params(
        ("from" = Option<String>, Query, pattern = r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$", description = "First visit day, `YYYY-MM-DD` (clinic zone); default 90 days before `to`"),
        ("to" = Option<String>, Query, pattern = r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$", description = "Last visit day, `YYYY-MM-DD` (clinic zone); default today"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Counts of answers (one per visit and version) for visits on those days.", body = UnderstandingReport),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Front desk (`forbidden`): admins and practitioners only.", body = app::wire::ApiErrorBody),
        (status = 422, description = "A day is not a date, or `to` is before `from` (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn understanding_report(
    State(state): State<AppState>,
    staff: Staff<Clinical>,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> ApiResult<Json<UnderstandingReport>> {
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    let tz = clinic.tz();
    let to = parse_day("to", query.to.as_deref())?
        .unwrap_or_else(|| state.now().with_timezone(&tz).date_naive());
    let from = parse_day("from", query.from.as_deref())?
        .unwrap_or(to - Duration::days(REPORT_DEFAULT_DAYS));
    if to < from {
        return Err(ApiError::field("to", "before_from"));
    }
    let until = to.succ_opt().map_or_else(
        || day_start(tz, to) + Duration::days(1),
        |next| day_start(tz, next),
    );
    let (by_template, by_practitioner) =
        db::instructions::understanding_counts(&mut conn, clinic.id, day_start(tz, from), until)
            .await?;
    let rows = |counts: Vec<db::instructions::UnderstandingCount>| {
        counts
            .into_iter()
            .map(|count| UnderstandingRow {
                id: count.id,
                label: count.label.unwrap_or_else(|| NO_TEMPLATE_LABEL.to_string()),
                yes: db::clinics::to_u32(count.yes),
                not_sure: db::clinics::to_u32(count.not_sure),
            })
            .collect()
    };
    Ok(Json(UnderstandingReport {
        from,
        to,
        by_template: rows(by_template),
        by_practitioner: rows(by_practitioner),
    }))
}
