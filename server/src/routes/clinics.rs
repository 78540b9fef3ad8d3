//! `GET /api/clinics/{slug}`: what a patient needs to choose a visit.

use super::extract::ApiQuery;
use super::{AppState, LangQuery};
use crate::db::{self, clinics::ClinicRow};
use crate::error::{ApiError, ApiResult};
use app::wire::{Clinic, Language};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/clinics/{slug}", get(clinic))
}

#[utoipa::path(
    get,
    path = "/clinics/{slug}",
    tag = "patient",
    summary = "A clinic, its services and practitioners",
    params(
        ("slug" = String, Path, description = "The clinic's short name, e.g. `demo`"),
        ("lang" = Option<String>, Query, pattern = r"^(?:[eE][nNsS](?:[-_][\s\S]*)?)?$", description = "Language of the texts, `en` or `es`; empty or absent means the clinic's default. A browser's tag such as `es-MX` is read as its language."),
    ),
    responses(
        (status = 200, description = "The clinic.", body = Clinic),
        (status = 404, description = "No clinic has this slug (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "`lang` is not a supported language (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
async fn clinic(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
) -> ApiResult<Json<Clinic>> {
    let lang = query.language()?.unwrap_or_default();
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(clinic_for_patients(&mut conn, &slug, lang).await?))
}

/// The clinic as patients see it, its texts in `lang`; 404 for an unknown slug. Also what the
/// booking page's first step is drawn from (`book_page`).
pub async fn clinic_for_patients(
    conn: &mut db::Conn,
    slug: &str,
    lang: Language,
) -> ApiResult<Clinic> {
    let clinic = find_clinic(conn, slug).await?;
    let services = db::clinics::offered_services(conn, clinic.id).await?;
    let practitioners = db::clinics::practitioners(conn, clinic.id).await?;
    Ok(Clinic {
        languages: clinic.languages(),
        services: services.iter().map(|s| s.to_wire(lang)).collect(),
        practitioners: practitioners.iter().map(|p| p.to_wire(lang)).collect(),
        slug: clinic.slug,
        name: clinic.name,
        time_zone: clinic.time_zone,
        address: clinic.address,
        phone: clinic.phone,
        late_cancel_hours: db::clinics::to_u32(clinic.late_cancel_hours),
        min_notice_minutes: db::clinics::to_u32(clinic.min_notice_minutes),
        horizon_days: db::clinics::to_u32(clinic.horizon_days),
    })
}

/// The clinic for a slug, or 404.
pub async fn find_clinic(conn: &mut db::Conn, slug: &str) -> ApiResult<ClinicRow> {
    db::clinics::find_by_slug(conn, slug)
        .await?
        .ok_or(ApiError::NotFound("Clinic"))
}
