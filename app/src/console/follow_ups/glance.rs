//! The queue at a glance: "3 follow-ups open — oldest 4 days" on the console home (admins),
//! and the open count in the navigation entry.

use crate::api::feedback_console::follow_up_summary;
use crate::components::markup::html;
use crate::console::Console;
use crate::i18n::feedback_console::FeedbackConsoleTr;
use crate::i18n::fill;
use crate::wire::feedback::FollowUpSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

const DAY_MS: f64 = 86_400_000.0;

/// How long the oldest open item has waited, in words.
fn age(w: &'static FeedbackConsoleTr, summary: &FollowUpSummary) -> String {
    let Some(oldest) = summary.oldest_open_at else {
        return w.age_today.to_string();
    };
    let waited = (js_sys::Date::now() - oldest.timestamp_millis() as f64) / DAY_MS;
    match waited.floor() as i64 {
        i64::MIN..=0 => w.age_today.to_string(),
        1 => w.age_one_day.to_string(),
        days => fill(w.age_days, &[&days.to_string()]),
    }
}

/// The home's line about the queue (markup), or nothing when no follow-up is open.
pub(crate) fn glance(w: &'static FeedbackConsoleTr, summary: &FollowUpSummary) -> String {
    if summary.open == 0 {
        return String::new();
    }
    let age = age(w, summary);
    let text = if summary.open == 1 {
        fill(w.glance_one, &[&age])
    } else {
        fill(w.glance_many, &[&summary.open.to_string(), &age])
    };
    html(
        r#"<p class="notice warn follow-up-glance" data-testid="follow-up-glance"><a href="/console/follow-ups">{}</a></p>"#,
        &[&text],
    )
}

/// Asks for the queue's counts for the navigation entry. Quietly keeps the old count when the
/// call fails: the entry works without it.
pub(crate) fn refresh_open_count(console: Console) {
    spawn_local(async move {
        if let Ok(summary) = follow_up_summary().await {
            console.open_follow_ups.set(Some(summary.open));
        }
    });
}
