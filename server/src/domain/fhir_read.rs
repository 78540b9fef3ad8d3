//! FHIR R4 read for staff: how Carebook's visit states become `Appointment.status`, and what a
//! `date` search parameter means. No I/O here.

use super::local_time::day_bounds;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// `Appointment.status` from the visit's `status` (booked/cancelled) and the attendance staff
/// recorded on the day (arrived/completed/no_show). A cancellation wins over anything else.
pub fn appointment_status(status: &str, attendance: Option<&str>) -> &'static str {
    if status == "cancelled" {
        return "cancelled";
    }
    match attendance {
        Some("arrived") => "arrived",
        Some("completed") => "fulfilled",
        Some("no_show") => "noshow",
        _ => "booked",
    }
}

/// `Appointment.cancelationReason`'s code (HL7 `appointment-cancellation-reason`) for who
/// cancelled: the patient (`pat`) or the clinic (`prov`).
pub fn cancelation_code(cancelled_by: Option<&str>) -> (&'static str, &'static str) {
    match cancelled_by {
        Some("clinic") => ("prov", "Provider"),
        _ => ("pat", "Patient"),
    }
}

/// The appointments a set of `date` parameters admits: starts in `[from, until)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl DateRange {
    fn at_least(&mut self, instant: DateTime<Utc>) {
        self.from = Some(self.from.map_or(instant, |from| from.max(instant)));
    }
    fn before(&mut self, instant: DateTime<Utc>) {
        self.until = Some(self.until.map_or(instant, |until| until.min(instant)));
    }

    /// Narrows the range by one `date` value: an optional prefix (`eq` when none, `ge`, `gt`,
    /// `le`, `lt`) and a clinic-local day (`2026-12-02`) or an instant with its zone
    /// (`2026-12-02T09:00:00-05:00`, `…Z`, seconds optional). A day means the clinic-local
    /// day; an instant means that second. `None` for anything else.
    pub fn narrow(&mut self, value: &str, tz: Tz) -> Option<()> {
        let (prefix, text) = match value.get(..2) {
            Some(p @ ("eq" | "ge" | "gt" | "le" | "lt")) => (p, &value[2..]),
            _ => ("eq", value),
        };
        let (low, high) = period(text, tz)?;
        match prefix {
            "eq" => {
                self.at_least(low);
                self.before(high);
            }
            "ge" => self.at_least(low),
            "gt" => self.at_least(high),
            "le" => self.before(high),
            "lt" => self.before(low),
            _ => return None,
        }
        Some(())
    }
}

/// The period a date value names, `[low, high)`.
fn period(text: &str, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if text.len() == 10 {
        let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
        return Some(day_bounds(tz, day));
    }
    // Minutes without seconds are allowed too (`T09:00Z`); `Z` is the zone +00:00.
    let zoned = match text.strip_suffix('Z') {
        Some(bare) => format!("{bare}+00:00"),
        None => text.to_string(),
    };
    let instant = DateTime::parse_from_rfc3339(&zoned)
        .or_else(|_| DateTime::parse_from_str(&zoned, "%Y-%m-%dT%H:%M%:z"))
        .ok()?
        .with_timezone(&Utc);
    Some((instant, instant + Duration::seconds(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::America::New_York;

    #[test]
    fn each_visit_state_has_its_fhir_status() {
        assert_eq!(appointment_status("booked", None), "booked");
        assert_eq!(appointment_status("booked", Some("arrived")), "arrived");
        assert_eq!(appointment_status("booked", Some("completed")), "fulfilled");
        assert_eq!(appointment_status("booked", Some("no_show")), "noshow");
        assert_eq!(
            appointment_status("cancelled", Some("arrived")),
            "cancelled"
        );
    }

    #[test]
    fn a_day_is_the_clinic_day_and_prefixes_narrow_the_range() {
        let mut range = DateRange::default();
        range.narrow("2026-12-02", New_York).unwrap();
        assert_eq!(
            range.from,
            Some(Utc.with_ymd_and_hms(2026, 12, 2, 5, 0, 0).unwrap())
        );
        assert_eq!(
            range.until,
            Some(Utc.with_ymd_and_hms(2026, 12, 3, 5, 0, 0).unwrap())
        );

        let mut range = DateRange::default();
        range.narrow("ge2026-12-01", New_York).unwrap();
        range.narrow("le2026-12-07", New_York).unwrap();
        assert_eq!(
            range.from,
            Some(Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0).unwrap())
        );
        assert_eq!(
            range.until,
            Some(Utc.with_ymd_and_hms(2026, 12, 8, 5, 0, 0).unwrap())
        );

        let mut range = DateRange::default();
        range
            .narrow("gt2026-12-02T09:00:00-05:00", New_York)
            .unwrap();
        range.narrow("lt2026-12-02T15:00Z", New_York).unwrap();
        assert_eq!(
            range.from,
            Some(Utc.with_ymd_and_hms(2026, 12, 2, 14, 0, 1).unwrap())
        );
        assert_eq!(
            range.until,
            Some(Utc.with_ymd_and_hms(2026, 12, 2, 15, 0, 0).unwrap())
        );
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "tomorrow",
            "2026-13-01",
            "xx2026-12-01",
            "2026-12-02T09:00",
            "ge",
        ] {
            assert_eq!(DateRange::default().narrow(bad, New_York), None, "{bad}");
        }
    }
}
