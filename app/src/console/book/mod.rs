//! `/console/book`: front desk books for a patient during a phone call, on one screen that
//! reads top to bottom with the keyboard: visit type, practitioner ("First available"), day,
//! a free time, then the patient's details. It goes through the same checks as booking online
//! and ends with the visit page link to read out or send.

mod details;
mod view;

use super::{is_unauthorized, touch, use_console, words};
use crate::api::{self, ApiError};
use crate::components::day_picker::zone_note;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{html, input_of, push, Act, Markup};
use crate::components::slot_picker::Names;
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::{catalog, fill, local, today_in, use_i18n, DateStyle};
use crate::pages::book::Draft;
use crate::wire::console::{StaffBooking, StaffRole};
use crate::wire::{BookingRequest, Clinic, Language, Slot};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

/// Why the time section asks for attention.
#[derive(Clone, Copy, PartialEq)]
enum TimeProblem {
    /// Book was pressed before a time was chosen.
    NoneChosen,
    /// The server no longer accepts the chosen start.
    Gone,
}

/// Everything chosen and learnt on the screen, apart from the patient's details.
#[derive(Clone, Copy)]
struct State {
    clinic: RwSignal<Option<Clinic>>,
    service: RwSignal<Option<i64>>,
    /// `None` is "first available".
    who: RwSignal<Option<i64>>,
    date: RwSignal<Option<NaiveDate>>,
    picked: RwSignal<Option<Slot>>,
    /// The nearest free times offered after the chosen one was taken.
    taken: RwSignal<Option<Vec<Slot>>>,
    time_problem: RwSignal<Option<TimeProblem>>,
    /// The last attempt failed for a reason not tied to a field.
    failure: RwSignal<Option<ApiError>>,
    done: RwSignal<Option<StaffBooking>>,
    /// Whether the last "Copy link" worked.
    copied: RwSignal<Option<bool>>,
    busy: RwSignal<bool>,
    draft: Draft,
}

/// Today and the last bookable day, in the clinic's zone.
fn bounds(clinic: &Clinic) -> (NaiveDate, NaiveDate) {
    let first = today_in(&clinic.time_zone);
    let days = u64::from(clinic.horizon_days.max(1)) - 1;
    (first, first + Days::new(days))
}

fn names(clinic: &Clinic) -> Names {
    clinic
        .practitioners
        .iter()
        .map(|p| (p.id, p.display_name.clone()))
        .collect()
}

/// Sets a form control's value without drawing it again (it may be mid-edit).
fn set_value(id: &str, value: &str) {
    if let Some(field) = document().get_element_by_id(id) {
        let _ = js_sys::Reflect::set(&field, &"value".into(), &value.into());
    }
}

/// Focuses the chosen time once the list is drawn again, so the keyboard stays in place.
fn focus_chosen_time() {
    request_animation_frame(|| {
        let chosen = document()
            .query_selector(r#".desk-times [aria-pressed="true"]"#)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = chosen {
            let _ = button.focus();
        }
    });
}

