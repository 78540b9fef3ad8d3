//! The frame around every screen: header with the language switch, the routes, and the
//! polite live region.

use crate::components::announcer;
use crate::i18n::I18n;
use crate::pages::book::{BookPage, Draft};
use crate::pages::coming::ComingPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::survey::SurveyPage;
use crate::pages::visit::VisitPage;
use crate::pages::waitlist::join::JoinPage;
use crate::pages::waitlist::WaitlistPage;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The booking bundle (`index.html`): the landing page and the booking flow.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Draft::new());
    view! {
        <Frame>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/book/:clinic") view=BookPage />
                <Route path=path!("/a/:token") view=OtherBundle />
            </Routes>
        </Frame>
    }
}

/// The visit bundle (`visit.html`, served for `/a/{token}`): the visit page alone, so a
/// first visit to the booking flow does not download it (and the other way round).
#[component]
pub fn VisitApp() -> impl IntoView {
    view! {
        <Frame>
            <Routes fallback=OtherBundle>
                <Route path=path!("/a/:token") view=VisitPage />
            </Routes>
        </Frame>
    }
}

/// The survey bundle (`survey.html`, served for `/a/{token}/survey`, `/a/{token}/coming`,
/// `/waitlist/{token}` and `/book/{clinic}/waitlist`): the after-visit survey, the reminder's
/// "I'll be there" and the waitlist's pages, so the visit page and the booking flow (already
/// at their size budgets) do not carry them.
#[component]
pub fn SurveyApp() -> impl IntoView {
    view! {
        <Frame>
            <Routes fallback=OtherBundle>
                <Route path=path!("/a/:token/survey") view=SurveyPage />
                <Route path=path!("/a/:token/coming") view=ComingPage />
                <Route path=path!("/waitlist/:token") view=WaitlistPage />
                <Route path=path!("/book/:clinic/waitlist") view=JoinPage />
            </Routes>
        </Frame>
    }
}

/// A screen that lives in the other bundle. Reached by an in-app link or navigation, it is
/// loaded from the server; reached as the URL this page was loaded for (so the server sent
/// this bundle for it), it is a page that does not exist.
#[component]
pub(crate) fn OtherBundle() -> impl IntoView {
    // The router's own location: `use_url` in a fallback can still hold the last matched URL.
    let location = leptos_router::hooks::use_location();
    let mut target = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    if !search.is_empty() {
        target.push('?');
        target.push_str(&search);
    }
    if Some(&target) != use_context::<EntryUrl>().as_ref().map(|entry| &entry.0) {
        let _ = window().location().assign(&target);
        return None;
    }
    Some(NotFoundPage())
}

/// The path and query this page was loaded for.
#[derive(Clone)]
struct EntryUrl(String);

#[component]
pub(crate) fn Frame(children: Children) -> impl IntoView {
    let location = window().location();
    provide_context(EntryUrl(
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default(),
    ));
    let i18n = I18n::from_browser();
    provide_context(i18n);
    let announcer = announcer();
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", i18n.lang.get().code());
        }
    });

    // The widget's frame sits inside the clinic's own page, which has its own header.
    #[cfg(not(feature = "embed"))]
    let header = header::Header();
    #[cfg(feature = "embed")]
    let header = ();
    view! {
        <Router>
            {header}
            <main id="main" tabindex="-1">
                {children()}
                <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                    {move || announcer.get()}
                </div>
            </main>
        </Router>
    }
}

/// The header with the language switch; not in the widget's frame.
#[cfg(not(feature = "embed"))]
mod header {
    use crate::components::focus_id;
    use crate::components::markup::{html, input_of, Act, Markup};
    use crate::i18n::use_i18n;
    use crate::wire::Language;
    use leptos::prelude::*;

    const HEADER: &str = r##"<div class="bar"><a class="skip-link" href="#main" data-act="skip">{}</a><a class="brand" href="/"><svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28"><rect width="24" height="24" rx="6" fill="#0b6e4f"/><path d="M10 5h4v5h5v4h-5v5h-4v-5H5v-4h5z" fill="#fff"/></svg>Carebook</a><div class="lang-switch"><label for="lang-select">{}</label><select id="lang-select"><option value="en" lang="en"{}>English</option><option value="es" lang="es"{}>Español</option></select></div></div>"##;

    #[component]
    pub fn Header() -> impl IntoView {
        let i18n = use_i18n();
        let html = Signal::derive(move || {
            let t = i18n.t();
            let es = i18n.lang.get() == Language::Es;
            html(
                HEADER,
                &[
                    t.skip_link,
                    t.language,
                    if es { "" } else { " selected" },
                    if es { " selected" } else { "" },
                ],
            )
        });
        let on_act = Callback::new(|_: Act| focus_id("main"));
        let on_input = Callback::new(move |ev: web_sys::Event| {
            if let Some(lang) = input_of(&ev).and_then(|(_, value, _)| Language::from_tag(&value)) {
                i18n.choose(lang);
                // The header is drawn anew in the new language; keep focus on the switch.
                focus_id("lang-select");
            }
        });
        view! {
            <header class="top">
                <Markup html on_act on_input />
            </header>
        }
    }
}
