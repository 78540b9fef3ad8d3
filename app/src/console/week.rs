//! `/console/week?start=YYYY-MM-DD`: the week from that date's Monday (default: this week) as a
//! table of practitioners by days: how many visits are booked, from when to when, who is off,
//! and what was cancelled or missed. Each day's heading opens that day's schedule.

use super::{is_unauthorized, touch, use_console, words};
use crate::api::{self, ApiError};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{focus_heading, set_title};
use crate::i18n::{fill, local, use_i18n, ConsoleTr, DateStyle};
use crate::wire::console::{WeekDay, WeekOverview};
use crate::wire::Language;
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WeekPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let start =
        Memo::new(move |_| query.with(|q| q.get_str("start").and_then(crate::wire::fixed::date)));
    let week = LocalResource::new(move || {
        let start = start.get();
        async move {
            super::signed_in(console).await?;
            let week = api::console::week(start).await?;
            touch();
            Ok::<_, ApiError>(week)
        }
    });
    let shown = StoredValue::new(None::<NaiveDate>);
    Effect::new(move |_| match week.get() {
        Some(Ok(week)) if shown.get_value() != Some(week.start) => {
            shown.set_value(Some(week.start));
            focus_heading("week-title");
        }
        Some(Err(error)) => {
            console.check(&error);
        }
        _ => {}
    });

    let markup = Signal::derive(move || {
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        match week.get() {
            Some(Ok(week)) => render(&week, c, lang),
            Some(Err(error)) if !is_unauthorized(&error) => {
                set_title(t.err_server);
                html(
                    r#"<h1 id="week-title" tabindex="-1">{}</h1>"#,
                    &[t.err_server],
                ) + &load_error(t, &error)
            }
            _ => skeleton(t, true),
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            week.refetch();
        }
    });
    view! {
        <div class="console week-view">
            <Markup html=markup on_act />
        </div>
    }
}

fn week_href(start: NaiveDate) -> String {
    let mut href = String::from("/console/week?start=");
    href.push_str(&start.to_string());
    href
}

fn render(week: &WeekOverview, c: &'static ConsoleTr, lang: Language) -> String {
    let title = fill(
        c.week_title,
        &[&local(week.start, "12:00", lang, DateStyle::Long)],
    );
    set_title(&title);
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="week-title" tabindex="-1">{}</h1><nav class="day-nav" aria-label="{}"><a class="button secondary" href="{}">{}</a><a class="button secondary" href="/console/week">{}</a><a class="button secondary" href="{}">{}</a></nav>"#,
        &[
            &title,
            c.week_nav,
            &week_href(week.start - Duration::days(7)),
            c.previous_week,
            c.this_week,
            &week_href(week.start + Duration::days(7)),
            c.next_week,
        ],
    );
    if week.practitioners.is_empty() {
        push(&mut out, r#"<p class="notice">{}</p>"#, &[c.week_empty]);
        return out;
    }
    // Seven columns do not fit a phone: the table scrolls sideways inside its own region,
    // which can take focus so that it can be scrolled with the keyboard too.
    push(
        &mut out,
        r#"<div class="week-scroll" role="region" tabindex="0" aria-label="{}"><table class="week"><caption class="sr-only">{}</caption><thead><tr><th scope="col">{}</th>"#,
        &[c.week_table, &title, c.week_practitioner],
    );
    for offset in 0..7 {
        let date = week.start + Duration::days(offset);
        push(
            &mut out,
            r#"<th scope="col"><a href="/console/day?date={}">{}</a></th>"#,
            &[
                &date.to_string(),
                &local(date, "12:00", lang, DateStyle::Short),
            ],
        );
    }
    out.push_str("</tr></thead><tbody>");
    for practitioner in &week.practitioners {
        push(
            &mut out,
            r#"<tr><th scope="row">{}</th>"#,
            &[&practitioner.display_name],
        );
        for offset in 0..7 {
            let date = week.start + Duration::days(offset);
            match practitioner.days.iter().find(|d| d.date == date) {
                Some(day) => cell(&mut out, day, c, lang),
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// One practitioner's day: whether they work, then the visits' counts and times.
fn cell(out: &mut String, day: &WeekDay, c: &'static ConsoleTr, lang: Language) {
    let has_visits = day.booked + day.cancelled + day.no_shows > 0;
    out.push_str(if day.working {
        "<td>"
    } else {
        r#"<td class="off">"#
    });
    if !day.working {
        push(
            out,
            r#"<span class="week-off">{}</span>"#,
            &[if day.time_off {
                c.week_time_off
            } else {
                c.week_off
            }],
        );
    } else if day.time_off {
        push(
            out,
            r#"<span class="week-off">{}</span>"#,
            &[c.week_some_time_off],
        );
    }
    if day.working || has_visits {
        push(
            out,
            r#"<span class="week-booked">{}</span>"#,
            &[&fill(c.week_booked, &[&day.booked.to_string()])],
        );
    }
    if let (Some(first), Some(last)) = (&day.first, &day.last) {
        let mut span = local(day.date, first, lang, DateStyle::Time);
        if last != first {
            span.push('–');
            span.push_str(&local(day.date, last, lang, DateStyle::Time));
        }
        push(out, r#"<span class="week-span">{}</span>"#, &[&span]);
    }
    if day.cancelled > 0 {
        push(
            out,
            r#"<span>{}</span>"#,
            &[&fill(c.week_cancelled, &[&day.cancelled.to_string()])],
        );
    }
    if day.no_shows > 0 {
        push(
            out,
            r#"<span>{}</span>"#,
            &[&fill(c.week_no_shows, &[&day.no_shows.to_string()])],
        );
    }
    out.push_str("</td>");
}
