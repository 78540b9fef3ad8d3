//! Which messages a change to a visit causes, when they are due, and whether a queued one is
//! still wanted when its time comes. The outbox (`db::outbox`) writes what these rules say in
//! the change's own transaction; the worker (`crate::outbox`) asks `still_wanted` just before
//! sending, because the visit may have moved, been cancelled or been erased in between.

use app::wire::messages::{
    Channel, MessageKind, DEFAULT_REMINDER_MINUTES, MAX_REMINDERS, MAX_REMINDER_MINUTES,
    MIN_REMINDER_MINUTES,
};
use chrono::{DateTime, Duration, Utc};

/// What happened to a visit that the patient should hear about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitEvent {
    /// Booked, by the patient online or by staff on the phone.
    Booked,
    /// Moved to another time (by the patient or by staff).
    Rescheduled,
    /// Cancelled (by the patient or by staff).
    Cancelled,
    /// Staff published instructions (a new version each time).
    InstructionsPublished,
    /// Staff marked the visit completed: the survey opens.
    Completed,
}

impl VisitEvent {
    /// The message this event sends at once (reminders come on top, see `reminder_times`).
    pub fn message(self) -> MessageKind {
        match self {
            VisitEvent::Booked => MessageKind::Confirmation,
            VisitEvent::Rescheduled => MessageKind::Changed,
            VisitEvent::Cancelled => MessageKind::Cancelled,
            VisitEvent::InstructionsPublished => MessageKind::Instructions,
            VisitEvent::Completed => MessageKind::Survey,
        }
    }

    /// Whether the visit's reminders are (re)planned: a new or moved visit gets fresh ones,
    /// and every event that changes the start or ends the visit drops the queued ones.
    pub fn replans_reminders(self) -> bool {
        matches!(
            self,
            VisitEvent::Booked | VisitEvent::Rescheduled | VisitEvent::Cancelled
        )
    }
}

/// The survey invitation waits a little after the visit is marked completed, so that the
/// practitioner can publish instructions first and the patient is not asked while still in
/// the building.
pub const SURVEY_DELAY: Duration = Duration::hours(2);

/// Instructions go out a few minutes after publishing, and a version published while the
/// message still waits does not queue another: a quick correction sends one message, which
/// links to the newest version.
pub const INSTRUCTIONS_DELAY: Duration = Duration::minutes(5);

/// Which channels a message goes by. E-mail whenever the patient gave an address; SMS when
/// they gave only a phone number, and for reminders (the message a text helps most with).
pub fn channels(kind: MessageKind, has_email: bool, has_phone: bool) -> Vec<Channel> {
    let mut channels = Vec::new();
    if has_email {
        channels.push(Channel::Email);
    }
    if has_phone && (!has_email || kind == MessageKind::Reminder) {
        channels.push(Channel::Sms);
    }
    channels
}

/// The clinic's reminder offsets as stored (`"2880,120"`, minutes before the start). Anything
/// unreadable is dropped rather than failing a booking; an empty text means no reminders. A
/// repeated offset (text written by hand, not through `validate_offsets`) counts once, so the
/// patient is never reminded twice at the same moment.
pub fn parse_offsets(stored: &str) -> Vec<u32> {
    let mut offsets: Vec<u32> = Vec::new();
    let readable = stored
        .split(',')
        .filter_map(|part| part.trim().parse::<u32>().ok())
        .filter(|minutes| (MIN_REMINDER_MINUTES..=MAX_REMINDER_MINUTES).contains(minutes));
    for minutes in readable {
        if !offsets.contains(&minutes) {
            offsets.push(minutes);
        }
    }
    offsets
}

/// The text stored for a set of offsets.
pub fn format_offsets(minutes: &[u32]) -> String {
    minutes
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The default for a clinic that never chose: 48 h and 2 h.
pub fn default_offsets() -> Vec<u32> {
    DEFAULT_REMINDER_MINUTES.to_vec()
}

/// Why an admin's reminder times are refused (the code of the `minutes_before` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetsRejected {
    TooMany,
    OutOfRange,
    Repeated,
}

impl OffsetsRejected {
    pub fn code(self) -> &'static str {
        match self {
            OffsetsRejected::TooMany => "too_many",
            OffsetsRejected::OutOfRange => "out_of_range",
            OffsetsRejected::Repeated => "repeated",
        }
    }
}

