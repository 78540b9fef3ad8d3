//! `/waitlist/{token}`: the patient's waitlist link (survey bundle; no login, the entry's token
//! is the key). It shows where the patient stands: waiting, a time held for them with a
//! countdown (take it or let it go), booked (a link to the visit), left or expired; and lets
//! them leave the list, after a confirm step. In the language of the entry unless the patient
//! picked one.

pub mod join;

use crate::api::waitlist::{decline, entry, leave, take};
use crate::api::ApiError;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{disabled, facts, html, push, Act, Markup};
use crate::components::{announce, focus_id, set_title};
use crate::i18n::waitlist::{day_list, part_list, waitlist_catalog, WaitlistTr};
use crate::i18n::{catalog, clock_time, fill, instant, local, use_i18n, DateStyle, I18n, Tr};
use crate::waitlist_form::{countdown, seconds_left};
use crate::wire::waitlist::{WaitlistEntry, WaitlistOffer, WaitlistStatus};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// The id of every waitlist page's `<h1>`, focused when what the page says changes.
pub(crate) const TITLE: &str = "waitlist-title";
/// The id of the held time's countdown, written each second without redrawing the page.
const COUNTDOWN: &str = "w-countdown";

/// What the patient is doing on the page right now.
#[derive(Clone, Copy, PartialEq)]
enum Busy {
    Idle,
    Taking,
    LettingGo,
    Leaving,
}

/// Everything the page shows, in one signal (each signal type costs the bundle its own code).
struct Shown {
    /// The entry, once asked for.
    entry: Option<Result<WaitlistEntry, ApiError>>,
    busy: Busy,
    /// "Leave the waitlist?" is asked.
    confirm_leave: bool,
    /// What the last action said, and whether it is good news.
    notice: Option<(&'static str, bool)>,
}

/// Asks for the entry and shows it; until the patient picks a language, the page speaks the
/// one they joined in.
fn load(shown: RwSignal<Shown>, token: String, i18n: I18n) {
    spawn_local(async move {
        let loaded = entry(&token).await;
        if let Ok(entry) = &loaded {
            if !i18n.chosen.get_untracked() {
                i18n.lang.set(entry.language);
            }
        }
        shown.update(|shown| shown.entry = Some(loaded));
    });
}

#[component]
pub fn WaitlistPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let shown = RwSignal::new(Shown {
        entry: None,
        busy: Busy::Idle,
        confirm_leave: false,
        notice: None,
    });
    load(shown, token.clone(), i18n);

    // The countdown is written straight into the page: redrawing it every second would take
    // the focus off the buttons. When it reaches zero the entry is asked for again, as the
    // time has gone to the next patient.
    let ticking = {
        let token = token.clone();
        set_interval_with_handle(
            move || {
                let Some(clock) = document().get_element_by_id(COUNTDOWN) else {
                    return;
                };
                let Some(until) = clock
                    .get_attribute("data-until")
                    .and_then(|seconds| seconds.parse::<i64>().ok())
                else {
                    return;
                };
                let left = seconds_left(js_sys::Date::now(), until);
                clock.set_text_content(Some(&countdown(left)));
                if left == 0 {
                    let _ = clock.remove_attribute("data-until");
                    load(shown, token.clone(), i18n);
                }
            },
            Duration::from_secs(1),
        )
    };
    if let Ok(ticking) = ticking {
        on_cleanup(move || ticking.clear());
    }

    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        shown.with(|shown| match &shown.entry {
            None => {
                set_title(waitlist_catalog(lang).page_title);
                skeleton(catalog(lang), true)
            }
            Some(Err(error)) => failed(error, lang),
            Some(Ok(entry)) => page(entry, lang, shown),
        })
    });

    let on_act = Callback::new(move |act: Act| {
        let lang = i18n.lang.get_untracked();
        let w = waitlist_catalog(lang);
        let token = token.clone();
        let busy = shown.with_untracked(|s| s.busy != Busy::Idle);
        if busy && act.name != "retry" {
            return;
        }
        // Says what happened, where focus and screen readers land: the heading.
        let after = move |said: &'static str, good: bool| {
            shown.update(|s| {
                s.notice = Some((said, good));
                s.busy = Busy::Idle;
                s.confirm_leave = false;
            });
            announce(said);
            focus_id(TITLE);
        };
        let doing = match act.name.as_str() {
            "retry" => return load(shown, token, i18n),
            "leave" | "leave-keep" => {
                let asking = act.name == "leave";
                shown.update(|s| s.confirm_leave = asking);
                return focus_id(if asking { "w-leave-yes" } else { "w-leave" });
            }
            "take" => Busy::Taking,
            "let-go" => Busy::LettingGo,
            "leave-yes" => Busy::Leaving,
            _ => return,
        };
        shown.update(|s| {
            s.busy = doing;
            s.notice = None;
        });
        spawn_local(async move {
            let result = match doing {
                Busy::Taking => take(&token).await,
                Busy::LettingGo => decline(&token).await,
                _ => leave(&token).await,
            };
            match result {
                Ok(()) => {
                    let now = entry(&token).await;
                    // Taken: the visit page is another bundle, loaded from the server.
                    if let Some(visit) = now
                        .as_ref()
                        .ok()
                        .filter(|_| doing == Busy::Taking)
                        .and_then(|e| e.appointment_token.as_deref())
                    {
                        let _ = window().location().assign(&visit_href(visit));
                        return;
                    }
                    shown.update(|s| s.entry = Some(now));
                    if doing == Busy::Leaving {
                        // The heading says it already; screen readers hear it too.
                        after(w.left_title, true);
                        shown.update(|s| s.notice = None);
                    } else {
                        after(w.let_go_done, true);
                    }
                }
                // The hold ran out or was passed on meanwhile: the page as the server now
                // sees it, and why the time is gone.
                Err(ApiError::Status(409, _)) => {
                    load(shown, token, i18n);
                    after(w.offer_gone, false);
                }
                Err(error) => after(error_text(&error, catalog(lang)), false),
            }
        });
    });
    view! { <Markup html on_act /> }
}

