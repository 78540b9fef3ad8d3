//! `/console/day?date=YYYY-MM-DD`: each practitioner's visits for one clinic day, with
//! attendance buttons and (front desk, admin) cancelling on the patient's behalf. On today's
//! page each column also says whether its practitioner is running late, and lets staff say so
//! (front desk and admins for anyone, a practitioner for themselves).

use super::sign_in::field_value;
use super::{touch, use_console, visit_messages, words};
use crate::api::{self, ApiError};
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{flag, html, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::{fill, local, use_i18n, ConsoleTr, DateStyle};
use crate::wire::console::{
    Attendance, AttendanceRequest, CancelledBy, DayAppointment, DaySchedule, PractitionerDay,
    RunningLateRequest, StaffCancelRequest, StaffMe, StaffRole,
};
use crate::wire::feedback::FollowUpSummary;
use crate::wire::{AppointmentStatus, Language, NewOrReturning};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::cell::Cell;

/// The radio group of who asked to cancel, and its "the clinic" value.
const CANCELLED_BY: &str = "cancelled-by";
const CLINIC: &str = "clinic";

/// The value of the checked radio button of a group (empty when none is).
fn checked(name: &str) -> String {
    let mut selector = String::from("input[name=\"");
    selector.push_str(name);
    selector.push_str("\"]:checked");
    document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|field| js_sys::Reflect::get(&field, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// What the cancel form holds now: the reason typed and who asked.
fn cancel_form_values() -> (String, CancelledBy) {
    let who = if checked(CANCELLED_BY) == CLINIC {
        CancelledBy::Clinic
    } else {
        CancelledBy::Patient
    };
    (field_value("cancel-reason"), who)
}

/// The delays offered for "running late", in minutes (0 is on time).
const LATE_CHOICES: [u32; 9] = [0, 5, 10, 15, 20, 30, 45, 60, 90];

thread_local! {
    /// The clinic's today as the server last said it, with the browser's date for the
    /// clinic's zone at that moment. The server's clock decides (it may differ from the
    /// browser's); the browser's date only tells when the server's may have moved on.
    static SERVER_TODAY: Cell<Option<(NaiveDate, NaiveDate)>> = const { Cell::new(None) };
}

/// Today in the clinic's zone by the server's clock: known from an earlier look at today's
/// page, else asked for (the day view without a date is today).
async fn server_today(zone: &str) -> Result<NaiveDate, ApiError> {
    let browser_today = crate::i18n::today_in(zone);
    if let Some((today, seen)) = SERVER_TODAY.with(Cell::get) {
        if seen == browser_today {
            return Ok(today);
        }
    }
    let today = api::console::day(None).await?.date;
    remember_today(today, zone);
    Ok(today)
}

fn remember_today(today: NaiveDate, zone: &str) {
    SERVER_TODAY.with(|cell| cell.set(Some((today, crate::i18n::today_in(zone)))));
}

/// What the day view shows around the schedule.
#[derive(Clone, Default, PartialEq)]
struct Ui {
    /// The appointment whose cancel form is open.
    cancelling: Option<i64>,
    /// The cancel form's error.
    cancel_error: Option<&'static str>,
    /// A failed action, shown above the schedule.
    error: Option<&'static str>,
    /// The reason typed so far, kept when the form is drawn again.
    reason: String,
    /// Who asked to cancel, as chosen so far.
    cancelled_by: CancelledBy,
}

#[component]
pub fn DayPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let date =
        Memo::new(move |_| query.with(|q| q.get_str("date").and_then(crate::wire::fixed::date)));
    let reload = RwSignal::new(0u32);
    let day = LocalResource::new(move || {
        let (date, _) = (date.get(), reload.get());
        async move {
            let me = super::signed_in(console).await?;
            let day = api::console::day(date).await?;
            touch();
            let today = if date.is_none() {
                remember_today(day.date, &day.time_zone);
                day.date
            } else {
                server_today(&day.time_zone).await?
            };
            let is_today = day.date == today;
            // Admins see the follow-up queue at a glance; the day works without it.
            let follow_ups = if me.role == StaffRole::Admin {
                let summary = api::feedback_console::follow_up_summary().await.ok();
                if let Some(summary) = &summary {
                    console.open_follow_ups.set(Some(summary.open));
                }
                summary
            } else {
                None
            };
            Ok::<_, ApiError>((me, day, is_today, follow_ups))
        }
    });
    let ui = RwSignal::new(Ui::default());
    let messages = RwSignal::new(visit_messages::Open::new());
    let busy = RwSignal::new(false);
    // The control or row (by id) to focus once the schedule has been reloaded after an action.
    let focus_after = StoredValue::new(None::<String>);
    let shown = StoredValue::new(None::<NaiveDate>);

    Effect::new(move |_| match day.get() {
        Some(Ok((_, schedule, _, _))) => {
            if let Some(id) = focus_after.get_value() {
                focus_after.set_value(None);
                focus_id(&id);
            } else if shown.get_value() != Some(schedule.date) {
                shown.set_value(Some(schedule.date));
                focus_heading("day-title");
            }
        }
        Some(Err(error)) => {
            console.check(&error);
        }
        None => {}
    });

    let markup = Signal::derive(move || {
        // The view is drawn anew when something loads (a visit's Messages, say): whoever is
        // typing a cancel reason keeps the text (see `on_input`) and the focus.
        if document()
            .active_element()
            .is_some_and(|active| active.id() == "cancel-reason")
        {
            focus_id("cancel-reason");
        }
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        match day.get() {
            Some(Ok((me, schedule, today, follow_ups))) => render(
                &me,
                &schedule,
                today,
                follow_ups.as_ref(),
                &ui.get(),
                &messages.get(),
                c,
                lang,
            ),
            Some(Err(error)) if !super::is_unauthorized(&error) => {
                set_title(t.err_server);
                html("<h1>{}</h1>", &[t.err_server]) + &load_error(t, &error)
            }
            _ => skeleton(t, true),
        }
    });

    // Looks an appointment up in what is shown: its patient and time, for messages.
    let find = move |id: i64| -> Option<(String, String)> {
        let lang = i18n.lang.get_untracked();
        day.with_untracked(|day| {
            let (_, schedule, _, _) = day.as_ref()?.as_ref().ok()?;
            schedule
                .practitioners
                .iter()
                .flat_map(|p| &p.appointments)
                .find(|a| a.id == id)
                .map(|a| (a.patient_name.clone(), time_of(schedule.date, a, lang)))
        })
    };
    // `invalid` is what a 422 means for the action that failed.
    let fail = move |error: ApiError, invalid: &'static str| {
        busy.set(false);
        if console.check(&error) {
            return;
        }
        let c = console_words(i18n.lang.get_untracked());
        let t = crate::i18n::catalog(i18n.lang.get_untracked());
        let text = match &error {
            // What this person may not see answers 404 (a practitioner saying someone else
            // runs late, say): for them it is something they may not do.
            ApiError::Status(403 | 404, _) => c.not_allowed,
            ApiError::Status(422, _) => invalid,
            error => error_text(error, t),
        };
        ui.update(|ui| {
            if ui.cancelling.is_some() {
                ui.cancel_error = Some(text);
            } else {
                ui.error = Some(text);
            }
        });
        announce(text);
    };
    let done = move |focus: String, message: String| {
        busy.set(false);
        ui.set(Ui::default());
        focus_after.set_value(Some(focus));
        announce(message);
        reload.update(|n| *n += 1);
    };

    let mark = move |attendance: Attendance, id: i64| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let c = console_words(i18n.lang.get_untracked());
        let (patient, time) = find(id).unwrap_or_default();
        spawn_local(async move {
            match api::console::attendance(id, &AttendanceRequest { attendance }).await {
                Ok(()) => {
                    touch();
                    let label = attendance_label(c, attendance);
                    done(row_id(id), fill(c.marked, &[label, &patient, &time]));
                }
                Err(error) => fail(
                    error,
                    crate::i18n::catalog(i18n.lang.get_untracked()).e_invalid,
                ),
            }
        });
    };
    let cancel = move |id: i64| {
        if busy.get_untracked() {
            return;
        }
        let c = console_words(i18n.lang.get_untracked());
        let (reason, cancelled_by) = cancel_form_values();
        let reason = reason.trim().to_string();
        ui.update(|ui| {
            ui.reason = reason.clone();
            ui.cancelled_by = cancelled_by;
        });
        if reason.is_empty() {
            ui.update(|ui| ui.cancel_error = Some(c.cancel_reason_missing));
            announce(c.cancel_reason_missing);
            focus_id("cancel-reason");
            return;
        }
        busy.set(true);
        let (patient, time) = find(id).unwrap_or_default();
        spawn_local(async move {
            match api::console::cancel(
                id,
                &StaffCancelRequest {
                    reason,
                    cancelled_by,
                },
            )
            .await
            {
                Ok(()) => {
                    touch();
                    done(row_id(id), fill(c.was_cancelled, &[&patient, &time]));
                }
                Err(error) => fail(error, c.cancel_reason_missing),
            }
        });
    };

    let set_late = move |practitioner_id: i64| {
        if busy.get_untracked() {
            return;
        }
        let c = console_words(i18n.lang.get_untracked());
        let select = late_id(practitioner_id);
        let Ok(minutes) = field_value(&select).parse::<u32>() else {
            return;
        };
        let name = day
            .with_untracked(|day| {
                let (_, schedule, _, _) = day.as_ref()?.as_ref().ok()?;
                schedule
                    .practitioners
                    .iter()
                    .find(|p| p.practitioner_id == practitioner_id)
                    .map(|p| p.display_name.clone())
            })
            .unwrap_or_default();
        busy.set(true);
        spawn_local(async move {
            match api::console::running_late(practitioner_id, &RunningLateRequest { minutes }).await
            {
                Ok(()) => {
                    touch();
                    let message = if minutes == 0 {
                        fill(c.late_cleared, &[&name])
                    } else {
                        fill(c.late_done, &[&name, &minutes.to_string()])
                    };
                    done(select, message);
                }
                Err(error) => fail(
                    error,
                    crate::i18n::catalog(i18n.lang.get_untracked()).e_invalid,
                ),
            }
        });
    };

    let on_act = Callback::new(move |act: Act| {
        let (name, arg) = (act.name.as_str(), act.arg.as_str());
        match name {
            "att" => {
                let (code, id) = arg.split_once(' ').unwrap_or_default();
                if let (Some(attendance), Ok(id)) = (Attendance::from_code(code), id.parse()) {
                    mark(attendance, id);
                }
            }
            "cancel" => {
                if let Ok(id) = arg.parse::<i64>() {
                    let open = ui.with_untracked(|ui| ui.cancelling) != Some(id);
                    ui.set(Ui {
                        cancelling: open.then_some(id),
                        ..Ui::default()
                    });
                    focus_id(&if open {
                        "cancel-reason".to_string()
                    } else {
                        cancel_button_id(id)
                    });
                }
            }
            "close" => {
                if let Some(id) = ui.with_untracked(|ui| ui.cancelling) {
                    ui.set(Ui::default());
                    focus_id(&cancel_button_id(id));
                }
            }
            "late" => {
                if let Ok(id) = arg.parse::<i64>() {
                    set_late(id);
                }
            }
            "msgs" => {
                if let Ok(id) = arg.parse::<i64>() {
                    visit_messages::toggle(console, messages, id);
                }
            }
            "retry" => reload.update(|n| *n += 1),
            _ => {}
        }
    });
    // Kept as typed, without drawing the view again, so a redraw shows it as it was.
    let on_input = Callback::new(move |_: web_sys::Event| {
        if ui.with_untracked(|ui| ui.cancelling.is_some()) {
            let (reason, cancelled_by) = cancel_form_values();
            ui.update_untracked(|ui| {
                ui.reason = reason;
                ui.cancelled_by = cancelled_by;
            });
        }
    });
    let on_submit = Callback::new(move |_| {
        if let Some(id) = ui.with_untracked(|ui| ui.cancelling) {
            cancel(id);
        }
    });

    view! {
        <div class="console day-view">
            <Markup html=markup on_act on_input on_submit />
        </div>
    }
}

