//! The free times of one day, grouped into morning and afternoon, as buttons.

use crate::api;
use crate::components::day_picker::{SlotQuery, ZoneNote};
use crate::components::feedback::{LoadError, Skeleton};
use crate::components::focus_on_mount;
use crate::i18n::{fill, local, use_i18n, DateStyle};
use crate::wire::{Language, Slot};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use std::sync::Arc;

/// Practitioner id → display name, to say who a "first available" time is with.
pub type Names = Arc<Vec<(i64, String)>>;

/// A list of time buttons. With `with_date` each shows its day too (used for alternatives,
/// which may fall on other days).
#[component]
pub fn SlotList(
    slots: Vec<Slot>,
    #[prop(into)] selected: Signal<Option<DateTime<Utc>>>,
    /// Set when the times may be with different people.
    names: Option<Names>,
    #[prop(optional)] with_date: bool,
    on_pick: Callback<Slot>,
    /// For tests: `data-testid` of the list.
    test_id: &'static str,
    lang: Language,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let items = slots
        .into_iter()
        .map(|slot| {
            let style = if with_date { DateStyle::ShortWithTime } else { DateStyle::Time };
            let text = local(slot.local_date, &slot.local_time, lang, style);
            let mut name = text.clone();
            if !with_date {
                name.push_str(", ");
                name.push_str(&local(slot.local_date, "12:00", lang, DateStyle::Long));
            }
            let who = names.as_ref().and_then(|names| {
                names
                    .iter()
                    .find(|(id, _)| *id == slot.practitioner_id)
                    .map(|(_, who)| fill(t.with_person, &[who]))
            });
            if let Some(who) = &who {
                name.push_str(", ");
                name.push_str(who);
            }
            let start = slot.start;
            view! {
                <li>
                    <button
                        type="button"
                        class="slot"
                        aria-label=name
                        aria-pressed=move || (selected.get() == Some(start)).to_string()
                        on:click=move |_| on_pick.run(slot.clone())
                    >
                        <span class="slot-time">{text}</span>
                        {who.map(|who| view! { <span class="slot-who">{who}</span> })}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="slot-list" data-testid=test_id>{items}</ul> }
}

#[component]
pub fn SlotPicker(
    query: SlotQuery,
    date: NaiveDate,
    #[prop(into)] selected: Signal<Option<DateTime<Utc>>>,
    names: Option<Names>,
    on_pick: Callback<Slot>,
    /// Offered when the day has nothing left.
    on_other_day: Callback<()>,
    /// Show the day as a heading and move focus to it (when the picker appears below other
    /// content rather than as its own screen).
    #[prop(optional)]
    titled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let slots = {
        let query = query.clone();
        LocalResource::new(move || {
            let query = query.clone();
            async move {
                api::availability(
                    &query.slug,
                    query.service_id,
                    query.practitioner_id,
                    date,
                    date,
                )
                .await
            }
        })
    };
    let title = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(title) = title.get() {
            focus_on_mount(&title);
        }
    });
    let groups = move || {
        let found = match slots.get() {
            None => return view! { <Skeleton blocks=2 /> }.into_any(),
            Some(Err(error)) => {
                return view! { <LoadError error retry=Callback::new(move |_| slots.refetch()) /> }
                    .into_any()
            }
            Some(Ok(found)) => found,
        };
        let t = i18n.t();
        let lang = i18n.lang.get();
        if found.slots.is_empty() {
            return view! {
                <div class="notice">
                    <p>{t.day_full}</p>
                    <button type="button" class="secondary" on:click=move |_| on_other_day.run(())>
                        {t.other_day}
                    </button>
                </div>
            }
            .into_any();
        }
        let (morning, afternoon): (Vec<Slot>, Vec<Slot>) = found
            .slots
            .into_iter()
            .partition(|slot| slot.local_time.as_str() < "12:00");
        [
            ("morning", t.morning, morning, "slots-morning"),
            ("afternoon", t.afternoon, afternoon, "slots-afternoon"),
        ]
        .into_iter()
        .filter(|(_, _, slots, _)| !slots.is_empty())
        .map(|(id, label, slots, test_id)| {
            let names = names.clone();
            view! {
                <div class="slot-group" role="group" aria-labelledby=id>
                    <p class="group-label" id=id>{label}</p>
                    <SlotList slots selected names on_pick test_id lang />
                </div>
            }
        })
        .collect_view()
        .into_any()
    };
    view! {
        <div class="slot-picker">
            {titled
                .then(|| {
                    view! {
                        <h3 class="picker-title" tabindex="-1" node_ref=title>
                            {move || local(date, "12:00", i18n.lang.get(), DateStyle::Long)}
                        </h3>
                    }
                })}
            <ZoneNote zone=query.zone />
            {groups}
        </div>
    }
}
