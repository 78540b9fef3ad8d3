//! "Visits that no longer fit": the booked visits a change of hours or time off left outside
//! the practitioner's week. They stay booked (nothing is dropped silently); this list is how
//! staff find them to call the patients, each with a link to its day in the day view.

use crate::components::markup::{facts, html, push};
use crate::i18n::setup::SetupTr;
use crate::i18n::{fill, local, DateStyle};
use crate::wire::setup::StrandedVisit;
use crate::wire::Language;
use chrono::NaiveDate;

pub(super) const TITLE_ID: &str = "stranded-title";

/// A clinic-local `YYYY-MM-DDTHH:MM` split into its day and time.
fn split(text: &str) -> Option<(NaiveDate, &str)> {
    let (date, time) = text.split_once('T')?;
    Some((crate::wire::fixed::date(date)?, time))
}

/// A clinic-local `YYYY-MM-DDTHH:MM` as people read it (it is already in the clinic's zone, so
/// it is shown as is); the text itself when it is not one.
pub(super) fn local_text(text: &str, lang: Language, style: DateStyle) -> String {
    split(text).map_or_else(
        || text.to_string(),
        |(date, time)| local(date, time, lang, style),
    )
}

fn reason(code: &str, s: &'static SetupTr) -> &'static str {
    match code {
        "time_off" => s.during_time_off,
        _ => s.outside_hours,
    }
}

/// What to say after a change, given how many visits did not fit before and how many do not
/// now; `None` when nothing changed for the better or the worse and none are left out.
pub(super) fn sentence(s: &'static SetupTr, before: usize, after: usize) -> Option<String> {
    match after {
        0 if before > 0 => Some(s.stranded_cleared.to_string()),
        0 => None,
        1 => Some(s.stranded_one.to_string()),
        n => Some(fill(s.stranded_many, &[&n.to_string()])),
    }
}

/// The section, as markup.
pub(super) fn render(
    out: &mut String,
    visits: &[StrandedVisit],
    s: &'static SetupTr,
    lang: Language,
) {
    push(
        out,
        r#"<section class="stranded{}" aria-labelledby="stranded-title" data-testid="stranded"><h2 id="stranded-title" tabindex="-1">{}</h2>"#,
        &[
            if visits.is_empty() { "" } else { " some" },
            s.stranded_title,
        ],
    );
    if visits.is_empty() {
        push(
            out,
            r#"<p class="muted" data-testid="stranded-none">{}</p></section>"#,
            &[s.stranded_none],
        );
        return;
    }
    push(out, "<p>{}</p>", &[s.stranded_intro]);
    out.push_str(r#"<ul class="stranded-list">"#);
    for visit in visits {
        let when = local_text(&visit.local_start, lang, DateStyle::ShortWithTime);
        push(
            out,
            r#"<li data-testid="stranded-visit"><p class="stranded-when">{}</p>"#,
            &[&when],
        );
        out.push_str(&facts(&[
            (s.patient, html("{}", &[&visit.patient_name])),
            (s.service, html("{}", &[&visit.service_name])),
            (
                s.why,
                html(
                    r#"<span data-testid="stranded-reason">{}</span>"#,
                    &[reason(&visit.reason, s)],
                ),
            ),
        ]));
        if let Some((date, _)) = split(&visit.local_start) {
            let day = local(date, "12:00", lang, DateStyle::Long);
            push(
                out,
                r#"<p><a href="/console/day?date={}">{}</a></p>"#,
                &[&date.to_string(), &fill(s.open_day, &[&day])],
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
}
