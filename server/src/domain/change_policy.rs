//! When a patient may change a visit online: before it starts, not cancelled, and not inside
//! the clinic's late-cancel window (then they must call).

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeBlocked {
    Cancelled,
    Past,
    LateChange,
}

impl ChangeBlocked {
    pub fn code(self) -> &'static str {
        match self {
            ChangeBlocked::Cancelled => "cancelled",
            ChangeBlocked::Past => "past",
            ChangeBlocked::LateChange => "late_change",
        }
    }
}

pub fn may_change(
    cancelled: bool,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    late_cancel_hours: u32,
) -> Result<(), ChangeBlocked> {
    if cancelled {
        return Err(ChangeBlocked::Cancelled);
    }
    if start <= now {
        return Err(ChangeBlocked::Past);
    }
    if start - now < Duration::hours(i64::from(late_cancel_hours)) {
        return Err(ChangeBlocked::LateChange);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_visit_more_than_a_day_away_can_be_changed() {
        let start = at(10) + Duration::days(2);
        assert_eq!(may_change(false, start, at(10), 24), Ok(()));
        assert_eq!(
            may_change(false, at(10) + Duration::hours(24), at(10), 24),
            Ok(())
        );
    }

    #[test]
    fn inside_the_window_the_patient_must_call() {
        let start = at(10) + Duration::hours(23);
        assert_eq!(
            may_change(false, start, at(10), 24),
            Err(ChangeBlocked::LateChange)
        );
    }

    #[test]
    fn past_and_cancelled_visits_cannot_be_changed() {
        assert_eq!(
            may_change(false, at(9), at(10), 24),
            Err(ChangeBlocked::Past)
        );
        assert_eq!(
            may_change(true, at(10) + Duration::days(3), at(10), 24),
            Err(ChangeBlocked::Cancelled)
        );
    }
}
