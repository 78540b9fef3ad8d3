//! Two weeks of days with free times, paged within the clinic's booking horizon.

use crate::api::{self, ApiError};
use crate::components::feedback::{load_error, skeleton};
use crate::components::focus_id;
use crate::components::markup::{disabled, flag, html, push, Act, Markup};
use crate::i18n::{browser_zone, fill, local, today_in, use_i18n, DateStyle, Tr};
use crate::wire::AvailabilityResponse;
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use std::future::Future;

const WINDOW: u64 = 14;

const DAY: &str = r#"<li><button type="button" class="day" data-act="day {}" aria-pressed="{}"{}><span class="day-name">{}</span><span class="sr-only">, </span><span class="day-count">{}</span></button></li>"#;
const NEXT: &str = r#"<div class="notice"><p>{}</p><button type="button" class="primary" data-act="day {}">{}</button></div>"#;
const PAGER: &str = r#"<div class="pager"><button id="days-earlier" type="button" class="secondary" data-act="earlier"{}>‹ {}</button><button id="days-later" type="button" class="secondary" data-act="later"{}>{} ›</button></div>"#;

/// What the pickers need to ask for free times.
#[derive(Clone)]
pub struct SlotQuery {
    pub slug: String,
    pub service_id: i64,
    /// `None` means "first available".
    pub practitioner_id: Option<i64>,
    /// The clinic's IANA zone.
    pub zone: String,
    pub horizon_days: u32,
    /// The clinic's phone, for when nothing can be booked online.
    pub phone: String,
}

impl SlotQuery {
    /// Free times from `from` to `to` (one future type for every picker's resource).
    pub fn fetch(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<AvailabilityResponse, ApiError>> + 'static {
        let query = self.clone();
        async move {
            api::availability(
                &query.slug,
                query.service_id,
                query.practitioner_id,
                from,
                to,
            )
            .await
        }
    }
}

/// Names the zone the times are in, and says so plainly when it is not the person's own.
pub fn zone_note(t: &'static Tr, zone: &str) -> String {
    let differs = browser_zone() != zone;
    let mut out = String::new();
    push(
        &mut out,
        r#"<p class="zone-note{}">{}</p>"#,
        &[
            if differs { " differs" } else { "" },
            &fill(if differs { t.tz_note } else { t.tz_label }, &[zone]),
        ],
    );
    out
}

#[component]
pub fn DayPicker(
    query: SlotQuery,
    /// Which two-week page is shown (kept by the caller so Back returns to it).
    page: RwSignal<u64>,
    #[prop(into)] selected: Signal<Option<NaiveDate>>,
    on_pick: Callback<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (t, lang) = (i18n.now(), i18n.lang.get_untracked());
    let today = today_in(&query.zone);
    let horizon = u64::from(query.horizon_days.max(1));
    let last = today + Days::new(horizon - 1);
    let pages = horizon.div_ceil(WINDOW);
    let window = move || {
        let from = today + Days::new(page.get().min(pages - 1) * WINDOW);
        (from, (from + Days::new(WINDOW - 1)).min(last))
    };
    // The range the resource last answered for; it stays shown while the next page loads.
    let shown = RwSignal::new(window());
    let days = {
        let query = query.clone();
        LocalResource::new(move || {
            let (from, to) = window();
            let found = query.fetch(from, to);
            async move {
                let found = found.await;
                shown.set((from, to));
                found
            }
        })
    };

    let note = zone_note(t, &query.zone);
    let days_html = Signal::derive(move || {
        let mut out = note.clone();
        match days.get() {
            None => out.push_str(&skeleton(t, false)),
            Some(Err(error)) => out.push_str(&load_error(t, &error)),
            Some(Ok(found)) => {
                let (from, to) = shown.get();
                let chosen = selected.get();
                let busy = window() != (from, to);
                out.push_str(if busy {
                    r#"<div aria-busy="true">"#
                } else {
                    "<div>"
                });
                if found.slots.is_empty() {
                    match found.next_available.filter(|day| *day <= last) {
                        Some(day) => push(
                            &mut out,
                            NEXT,
                            &[
                                t.empty_window,
                                &(day - from).num_days().to_string(),
                                &fill(
                                    t.next_available,
                                    &[&local(day, "12:00", lang, DateStyle::Long)],
                                ),
                            ],
                        ),
                        None => push(
                            &mut out,
                            r#"<p class="notice">{}</p>"#,
                            &[&fill(t.nothing_bookable, &[&query.phone])],
                        ),
                    }
                }
                let range = fill(
                    t.days_label,
                    &[
                        &local(from, "12:00", lang, DateStyle::Long),
                        &local(to, "12:00", lang, DateStyle::Long),
                    ],
                );
                push(
                    &mut out,
                    r#"<ul class="day-list" aria-label="{}" data-testid="day-list">"#,
                    &[&range],
                );
                for (i, day) in from.iter_days().take_while(|day| *day <= to).enumerate() {
                    let count = found.slots.iter().filter(|s| s.local_date == day).count();
                    let label = match count {
                        0 => t.no_times.to_string(),
                        1 => t.times_one.to_string(),
                        n => fill(t.times_many, &[&n.to_string()]),
                    };
                    push(
                        &mut out,
                        DAY,
                        &[
                            &i.to_string(),
                            flag(chosen == Some(day)),
                            disabled(count == 0),
                            &local(day, "12:00", lang, DateStyle::Short),
                            &label,
                        ],
                    );
                }
                out.push_str("</ul></div>");
            }
        }
        out
    });
    // Apart from the days, so that focus stays on a pager button while the next page loads.
    let pager = Signal::derive(move || {
        let page = page.get();
        html(
            PAGER,
            &[
                disabled(page == 0),
                t.earlier_days,
                disabled(page + 1 >= pages),
                t.later_days,
            ],
        )
    });

    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "day" => {
            if let Some(offset) = act.index() {
                let day = shown.get_untracked().0 + Days::new(offset as u64);
                page.set((day - today).num_days().max(0) as u64 / WINDOW);
                on_pick.run(day);
            }
        }
        "earlier" | "later" => {
            let later = act.name == "later";
            let now = page.get_untracked();
            let next = if later {
                now + 1
            } else {
                now.saturating_sub(1)
            };
            page.set(next);
            // Stay on the button pressed, or on the other one when this end is reached.
            let at_end = if later { next + 1 >= pages } else { next == 0 };
            focus_id(if later != at_end {
                "days-later"
            } else {
                "days-earlier"
            });
        }
        "retry" => days.refetch(),
        _ => {}
    });
    view! {
        <Markup html=days_html on_act />
        <Markup html=pager on_act />
    }
}
