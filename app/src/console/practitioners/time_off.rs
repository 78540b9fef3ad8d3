//! A practitioner's time off: what is coming up, each with Remove, and a form to add more
//! (start and end in the clinic's zone, an optional note). The answer to each change names the
//! booked visits that now fall during time off, which stay booked.

use super::super::setup_form::{
    label, place_in, problem_text, refused, setup_words, show_failure, Draw, Form,
};
use super::super::{touch, use_console};
use super::page::{with_sentence, Page};
use super::stranded::{self, local_text};
use crate::api::ApiError;
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{catalog, fill, use_i18n, DateStyle, Tr};
use crate::wire::setup::{TimeOff, TimeOffRequest};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const FORM_ID: &str = "off-form";
const SUBMIT_ID: &str = "off-submit";
const TITLE_ID: &str = "off-title";
const FIELDS: [&str; 3] = ["starts", "ends", "note"];

fn id(field: &str) -> String {
    format!("off-{field}")
}

/// What the list says above the entries after a removal.
#[derive(Clone, Debug, Default, PartialEq)]
struct ListNote {
    done: Option<String>,
    problem: Option<ApiError>,
    /// The removal left visits out (or they fit again): offer a way to them.
    see_stranded: bool,
}

/// "Thu, Dec 3, 9:00 AM to Fri, Dec 4, 5:00 PM".
fn span_text(off: &TimeOff, s: &'static SetupTr, lang: Language) -> String {
    fill(
        s.from_to,
        &[
            &local_text(&off.starts, lang, DateStyle::ShortWithTime),
            &local_text(&off.ends, lang, DateStyle::ShortWithTime),
        ],
    )
}

#[component]
pub(super) fn TimeOffSection(page: Page) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let form = RwSignal::new(Form::default());
    let note = RwSignal::new(ListNote::default());
    let busy = StoredValue::new(false);
    let see = StoredValue::new(false);

    let markup = Signal::derive(move || {
        let (s, t, lang) = (setup_words(), i18n.t(), i18n.lang.get());
        let entries = page.data.with(|d| {
            d.as_ref()
                .map(|d| d.practitioner.time_off.clone())
                .unwrap_or_default()
        });
        let note = note.get();
        form.with(|form| render(&entries, &note, form, see.get_value(), s, t, lang))
    });

    let add = move || {
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let mut request = None;
        let mut already = false;
        form.update(|form| {
            already = form.busy;
            if already {
                return;
            }
            form.start_save();
            for field in ["starts", "ends"] {
                if form.text(&id(field)).is_empty() {
                    form.errors.insert(id(field), "invalid_datetime".into());
                }
            }
            if form.errors.is_empty() {
                form.busy = true;
                request = Some(TimeOffRequest {
                    starts: form.text(&id("starts")),
                    ends: form.text(&id("ends")),
                    note: form.optional(&id("note")),
                });
            }
        });
        if already {
            return;
        }
        let Some(request) = request else {
            refused(lang, FORM_ID);
            return;
        };
        let pid = page.id();
        spawn_local(async move {
            match crate::api::console::add_time_off(pid, &request).await {
                Ok(change) => {
                    touch();
                    let added = fill(
                        s.time_off_added,
                        &[&fill(
                            s.from_to,
                            &[
                                &local_text(&request.starts, lang, DateStyle::ShortWithTime),
                                &local_text(&request.ends, lang, DateStyle::ShortWithTime),
                            ],
                        )],
                    );
                    let said = with_sentence(&added, page.changed(change, s));
                    see.set_value(page.stranded_count() > 0);
                    note.set(ListNote::default());
                    form.set(Form {
                        saved: Some(said.clone()),
                        ..Form::default()
                    });
                    announce(said);
                    focus_id(SUBMIT_ID);
                }
                Err(error) => {
                    if !console.check(&error) {
                        form.update(|form| {
                            form.failed(error, |field| place_in("off-", &FIELDS, field));
                            for field in ["starts", "ends"] {
                                form.recode(&id(field), "invalid", "invalid_datetime");
                            }
                            form.recode(&id("ends"), "too_long", "time_off_too_long");
                        });
                        form.with_untracked(|form| show_failure(form, lang, FORM_ID, SUBMIT_ID));
                    }
                }
            }
        });
    };

    let remove = move |off_id: i64| {
        if busy.get_value() {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let s = setup_catalog(lang);
        let Some(entry) = page.data.with_untracked(|d| {
            d.as_ref().and_then(|d| {
                d.practitioner
                    .time_off
                    .iter()
                    .find(|o| o.id == off_id)
                    .cloned()
            })
        }) else {
            return;
        };
        busy.set_value(true);
        let pid = page.id();
        spawn_local(async move {
            let result = crate::api::console::remove_time_off(pid, off_id).await;
            busy.set_value(false);
            match result {
                Ok(change) => {
                    touch();
                    let removed = fill(s.time_off_removed, &[&span_text(&entry, s, lang)]);
                    let said = with_sentence(&removed, page.changed(change, s));
                    see.set_value(false);
                    form.update(|form| form.saved = None);
                    note.set(ListNote {
                        done: Some(said.clone()),
                        problem: None,
                        see_stranded: page.stranded_count() > 0,
                    });
                    announce(said);
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    announce(problem_text(&error, s, catalog(lang)));
                    note.set(ListNote {
                        done: None,
                        problem: Some(error),
                        see_stranded: false,
                    });
                }
            }
            // The entry is gone (or the list drawn again): back to the section's heading.
            focus_id(TITLE_ID);
        });
    };

    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "remove-off" => {
            if let Ok(off_id) = act.arg.parse() {
                remove(off_id);
            }
        }
        "see" => focus_id(stranded::TITLE_ID),
        _ => {}
    });
    let on_input = Callback::new(move |ev: web_sys::Event| form.update_untracked(|f| f.hear(&ev)));
    let on_submit = Callback::new(move |_| add());
    view! { <Markup html=markup on_act on_input on_submit /> }
}

