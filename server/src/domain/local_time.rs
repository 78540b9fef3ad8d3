//! Clinic-local wall times and days as UTC instants: the one place that reads a wall clock in
//! a zone. A local day is not always 24 hours — on a daylight-saving change it has 23 or 25 —
//! so its end is the next day's start, never its start plus 24 hours.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Which instant to take when a wall-clock time is repeated by a fall-back change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The first of the two (an opening keeps every instant its hours cover).
    Opening,
    /// The second (a closing, likewise).
    Closing,
}

/// The instant a clinic-local wall time means. A time skipped by a spring-forward change
/// becomes the first instant after the gap (02:30 on a 02:00→03:00 night is 03:00); a
/// repeated one takes the `edge` asked for.
pub fn local_instant(tz: Tz, local: NaiveDateTime, edge: Edge) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, last) => Some(
            match edge {
                Edge::Opening => first,
                Edge::Closing => last,
            }
            .with_timezone(&Utc),
        ),
        LocalResult::None => first_instant_after_gap(tz, local),
    }
}

/// The first instant of a clinic-local date (after the gap, in a zone whose clocks skip
/// midnight itself).
pub fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    local_instant(tz, midnight, Edge::Opening).unwrap_or_else(|| midnight.and_utc())
}

/// `[start, end)` of a clinic-local date: 23, 24 or 25 hours.
pub fn day_bounds(tz: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date.succ_opt().unwrap_or(date);
    (day_start(tz, date), day_start(tz, next))
}

/// Clinic-local date and "HH:MM" of an instant.
pub fn local_date_time(tz: Tz, instant: DateTime<Utc>) -> (NaiveDate, String) {
    let local = local_naive(tz, instant);
    (local.date(), local.format("%H:%M").to_string())
}

/// Wall-clock time of an instant. `DateTime::naive_local` panics in the first and last hours
/// chrono can represent; those clamp to its range instead.
pub fn local_naive(tz: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    let offset = tz.offset_from_utc_datetime(&instant.naive_utc()).fix();
    instant
        .naive_utc()
        .checked_add_offset(offset)
        .unwrap_or(if offset.local_minus_utc() > 0 {
            NaiveDateTime::MAX
        } else {
            NaiveDateTime::MIN
        })
}

/// chrono-tz only says a skipped wall time does not exist; find where the gap ends by bisecting
/// UTC seconds for the first one whose wall clock reads at or after `local`.
fn first_instant_after_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // Every UTC offset in the tz database lies within ±26 h, so these bracket the gap.
    const REACH: i64 = 26 * 3600;
    let wall = |secs: i64| DateTime::from_timestamp(secs, 0).map(|t| local_naive(tz, t));
    let guess = local.and_utc().timestamp();
    let (mut before, mut after) = (guess - REACH, guess + REACH);
    if wall(before)? >= local || wall(after)? < local {
        return None;
    }
    while after - before > 1 {
        let mid = before + (after - before) / 2;
        if wall(mid)? < local {
            before = mid;
        } else {
            after = mid;
        }
    }
    DateTime::from_timestamp(after, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hours(tz: Tz, day: NaiveDate) -> i64 {
        let (start, end) = day_bounds(tz, day);
        (end - start).num_hours()
    }

    #[test]
    fn new_york_days_are_23_24_or_25_hours_long() {
        let tz = chrono_tz::America::New_York;
        assert_eq!(hours(tz, date(2027, 3, 14)), 23, "spring forward");
        assert_eq!(hours(tz, date(2026, 11, 1)), 25, "fall back");
        assert_eq!(hours(tz, date(2026, 12, 1)), 24);
        assert_eq!(
            day_start(tz, date(2026, 12, 1)).to_rfc3339(),
            "2026-12-01T05:00:00+00:00"
        );
    }

    #[test]
    fn a_skipped_wall_time_lands_after_the_gap_and_a_repeated_one_picks_its_edge() {
        let tz = chrono_tz::America::New_York;
        let skipped = date(2027, 3, 14).and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            local_instant(tz, skipped, Edge::Opening).map(|t| t.to_rfc3339()),
            Some("2027-03-14T07:00:00+00:00".to_string()),
            "03:00 EDT, the first instant after the gap"
        );
        let repeated = date(2026, 11, 1).and_hms_opt(1, 30, 0).unwrap();
        let first = local_instant(tz, repeated, Edge::Opening).unwrap();
        let last = local_instant(tz, repeated, Edge::Closing).unwrap();
        assert_eq!(last - first, Duration::hours(1));
    }

    #[test]
    fn a_zone_that_skips_midnight_still_has_a_day_start() {
        // Santiago moves its clocks at midnight: 2026-09-06 starts at 01:00 local.
        let tz = chrono_tz::America::Santiago;
        let (start, end) = day_bounds(tz, date(2026, 9, 6));
        assert!(start < end);
        assert_eq!(hours(tz, date(2026, 9, 6)), 23);
    }
}