/// `/a/{token}`: a visit page.
fn visit_href(token: &str) -> String {
    let mut href = String::from("/a/");
    href.push_str(&String::from(js_sys::encode_uri_component(token)));
    href
}

/// `/book/{clinic}`: the booking flow, to book or join again.
fn booking_href(slug: &str) -> String {
    let mut href = String::from("/book/");
    href.push_str(&String::from(js_sys::encode_uri_component(slug)));
    href
}

/// "Tuesday, December 8, 9:00 AM": a clinic-local day and time, as the server gives it.
pub(crate) fn offer_time(offer: &WaitlistOffer, lang: Language) -> String {
    let day = local(offer.local_date, &offer.local_time, lang, DateStyle::Long);
    let time = local(offer.local_date, &offer.local_time, lang, DateStyle::Time);
    fill("{}, {}", &[&day, &time])
}

/// What the entry asks for: clinic, service, practitioner (or any), days and times of day.
fn asked_for(
    entry: &WaitlistEntry,
    t: &'static Tr,
    w: &'static WaitlistTr,
) -> Vec<(&'static str, String)> {
    let text = |value: &str| html("{}", &[value]);
    vec![
        (w.clinic, text(&entry.clinic.name)),
        (t.service, text(&entry.service.name)),
        (
            w.practitioner,
            text(
                entry
                    .practitioner
                    .as_ref()
                    .map_or(w.any_practitioner, |p| &p.display_name),
            ),
        ),
        (w.days, text(&day_list(&entry.days, &w.weekdays))),
        (
            w.times_of_day,
            text(&part_list(&entry.parts_of_day, &w.parts_short)),
        ),
    ]
}

