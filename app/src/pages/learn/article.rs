//! `/learn/{clinic}/{slug}`: one article. Its title, summary, reading time and review date,
//! the body (HTML the server rendered from Markdown and sanitised), a link to the other
//! language's version, the clinic's phone, and a print button. Switching the page's language
//! opens the article's version in that language when there is one.

use super::{article_href, library_href};
use crate::api::library::article;
use crate::article_page::{article_html, ArticleLinks};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, Act, Markup};
use crate::components::{focus_heading, reveal_app, set_title};
use crate::i18n::library::library_catalog;
use crate::i18n::use_i18n;
use crate::wire::library::Article;
use crate::wire::Language;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let clinic = Memo::new(move |_| params.read().get("clinic").unwrap_or_default());
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = LocalResource::new(move || {
        let (clinic, slug) = (clinic.get(), slug.get());
        async move { article(&clinic, &slug).await }
    });

    // A language chosen on this page opens the article in that language, if it has one.
    let navigate = use_navigate();
    Effect::new(move |before: Option<Language>| {
        let lang = i18n.lang.get();
        if before.is_some_and(|before| before != lang) {
            if let Some(Ok(shown)) = data.get_untracked() {
                if let Some(other) = shown.translation.filter(|t| t.language == lang) {
                    navigate(
                        &article_href(&clinic.get_untracked(), &other.slug),
                        Default::default(),
                    );
                }
            }
        }
        lang
    });

    // Once the article (or why it failed) is drawn, it replaces the one the server sent.
    Effect::new(move |_| {
        if data.get().is_some() {
            reveal_app();
        }
    });
    let markup = Signal::derive(move || {
        let l = library_catalog(i18n.lang.get());
        let t = i18n.t();
        let clinic = clinic.get();
        let back = html(
            r#"<p class="back-link no-print"><a href="{}">{}</a></p>"#,
            &[&library_href(&clinic, "", ""), l.back],
        );
        match data.get() {
            Some(Ok(shown)) => back.clone() + &page(&shown, &clinic, i18n.lang.get()) + &back,
            Some(Err(error)) if error.is_not_found() => {
                set_title(l.missing_title);
                back + &html(
                    r#"<h1>{}</h1><p>{}</p>"#,
                    &[l.missing_title, l.missing_body],
                )
            }
            Some(Err(error)) => {
                set_title(t.err_server);
                back + &html("<h1>{}</h1>", &[t.err_server]) + &load_error(t, &error)
            }
            None => skeleton(t, true),
        }
    });
    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "print" => {
            let _ = window().print();
        }
        "translate" => {
            if let Some(lang) = Language::from_tag(&act.arg) {
                i18n.choose(lang);
            }
        }
        _ => data.refetch(),
    });
    view! { <div class="learn"><Markup html=markup on_act /></div> }
}

/// The article as markup (`article_page`'s, which the server also sends in the page).
fn page(a: &Article, clinic: &str, lang: Language) -> String {
    set_title(&a.title);
    focus_heading("article-title");
    let links = ArticleLinks {
        library: library_href(clinic, "", ""),
        translation: a
            .translation
            .as_ref()
            .map(|other| article_href(clinic, &other.slug)),
    };
    article_html(a, &links, lang)
}
