//! Figures as words and the table of every row: "72 % (36/50) 95 % CI 58–83 %", NPS as a
//! signed score with its promoters and detractors, "not enough answers yet" for a withheld
//! figure and "—" when there is nothing to count.

use crate::components::markup::{html, push};
use crate::i18n::feedback_console::FeedbackConsoleTr;
use crate::i18n::fill;
use crate::wire::kpis::{Figure, KpiFigures, KpiRow, NpsFigure};

/// A 0–1 share as a whole percent.
pub(super) fn percent(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

/// A one-decimal score, signed: "+32", "−4.5", "0".
pub(super) fn signed(score: f64) -> String {
    let tenths = (score * 10.0).round() as i64;
    let mut out = String::new();
    if tenths > 0 {
        out.push('+');
    } else if tenths < 0 {
        out.push('−');
    }
    let tenths = tenths.abs();
    out.push_str(&(tenths / 10).to_string());
    if tenths % 10 != 0 {
        out.push('.');
        out.push_str(&(tenths % 10).to_string());
    }
    out
}

/// "72 %".
pub(super) fn percent_text(share: f64) -> String {
    let mut out = percent(share).to_string();
    out.push_str(" %");
    out
}

/// "—", read out as "nothing to count".
pub(super) fn empty_cell(w: &'static FeedbackConsoleTr) -> String {
    html(
        r#"<span aria-hidden="true">—</span><span class="sr-only">{}</span>"#,
        &[w.empty],
    )
}

pub(super) fn too_few_cell(w: &'static FeedbackConsoleTr) -> String {
    html(
        r#"<span class="too-few" data-testid="too-few">{}</span>"#,
        &[w.too_few],
    )
}

/// A figure's cell (markup): the percentage stands out, its counts and interval follow.
pub(super) fn figure_cell(w: &'static FeedbackConsoleTr, figure: &Figure) -> String {
    match figure {
        Figure::Empty => empty_cell(w),
        Figure::TooFew => too_few_cell(w),
        Figure::Shown(p) => {
            let mut counts = String::from("(");
            counts.push_str(&p.count.to_string());
            counts.push('/');
            counts.push_str(&p.total.to_string());
            counts.push(')');
            html(
                r#"<strong>{}</strong> {} <span class="ci">{}</span>"#,
                &[
                    &percent_text(p.rate),
                    &counts,
                    &fill(
                        w.ci,
                        &[&percent(p.low).to_string(), &percent(p.high).to_string()],
                    ),
                ],
            )
        }
    }
}

pub(super) fn nps_cell(w: &'static FeedbackConsoleTr, nps: &NpsFigure) -> String {
    match nps {
        NpsFigure::Empty => empty_cell(w),
        NpsFigure::TooFew => too_few_cell(w),
        NpsFigure::Shown(nps) => html(
            r#"<strong>{}</strong> <span class="ci">({})</span>"#,
            &[
                &signed(nps.score),
                &fill(
                    w.nps_counts,
                    &[
                        &nps.promoters.count.to_string(),
                        &nps.detractors.count.to_string(),
                        &nps.total.to_string(),
                    ],
                ),
            ],
        ),
    }
}

type Pick = fn(&KpiFigures) -> &Figure;
type Count = fn(&KpiFigures) -> u32;

/// The proportions in the order of the table, with their names.
pub(super) fn proportions(w: &'static FeedbackConsoleTr) -> [(&'static str, Pick); 13] {
    [
        (w.csat, |f| &f.csat),
        (w.response_rate, |f| &f.response_rate),
        (w.explained, |f| &f.explained),
        (w.listened, |f| &f.listened),
        (w.respected, |f| &f.respected),
        (w.enough_time, |f| &f.enough_time),
        (w.no_show, |f| &f.no_show),
        (w.late_cancel, |f| &f.late_cancel),
        (w.patient_cancel, |f| &f.patient_cancel),
        (w.adherence, |f| &f.adherence),
        (w.return_visit, |f| &f.return_visit),
        (w.retention, |f| &f.retention),
        (w.understanding, |f| &f.understanding),
    ]
}

/// Every figure of every row: one column per row (the clinic, a practitioner or a service),
/// one line per figure, so a phone scrolls along few columns. Inside its own scrolling box.
pub(super) fn table(out: &mut String, w: &'static FeedbackConsoleTr, rows: &[KpiRow]) {
    push(
        out,
        r#"<div class="table-wrap" role="region" tabindex="0" aria-labelledby="kpi-table-caption"><table class="report-table kpi-table" data-testid="kpi-table"><caption id="kpi-table-caption">{} <span class="muted">{}</span></caption><thead><tr><th scope="col">{}</th>"#,
        &[w.table_title, w.scrolls, w.figure_col],
    );
    for row in rows {
        push(out, r#"<th scope="col">{}</th>"#, &[&row.label]);
    }
    out.push_str("</tr></thead><tbody>");
    let counts: [(&str, Count); 2] = [(w.visits, |f| f.visits), (w.answers, |f| f.answers)];
    for (name, count) in counts {
        push(out, r#"<tr><th scope="row">{}</th>"#, &[name]);
        for row in rows {
            push(out, "<td>{}</td>", &[&count(&row.figures).to_string()]);
        }
        out.push_str("</tr>");
    }
    push(out, r#"<tr><th scope="row">{}</th>"#, &[w.nps]);
    for row in rows {
        out.push_str("<td>");
        out.push_str(&nps_cell(w, &row.figures.nps));
        out.push_str("</td>");
    }
    out.push_str("</tr>");
    for (name, pick) in proportions(w) {
        push(out, r#"<tr><th scope="row">{}</th>"#, &[name]);
        for row in rows {
            out.push_str("<td>");
            out.push_str(&figure_cell(w, pick(&row.figures)));
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}
