//! The waitlist entry as the patient's link shows it, and the offer as both patient and
//! console see it.

use crate::db::waitlist::{self as store, EntryRow, HoldRow};
use crate::db::{self, clinics::ClinicRow, Conn};
use crate::domain::availability::local_date_time;
use crate::domain::token;
use crate::error::{ApiError, ApiResult};
use app::wire::waitlist::{WaitlistEntry, WaitlistOffer};
use app::wire::Language;
use chrono::{DateTime, Utc};

/// The entry and its clinic for a token; malformed and unknown tokens are the same 404.
pub async fn find_by_token(conn: &mut Conn, token: &str) -> ApiResult<(EntryRow, ClinicRow)> {
    if !token::is_well_formed(token) {
        return Err(ApiError::NotFound("Waitlist entry"));
    }
    let entry = store::find_by_token(conn, token)
        .await?
        .ok_or(ApiError::NotFound("Waitlist entry"))?;
    let clinic = db::clinics::find_by_id(conn, entry.clinic_id)
        .await?
        .ok_or(ApiError::NotFound("Waitlist entry"))?;
    Ok((entry, clinic))
}

/// The time held for the entry right now, in the wire form.
pub async fn offer_view(
    conn: &mut Conn,
    clinic: &ClinicRow,
    hold: &HoldRow,
    lang: Language,
) -> ApiResult<WaitlistOffer> {
    let practitioner = db::clinics::practitioners(conn, clinic.id)
        .await?
        .into_iter()
        .find(|p| p.id == hold.practitioner_id)
        .ok_or(ApiError::NotFound("Practitioner"))?;
    let (local_date, local_time) = local_date_time(clinic.tz(), hold.start());
    Ok(WaitlistOffer {
        start: hold.start(),
        end: hold.end(),
        local_date,
        local_time,
        practitioner: practitioner.to_wire(lang),
        hold_until: hold.hold_until(),
    })
}

/// The wire form of an entry, in the patient's language.
pub async fn entry_view(
    conn: &mut Conn,
    entry: &EntryRow,
    clinic: &ClinicRow,
    now: DateTime<Utc>,
) -> ApiResult<WaitlistEntry> {
    let lang = entry.language();
    let service = db::clinics::service(conn, clinic.id, entry.service_id)
        .await?
        .ok_or(ApiError::NotFound("Service"))?;
    let practitioner = match entry.practitioner_id {
        Some(id) => db::clinics::practitioners(conn, clinic.id)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| p.to_wire(lang)),
        None => None,
    };
    let hold = if entry.status == "offered" {
        store::live_hold(conn, entry.id, now).await?
    } else {
        None
    };
    let offer = match &hold {
        Some(hold) => Some(offer_view(conn, clinic, hold, lang).await?),
        None => None,
    };
    // A hold that ran out but is not swept yet: the patient is waiting again.
    let status = match (entry.status(), &offer) {
        (app::wire::waitlist::WaitlistStatus::Offered, None) => {
            app::wire::waitlist::WaitlistStatus::Waiting
        }
        (status, _) => status,
    };
    let appointment_token = match entry.appointment_id {
        Some(id) => db::appointments::find_by_id(conn, id)
            .await?
            .map(|row| row.token),
        None => None,
    };
    Ok(WaitlistEntry {
        token: entry.token.clone(),
        status,
        clinic: clinic.summary(),
        service: service.to_wire(lang),
        practitioner,
        days: entry.days(),
        parts_of_day: entry.parts(),
        preferred_name: entry.greeting_name(),
        language: lang,
        joined_at: db::from_epoch(entry.joined_at),
        expires_at: db::from_epoch(entry.expires_at),
        offer,
        appointment_token,
    })
}
