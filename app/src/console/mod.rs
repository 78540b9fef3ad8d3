//! The clinic console (`console.html`, `/console/...`): staff sign in and run the day. A
//! bundle of its own, so patients never download it. Screens are markup templates, like the
//! patient app's (see `components::markup`).

mod articles;
mod audit;
mod book;
mod clinic;
mod day;
mod embed;
mod embed_events;
mod embed_snippet;
mod follow_ups;
mod instructions;
mod kpis;
mod nav;
mod password;
mod patients;
mod plain_language;
mod practitioners;
mod publishing;
mod reminders;
mod services;
mod setup_form;
mod sign_in;
mod staff;
mod team_form;
mod video_link;
mod visit_messages;
mod waitlist;
mod week;

use crate::api::{self, ApiError};
use crate::components::announce;
use crate::i18n::{console_catalog, use_i18n, ConsoleTr};
use crate::shell::{Frame, OtherBundle};
use crate::wire::console::StaffMe;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use std::cell::Cell;
use std::time::Duration;

/// The signed-in person and where the console should go next, shared by its screens.
#[derive(Clone, Copy)]
pub(crate) struct Console {
    pub me: RwSignal<Option<StaffMe>>,
    /// The session ran out (or was refused): the sign-in screen says so.
    pub ended: RwSignal<bool>,
    /// The idle warning is showing.
    pub warn: RwSignal<bool>,
    /// A console path to navigate to.
    pub goto: RwSignal<Option<String>>,
    /// How many follow-ups are open, once known (shown in the navigation entry).
    pub open_follow_ups: RwSignal<Option<u32>>,
}

impl Console {
    /// Back to sign-in with "Your session ended".
    pub fn session_ended(self) {
        patients::forget_last_search();
        self.me.set(None);
        self.open_follow_ups.set(None);
        self.warn.set(false);
        self.ended.set(true);
        self.goto.set(Some("/console".into()));
    }

    /// A call failed: a 401 ends the session; anything else is for the caller.
    pub fn check(self, error: &ApiError) -> bool {
        if is_unauthorized(error) {
            self.session_ended();
            true
        } else {
            false
        }
    }
}

pub(crate) fn use_console() -> Console {
    expect_context()
}

/// Who is signed in: known already, or asked of the server (a reload, or a link opened
/// straight to a screen). A 401 comes back as an error for [`Console::check`].
pub(crate) async fn signed_in(console: Console) -> Result<StaffMe, ApiError> {
    if let Some(me) = console.me.get_untracked() {
        return Ok(me);
    }
    let me = api::console::me().await?;
    touch();
    console.me.set(Some(me.clone()));
    Ok(me)
}

/// What a screen reports when the signed-in role may not use it: the same as the server's
/// 403, so that both end on one "not allowed" page.
pub(crate) fn forbidden() -> ApiError {
    ApiError::Status(
        403,
        crate::wire::ApiErrorBody {
            error: "forbidden".into(),
            message: String::new(),
            fields: None,
            alternatives: None,
            phone: None,
        },
    )
}

pub(crate) fn is_forbidden(error: &ApiError) -> bool {
    matches!(error, ApiError::Status(403, _))
}

pub(crate) fn is_unauthorized(error: &ApiError) -> bool {
    matches!(error, ApiError::Status(401, _))
}

/// The console catalog of the current language (reactive).
pub(crate) fn words() -> &'static ConsoleTr {
    console_catalog(use_i18n().lang.get())
}

thread_local! {
    /// When the server last saw a request of this session (ms since the epoch): its idle
    /// clock restarts on every request.
    static LAST_SEEN: Cell<f64> = const { Cell::new(0.0) };
}

/// The server just answered a signed-in request.
pub(crate) fn touch() {
    LAST_SEEN.with(|last| last.set(js_sys::Date::now()));
}

/// The console bundle: sign-in, running the day, and setting up the clinic.
#[component]
pub fn ConsoleApp() -> impl IntoView {
    provide_context(Console {
        me: RwSignal::new(None),
        ended: RwSignal::new(false),
        warn: RwSignal::new(false),
        goto: RwSignal::new(None),
        open_follow_ups: RwSignal::new(None),
    });
    view! {
        <Frame>
            <Watch />
            <nav::ConsoleNav />
            <Routes fallback=OtherBundle>
                <Route path=path!("/console") view=sign_in::SignInPage />
                <Route path=path!("/console/day") view=day::DayPage />
                <Route path=path!("/console/week") view=week::WeekPage />
                <Route path=path!("/console/book") view=book::BookPage />
                <Route path=path!("/console/patients") view=patients::PatientsPage />
                <Route path=path!("/console/patients/:id") view=patients::PatientPage />
                <Route path=path!("/console/waitlist") view=waitlist::WaitlistPage />
                <Route path=path!("/console/follow-ups") view=follow_ups::FollowUpsPage />
                <Route path=path!("/console/kpis") view=kpis::KpisPage />
                <Route path=path!("/console/clinic") view=clinic::ClinicPage />
                <Route path=path!("/console/services") view=services::ServicesPage />
                <Route path=path!("/console/practitioners") view=practitioners::PractitionersPage />
                <Route path=path!("/console/practitioners/:id") view=practitioners::PractitionerPage />
                <Route path=path!("/console/staff") view=staff::StaffPage />
                <Route path=path!("/console/audit") view=audit::AuditPage />
                <Route path=path!("/console/embed") view=embed::EmbedPage />
                <Route path=path!("/console/articles") view=articles::ArticlesPage />
                <Route path=path!("/console/password") view=password::PasswordPage />
                <Route path=path!("/console/appointments/:id/instructions") view=instructions::InstructionsPage />
                <Route path=path!("/console/questions") view=instructions::InboxPage />
                <Route path=path!("/console/plain-words") view=plain_language::words_page::PlainWordsPage />
            </Routes>
        </Frame>
    }
}

/// Navigation asked for by the screens, and the idle warning a minute before the session
/// would end for lack of requests.
#[component]
fn Watch() -> impl IntoView {
    let console = use_console();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(path) = console.goto.get() {
            navigate(&path, Default::default());
        }
    });
    let i18n = use_i18n();
    set_interval(
        move || {
            let Some(timeout) = console
                .me
                .with_untracked(|me| me.as_ref().map(|me| me.idle_timeout_seconds))
            else {
                return;
            };
            let idle = js_sys::Date::now() - LAST_SEEN.with(Cell::get);
            let limit = f64::from(timeout) * 1000.0;
            if idle >= limit {
                console.session_ended();
            } else if idle >= limit - 60_000.0 && !console.warn.get_untracked() {
                console.warn.set(true);
                announce(console_catalog(i18n.lang.get_untracked()).idle_warning);
            }
        },
        Duration::from_secs(5),
    );
    let stay = move |_| {
        spawn_local(async move {
            match api::console::me().await {
                Ok(me) => {
                    touch();
                    console.me.set(Some(me));
                    console.warn.set(false);
                    announce(console_catalog(i18n.lang.get_untracked()).still_signed_in);
                }
                Err(error) => {
                    console.check(&error);
                }
            }
        });
    };
    move || {
        console.warn.get().then(|| {
            let c = words();
            view! {
                <div class="notice warn idle-warning" data-testid="idle-warning">
                    <p>{c.idle_warning}</p>
                    <button type="button" class="secondary" on:click=stay>
                        {c.stay_signed_in}
                    </button>
                </div>
            }
        })
    }
}