/// Puts `text` on the clipboard through `navigator.clipboard` (looked up at run time, as the
/// bundle's web-sys has no Clipboard binding); false when the browser refuses.
pub(crate) async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(promise) = write
        .and_then(|write| write.call1(&clipboard, &text.into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
pub fn BookPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let s = State {
        clinic: RwSignal::new(None),
        service: RwSignal::new(None),
        who: RwSignal::new(None),
        date: RwSignal::new(None),
        picked: RwSignal::new(None),
        taken: RwSignal::new(None),
        time_problem: RwSignal::new(None),
        failure: RwSignal::new(None),
        done: RwSignal::new(None),
        copied: RwSignal::new(None),
        busy: RwSignal::new(false),
        draft: Draft::new(),
    };

    // Who is signed in, then the clinic's services and practitioners in the reading language.
    let setup = LocalResource::new(move || {
        let lang = i18n.lang.get();
        async move {
            let me = super::signed_in(console).await?;
            if me.role == StaffRole::Practitioner {
                return Ok(None);
            }
            api::clinic(&me.clinic.slug, lang).await.map(Some)
        }
    });
    Effect::new(move |_| match setup.get() {
        Some(Ok(Some(clinic))) => {
            if s.date.get_untracked().is_none() {
                s.date.set(Some(bounds(&clinic).0));
            }
            if s.clinic.get_untracked().is_none() {
                focus_heading("book-title");
            }
            s.clinic.set(Some(clinic));
        }
        Some(Err(error)) => {
            console.check(&error);
        }
        _ => {}
    });

    let slots = LocalResource::new(move || {
        let (service, who, date) = (s.service.get(), s.who.get(), s.date.get());
        let place = s
            .clinic
            .with(|c| c.as_ref().map(|c| (c.slug.clone(), bounds(c))));
        async move {
            match (service, date, place) {
                (Some(service), Some(date), Some((slug, (first, last))))
                    if (first..=last).contains(&date) =>
                {
                    api::availability(&slug, service, who, date, date)
                        .await
                        .map(Some)
                }
                _ => Ok(None),
            }
        }
    });

    let title = Signal::derive(move || {
        let (c, t) = (words(), i18n.t());
        set_title(c.book_title);
        let mut out = html(
            r#"<h1 id="book-title" tabindex="-1">{}</h1>"#,
            &[c.book_title],
        );
        match setup.get() {
            Some(Ok(Some(clinic))) => out.push_str(&zone_note(t, &clinic.time_zone)),
            Some(Ok(None)) => push(
                &mut out,
                r#"<p class="notice warn" data-testid="desk-only">{}</p>"#,
                &[c.desk_only],
            ),
            Some(Err(error)) if !is_unauthorized(&error) => {
                out.push_str(&load_error(t, &error));
            }
            _ => out.push_str(&skeleton(t, false)),
        }
        out
    });
    let on_title_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            setup.refetch();
        }
    });

    let [service_html, practitioner_html, day_html] = view::choices_markup(s);
    let times = view::times_markup(s, slots);
    let form = Signal::derive(move || {
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        let failure = s
            .failure
            .with(|f| f.as_ref().map(|e| failure_text(e, lang)));
        s.clinic.with(|clinic| {
            clinic
                .as_ref()
                .map(|clinic| details::render((c, t), &s.draft, clinic, lang, failure))
                .unwrap_or_default()
        })
    });
    let done = view::done_markup(s);

    let on_choice = Callback::new(move |ev: web_sys::Event| {
        let Some((id, value, _)) = input_of(&ev) else {
            return;
        };
        match id.as_str() {
            "b-service" => {
                let service = value.parse::<i64>().ok();
                // Keep the practitioner only if they offer the new visit type.
                let keeps = s.clinic.with_untracked(|c| {
                    let offers = |p: &crate::wire::Practitioner| {
                        service.is_some_and(|id| p.service_ids.contains(&id))
                    };
                    c.as_ref().is_some_and(|c| {
                        s.who.get_untracked().is_none_or(|who| {
                            c.practitioners.iter().any(|p| p.id == who && offers(p))
                        })
                    })
                });
                if !keeps {
                    s.who.set(None);
                }
                s.service.set(service);
            }
            "b-practitioner" => s.who.set(value.parse().ok()),
            "b-date" => match crate::wire::fixed::date(&value) {
                Some(date) => s.date.set(Some(date)),
                // Half-typed: wait for a whole date.
                None => return,
            },
            _ => return,
        }
        s.picked.set(None);
        s.taken.set(None);
        s.time_problem.set(None);
    });

    let on_times_act = Callback::new(move |act: Act| match act.name.as_str() {
        "slot" => {
            let offered = s.taken.get_untracked().filter(|alts| !alts.is_empty());
            let from_taken = offered.is_some();
            let list = offered.or_else(|| {
                slots
                    .get_untracked()
                    .and_then(Result::ok)
                    .flatten()
                    .map(|found| found.slots)
            });
            let Some(slot) = list.and_then(|list| act.index().and_then(|i| list.get(i).cloned()))
            else {
                return;
            };
            let lang = i18n.lang.get_untracked();
            let chosen = chosen_text(s, &slot, lang);
            s.time_problem.set(None);
            if from_taken {
                // An alternative may be on another day: show that day, with it chosen.
                s.taken.set(None);
                s.date.set(Some(slot.local_date));
                set_value("b-date", &slot.local_date.to_string());
                s.picked.set(Some(slot));
                focus_id("book-submit");
            } else {
                s.picked.set(Some(slot));
                focus_chosen_time();
            }
            announce(fill(
                crate::i18n::console_catalog(lang).book_chosen,
                &[&chosen],
            ));
        }
        "goto" => {
            if let Some(date) = crate::wire::fixed::date(&act.arg) {
                s.date.set(Some(date));
                s.picked.set(None);
                set_value("b-date", &act.arg);
                focus_id("times-title");
            }
        }
        "retry" => slots.refetch(),
        _ => {}
    });

    let on_form_input = details::on_input(s.draft);
    let on_submit = Callback::new(move |_| submit(s, console, slots, i18n.lang.get_untracked()));

    let on_done_act = Callback::new(move |act: Act| match act.name.as_str() {
        "copy" => {
            let Some(url) = s
                .done
                .with_untracked(|d| d.as_ref().map(|d| d.visit_url.clone()))
            else {
                return;
            };
            spawn_local(async move {
                let ok = copy_to_clipboard(&url).await;
                let c = crate::i18n::console_catalog(i18n.lang.get_untracked());
                s.copied.set(Some(ok));
                announce(if ok { c.copied } else { c.copy_failed });
                focus_id("copy-link");
            });
        }
        "another" => {
            s.draft.clear();
            s.service.set(None);
            s.who.set(None);
            s.date
                .set(s.clinic.with_untracked(|c| c.as_ref().map(|c| bounds(c).0)));
            s.picked.set(None);
            s.taken.set(None);
            s.time_problem.set(None);
            s.failure.set(None);
            s.copied.set(None);
            s.done.set(None);
            focus_id("b-service");
        }
        _ => {}
    });

    let ready = Memo::new(move |_| s.clinic.with(Option::is_some));
    let booked = Memo::new(move |_| s.done.with(Option::is_some));
    view! {
        <div class="console desk-book">
            <Markup html=title on_act=on_title_act />
            {move || {
                if !ready.get() {
                    None
                } else if booked.get() {
                    Some(view! { <Markup html=done on_act=on_done_act /> }.into_any())
                } else {
                    Some(
                        view! {
                            <div class="desk-choices">
                                <Markup html=service_html on_input=on_choice />
                                <Markup html=practitioner_html on_input=on_choice />
                                <Markup html=day_html on_input=on_choice />
                            </div>
                            // The heading stays put while the times below it are drawn again,
                            // so focus sent to it is not lost.
                            <section class="desk-times" aria-labelledby="times-title">
                                <h2 id="times-title" tabindex="-1">{move || words().book_times}</h2>
                                <Markup html=times on_act=on_times_act />
                            </section>
                            <Markup html=form on_input=on_form_input on_submit />
                        }
                            .into_any(),
                    )
                }
            }}
        </div>
    }
}