fn page(entry: &WaitlistEntry, lang: Language, shown: &Shown) -> String {
    let (busy, confirm_leave, notice) = (shown.busy, shown.confirm_leave, shown.notice);
    let (t, w) = (catalog(lang), waitlist_catalog(lang));
    let zone = &entry.clinic.time_zone;
    let name = entry.preferred_name.as_str();
    let offer = entry
        .offer
        .as_ref()
        .filter(|_| entry.status == WaitlistStatus::Offered);
    let (title, body) = match entry.status {
        WaitlistStatus::Offered if offer.is_some() => {
            (fill(w.offered_title, &[name]), w.offered_body.to_string())
        }
        WaitlistStatus::Waiting | WaitlistStatus::Offered => {
            (fill(w.waiting_title, &[name]), w.waiting_body.to_string())
        }
        WaitlistStatus::Booked => (w.booked_title.to_string(), w.booked_body.to_string()),
        WaitlistStatus::Left => (w.left_title.to_string(), w.left_body.to_string()),
        WaitlistStatus::Expired => (
            w.expired_title.to_string(),
            fill(w.expired_body, &[&instant(entry.expires_at, zone, lang)]),
        ),
    };
    set_title(w.page_title);
    let mut out = html(
        r#"<article class="waitlist-page" data-testid="waitlist-entry" data-status="{}"><h1 id="waitlist-title" tabindex="-1">{}</h1>"#,
        &[status_code(entry.status), &title],
    );
    if let Some((said, good)) = notice {
        push(
            &mut out,
            r#"<p class="notice{}" data-testid="waitlist-notice">{}</p>"#,
            &[if good { " ok" } else { " warn" }, said],
        );
    }
    push(&mut out, r#"<p class="lead">{}</p>"#, &[&body]);

    if let Some(offer) = offer {
        let until = offer.hold_until.timestamp();
        let left = seconds_left(js_sys::Date::now(), until);
        let when = offer_time(offer, lang);
        push(
            &mut out,
            r#"<section class="offer card" aria-labelledby="offer-time"><p class="offer-time" id="offer-time" data-testid="offer-time">{}</p><p>{} {}</p><p>{}</p><p class="countdown">{} <span id="w-countdown" role="timer" data-until="{}">{}</span></p><div class="actions">"#,
            &[
                &when,
                t.with,
                &offer.practitioner.display_name,
                &fill(w.held_until, &[&clock_time(offer.hold_until, zone, lang)]),
                w.time_left,
                &until.to_string(),
                &countdown(left),
            ],
        );
        let working = busy != Busy::Idle;
        push(
            &mut out,
            r#"<button type="button" class="primary" id="w-take" data-act="take"{}>{}</button><button type="button" class="secondary" id="w-let-go" data-act="let-go"{}>{}</button></div></section>"#,
            &[
                disabled(working),
                if busy == Busy::Taking {
                    w.taking
                } else {
                    w.take
                },
                disabled(working),
                if busy == Busy::LettingGo {
                    t.working
                } else {
                    w.let_go
                },
            ],
        );
    }

    match entry.status {
        WaitlistStatus::Waiting | WaitlistStatus::Offered => {
            let mut rows = asked_for(entry, t, w);
            rows.push((
                w.until,
                html("{}", &[&instant(entry.expires_at, zone, lang)]),
            ));
            out.push_str(&facts(&rows));
            if confirm_leave {
                push(
                    &mut out,
                    r#"<div class="notice warn" role="group" aria-labelledby="w-leave-q"><p id="w-leave-q">{}</p><div class="actions"><button type="button" class="danger" id="w-leave-yes" data-act="leave-yes"{}>{}</button><button type="button" class="secondary" data-act="leave-keep">{}</button></div></div>"#,
                    &[
                        w.leave_confirm,
                        disabled(busy != Busy::Idle),
                        if busy == Busy::Leaving {
                            t.working
                        } else {
                            w.leave_yes
                        },
                        w.leave_keep,
                    ],
                );
            } else {
                push(
                    &mut out,
                    r#"<p><button type="button" class="secondary" id="w-leave" data-act="leave"{}>{}</button></p>"#,
                    &[disabled(busy != Busy::Idle), w.leave],
                );
            }
        }
        WaitlistStatus::Booked => {
            if let Some(token) = &entry.appointment_token {
                push(
                    &mut out,
                    r#"<p><a class="button primary" href="{}" rel="external" data-testid="see-visit">{}</a></p>"#,
                    &[&visit_href(token), w.see_visit],
                );
            }
        }
        WaitlistStatus::Left | WaitlistStatus::Expired => {
            push(
                &mut out,
                r#"<p><a href="{}" rel="external">{}</a></p>"#,
                &[&booking_href(&entry.clinic.slug), w.book_or_join],
            );
        }
    }
    out.push_str("</article>");
    out
}

fn status_code(status: WaitlistStatus) -> &'static str {
    match status {
        WaitlistStatus::Waiting => "waiting",
        WaitlistStatus::Offered => "offered",
        WaitlistStatus::Booked => "booked",
        WaitlistStatus::Left => "left",
        WaitlistStatus::Expired => "expired",
    }
}

/// The link is unknown (404), or the entry could not be loaded (a Retry button).
fn failed(error: &ApiError, lang: Language) -> String {
    let (t, w) = (catalog(lang), waitlist_catalog(lang));
    if error.is_not_found() {
        set_title(w.missing_title);
        return html(
            r#"<h1 id="waitlist-title" tabindex="-1">{}</h1><p>{}</p><p><a href="/" rel="external">{}</a></p>"#,
            &[w.missing_title, w.missing_body, t.not_found_home],
        );
    }
    set_title(w.page_title);
    html(
        r#"<h1 id="waitlist-title" tabindex="-1">{}</h1>"#,
        &[w.page_title],
    ) + &load_error(t, error)
}
