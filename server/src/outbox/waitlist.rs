//! The worker's waitlist duties, each round: the sweep (every `SWEEP_EVERY` of wall time:
//! holds that ran out, entries past their time, offers of free time), then sending due
//! waitlist messages (`db::waitlist_outbox`) with the same senders and claim rules as visit
//! messages. A message about an offer that is no longer held is skipped, not sent late.

use super::{SendError, Worker, MAX_PER_ROUND};
use crate::db::waitlist::{self as store, EntryRow};
use crate::db::waitlist_outbox::{self, Claimed, WaitlistMessage};
use crate::domain::messages::{self, MAX_ATTEMPTS};
use crate::waitlist::messages::{compose_email, sms_text, OfferFacts, WaitlistFacts};
use app::wire::messages::Channel;
use chrono::Utc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// How often the sweep runs (wall time): offers of freed time are made at once by the
/// change that frees it; the sweep is the safety net and the clock for holds running out.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);

impl Worker {
    pub(super) async fn waitlist_round(&self) {
        let due = {
            let mut last = self
                .last_sweep
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let due = last.is_none_or(|at| at.elapsed() >= SWEEP_EVERY);
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        if due {
            if let Err(error) = crate::waitlist::sweep(&self.db, self.clock.now()).await {
                tracing::warn!(error = %error, "waitlist: sweep failed");
            }
        }
        for channel in [Channel::Email, Channel::Sms] {
            if self.can_send(channel) {
                self.waitlist_channel_round(channel).await;
            }
        }
    }

    async fn waitlist_channel_round(&self, channel: Channel) {
        for _ in 0..MAX_PER_ROUND {
            let claimed = waitlist_outbox::claim_next(
                &self.db,
                channel,
                &self.instance,
                self.clock.now(),
                Utc::now(),
                self.lease,
            )
            .await;
            match claimed {
                Ok(Some(claimed)) => {
                    let span = tracing::info_span!(
                        "waitlist_send",
                        waitlist_outbox_id = claimed.id,
                        kind = claimed.kind.code(),
                        channel = channel.code(),
                        attempt = claimed.attempts,
                    );
                    self.deliver_waitlist(&claimed).instrument(span).await;
                }
                Ok(None) => return,
                Err(error) => {
                    tracing::warn!(channel = channel.code(), error = %error, "waitlist outbox: cannot claim");
                    return;
                }
            }
        }
    }

    async fn deliver_waitlist(&self, claimed: &Claimed) {
        let outcome = self.attempt_waitlist(claimed).await;
        let now = self.clock.now();
        let (status, reason, next_due) = match outcome {
            Ok(()) => ("sent", None, None),
            Err(Undelivered::Skipped(reason)) => ("skipped", Some(reason), None),
            Err(Undelivered::Failed(SendError::Permanent(reason))) => {
                ("failed", Some(reason), None)
            }
            Err(Undelivered::Failed(SendError::Temporary(_)))
                if claimed.attempts >= MAX_ATTEMPTS =>
            {
                ("failed", Some("too_many_attempts"), None)
            }
            Err(Undelivered::Failed(SendError::Temporary(reason))) => (
                "queued",
                Some(reason),
                Some(now + messages::backoff(claimed.attempts)),
            ),
        };
        let recorded = waitlist_outbox::record(
            &self.db,
            claimed,
            &self.instance,
            status,
            reason,
            next_due,
            now,
        )
        .await;
        let reason = reason.unwrap_or("");
        match recorded {
            Ok(true) => tracing::info!(status, reason, "waitlist message done"),
            Ok(false) => tracing::warn!(
                status,
                reason,
                "waitlist outbox: lease lost before recording"
            ),
            Err(error) => {
                tracing::error!(status, reason, error = %error, "waitlist outbox: cannot record outcome")
            }
        }
    }

    async fn attempt_waitlist(&self, claimed: &Claimed) -> Result<(), Undelivered> {
        let (entry, facts) = self.waitlist_facts(claimed).await?;
        match claimed.channel {
            Channel::Email => {
                let mailer = self
                    .mail
                    .as_ref()
                    .ok_or(Undelivered::Failed(SendError::Temporary("no_mail_server")))?;
                let address = entry
                    .email
                    .as_deref()
                    .ok_or(Undelivered::Failed(SendError::Permanent("no_address")))?;
                let email = compose_email(claimed.kind, &facts);
                let message = mailer
                    .build_waitlist(claimed.id, &facts.greeting_name, address, &email)
                    .map_err(Undelivered::Failed)?;
                mailer.send(message).await.map_err(Undelivered::Failed)
            }
            Channel::Sms => {
                let sender = self
                    .sms
                    .as_ref()
                    .ok_or(Undelivered::Failed(SendError::Temporary("no_sms_provider")))?;
                let phone = entry
                    .phone
                    .as_deref()
                    .and_then(crate::domain::phone::to_e164)
                    .ok_or(Undelivered::Failed(SendError::Permanent("invalid_phone")))?;
                let text = sms_text(claimed.kind, &facts);
                sender
                    .send(&phone, &text)
                    .await
                    .map_err(Undelivered::Failed)
            }
        }
    }

    /// What the message says, or why it is no longer wanted.
    async fn waitlist_facts(
        &self,
        claimed: &Claimed,
    ) -> Result<(EntryRow, WaitlistFacts), Undelivered> {
        let unavailable = |_| Undelivered::Failed(SendError::Temporary("database_unavailable"));
        let now = self.clock.now();
        let mut conn = self.db.pool.acquire().await.map_err(unavailable)?;
        let entry = store::find_by_id(&mut conn, claimed.entry_id)
            .await
            .map_err(unavailable)?
            .ok_or(Undelivered::Skipped("entry_gone"))?;
        if !entry.is_active() {
            return Err(Undelivered::Skipped("entry_closed"));
        }
        let clinic = crate::db::clinics::find_by_id(&mut conn, entry.clinic_id)
            .await
            .map_err(unavailable)?
            .ok_or(Undelivered::Skipped("entry_gone"))?;
        let lang = entry.language();
        let service = crate::db::clinics::service(&mut conn, clinic.id, entry.service_id)
            .await
            .map_err(unavailable)?
            .ok_or(Undelivered::Skipped("entry_gone"))?;
        let offer = match (claimed.kind, claimed.hold_id) {
            (WaitlistMessage::Joined, _) => None,
            (WaitlistMessage::Offer, None) => return Err(Undelivered::Skipped("offer_gone")),
            (WaitlistMessage::Offer, Some(hold_id)) => {
                let hold = store::find_hold(&mut conn, hold_id)
                    .await
                    .map_err(unavailable)?
                    .filter(|hold| hold.state == "held" && hold.hold_until() > now)
                    .ok_or(Undelivered::Skipped("offer_gone"))?;
                let practitioner = crate::db::clinics::practitioners(&mut conn, clinic.id)
                    .await
                    .map_err(unavailable)?
                    .into_iter()
                    .find(|p| p.id == hold.practitioner_id)
                    .ok_or(Undelivered::Skipped("offer_gone"))?;
                Some(OfferFacts {
                    start: hold.start(),
                    practitioner_name: practitioner.display_name,
                    hold_until: hold.hold_until(),
                    hold_minutes: (hold.hold_until - hold.created_at) / 60,
                })
            }
        };
        let facts = WaitlistFacts {
            language: lang,
            greeting_name: entry.greeting_name(),
            clinic_name: clinic.name.clone(),
            clinic_phone: clinic.phone.clone(),
            zone: clinic.tz(),
            service_name: service.to_wire(lang).name,
            link: format!(
                "{}/waitlist/{}",
                self.public_url.trim_end_matches('/'),
                entry.token
            ),
            offer,
        };
        Ok((entry, facts))
    }
}

/// Why a waitlist message was not sent this time.
enum Undelivered {
    Skipped(&'static str),
    Failed(SendError),
}
