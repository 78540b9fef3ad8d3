//! The day view's word on each visit's messages: a "Patient confirmed" badge, and a "Messages"
//! disclosure that loads, when opened, what was sent to the patient (or why not) and when.

use crate::api;
use crate::components::focus_id;
use crate::components::markup::push;
use crate::i18n::visit_messages::{lead_time, visit_messages_catalog, VisitMessagesTr};
use crate::i18n::{clock_time, fill};
use crate::wire::console::DayAppointment;
use crate::wire::messages::{Channel, MessageKind, MessageStatus, VisitMessage, VisitMessages};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// An open disclosure's content.
#[derive(Clone, PartialEq)]
pub(super) enum Loaded {
    Loading,
    Ready(VisitMessages),
    Failed,
}

/// The open disclosures by appointment id (closed ones are not kept, so opening again reloads).
pub(super) type Open = BTreeMap<i64, Loaded>;

/// Opens (and loads) or closes a visit's messages.
pub(super) fn toggle(console: super::Console, open: RwSignal<Open>, id: i64) {
    // The day view is drawn again on each change: the summary gets the focus back.
    let summary = summary_id(id);
    focus_id(&summary);
    if open.with_untracked(|open| open.contains_key(&id)) {
        open.update(|open| {
            open.remove(&id);
        });
        return;
    }
    open.update(|open| {
        open.insert(id, Loaded::Loading);
    });
    spawn_local(async move {
        let loaded = match api::messages::visit_messages(id).await {
            Ok(messages) => Loaded::Ready(messages),
            Err(error) => {
                console.check(&error);
                Loaded::Failed
            }
        };
        // Unless the person has moved on, the focus stays on the summary drawn again.
        let on_summary = document()
            .active_element()
            .is_some_and(|element| element.id() == summary);
        // Closed meanwhile: nothing to show.
        open.update(|open| {
            if let Some(entry) = open.get_mut(&id) {
                *entry = loaded;
            }
        });
        if on_summary {
            focus_id(&summary);
        }
    });
}

fn summary_id(id: i64) -> String {
    format!("msgs-{id}")
}

/// "Patient confirmed" next to the visit's name, in words.
pub(super) fn badge(out: &mut String, a: &DayAppointment, lang: Language) {
    if a.patient_confirmed {
        push(
            out,
            r#"<span class="badge confirmed" data-testid="patient-confirmed">{}</span>"#,
            &[visit_messages_catalog(lang).patient_confirmed],
        );
    }
}

/// The "Messages" disclosure of one visit (`time` is the visit's time as shown).
pub(super) fn disclosure(
    out: &mut String,
    a: &DayAppointment,
    time: &str,
    open: &Open,
    zone: &str,
    lang: Language,
) {
    let w = visit_messages_catalog(lang);
    let id = a.id.to_string();
    let shown = open.get(&a.id);
    push(
        out,
        r#"<details class="visit-messages" data-testid="visit-messages"{}><summary id="msgs-{}" data-act="msgs {}">{}<span class="sr-only">{}</span></summary><div aria-live="polite">"#,
        &[
            if shown.is_some() { " open" } else { "" },
            &id,
            &id,
            w.messages,
            &fill(", {}, {}", &[&a.patient_name, time]),
        ],
    );
    match shown {
        None => {}
        Some(Loaded::Loading) => push(out, r#"<p class="muted">{}</p>"#, &[w.loading]),
        Some(Loaded::Failed) => push(out, r#"<p class="notice error">{}</p>"#, &[w.load_failed]),
        Some(Loaded::Ready(messages)) => list(out, messages, zone, w, lang),
    }
    out.push_str("</div></details>");
}

fn list(
    out: &mut String,
    messages: &VisitMessages,
    zone: &str,
    w: &'static VisitMessagesTr,
    lang: Language,
) {
    if let Some(at) = messages.patient_confirmed_at {
        push(
            out,
            r#"<p class="confirmed-at">{}</p>"#,
            &[&fill(w.confirmed_at, &[&clock_time(at, zone, lang)])],
        );
    }
    if messages.messages.is_empty() {
        push(out, r#"<p class="muted">{}</p>"#, &[w.none]);
        return;
    }
    out.push_str(r#"<ul class="message-list">"#);
    for message in &messages.messages {
        push(
            out,
            r#"<li data-testid="visit-message"><span class="message-kind">{}</span> · {} · <span class="message-status">{}</span></li>"#,
            &[
                &kind(message, w, lang),
                match message.channel {
                    Channel::Email => w.email,
                    Channel::Sms => w.sms,
                },
                &status(message, zone, w, lang),
            ],
        );
    }
    out.push_str("</ul>");
}

fn kind(message: &VisitMessage, w: &'static VisitMessagesTr, lang: Language) -> String {
    match message.kind {
        MessageKind::Confirmation => w.confirmation.into(),
        MessageKind::Changed => w.changed.into(),
        MessageKind::Cancelled => w.cancelled.into(),
        MessageKind::Reminder => match message.offset_minutes {
            Some(minutes) => fill(w.reminder, &[&lead_time(minutes, lang)]),
            None => w.reminder_plain.into(),
        },
        MessageKind::Instructions => w.instructions.into(),
        MessageKind::Survey => w.survey.into(),
    }
}

fn status(
    message: &VisitMessage,
    zone: &str,
    w: &'static VisitMessagesTr,
    lang: Language,
) -> String {
    let reason = message.reason.as_deref().unwrap_or_default();
    let text = match message.status {
        MessageStatus::Sent => {
            let at = message.sent_at.unwrap_or(message.due_at);
            return fill(w.sent, &[&clock_time(at, zone, lang)]);
        }
        MessageStatus::Sending => w.sending,
        MessageStatus::Queued => match reason {
            "no_mail_server" => w.waiting_mail,
            "no_sms_provider" => w.waiting_sms,
            "smtp_unavailable" | "unavailable" => w.retrying,
            _ => return fill(w.queued_at, &[&clock_time(message.due_at, zone, lang)]),
        },
        MessageStatus::Failed => match reason {
            "rejected" => w.failed_rejected,
            "invalid_address" | "invalid_phone" | "no_address" => w.failed_invalid,
            "too_many_attempts" => w.failed_attempts,
            _ => w.failed,
        },
        MessageStatus::Skipped => match reason {
            "visit_cancelled" | "visit_gone" => w.skipped_cancelled,
            "visit_moved" => w.skipped_moved,
            "superseded" => w.skipped_superseded,
            "too_late" => w.skipped_too_late,
            "already_answered" => w.skipped_answered,
            "not_completed" => w.skipped_not_completed,
            "erased" => w.skipped_erased,
            _ => w.skipped,
        },
    };
    text.into()
}
