//! The outbox worker: a background task in every server process that sends due messages.
//!
//! Each round, for each channel this server can send by (e-mail with `--smtp-url`, SMS with
//! `--sms-log`), it claims due rows one at a time (`db::outbox_claims`: one process per row),
//! reads the visit as it is now, skips what is no longer wanted, composes, sends and records
//! the outcome. Channels it cannot send by are not claimed: their due rows are marked
//! `no_mail_server` / `no_sms_provider` and stay queued for a server that can.
//!
//! Delivery is at-least-once with a narrow window: a row is recorded `sent` right after the
//! mail server accepted it. A process killed between those two steps leaves the row
//! `sending`; once its lease (`--outbox-lease-secs`) runs out another process sends it again.
//! Both copies carry the same `Message-ID: <outbox-{id}@host>`, so mail clients and people
//! can tell them apart as one message. A shorter lease brings a stuck message out sooner but
//! must stay well above the longest send (the SMTP timeout is 30 s).
//!
//! Logs name outbox ids, kinds, channels and reason codes only: never names, addresses,
//! phone numbers, message text or a mail server's reply (which may echo an address).

pub mod sms;
pub mod smtp;
mod waitlist;

use crate::config::Settings;
use crate::db::outbox_claims::{self, Claimed};
use crate::db::Db;
use crate::domain::messages::{self, Queued, MAX_ATTEMPTS};
use crate::routes::Clock;
use app::wire::messages::Channel;
use chrono::Utc;
use sms::{LogFileSms, SmsSender};
use smtp::SmtpMailer;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Most messages one channel sends in one round, so that the other channel and the next
/// round's checks are not starved by a large backlog.
const MAX_PER_ROUND: usize = 200;

