//! Clinic-local days as UTC instants. A local day is not always 24 hours: on a daylight-saving
//! change it has 23 or 25, so its end is the next day's start, never its start plus 24 hours.
//!
//! `day.rs` does the same for one day inline; `day_start` here is the shared form (and also
//! handles a zone whose clocks skip midnight itself).

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
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
/// becomes the same distance past the change (02:30 on a 02:00→03:00 night is 03:30).
pub fn local_instant(tz: Tz, local: NaiveDateTime, edge: Edge) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, last) => match edge {
            Edge::Opening => first.with_timezone(&Utc),
            Edge::Closing => last.with_timezone(&Utc),
        },
        LocalResult::None => {
            // The offset in force a day earlier is the one before the change (changes are
            // months apart), so reading the wall time with it lands just past the gap.
            let day_before = local.checked_sub_days(Days::new(1)).unwrap_or(local);
            let before = tz.offset_from_utc_datetime(&day_before);
            let offset = chrono::Offset::fix(&before);
            (local - offset).and_utc()
        }
    }
}

/// The first instant of a clinic-local date.
pub fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_instant(tz, date.and_time(NaiveTime::MIN), Edge::Opening)
}

/// `[start, end)` of a clinic-local date: 23, 24 or 25 hours.
pub fn day_bounds(tz: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date.succ_opt().unwrap_or(date);
    (day_start(tz, date), day_start(tz, next))
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
            local_instant(tz, skipped, Edge::Opening).to_rfc3339(),
            "2027-03-14T07:30:00+00:00",
            "03:30 EDT"
        );
        let repeated = date(2026, 11, 1).and_hms_opt(1, 30, 0).unwrap();
        let first = local_instant(tz, repeated, Edge::Opening);
        let last = local_instant(tz, repeated, Edge::Closing);
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
