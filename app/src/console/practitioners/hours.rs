//! A practitioner's weekly hours: each weekday's working blocks (a break is the gap between
//! two), with buttons to add and remove blocks, saved all at once. The answer names the booked
//! visits the new hours leave out, which stay booked.

use super::super::setup_form::{label, refused, setup_words, show_failure, Draw, Form};
use super::super::{touch, use_console};
use super::page::{with_sentence, Page};
use super::stranded;
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{fill, use_i18n, Tr};
use crate::wire::setup::{HoursRequest, WeeklyBlock};
use leptos::prelude::*;
use leptos::task::spawn_local;

const FORM_ID: &str = "hours-form";
const SUBMIT_ID: &str = "hours-submit";
/// A time input cannot hold `24:00`; midnight at the end of a block is shown as `00:00`.
const MIDNIGHT_END: &str = "24:00";

/// The week as typed: how many blocks each weekday has, their times in `form` (see [`key`]).
#[derive(Clone, Debug, Default, PartialEq)]
struct Hours {
    counts: [usize; 7],
    form: Form,
    /// The last save left visits out: offer a way to them.
    see_stranded: bool,
}

/// The input of a block's `start` or `end`.
fn key(day: usize, n: usize, part: &str) -> String {
    format!("h-{day}-{n}-{part}")
}

impl Hours {
    fn of(blocks: &[WeeklyBlock]) -> Self {
        let mut blocks = blocks.to_vec();
        blocks.sort_by(|a, b| (a.weekday, &a.start).cmp(&(b.weekday, &b.start)));
        let mut hours = Hours::default();
        for block in blocks {
            let day = usize::from(block.weekday.min(6));
            let n = hours.counts[day];
            let end = if block.end == MIDNIGHT_END {
                "00:00"
            } else {
                &block.end
            };
            hours.form.set(key(day, n, "start"), &block.start);
            hours.form.set(key(day, n, "end"), end);
            hours.counts[day] += 1;
        }
        hours
    }

    /// Adds a block to `day`; the first of a day starts as 9 to 5, later ones blank.
    fn add(&mut self, day: usize) -> usize {
        let n = self.counts[day];
        let (start, end) = if n == 0 { ("09:00", "17:00") } else { ("", "") };
        self.form.set(key(day, n, "start"), start);
        self.form.set(key(day, n, "end"), end);
        self.counts[day] += 1;
        n
    }

    fn remove(&mut self, day: usize, n: usize) {
        let count = self.counts[day];
        if n >= count {
            return;
        }
        for i in n..count - 1 {
            for part in ["start", "end"] {
                let next = self.form.get(&key(day, i + 1, part)).to_string();
                self.form.set(key(day, i, part), next);
            }
        }
        for part in ["start", "end"] {
            self.form.values.remove(&key(day, count - 1, part));
        }
        self.counts[day] -= 1;
        // The day's errors named blocks that have moved.
        let prefix = format!("h-{day}-");
        self.form.errors.retain(|id, _| !id.starts_with(&prefix));
    }

    /// The week to send, or `None` with each block's problem next to its times. The server
    /// checks the same and names only the week as a whole, so what can be told here is.
    fn request(&mut self) -> Option<HoursRequest> {
        let mut blocks = Vec::new();
        for (day, count) in self.counts.into_iter().enumerate() {
            // (start minute, end minute, block) of the day's readable blocks, for overlaps.
            let mut day_blocks = Vec::new();
            for n in 0..count {
                let (start_id, end_id) = (key(day, n, "start"), key(day, n, "end"));
                let (start, mut end) = (self.form.text(&start_id), self.form.text(&end_id));
                if end == "00:00" {
                    end = MIDNIGHT_END.into();
                }
                match (minute_of(&start), minute_of(&end)) {
                    (Some(from), Some(to)) if from < to => day_blocks.push((from, to, n)),
                    (Some(_), Some(_)) => {
                        self.form.errors.insert(end_id, "end_before_start".into());
                    }
                    (from, to) => {
                        for (id, minute) in [(start_id, from), (end_id, to)] {
                            if minute.is_none() {
                                self.form.errors.insert(id, "invalid_time".into());
                            }
                        }
                    }
                }
                blocks.push(WeeklyBlock {
                    weekday: day as u8,
                    start,
                    end,
                });
            }
            day_blocks.sort_unstable();
            for pair in day_blocks.windows(2) {
                // Blocks that only touch (one ends as the next starts) are fine.
                if pair[1].0 < pair[0].1 {
                    self.form
                        .errors
                        .insert(key(day, pair[1].2, "start"), "overlapping".into());
                }
            }
        }
        self.form
            .errors
            .is_empty()
            .then_some(HoursRequest { blocks })
    }
}

/// Minutes since midnight of `HH:MM` (`24:00` is the end of the day).
fn minute_of(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    let minute = h * 60 + m;
    (m < 60 && minute <= 24 * 60).then_some(minute)
}

