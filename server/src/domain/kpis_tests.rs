//! Every figure against fixtures worked out by hand (the arithmetic is in the comments).

use super::*;
use chrono::TimeZone;
use CommunicationAnswer::{Definitely, No, Somewhat};

const NY: Tz = chrono_tz::America::New_York;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
}

/// A visit of patient `patient` booked a week before its start, not yet marked.
fn visit(patient: i64, start: DateTime<Utc>) -> VisitFacts {
    VisitFacts {
        patient_id: Some(patient),
        practitioner_id: 1,
        service_id: 1,
        start,
        created_at: start - Duration::days(7),
        cancelled: false,
        cancelled_at: None,
        cancelled_by: None,
        attendance: None,
        survey: None,
        teach_back_yes: 0,
        teach_back_answers: 0,
    }
}

fn completed(patient: i64, start: DateTime<Utc>) -> VisitFacts {
    VisitFacts {
        attendance: Some(Attendance::Completed),
        ..visit(patient, start)
    }
}

fn no_show(patient: i64, start: DateTime<Utc>) -> VisitFacts {
    VisitFacts {
        attendance: Some(Attendance::NoShow),
        ..visit(patient, start)
    }
}

fn cancelled(
    patient: i64,
    start: DateTime<Utc>,
    before_start: Duration,
    by: CancelledBy,
) -> VisitFacts {
    VisitFacts {
        cancelled: true,
        cancelled_at: Some(start - before_start),
        cancelled_by: Some(by),
        ..visit(patient, start)
    }
}

fn answered(mut visit: VisitFacts, rating: u8, recommend: Option<u8>) -> VisitFacts {
    visit.survey = Some(SurveyScores {
        rating,
        recommend,
        ..SurveyScores::default()
    });
    visit
}

fn items(
    mut visit: VisitFacts,
    [explained, listened, respected, enough_time]: [CommunicationAnswer; 4],
) -> VisitFacts {
    let survey = visit.survey.as_mut().expect("answers first");
    survey.explained = Some(explained);
    survey.listened = Some(listened);
    survey.respected = Some(respected);
    survey.enough_time = Some(enough_time);
    visit
}

fn facts(
    time_zone: Tz,
    now: DateTime<Utc>,
    visits: Vec<VisitFacts>,
    bookings: Vec<Booking>,
) -> Figures {
    Figures::new(Facts {
        time_zone,
        late_cancel_hours: 24,
        now,
        visits,
        bookings,
    })
}

fn everyone(_: &VisitFacts) -> bool {
    true
}

fn shown_figure(figure: &Figure) -> (u32, u32) {
    match figure {
        Figure::Shown(p) => (p.count, p.total),
        other => panic!("expected a shown figure, got {other:?}"),
    }
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 5e-5,
        "{actual} is not {expected}"
    );
}

#[test]
fn wilson_intervals_match_the_published_values() {
    // z = 1.959964, z² = 3.841459. For n = 10: z²/n = 0.3841459, so the denominator is
    // 1.3841459 and z²/(2n) = 0.1920729, z²/(4n²) = 0.0096036.
    //
    // 0/10: centre = (0 + 0.1920729) / 1.3841459 = 0.138767;
    //   half = 1.959964 × √(0 + 0.0096036) / 1.3841459 = 1.959964 × 0.0979980 / 1.3841459
    //        = 0.138767 → 0 (clamped from ≈ 0) to 0.27753.
    let none = wilson(0, 10);
    assert_eq!((none.count, none.total), (0, 10));
    close(none.rate, 0.0);
    close(none.low, 0.0);
    close(none.high, 0.27753);
    // 10/10: the mirror image: 1 − 0.27753 = 0.72247 to 1.
    let all = wilson(10, 10);
    close(all.rate, 1.0);
    close(all.low, 0.72247);
    close(all.high, 1.0);
    // 5/10: centre = (0.5 + 0.1920729) / 1.3841459 = 0.5;
    //   half = 1.959964 × √(0.025 + 0.0096036) / 1.3841459 = 1.959964 × 0.1860204 / 1.3841459
    //        = 0.263407 → 0.236593 to 0.763407.
    let half = wilson(5, 10);
    close(half.rate, 0.5);
    close(half.low, 0.23659);
    close(half.high, 0.76341);
}