/// "Wednesday, November 25, 9:30 AM with Dr. Luis Herrera", for announcing a choice.
fn chosen_text(s: State, slot: &Slot, lang: Language) -> String {
    let mut text = local(slot.local_date, "12:00", lang, DateStyle::Long);
    text.push_str(", ");
    text.push_str(&local(
        slot.local_date,
        &slot.local_time,
        lang,
        DateStyle::Time,
    ));
    let who = s.clinic.with_untracked(|c| {
        c.as_ref()
            .and_then(|c| {
                c.practitioners
                    .iter()
                    .find(|p| p.id == slot.practitioner_id)
            })
            .map(|p| p.display_name.clone())
    });
    if let Some(who) = who {
        text.push(' ');
        text.push_str(&fill(catalog(lang).with_person, &[&who]));
    }
    text
}

fn failure_text(error: &ApiError, lang: Language) -> &'static str {
    match error {
        ApiError::Status(403, _) => crate::i18n::console_catalog(lang).not_allowed,
        error => error_text(error, catalog(lang)),
    }
}

/// The free times of the chosen day, once a visit type and a bookable day are chosen.
type Slots = LocalResource<Result<Option<crate::wire::AvailabilityResponse>, ApiError>>;

/// Checks what the browser can, then books; the server's answer lands on the fields, on the
/// time section (taken, gone) or above the button.
fn submit(s: State, console: super::Console, slots: Slots, lang: Language) {
    if s.busy.get_untracked() {
        return;
    }
    let c = crate::i18n::console_catalog(lang);
    let errors = s.draft.check();
    let picked = s.picked.get_untracked();
    let (Some(service_id), Some(slot)) = (s.service.get_untracked(), picked) else {
        s.draft.errors.set(errors);
        s.time_problem.set(Some(TimeProblem::NoneChosen));
        announce(c.book_choose_time);
        focus_id("times-title");
        return;
    };
    let has_errors = !errors.is_empty();
    s.draft.errors.set(errors);
    s.time_problem.set(None);
    s.failure.set(None);
    if has_errors {
        announce(c.book_check);
        focus_id(details::first_problem(&s.draft).unwrap_or("f-name"));
        return;
    }
    // "First available" books whoever the chosen time is with, so the confirmation names the
    // person the patient just heard.
    let request = BookingRequest {
        service_id,
        practitioner_id: s.who.get_untracked().or(Some(slot.practitioner_id)),
        start: slot.start,
        patient: s.draft.details(s.clinic.with_untracked(|clinic| {
            clinic
                .as_ref()
                .map_or(lang, |clinic| clinic.language_for(lang))
        })),
    };
    s.busy.set(true);
    announce(c.book_busy);
    spawn_local(async move {
        let result = api::console::book(&request).await;
        s.busy.set(false);
        match result {
            Ok(booking) => {
                touch();
                let name = booking.appointment.patient.preferred_name.clone();
                s.done.set(Some(booking));
                announce(fill(c.book_done, &[&name]));
                focus_id("done-title");
            }
            Err(error) => {
                if console.check(&error) {
                    return;
                }
                refused(s, slots, error, lang);
            }
        }
    });
}

