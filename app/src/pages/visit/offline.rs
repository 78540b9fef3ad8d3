//! "You are offline — showing the copy saved on this phone": the visit page keeps working
//! from the service worker's copy (`public/sw.js`); this says so while the phone has no network.

use crate::components::announce;
use crate::components::markup::{html, Markup};
use crate::i18n::instructions::instructions_catalog;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let offline = RwSignal::new(!window().navigator().on_line());
    // Listeners for the page's lifetime: the visit bundle has this one page.
    let online_listener = window_event_listener(leptos::ev::online, move |_| offline.set(false));
    let offline_listener = window_event_listener(leptos::ev::offline, move |_| {
        offline.set(true);
        // The polite live region tells screen reader users what the banner shows.
        announce(instructions_catalog(i18n.lang.get_untracked()).offline);
    });
    on_cleanup(move || {
        online_listener.remove();
        offline_listener.remove();
    });
    let html = Signal::derive(move || {
        if !offline.get() {
            return String::new();
        }
        html(
            r#"<p class="notice warn offline-banner" data-testid="offline-banner">{}</p>"#,
            &[instructions_catalog(i18n.lang.get()).offline],
        )
    });
    view! { <Markup html /> }
}
