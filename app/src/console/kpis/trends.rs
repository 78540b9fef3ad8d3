//! The trend charts (NPS; CSAT; no-shows with adherence) over the report's weeks or months,
//! each followed by a table of the same numbers.

use super::chart::{Chart, Mark, Marker, Point, Series};
use super::figures::{figure_cell, nps_cell, percent_text, signed};
use crate::components::markup::push;
use crate::i18n::feedback_console::FeedbackConsoleTr;
use crate::i18n::{fill, locale};
use crate::wire::kpis::{Figure, KpiFigures, KpiInterval, KpiPeriod, NpsFigure};
use crate::wire::Language;
use chrono::NaiveDate;
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

/// A clinic-local day through `Intl`, with the given options (formatted as UTC: the day is
/// local already).
fn day_text(day: NaiveDate, lang: Language, options: &[(&str, &str)]) -> String {
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"timeZone".into(), &"UTC".into());
    for (key, value) in options {
        let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let ms = day
        .and_hms_opt(12, 0, 0)
        .map_or(0, |at| at.and_utc().timestamp_millis()) as f64;
    Date::new(&JsValue::from_f64(ms))
        .to_locale_date_string(locale(lang), &opts)
        .into()
}

/// A period's short name under the chart: "Sep 2026" or "Nov 2".
fn short_name(period: &KpiPeriod, interval: KpiInterval, lang: Language) -> String {
    match interval {
        KpiInterval::Month => day_text(
            period.from,
            lang,
            &[("month", "short"), ("year", "numeric")],
        ),
        KpiInterval::Week => day_text(period.from, lang, &[("month", "short"), ("day", "numeric")]),
    }
}

/// A period's full name in the tables: "Nov 2 – Nov 8, 2026".
fn long_name(period: &KpiPeriod, lang: Language) -> String {
    let mut out = day_text(period.from, lang, &[("month", "short"), ("day", "numeric")]);
    out.push_str(" – ");
    out.push_str(&day_text(
        period.to,
        lang,
        &[("month", "short"), ("day", "numeric"), ("year", "numeric")],
    ));
    out
}

/// A proportion as a chart point in percent.
fn point(figure: &Figure) -> Option<Point> {
    match figure {
        Figure::Shown(p) => Some(Point {
            value: p.rate * 100.0,
            low: p.low * 100.0,
            high: p.high * 100.0,
            label: percent_text(p.rate),
        }),
        _ => None,
    }
}

/// The NPS as a bar, with an approximate 95 % interval: the score is the difference of two
/// shares of the same answers, so its standard error is √((p + d − (p − d)²) / n).
fn nps_point(nps: &NpsFigure) -> Option<Point> {
    let NpsFigure::Shown(nps) = nps else {
        return None;
    };
    if nps.total == 0 {
        return None;
    }
    let (p, d) = (nps.promoters.rate, nps.detractors.rate);
    let spread = ((p + d - (p - d) * (p - d)).max(0.0) / f64::from(nps.total)).sqrt();
    let half = 1.96 * spread * 100.0;
    Some(Point {
        value: nps.score,
        low: (nps.score - half).max(-100.0),
        high: (nps.score + half).min(100.0),
        label: signed(nps.score),
    })
}

fn percent_ticks() -> Vec<(f64, String)> {
    [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|v| (v, percent_text(v / 100.0)))
        .collect()
}

