//! The health library bundle (`learn.html`, served for `/learn/*`): a clinic's articles for
//! patients, `/learn/{clinic}` (topics and search) and `/learn/{clinic}/{slug}` (one article).
//! Its own bundle, so booking does not download it; its calls are plain GETs, so pages read
//! once can be read again offline.

mod article;
mod library;

use crate::shell::{Frame, OtherBundle};
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

pub use article::ArticlePage;
pub use library::LibraryPage;

#[component]
pub fn LearnApp() -> impl IntoView {
    view! {
        <Frame>
            <Routes fallback=OtherBundle>
                <Route path=path!("/learn/:clinic") view=LibraryPage />
                <Route path=path!("/learn/:clinic/:slug") view=ArticlePage />
            </Routes>
        </Frame>
    }
}

/// `/learn/{clinic}` with an optional search or topic, each part percent-encoded.
fn library_href(clinic: &str, query: &str, category: &str) -> String {
    let mut href = String::from("/learn/");
    href.push_str(&String::from(js_sys::encode_uri_component(clinic)));
    for (name, value) in [("q", query), ("category", category)] {
        if !value.is_empty() {
            href.push(if href.contains('?') { '&' } else { '?' });
            href.push_str(name);
            href.push('=');
            href.push_str(&String::from(js_sys::encode_uri_component(value)));
        }
    }
    href
}

/// `/learn/{clinic}/{slug}`.
fn article_href(clinic: &str, slug: &str) -> String {
    let mut href = library_href(clinic, "", "");
    href.push('/');
    href.push_str(&String::from(js_sys::encode_uri_component(slug)));
    href
}
