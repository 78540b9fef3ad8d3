//! `/learn/{clinic}`: the clinic's health library. A search box (a form: Enter submits), the
//! topics with their counts, and article cards. The search and topic live in the address
//! (`?q=`, `?category=`), so Back, reload and shared links show the same list; the number of
//! results is spoken in the live region.

use crate::api::library::library;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, Markup};
use crate::components::{announce, focus_id, reveal_app, set_title};
use crate::i18n::library::library_catalog;
use crate::i18n::{fill, use_i18n};
use crate::library_page::{heading_html, library_href, listing_html, search_form_html};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

const SEARCH_ID: &str = "learn-q";

#[component]
pub fn LibraryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let i18n = use_i18n();
    let clinic = Memo::new(move |_| params.read().get("clinic").unwrap_or_default());
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let category = Memo::new(move |_| query.read().get("category").unwrap_or_default());
    let data = LocalResource::new(move || {
        let (clinic, lang) = (clinic.get(), i18n.lang.get());
        let (q, category) = (q.get(), category.get());
        async move { library(&clinic, lang, q.trim(), &category).await }
    });

    // The search box is drawn once per language, so typing, focus and the caret survive new
    // results; a search changed by Back/Forward is written into it.
    let form = Signal::derive(move || {
        search_form_html(library_catalog(i18n.lang.get()), &q.get_untracked())
    });
    Effect::new(move |_| {
        let wanted = q.get();
        if search_value().is_some_and(|typed| typed != wanted) {
            set_search_value(&wanted);
        }
    });
    let navigate = use_navigate();
    let on_submit = Callback::new(move |()| {
        let typed = search_value().unwrap_or_default();
        navigate(
            &library_href(&clinic.get_untracked(), typed.trim(), ""),
            Default::default(),
        );
    });

    // The number of results of a search, spoken once they arrive.
    Effect::new(move |_| {
        if let Some(Ok(found)) = data.get() {
            let words = q.get_untracked();
            if !words.trim().is_empty() {
                let l = library_catalog(i18n.lang.get_untracked());
                announce(match found.articles.len() {
                    0 => fill(l.no_results, &[words.trim()]),
                    1 => l.found_one.to_string(),
                    n => fill(l.found_many, &[&n.to_string()]),
                });
            }
        }
    });

    let heading = Signal::derive(move || {
        let l = library_catalog(i18n.lang.get());
        set_title(l.title);
        let found = data.get();
        let name = match &found {
            Some(Ok(found)) => Some(found.clinic_name.as_str()),
            _ => None,
        };
        heading_html(l, name)
    });
    // Once the list (or why it failed) is drawn, it replaces the one the server sent, and
    // whatever was typed into that one's search box carries over, focus too.
    Effect::new(move |_| {
        if data.get().is_some() {
            let drawn = document().query_selector("#boot [name=q]").ok().flatten();
            let typing = drawn
                .as_ref()
                .is_some_and(|drawn| document().active_element().as_ref() == Some(drawn));
            let typed = drawn.and_then(|drawn| {
                js_sys::Reflect::get(&drawn, &"value".into())
                    .ok()?
                    .as_string()
            });
            reveal_app();
            if let Some(typed) = typed {
                set_search_value(&typed);
            }
            if typing {
                focus_id(SEARCH_ID);
            }
        }
    });
    let results = Signal::derive(move || {
        let l = library_catalog(i18n.lang.get());
        let t = i18n.t();
        match data.get() {
            Some(Ok(found)) => listing_html(l, &clinic.get(), &q.get(), &category.get(), &found),
            Some(Err(error)) if error.is_not_found() => html(
                r#"<p class="notice error" role="alert">{}</p>"#,
                &[l.clinic_missing],
            ),
            Some(Err(error)) => load_error(t, &error),
            None => skeleton(t, false),
        }
    });
    let on_retry = Callback::new(move |_| data.refetch());

    view! {
        <div class="learn">
            <Markup html=heading />
            <Markup html=form on_submit />
            <Markup html=results on_act=on_retry />
        </div>
    }
}

/// The app's own search box (`None` before it is drawn), never the one in a page the server
/// drew, which shares its id until the app takes over.
fn search_box() -> Option<web_sys::Element> {
    document().query_selector("#main #learn-q").ok().flatten()
}

/// What the search box holds now (`None` before it is drawn).
fn search_value() -> Option<String> {
    let input = search_box()?;
    js_sys::Reflect::get(&input, &"value".into())
        .ok()?
        .as_string()
}

fn set_search_value(value: &str) {
    if let Some(input) = search_box() {
        let _ = js_sys::Reflect::set(&input, &"value".into(), &value.into());
    }
}
