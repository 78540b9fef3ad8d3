//! Bookable times: working blocks minus existing appointments, time off, the notice period and
//! the booking horizon. Pure computation; every instant is UTC and only the working blocks are
//! clinic-local, so daylight-saving changes are handled in one place (`block_bounds`, on `local_time`).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;

pub use super::local_time::local_date_time;
use super::local_time::{local_instant, local_naive, Edge};

/// One contiguous block of working time on a weekday, clinic-local. A lunch break is the gap
/// between two blocks. A block whose end is not after its start holds no time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingBlock {
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// A half-open UTC interval [start, end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    /// Half-open: intervals that only touch do not overlap, and an empty one overlaps nothing.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < self.end
            && other.start < other.end
            && self.start < other.end
            && other.start < self.end
    }
}

#[derive(Clone, Debug)]
pub struct PractitionerSchedule {
    pub practitioner_id: i64,
    pub blocks: Vec<WorkingBlock>,
    /// Blocked intervals of existing active appointments, ALREADY widened by their own buffers.
    pub appointments: Vec<Interval>,
    /// Leave, holidays: nothing may be booked inside.
    pub time_off: Vec<Interval>,
}

#[derive(Clone, Copy, Debug)]
pub struct ServiceShape {
    pub duration_minutes: u32,
    pub buffer_before_minutes: u32,
    pub buffer_after_minutes: u32,
}

impl ServiceShape {
    /// [start - buffer_before, start + duration + buffer_after): the time a booking takes from
    /// the practitioner's day.
    pub fn blocked_interval(&self, start: DateTime<Utc>) -> Interval {
        Interval {
            start: shift(start, -i64::from(self.buffer_before_minutes)),
            end: shift(
                start,
                i64::from(self.duration_minutes) + i64::from(self.buffer_after_minutes),
            ),
        }
    }

    pub fn end(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        shift(start, i64::from(self.duration_minutes))
    }
}