/// Why a send did not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again later (server down, busy, 4xx); the reason code.
    Temporary(&'static str),
    /// Will not work however often it is tried (5xx, unusable address); the reason code.
    Permanent(&'static str),
}

pub struct Worker {
    db: Db,
    clock: Clock,
    public_url: Arc<str>,
    /// This process's id in `claimed_by`: random, so two processes never share one.
    instance: String,
    mail: Option<SmtpMailer>,
    sms: Option<Box<dyn SmsSender>>,
    poll: Duration,
    lease: chrono::Duration,
    /// When this worker last swept the waitlist (`waitlist::SWEEP_EVERY`).
    last_sweep: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Worker {
    /// The worker for these settings; an error if `--smtp-url` or `--mail-from` is unusable,
    /// so a misconfigured server refuses to start instead of never sending.
    pub fn new(settings: &Settings, db: Db, clock: Clock) -> anyhow::Result<Worker> {
        let mail = settings
            .smtp_url
            .as_deref()
            .map(|url| SmtpMailer::new(url, &settings.mail_from, &settings.public_url))
            .transpose()?;
        let sms = settings.sms_log.clone().map(|path| {
            let sender: Box<dyn SmsSender> = Box::new(LogFileSms { path });
            sender
        });
        Ok(Worker {
            db,
            clock,
            public_url: Arc::from(settings.public_url.as_str()),
            instance: format!("{:016x}", rand::random::<u64>()),
            mail,
            sms,
            poll: Duration::from_millis(settings.outbox_poll_ms),
            lease: chrono::Duration::seconds(
                i64::try_from(settings.outbox_lease_secs).unwrap_or(300),
            ),
            last_sweep: std::sync::Mutex::new(None),
        })
    }

    /// Runs the worker in the background for as long as the runtime lives.
    pub fn spawn(self) {
        let worker = Arc::new(self);
        tokio::spawn(async move {
            tracing::info!(
                mail = worker.mail.is_some(),
                sms = worker.sms.is_some(),
                "outbox worker started"
            );
            loop {
                // A pause first: a process starting up serves requests before it sends.
                tokio::time::sleep(worker.poll).await;
                // Each round in a task of its own: should anything in it panic, the round is
                // lost (its claims run out and are taken again), never the worker.
                let round = tokio::spawn(worker.clone().round());
                if let Err(error) = round.await {
                    tracing::error!(panicked = error.is_panic(), "outbox round ended abnormally");
                }
            }
        });
    }

    /// One pass over both channels.
    async fn round(self: Arc<Self>) {
        self.channel_round(Channel::Email).await;
        self.channel_round(Channel::Sms).await;
        self.waitlist_round().await;
    }

    fn can_send(&self, channel: Channel) -> bool {
        match channel {
            Channel::Email => self.mail.is_some(),
            Channel::Sms => self.sms.is_some(),
        }
    }

    async fn channel_round(&self, channel: Channel) {
        if !self.can_send(channel) {
            let reason = match channel {
                Channel::Email => "no_mail_server",
                Channel::Sms => "no_sms_provider",
            };
            if let Err(error) =
                outbox_claims::note_unsendable(&self.db, channel, reason, self.clock.now()).await
            {
                tracing::warn!(channel = channel.code(), error = %error, "outbox: cannot mark waiting messages");
            }
            return;
        }
        for _ in 0..MAX_PER_ROUND {
            let claimed = outbox_claims::claim_next(
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
                        "outbox_send",
                        outbox_id = claimed.id,
                        kind = claimed.kind.code(),
                        channel = channel.code(),
                        attempt = claimed.attempts,
                    );
                    self.deliver(&claimed).instrument(span).await;
                }
                Ok(None) => return,
                Err(error) => {
                    tracing::warn!(channel = channel.code(), error = %error, "outbox: cannot claim");
                    return;
                }
            }
        }
    }

    /// Sends one claimed message and records what happened.
    async fn deliver(&self, claimed: &Claimed) {
        let outcome = self.attempt(claimed).await;
        let now = self.clock.now();
        let me = &self.instance;
        let recorded = match outcome {
            Outcome::Sent => outbox_claims::mark_sent(&self.db, claimed, me, now).await,
            Outcome::Skipped(reason) => {
                outbox_claims::mark_skipped(&self.db, claimed, me, reason, now).await
            }
            Outcome::Failed(SendError::Permanent(reason)) => {
                outbox_claims::mark_failed(&self.db, claimed, me, reason, now).await
            }
            Outcome::Failed(SendError::Temporary(_)) if claimed.attempts >= MAX_ATTEMPTS => {
                outbox_claims::mark_failed(&self.db, claimed, me, "too_many_attempts", now).await
            }
            Outcome::Failed(SendError::Temporary(reason)) => {
                let next_due = now + messages::backoff(claimed.attempts);
                outbox_claims::retry_later(&self.db, claimed, me, reason, next_due, now).await
            }
        };
        let (status, reason) = outcome.describe(claimed.attempts);
        match recorded {
            Ok(true) => tracing::info!(status, reason, "outbox message done"),
            // Our lease ran out mid-send and another process took the row over: what it
            // records stands.
            Ok(false) => tracing::warn!(status, reason, "outbox: lease lost before recording"),
            // The row stays `sending` until its lease runs out, then goes again.
            Err(error) => {
                tracing::error!(status, reason, error = %error, "outbox: cannot record outcome")
            }
        }
    }

    async fn attempt(&self, claimed: &Claimed) -> Outcome {
        let now = self.clock.now();
        let facts = {
            let mut conn = match self.db.pool.acquire().await {
                Ok(conn) => conn,
                Err(_) => return Outcome::Failed(SendError::Temporary("database_unavailable")),
            };
            crate::messages::load_facts(&mut conn, claimed.appointment_id, &self.public_url).await
        };
        let facts = match facts {
            Ok(Some(facts)) => facts,
            Ok(None) => return Outcome::Skipped("visit_gone"),
            Err(_) => return Outcome::Failed(SendError::Temporary("database_unavailable")),
        };
        let queued = Queued {
            kind: claimed.kind,
            visit_start: claimed.visit_start,
            sequence: claimed.sequence,
        };
        if let Err(reason) = messages::still_wanted(&queued, &facts.visit, now) {
            return Outcome::Skipped(reason.code());
        }
        let sent = match claimed.channel {
            Channel::Email => {
                let Some(mailer) = &self.mail else {
                    return Outcome::Failed(SendError::Temporary("no_mail_server"));
                };
                let Some(address) = facts.email.as_deref() else {
                    return Outcome::Failed(SendError::Permanent("no_address"));
                };
                let email =
                    crate::messages::compose_email(claimed.kind, &facts, claimed.sequence, now);
                match mailer.build(claimed.id, &facts.greeting_name, address, &email) {
                    Ok(message) => mailer.send(message).await,
                    Err(error) => Err(error),
                }
            }
            Channel::Sms => {
                let Some(sender) = &self.sms else {
                    return Outcome::Failed(SendError::Temporary("no_sms_provider"));
                };
                let Some(phone) = facts
                    .phone
                    .as_deref()
                    .and_then(crate::domain::phone::to_e164)
                else {
                    return Outcome::Failed(SendError::Permanent("invalid_phone"));
                };
                let text = crate::messages::sms_text(claimed.kind, &facts);
                sender.send(&phone, &text).await
            }
        };
        match sent {
            Ok(()) => Outcome::Sent,
            Err(error) => Outcome::Failed(error),
        }
    }
}

/// What became of one try.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    Sent,
    Skipped(&'static str),
    Failed(SendError),
}

impl Outcome {
    /// The status and reason recorded, for the log.
    fn describe(self, attempts: u32) -> (&'static str, &'static str) {
        match self {
            Outcome::Sent => ("sent", ""),
            Outcome::Skipped(reason) => ("skipped", reason),
            Outcome::Failed(SendError::Permanent(reason)) => ("failed", reason),
            Outcome::Failed(SendError::Temporary(_)) if attempts >= MAX_ATTEMPTS => {
                ("failed", "too_many_attempts")
            }
            Outcome::Failed(SendError::Temporary(reason)) => ("queued", reason),
        }
    }
}

/// Starts the outbox worker for a server (`startup::serve_with` and `startup::spawn`).
pub fn start(settings: &Settings, db: Db, clock: Clock) -> anyhow::Result<()> {
    Worker::new(settings, db, clock)?.spawn();
    Ok(())
}
