//! Property test: random hours, bookings, buffers and steps around both clock changes; every
//! offered slot is inside hours, free and bookable, and every allowed slot is offered.

use super::*;

/// The DST rule read literally, by scanning minutes instead of bisecting: a block opens at the
/// first minute whose wall clock reads its start and closes at the last one that reads its end;
/// a wall time no minute reads (the spring gap) becomes the first minute reading later.
fn oracle_bounds(day: NaiveDate, hours: &WorkingBlock) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if hours.weekday != day.weekday() || hours.start >= hours.end {
        return None;
    }
    let origin = (day - Days::new(1)).and_time(NaiveTime::MIN).and_utc();
    let minutes = || (0..3 * 24 * 60).map(move |m| origin + Duration::minutes(m));
    let wall = |t: &DateTime<Utc>| t.with_timezone(&NY).naive_local();
    let reading = |time| {
        let target = day.and_time(time);
        // Scanning every wall time is slow in debug builds; only the changes need it.
        if let Some(t) = NY.from_local_datetime(&target).single() {
            let t = t.with_timezone(&Utc);
            return (Some(t), Some(t), None);
        }
        let mut exact = minutes().filter(move |t| wall(t) == target);
        let after_gap = minutes().find(|t| wall(t) > target);
        (exact.next(), exact.next_back(), after_gap)
    };
    let (first, _, open_after_gap) = reading(hours.start);
    let (only, last, close_after_gap) = reading(hours.end);
    let open = first.or(open_after_gap)?;
    let close = last.or(only).or(close_after_gap)?;
    (open < close).then_some((open, close))
}

fn arb_block() -> impl Strategy<Value = WorkingBlock> {
    // Half the blocks fall on Sunday and half start in the small hours: where clocks change.
    let day = prop_oneof![Just(6usize), 0..7usize];
    let start = prop_oneof![0..5 * 60u32, 0..24 * 60u32];
    (day, start, 1..10 * 60u32).prop_map(|(day, start, length)| {
        let time = |m: u32| {
            NaiveTime::from_hms_opt(m.min(24 * 60 - 1) / 60, m.min(24 * 60 - 1) % 60, 0).unwrap()
        };
        WorkingBlock {
            weekday: WEEK[day],
            start: time(start),
            end: time(start + length),
        }
    })
}

type RawSchedule = (Vec<WorkingBlock>, Vec<(i64, i64)>, Vec<(i64, i64)>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn every_offered_slot_is_inside_hours_free_and_bookable_and_none_is_missing(
        // Weeks holding the fall-back day, the spring-forward day, and neither.
        base in prop_oneof![Just(date(2026, 10, 28)), Just(date(2027, 3, 10)), Just(date(2026, 6, 8))],
        raw in prop::collection::vec(
            (
                prop::collection::vec(arb_block(), 0..4),
                prop::collection::vec((0..8 * 1440i64, 0..300i64), 0..6),
                prop::collection::vec((0..8 * 1440i64, 0..3000i64), 0..2),
            ),
            1..4,
        ),
        (duration, before, after) in (0..=120u32, 0..=30u32, 0..=30u32),
        step in prop::option::of(0..=60u32),
        (now_offset, notice, horizon) in (-1440..4 * 1440i64, 0..=2000u32, 0..=10u32),
    ) {
        let origin = base.and_time(NaiveTime::MIN).and_utc();
        let intervals = |raw: Vec<(i64, i64)>| -> Vec<Interval> {
            raw.into_iter()
                .map(|(at, len)| span(origin + Duration::minutes(at), origin + Duration::minutes(at + len)))
                .collect()
        };
        let schedules: Vec<PractitionerSchedule> = raw
            .into_iter()
            .zip(1..)
            .map(|((blocks, appointments, time_off), id): (RawSchedule, i64)| PractitionerSchedule {
                practitioner_id: id,
                blocks,
                appointments: intervals(appointments),
                time_off: intervals(time_off),
            })
            .collect();
        let policy = BookingRules { min_notice_minutes: notice, horizon_days: horizon, ..rules(step) };
        let service = shape(duration, before, after);
        let now = origin + Duration::minutes(now_offset);
        let earliest = now + Duration::minutes(notice.into());
        let latest = now + Duration::days(horizon.into());
        let step = Duration::minutes(step.filter(|s| *s > 0).unwrap_or(duration).into());
        let days: Vec<NaiveDate> = base.iter_days().take(7).collect();
        let slots = free_slots(&policy, &service, &schedules, days[0], days[6], now);

        let key = |c: &Candidate| (c.start, c.practitioner_id);
        prop_assert!(slots.windows(2).all(|w| key(&w[0]) < key(&w[1])), "sorted, no duplicates");
        let free = |s: &PractitionerSchedule, start| {
            let blocked = service.blocked_interval(start);
            s.appointments.iter().chain(&s.time_off).all(|i| !i.overlaps(&blocked))
        };
        let mut expected = BTreeSet::new();
        for s in &schedules {
            let opened: Vec<_> =
                days.iter().flat_map(|d| s.blocks.iter().filter_map(|b| oracle_bounds(*d, b))).collect();
            for &(open, close) in &opened {
                let mut start = open;
                while duration > 0 && start + Duration::minutes(duration.into()) <= close {
                    if start >= earliest && start <= latest && free(s, start) {
                        expected.insert((start, s.practitioner_id));
                    }
                    start += step;
                }
            }
            for c in slots.iter().filter(|c| c.practitioner_id == s.practitioner_id) {
                // (a) inside one working block, on its grid, read in local wall time.
                let on_grid = |open: DateTime<Utc>| (c.start - open).num_seconds() % step.num_seconds() == 0;
                let inside = opened.iter().any(|&(open, close)| open <= c.start && c.end <= close && on_grid(open));
                prop_assert!(inside, "{c:?} outside every block");
                prop_assert_eq!(c.end - c.start, Duration::minutes(duration.into()));
                // (b) clear of appointments and time off, buffers included.
                prop_assert!(free(s, c.start), "{c:?} overlaps busy time");
                // (c) within notice and horizon.
                prop_assert!(earliest <= c.start && c.start <= latest);
                let alone = check_start(&policy, &service, std::slice::from_ref(s), c.start, now);
                prop_assert_eq!(alone, StartCheck::Free(s.practitioner_id));
                let any = check_start(&policy, &service, &schedules, c.start, now);
                prop_assert!(matches!(any, StartCheck::Free(_)));
            }
        }
        let offered: BTreeSet<_> = slots.iter().map(key).collect();
        prop_assert_eq!(offered, expected, "every slot the rules allow is offered");
    }
}
