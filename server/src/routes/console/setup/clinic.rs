//! `GET`/`PUT /api/console/clinic`: the clinic's profile and the rules patients book under.

use super::checks::{tidy, Checks, SHORT_TEXT};
use super::{audit, own_clinic};
use crate::db;
use crate::domain::video;
use crate::error::{ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::setup::ClinicSettings;
use axum::extract::State;
use axum::Json;
use chrono_tz::Tz;

/// Start times may step by these many minutes (or by the service's length).
const SLOT_STEPS: [u32; 6] = [5, 10, 15, 20, 30, 60];

#[utoipa::path(
    get,
    path = "/console/clinic",
    tag = "console",
    summary = "The clinic's profile and booking rules",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The settings.", body = ClinicSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<ClinicSettings>> {
    let mut conn = state.db.pool.acquire().await?;
    let settings = db::setup::clinic_settings(&mut conn, staff.clinic_id())
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    Ok(Json(settings))
}

#[utoipa::path(
    put,
    path = "/console/clinic",
    tag = "console",
    summary = "Change the clinic's profile and booking rules",
    request_body = ClinicSettings,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved, as stored.", body = ClinicSettings),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A setting is missing or out of range (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(mut settings): ApiJson<ClinicSettings>,
) -> ApiResult<Json<ClinicSettings>> {
    check(&mut settings)?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let clinic = own_clinic(&mut tx, &staff).await?;
    db::setup::save_clinic_settings(&mut tx, clinic.id, &settings).await?;
    audit(&mut tx, &staff, "update", "clinic", clinic.id, now).await?;
    let saved = db::setup::clinic_settings(&mut tx, clinic.id)
        .await?
        .ok_or(ApiError::NotFound("Clinic"))?;
    tx.commit().await?;
    Ok(Json(saved))
}

/// Tidies the settings, or names every field that needs attention.
fn check(settings: &mut ClinicSettings) -> ApiResult<()> {
    for text in [
        &mut settings.name,
        &mut settings.address,
        &mut settings.phone,
        &mut settings.time_zone,
        &mut settings.video_url_template,
    ] {
        tidy(text);
    }
    let mut checks = Checks::default();
    checks.required("name", &settings.name, SHORT_TEXT);
    checks.required("address", &settings.address, SHORT_TEXT);
    checks.required("phone", &settings.phone, SHORT_TEXT);
    if settings.time_zone.parse::<Tz>().is_err() {
        checks.fail("time_zone", "unknown_zone");
    }
    if settings.languages.is_empty() {
        checks.fail("languages", "required");
    }
    let mut seen = Vec::new();
    for language in &settings.languages {
        if seen.contains(language) {
            checks.fail("languages", "duplicate");
        }
        seen.push(*language);
    }
    checks.within("late_cancel_hours", settings.late_cancel_hours, 0..=168);
    checks.within(
        "min_notice_minutes",
        settings.min_notice_minutes,
        0..=10_080,
    );
    checks.within("horizon_days", settings.horizon_days, 1..=365);
    if let Some(step) = settings.slot_step_minutes {
        if !SLOT_STEPS.contains(&step) {
            checks.fail("slot_step_minutes", "not_allowed");
        }
    }
    if let Some(problem) = video::template_problem(&settings.video_url_template) {
        checks.fail("video_url_template", problem);
    }
    checks.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::wire::Language;
    use std::collections::BTreeMap;

    fn riverside() -> ClinicSettings {
        ClinicSettings {
            name: "Riverside Family Clinic".into(),
            address: "120 Hudson Street".into(),
            phone: "+1 212 555 0142".into(),
            time_zone: "America/New_York".into(),
            languages: vec![Language::En, Language::Es],
            late_cancel_hours: 24,
            min_notice_minutes: 120,
            horizon_days: 60,
            slot_step_minutes: Some(15),
            video_url_template: "https://video.example.org/{room}".into(),
        }
    }

    fn fields(settings: &mut ClinicSettings) -> BTreeMap<String, String> {
        match check(settings) {
            Err(ApiError::Validation { fields, .. }) => fields,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn good_settings_pass_trimmed() {
        let mut settings = riverside();
        settings.name = "  Riverside Family Clinic ".into();
        check(&mut settings).unwrap();
        assert_eq!(settings.name, "Riverside Family Clinic");
        settings.slot_step_minutes = None;
        check(&mut settings).unwrap();
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let mut settings = riverside();
        settings.name = " ".into();
        settings.phone = "1".repeat(201);
        settings.time_zone = "Mars/Olympus_Mons".into();
        settings.languages = vec![Language::Es, Language::Es];
        settings.late_cancel_hours = 169;
        settings.min_notice_minutes = 10_081;
        settings.horizon_days = 0;
        settings.slot_step_minutes = Some(7);
        settings.video_url_template = "http://video.example.org/{room}".into();
        let fields = fields(&mut settings);
        let expected = [
            ("name", "required"),
            ("phone", "too_long"),
            ("time_zone", "unknown_zone"),
            ("languages", "duplicate"),
            ("late_cancel_hours", "out_of_range"),
            ("min_notice_minutes", "out_of_range"),
            ("horizon_days", "out_of_range"),
            ("slot_step_minutes", "not_allowed"),
            ("video_url_template", "not_https"),
        ];
        for (field, reason) in expected {
            assert_eq!(
                fields.get(field).map(String::as_str),
                Some(reason),
                "{field}"
            );
        }
        assert_eq!(fields.len(), expected.len(), "{fields:?}");
    }

    #[test]
    fn no_language_at_all_is_refused() {
        let mut settings = riverside();
        settings.languages.clear();
        assert_eq!(fields(&mut settings)["languages"], "required");
    }
}
