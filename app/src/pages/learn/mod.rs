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

use crate::library_page::{article_href, library_href};

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
