//! Which booked visits no longer fit their practitioner's week: after hours are cut or time off
//! is added, a visit may lie outside every working block or inside the time off. Such visits
//! stay booked (nothing is dropped silently); this rule only names them so staff can call.
//!
//! Pure computation. Working blocks are clinic-local and visits are UTC instants; whether a
//! visit lies inside a block is asked of the booking rule itself (`availability::check_start`),
//! so a visit fits exactly when its time could still be booked, with the same reading of
//! daylight-saving changes.

use super::availability::{
    self, BookingRules, Interval, PractitionerSchedule, ServiceShape, StartCheck, WorkingBlock,
};
use super::local_time::{self, Edge};
use app::wire::setup::WeeklyBlock;
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

/// Why a booked visit no longer fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misfit {
    /// Not inside one working block of its clinic-local weekday.
    OutsideHours,
    /// Overlaps time off (checked first: the leave is the reason staff need to hear).
    TimeOff,
}

impl Misfit {
    pub fn code(self) -> &'static str {
        match self {
            Misfit::OutsideHours => "outside_hours",
            Misfit::TimeOff => "time_off",
        }
    }
}

/// A practitioner's week as set: weekly blocks (clinic-local) and time off (UTC).
pub struct Week {
    tz: Tz,
    time_off: Vec<Interval>,
    /// The blocks as the booking rule reads them; no bookings, so nothing else is in the way.
    hours: [PractitionerSchedule; 1],
}

impl Week {
    pub fn new(tz: Tz, blocks: Vec<WorkingBlock>, time_off: Vec<Interval>) -> Self {
        Week {
            tz,
            time_off,
            hours: [PractitionerSchedule {
                practitioner_id: 0,
                blocks,
                appointments: Vec::new(),
                time_off: Vec::new(),
            }],
        }
    }

    /// Why the visit `[start, end)` does not fit, or None when it does.
    pub fn misfit(&self, visit: Interval) -> Option<Misfit> {
        if self.time_off.iter().any(|off| off.overlaps(&visit)) {
            Some(Misfit::TimeOff)
        } else if !self.within_hours(visit) {
            Some(Misfit::OutsideHours)
        } else {
            None
        }
    }

    /// Whether the booking rule would take this visit's time, with no notice, no horizon and a
    /// one-minute grid in the way: then only the working blocks decide.
    fn within_hours(&self, visit: Interval) -> bool {
        // Rounded up, so a visit is never judged shorter than it is.
        let seconds = (visit.end - visit.start).num_seconds();
        let Some(minutes) = u32::try_from(seconds.saturating_add(59) / 60)
            .ok()
            .filter(|minutes| *minutes > 0)
        else {
            return false;
        };
        let rules = BookingRules {
            time_zone: self.tz,
            min_notice_minutes: 0,
            horizon_days: 1,
            slot_step_minutes: Some(1),
        };
        let shape = ServiceShape {
            duration_minutes: minutes,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
        };
        matches!(
            availability::check_start(&rules, &shape, &self.hours, visit.start, visit.start),
            StartCheck::Free(_)
        )
    }
}

/// The instant a clinic-local wall time names, as admins type it. A time skipped by a
/// spring-forward change is read as the first instant after the gap (02:30 → 03:00), the way
/// working blocks open; a time repeated by a fall-back change is read as its earlier instant.
/// None only past the ends of the calendar.
pub fn local_instant(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    local_time::local_instant(tz, local, Edge::Opening)
}

/// `YYYY-MM-DDTHH:MM` of an instant in the clinic's zone, as the console's inputs show it.
pub fn local_text(tz: Tz, instant: DateTime<Utc>) -> String {
    let (date, time) = availability::local_date_time(tz, instant);
    format!("{date}T{time}")
}

/// A weekly working block as stored: weekday 0 = Monday, minutes after local midnight
/// (1440 is `24:00`, the end of the day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoursBlock {
    pub weekday: u8,
    pub start_minute: u32,
    pub end_minute: u32,
}

/// More blocks than this in one week is a mistake, not a timetable.
pub const MAX_BLOCKS: usize = 100;

const MINUTES_PER_DAY: u32 = 24 * 60;