fn see_button(out: &mut String, s: &'static SetupTr) {
    push(
        out,
        r#"<p><button type="button" class="secondary" data-act="see">{}</button></p>"#,
        &[s.see_visits],
    );
}

fn render(
    entries: &[TimeOff],
    note: &ListNote,
    form: &Form,
    see: bool,
    s: &'static SetupTr,
    t: &'static Tr,
    lang: Language,
) -> String {
    let mut out = html(
        r#"<section class="panel" aria-labelledby="off-title" data-testid="time-off"><h2 id="off-title" tabindex="-1">{}</h2>"#,
        &[s.time_off_title],
    );
    if let Some(done) = &note.done {
        push(
            &mut out,
            r#"<p class="notice ok" data-testid="removed">{}</p>"#,
            &[done],
        );
    }
    if note.see_stranded {
        see_button(&mut out, s);
    }
    if let Some(problem) = &note.problem {
        push(
            &mut out,
            r#"<p class="notice error">{}</p>"#,
            &[problem_text(problem, s, t)],
        );
    }
    if entries.is_empty() {
        push(
            &mut out,
            r#"<p class="muted" data-testid="no-time-off">{}</p>"#,
            &[s.no_time_off],
        );
    } else {
        out.push_str(r#"<ul class="time-off-list">"#);
        for off in entries {
            let span = span_text(off, s, lang);
            push(
                &mut out,
                r#"<li data-testid="time-off-entry"><p class="time-off-span">{}</p>"#,
                &[&span],
            );
            if let Some(text) = off.note.as_deref().filter(|n| !n.is_empty()) {
                push(&mut out, r#"<p class="muted">{}</p>"#, &[text]);
            }
            push(
                &mut out,
                r#"<button type="button" class="secondary danger small" data-act="remove-off {}" aria-label="{}">{}</button></li>"#,
                &[
                    &off.id.to_string(),
                    &fill(s.remove_time_off, &[&span]),
                    s.remove,
                ],
            );
        }
        out.push_str("</ul>");
    }

    let draw = Draw { s, form };
    push(
        &mut out,
        r#"<form id="off-form" novalidate aria-labelledby="off-add-title"><h3 id="off-add-title">{}</h3>"#,
        &[s.add_time_off_title],
    );
    draw.notices(&mut out, t);
    out.push_str(r#"<div class="pair">"#);
    for (field, text) in [("starts", s.starts), ("ends", s.ends)] {
        draw.input(
            &mut out,
            &id(field),
            "datetime-local",
            label(text).hint(s.date_time_hint),
            "",
        );
    }
    out.push_str("</div>");
    draw.input(
        &mut out,
        &id("note"),
        "text",
        label(s.note).hint(s.note_hint).optional(),
        r#" maxlength="200""#,
    );
    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="off-submit" class="primary">{}</button></div>"#,
        &[s.add_time_off],
    );
    draw.saved(&mut out);
    if see {
        see_button(&mut out, s);
    }
    out.push_str("</form></section>");
    out
}