fn console_words(lang: Language) -> &'static ConsoleTr {
    crate::i18n::console_catalog(lang)
}

fn row_id(id: i64) -> String {
    format!("appt-{id}")
}

fn cancel_button_id(id: i64) -> String {
    format!("cancel-{id}")
}

fn late_id(practitioner_id: i64) -> String {
    format!("late-{practitioner_id}")
}

fn time_of(date: NaiveDate, a: &DayAppointment, lang: Language) -> String {
    local(date, &a.local_time, lang, DateStyle::Time)
}

fn attendance_label(c: &'static ConsoleTr, attendance: Attendance) -> &'static str {
    match attendance {
        Attendance::Arrived => c.arrived,
        Attendance::Completed => c.completed,
        Attendance::NoShow => c.no_show,
    }
}

#[allow(clippy::too_many_arguments)]
fn render(
    me: &StaffMe,
    schedule: &DaySchedule,
    today: bool,
    follow_ups: Option<&FollowUpSummary>,
    ui: &Ui,
    messages: &visit_messages::Open,
    c: &'static ConsoleTr,
    lang: Language,
) -> String {
    let title = local(schedule.date, "12:00", lang, DateStyle::Long);
    set_title(&title);
    let mut out = String::new();
    let day_link = |date: NaiveDate| {
        let mut href = String::from("/console/day?date=");
        href.push_str(&date.to_string());
        href
    };
    push(
        &mut out,
        r#"<h1 id="day-title" tabindex="-1">{}</h1><nav class="day-nav" aria-label="{}"><a class="button secondary" href="{}">{}</a><a class="button secondary" href="/console/day">{}</a><a class="button secondary" href="{}">{}</a></nav>"#,
        &[
            &title,
            c.day_nav,
            &day_link(schedule.date - Duration::days(1)),
            c.previous_day,
            c.today,
            &day_link(schedule.date + Duration::days(1)),
            c.next_day,
        ],
    );
    if let Some(summary) = follow_ups {
        let w = crate::i18n::feedback_console::feedback_console_catalog(lang);
        out.push_str(&super::follow_ups::glance(w, summary));
    }
    if let Some(error) = ui.error {
        push(
            &mut out,
            r#"<p class="notice error" role="alert">{}</p>"#,
            &[error],
        );
    }
    let may_cancel = me.role != StaffRole::Practitioner;
    out.push_str(r#"<div class="columns">"#);
    for practitioner in &schedule.practitioners {
        let id = practitioner.practitioner_id.to_string();
        push(
            &mut out,
            r#"<section class="practitioner" aria-labelledby="pr-{}" data-testid="practitioner"><h2 id="pr-{}">{}</h2>"#,
            &[&id, &id, &practitioner.display_name],
        );
        if today {
            let may_say = me.role != StaffRole::Practitioner
                || me.practitioner_id == Some(practitioner.practitioner_id);
            running_late(&mut out, practitioner, may_say, c);
        }
        if practitioner.appointments.is_empty() {
            push(&mut out, r#"<p class="muted empty">{}</p>"#, &[c.no_visits]);
        } else {
            out.push_str(r#"<ul class="appts">"#);
            for a in &practitioner.appointments {
                appointment(&mut out, schedule, a, ui, messages, may_cancel, c, lang);
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
    out
}

#[allow(clippy::too_many_arguments)]
fn appointment(
    out: &mut String,
    schedule: &DaySchedule,
    a: &DayAppointment,
    ui: &Ui,
    messages: &visit_messages::Open,
    may_cancel: bool,
    c: &'static ConsoleTr,
    lang: Language,
) {
    let id = a.id.to_string();
    let time = time_of(schedule.date, a, lang);
    let cancelled = a.status == AppointmentStatus::Cancelled;
    let (status_code, status) = match (cancelled, a.attendance) {
        (true, _) => ("cancelled", c.cancelled),
        (false, None) => ("booked", c.booked),
        (false, Some(att)) => (att.code(), attendance_label(c, att)),
    };
    push(
        out,
        r#"<li class="appt {}" id="appt-{}" tabindex="-1" data-testid="appt"><div class="appt-head"><span class="appt-time">{}</span><span class="appt-name">{}</span>"#,
        &[status_code, &id, &time, &a.patient_name],
    );
    visit_messages::badge(out, a, lang);
    if a.new_or_returning == NewOrReturning::New {
        push(
            out,
            r#"<span class="badge new">{}</span>"#,
            &[c.new_patient],
        );
    }
    push(
        out,
        r#"</div><p class="appt-service">{}</p>"#,
        &[&a.service_name],
    );
    if let Some(language) = &a.interpreter_language {
        push(
            out,
            r#"<p class="needs">{}</p>"#,
            &[&fill(c.interpreter, &[language])],
        );
    }
    if let Some(needs) = &a.access_needs {
        push(
            out,
            r#"<p class="needs">{}</p>"#,
            &[&fill(c.access_needs, &[needs])],
        );
    }
    let staff_join = crate::i18n::video::video_catalog(lang).staff_join;
    super::video_link::video_link(
        out,
        a.video_url.as_deref(),
        &fill(c.marked, &[staff_join, &a.patient_name, &time]),
        lang,
    );
    push(
        out,
        r#"<p class="appt-status"><span class="sr-only">{}: </span><span class="pill {}" data-testid="status">{}</span></p>"#,
        &[c.status, status_code, status],
    );
    visit_messages::disclosure(out, a, &time, messages, &schedule.time_zone, lang);
    if !cancelled {
        out.push_str(r#"<div class="actions appt-actions">"#);
        for attendance in [
            Attendance::Arrived,
            Attendance::Completed,
            Attendance::NoShow,
        ] {
            if a.attendance == Some(attendance) {
                continue;
            }
            let label = attendance_label(c, attendance);
            let mut act = String::from(attendance.code());
            act.push(' ');
            act.push_str(&id);
            push(
                out,
                r#"<button type="button" class="secondary small" data-act="att {}" aria-label="{}">{}</button>"#,
                &[
                    &act,
                    &fill(c.marked, &[label, &a.patient_name, &time]),
                    label,
                ],
            );
        }
        if a.attendance == Some(Attendance::Completed) {
            let write =
                crate::i18n::instructions_console::instructions_console_catalog(lang).write_link;
            push(
                out,
                r#"<a class="button secondary small" href="{}" aria-label="{}" data-testid="instructions-link">{}</a>"#,
                &[
                    &super::instructions::editor_href(a.id),
                    &fill(c.marked, &[write, &a.patient_name, &time]),
                    write,
                ],
            );
        }
        let open = ui.cancelling == Some(a.id);
        if may_cancel {
            push(
                out,
                r#"<button type="button" id="cancel-{}" class="secondary danger small" data-act="cancel {}" aria-expanded="{}" aria-label="{}">{}</button>"#,
                &[
                    &id,
                    &id,
                    flag(open),
                    &fill(c.marked, &[c.cancel_for_patient, &a.patient_name, &time]),
                    c.cancel_for_patient,
                ],
            );
        }
        out.push_str("</div>");
        if open && may_cancel {
            cancel_form(out, a, &time, ui, c, lang);
        }
    }
    out.push_str("</li>");
}

fn cancel_form(
    out: &mut String,
    a: &DayAppointment,
    time: &str,
    ui: &Ui,
    c: &'static ConsoleTr,
    lang: Language,
) {
    let (error, reason) = (ui.cancel_error, ui.reason.as_str());
    push(
        out,
        r#"<form class="panel cancel-form" novalidate aria-labelledby="cancel-title"><h3 id="cancel-title">{}</h3><div class="field{}"><label for="cancel-reason">{}</label>"#,
        &[
            &fill(c.cancel_title, &[&a.patient_name, time]),
            if error.is_some() { " has-error" } else { "" },
            c.cancel_reason,
        ],
    );
    if let Some(error) = error {
        push(
            out,
            r#"<p class="field-error" id="cancel-error">{}</p>"#,
            &[error],
        );
    }
    out.push_str(r#"<textarea id="cancel-reason" rows="3" maxlength="500" required"#);
    if error.is_some() {
        out.push_str(r#" aria-describedby="cancel-error" aria-invalid="true""#);
    }
    out.push('>');
    crate::components::markup::escape_into(out, reason);
    out.push_str("</textarea></div>");
    who_cancels(out, ui.cancelled_by, lang);
    push(
        out,
        r#"<div class="actions"><button type="submit" class="danger">{}</button><button type="button" class="secondary" data-act="close">{}</button></div></form>"#,
        &[c.cancel_confirm, c.cancel_keep],
    );
}

/// Whether the practitioner is running late today and, where this person may say so, a
/// minutes choice with a Set button.
fn running_late(out: &mut String, p: &PractitionerDay, may_say: bool, c: &'static ConsoleTr) {
    let minutes = p.running_late_minutes;
    let status = if minutes == 0 {
        c.on_time.to_string()
    } else {
        fill(c.late_status, &[&minutes.to_string()])
    };
    push(
        out,
        r#"<p class="late-status{}" data-testid="late-status">{}</p>"#,
        &[if minutes == 0 { "" } else { " late" }, &status],
    );
    if !may_say {
        return;
    }
    let id = late_id(p.practitioner_id);
    push(
        out,
        r#"<div class="late-form"><label for="{}">{}<span class="sr-only">, {}</span></label><select id="{}">"#,
        &[&id, c.late_today, &p.display_name, &id],
    );
    // A delay set some other way (the API allows any up to four hours) stays choosable.
    let mut choices = LATE_CHOICES.to_vec();
    if !choices.contains(&minutes) {
        choices.push(minutes);
        choices.sort_unstable();
    }
    for choice in choices {
        let label = if choice == 0 {
            c.on_time.to_string()
        } else {
            fill(c.late_minutes, &[&choice.to_string()])
        };
        push(
            out,
            r#"<option value="{}"{}>{}</option>"#,
            &[
                &choice.to_string(),
                if choice == minutes { " selected" } else { "" },
                &label,
            ],
        );
    }
    push(
        out,
        r#"</select><button type="button" class="secondary small" data-act="late {}">{}<span class="sr-only">, {}</span></button></div>"#,
        &[&p.practitioner_id.to_string(), c.late_set, &p.display_name],
    );
}

/// "Who asked to cancel? The patient / The clinic": the clinic's own cancellations are left out
/// of the patient's adherence and cancellation figures.
fn who_cancels(out: &mut String, chosen: CancelledBy, lang: Language) {
    let w = crate::i18n::feedback_console::feedback_console_catalog(lang);
    push(
        out,
        r#"<fieldset class="group who-cancels"><legend>{}</legend><p class="hint" id="cancelled-by-hint">{}</p>"#,
        &[w.cancelled_by, w.by_clinic_hint],
    );
    for (value, label, by) in [
        ("patient", w.by_patient, CancelledBy::Patient),
        (CLINIC, w.by_clinic, CancelledBy::Clinic),
    ] {
        push(
            out,
            r#"<div class="choice"><input type="radio" name="cancelled-by" id="cancelled-by-{}" value="{}" aria-describedby="cancelled-by-hint""#,
            &[value, value],
        );
        if by == chosen {
            out.push_str(" checked");
        }
        push(
            out,
            r#"><label for="cancelled-by-{}">{}</label></div>"#,
            &[value, label],
        );
    }
    out.push_str("</fieldset>");
}