/// Reads the week an admin wrote, sorted by weekday and start; or the reason code of the first
/// problem: `too_many`, `invalid_weekday`, `invalid_time`, `end_before_start`, `overlapping`
/// (two blocks of one day share time; blocks that only touch are fine).
pub fn read_hours(blocks: &[WeeklyBlock]) -> Result<Vec<HoursBlock>, &'static str> {
    if blocks.len() > MAX_BLOCKS {
        return Err("too_many");
    }
    let mut week = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.weekday > 6 {
            return Err("invalid_weekday");
        }
        let (Some(start_minute), Some(end_minute)) =
            (minute_of_day(&block.start), minute_of_day(&block.end))
        else {
            return Err("invalid_time");
        };
        if start_minute >= end_minute {
            return Err("end_before_start");
        }
        week.push(HoursBlock {
            weekday: block.weekday,
            start_minute,
            end_minute,
        });
    }
    week.sort_by_key(|b| (b.weekday, b.start_minute, b.end_minute));
    let overlapping = week.windows(2).any(|pair| {
        pair[0].weekday == pair[1].weekday && pair[1].start_minute < pair[0].end_minute
    });
    if overlapping {
        return Err("overlapping");
    }
    Ok(week)
}

/// `HH:MM` (00:00–23:59, or `24:00` for the end of the day) as minutes after midnight.
pub fn minute_of_day(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    let two_digits = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hours, minutes) = (two_digits(hours)?, two_digits(minutes)?);
    let minute = hours * 60 + minutes;
    (minutes < 60 && minute <= MINUTES_PER_DAY).then_some(minute)
}

