//! The clinic's relationship figures (`/console/kpis`): satisfaction, recommendation, whether
//! patients come, cancel, return and understand, for a date range, per clinic, practitioner or
//! service, with a trend by week or month. Every proportion carries its counts and a 95 % Wilson
//! interval; figures based on too few answers are withheld rather than shown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Below this many answers a practitioner's answer-based figures are withheld
/// ("not enough answers yet"): one patient cannot be identified, noise is not read as a trend.
pub const MIN_ANSWERS: u32 = 5;

/// How the table's rows are split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KpiGroup {
    /// One row: the whole clinic.
    #[default]
    Clinic,
    Practitioner,
    Service,
}

/// The trend's bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KpiInterval {
    /// Monday-to-Sunday weeks, in the clinic's time zone.
    Week,
    /// Calendar months, in the clinic's time zone.
    #[default]
    Month,
}

/// The query of `GET /api/console/kpis` and `GET /api/console/kpis.csv`. Days are clinic-local,
/// both inclusive; a visit counts in the period its start falls in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct KpiQuery {
    /// First day (default: 90 days before today).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (default: today); at most 2 years after `from`.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub group: KpiGroup,
    #[serde(default)]
    pub interval: KpiInterval,
    /// Only this practitioner's visits (rows and trend).
    #[serde(default)]
    pub practitioner: Option<i64>,
    /// Only this service's visits (rows and trend).
    #[serde(default)]
    pub service: Option<i64>,
}

/// A proportion with what it is made of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Proportion {
    /// How many counted ("yes") …
    pub count: u32,
    /// … out of how many.
    pub total: u32,
    /// `count / total`, 0–1.
    pub rate: f64,
    /// The 95 % Wilson score interval of `rate`, 0–1.
    pub low: f64,
    pub high: f64,
}

/// A figure as the clinic may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Figure {
    /// Nothing to count in this period.
    Empty,
    /// A practitioner's figure with fewer than `MIN_ANSWERS` answers behind it: withheld, counts
    /// and all ("not enough answers yet").
    TooFew,
    Shown(Proportion),
}

/// Net Promoter Score: % promoters (9–10) minus % detractors (0–6), −100 to 100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NpsScore {
    /// Rounded to one decimal.
    pub score: f64,
    pub promoters: Proportion,
    pub detractors: Proportion,
    /// Answers 7–8.
    pub passives: u32,
    /// Everyone who answered the question.
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum NpsFigure {
    Empty,
    TooFew,
    Shown(NpsScore),
}

/// Every figure for one row (or one trend period).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiFigures {
    /// Visits that started in the period (any status): the denominators' source.
    pub visits: u32,
    /// Survey answers for those visits.
    pub answers: u32,
    pub nps: NpsFigure,
    /// CSAT: ratings 4–5 ÷ ratings.
    pub csat: Figure,
    /// Answers ÷ completed visits.
    pub response_rate: Figure,
    /// "Yes, definitely" ÷ answers, for each communication item.
    pub explained: Figure,
    pub listened: Figure,
    pub respected: Figure,
    pub enough_time: Figure,
    /// No-shows ÷ visits that were due (not cancelled, already started).
    pub no_show: Figure,
    /// Cancelled inside the clinic's late-cancel window ÷ visits.
    pub late_cancel: Figure,
    /// Cancelled by the patient (online or by phone) ÷ visits.
    pub patient_cancel: Figure,
    /// Patients with a completed visit in the period who booked again within 90 days of it
    /// ÷ those patients.
    pub return_visit: Figure,
    /// Patients seen (completed visit) in both the previous period of the same length and this
    /// one ÷ patients seen in the previous period.
    pub retention: Figure,
    /// Completed ÷ visits due, leaving out visits the clinic cancelled.
    pub adherence: Figure,
    /// Teach-back "Yes, it made sense" ÷ teach-back answers.
    pub understanding: Figure,
}

/// One row of the table: the clinic, a practitioner or a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiRow {
    /// The practitioner's or service's id; `None` for the clinic row.
    pub id: Option<i64>,
    /// The clinic's name, the practitioner's display name or the service's name (console language).
    pub label: String,
    pub figures: KpiFigures,
}

/// One bucket of the trend (the whole selection, not split by group).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiPeriod {
    /// First and last day of the bucket, clipped to the report's range.
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub from: NaiveDate,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub to: NaiveDate,
    pub figures: KpiFigures,
}

/// `GET /api/console/kpis`: admins see every row; a practitioner sees the clinic's row and their
/// own (asking for another practitioner is a 403); front desk is a 403.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiReport {
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub from: NaiveDate,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(deserialize_with = "super::fixed::serde::date")
    )]
    pub to: NaiveDate,
    pub group: KpiGroup,
    pub interval: KpiInterval,
    pub min_answers: u32,
    /// The clinic's late-cancel window, in hours (what "late" means in `late_cancel`).
    pub late_cancel_hours: u32,
    pub rows: Vec<KpiRow>,
    /// Oldest first.
    pub trend: Vec<KpiPeriod>,
}
