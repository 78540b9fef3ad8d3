//! The clinic's relationship figures, as rules without I/O: from plain facts about visits
//! (when, with whom, what happened, what the patient answered) to the proportions the console
//! shows, each with its counts and a 95 % Wilson interval. The definitions are those of
//! `app::wire::kpis`; where a definition needs a choice, the choice is written down here.
//!
//! - A visit belongs to the period its start falls in, in clinic-local days.
//! - Completed: not cancelled and marked completed by staff. Due: not cancelled, already started.
//! - Cancelled by the patient: `cancelled_by` is `patient`, or unknown (older cancellations were
//!   all on the patient's behalf). Clinic cancellations count in no patient figure.
//! - Late cancel: a patient cancellation at `cancelled_at > starts_at − late_cancel_hours`
//!   (also after the start), over every visit of the period.
//! - Return visit: a booking of the same patient, at the clinic, created after the completed
//!   visit's start and at most 90 days later. (Visits of the last 90 days have had less time
//!   to be booked again: the figure of a recent period rises as time passes.)
//! - Retention: the selection's patients with a completed visit in the period of the same
//!   length just before this one who also have one in this one.
//! - Withholding: where the figures describe one practitioner's patients, every answer-based
//!   figure (NPS, CSAT, response rate, the communication items, understanding) with fewer than
//!   `MIN_ANSWERS` answers behind it is `TooFew`. A figure with nothing to count is `Empty`.

use app::wire::console::{Attendance, CancelledBy};
use app::wire::feedback::CommunicationAnswer;
use app::wire::kpis::{
    Figure, KpiFigures, KpiInterval, KpiPeriod, NpsFigure, NpsScore, Proportion, MIN_ANSWERS,
};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

use super::local_time::local_naive;

/// The normal quantile of a two-sided 95 % interval.
pub const Z_95: f64 = 1.959964;

/// How long after a completed visit a new booking counts as coming back.
pub const RETURN_WINDOW_DAYS: i64 = 90;

/// `count` of `total` with its 95 % Wilson score interval. `total` 0 gives rate 0 and the
/// interval 0–1 (callers show `Empty` instead).
pub fn wilson(count: u32, total: u32) -> Proportion {
    if total == 0 {
        return Proportion {
            count,
            total,
            rate: 0.0,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = f64::from(total);
    let p = f64::from(count.min(total)) / n;
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Proportion {
        count,
        total,
        rate: p,
        low: (centre - half).clamp(0.0, 1.0),
        high: (centre + half).clamp(0.0, 1.0),
    }
}

/// What a patient answered in the survey, as far as the figures need it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyScores {
    /// 1–5.
    pub rating: u8,
    /// 0–10, or skipped.
    pub recommend: Option<u8>,
    pub explained: Option<CommunicationAnswer>,
    pub listened: Option<CommunicationAnswer>,
    pub respected: Option<CommunicationAnswer>,
    pub enough_time: Option<CommunicationAnswer>,
}

/// One visit, as the figures see it (no names, no contacts: ids and times only).
#[derive(Clone, Debug, PartialEq)]
pub struct VisitFacts {
    /// `None` for a visit that was never tied to a patient record: it counts in the visit
    /// figures, not in return visits or retention.
    pub patient_id: Option<i64>,
    pub practitioner_id: i64,
    pub service_id: i64,
    pub start: DateTime<Utc>,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    pub cancelled: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancelled_by: Option<CancelledBy>,
    pub attendance: Option<Attendance>,
    pub survey: Option<SurveyScores>,
    /// Teach-back answers for the visit's instructions: "Yes, it made sense" and all of them.
    pub teach_back_yes: u32,
    pub teach_back_answers: u32,
}

impl VisitFacts {
    pub fn completed(&self) -> bool {
        !self.cancelled && self.attendance == Some(Attendance::Completed)
    }

    /// The patient was expected: not cancelled, and the start has passed.
    fn due(&self, now: DateTime<Utc>) -> bool {
        !self.cancelled && self.start < now
    }

    fn cancelled_by_clinic(&self) -> bool {
        self.cancelled && self.cancelled_by == Some(CancelledBy::Clinic)
    }

    fn cancelled_by_patient(&self) -> bool {
        self.cancelled && self.cancelled_by != Some(CancelledBy::Clinic)
    }

    /// Cancelled by the patient inside the late-cancel window (or after the start).
    pub fn cancelled_late(&self, late_cancel_hours: u32) -> bool {
        let window_opens = self.start - Duration::hours(i64::from(late_cancel_hours));
        self.cancelled_by_patient() && self.cancelled_at.is_some_and(|at| at > window_opens)
    }
}

/// A booking made at the clinic: what "booked again" looks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Booking {
    pub patient_id: i64,
    pub created_at: DateTime<Utc>,
}