#[derive(Clone, Copy, Debug)]
pub struct BookingRules {
    pub time_zone: Tz,
    pub min_notice_minutes: u32,
    pub horizon_days: u32,
    /// None = the service's duration. Some(0) means the same: a zero step would never advance.
    pub slot_step_minutes: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub practitioner_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartCheck {
    /// Bookable with this practitioner.
    Free(i64),
    Taken,
    NotBookable,
    TooSoon,
    BeyondHorizon,
}

/// Every free start for each practitioner, local dates `from..=to` (clinic zone), sorted by
/// (start, practitioner_id).
pub fn free_slots(
    rules: &BookingRules,
    service: &ServiceShape,
    schedules: &[PractitionerSchedule],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<Candidate> {
    let Some(search) = Search::new(rules, service, schedules, now) else {
        return Vec::new();
    };
    // Days wholly outside notice..horizon cannot hold a slot; clamping keeps a careless wide
    // range cheap. A day of slack each side covers clock changes near midnight.
    let first = from.max(
        search
            .local_date(search.earliest)
            .pred_opt()
            .unwrap_or(from),
    );
    let last = to.min(search.local_date(search.latest).succ_opt().unwrap_or(to));
    let mut out = Vec::new();
    for date in first.iter_days().take_while(|date| *date <= last) {
        for practitioner in &search.practitioners {
            search.day_slots(practitioner, date, &mut out);
        }
    }
    out.sort_by_key(|c| (c.start, c.practitioner_id));
    // Overlapping blocks of one practitioner yield the same start twice.
    out.dedup();
    out
}

/// For "first available" (any practitioner): one candidate per start time, choosing the
/// practitioner with the fewest appointments on that clinic-local day (count from
/// `appointments` whose start lies in that local day); ties → lowest id.
pub fn one_per_start(
    rules: &BookingRules,
    mut candidates: Vec<Candidate>,
    schedules: &[PractitionerSchedule],
) -> Vec<Candidate> {
    let tz = rules.time_zone;
    let loads = day_loads(tz, schedules);
    candidates.sort_by_cached_key(|c| (c.start, load(&loads, tz, c.practitioner_id, c.start)));
    candidates.dedup_by_key(|c| c.start);
    candidates
}

/// Validates a requested start; `schedules` is the practitioner filter (one, or all for "any",
/// which picks the least loaded like `one_per_start`). Checked in this order: notice (the past
/// included) → TooSoon; horizon → BeyondHorizon; on no practitioner's grid, ignoring
/// appointments and time off → NotBookable; blocked for all → Taken; else Free(id).
pub fn check_start(
    rules: &BookingRules,
    service: &ServiceShape,
    schedules: &[PractitionerSchedule],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StartCheck {
    let (earliest, latest) = window(rules, now);
    if start < earliest {
        return StartCheck::TooSoon;
    }
    if start > latest {
        return StartCheck::BeyondHorizon;
    }
    let Some(search) = Search::new(rules, service, schedules, now) else {
        return StartCheck::NotBookable;
    };
    let mut on_grid = search
        .practitioners
        .iter()
        .filter(|p| search.on_grid(p, start))
        .peekable();
    if on_grid.peek().is_none() {
        return StartCheck::NotBookable;
    }
    let blocked = service.blocked_interval(start);
    let loads = day_loads(search.tz, schedules);
    on_grid
        .filter(|p| p.is_free(&blocked))
        .min_by_key(|p| (load(&loads, search.tz, p.id, start), p.id))
        .map_or(StartCheck::Taken, |p| StartCheck::Free(p.id))
}

/// Up to `limit` free starts nearest to `wanted` (by absolute distance, then earlier first),
/// searching the clinic-local day of `wanted` and the next 6 days.
pub fn nearby_alternatives(
    rules: &BookingRules,
    service: &ServiceShape,
    schedules: &[PractitionerSchedule],
    wanted: DateTime<Utc>,
    now: DateTime<Utc>,
    limit: usize,
) -> Vec<Candidate> {
    let from = local_naive(rules.time_zone, wanted).date();
    let to = from
        .checked_add_days(Days::new(6))
        .unwrap_or(NaiveDate::MAX);
    let slots = free_slots(rules, service, schedules, from, to, now);
    // The patient picks a time, not a person: several practitioners at one start are one offer.
    let mut offers = one_per_start(rules, slots, schedules);
    offers.sort_by_key(|c| ((c.start - wanted).abs(), c.start));
    offers.truncate(limit);
    offers
}

/// The first clinic-local date after `after` (up to the horizon) that has any free slot.
pub fn next_available_date(
    rules: &BookingRules,
    service: &ServiceShape,
    schedules: &[PractitionerSchedule],
    after: NaiveDate,
    now: DateTime<Utc>,
) -> Option<NaiveDate> {
    // Past the notice and every busy interval a day's slots depend only on its weekday and UTC
    // offsets, which repeat within a 28-year calendar cycle: walking further finds nothing new.
    // This bounds the walk when the horizon is huge but no block can fit the service.
    const QUIET_DAYS: u64 = 28 * 366;
    let search = Search::new(rules, service, schedules, now)?;
    let quiet = search
        .practitioners
        .iter()
        .filter_map(|p| p.busy.last().map(|b| b.end))
        .fold(search.earliest, DateTime::max);
    let cap = search
        .local_date(quiet)
        .max(after)
        .checked_add_days(Days::new(QUIET_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let earliest_day = search.local_date(search.earliest);
    let first = after
        .succ_opt()?
        .max(earliest_day.pred_opt().unwrap_or(earliest_day));
    let latest_day = search.local_date(search.latest);
    let last = cap.min(latest_day.succ_opt().unwrap_or(latest_day));
    let mut found = Vec::new();
    first.iter_days().take_while(|d| *d <= last).find(|date| {
        for practitioner in &search.practitioners {
            search.day_slots(practitioner, *date, &mut found);
        }
        !found.is_empty()
    })
}

/// One practitioner, with busy time merged once per call so each start is checked by a
/// binary search instead of a scan of every appointment.
struct Practitioner<'a> {
    id: i64,
    blocks: &'a [WorkingBlock],
    /// Sorted, disjoint, non-empty: so both starts and ends are ascending.
    busy: Vec<Interval>,
}

impl<'a> Practitioner<'a> {
    fn new(schedule: &'a PractitionerSchedule) -> Self {
        let mut all: Vec<Interval> = schedule
            .appointments
            .iter()
            .chain(&schedule.time_off)
            .filter(|i| i.start < i.end)
            .copied()
            .collect();
        all.sort_by_key(|i| i.start);
        let mut busy: Vec<Interval> = Vec::with_capacity(all.len());
        for interval in all {
            match busy.last_mut() {
                Some(last) if interval.start <= last.end => last.end = last.end.max(interval.end),
                _ => busy.push(interval),
            }
        }
        Practitioner {
            id: schedule.practitioner_id,
            blocks: &schedule.blocks,
            busy,
        }
    }

    fn is_free(&self, wanted: &Interval) -> bool {
        let first_not_before = self.busy.partition_point(|b| b.end <= wanted.start);
        self.busy
            .get(first_not_before)
            .is_none_or(|b| !b.overlaps(wanted))
    }
}

struct Search<'a> {
    tz: Tz,
    service: ServiceShape,
    duration: TimeDelta,
    step: TimeDelta,
    earliest: DateTime<Utc>,
    latest: DateTime<Utc>,
    practitioners: Vec<Practitioner<'a>>,
}

impl<'a> Search<'a> {
    /// None when the service has no duration: there is nothing to book.
    fn new(
        rules: &BookingRules,
        service: &ServiceShape,
        schedules: &'a [PractitionerSchedule],
        now: DateTime<Utc>,
    ) -> Option<Self> {
        let minutes = service.duration_minutes;
        let step = rules
            .slot_step_minutes
            .filter(|s| *s > 0)
            .unwrap_or(minutes);
        let (earliest, latest) = window(rules, now);
        Some(Search {
            tz: rules.time_zone,
            service: *service,
            duration: TimeDelta::try_minutes(i64::from(minutes)).filter(|d| !d.is_zero())?,
            step: TimeDelta::try_minutes(i64::from(step))?,
            earliest,
            latest,
            practitioners: schedules.iter().map(Practitioner::new).collect(),
        })
    }

    fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        local_naive(self.tz, instant).date()
    }

    /// Appends the free starts that `date`'s blocks give this practitioner.
    fn day_slots(&self, p: &Practitioner, date: NaiveDate, out: &mut Vec<Candidate>) {
        for block in p.blocks {
            let Some((open, close)) = block_bounds(self.tz, date, block) else {
                continue;
            };
            let mut start = open;
            while start <= self.latest {
                let Some(end) = start.checked_add_signed(self.duration) else {
                    break;
                };
                if end > close {
                    break;
                }
                if start >= self.earliest && p.is_free(&self.service.blocked_interval(start)) {
                    out.push(Candidate {
                        practitioner_id: p.id,
                        start,
                        end,
                    });
                }
                let Some(next) = start.checked_add_signed(self.step) else {
                    break;
                };
                start = next;
            }
        }
    }

    /// Whether `day_slots` would consider `start` at all, busy time aside.
    fn on_grid(&self, p: &Practitioner, start: DateTime<Utc>) -> bool {
        let date = self.local_date(start);
        // A block belongs to the local date it is written for, but a clock change near
        // midnight can put some of its instants on a neighbouring local date.
        let dates = [date.pred_opt(), Some(date), date.succ_opt()];
        dates.into_iter().flatten().any(|d| {
            p.blocks.iter().any(|block| {
                let Some((open, close)) = block_bounds(self.tz, d, block) else {
                    return false;
                };
                let offset = start - open;
                offset >= TimeDelta::zero()
                    && offset.subsec_nanos() == 0
                    && offset.num_seconds() % self.step.num_seconds() == 0
                    && start
                        .checked_add_signed(self.duration)
                        .is_some_and(|end| end <= close)
            })
        })
    }
}

/// [now + notice, now + horizon], saturating so that no input can overflow.
fn window(rules: &BookingRules, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let earliest = shift(now, i64::from(rules.min_notice_minutes));
    let latest = TimeDelta::try_days(i64::from(rules.horizon_days))
        .and_then(|horizon| now.checked_add_signed(horizon))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    (earliest, latest)
}

fn shift(instant: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    let bound = if minutes < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    };
    TimeDelta::try_minutes(minutes)
        .and_then(|delta| instant.checked_add_signed(delta))
        .unwrap_or(bound)
}

/// The UTC instants a block opens and closes on `date`, or None if it holds no time then.
/// A wall time skipped by a spring-forward change becomes the first instant after the gap;
/// one repeated by a fall-back change opens at its earliest and closes at its latest instant,
/// so the block keeps every instant its wall-clock hours cover and offers none twice.
pub(crate) fn block_bounds(
    tz: Tz,
    date: NaiveDate,
    block: &WorkingBlock,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if block.weekday != date.weekday() || block.start >= block.end {
        return None;
    }
    let open = local_instant(tz, date.and_time(block.start), Edge::Opening)?;
    let close = local_instant(tz, date.and_time(block.end), Edge::Closing)?;
    (open < close).then_some((open, close))
}

/// Appointments per (practitioner, clinic-local day of the appointment's start).
fn day_loads(tz: Tz, schedules: &[PractitionerSchedule]) -> HashMap<(i64, NaiveDate), usize> {
    let mut loads = HashMap::new();
    for schedule in schedules {
        for appointment in &schedule.appointments {
            let day = local_naive(tz, appointment.start).date();
            *loads.entry((schedule.practitioner_id, day)).or_default() += 1;
        }
    }
    loads
}

fn load(
    loads: &HashMap<(i64, NaiveDate), usize>,
    tz: Tz,
    practitioner_id: i64,
    start: DateTime<Utc>,
) -> usize {
    let day = local_naive(tz, start).date();
    loads.get(&(practitioner_id, day)).copied().unwrap_or(0)
}

#[cfg(test)]
#[path = "availability_tests.rs"]
mod tests;
