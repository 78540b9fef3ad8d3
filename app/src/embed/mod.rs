//! The booking widget's frame (`embed.html`, `/embed/{clinic}`, feature `embed`): the same
//! booking flow as `/book/{clinic}` without Carebook's header, inside a clinic's own web
//! site, talking to the page around it (`embed.js`) by `postMessage` only.
//!
//! The frame's URL carries what the host page chose (`host`, `mode`, `lang`, `brand`,
//! `service`, `practitioner`), never patient data: the patient's name, e-mail and phone that
//! a host page prefills come by message (see [`host`]). Nothing here uses cookies or
//! storage, so the widget books with third-party cookies and storage blocked.

mod booked;
pub mod host;
mod words;

pub use booked::booked;

use crate::pages::book::{BookPage, Draft};
use crate::pages::not_found::NotFoundPage;
use crate::shell::Frame;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

/// The frame's app.
#[component]
pub fn EmbedApp() -> impl IntoView {
    provide_context(Draft::new());
    view! {
        <Frame>
            <host::Bridge />
            <Routes fallback=NotFoundPage>
                <Route path=path!("/embed/:clinic") view=BookPage />
                <Route path=path!("/embed/:clinic/booked") view=booked::BookedPage />
            </Routes>
        </Frame>
    }
}
