//! One offer round: for each waiting entry in join order, the earliest free time it accepts
//! is held for it and offered by message.

use crate::db::waitlist::{self as store, EntryRow, HoldScope, NewHold};
use crate::db::waitlist_outbox::{self, WaitlistMessage};
use crate::db::{self, clinics::ServiceRow, Db};
use crate::domain::availability::{self, Candidate, Interval};
use crate::domain::local_time::local_naive;
use crate::domain::waitlist as rules;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Entries looked at per round, in join order: bounds a round's work however long the list.
pub const MAX_ENTRIES_PER_ROUND: i64 = 100;

/// Offers free times to the clinic's waiting patients; returns how many offers it made.
pub async fn offer_round(db: &Db, clinic_id: i64, now: DateTime<Utc>) -> sqlx::Result<usize> {
    // Rounds of one clinic take turns (PostgreSQL), so two never offer to one patient.
    let mut tx = db.begin_clinic_write(clinic_id).await?;
    let Some(clinic) = db::clinics::find_by_id(&mut tx, clinic_id).await? else {
        return Ok(0);
    };
    store::expire_due_holds(&mut tx, HoldScope::Clinic(clinic_id), now).await?;
    let waiting: Vec<EntryRow> = store::queue(&mut tx, clinic_id, MAX_ENTRIES_PER_ROUND)
        .await?
        .into_iter()
        .filter(|entry| entry.status == "waiting" && entry.expires_at > db::to_epoch(now))
        .collect();
    if waiting.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }

    // The services asked for that are still offered, each with who offers it.
    let practitioners = db::clinics::practitioners(&mut tx, clinic_id).await?;
    let mut services: HashMap<i64, (ServiceRow, Vec<i64>)> = HashMap::new();
    for entry in &waiting {
        if services.contains_key(&entry.service_id) {
            continue;
        }
        if let Some(service) =
            db::clinics::offered_service(&mut tx, clinic_id, entry.service_id).await?
        {
            let ids = practitioners
                .iter()
                .filter(|p| p.offers(service.id))
                .map(|p| p.id)
                .collect();
            services.insert(service.id, (service, ids));
        }
    }
    let mut all_ids: Vec<i64> = services.values().flat_map(|(_, ids)| ids.clone()).collect();
    all_ids.sort_unstable();
    all_ids.dedup();
    // Holds are written like bookings: in the practitioners' turn, after which the schedules
    // read include every visit and hold that won before.
    db::appointments::take_practitioners_turn(&mut tx, &all_ids).await?;

    let rules = clinic.rules();
    let tz = rules.time_zone;
    let from = now - Duration::days(1);
    let until = now + Duration::days(i64::from(rules.horizon_days) + 2);
    let mut schedules = db::schedules::load(&mut tx, &all_ids, from, until, None).await?;
    store::add_holds(&mut tx, &mut schedules, from, until, None).await?;
    let today = local_naive(tz, now).date();
    let last_day = local_naive(tz, until).date();
    let mut free: HashMap<i64, Vec<Candidate>> = HashMap::new();
    for (service_id, (service, ids)) in &services {
        let theirs: Vec<_> = schedules
            .iter()
            .filter(|s| ids.contains(&s.practitioner_id))
            .cloned()
            .collect();
        let slots =
            availability::free_slots(&rules, &service.shape(), &theirs, today, last_day, now);
        free.insert(*service_id, slots);
    }

    let hold_minutes = store::settings(&mut tx, clinic_id).await?.hold_minutes;
    let mut held_now: Vec<(i64, Interval)> = Vec::new();
    for entry in &waiting {
        let (Some((service, _)), Some(slots)) =
            (services.get(&entry.service_id), free.get(&entry.service_id))
        else {
            continue;
        };
        let shape = service.shape();
        let passed = store::passed_starts(&mut tx, entry.id).await?;
        let found = rules::first_match(tz, &entry.preferences(), slots, |candidate| {
            let blocked = shape.blocked_interval(candidate.start);
            passed.contains(&(candidate.practitioner_id, db::to_epoch(candidate.start)))
                || held_now
                    .iter()
                    .any(|(id, held)| *id == candidate.practitioner_id && held.overlaps(&blocked))
        });
        let Some(candidate) = found.copied() else {
            continue;
        };
        let blocked = shape.blocked_interval(candidate.start);
        let hold = NewHold {
            entry_id: entry.id,
            clinic_id,
            practitioner_id: candidate.practitioner_id,
            service_id: service.id,
            start: candidate.start,
            end: candidate.end,
            blocked,
            hold_until: rules::hold_until(now, hold_minutes),
        };
        let hold_id = store::insert_hold(&mut tx, &hold, now).await?;
        waitlist_outbox::queue(&mut tx, entry, WaitlistMessage::Offer, Some(hold_id), now).await?;
        held_now.push((candidate.practitioner_id, blocked));
    }
    tx.commit().await?;
    if !held_now.is_empty() {
        tracing::info!(
            clinic_id,
            offers = held_now.len(),
            "waitlist: times offered"
        );
    }
    Ok(held_now.len())
}