/// Minutes after midnight as `HH:MM`; 1440 is `24:00`.
pub fn clock_text(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, TimeDelta, TimeZone, Weekday};

    const NY: Tz = chrono_tz::America::New_York;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn visit(start: DateTime<Utc>, minutes: i64) -> Interval {
        Interval {
            start,
            end: start + TimeDelta::minutes(minutes),
        }
    }

    fn block(weekday: Weekday, start: (u32, u32), end: (u32, u32)) -> WorkingBlock {
        WorkingBlock {
            weekday,
            start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap(),
            end: NaiveTime::from_hms_opt(end.0, end.1, 0).unwrap(),
        }
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    /// Mornings and afternoons with a lunch break, Monday to Friday.
    fn weekdays() -> Vec<WorkingBlock> {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .flat_map(|day| [block(day, (9, 0), (12, 30)), block(day, (13, 30), (17, 0))])
        .collect()
    }

    #[test]
    fn a_visit_inside_a_block_fits_and_one_across_lunch_does_not() {
        let week = Week::new(NY, weekdays(), Vec::new());
        // Monday 7 December 2026, New York is UTC-5.
        assert_eq!(week.misfit(visit(utc(2026, 12, 7, 15, 0), 20)), None);
        assert_eq!(week.misfit(visit(utc(2026, 12, 7, 17, 10), 20)), None);
        // 12:20–12:40 runs into the lunch break.
        assert_eq!(
            week.misfit(visit(utc(2026, 12, 7, 17, 20), 20)),
            Some(Misfit::OutsideHours)
        );
        // 08:50 starts before the morning block.
        assert_eq!(
            week.misfit(visit(utc(2026, 12, 7, 13, 50), 20)),
            Some(Misfit::OutsideHours)
        );
    }

    #[test]
    fn a_visit_on_a_day_without_hours_is_outside_them() {
        let week = Week::new(NY, weekdays(), Vec::new());
        // Saturday 12 December 2026, 10:00 local.
        assert_eq!(
            week.misfit(visit(utc(2026, 12, 12, 15, 0), 20)),
            Some(Misfit::OutsideHours)
        );
        let no_hours = Week::new(NY, Vec::new(), Vec::new());
        assert_eq!(
            no_hours.misfit(visit(utc(2026, 12, 7, 15, 0), 20)),
            Some(Misfit::OutsideHours)
        );
    }

    #[test]
    fn the_weekday_is_the_clinic_local_one_not_utcs() {
        // Friday 11 December 2026 20:00 in New York is already Saturday in UTC.
        let evening = vec![block(Weekday::Fri, (18, 0), (22, 0))];
        let week = Week::new(NY, evening, Vec::new());
        assert_eq!(week.misfit(visit(utc(2026, 12, 12, 1, 0), 30)), None);
    }

    #[test]
    fn time_off_over_a_visit_strands_it_and_touching_time_off_does_not() {
        let monday_ten = utc(2026, 12, 7, 15, 0);
        let off = Interval {
            start: utc(2026, 12, 7, 14, 0),
            end: utc(2026, 12, 7, 15, 10),
        };
        let week = Week::new(NY, weekdays(), vec![off]);
        assert_eq!(week.misfit(visit(monday_ten, 20)), Some(Misfit::TimeOff));
        let ends_at_start = Interval {
            start: utc(2026, 12, 7, 14, 0),
            end: monday_ten,
        };
        let week = Week::new(NY, weekdays(), vec![ends_at_start]);
        assert_eq!(week.misfit(visit(monday_ten, 20)), None);
    }

    #[test]
    fn time_off_is_the_reason_given_when_both_apply() {
        let saturday = utc(2026, 12, 12, 15, 0);
        let off = visit(saturday - TimeDelta::hours(1), 180);
        let week = Week::new(NY, weekdays(), vec![off]);
        assert_eq!(week.misfit(visit(saturday, 20)), Some(Misfit::TimeOff));
    }

    #[test]
    fn spring_forward_sunday_reads_blocks_in_the_new_offset() {
        // Sunday 14 March 2027: at 02:00 New York jumps to 03:00 and moves from UTC-5 to UTC-4.
        let week = Week::new(
            NY,
            vec![
                block(Weekday::Sun, (1, 0), (4, 0)),
                block(Weekday::Sun, (9, 0), (12, 0)),
            ],
            Vec::new(),
        );
        // 09:00 EDT is 13:00Z; reading it with the winter offset would call it 08:00.
        assert_eq!(week.misfit(visit(utc(2027, 3, 14, 13, 0), 30)), None);
        assert_eq!(
            week.misfit(visit(utc(2027, 3, 14, 12, 30), 30)),
            Some(Misfit::OutsideHours)
        );
        // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z) holds two real hours, not three.
        assert_eq!(week.misfit(visit(utc(2027, 3, 14, 6, 0), 30)), None);
        assert_eq!(week.misfit(visit(utc(2027, 3, 14, 7, 30), 30)), None);
        assert_eq!(
            week.misfit(visit(utc(2027, 3, 14, 8, 0), 30)),
            Some(Misfit::OutsideHours)
        );
    }

    #[test]
    fn fall_back_sunday_keeps_both_readings_of_the_repeated_hour() {
        // Sunday 1 November 2026: at 02:00 EDT New York goes back to 01:00 EST (UTC-4 → UTC-5).
        let week = Week::new(
            NY,
            vec![
                block(Weekday::Sun, (0, 0), (3, 0)),
                block(Weekday::Sun, (9, 0), (17, 0)),
            ],
            Vec::new(),
        );
        // 00:00 EDT (04:00Z) to 03:00 EST (08:00Z) holds four real hours.
        assert_eq!(week.misfit(visit(utc(2026, 11, 1, 5, 30), 30)), None);
        // 01:30 the second time (EST) is 06:30Z.
        assert_eq!(week.misfit(visit(utc(2026, 11, 1, 6, 30), 30)), None);
        assert_eq!(week.misfit(visit(utc(2026, 11, 1, 7, 30), 30)), None);
        assert_eq!(
            week.misfit(visit(utc(2026, 11, 1, 8, 0), 30)),
            Some(Misfit::OutsideHours)
        );
        // 09:00 EST is 14:00Z; 13:00Z is 08:00 EST, before the block.
        assert_eq!(week.misfit(visit(utc(2026, 11, 1, 14, 0), 30)), None);
        assert_eq!(
            week.misfit(visit(utc(2026, 11, 1, 13, 0), 30)),
            Some(Misfit::OutsideHours)
        );
    }

    #[test]
    fn time_off_across_a_clock_change_is_compared_as_instants() {
        // Time off 2027-03-14 00:00 to 12:00 local is eleven real hours, 05:00Z to 16:00Z.
        let off = Interval {
            start: local_instant(NY, local("2027-03-14T00:00")).unwrap(),
            end: local_instant(NY, local("2027-03-14T12:00")).unwrap(),
        };
        assert_eq!(off.end - off.start, TimeDelta::hours(11));
        let sunday = vec![block(Weekday::Sun, (9, 0), (17, 0))];
        let week = Week::new(NY, sunday, vec![off]);
        assert_eq!(
            week.misfit(visit(utc(2027, 3, 14, 15, 30), 30)),
            Some(Misfit::TimeOff)
        );
        // 12:00 EDT is 16:00Z: the first visit after the time off fits.
        assert_eq!(week.misfit(visit(utc(2027, 3, 14, 16, 0), 30)), None);
    }

    #[test]
    fn a_skipped_local_time_is_read_as_the_end_of_the_gap() {
        let in_gap = local("2027-03-14T02:30");
        assert_eq!(local_instant(NY, in_gap), Some(utc(2027, 3, 14, 7, 0)));
        assert_eq!(local_text(NY, utc(2027, 3, 14, 7, 0)), "2027-03-14T03:00");
    }

    #[test]
    fn a_repeated_local_time_is_read_as_its_earlier_instant() {
        let repeated = local("2026-11-01T01:30");
        assert_eq!(local_instant(NY, repeated), Some(utc(2026, 11, 1, 5, 30)));
    }

    #[test]
    fn ordinary_local_times_round_trip() {
        let instant = local_instant(NY, local("2026-12-07T10:00")).unwrap();
        assert_eq!(instant, utc(2026, 12, 7, 15, 0));
        assert_eq!(local_text(NY, instant), "2026-12-07T10:00");
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        assert_eq!(local_instant(NY, summer), Some(utc(2026, 7, 1, 14, 0)));
    }

    fn weekly(weekday: u8, start: &str, end: &str) -> WeeklyBlock {
        WeeklyBlock {
            weekday,
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn a_week_with_a_lunch_break_and_a_late_shift_is_read_in_order() {
        let week = read_hours(&[
            weekly(0, "13:30", "17:00"),
            weekly(0, "09:00", "12:30"),
            weekly(4, "18:00", "24:00"),
        ])
        .unwrap();
        let read: Vec<_> = week
            .iter()
            .map(|b| {
                (
                    b.weekday,
                    clock_text(b.start_minute),
                    clock_text(b.end_minute),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (0, "09:00".to_string(), "12:30".to_string()),
                (0, "13:30".to_string(), "17:00".to_string()),
                (4, "18:00".to_string(), "24:00".to_string()),
            ]
        );
    }

    #[test]
    fn blocks_that_touch_are_fine_and_blocks_that_share_time_are_not() {
        assert!(read_hours(&[weekly(2, "09:00", "12:00"), weekly(2, "12:00", "15:00")]).is_ok());
        assert_eq!(
            read_hours(&[weekly(2, "09:00", "12:00"), weekly(2, "11:59", "15:00")]),
            Err("overlapping")
        );
        assert_eq!(
            read_hours(&[weekly(2, "09:00", "12:00"), weekly(2, "09:00", "12:00")]),
            Err("overlapping")
        );
        // The same hours on two different days do not overlap.
        assert!(read_hours(&[weekly(2, "09:00", "12:00"), weekly(3, "09:00", "12:00")]).is_ok());
    }

    #[test]
    fn bad_blocks_are_named_by_reason() {
        assert_eq!(
            read_hours(&[weekly(7, "09:00", "12:00")]),
            Err("invalid_weekday")
        );
        for (start, end) in [
            ("9:00", "12:00"),
            ("09:00", "24:01"),
            ("09:60", "12:00"),
            ("noon", "13:00"),
            ("-1:00", "12:00"),
        ] {
            assert_eq!(
                read_hours(&[weekly(1, start, end)]),
                Err("invalid_time"),
                "{start}–{end}"
            );
        }
        assert_eq!(
            read_hours(&[weekly(1, "24:00", "24:00")]),
            Err("end_before_start")
        );
        assert_eq!(
            read_hours(&[weekly(1, "12:00", "09:00")]),
            Err("end_before_start")
        );
        assert_eq!(
            read_hours(&[weekly(1, "12:00", "12:00")]),
            Err("end_before_start")
        );
        let too_many = vec![weekly(1, "09:00", "09:05"); MAX_BLOCKS + 1];
        assert_eq!(read_hours(&too_many), Err("too_many"));
    }

    #[test]
    fn an_empty_week_is_allowed() {
        assert_eq!(read_hours(&[]), Ok(Vec::new()));
    }
}