type Cell = fn(&'static FeedbackConsoleTr, &KpiFigures) -> String;

/// The table of a chart's numbers: a period per line, a column per figure.
fn table(
    out: &mut String,
    id: &str,
    title: &str,
    w: &'static FeedbackConsoleTr,
    names: &[String],
    columns: &[(&str, Cell)],
    trend: &[KpiPeriod],
) {
    push(
        out,
        r#"<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{}-table-caption"><table class="report-table trend-table" data-testid="{}-table"><caption id="{}-table-caption">{}</caption><thead><tr><th scope="col">{}</th>"#,
        &[id, id, id, title, w.period],
    );
    for (name, _) in columns {
        push(out, r#"<th scope="col">{}</th>"#, &[name]);
    }
    out.push_str("</tr></thead><tbody>");
    for (period, name) in trend.iter().zip(names) {
        push(out, r#"<tr><th scope="row">{}</th>"#, &[name]);
        for (_, cell) in columns {
            out.push_str("<td>");
            out.push_str(&cell(w, &period.figures));
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

pub(super) fn render(
    out: &mut String,
    w: &'static FeedbackConsoleTr,
    trend: &[KpiPeriod],
    interval: KpiInterval,
    lang: Language,
) {
    push(
        out,
        r#"<section class="block trends" aria-labelledby="trends-title"><h2 id="trends-title">{}</h2>"#,
        &[w.trends],
    );
    if trend.is_empty() {
        push(
            out,
            r#"<p class="muted">{}</p></section>"#,
            &[w.chart_empty],
        );
        return;
    }
    let short: Vec<String> = trend
        .iter()
        .map(|p| short_name(p, interval, lang))
        .collect();
    let long: Vec<String> = trend.iter().map(|p| long_name(p, lang)).collect();
    let (first, last) = (
        long.first().cloned().unwrap_or_default(),
        long.last().cloned().unwrap_or_default(),
    );
    let count = trend.len().to_string();
    let describe = |what: &str, note: Option<&str>| {
        let mut desc = fill(w.chart_desc, &[what, &count, &first, &last]);
        desc.push(' ');
        desc.push_str(w.chart_gaps);
        if let Some(note) = note {
            desc.push(' ');
            desc.push_str(note);
        }
        desc
    };

    let nps_ticks: Vec<(f64, String)> = [-100.0, -50.0, 0.0, 50.0, 100.0]
        .into_iter()
        .map(|v: f64| (v, signed(v)))
        .collect();
    let nps_desc = describe(w.nps, Some(w.nps_interval_note));
    push(out, r#"<h3>{}</h3>"#, &[w.chart_nps]);
    Chart {
        id: "chart-nps",
        title: w.chart_nps,
        desc: &nps_desc,
        periods: &short,
        min: -100.0,
        max: 100.0,
        ticks: &nps_ticks,
        series: vec![Series {
            name: w.nps,
            mark: Mark::Bar,
            points: trend.iter().map(|p| nps_point(&p.figures.nps)).collect(),
        }],
    }
    .draw(out);
    push(
        out,
        r#"<p class="muted small">{}</p>"#,
        &[w.nps_interval_note],
    );
    table(
        out,
        "chart-nps",
        w.chart_nps,
        w,
        &long,
        &[(w.nps, |w, f| nps_cell(w, &f.nps))],
        trend,
    );

    let ticks = percent_ticks();
    let csat_desc = describe(w.csat, None);
    push(out, r#"<h3>{}</h3>"#, &[w.chart_csat]);
    Chart {
        id: "chart-csat",
        title: w.chart_csat,
        desc: &csat_desc,
        periods: &short,
        min: 0.0,
        max: 100.0,
        ticks: &ticks,
        series: vec![Series {
            name: w.csat,
            mark: Mark::Line {
                marker: Marker::Circle,
                dash: None,
            },
            points: trend.iter().map(|p| point(&p.figures.csat)).collect(),
        }],
    }
    .draw(out);
    table(
        out,
        "chart-csat",
        w.chart_csat,
        w,
        &long,
        &[(w.csat, |w, f| figure_cell(w, &f.csat))],
        trend,
    );

    let mut both = String::from(w.no_show);
    both.push_str(" / ");
    both.push_str(w.adherence);
    let attendance_desc = describe(&both, None);
    push(out, r#"<h3>{}</h3>"#, &[w.chart_attendance]);
    Chart {
        id: "chart-attendance",
        title: w.chart_attendance,
        desc: &attendance_desc,
        periods: &short,
        min: 0.0,
        max: 100.0,
        ticks: &ticks,
        series: vec![
            Series {
                name: w.adherence,
                mark: Mark::Line {
                    marker: Marker::Circle,
                    dash: None,
                },
                points: trend.iter().map(|p| point(&p.figures.adherence)).collect(),
            },
            Series {
                name: w.no_show,
                mark: Mark::Line {
                    marker: Marker::Square,
                    dash: Some("6 4"),
                },
                points: trend.iter().map(|p| point(&p.figures.no_show)).collect(),
            },
        ],
    }
    .draw(out);
    table(
        out,
        "chart-attendance",
        w.chart_attendance,
        w,
        &long,
        &[
            (w.adherence, |w, f| figure_cell(w, &f.adherence)),
            (w.no_show, |w, f| figure_cell(w, &f.no_show)),
        ],
        trend,
    );
    out.push_str("</section>");
}
