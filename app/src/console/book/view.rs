//! What the phone-booking screen draws: the three choices, the free times and the booked
//! visit. The state and what the controls do are in `book.rs`.

use super::{bounds, names, Slots, State, TimeProblem};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{facts, html, push};
use crate::components::slot_picker::slot_buttons;
use crate::console::words;
use crate::i18n::{fill, instant, local, use_i18n, DateStyle};
use crate::wire::console::StaffBooking;
use leptos::prelude::*;

/// Visit type, practitioner and day: three controls, each drawn apart so that none is drawn
/// again while it is being used (only the practitioner list follows the visit type).
pub(super) fn choices_markup(s: State) -> [Signal<String>; 3] {
    let i18n = use_i18n();
    let service = Signal::derive(move || {
        let (c, t) = (words(), i18n.t());
        let chosen = s.service.get_untracked();
        s.clinic.with(|clinic| {
            let Some(clinic) = clinic else {
                return String::new();
            };
            let mut out = html(
                r#"<div class="field"><label for="b-service">{}</label><select id="b-service"><option value="">{}</option>"#,
                &[c.book_service, c.book_choose_service],
            );
            for offered in &clinic.services {
                push(
                    &mut out,
                    r#"<option value="{}"{}>{} · {}</option>"#,
                    &[
                        &offered.id.to_string(),
                        if chosen == Some(offered.id) {
                            " selected"
                        } else {
                            ""
                        },
                        &offered.name,
                        &fill(t.minutes, &[&offered.duration_minutes.to_string()]),
                    ],
                );
            }
            out.push_str("</select></div>");
            out
        })
    });
    let practitioner = Signal::derive(move || {
        let (c, t) = (words(), i18n.t());
        let service = s.service.get();
        let who = s.who.get_untracked();
        s.clinic.with(|clinic| {
            let Some(clinic) = clinic else {
                return String::new();
            };
            let mut out = html(
                r#"<div class="field"><label for="b-practitioner">{}</label><select id="b-practitioner"><option value="any">{}</option>"#,
                &[c.book_practitioner, t.flow().first_available],
            );
            for p in clinic
                .practitioners
                .iter()
                .filter(|p| service.is_none_or(|id| p.service_ids.contains(&id)))
            {
                push(
                    &mut out,
                    r#"<option value="{}"{}>{}</option>"#,
                    &[
                        &p.id.to_string(),
                        if who == Some(p.id) { " selected" } else { "" },
                        &p.display_name,
                    ],
                );
            }
            out.push_str("</select></div>");
            out
        })
    });
    let day = Signal::derive(move || {
        let (c, lang) = (words(), i18n.lang.get());
        s.clinic.with(|clinic| {
            let Some(clinic) = clinic else {
                return String::new();
            };
            let (first, last) = bounds(clinic);
            let day = s.date.get_untracked().unwrap_or(first);
            html(
                r#"<div class="field"><label for="b-date">{}</label><p class="hint" id="b-date-hint">{}</p><input type="date" id="b-date" min="{}" max="{}" value="{}" aria-describedby="b-date-hint"></div>"#,
                &[
                    c.book_day,
                    &fill(
                        c.book_day_hint,
                        &[
                            &local(first, "12:00", lang, DateStyle::Long),
                            &local(last, "12:00", lang, DateStyle::Long),
                        ],
                    ),
                    &first.to_string(),
                    &last.to_string(),
                    &day.to_string(),
                ],
            )
        })
    });
    [service, practitioner, day]
}

