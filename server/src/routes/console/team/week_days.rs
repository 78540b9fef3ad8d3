//! The week overview's rule, without I/O: one practitioner's seven clinic-local days from their
//! weekly hours, their time off and their visits. Counts only — no patient ever appears here.

use crate::domain::availability::{block_bounds, Interval, WorkingBlock};
use crate::domain::local_time::{day_bounds, local_date_time};
use app::wire::console::WeekDay;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// One visit, as far as the overview cares.
#[derive(Clone, Debug)]
pub struct Visit {
    pub start: DateTime<Utc>,
    pub cancelled: bool,
    pub no_show: bool,
}

/// Monday to Sunday from `monday`, in the clinic's zone.
pub fn week_days(
    tz: Tz,
    monday: NaiveDate,
    blocks: &[WorkingBlock],
    time_off: &[Interval],
    visits: &[Visit],
) -> Vec<WeekDay> {
    monday
        .iter_days()
        .take(7)
        .map(|date| one_day(tz, date, blocks, time_off, visits))
        .collect()
}

fn one_day(
    tz: Tz,
    date: NaiveDate,
    blocks: &[WorkingBlock],
    time_off: &[Interval],
    visits: &[Visit],
) -> WeekDay {
    let (start, end) = day_bounds(tz, date);
    let day = Interval { start, end };
    let working = blocks
        .iter()
        .filter_map(|block| block_bounds(tz, date, block))
        .any(|(start, end)| !covered(Interval { start, end }, time_off));
    // A visit belongs to the local date it starts on, which is right on 23- and 25-hour days.
    let on_day: Vec<&Visit> = visits
        .iter()
        .filter(|visit| local_date_time(tz, visit.start).0 == date)
        .collect();
    let booked: Vec<DateTime<Utc>> = on_day
        .iter()
        .filter(|visit| !visit.cancelled)
        .map(|visit| visit.start)
        .collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    WeekDay {
        date,
        working,
        time_off: time_off.iter().any(|off| off.overlaps(&day)),
        booked: count(booked.len()),
        cancelled: count(on_day.iter().filter(|v| v.cancelled).count()),
        no_shows: count(on_day.iter().filter(|v| !v.cancelled && v.no_show).count()),
        first: booked.iter().min().map(|t| local_date_time(tz, *t).1),
        last: booked.iter().max().map(|t| local_date_time(tz, *t).1),
    }
}

/// Whether time off leaves nothing of `span` (pieces of leave may touch or overlap).
fn covered(span: Interval, time_off: &[Interval]) -> bool {
    if span.start >= span.end {
        return true;
    }
    let mut pieces: Vec<&Interval> = time_off.iter().filter(|off| off.overlaps(&span)).collect();
    pieces.sort_by_key(|off| off.start);
    let mut reached = span.start;
    for off in pieces {
        if off.start > reached {
            return false;
        }
        reached = reached.max(off.end);
        if reached >= span.end {
            return true;
        }
    }
    reached >= span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone, Weekday};

    const NY: Tz = chrono_tz::America::New_York;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        NY.with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn nine_to_five(weekday: Weekday) -> WorkingBlock {
        WorkingBlock {
            weekday,
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        }
    }

    fn monday(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_fall_on_the_local_day_and_name_the_first_and_last_visit() {
        let visit = |d, h, cancelled, no_show| Visit {
            start: at(2026, 11, d, h, 15),
            cancelled,
            no_show,
        };
        // 19:15 local on Monday is already Tuesday in UTC.
        let visits = [
            visit(30, 19, false, false),
            visit(30, 9, false, true),
            visit(30, 11, true, false),
        ];
        let days = week_days(NY, monday(2026, 11, 30), &[], &[], &visits);
        assert_eq!(days.len(), 7);
        let mon = &days[0];
        assert_eq!((mon.booked, mon.cancelled, mon.no_shows), (2, 1, 1));
        assert_eq!(mon.first.as_deref(), Some("09:15"));
        assert_eq!(mon.last.as_deref(), Some("19:15"));
        assert!(days[1..].iter().all(|d| d.booked == 0 && d.first.is_none()));
    }

    #[test]
    fn a_day_off_in_full_is_not_working_but_a_partly_free_day_is() {
        let blocks = [nine_to_five(Weekday::Mon), nine_to_five(Weekday::Tue)];
        // All of Monday's hours, and Tuesday morning only.
        let off = [
            Interval {
                start: at(2026, 11, 30, 0, 0),
                end: at(2026, 11, 30, 12, 0),
            },
            Interval {
                start: at(2026, 11, 30, 12, 0),
                end: at(2026, 12, 1, 12, 0),
            },
        ];
        let days = week_days(NY, monday(2026, 11, 30), &blocks, &off, &[]);
        assert!(!days[0].working && days[0].time_off);
        assert!(days[1].working && days[1].time_off);
        assert!(
            !days[2].working && !days[2].time_off,
            "no hours on Wednesday"
        );
    }

    #[test]
    fn leave_ending_at_midnight_does_not_touch_the_next_day() {
        let off = [Interval {
            start: at(2026, 12, 3, 0, 0),
            end: at(2026, 12, 6, 0, 0),
        }];
        let days = week_days(NY, monday(2026, 11, 30), &[], &off, &[]);
        let flags: Vec<bool> = days.iter().map(|d| d.time_off).collect();
        assert_eq!(flags, [false, false, false, true, true, true, false]);
    }

    #[test]
    fn the_spring_forward_sunday_keeps_its_late_visits() {
        // Sunday 14 March 2027 has 23 hours: 23:30 that night is 03:30 UTC on the 15th, which a
        // 24-hour day would hand to Monday.
        let visits = [
            Visit {
                start: at(2027, 3, 14, 23, 30),
                cancelled: false,
                no_show: false,
            },
            Visit {
                start: at(2027, 3, 15, 0, 30),
                cancelled: false,
                no_show: false,
            },
        ];
        let days = week_days(NY, monday(2027, 3, 8), &[], &[], &visits);
        assert_eq!(days[6].date, monday(2027, 3, 14));
        assert_eq!(days[6].booked, 1);
        assert_eq!(days[6].last.as_deref(), Some("23:30"));
    }
}
