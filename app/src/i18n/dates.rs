//! Dates and times as people read them, through the browser's `Intl` (no zone data in the
//! bundle). Clinic-local days and `HH:MM` times come ready from the server, so they are
//! formatted as if in UTC; only real instants are formatted in the clinic's zone.

use super::locale;
use crate::wire::Language;
use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

/// Which parts of a date to show.
#[derive(Clone, Copy)]
pub enum DateStyle {
    /// "Tue, Nov 24"
    Short,
    /// "Tuesday, November 24"
    Long,
    /// "9:30 AM"
    Time,
    /// "Tue, Nov 24, 9:30 AM"
    ShortWithTime,
    /// "Tuesday, November 24, 2026 at 9:30 AM EST"
    Full,
}

fn format_ms(ms: f64, lang: Language, style: DateStyle, zone: &str) -> String {
    let opts = Object::new();
    let set = |key: &str, value: &str| {
        let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("timeZone", zone);
    let (date, weekday, month, time) = match style {
        DateStyle::Short => (true, "short", "short", false),
        DateStyle::Long => (true, "long", "long", false),
        DateStyle::Time => (false, "", "", true),
        DateStyle::ShortWithTime => (true, "short", "short", true),
        DateStyle::Full => (true, "long", "long", true),
    };
    if date {
        set("weekday", weekday);
        set("month", month);
        set("day", "numeric");
    }
    if time {
        set("hour", "numeric");
        set("minute", "2-digit");
    }
    if let DateStyle::Full = style {
        set("year", "numeric");
        set("timeZoneName", "short");
    }
    Date::new(&JsValue::from_f64(ms))
        .to_locale_string(locale(lang), &opts)
        .into()
}

/// A clinic-local day and optional `HH:MM`, shown as is.
pub fn local(date: NaiveDate, time: &str, lang: Language, style: DateStyle) -> String {
    let (h, m) = time.split_once(':').unwrap_or(("12", "0"));
    let at = date.and_hms_opt(h.parse().unwrap_or(12), m.parse().unwrap_or(0), 0);
    let ms = at.map_or(0, |at| at.and_utc().timestamp_millis()) as f64;
    format_ms(ms, lang, style, "UTC")
}

/// An instant shown in the clinic's zone, with the zone's short name.
pub fn instant(at: DateTime<Utc>, zone: &str, lang: Language) -> String {
    format_ms(at.timestamp_millis() as f64, lang, DateStyle::Full, zone)
}

/// An instant's time of day in the clinic's zone ("9:02 AM"), as the day view shows times.
pub fn clock_time(at: DateTime<Utc>, zone: &str, lang: Language) -> String {
    format_ms(at.timestamp_millis() as f64, lang, DateStyle::Time, zone)
}

/// Today's date in `zone` (falls back to the UTC date if the zone is unknown to the browser).
pub fn today_in(zone: &str) -> NaiveDate {
    let opts = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
    ] {
        let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    // en-CA writes dates as YYYY-MM-DD.
    let text: String = Date::new_0().to_locale_date_string("en-CA", &opts).into();
    crate::wire::fixed::date(&text).unwrap_or_else(|| {
        DateTime::from_timestamp_millis(Date::now() as i64)
            .unwrap_or_default()
            .date_naive()
    })
}

/// The browser's own IANA zone, e.g. `Europe/Madrid`.
pub fn browser_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new());
    Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_default()
}
