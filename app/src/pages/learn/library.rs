//! `/learn/{clinic}`: the clinic's health library. A search box (a form: Enter submits), the
//! topics with their counts, and article cards. The search and topic live in the address
//! (`?q=`, `?category=`), so Back, reload and shared links show the same list; the number of
//! results is spoken in the live region.

use super::{article_href, library_href};
use crate::api::library::library;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Markup};
use crate::components::{announce, set_title};
use crate::i18n::library::{library_catalog, LibraryTr};
use crate::i18n::{fill, use_i18n};
use crate::wire::library::Library;
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
        let l = library_catalog(i18n.lang.get());
        html(
            r#"<form role="search" class="learn-search" action="" method="get"><label for="learn-q">{}</label><p class="hint" id="learn-q-hint">{}</p><div class="search-row"><input id="learn-q" name="q" type="search" autocomplete="off" enterkeyhint="search" aria-describedby="learn-q-hint" value="{}"><button type="submit">{}</button></div></form>"#,
            &[
                l.search_label,
                l.search_hint,
                &q.get_untracked(),
                l.search_button,
            ],
        )
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
        let mut out = html(r#"<h1 id="learn-title">{}</h1>"#, &[l.title]);
        if let Some(Ok(found)) = data.get() {
            push(
                &mut out,
                r#"<p class="lede">{}</p>"#,
                &[&fill(l.intro, &[&found.clinic_name])],
            );
        }
        out
    });
    let results = Signal::derive(move || {
        let l = library_catalog(i18n.lang.get());
        let t = i18n.t();
        match data.get() {
            Some(Ok(found)) => listing(l, &clinic.get(), &q.get(), &category.get(), &found),
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

/// What the search box holds now (`None` before it is drawn).
fn search_value() -> Option<String> {
    let input = document().get_element_by_id(SEARCH_ID)?;
    js_sys::Reflect::get(&input, &"value".into())
        .ok()?
        .as_string()
}

fn set_search_value(value: &str) {
    if let Some(input) = document().get_element_by_id(SEARCH_ID) {
        let _ = js_sys::Reflect::set(&input, &"value".into(), &value.into());
    }
}

/// The topics and the articles (or why there are none), as markup.
fn listing(l: &LibraryTr, clinic: &str, q: &str, category: &str, found: &Library) -> String {
    let q = q.trim();
    let mut out = String::new();
    if !found.categories.is_empty() {
        push(
            &mut out,
            r#"<nav class="topics" aria-labelledby="topics-title"><h2 id="topics-title">{}</h2><ul class="chips">"#,
            &[l.categories],
        );
        let current = |on: bool| if on { r#" aria-current="page""# } else { "" };
        out.push_str("<li><a href=\"");
        out.push_str(&library_href(clinic, "", ""));
        out.push('"');
        out.push_str(current(category.is_empty() && q.is_empty()));
        push(&mut out, ">{}</a></li>", &[l.all_topics]);
        for topic in &found.categories {
            push(
                &mut out,
                r#"<li><a href="{}""#,
                &[&library_href(clinic, "", &topic.name)],
            );
            out.push_str(current(q.is_empty() && topic.name == category));
            push(
                &mut out,
                r#">{} <span class="count">({})</span></a></li>"#,
                &[&topic.name, &topic.count.to_string()],
            );
        }
        out.push_str("</ul></nav>");
    }

    let title = if q.is_empty() {
        if category.is_empty() {
            l.articles.to_string()
        } else {
            category.to_string()
        }
    } else {
        fill(l.results_for, &[q])
    };
    push(
        &mut out,
        r#"<section class="results" aria-labelledby="results-title"><h2 id="results-title">{}</h2>"#,
        &[&title],
    );
    if found.articles.is_empty() {
        if q.is_empty() {
            push(&mut out, r#"<p class="notice">{}</p>"#, &[l.empty]);
        } else {
            push(
                &mut out,
                r#"<div class="notice"><p>{}</p><p>{}</p><p><a href="{}">{}</a></p></div>"#,
                &[
                    &fill(l.no_results, &[q]),
                    l.no_results_hint,
                    &library_href(clinic, "", ""),
                    l.show_all,
                ],
            );
        }
    } else {
        out.push_str(r#"<ul class="article-list">"#);
        for card in &found.articles {
            push(
                &mut out,
                r#"<li class="card article-card"><h3><a href="{}">{}</a></h3><p>{}</p><p class="meta">{} · {}</p></li>"#,
                &[
                    &article_href(clinic, &card.slug),
                    &card.title,
                    &card.summary,
                    &fill(l.minutes_read, &[&card.reading_minutes.to_string()]),
                    &card.category,
                ],
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}