/// Everything the figures of a report are computed from.
#[derive(Clone, Debug)]
pub struct Facts {
    pub time_zone: Tz,
    pub late_cancel_hours: u32,
    /// Visits not yet started are not due.
    pub now: DateTime<Utc>,
    /// The clinic's visits from the start of the period before the report's range to its end.
    pub visits: Vec<VisitFacts>,
    /// Bookings made from the range's first day to 90 days after its last.
    pub bookings: Vec<Booking>,
}

/// Which visits a row or period covers.
pub type Selector<'a> = &'a dyn Fn(&VisitFacts) -> bool;

/// The facts, with each visit's clinic-local day and each patient's bookings at hand.
pub struct Figures {
    facts: Facts,
    days: Vec<NaiveDate>,
    bookings_by_patient: HashMap<i64, Vec<DateTime<Utc>>>,
}

impl Figures {
    pub fn new(facts: Facts) -> Figures {
        let days = facts
            .visits
            .iter()
            .map(|visit| local_naive(facts.time_zone, visit.start).date())
            .collect();
        let mut bookings_by_patient: HashMap<i64, Vec<DateTime<Utc>>> = HashMap::new();
        for booking in &facts.bookings {
            bookings_by_patient
                .entry(booking.patient_id)
                .or_default()
                .push(booking.created_at);
        }
        Figures {
            facts,
            days,
            bookings_by_patient,
        }
    }

    /// The selected visits whose clinic-local start day lies in `from..=to`.
    fn visits_in<'a>(
        &'a self,
        from: NaiveDate,
        to: NaiveDate,
        selected: Selector<'a>,
    ) -> impl Iterator<Item = &'a VisitFacts> + 'a {
        self.facts
            .visits
            .iter()
            .zip(&self.days)
            .filter(move |(visit, day)| from <= **day && **day <= to && selected(visit))
            .map(|(visit, _)| visit)
    }

    fn booked_again(&self, visit: &VisitFacts) -> bool {
        let Some(patient) = visit.patient_id else {
            return false;
        };
        let until = visit.start + Duration::days(RETURN_WINDOW_DAYS);
        self.bookings_by_patient
            .get(&patient)
            .is_some_and(|created| created.iter().any(|at| visit.start < *at && *at <= until))
    }

    /// Every figure for the selected visits of `from..=to`. `withhold_few` when they describe
    /// one practitioner's patients.
    pub fn figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        selected: Selector<'_>,
        withhold_few: bool,
    ) -> KpiFigures {
        let now = self.facts.now;
        let late_hours = self.facts.late_cancel_hours;
        let mut tally = Tally::default();
        let mut seen_now: HashSet<i64> = HashSet::new();
        let mut returned: HashSet<i64> = HashSet::new();
        for visit in self.visits_in(from, to, selected) {
            tally.visits += 1;
            let completed = visit.completed();
            if visit.due(now) {
                tally.due += 1;
                if visit.attendance == Some(Attendance::NoShow) {
                    tally.no_shows += 1;
                }
            }
            if visit.start < now && !visit.cancelled_by_clinic() {
                tally.adherence_due += 1;
                if completed {
                    tally.completed_due += 1;
                }
            }
            if visit.cancelled_by_patient() {
                tally.patient_cancels += 1;
            }
            if visit.cancelled_late(late_hours) {
                tally.late_cancels += 1;
            }
            if completed {
                tally.completed += 1;
                if visit.survey.is_some() {
                    tally.completed_answered += 1;
                }
                if let Some(patient) = visit.patient_id {
                    seen_now.insert(patient);
                    if self.booked_again(visit) {
                        returned.insert(patient);
                    }
                }
            }
            if let Some(survey) = &visit.survey {
                tally.add_answer(survey);
            }
            tally.teach_back_yes += visit.teach_back_yes;
            tally.teach_back_answers += visit.teach_back_answers;
        }

        // The period just before, of the same length: whose patients came back in this one.
        let length = (to - from).num_days() + 1;
        let seen_before: HashSet<i64> = match (
            from.checked_sub_signed(Duration::days(length)),
            from.pred_opt(),
        ) {
            (Some(previous_from), Some(previous_to)) => self
                .visits_in(previous_from, previous_to, selected)
                .filter(|visit| visit.completed())
                .filter_map(|visit| visit.patient_id)
                .collect(),
            _ => HashSet::new(),
        };
        let retained = seen_before.intersection(&seen_now).count();

        let answer_figure = |count: u32, total: u32, answers_behind: u32| {
            if total == 0 {
                Figure::Empty
            } else if withhold_few && answers_behind < MIN_ANSWERS {
                Figure::TooFew
            } else {
                Figure::Shown(wilson(count, total))
            }
        };
        let item = |item: ItemTally| answer_figure(item.definitely, item.answered, item.answered);
        KpiFigures {
            visits: tally.visits,
            answers: tally.answers,
            nps: nps(&tally, withhold_few),
            csat: answer_figure(tally.satisfied, tally.answers, tally.answers),
            response_rate: answer_figure(
                tally.completed_answered,
                tally.completed,
                tally.completed_answered,
            ),
            explained: item(tally.explained),
            listened: item(tally.listened),
            respected: item(tally.respected),
            enough_time: item(tally.enough_time),
            no_show: shown(tally.no_shows, tally.due),
            late_cancel: shown(tally.late_cancels, tally.visits),
            patient_cancel: shown(tally.patient_cancels, tally.visits),
            return_visit: shown(count_u32(returned.len()), count_u32(seen_now.len())),
            retention: shown(count_u32(retained), count_u32(seen_before.len())),
            adherence: shown(tally.completed_due, tally.adherence_due),
            understanding: answer_figure(
                tally.teach_back_yes,
                tally.teach_back_answers,
                tally.teach_back_answers,
            ),
        }
    }

    /// The trend: every figure per week or month of `from..=to` (see `buckets`).
    pub fn trend(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        interval: KpiInterval,
        selected: Selector<'_>,
        withhold_few: bool,
    ) -> Vec<KpiPeriod> {
        buckets(from, to, interval)
            .into_iter()
            .map(|(first, last)| KpiPeriod {
                from: first,
                to: last,
                figures: self.figures(first, last, selected, withhold_few),
            })
            .collect()
    }
}

