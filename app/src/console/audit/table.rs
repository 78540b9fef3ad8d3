//! The audit log's entries as markup: a table in a region that scrolls sideways on a phone (so
//! the page itself never does), times in the clinic's zone, and "Older entries" below.

use crate::components::markup::{html, push};
use crate::i18n::team::TeamTr;
use crate::i18n::{instant, Tr};
use crate::wire::console::AuditEntry;
use crate::wire::Language;

/// The actions the server records, in the order the filter offers them.
pub(super) const ACTIONS: [&str; 16] = [
    "view",
    "search",
    "book",
    "attendance",
    "cancel",
    "running_late",
    "create",
    "update",
    "erase",
    "view_instructions",
    "publish_instructions",
    "view_questions",
    "reply_question",
    "view_follow_ups",
    "view_follow_up",
    "update_follow_up",
];

/// The kinds of record the server names, in the order the filter offers them.
pub(super) const RECORD_TYPES: [&str; 9] = [
    "appointment",
    "patient",
    "day_schedule",
    "practitioner",
    "service",
    "staff",
    "clinic",
    "question",
    "follow_up",
];

/// An action in words; a code this screen does not know yet is shown as it is.
pub(super) fn action_word<'a>(t: &'static TeamTr, code: &'a str) -> &'a str {
    match code {
        "view" => t.act_view,
        "search" => t.act_search,
        "book" => t.act_book,
        "attendance" => t.act_attendance,
        "cancel" => t.act_cancel,
        "running_late" => t.act_running_late,
        "create" => t.act_create,
        "update" => t.act_update,
        "erase" => t.act_erase,
        "view_instructions" => t.act_view_instructions,
        "publish_instructions" => t.act_publish_instructions,
        "view_questions" => t.act_view_questions,
        "reply_question" => t.act_reply_question,
        "view_follow_ups" => t.act_view_follow_ups,
        "view_follow_up" => t.act_view_follow_up,
        "update_follow_up" => t.act_update_follow_up,
        other => other,
    }
}

/// A record type in words; an unknown code is shown as it is.
pub(super) fn record_word<'a>(t: &'static TeamTr, code: &'a str) -> &'a str {
    match code {
        "appointment" => t.rec_appointment,
        "patient" => t.rec_patient,
        "day_schedule" => t.rec_day_schedule,
        "practitioner" => t.rec_practitioner,
        "service" => t.rec_service,
        "staff" => t.rec_staff,
        "clinic" => t.rec_clinic,
        "question" => t.rec_question,
        "follow_up" => t.rec_follow_up,
        other => other,
    }
}

pub(super) fn row_id(entry: &AuditEntry) -> String {
    format!("audit-{}", entry.id)
}

/// The entries section: its heading, then the table (or "No entries match"), then the button
/// for older entries while there are some.
pub(super) fn render(
    entries: &[AuditEntry],
    more: bool,
    zone: &str,
    t: &'static TeamTr,
    lang: Language,
) -> String {
    let mut out = html(
        r#"<h2 id="entries-title" tabindex="-1">{}</h2>"#,
        &[t.entries],
    );
    if entries.is_empty() {
        push(
            &mut out,
            r#"<p class="notice" data-testid="no-entries">{}</p>"#,
            &[t.no_entries],
        );
        return out;
    }
    push(
        &mut out,
        r#"<div class="table-scroll" tabindex="0" role="region" aria-label="{}"><table class="audit-table"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        &[
            t.entries_region,
            t.when,
            t.staff_member,
            t.action,
            t.record_type,
            t.record,
            t.address,
        ],
    );
    for entry in entries {
        push(
            &mut out,
            r#"<tr id="{}" tabindex="-1" data-testid="audit-row"><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td class="code">{}</td><td class="code">{}</td></tr>"#,
            &[
                &row_id(entry),
                &instant(entry.at, zone, lang),
                &entry.staff_name,
                action_word(t, &entry.action),
                record_word(t, &entry.record_type),
                &entry.record_id,
                &entry.address,
            ],
        );
    }
    out.push_str("</tbody></table></div>");
    if more {
        push(
            &mut out,
            r#"<div class="actions"><button type="button" class="secondary" data-act="older">{}</button></div>"#,
            &[t.older_entries],
        );
    }
    out
}

/// A failed load of the entries, with Retry (`data-act="retry"`).
pub(super) fn failed(t: &'static TeamTr, tr: &'static Tr, error: &crate::api::ApiError) -> String {
    html(
        r#"<h2 id="entries-title" tabindex="-1">{}</h2>"#,
        &[t.entries],
    ) + &crate::components::feedback::load_error(tr, error)
}
