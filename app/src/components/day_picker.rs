//! Two weeks of days with free times, paged within the clinic's booking horizon.

use crate::api;
use crate::components::feedback::{LoadError, Skeleton};
use crate::i18n::{browser_zone, fill, local, today_in, use_i18n, DateStyle};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;

const WINDOW: u64 = 14;

/// What the picker needs to ask for free times.
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

/// Names the zone the times are in, and says so plainly when it is not the person's own.
#[component]
pub fn ZoneNote(zone: String) -> impl IntoView {
    let i18n = use_i18n();
    let differs = browser_zone() != zone;
    view! {
        <p class="zone-note" class:differs=differs>
            {move || {
                let t = i18n.t();
                fill(if differs { t.tz_note } else { t.tz_label }, &[&zone])
            }}
        </p>
    }
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
    let today = today_in(&query.zone);
    let last = today + Days::new(u64::from(query.horizon_days.max(1)) - 1);
    let pages = (u64::from(query.horizon_days.max(1)) + WINDOW - 1) / WINDOW;
    let window = move || {
        let from = today + Days::new(page.get().min(pages - 1) * WINDOW);
        (from, (from + Days::new(WINDOW - 1)).min(last))
    };
    let days = {
        let query = query.clone();
        LocalResource::new(move || {
            let (from, to) = window();
            let query = query.clone();
            async move {
                let found = api::availability(
                    &query.slug,
                    query.service_id,
                    query.practitioner_id,
                    from,
                    to,
                )
                .await;
                (from, to, found)
            }
        })
    };
    let pick_next = move |date: NaiveDate| {
        page.set((date - today).num_days().max(0) as u64 / WINDOW);
        on_pick.run(date);
    };
    let phone = query.phone.clone();

    let list = move || {
        let Some((from, to, found)) = days.get() else {
            return view! { <Skeleton blocks=2 /> }.into_any();
        };
        let availability = match found {
            Ok(availability) => availability,
            Err(error) => {
                return view! { <LoadError error retry=Callback::new(move |_| days.refetch()) /> }
                    .into_any()
            }
        };
        let t = i18n.t();
        let lang = i18n.lang.get();
        let busy = window() != (from, to);
        let empty = availability.slots.is_empty();
        let items = from
            .iter_days()
            .take_while(|day| *day <= to)
            .map(|day| {
                let count = availability
                    .slots
                    .iter()
                    .filter(|slot| slot.local_date == day)
                    .count();
                let label = match count {
                    0 => t.no_times.to_string(),
                    1 => t.times_one.to_string(),
                    n => fill(t.times_many, &[&n.to_string()]),
                };
                view! {
                    <li>
                        <button
                            type="button"
                            class="day"
                            disabled=count == 0
                            aria-pressed=move || (selected.get() == Some(day)).to_string()
                            on:click=move |_| on_pick.run(day)
                        >
                            <span class="day-name">{local(day, "12:00", lang, DateStyle::Short)}</span>
                            <span class="sr-only">", "</span>
                            <span class="day-count">{label}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let next = availability.next_available.filter(|day| *day <= last);
        let empty_note = empty.then(|| match next {
            Some(day) => view! {
                <div class="notice">
                    <p>{t.empty_window}</p>
                    <button type="button" class="primary" on:click=move |_| pick_next(day)>
                        {fill(t.next_available, &[&local(day, "12:00", lang, DateStyle::Long)])}
                    </button>
                </div>
            }
            .into_any(),
            None => view! { <p class="notice">{fill(t.nothing_bookable, &[&phone])}</p> }.into_any(),
        });
        let range = fill(
            t.days_label,
            &[
                &local(from, "12:00", lang, DateStyle::Long),
                &local(to, "12:00", lang, DateStyle::Long),
            ],
        );
        view! {
            <div aria-busy=busy.then_some("true")>
                {empty_note}
                <ul class="day-list" aria-label=range data-testid="day-list">
                    {items}
                </ul>
            </div>
        }
        .into_any()
    };

    view! {
        <div class="day-picker">
            <ZoneNote zone=query.zone.clone() />
            {list}
            <div class="pager">
                <button
                    type="button"
                    class="secondary"
                    disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    <span aria-hidden="true">"‹ "</span>
                    {move || i18n.t().earlier_days}
                </button>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || page.get() + 1 >= pages
                    on:click=move |_| page.update(|p| *p += 1)
                >
                    {move || i18n.t().later_days}
                    <span aria-hidden="true">" ›"</span>
                </button>
            </div>
        </div>
    }
}
