use std::collections::BTreeSet;

use chrono::Weekday::{Sun, Thu, Wed};
use chrono::{Datelike, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;

const NY: Tz = chrono_tz::America::New_York;
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A Wednesday in June: no clock change near it.
fn wed() -> NaiveDate {
    date(2026, 6, 10)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Well before every date used here; with a ten-year horizon nothing is cut by the window.
fn now() -> DateTime<Utc> {
    utc(2026, 6, 1, 12, 0)
}

/// New York wall time on `day`, which must exist exactly once.
fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let wall = day.and_hms_opt(h, m, 0).unwrap();
    NY.from_local_datetime(&wall)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn block(weekday: Weekday, (sh, sm): (u32, u32), (eh, em): (u32, u32)) -> WorkingBlock {
    WorkingBlock {
        weekday,
        start: NaiveTime::from_hms_opt(sh, sm, 0).unwrap(),
        end: NaiveTime::from_hms_opt(eh, em, 0).unwrap(),
    }
}

fn rules(step: Option<u32>) -> BookingRules {
    BookingRules {
        time_zone: NY,
        min_notice_minutes: 0,
        horizon_days: 3650,
        slot_step_minutes: step,
    }
}

fn shape(duration: u32, before: u32, after: u32) -> ServiceShape {
    ServiceShape {
        duration_minutes: duration,
        buffer_before_minutes: before,
        buffer_after_minutes: after,
    }
}

fn schedule(id: i64, blocks: Vec<WorkingBlock>) -> PractitionerSchedule {
    PractitionerSchedule {
        practitioner_id: id,
        blocks,
        appointments: Vec::new(),
        time_off: Vec::new(),
    }
}

fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> Interval {
    Interval { start, end }
}

/// Free starts on one day, with no notice and a ten-year horizon.
fn slots_on(
    day: NaiveDate,
    step: Option<u32>,
    service: ServiceShape,
    schedules: &[PractitionerSchedule],
) -> Vec<Candidate> {
    free_slots(&rules(step), &service, schedules, day, day, now())
}

fn starts(slots: &[Candidate]) -> Vec<DateTime<Utc>> {
    slots.iter().map(|c| c.start).collect()
}

fn local_times(slots: &[Candidate]) -> Vec<String> {
    slots
        .iter()
        .map(|c| local_date_time(NY, c.start).1)
        .collect()
}

/// "HH:MM" from `first` to `last` inclusive.
fn clock(first: (u32, u32), last: (u32, u32), step: u32) -> Vec<String> {
    let (first, last) = (first.0 * 60 + first.1, last.0 * 60 + last.1);
    (first..=last)
        .step_by(step as usize)
        .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
        .collect()
}

#[test]
fn slots_fill_working_hours_minus_the_lunch_break_at_a_fifteen_minute_step() {
    let hours = vec![block(Wed, (9, 0), (12, 0)), block(Wed, (13, 0), (17, 0))];
    let slots = slots_on(wed(), Some(15), shape(30, 0, 0), &[schedule(1, hours)]);
    let mut expected = clock((9, 0), (11, 30), 15);
    expected.extend(clock((13, 0), (16, 30), 15));
    assert_eq!(local_times(&slots), expected);
    assert!(slots
        .iter()
        .all(|c| c.end - c.start == Duration::minutes(30)));
}

#[test]
fn a_buffer_after_may_overhang_the_block_but_the_visit_may_not() {
    let doctor = [schedule(1, vec![block(Wed, (9, 0), (17, 0))])];
    let times = local_times(&slots_on(wed(), Some(15), shape(60, 0, 10), &doctor));
    assert_eq!(times.last().map(String::as_str), Some("16:00"));
    assert!(!times.iter().any(|t| t == "16:15"));
}

#[test]
fn an_appointment_removes_exactly_the_starts_whose_blocked_interval_overlaps_it() {
    let mut doctor = schedule(1, vec![block(Wed, (9, 0), (12, 0))]);
    doctor.appointments = vec![span(at(wed(), 10, 0), at(wed(), 11, 0))];
    let slots = slots_on(wed(), Some(15), shape(30, 5, 10), &[doctor]);
    // [s - 5, s + 40) overlaps [10:00, 11:00) exactly when 09:20 < s < 11:05.
    assert_eq!(local_times(&slots), ["09:00", "09:15", "11:15", "11:30"]);
}

#[test]
fn time_off_removes_every_start_inside_the_leave() {
    let next_wed = date(2026, 6, 17);
    let mut doctor = schedule(1, vec![block(Wed, (9, 0), (17, 0))]);
    doctor.time_off = vec![
        span(at(wed(), 0, 0), at(date(2026, 6, 11), 0, 0)),
        span(at(next_wed, 12, 0), at(next_wed, 14, 0)),
    ];
    let slots = free_slots(
        &rules(None),
        &shape(60, 0, 0),
        &[doctor],
        wed(),
        next_wed,
        now(),
    );
    assert!(slots
        .iter()
        .all(|c| local_date_time(NY, c.start).0 == next_wed));
    let expected = ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"];
    assert_eq!(local_times(&slots), expected);
}

#[test]
fn min_notice_and_horizon_cut_at_the_exact_instants() {
    let thu = date(2026, 6, 11);
    let doctor = [schedule(
        1,
        vec![block(Wed, (9, 0), (17, 0)), block(Thu, (9, 0), (17, 0))],
    )];
    let r = BookingRules {
        min_notice_minutes: 60,
        horizon_days: 1,
        ..rules(Some(15))
    };
    let edges = |now| {
        let slots = free_slots(&r, &shape(15, 0, 0), &doctor, wed(), thu, now);
        (
            slots.first().map(|c| c.start),
            slots.last().map(|c| c.start),
        )
    };
    let ten = at(wed(), 10, 0);
    let second = Duration::seconds(1);
    // Both ends are inclusive: now + notice and now + horizon are bookable themselves.
    assert_eq!(edges(ten), (Some(at(wed(), 11, 0)), Some(at(thu, 10, 0))));
    let notice_passed = (Some(at(wed(), 11, 15)), Some(at(thu, 10, 0)));
    assert_eq!(edges(ten + second), notice_passed);
    let horizon_short = (Some(at(wed(), 11, 0)), Some(at(thu, 9, 45)));
    assert_eq!(edges(ten - second), horizon_short);
}

#[test]
fn past_times_are_never_offered() {
    let doctor = [schedule(1, vec![block(Wed, (9, 0), (17, 0))])];
    let now = at(wed(), 13, 7);
    let r = rules(Some(15));
    let slots = free_slots(&r, &shape(15, 0, 0), &doctor, wed(), wed(), now);
    assert_eq!(slots.first().map(|c| c.start), Some(at(wed(), 13, 15)));
    let last_week = date(2026, 6, 3);
    assert!(free_slots(&r, &shape(15, 0, 0), &doctor, last_week, last_week, now).is_empty());
}

#[test]
fn spring_forward_skips_the_missing_hour_without_shifting_the_day() {
    let (normal, spring) = (date(2027, 3, 7), date(2027, 3, 14));
    let night = [schedule(1, vec![block(Sun, (0, 0), (6, 0))])];
    let usual = slots_on(normal, Some(15), shape(15, 0, 0), &night);
    let slots = slots_on(spring, Some(15), shape(15, 0, 0), &night);
    assert_eq!(usual.len(), 24);
    assert_eq!(slots.len(), usual.len() - 4, "one hour shorter");
    assert!(local_times(&slots).iter().all(|t| !t.starts_with("02:")));
    assert_eq!(
        starts(&slots).iter().collect::<BTreeSet<_>>().len(),
        slots.len()
    );
    // 01:45 EST is followed by 03:00 EDT: a quarter of an hour later, like every other pair.
    assert!(slots
        .windows(2)
        .all(|w| w[1].start - w[0].start == Duration::minutes(15)));

    let day = [schedule(1, vec![block(Sun, (9, 0), (17, 0))])];
    let first = starts(&slots_on(spring, Some(15), shape(15, 0, 0), &day))
        .first()
        .copied();
    assert_eq!(first, Some(utc(2027, 3, 14, 13, 0)));
}

#[test]
fn fall_back_offers_the_repeated_hour_twice_as_distinct_instants() {
    let (normal, fall) = (date(2026, 10, 25), date(2026, 11, 1));
    let night = [schedule(1, vec![block(Sun, (0, 0), (4, 0))])];
    let usual = slots_on(normal, Some(15), shape(15, 0, 0), &night);
    let slots = slots_on(fall, Some(15), shape(15, 0, 0), &night);
    assert_eq!(usual.len(), 16);
    assert_eq!(slots.len(), usual.len() + 4, "one hour longer");
    assert_eq!(
        starts(&slots).iter().collect::<BTreeSet<_>>().len(),
        slots.len()
    );
    assert!(slots
        .windows(2)
        .all(|w| w[1].start - w[0].start == Duration::minutes(15)));
    let one_am: Vec<_> = slots
        .iter()
        .filter(|c| local_date_time(NY, c.start).1 == "01:00")
        .map(|c| c.start)
        .collect();
    assert_eq!(one_am, [utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 6, 0)]);

    let day = [schedule(1, vec![block(Sun, (9, 0), (17, 0))])];
    let first = starts(&slots_on(fall, Some(15), shape(15, 0, 0), &day))
        .first()
        .copied();
    assert_eq!(first, Some(utc(2026, 11, 1, 14, 0)));
}

#[test]
fn block_edges_inside_a_clock_change_resolve_to_the_documented_instants() {
    let (spring, fall) = (date(2027, 3, 14), date(2026, 11, 1));
    let offered = |hours: WorkingBlock, day: NaiveDate, minutes: u32| {
        starts(&slots_on(
            day,
            None,
            shape(minutes, 0, 0),
            &[schedule(1, vec![hours])],
        ))
    };
    // Opening at 02:30, which does not exist: the block opens at 03:00 EDT.
    let opens_in_gap = block(Sun, (2, 30), (4, 0));
    assert_eq!(offered(opens_in_gap, spring, 60), [utc(2027, 3, 14, 7, 0)]);
    // Closing at 02:30: the block closes at 03:00 EDT, one elapsed hour after 01:00 EST.
    let closes_in_gap = block(Sun, (1, 0), (2, 30));
    assert_eq!(offered(closes_in_gap, spring, 60), [utc(2027, 3, 14, 6, 0)]);
    // 01:00–01:30 on fall-back day opens at the first 01:00 and closes at the second 01:30.
    let repeated = block(Sun, (1, 0), (1, 30));
    let expected = [5, 5, 6]
        .into_iter()
        .zip([0, 30, 0])
        .map(|(h, m)| utc(2026, 11, 1, h, m));
    assert_eq!(offered(repeated, fall, 30), expected.collect::<Vec<_>>());
}

#[test]
fn check_start_reports_free_taken_not_bookable_too_soon_and_beyond_horizon() {
    let mut doctor = schedule(
        7,
        vec![block(Wed, (9, 0), (12, 0)), block(Wed, (13, 0), (17, 0))],
    );
    // A 60-minute booking at 09:00 and a 30-minute one at 10:50, without buffers.
    doctor.appointments = vec![
        span(at(wed(), 9, 0), at(wed(), 10, 0)),
        span(at(wed(), 10, 50), at(wed(), 11, 20)),
    ];
    let doctor = [doctor];
    let r = rules(Some(20));
    let twenty = shape(20, 0, 0);
    let check = |service: ServiceShape, start| check_start(&r, &service, &doctor, start, now());
    assert_eq!(check(twenty, at(wed(), 9, 40)), StartCheck::Taken);
    assert_eq!(check(twenty, at(wed(), 10, 0)), StartCheck::Free(7));
    // Clear of the 09:00 booking it touches, but it runs into the 10:50 one.
    assert_eq!(check(shape(60, 0, 0), at(wed(), 10, 0)), StartCheck::Taken);
    // A buffer before reaches back into the booking.
    assert_eq!(check(shape(20, 10, 0), at(wed(), 10, 0)), StartCheck::Taken);
    assert_eq!(
        check(shape(20, 10, 0), at(wed(), 10, 20)),
        StartCheck::Free(7)
    );
    let off_grid = [
        at(wed(), 9, 7),              // misaligned
        at(wed(), 8, 0),              // before opening
        at(wed(), 12, 0),             // on the step, but the visit runs into lunch
        at(wed(), 12, 20),            // lunch
        at(wed(), 17, 0),             // closing time
        at(date(2026, 6, 11), 10, 0), // no hours on Thursday
    ];
    for start in off_grid {
        assert_eq!(check(twenty, start), StartCheck::NotBookable, "{start}");
    }
    assert_eq!(
        check(shape(0, 0, 0), at(wed(), 10, 0)),
        StartCheck::NotBookable
    );

    let strict = BookingRules {
        min_notice_minutes: 120,
        horizon_days: 30,
        ..r
    };
    let check = |start| check_start(&strict, &twenty, &doctor, start, at(wed(), 8, 0));
    assert_eq!(check(at(wed(), 9, 40)), StartCheck::TooSoon);
    assert_eq!(
        check(at(wed(), 7, 0)),
        StartCheck::TooSoon,
        "the past, off the grid too"
    );
    assert_eq!(
        check(at(wed(), 10, 0)),
        StartCheck::Free(7),
        "exactly the notice"
    );
    assert_eq!(
        check(at(date(2026, 7, 15), 10, 0)),
        StartCheck::BeyondHorizon
    );
}

#[test]
fn one_per_start_prefers_fewer_bookings_that_day_then_the_lowest_id() {
    let hours = vec![block(Wed, (9, 0), (17, 0))];
    let booking = |day, h| span(at(day, h, 0), at(day, h + 1, 0));
    let with = |id, appointments| PractitionerSchedule {
        appointments,
        ..schedule(id, hours.clone())
    };
    let thu = date(2026, 6, 11);
    let schedules = [
        with(1, vec![booking(wed(), 9), booking(wed(), 10)]),
        // Thursday's bookings do not count against Wednesday.
        with(
            2,
            vec![booking(wed(), 11), booking(thu, 9), booking(thu, 10)],
        ),
        with(3, vec![booking(wed(), 12)]),
    ];
    let (r, hour) = (rules(None), shape(60, 0, 0));
    let slots = free_slots(&r, &hour, &schedules, wed(), wed(), now());
    let picked: Vec<(String, i64)> = one_per_start(&r, slots, &schedules)
        .iter()
        .map(|c| (local_date_time(NY, c.start).1, c.practitioner_id))
        .collect();
    // 2 and 3 have one booking each, so 2 wins every tie; at 11:00 only 1 and 3 are free.
    let expected: Vec<(String, i64)> = clock((9, 0), (16, 0), 60)
        .into_iter()
        .map(|t| if t == "11:00" { (t, 3) } else { (t, 2) })
        .collect();
    assert_eq!(picked, expected);
    let check = |start| check_start(&r, &hour, &schedules, start, now());
    assert_eq!(check(at(wed(), 11, 0)), StartCheck::Free(3));
    assert_eq!(check(at(wed(), 13, 0)), StartCheck::Free(2));
}

#[test]
fn nearby_alternatives_are_the_nearest_free_starts_never_the_taken_one() {
    let mut doctor = schedule(1, vec![block(Wed, (9, 0), (12, 0))]);
    doctor.appointments = vec![span(at(wed(), 10, 0), at(wed(), 10, 20))];
    let doctor = [doctor];
    let (r, twenty) = (rules(None), shape(20, 0, 0));
    let wanted = at(wed(), 10, 0);
    assert_eq!(
        check_start(&r, &twenty, &doctor, wanted, now()),
        StartCheck::Taken
    );
    let nearby = |wanted, limit| {
        starts(&nearby_alternatives(
            &r,
            &twenty,
            &doctor,
            wanted,
            now(),
            limit,
        ))
    };
    // 09:40 and 10:20 are equally near: the earlier goes first.
    assert_eq!(
        nearby(wanted, 3),
        [at(wed(), 9, 40), at(wed(), 10, 20), at(wed(), 9, 20)]
    );
    let all = nearby(wanted, 100);
    assert_eq!(
        all.len(),
        8,
        "the day's other starts; next Wednesday is out of reach"
    );
    assert!(!all.contains(&wanted));
    assert!(all
        .windows(2)
        .all(|w| (w[0] - wanted).abs() <= (w[1] - wanted).abs()));
    // From Tuesday the search reaches into the following days.
    assert_eq!(nearby(at(date(2026, 6, 9), 10, 0), 1), [at(wed(), 9, 0)]);
    assert!(nearby(wanted, 0).is_empty());
}

#[test]
fn next_available_date_skips_leave_and_stops_at_the_horizon() {
    let mut doctor = schedule(1, vec![block(Wed, (9, 0), (17, 0))]);
    doctor.time_off = vec![span(at(wed(), 0, 0), at(date(2026, 6, 11), 0, 0))];
    let doctor = [doctor];
    let next = |rules: &BookingRules, after| {
        next_available_date(rules, &shape(30, 0, 0), &doctor, after, now())
    };
    let tue = date(2026, 6, 9);
    assert_eq!(next(&rules(None), tue), Some(date(2026, 6, 17)));
    assert_eq!(
        next(&rules(None), date(2026, 6, 17)),
        Some(date(2026, 6, 24)),
        "strictly after"
    );
    assert_eq!(
        next(
            &BookingRules {
                horizon_days: 15,
                ..rules(None)
            },
            tue
        ),
        None
    );
}

#[test]
fn degenerate_inputs_give_nothing_and_never_panic() {
    let doctor = [schedule(1, vec![block(Wed, (9, 0), (17, 0))])];
    let (r, hour) = (rules(None), shape(60, 0, 0));
    assert!(slots_on(wed(), None, hour, &[]).is_empty());
    assert!(
        free_slots(&r, &hour, &doctor, wed(), date(2026, 6, 3), now()).is_empty(),
        "from > to"
    );
    assert!(slots_on(wed(), None, shape(0, 5, 5), &doctor).is_empty());
    let inverted = [schedule(1, vec![block(Wed, (17, 0), (9, 0))])];
    assert!(slots_on(wed(), None, hour, &inverted).is_empty());
    let doubled = [schedule(
        1,
        vec![block(Wed, (9, 0), (12, 0)), block(Wed, (10, 0), (13, 0))],
    )];
    let once = ["09:00", "10:00", "11:00", "12:00"];
    assert_eq!(
        local_times(&slots_on(wed(), None, hour, &doubled)),
        once,
        "overlapping blocks"
    );
    // A zero step would never advance; it means the duration, like None.
    assert_eq!(slots_on(wed(), Some(0), hour, &doctor).len(), 8);

    let endless = BookingRules {
        horizon_days: u32::MAX,
        ..r
    };
    assert_eq!(
        next_available_date(&endless, &hour, &doctor, wed(), now()),
        Some(date(2026, 6, 17))
    );
    let far = date(2090, 1, 1);
    assert_eq!(
        next_available_date(&endless, &hour, &doctor, far, now()),
        Some(date(2090, 1, 4))
    );
    // No block can ever hold a ten-hour visit: the walk must still end.
    assert_eq!(
        next_available_date(&endless, &shape(600, 0, 0), &doctor, wed(), now()),
        None
    );

    let huge = shape(u32::MAX, u32::MAX, u32::MAX);
    for instant in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        for (rules, service) in [(r, hour), (r, huge), (endless, hour), (endless, huge)] {
            let week = BookingRules {
                horizon_days: 7,
                ..rules
            };
            let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
            let _ = free_slots(&week, &service, &doctor, min, max, instant);
            let _ = check_start(&rules, &service, &doctor, instant, instant);
            let _ = check_start(&rules, &service, &doctor, instant, now());
            let _ = nearby_alternatives(&week, &service, &doctor, instant, instant, 5);
            let _ = next_available_date(&week, &service, &doctor, max, instant);
            let _ = (service.blocked_interval(instant), service.end(instant));
        }
        let _ = local_date_time(chrono_tz::Asia::Tokyo, instant);
        let _ = local_date_time(NY, instant);
    }
}

// The property test and its independent reading of the DST rule live beside this file.
#[path = "availability_props.rs"]
mod props;