#[test]
fn an_empty_period_has_nothing_to_show() {
    let figures = facts(NY, at(12, 1, 12), vec![], vec![]);
    let empty = figures.figures(date(11, 2), date(11, 8), &everyone, false);
    assert_eq!(empty.visits, 0);
    assert_eq!(empty.answers, 0);
    assert_eq!(empty.nps, NpsFigure::Empty);
    for figure in [
        &empty.csat,
        &empty.response_rate,
        &empty.explained,
        &empty.listened,
        &empty.respected,
        &empty.enough_time,
        &empty.no_show,
        &empty.late_cancel,
        &empty.patient_cancel,
        &empty.return_visit,
        &empty.retention,
        &empty.adherence,
        &empty.understanding,
    ] {
        assert_eq!(figure, &Figure::Empty);
    }
    // Withheld or not, nothing is nothing (not "too few").
    let withheld = figures.figures(date(11, 2), date(11, 8), &everyone, true);
    assert_eq!(withheld, empty);
}

#[test]
fn all_detractors_score_minus_100() {
    // Five answers of 0, 2, 4, 6, 6: all detractors (0–6). NPS = (0 − 5)/5 × 100 = −100.
    let visits = [0, 2, 4, 6, 6]
        .into_iter()
        .enumerate()
        .map(|(i, score)| answered(completed(i as i64, at(11, 3, 14)), 3, Some(score)))
        .collect();
    let figures = facts(NY, at(12, 1, 12), visits, vec![]);
    let week = figures.figures(date(11, 2), date(11, 8), &everyone, true);
    let NpsFigure::Shown(nps) = week.nps else {
        panic!("five answers are enough: {:?}", week.nps);
    };
    assert_eq!(nps.score, -100.0);
    assert_eq!((nps.promoters.count, nps.promoters.total), (0, 5));
    assert_eq!((nps.detractors.count, nps.detractors.total), (5, 5));
    assert_eq!((nps.passives, nps.total), (0, 5));
    // Ratings of 3: none satisfied, CSAT 0/5.
    assert_eq!(shown_figure(&week.csat), (0, 5));
}

/// `n` completed visits of one practitioner, each answered (rating 5, recommend 10, every item
/// "definitely") and with one teach-back "yes".
fn answered_visits(n: i64) -> Vec<VisitFacts> {
    (0..n)
        .map(|i| {
            let mut visit = items(
                answered(completed(i, at(11, 4, 14)), 5, Some(10)),
                [Definitely; 4],
            );
            visit.teach_back_yes = 1;
            visit.teach_back_answers = 1;
            visit
        })
        .collect()
}

#[test]
fn a_practitioners_figures_need_five_answers() {
    let four = facts(NY, at(12, 1, 12), answered_visits(4), vec![]);
    let withheld = four.figures(date(11, 2), date(11, 8), &everyone, true);
    // 4 answers < MIN_ANSWERS (5): every answer-based figure is withheld…
    assert_eq!(withheld.answers, 4);
    assert_eq!(withheld.nps, NpsFigure::TooFew);
    for figure in [
        &withheld.csat,
        &withheld.response_rate,
        &withheld.explained,
        &withheld.listened,
        &withheld.respected,
        &withheld.enough_time,
        &withheld.understanding,
    ] {
        assert_eq!(figure, &Figure::TooFew);
    }
    // …while attendance is not an answer: 0 no-shows of 4 due, 4 completed of 4.
    assert_eq!(shown_figure(&withheld.no_show), (0, 4));
    assert_eq!(shown_figure(&withheld.adherence), (4, 4));
    // The clinic's own row shows the same four answers.
    let clinic = four.figures(date(11, 2), date(11, 8), &everyone, false);
    assert_eq!(shown_figure(&clinic.csat), (4, 4));

    let five = facts(NY, at(12, 1, 12), answered_visits(5), vec![]);
    let shown = five.figures(date(11, 2), date(11, 8), &everyone, true);
    // 5 promoters of 5: NPS (5 − 0)/5 × 100 = 100; CSAT 5/5; every item 5/5; 5 of 5
    // completed visits answered; teach-back 5 yes of 5.
    let NpsFigure::Shown(nps) = &shown.nps else {
        panic!("five answers are enough: {:?}", shown.nps);
    };
    assert_eq!(nps.score, 100.0);
    for figure in [
        &shown.csat,
        &shown.response_rate,
        &shown.explained,
        &shown.listened,
        &shown.respected,
        &shown.enough_time,
        &shown.understanding,
    ] {
        assert_eq!(shown_figure(figure), (5, 5));
    }
}