fn count_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// A figure not based on answers: shown whenever there is something to count.
fn shown(count: u32, total: u32) -> Figure {
    if total == 0 {
        Figure::Empty
    } else {
        Figure::Shown(wilson(count, total))
    }
}

fn nps(tally: &Tally, withhold_few: bool) -> NpsFigure {
    let total = tally.promoters + tally.passives + tally.detractors;
    if total == 0 {
        return NpsFigure::Empty;
    }
    if withhold_few && total < MIN_ANSWERS {
        return NpsFigure::TooFew;
    }
    let promoters = wilson(tally.promoters, total);
    let detractors = wilson(tally.detractors, total);
    let score = (promoters.rate - detractors.rate) * 100.0;
    NpsFigure::Shown(NpsScore {
        score: (score * 10.0).round() / 10.0,
        promoters,
        detractors,
        passives: tally.passives,
        total,
    })
}

#[derive(Clone, Copy, Debug, Default)]
struct ItemTally {
    definitely: u32,
    answered: u32,
}

impl ItemTally {
    fn add(&mut self, answer: Option<CommunicationAnswer>) {
        if let Some(answer) = answer {
            self.answered += 1;
            if answer == CommunicationAnswer::Definitely {
                self.definitely += 1;
            }
        }
    }
}

#[derive(Default)]
struct Tally {
    visits: u32,
    due: u32,
    no_shows: u32,
    adherence_due: u32,
    completed_due: u32,
    patient_cancels: u32,
    late_cancels: u32,
    completed: u32,
    completed_answered: u32,
    answers: u32,
    satisfied: u32,
    promoters: u32,
    passives: u32,
    detractors: u32,
    explained: ItemTally,
    listened: ItemTally,
    respected: ItemTally,
    enough_time: ItemTally,
    teach_back_yes: u32,
    teach_back_answers: u32,
}

impl Tally {
    fn add_answer(&mut self, survey: &SurveyScores) {
        self.answers += 1;
        if survey.rating >= 4 {
            self.satisfied += 1;
        }
        match survey.recommend {
            Some(9..) => self.promoters += 1,
            Some(7..=8) => self.passives += 1,
            Some(_) => self.detractors += 1,
            None => {}
        }
        self.explained.add(survey.explained);
        self.listened.add(survey.listened);
        self.respected.add(survey.respected);
        self.enough_time.add(survey.enough_time);
    }
}

/// The trend's buckets over `from..=to`: Monday-to-Sunday weeks or calendar months of
/// clinic-local days, the first and last clipped to the range. Oldest first.
pub fn buckets(
    from: NaiveDate,
    to: NaiveDate,
    interval: KpiInterval,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut buckets = Vec::new();
    let mut first = from;
    while first <= to {
        let natural_last = match interval {
            KpiInterval::Week => {
                let to_sunday = 6 - i64::from(first.weekday().num_days_from_monday());
                first.checked_add_signed(Duration::days(to_sunday))
            }
            KpiInterval::Month => first
                .with_day(1)
                .and_then(|start| start.checked_add_months(Months::new(1)))
                .and_then(|next| next.pred_opt()),
        };
        let last = natural_last.map_or(to, |last| last.min(to));
        buckets.push((first, last));
        match last.succ_opt() {
            Some(next) => first = next,
            None => break,
        }
    }
    buckets
}

#[cfg(test)]
#[path = "kpis_tests.rs"]
mod tests;