/// Checks an admin's reminder times and returns them longest first.
pub fn validate_offsets(minutes: &[u32]) -> Result<Vec<u32>, OffsetsRejected> {
    if minutes.len() > MAX_REMINDERS {
        return Err(OffsetsRejected::TooMany);
    }
    if minutes
        .iter()
        .any(|m| !(MIN_REMINDER_MINUTES..=MAX_REMINDER_MINUTES).contains(m))
    {
        return Err(OffsetsRejected::OutOfRange);
    }
    let mut sorted = minutes.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let before = sorted.len();
    sorted.dedup();
    if sorted.len() != before {
        return Err(OffsetsRejected::Repeated);
    }
    Ok(sorted)
}

/// When each reminder of a visit starting at `start` is due: exactly `offset` minutes before
/// the start, computed on UTC instants, so a daylight-saving change in between neither moves
/// nor doubles it. Reminders whose time has already passed (a visit booked inside the
/// offset) are not sent at all.
pub fn reminder_times(
    start: DateTime<Utc>,
    offsets: &[u32],
    now: DateTime<Utc>,
) -> Vec<(u32, DateTime<Utc>)> {
    offsets
        .iter()
        .map(|&minutes| (minutes, start - Duration::minutes(i64::from(minutes))))
        .filter(|&(_, due)| due > now)
        .collect()
}

/// What the worker knows of a queued message when its time comes.
#[derive(Clone, Debug)]
pub struct Queued {
    pub kind: MessageKind,
    /// The visit's start and calendar SEQUENCE when the message was queued.
    pub visit_start: DateTime<Utc>,
    pub sequence: i64,
}

/// The visit as it is now.
#[derive(Clone, Debug)]
pub struct VisitNow {
    pub start: DateTime<Utc>,
    pub sequence: i64,
    pub cancelled: bool,
    /// Names and contacts were erased (by an admin or retention).
    pub erased: bool,
    /// Staff marked the visit completed (and have not changed that since).
    pub completed: bool,
    /// The patient already answered the survey.
    pub survey_answered: bool,
}

/// Why a queued message is not sent after all (stored as the row's reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    VisitCancelled,
    VisitMoved,
    Superseded,
    TooLate,
    AlreadyAnswered,
    NotCompleted,
    Erased,
}

impl SkipReason {
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::VisitCancelled => "visit_cancelled",
            SkipReason::VisitMoved => "visit_moved",
            SkipReason::Superseded => "superseded",
            SkipReason::TooLate => "too_late",
            SkipReason::AlreadyAnswered => "already_answered",
            SkipReason::NotCompleted => "not_completed",
            SkipReason::Erased => "erased",
        }
    }
}

/// Whether a queued message should still go out now.
pub fn still_wanted(
    queued: &Queued,
    visit: &VisitNow,
    now: DateTime<Utc>,
) -> Result<(), SkipReason> {
    if visit.erased {
        return Err(SkipReason::Erased);
    }
    match queued.kind {
        MessageKind::Confirmation | MessageKind::Changed | MessageKind::Reminder
            if visit.cancelled =>
        {
            Err(SkipReason::VisitCancelled)
        }
        // A later change sent (or will send) the visit's newer state.
        MessageKind::Confirmation | MessageKind::Changed if visit.sequence != queued.sequence => {
            Err(SkipReason::Superseded)
        }
        MessageKind::Reminder if visit.start != queued.visit_start => Err(SkipReason::VisitMoved),
        // Out of a long outage: a reminder after the start, or news about a visit that is
        // over, helps nobody.
        MessageKind::Reminder | MessageKind::Confirmation | MessageKind::Changed
            if now >= visit.start =>
        {
            Err(SkipReason::TooLate)
        }
        MessageKind::Survey | MessageKind::Instructions if !visit.completed || visit.cancelled => {
            Err(SkipReason::NotCompleted)
        }
        MessageKind::Survey if visit.survey_answered => Err(SkipReason::AlreadyAnswered),
        _ => Ok(()),
    }
}

/// Tries before a message is given up as failed.
pub const MAX_ATTEMPTS: u32 = 8;

/// How long to wait after the `attempts`-th failed try: 30 s, 1, 2, 4 … minutes, at most an
/// hour, so a mail server that is down for a while is not hammered and a short outage costs
/// the patient little.
pub fn backoff(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(7);
    Duration::seconds(30 * (1_i64 << doublings)).min(Duration::hours(1))
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
