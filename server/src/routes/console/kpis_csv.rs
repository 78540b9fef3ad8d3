//! The figures' table as CSV (RFC 4180: comma-separated, quoted where needed, CRLF), for a
//! spreadsheet. A label is text staff typed: it is quoted when it holds a comma, quote or line
//! break, and one starting like a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with an
//! apostrophe so the spreadsheet shows it instead of running it.

use app::wire::kpis::{Figure, KpiFigures, KpiGroup, KpiReport, NpsFigure};

/// What a withheld figure reads.
pub const TOO_FEW: &str = "not enough answers yet";

/// Where a proportion column's figure is in a row.
type Pick = fn(&KpiFigures) -> &Figure;

/// The proportion columns, in order: their heading and how to find them.
const FIGURES: [(&str, Pick); 13] = [
    ("CSAT", |f| &f.csat),
    ("Response rate", |f| &f.response_rate),
    ("Explained clearly", |f| &f.explained),
    ("Listened carefully", |f| &f.listened),
    ("Showed respect", |f| &f.respected),
    ("Enough time", |f| &f.enough_time),
    ("No-show", |f| &f.no_show),
    ("Late cancel", |f| &f.late_cancel),
    ("Patient cancel", |f| &f.patient_cancel),
    ("Return visit", |f| &f.return_visit),
    ("Retention", |f| &f.retention),
    ("Adherence", |f| &f.adherence),
    ("Understanding", |f| &f.understanding),
];

/// The whole file: a byte-order mark (so spreadsheets read it as UTF-8), a heading line and
/// one line per row of the report.
pub fn table(report: &KpiReport) -> String {
    let mut heading: Vec<String> = [
        "Row",
        "Label",
        "Visits",
        "Answers",
        "NPS",
        "NPS promoters",
        "NPS passives",
        "NPS detractors",
        "NPS answers",
    ]
    .iter()
    .map(|cell| cell.to_string())
    .collect();
    for (title, _) in FIGURES {
        for part in ["%", "count", "total", "low %", "high %"] {
            heading.push(format!("{title} {part}"));
        }
    }
    let mut out = String::from("\u{feff}");
    push_line(&mut out, &heading);
    let group = match report.group {
        KpiGroup::Clinic => "clinic",
        KpiGroup::Practitioner => "practitioner",
        KpiGroup::Service => "service",
    };
    for row in &report.rows {
        let figures = &row.figures;
        let kind = if row.id.is_none() { "clinic" } else { group };
        let mut cells = vec![
            kind.to_string(),
            text_cell(&row.label),
            figures.visits.to_string(),
            figures.answers.to_string(),
        ];
        match &figures.nps {
            NpsFigure::Shown(nps) => cells.extend([
                format!("{:.1}", nps.score),
                nps.promoters.count.to_string(),
                nps.passives.to_string(),
                nps.detractors.count.to_string(),
                nps.total.to_string(),
            ]),
            NpsFigure::TooFew => {
                cells.push(TOO_FEW.to_string());
                cells.extend(std::iter::repeat_n(String::new(), 4));
            }
            NpsFigure::Empty => cells.extend(std::iter::repeat_n(String::new(), 5)),
        }
        for (_, figure) in FIGURES {
            match figure(figures) {
                Figure::Shown(p) => cells.extend([
                    percent(p.rate),
                    p.count.to_string(),
                    p.total.to_string(),
                    percent(p.low),
                    percent(p.high),
                ]),
                Figure::TooFew => {
                    cells.push(TOO_FEW.to_string());
                    cells.extend(std::iter::repeat_n(String::new(), 4));
                }
                Figure::Empty => cells.extend(std::iter::repeat_n(String::new(), 5)),
            }
        }
        push_line(&mut out, &cells);
    }
    out
}

fn percent(rate: f64) -> String {
    format!("{:.1}", rate * 100.0)
}

/// Text from staff, made safe to open: a leading formula character is defused.
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn push_line(out: &mut String, cells: &[String]) {
    let quoted: Vec<String> = cells.iter().map(|cell| quote(cell)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// A cell as RFC 4180 writes it: in quotes, inner quotes doubled, when it needs them.
fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(quote("Dr. Lee"), "Dr. Lee");
        assert_eq!(quote("Lee, Jordan"), "\"Lee, Jordan\"");
        assert_eq!(quote("Dr. \"JJ\" Lee"), "\"Dr. \"\"JJ\"\" Lee\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn labels_that_look_like_formulas_are_defused() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("Dr. = Lee"), "Dr. = Lee");
    }
}
