//! Clinics, their services and practitioners.

use super::Conn;
use crate::domain::availability::{BookingRules, ServiceShape};
use app::wire::{self, Language, ServiceKind};
use chrono_tz::Tz;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClinicRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub time_zone: String,
    pub address: String,
    pub phone: String,
    pub late_cancel_hours: i64,
    pub min_notice_minutes: i64,
    pub horizon_days: i64,
    pub slot_step_minutes: Option<i64>,
    /// Comma-separated language codes, e.g. `en,es`.
    pub languages: String,
    /// `https://…{room}…`, or empty: no video links (see `domain::video`).
    pub video_url_template: String,
}

impl ClinicRow {
    /// The clinic's zone; a bad value in the database falls back to UTC rather than failing requests.
    pub fn tz(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    pub fn rules(&self) -> BookingRules {
        BookingRules {
            time_zone: self.tz(),
            min_notice_minutes: to_u32(self.min_notice_minutes),
            horizon_days: to_u32(self.horizon_days),
            slot_step_minutes: self.slot_step_minutes.map(to_u32),
        }
    }

    /// The languages the clinic speaks with patients, as the admin set them.
    pub fn languages(&self) -> Vec<Language> {
        parse_languages(&self.languages)
    }

    pub fn summary(&self) -> wire::ClinicSummary {
        wire::ClinicSummary {
            slug: self.slug.clone(),
            name: self.name.clone(),
            time_zone: self.time_zone.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            late_cancel_hours: to_u32(self.late_cancel_hours),
            horizon_days: to_u32(self.horizon_days),
        }
    }
}

/// Reads the stored `en,es` list; unknown codes are skipped.
pub fn parse_languages(codes: &str) -> Vec<Language> {
    codes.split(',').filter_map(Language::from_tag).collect()
}

pub fn to_u32(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub clinic_id: i64,
    pub kind: String,
    pub duration_minutes: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub name_en: String,
    pub name_es: String,
    pub description_en: String,
    pub description_es: String,
    pub what_to_expect_en: String,
    pub what_to_expect_es: String,
    pub cost_note_en: String,
    pub cost_note_es: String,
    pub preparation_en: String,
    pub preparation_es: String,
    /// False once retired: patients no longer see or book it.
    #[sqlx(try_from = "super::IntFlag")]
    pub offered: bool,
}

/// Picks the text for a language.
fn pick(lang: Language, en: &str, es: &str) -> String {
    match lang {
        Language::En => en.to_string(),
        Language::Es => es.to_string(),
    }
}

impl ServiceRow {
    pub fn shape(&self) -> ServiceShape {
        ServiceShape {
            duration_minutes: to_u32(self.duration_minutes),
            buffer_before_minutes: to_u32(self.buffer_before_minutes),
            buffer_after_minutes: to_u32(self.buffer_after_minutes),
        }
    }

    pub fn kind(&self) -> ServiceKind {
        if self.kind == "telehealth" {
            ServiceKind::Telehealth
        } else {
            ServiceKind::InPerson
        }
    }

    /// The preparation Markdown as the clinic wrote it, in `lang`.
    pub fn preparation(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.preparation_en,
            Language::Es => &self.preparation_es,
        }
    }

