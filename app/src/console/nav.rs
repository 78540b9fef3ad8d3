//! The console's top bar: who is signed in, the screens their role may use, and sign-out.
//! Drawn once above every screen (not on sign-in); the router marks the current screen with
//! `aria-current="page"`.

use super::{use_console, words};
use crate::api;
use crate::i18n::feedback_console::feedback_words;
use crate::wire::console::{StaffMe, StaffRole};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

const FOLLOW_UPS: &str = "/console/follow-ups";

/// Screens as `(path, label)` for a role, in the order of the bar.
fn screens(role: StaffRole) -> Vec<(&'static str, &'static str)> {
    let c = words();
    let mut out = vec![("/console/day", c.nav_day), ("/console/week", c.nav_week)];
    if role != StaffRole::Practitioner {
        out.push(("/console/book", c.nav_book));
        out.push(("/console/patients", c.nav_patients));
    }
    out.push((
        "/console/waitlist",
        crate::i18n::waitlist_console::waitlist_console_catalog(crate::i18n::use_i18n().lang.get())
            .nav,
    ));
    let f = feedback_words();
    out.push((FOLLOW_UPS, f.nav_follow_ups));
    // The figures are for those who act on them; front desk does not see the entry.
    if role != StaffRole::FrontDesk {
        out.push(("/console/kpis", f.nav_kpis));
    }
    if role == StaffRole::Admin {
        out.extend([
            ("/console/clinic", c.nav_clinic),
            ("/console/services", c.nav_services),
            ("/console/practitioners", c.nav_practitioners),
            ("/console/staff", c.nav_staff),
            ("/console/audit", c.nav_audit),
        ]);
        out.push(("/console/embed", super::embed::embed_words().nav));
    }
    out.push((
        "/console/articles",
        crate::i18n::library::articles_catalog(crate::i18n::use_i18n().lang.get()).nav,
    ));
    out.push(("/console/questions", super::instructions::words().nav_inbox));
    // Those who write to patients keep the clinic's list of words to avoid.
    if matches!(role, StaffRole::Admin | StaffRole::Practitioner) {
        let p = crate::i18n::plain_language::plain_catalog(crate::i18n::use_i18n().lang.get());
        out.push(("/console/plain-words", p.nav_words));
    }
    out.push(("/console/password", c.nav_password));
    out
}

pub(crate) fn role_label(role: StaffRole) -> &'static str {
    let c = words();
    match role {
        StaffRole::Admin => c.role_admin,
        StaffRole::FrontDesk => c.role_front_desk,
        StaffRole::Practitioner => c.role_practitioner,
    }
}

#[component]
pub fn ConsoleNav() -> impl IntoView {
    let console = use_console();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::console::sign_out().await;
            super::patients::forget_last_search();
            console.me.set(None);
            console.open_follow_ups.set(None);
            console.warn.set(false);
            console.ended.set(false);
            console.goto.set(Some("/console".into()));
        });
    };
    // The open count for the Follow-ups entry, asked for once per sign-in; the queue and the
    // home keep it up to date after that.
    Effect::new(move |_| {
        let signed_in = console.me.with(Option::is_some);
        if signed_in && console.open_follow_ups.get_untracked().is_none() {
            super::follow_ups::refresh_open_count(console);
        }
    });
    move || {
        console.me.get().map(|me: StaffMe| {
            let c = words();
            let links = screens(me.role)
                .into_iter()
                .map(|(href, label)| {
                    let count = (href == FOLLOW_UPS).then_some(move || {
                        console.open_follow_ups.get().filter(|n| *n > 0).map(|n| {
                            view! {
                                " "
                                <span class="nav-count">{n}</span>
                                <span class="sr-only">" " {feedback_words().nav_open_suffix}</span>
                            }
                        })
                    });
                    view! { <li><A href=href>{label}{count}</A></li> }
                })
                .collect_view();
            view! {
                <div class="console-bar">
                    <p data-testid="signed-in">
                        {crate::i18n::fill(c.signed_in_as, &[&me.display_name])}
                        " "
                        <span class="muted">{format!("· {} · {}", role_label(me.role), me.clinic.name)}</span>
                    </p>
                    <button type="button" class="secondary" on:click=sign_out>{c.sign_out}</button>
                    <nav class="console-nav" aria-label=c.console_nav>
                        <ul>{links}</ul>
                    </nav>
                </div>
            }
        })
    }
}