#[component]
pub(super) fn HoursSection(page: Page) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let hours = RwSignal::new(
        page.data
            .with_untracked(|d| Hours::of(d.as_ref().map_or(&[][..], |d| &d.practitioner.hours))),
    );
    let zone = page
        .data
        .with_untracked(|d| d.as_ref().map(|d| d.zone.clone()).unwrap_or_default());
    let markup = Signal::derive(move || {
        let (s, t) = (setup_words(), i18n.t());
        hours.with(|hours| render(hours, &zone, s, t))
    });

    let save = move || {
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let mut request = None;
        let mut busy = false;
        hours.update(|hours| {
            busy = hours.form.busy;
            if busy {
                return;
            }
            hours.form.start_save();
            hours.see_stranded = false;
            request = hours.request();
            hours.form.busy = request.is_some();
        });
        if busy {
            return;
        }
        let Some(request) = request else {
            refused(lang, FORM_ID);
            return;
        };
        let id = page.id();
        spawn_local(async move {
            match crate::api::console::set_hours(id, &request).await {
                Ok(change) => {
                    touch();
                    let fresh = Hours::of(&change.practitioner.hours);
                    let said = with_sentence(s.hours_saved, page.changed(change, s));
                    hours.set(Hours {
                        see_stranded: page.stranded_count() > 0,
                        form: Form {
                            saved: Some(said.clone()),
                            ..fresh.form
                        },
                        ..fresh
                    });
                    announce(said);
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    // The server names the week as a whole (`blocks`), not one block.
                    hours.update(|hours| hours.form.failed(error, |_| None));
                    hours.with_untracked(|hours| {
                        show_failure(&hours.form, lang, FORM_ID, SUBMIT_ID)
                    });
                }
            }
        });
    };

    let on_act = Callback::new(move |act: Act| {
        let mut args = act.arg.split(' ').map(|a| a.parse::<usize>().ok());
        let (day, n) = (args.next().flatten(), args.next().flatten());
        match (act.name.as_str(), day, n) {
            ("add", Some(day), _) if day < 7 => {
                let mut added = 0;
                hours.update(|hours| added = hours.add(day));
                focus_id(&key(day, added, "start"));
            }
            ("remove", Some(day), Some(n)) if day < 7 => {
                hours.update(|hours| hours.remove(day, n));
                focus_id(&format!("add-{day}"));
            }
            ("see", _, _) => focus_id(stranded::TITLE_ID),
            _ => {}
        }
    });
    let on_input =
        Callback::new(move |ev: web_sys::Event| hours.update_untracked(|h| h.form.hear(&ev)));
    let on_submit = Callback::new(move |_| save());
    view! { <Markup html=markup on_act on_input on_submit /> }
}

fn render(hours: &Hours, zone: &str, s: &'static SetupTr, t: &'static Tr) -> String {
    let draw = Draw {
        s,
        form: &hours.form,
    };
    let mut out = html(
        r#"<section class="panel" aria-labelledby="hours-title" data-testid="hours"><h2 id="hours-title" tabindex="-1">{}</h2><p class="hint">{}</p><form id="hours-form" novalidate aria-labelledby="hours-title">"#,
        &[s.hours_title, &fill(s.hours_intro, &[zone])],
    );
    draw.notices(&mut out, t);
    out.push_str(r#"<div class="hours-week">"#);
    for (day, count) in hours.counts.into_iter().enumerate() {
        let (weekday, in_text) = (s.weekdays[day], s.weekdays_in_text[day]);
        push(
            &mut out,
            r#"<fieldset class="group weekday" data-testid="weekday"><legend>{}</legend>"#,
            &[weekday],
        );
        if count == 0 {
            push(&mut out, r#"<p class="muted">{}</p>"#, &[s.not_working]);
        }
        for n in 0..count {
            let number = (n + 1).to_string();
            let context = fill(s.block_of, &[weekday, &number]);
            out.push_str(r#"<div class="block-row">"#);
            for (part, text) in [("start", s.block_start), ("end", s.block_end)] {
                draw.input(
                    &mut out,
                    &key(day, n, part),
                    "time",
                    label(text).context(&context),
                    "",
                );
            }
            push(
                &mut out,
                r#"<button type="button" class="secondary danger small" data-act="remove {} {}" aria-label="{}">{}</button></div>"#,
                &[
                    &day.to_string(),
                    &n.to_string(),
                    &fill(s.remove_block, &[&number, in_text]),
                    s.remove,
                ],
            );
        }
        push(
            &mut out,
            r#"<button type="button" id="add-{}" class="secondary small" data-act="add {}">{}</button></fieldset>"#,
            &[
                &day.to_string(),
                &day.to_string(),
                &fill(s.add_block, &[in_text]),
            ],
        );
    }
    push(
        &mut out,
        r#"</div><div class="actions"><button type="submit" id="hours-submit" class="primary">{}</button></div>"#,
        &[s.save_hours],
    );
    draw.saved(&mut out);
    if hours.see_stranded {
        push(
            &mut out,
            r#"<p><button type="button" class="secondary" data-act="see">{}</button></p>"#,
            &[s.see_visits],
        );
    }
    out.push_str("</form></section>");
    out
}