#[test]
fn a_week_of_visits_gives_every_figure() {
    // The week of Monday 2 November 2026 (UTC), seen on Saturday the 7th at noon.
    let now = at(11, 7, 12);
    let v1 = items(
        answered(completed(1, at(11, 2, 10)), 5, Some(10)),
        [Definitely, Definitely, Definitely, Somewhat],
    );
    let mut v1 = v1;
    v1.teach_back_yes = 1;
    v1.teach_back_answers = 1;
    let mut v2 = items(
        answered(completed(2, at(11, 2, 11)), 4, Some(9)),
        [Somewhat, Definitely, Definitely, No],
    );
    v2.teach_back_answers = 1;
    let v3 = items(
        answered(completed(3, at(11, 3, 10)), 2, Some(3)),
        [No, No, Somewhat, No],
    );
    // Rated 3, recommend 7, the items skipped.
    let v4 = answered(completed(4, at(11, 3, 11)), 3, Some(7));
    let v5 = completed(5, at(11, 4, 10));
    let v6 = no_show(6, at(11, 4, 11));
    // Due, but nobody marked it.
    let v7 = visit(7, at(11, 5, 10));
    // Cancelled by the patient 2 hours before (inside the 24-hour window), 48 hours before
    // (outside), and by the clinic 1 hour before (no patient figure counts it).
    let v8 = cancelled(8, at(11, 5, 11), Duration::hours(2), CancelledBy::Patient);
    let v9 = cancelled(9, at(11, 6, 10), Duration::hours(48), CancelledBy::Patient);
    let v10 = cancelled(10, at(11, 6, 11), Duration::hours(1), CancelledBy::Clinic);
    // Tomorrow: not due yet.
    let v11 = visit(11, at(11, 8, 10));
    // The week before: patients 1, 2, 6 and 12 were seen; 13 did not come.
    let before = vec![
        completed(1, at(10, 27, 10)),
        completed(2, at(10, 28, 10)),
        completed(6, at(10, 29, 10)),
        completed(12, at(10, 30, 10)),
        no_show(13, at(10, 30, 11)),
    ];
    let bookings = vec![
        // Patient 1 booked again the day after their visit: back within 90 days.
        Booking {
            patient_id: 1,
            created_at: at(11, 3, 9),
        },
        // Patient 2 only 100 days later: too late.
        Booking {
            patient_id: 2,
            created_at: at(11, 2, 11) + Duration::days(100),
        },
        // Patient 3's next visit was booked before this one: not "again".
        Booking {
            patient_id: 3,
            created_at: at(11, 1, 9),
        },
    ];
    let mut visits = before;
    visits.extend([v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11]);
    let figures = facts(Tz::UTC, now, visits, bookings);
    let week = figures.figures(date(11, 2), date(11, 8), &everyone, false);

    assert_eq!(week.visits, 11, "v1–v11");
    assert_eq!(week.answers, 4, "v1–v4");
    // Recommend: 10, 9 promoters; 7 passive; 3 detractor. (2 − 1)/4 × 100 = 25.0.
    let NpsFigure::Shown(nps) = &week.nps else {
        panic!("{:?}", week.nps)
    };
    assert_eq!(nps.score, 25.0);
    assert_eq!(
        (nps.promoters.count, nps.passives, nps.detractors.count),
        (2, 1, 1)
    );
    // Ratings 5, 4 of 5, 4, 2, 3: CSAT 2/4.
    assert_eq!(shown_figure(&week.csat), (2, 4));
    // Completed v1–v5, answered v1–v4: 4/5.
    assert_eq!(shown_figure(&week.response_rate), (4, 5));
    // Items answered by v1–v3 only. Explained: D, S, N → 1/3. Listened: D, D, N → 2/3.
    // Respected: D, D, S → 2/3. Enough time: S, N, N → 0/3.
    assert_eq!(shown_figure(&week.explained), (1, 3));
    assert_eq!(shown_figure(&week.listened), (2, 3));
    assert_eq!(shown_figure(&week.respected), (2, 3));
    assert_eq!(shown_figure(&week.enough_time), (0, 3));
    // Due (not cancelled, started before now): v1–v7; one no-show (v6): 1/7.
    assert_eq!(shown_figure(&week.no_show), (1, 7));
    // Late: v8 only (v9 outside the window, v10 the clinic's): 1/11.
    assert_eq!(shown_figure(&week.late_cancel), (1, 11));
    // By the patient: v8, v9: 2/11.
    assert_eq!(shown_figure(&week.patient_cancel), (2, 11));
    // Started before now, leaving out the clinic's cancellation: v1–v9 = 9; completed 5: 5/9.
    assert_eq!(shown_figure(&week.adherence), (5, 9));
    // Teach-back: v1 yes, v2 not sure: 1/2.
    assert_eq!(shown_figure(&week.understanding), (1, 2));
    // Seen this week: patients 1–5; booked again within 90 days: patient 1 only: 1/5.
    assert_eq!(shown_figure(&week.return_visit), (1, 5));
    // Seen the week before: 1, 2, 6, 12 (13 was a no-show); of them seen again this week: 1, 2
    // (6 did not come): 2/4.
    assert_eq!(shown_figure(&week.retention), (2, 4));
}