    pub fn to_wire(&self, lang: Language) -> wire::Service {
        wire::Service {
            id: self.id,
            name: pick(lang, &self.name_en, &self.name_es),
            description: pick(lang, &self.description_en, &self.description_es),
            duration_minutes: to_u32(self.duration_minutes),
            kind: self.kind(),
            what_to_expect: pick(lang, &self.what_to_expect_en, &self.what_to_expect_es),
            cost_note: pick(lang, &self.cost_note_en, &self.cost_note_es),
            preparation_html: crate::domain::markdown::to_safe_html(self.preparation(lang)),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PractitionerRow {
    pub id: i64,
    pub clinic_id: i64,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub initials: String,
    pub title_en: String,
    pub title_es: String,
    pub bio_en: String,
    pub bio_es: String,
    /// Comma-separated ids of the services they offer, in no particular order (`comma_list`).
    pub service_ids: Option<String>,
}

impl PractitionerRow {
    /// The ids of the services they offer, smallest first.
    pub fn service_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .service_ids
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect();
        ids.sort_unstable();
        ids
    }

    pub fn offers(&self, service_id: i64) -> bool {
        self.service_ids().contains(&service_id)
    }

    pub fn to_wire(&self, lang: Language) -> wire::Practitioner {
        wire::Practitioner {
            id: self.id,
            display_name: self.display_name.clone(),
            pronouns: self.pronouns.clone(),
            title: pick(lang, &self.title_en, &self.title_es),
            bio: pick(lang, &self.bio_en, &self.bio_es),
            initials: self.initials.clone(),
            service_ids: self.service_ids(),
        }
    }
}

pub async fn find_by_slug(conn: &mut Conn, slug: &str) -> sqlx::Result<Option<ClinicRow>> {
    // No slug holds a NUL byte, and PostgreSQL refuses text with one (an error, not "no row"):
    // `/api/clinics/%00` or `/embed/%00` names no clinic, it is not a failure.
    if slug.contains('\0') {
        return Ok(None);
    }
    sqlx::query_as::<_, ClinicRow>(
        "SELECT id, slug, name, time_zone, address, phone, late_cancel_hours, min_notice_minutes,
                horizon_days, slot_step_minutes, languages, video_url_template
         FROM clinics WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> sqlx::Result<Option<ClinicRow>> {
    sqlx::query_as::<_, ClinicRow>(
        "SELECT id, slug, name, time_zone, address, phone, late_cancel_hours, min_notice_minutes,
                horizon_days, slot_step_minutes, languages, video_url_template
         FROM clinics WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The one rule for which services patients may choose (a condition on `services`): a retired
/// service is not offered. Its existing visits still read it through `service`.
const OFFERED: &str = "services.retired_at IS NULL";

fn service_columns() -> String {
    format!(
        "services.id, services.clinic_id, services.kind, services.duration_minutes,
         services.buffer_before_minutes, services.buffer_after_minutes, services.name_en,
         services.name_es, services.description_en, services.description_es,
         services.what_to_expect_en, services.what_to_expect_es, services.cost_note_en,
         services.cost_note_es, services.preparation_en, services.preparation_es,
         CASE WHEN {OFFERED} THEN 1 ELSE 0 END AS offered"
    )
}

/// The services patients may choose, in the clinic's order.
pub async fn offered_services(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<ServiceRow>> {
    sqlx::query_as::<_, ServiceRow>(&format!(
        "SELECT {} FROM services WHERE clinic_id = $1 AND {OFFERED} ORDER BY sort_order, id",
        service_columns()
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// Every service, retired ones too: for the console's set-up screens.
pub async fn all_services(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<ServiceRow>> {
    sqlx::query_as::<_, ServiceRow>(&format!(
        "SELECT {} FROM services WHERE clinic_id = $1 ORDER BY sort_order, id",
        service_columns()
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// A service a patient may book now; a retired one is as unknown as a missing one.
pub async fn offered_service(
    conn: &mut Conn,
    clinic_id: i64,
    id: i64,
) -> sqlx::Result<Option<ServiceRow>> {
    sqlx::query_as::<_, ServiceRow>(&format!(
        "SELECT {} FROM services WHERE clinic_id = $1 AND id = $2 AND {OFFERED}",
        service_columns()
    ))
    .bind(clinic_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A service whether offered or retired: what an existing visit (or the console) reads.
pub async fn service(conn: &mut Conn, clinic_id: i64, id: i64) -> sqlx::Result<Option<ServiceRow>> {
    sqlx::query_as::<_, ServiceRow>(&format!(
        "SELECT {} FROM services WHERE clinic_id = $1 AND id = $2",
        service_columns()
    ))
    .bind(clinic_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Which of a practitioner's services `service_ids` lists.
#[derive(Clone, Copy)]
enum Links {
    Offered,
    All,
}

async fn practitioners_with(
    conn: &mut Conn,
    clinic_id: i64,
    links: Links,
) -> sqlx::Result<Vec<PractitionerRow>> {
    let offered_only = match links {
        Links::Offered => format!("AND {OFFERED}"),
        Links::All => String::new(),
    };
    let service_list = super::Backend::of(conn).comma_list("ps.service_id");
    sqlx::query_as::<_, PractitionerRow>(&format!(
        "SELECT p.id, p.clinic_id, p.display_name, p.pronouns, p.initials, p.title_en, p.title_es,
                p.bio_en, p.bio_es,
                (SELECT {service_list} FROM practitioner_services ps
                 JOIN services ON services.id = ps.service_id
                 WHERE ps.practitioner_id = p.id {offered_only}) AS service_ids
         FROM practitioners p WHERE p.clinic_id = $1 ORDER BY p.sort_order, p.id"
    ))
    .bind(clinic_id)
    .fetch_all(conn)
    .await
}

/// The clinic's practitioners; `service_ids` lists only the services patients may choose.
pub async fn practitioners(conn: &mut Conn, clinic_id: i64) -> sqlx::Result<Vec<PractitionerRow>> {
    practitioners_with(conn, clinic_id, Links::Offered).await
}

/// The clinic's practitioners with every service they are linked to, retired ones too, so that
/// offering a service again restores who offers it.
pub async fn practitioners_all_links(
    conn: &mut Conn,
    clinic_id: i64,
) -> sqlx::Result<Vec<PractitionerRow>> {
    practitioners_with(conn, clinic_id, Links::All).await
}
