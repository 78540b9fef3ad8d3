//! The free times of one day, grouped into morning and afternoon, as buttons.

use crate::components::day_picker::{zone_note, SlotQuery};
use crate::components::feedback::{load_error, skeleton};
use crate::components::focus_heading;
use crate::components::markup::{flag, push, Act, Markup};
use crate::i18n::{fill, local, use_i18n, DateStyle, Tr};
use crate::wire::{Language, Slot};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

/// Practitioner id → display name, to say who a "first available" time is with.
pub type Names = Vec<(i64, String)>;

const SLOT: &str = r#"<li><button type="button" class="slot" data-act="slot {}" aria-pressed="{}"><span class="slot-time">{}</span><span class="sr-only">{}</span><span class="slot-who">{}</span></button></li>"#;

/// Time buttons (`data-act="slot i"`, `i` indexing `slots`) for the slots that `keep` accepts,
/// as a list with the given `data-testid`. With `with_date` each shows its day too (for
/// alternatives, which may fall on other days). Each button's name holds the full day and time.
#[allow(clippy::too_many_arguments)]
pub fn slot_buttons(
    out: &mut String,
    t: &'static Tr,
    lang: Language,
    slots: &[Slot],
    keep: impl Fn(&Slot) -> bool,
    selected: Option<DateTime<Utc>>,
    names: Option<&Names>,
    with_date: bool,
    test_id: &str,
) {
    push(
        out,
        r#"<ul class="slot-list{}" data-testid="{}">"#,
        &[if with_date { " dated" } else { "" }, test_id],
    );
    for (i, slot) in slots.iter().enumerate().filter(|(_, slot)| keep(slot)) {
        let style = if with_date {
            DateStyle::ShortWithTime
        } else {
            DateStyle::Time
        };
        let text = local(slot.local_date, &slot.local_time, lang, style);
        // The day is in the button's name for screen readers; sighted people see it above.
        let day = if with_date {
            String::new()
        } else {
            [
                ", ",
                &local(slot.local_date, "12:00", lang, DateStyle::Long),
            ]
            .concat()
        };
        let who = names
            .and_then(|names| names.iter().find(|(id, _)| *id == slot.practitioner_id))
            .map(|(_, who)| [" ", &fill(t.with_person, &[who])].concat())
            .unwrap_or_default();
        push(
            out,
            SLOT,
            &[
                &i.to_string(),
                flag(selected == Some(slot.start)),
                &text,
                &day,
                &who,
            ],
        );
    }
    out.push_str("</ul>");
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
    let (t, lang) = (i18n.now(), i18n.lang.get_untracked());
    let slots = LocalResource::new({
        let query = query.clone();
        move || query.fetch(date, date)
    });
    let mut head = String::new();
    if titled {
        push(
            &mut head,
            r#"<h3 class="picker-title" id="slots-title" tabindex="-1">{}</h3>"#,
            &[&local(date, "12:00", lang, DateStyle::Long)],
        );
        focus_heading("slots-title");
    } else {
        // Titled pickers sit under a day picker, which names the zone already.
        head.push_str(&zone_note(t, &query.zone));
    }

    let html = Signal::derive(move || {
        let mut out = head.clone();
        let found = match slots.get() {
            None => return out + &skeleton(t, false),
            Some(Err(error)) => return out + &load_error(t, &error),
            Some(Ok(found)) => found,
        };
        if found.slots.is_empty() {
            push(
                &mut out,
                r#"<div class="notice"><p>{}</p><button type="button" class="secondary" data-act="other-day">{}</button></div>"#,
                &[t.day_full, t.other_day],
            );
            return out;
        }
        let chosen = selected.get();
        let morning = |slot: &Slot| slot.local_time.as_str() < "12:00";
        for (id, label, is_morning) in [
            ("morning", t.morning, true),
            ("afternoon", t.afternoon, false),
        ] {
            if !found.slots.iter().any(|slot| morning(slot) == is_morning) {
                continue;
            }
            push(
                &mut out,
                r#"<div class="slot-group" role="group" aria-labelledby="{}"><p class="group-label" id="{}">{}</p>"#,
                &[id, id, label],
            );
            let test_id = if is_morning {
                "slots-morning"
            } else {
                "slots-afternoon"
            };
            slot_buttons(
                &mut out,
                t,
                lang,
                &found.slots,
                |slot| morning(slot) == is_morning,
                chosen,
                names.as_ref(),
                false,
                test_id,
            );
            out.push_str("</div>");
        }
        out
    });

    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "slot" => {
            let picked = slots
                .get_untracked()
                .and_then(|found| found.ok())
                .and_then(|found| act.index().and_then(|i| found.slots.get(i).cloned()));
            if let Some(slot) = picked {
                on_pick.run(slot);
            }
        }
        "other-day" => on_other_day.run(()),
        "retry" => slots.refetch(),
        _ => {}
    });
    view! { <Markup html on_act /> }
}