#[test]
fn a_patient_cancel_counts_as_late_only_inside_the_window() {
    let start = at(11, 5, 15);
    let hours = 24;
    let outside = cancelled(1, start, Duration::hours(24), CancelledBy::Patient);
    let inside = cancelled(
        1,
        start,
        Duration::hours(24) - Duration::seconds(1),
        CancelledBy::Patient,
    );
    let after_start = cancelled(1, start, -Duration::minutes(5), CancelledBy::Patient);
    let by_clinic = cancelled(1, start, Duration::hours(2), CancelledBy::Clinic);
    // Exactly 24 hours before is the window's edge, still in time.
    assert!(!outside.cancelled_late(hours));
    assert!(inside.cancelled_late(hours));
    assert!(after_start.cancelled_late(hours));
    assert!(!by_clinic.cancelled_late(hours));
    // A visit cancelled before 0010 recorded who did it counts as the patient's.
    let unknown = VisitFacts {
        cancelled_by: None,
        ..inside.clone()
    };
    assert!(unknown.cancelled_late(hours));
    // A clinic with a 48-hour window: 30 hours before is late too.
    let thirty = cancelled(1, start, Duration::hours(30), CancelledBy::Patient);
    assert!(!thirty.cancelled_late(24));
    assert!(thirty.cancelled_late(48));
}

#[test]
fn retention_compares_each_trend_period_with_the_one_before() {
    // Weeks (UTC) of 19, 26 October and 2 November. Patients 1, 2 seen in week A; 1, 3 in
    // week B; 3 in week C.
    let visits = vec![
        completed(1, at(10, 20, 10)),
        completed(2, at(10, 21, 10)),
        completed(1, at(10, 27, 10)),
        completed(3, at(10, 28, 10)),
        completed(3, at(11, 3, 10)),
    ];
    let figures = facts(Tz::UTC, at(12, 1, 12), visits, vec![]);
    let trend = figures.trend(
        date(10, 26),
        date(11, 8),
        KpiInterval::Week,
        &everyone,
        false,
    );
    assert_eq!(trend.len(), 2);
    // Week B against week A: of {1, 2}, 1 came back: 1/2.
    assert_eq!(shown_figure(&trend[0].figures.retention), (1, 2));
    // Week C against week B: of {1, 3}, 3 came back: 1/2.
    assert_eq!(shown_figure(&trend[1].figures.retention), (1, 2));
    // The two weeks together against the two before (12–25 Oct: patients 1, 2): of {1, 2},
    // 1 was seen in 26 Oct–8 Nov: 1/2.
    let both = figures.figures(date(10, 26), date(11, 8), &everyone, false);
    assert_eq!(shown_figure(&both.retention), (1, 2));
    // Nobody was seen before 12 October: retention then has nothing to count.
    let first = figures.figures(date(10, 12), date(10, 18), &everyone, false);
    assert_eq!(first.retention, Figure::Empty);
}

