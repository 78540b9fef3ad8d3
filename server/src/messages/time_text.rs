//! A visit's date and time as a patient reads them: in the clinic's zone (never the server's),
//! in their language, with the zone named — "Tuesday, December 1, 2026 at 9:30 AM (New York
//! time)" / "martes, 1 de diciembre de 2026, 9:30 (hora de Nueva York)". The wall clock comes
//! from the UTC instant through the zone's rules, so a visit just after a daylight-saving
//! change shows the hour the clinic's clocks will show.

use super::templates::Catalog;
use crate::domain::local_time::local_naive;
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

/// The ways a message writes one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeText {
    /// "Tuesday, December 1, 2026"
    pub date: String,
    /// "Tuesday, December 1" (subjects)
    pub date_short: String,
    /// "9:30 AM"
    pub time: String,
    /// "Tuesday, December 1, 2026 at 9:30 AM (New York time)"
    pub when: String,
}

pub fn describe(strings: &Catalog, zone: Tz, instant: DateTime<Utc>) -> TimeText {
    let local = local_naive(zone, instant);
    let weekday = name_at(
        strings.list("date.weekdays"),
        local.weekday().num_days_from_monday(),
    );
    let month = name_at(strings.list("date.months"), local.month0());
    let day = local.day().to_string();
    let year = local.year().to_string();
    let date_values = [
        ("weekday", weekday.as_str()),
        ("day", day.as_str()),
        ("month", month.as_str()),
        ("year", year.as_str()),
    ];
    let date = strings.fill("date.date", &date_values);
    let date_short = strings.fill("date.date_short", &date_values);

    let (is_pm, hour12) = local.hour12();
    let hour12 = hour12.to_string();
    let hour24 = local.hour().to_string();
    let minute = format!("{:02}", local.minute());
    let am_pm = strings.text(if is_pm { "date.pm" } else { "date.am" });
    let time = strings.fill(
        "date.time",
        &[
            ("hour12", &hour12),
            ("hour24", &hour24),
            ("minute", &minute),
            ("am_pm", am_pm),
        ],
    );
    let city = zone_city(strings, zone);
    let zone_name = strings.fill("date.zone", &[("city", &city)]);
    let when = strings.fill(
        "date.when",
        &[("date", &date), ("time", &time), ("zone", &zone_name)],
    );
    TimeText {
        date,
        date_short,
        time,
        when,
    }
}

/// The city naming `zone` in this language: from the file's table, else the IANA name's last
/// part ("America/Argentina/Buenos_Aires" → "Buenos Aires").
pub fn zone_city(strings: &Catalog, zone: Tz) -> String {
    let name = zone.name();
    strings
        .get_text(&format!("zone_cities.{name}"))
        .map(str::to_string)
        .unwrap_or_else(|| name.rsplit('/').next().unwrap_or(name).replace('_', " "))
}

fn name_at(names: &[String], index: u32) -> String {
    usize::try_from(index)
        .ok()
        .and_then(|i| names.get(i))
        .cloned()
        .unwrap_or_else(|| (index + 1).to_string())
}
