//! The clinic's health library as HTML (`/learn/{clinic}`): the heading, the search box, the
//! topics and the article cards of a search or topic.
//!
//! The app draws it (`pages::learn::library`), and the server writes the very same markup into
//! the page it sends (`server/src/routes/learn_page.rs`), so a phone paints the list as soon as
//! the page and its style sheets arrive, before the app has downloaded (as for an article, see
//! `article_page`).

use crate::html::{html, push, push_uri_component};
use crate::i18n::fill;
use crate::i18n::library::LibraryTr;
use crate::wire::library::Library;

/// `/learn/{clinic}` with an optional search or topic, each part percent-encoded.
pub fn library_href(clinic: &str, query: &str, category: &str) -> String {
    let mut href = String::from("/learn/");
    push_uri_component(&mut href, clinic);
    for (name, value) in [("q", query), ("category", category)] {
        if !value.is_empty() {
            href.push(if href.contains('?') { '&' } else { '?' });
            href.push_str(name);
            href.push('=');
            push_uri_component(&mut href, value);
        }
    }
    href
}

/// `/learn/{clinic}/{slug}`.
pub fn article_href(clinic: &str, slug: &str) -> String {
    let mut href = library_href(clinic, "", "");
    href.push('/');
    push_uri_component(&mut href, slug);
    href
}

/// The page's heading, with the clinic's name under it once the library is known.
pub fn heading_html(l: &LibraryTr, clinic_name: Option<&str>) -> String {
    let mut out = html(r#"<h1 id="learn-title">{}</h1>"#, &[l.title]);
    if let Some(name) = clinic_name {
        push(
            &mut out,
            r#"<p class="lede">{}</p>"#,
            &[&fill(l.intro, &[name])],
        );
    }
    out
}

/// The search box (a form: Enter submits), holding the search `q`.
pub fn search_form_html(l: &LibraryTr, q: &str) -> String {
    html(
        r#"<form role="search" class="learn-search" action="" method="get"><label for="learn-q">{}</label><p class="hint" id="learn-q-hint">{}</p><div class="search-row"><input id="learn-q" name="q" type="search" autocomplete="off" enterkeyhint="search" aria-describedby="learn-q-hint" value="{}"><button type="submit">{}</button></div></form>"#,
        &[l.search_label, l.search_hint, q, l.search_button],
    )
}

/// The topics and the articles (or why there are none), as markup.
pub fn listing_html(
    l: &LibraryTr,
    clinic: &str,
    q: &str,
    category: &str,
    found: &Library,
) -> String {
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

/// The whole library page inside the app's `<main>`: its `<div class="learn">` and the three
/// `Markup` divs in it.
pub fn library_page_html(
    l: &LibraryTr,
    clinic: &str,
    q: &str,
    category: &str,
    found: &Library,
) -> String {
    [
        r#"<div class="learn"><div>"#,
        &heading_html(l, Some(&found.clinic_name)),
        "</div><div>",
        &search_form_html(l, q),
        "</div><div>",
        &listing_html(l, clinic, q, category, found),
        "</div></div>",
    ]
    .concat()
}
