//! The rules of the after-visit survey: when it can be answered, and which answers need a
//! human to call the patient back.

use app::wire::feedback::{CommunicationAnswer, FollowUpReason, SurveyAnswers, SurveyState};
use chrono::{DateTime, Duration, Utc};

/// The survey takes answers for this long after the visit's end.
pub const SURVEY_OPEN_DAYS: i64 = 30;

/// The longest comment a patient may leave.
pub const COMMENT_MAX_CHARS: usize = 2000;

/// What the survey needs to know about a visit.
#[derive(Clone, Copy, Debug)]
pub struct SurveyVisit {
    /// Not cancelled and marked completed by staff.
    pub completed: bool,
    pub ends_at: DateTime<Utc>,
    pub answered: bool,
}

/// When the survey stops taking answers.
pub fn closes_at(ends_at: DateTime<Utc>) -> DateTime<Utc> {
    ends_at + Duration::days(SURVEY_OPEN_DAYS)
}

/// Whether the survey of this visit can be answered at `now`. An answer given is always
/// acknowledged, even after the window closed.
pub fn survey_state(visit: SurveyVisit, now: DateTime<Utc>) -> SurveyState {
    if visit.answered {
        SurveyState::Answered
    } else if !visit.completed {
        SurveyState::NotYet
    } else if now >= closes_at(visit.ends_at) {
        SurveyState::Closed
    } else {
        SurveyState::Open
    }
}

/// Why these answers need a follow-up call; empty when they do not: a rating of 1–2, a
/// recommendation of 0–6, or a "No" on any communication item.
pub fn follow_up_reasons(answers: &SurveyAnswers) -> Vec<FollowUpReason> {
    let mut reasons = Vec::new();
    if answers.rating <= 2 {
        reasons.push(FollowUpReason::LowRating);
    }
    if answers.recommend.is_some_and(|score| score <= 6) {
        reasons.push(FollowUpReason::Detractor);
    }
    let items = [
        answers.explained,
        answers.listened,
        answers.respected,
        answers.enough_time,
    ];
    if items.contains(&Some(CommunicationAnswer::No)) {
        reasons.push(FollowUpReason::CommunicationNo);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn visit_end() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 15, 0, 0).unwrap()
    }

    fn visit(completed: bool, answered: bool) -> SurveyVisit {
        SurveyVisit {
            completed,
            ends_at: visit_end(),
            answered,
        }
    }

    #[test]
    fn the_survey_opens_when_the_visit_is_completed_and_closes_30_days_after_it_ended() {
        let soon = visit_end() + Duration::hours(1);
        assert_eq!(survey_state(visit(false, false), soon), SurveyState::NotYet);
        assert_eq!(survey_state(visit(true, false), soon), SurveyState::Open);
        let last_second = visit_end() + Duration::days(30) - Duration::seconds(1);
        assert_eq!(
            survey_state(visit(true, false), last_second),
            SurveyState::Open
        );
        let closed = visit_end() + Duration::days(30);
        assert_eq!(
            survey_state(visit(true, false), closed),
            SurveyState::Closed
        );
        assert_eq!(closes_at(visit_end()), closed);
    }

    #[test]
    fn an_answer_is_acknowledged_whatever_the_date() {
        let long_after = visit_end() + Duration::days(400);
        assert_eq!(
            survey_state(visit(true, true), long_after),
            SurveyState::Answered
        );
    }

    fn answers(rating: u8, recommend: Option<u8>) -> SurveyAnswers {
        SurveyAnswers {
            rating,
            recommend,
            ..SurveyAnswers::default()
        }
    }

    #[test]
    fn low_ratings_detractors_and_a_no_need_a_follow_up() {
        assert_eq!(follow_up_reasons(&answers(3, Some(7))), vec![]);
        assert_eq!(follow_up_reasons(&answers(5, None)), vec![]);
        assert_eq!(
            follow_up_reasons(&answers(2, Some(7))),
            vec![FollowUpReason::LowRating]
        );
        assert_eq!(
            follow_up_reasons(&answers(4, Some(6))),
            vec![FollowUpReason::Detractor]
        );
        assert_eq!(
            follow_up_reasons(&answers(1, Some(0))),
            vec![FollowUpReason::LowRating, FollowUpReason::Detractor]
        );
        let mut somewhat = answers(4, Some(9));
        somewhat.listened = Some(CommunicationAnswer::Somewhat);
        assert_eq!(follow_up_reasons(&somewhat), vec![]);
        somewhat.enough_time = Some(CommunicationAnswer::No);
        assert_eq!(
            follow_up_reasons(&somewhat),
            vec![FollowUpReason::CommunicationNo]
        );
    }
}