fn refused(s: State, slots: Slots, error: ApiError, lang: Language) {
    let c = crate::i18n::console_catalog(lang);
    match error.code() {
        "slot_taken" => {
            let alternatives = error
                .body()
                .and_then(|b| b.alternatives.clone())
                .unwrap_or_default();
            announce(if alternatives.is_empty() {
                c.book_taken_none
            } else {
                c.book_taken
            });
            s.picked.set(None);
            s.taken.set(Some(alternatives));
            slots.refetch();
            focus_id("times-title");
        }
        "validation" if error.body().is_some_and(|b| b.fields.is_some()) => {
            let fields = error
                .body()
                .and_then(|b| b.fields.clone())
                .unwrap_or_default();
            let gone = fields.contains_key("start");
            s.draft.errors.set(
                fields
                    .into_iter()
                    .filter(|(field, _)| field != "start")
                    .collect(),
            );
            announce(c.book_check);
            if gone {
                s.picked.set(None);
                s.time_problem.set(Some(TimeProblem::Gone));
                slots.refetch();
                focus_id("times-title");
            } else {
                focus_id(details::first_problem(&s.draft).unwrap_or("book-submit"));
            }
        }
        _ => {
            let text = failure_text(&error, lang);
            s.failure.set(Some(error));
            announce(text);
            focus_id("book-submit");
        }
    }
}
