//! The waitlist's entries as markup: one card per patient (a list, so it reads on a phone),
//! with what they asked for, when they joined and leave the list, a time held for them, and
//! Remove with its confirm step.

use crate::components::markup::{disabled, facts, html, push};
use crate::i18n::waitlist::{day_list, part_list, waitlist_catalog};
use crate::i18n::waitlist_console::{waitlist_console_catalog, WaitlistConsoleTr};
use crate::i18n::{clock_time, fill, instant};
use crate::pages::waitlist::offer_time;
use crate::wire::waitlist::{ConsoleWaitlistEntry, WaitlistStatus};
use crate::wire::Language;

/// How the cards are drawn.
#[derive(Clone, Copy)]
pub(super) struct Options<'a> {
    /// The clinic's time zone, for instants.
    pub zone: &'a str,
    pub lang: Language,
    /// Front desk and admins may take someone off the list.
    pub may_remove: bool,
    /// The entry whose Remove is being confirmed.
    pub confirming: Option<i64>,
    /// A removal is on its way.
    pub busy: bool,
}

/// `remove-12`: the id of one entry's control.
pub(super) fn control_id(kind: &str, id: i64) -> String {
    format!("{kind}-{id}")
}

pub(super) fn status_word(status: WaitlistStatus, w: &'static WaitlistConsoleTr) -> &'static str {
    match status {
        WaitlistStatus::Waiting => w.status_waiting,
        WaitlistStatus::Offered => w.status_offered,
        WaitlistStatus::Booked => w.status_booked,
        WaitlistStatus::Left => w.status_left,
        WaitlistStatus::Expired => w.status_expired,
    }
}

pub(super) fn list(out: &mut String, entries: &[ConsoleWaitlistEntry], testid: &str, o: &Options) {
    push(
        out,
        r#"<ol class="setup-list" data-testid="{}">"#,
        &[testid],
    );
    for entry in entries {
        card(out, entry, o);
    }
    out.push_str("</ol>");
}

fn card(out: &mut String, entry: &ConsoleWaitlistEntry, o: &Options) {
    let w = waitlist_console_catalog(o.lang);
    let words = waitlist_catalog(o.lang);
    let name_id = control_id("waitlist-name", entry.id);
    push(
        out,
        r#"<li class="setup-item" data-testid="waitlist-row"><h3 id="{}">{}"#,
        &[&name_id, &entry.patient_name],
    );
    if let Some(preferred) = entry
        .preferred_name
        .as_deref()
        .filter(|p| *p != entry.patient_name)
    {
        push(
            out,
            r#" <span class="muted">({})</span>"#,
            &[&fill(w.goes_by, &[preferred])],
        );
    }
    push(
        out,
        r#" <span class="pill" data-testid="waitlist-row-status">{}</span></h3>"#,
        &[status_word(entry.status, w)],
    );
    let text = |value: &str| html("{}", &[value]);
    let mut rows = vec![
        (w.service, text(&entry.service_name)),
        (
            w.practitioner,
            text(entry.practitioner_name.as_deref().unwrap_or(w.any)),
        ),
        (w.days, text(&day_list(&entry.days, &words.weekdays))),
        (
            w.times,
            text(&part_list(&entry.parts_of_day, &words.parts_short)),
        ),
        (w.joined, text(&instant(entry.joined_at, o.zone, o.lang))),
        (w.expires, text(&instant(entry.expires_at, o.zone, o.lang))),
    ];
    if let Some(offer) = &entry.offer {
        rows.push((
            w.offered,
            text(&fill(
                w.offer_line,
                &[
                    &offer_time(offer, o.lang),
                    &offer.practitioner.display_name,
                    &clock_time(offer.hold_until, o.zone, o.lang),
                ],
            )),
        ));
    }
    if entry.offers_passed > 0 {
        rows.push((w.passed, text(&entry.offers_passed.to_string())));
    }
    out.push_str(&facts(&rows));
    if o.may_remove {
        if o.confirming == Some(entry.id) {
            push(
                out,
                r#"<div class="notice warn" role="group" aria-label="{}"><p>{}</p><div class="actions"><button type="button" class="danger" id="{}" data-act="remove-yes"{}>{}</button><button type="button" class="secondary" data-act="remove-keep">{}</button></div></div>"#,
                &[
                    w.remove,
                    &fill(w.remove_confirm, &[&entry.patient_name]),
                    &control_id("remove-yes", entry.id),
                    disabled(o.busy),
                    w.remove_yes,
                    w.remove_keep,
                ],
            );
        } else {
            let id = entry.id.to_string();
            push(
                out,
                r#"<p><button type="button" class="secondary" id="{}" data-act="remove {}" aria-describedby="{}">{}</button></p>"#,
                &[&control_id("remove", entry.id), &id, &name_id, w.remove],
            );
        }
    }
    out.push_str("</li>");
}
