//! A telehealth visit's "Join video visit" link, shown from 15 minutes before the start to the
//! end (the rule is `wire::video::join_window`, by the browser's clock). Before then: how long
//! until it opens and a tip to test the camera; after the end: nothing. The page's live region
//! says when the link opens while the page is open.

use crate::components::announce;
use crate::components::markup::{html, push, Markup};
use crate::i18n::fill;
use crate::i18n::video::video_catalog;
use crate::wire::video::{join_window, JoinWindow};
use crate::wire::Language;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Coarse is enough: the countdown is in minutes.
const TICK: Duration = Duration::from_secs(30);

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[component]
pub fn VideoVisit(start: i64, end: i64, url: String, lang: Language) -> impl IntoView {
    let now = RwSignal::new(now_seconds());
    if let Ok(timer) = set_interval_with_handle(move || now.set(now_seconds()), TICK) {
        on_cleanup(move || timer.clear());
    }
    let w = video_catalog(lang);
    // Whether the countdown was showing, so the link's opening is announced only when it
    // opens with the page already showing the countdown. One memo for all (each reactive
    // type costs the visit page's bundle, at its byte budget, code of its own).
    let was_waiting = AtomicBool::new(false);
    let markup = Memo::new(move |_| {
        let state = join_window(start, end, now.get());
        let waiting = matches!(state, JoinWindow::NotYet { .. });
        if was_waiting.swap(waiting, Ordering::Relaxed) && state == JoinWindow::Open {
            announce(w.open_now);
        }
        if state == JoinWindow::Over {
            return String::new();
        }
        let mut out = html(
            r#"<section class="block video" data-testid="video-visit"><h2>{}</h2>"#,
            &[w.heading],
        );
        match state {
            JoinWindow::NotYet { minutes_left } => {
                let (h, m) = (minutes_left / 60, minutes_left % 60);
                let left = if h > 0 {
                    fill(w.hours_minutes, &[&h.to_string(), &m.to_string()])
                } else {
                    fill(w.minutes, &[&m.to_string()])
                };
                push(
                    &mut out,
                    r#"<p data-testid="video-countdown">{}</p><p class="muted">{}</p>"#,
                    &[&fill(w.opens_in, &[&left]), w.tip],
                );
            }
            _ => push(
                &mut out,
                r#"<a class="button primary" href="{}" target="_blank" rel="noopener noreferrer" data-testid="video-join">{}<span class="sr-only"> {}</span></a>"#,
                &[&url, w.join, w.new_tab],
            ),
        }
        out.push_str("</section>");
        out
    });
    view! { <Markup html=markup /> }
}