#[test]
fn a_selection_keeps_only_its_visits() {
    let mut other = completed(2, at(11, 3, 10));
    other.practitioner_id = 2;
    let figures = facts(
        Tz::UTC,
        at(12, 1, 12),
        vec![completed(1, at(11, 3, 9)), other],
        vec![],
    );
    let second = |visit: &VisitFacts| visit.practitioner_id == 2;
    let row = figures.figures(date(11, 2), date(11, 8), &second, false);
    assert_eq!(row.visits, 1);
    assert_eq!(shown_figure(&row.adherence), (1, 1));
}

#[test]
fn weeks_run_monday_to_sunday_and_months_by_the_calendar_clipped_to_the_range() {
    assert_eq!(
        buckets(date(10, 28), date(11, 10), KpiInterval::Week),
        vec![
            (date(10, 28), date(11, 1)),
            (date(11, 2), date(11, 8)),
            (date(11, 9), date(11, 10)),
        ]
    );
    assert_eq!(
        buckets(date(10, 15), date(12, 3), KpiInterval::Month),
        vec![
            (date(10, 15), date(10, 31)),
            (date(11, 1), date(11, 30)),
            (date(12, 1), date(12, 3)),
        ]
    );
    // A one-day range is one bucket; a year's end is crossed.
    assert_eq!(
        buckets(date(11, 4), date(11, 4), KpiInterval::Week),
        vec![(date(11, 4), date(11, 4))]
    );
    let new_year = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
    assert_eq!(
        buckets(date(12, 30), new_year, KpiInterval::Month),
        vec![
            (date(12, 30), date(12, 31)),
            (NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), new_year),
        ]
    );
}

#[test]
fn visits_fall_in_the_clinic_local_week_across_the_daylight_saving_change() {
    // New York leaves daylight saving on Sunday 1 November 2026 at 02:00 (UTC−4 → UTC−5).
    let visits = vec![
        // Monday 26 October 00:30 EDT = 04:30Z: early in week one.
        completed(1, Utc.with_ymd_and_hms(2026, 10, 26, 4, 30, 0).unwrap()),
        // Sunday 1 November 23:30 EST = Monday 2 November 04:30Z: still week one locally,
        // though in UTC it is Monday.
        completed(2, Utc.with_ymd_and_hms(2026, 11, 2, 4, 30, 0).unwrap()),
        // Monday 2 November 00:30 EST = 05:30Z: week two.
        completed(3, Utc.with_ymd_and_hms(2026, 11, 2, 5, 30, 0).unwrap()),
        // Sunday 25 October 23:30 EDT = Monday 26 October 03:30Z: the week before, not shown.
        completed(4, Utc.with_ymd_and_hms(2026, 10, 26, 3, 30, 0).unwrap()),
    ];
    let figures = facts(NY, at(12, 1, 12), visits, vec![]);
    let trend = figures.trend(
        date(10, 26),
        date(11, 8),
        KpiInterval::Week,
        &everyone,
        false,
    );
    let weeks: Vec<_> = trend
        .iter()
        .map(|p| (p.from, p.to, p.figures.visits))
        .collect();
    assert_eq!(
        weeks,
        vec![
            (date(10, 26), date(11, 1), 2),
            (date(11, 2), date(11, 8), 1)
        ]
    );
}