/// The free times of the chosen day as buttons, or the nearest ones after the chosen time was
/// taken; loading, empty and failed states in between. (The section's heading is not part of
/// it: see the page's view.)
pub(super) fn times_markup(s: State, slots: Slots) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        let mut out = String::new();
        let problem = s.time_problem.get().map(|p| match p {
            TimeProblem::NoneChosen => c.book_choose_time,
            TimeProblem::Gone => t.flow().e_start,
        });
        if let Some(problem) = problem {
            push(
                &mut out,
                r#"<p class="field-error" id="times-error">{}</p>"#,
                &[problem],
            );
        }
        let chosen = s.picked.with(|p| p.as_ref().map(|p| p.start));
        s.clinic.with(|clinic| {
            let Some(clinic) = clinic else { return };
            let names = names(clinic);
            let who_named = s.who.get().is_none().then_some(&names);
            if let Some(alternatives) = s.taken.get() {
                if alternatives.is_empty() {
                    push(&mut out, r#"<p class="notice warn" role="alert">{}</p>"#, &[c.book_taken_none]);
                } else {
                    push(&mut out, r#"<div class="notice warn" role="alert"><p>{}</p></div>"#, &[c.book_taken]);
                    slot_buttons(&mut out, t, lang, &alternatives, |_| true, chosen, Some(&names), true, "alternatives");
                    return;
                }
            }
            let (first, last) = bounds(clinic);
            let date = s.date.get();
            if s.service.get().is_none() {
                push(&mut out, r#"<p class="muted">{}</p>"#, &[c.book_service_first]);
                return;
            }
            let Some(date) = date.filter(|d| (first..=last).contains(d)) else {
                let range = fill(
                    c.book_day_range,
                    &[
                        &local(first, "12:00", lang, DateStyle::Long),
                        &local(last, "12:00", lang, DateStyle::Long),
                    ],
                );
                push(&mut out, r#"<p class="notice">{}</p>"#, &[&range]);
                return;
            };
            push(
                &mut out,
                r#"<p class="desk-day">{}</p>"#,
                &[&local(date, "12:00", lang, DateStyle::Long)],
            );
            match slots.get() {
                None | Some(Ok(None)) => out.push_str(&skeleton(t, false)),
                Some(Err(error)) => out.push_str(&load_error(t, &error)),
                Some(Ok(Some(found))) if found.slots.is_empty() => {
                    push(&mut out, r#"<div class="notice" data-testid="no-times"><p>{}</p>"#, &[c.book_no_times]);
                    match found.next_available.filter(|d| *d <= last) {
                        Some(next) => push(
                            &mut out,
                            r#"<button type="button" class="secondary" data-act="goto {}">{}</button>"#,
                            &[
                                &next.to_string(),
                                &fill(c.book_next_free, &[&local(next, "12:00", lang, DateStyle::Long)]),
                            ],
                        ),
                        None => push(&mut out, "<p>{}</p>", &[c.book_no_later]),
                    }
                    out.push_str("</div>");
                }
                Some(Ok(Some(found))) => {
                    slot_buttons(&mut out, t, lang, &found.slots, |_| true, chosen, who_named, false, "slots");
                }
            }
        });
        out
    })
}

/// After booking: when, with whom, what, and the visit page link to copy.
pub(super) fn done_markup(s: State) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        s.done.with(|done| {
            let Some(StaffBooking {
                appointment: a,
                visit_url,
            }) = done
            else {
                return String::new();
            };
            let mut out = html(
                r#"<section class="panel desk-done" aria-labelledby="done-title" data-testid="booked"><h2 id="done-title" tabindex="-1">{}</h2>"#,
                &[&fill(c.book_done, &[&a.patient.preferred_name])],
            );
            out.push_str(&facts(&[
                (
                    t.when,
                    html(
                        r#"<span data-testid="booked-when">{}</span>"#,
                        &[&instant(a.start, &a.clinic.time_zone, lang)],
                    ),
                ),
                (t.with, html("{}", &[&a.practitioner.display_name])),
                (t.service, html("{}", &[&a.service.name])),
            ]));
            let staff_join = crate::i18n::video::video_catalog(lang).staff_join;
            super::super::video_link::video_link(
                &mut out,
                a.video_url.as_deref(),
                staff_join,
                lang,
            );
            push(
                &mut out,
                r#"<h3 id="link-title">{}</h3><p class="hint" id="link-hint">{}</p><p class="visit-link"><a href="{}" data-testid="visit-link" aria-describedby="link-hint">{}</a></p><div class="actions"><button type="button" id="copy-link" class="secondary" data-act="copy">{}</button><button type="button" class="primary" data-act="another">{}</button></div>"#,
                &[c.book_link, c.book_link_hint, visit_url, visit_url, c.copy_link, c.book_another],
            );
            if let Some(ok) = s.copied.get() {
                push(
                    &mut out,
                    r#"<p class="notice{}">{}</p>"#,
                    &[
                        if ok { " ok" } else { " warn" },
                        if ok { c.copied } else { c.copy_failed },
                    ],
                );
            }
            out.push_str("</section>");
            out
        })
    })
}
