//! `/learn/{clinic}/{slug}`: one article. Its title, summary, reading time and review date,
//! the body (HTML the server rendered from Markdown and sanitised), a link to the other
//! language's version, the clinic's phone, and a print button. Switching the page's language
//! opens the article's version in that language when there is one.

use super::{article_href, library_href};
use crate::api::library::article;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Act, Markup};
use crate::components::{focus_heading, set_title};
use crate::i18n::library::{library_catalog, long_date};
use crate::i18n::{fill, use_i18n};
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

/// The article as markup: the words around it in the reader's language, the article itself
/// marked with its own.
fn page(a: &Article, clinic: &str, lang: Language) -> String {
    let l = library_catalog(lang);
    set_title(&a.title);
    focus_heading("article-title");
    let mut out = html(
        r#"<article class="learn-article" lang="{}" aria-labelledby="article-title"><p class="eyebrow">{}</p><h1 id="article-title" tabindex="-1">{}</h1><p class="lede">{}</p>"#,
        &[a.language.code(), &a.category, &a.title, &a.summary],
    );
    push(
        &mut out,
        r#"<p class="meta" lang="{}">{} · {}</p>"#,
        &[
            lang.code(),
            &fill(l.minutes_read, &[&a.reading_minutes.to_string()]),
            &fill(l.reviewed, &[&long_date(&a.reviewed_on, lang)]),
        ],
    );
    if let Some(other) = &a.translation {
        // Named in the language it leads to, as language switches are.
        let label = match other.language {
            Language::Es => "Leer en español",
            Language::En => "Read in English",
        };
        push(
            &mut out,
            r#"<p class="translation no-print"><a href="{}" hreflang="{}" lang="{}" data-act="translate {}">{}</a></p>"#,
            &[
                &article_href(clinic, &other.slug),
                other.language.code(),
                other.language.code(),
                other.language.code(),
                label,
            ],
        );
    }
    out.push_str(r#"<div class="article-body">"#);
    // Rendered from Markdown and sanitised by the server (allow-listed tags, safe links only).
    out.push_str(&a.body_html);
    out.push_str("</div></article>");
    push(
        &mut out,
        r#"<div class="notice learn-contact"><p>{}</p><p>"#,
        &[l.general_info],
    );
    let mut tel = String::from("tel:");
    tel.extend(
        a.clinic_phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+'),
    );
    let phone_link = html(r#"<a href="{}">{}</a>"#, &[&tel, &a.clinic_phone]);
    let sentence = fill(l.questions, &["\u{1}", "\u{2}"]);
    let (before, rest) = sentence.split_once('\u{1}').unwrap_or((&sentence, ""));
    let (middle, after) = rest.split_once('\u{2}').unwrap_or((rest, ""));
    push(&mut out, "{}", &[before]);
    push(&mut out, "{}", &[&a.clinic_name]);
    push(&mut out, "{}", &[middle]);
    out.push_str(&phone_link);
    push(&mut out, "{}", &[after]);
    push(
        &mut out,
        r#"</p></div><p class="no-print"><button type="button" class="secondary" data-act="print">{}</button></p>"#,
        &[l.print],
    );
    out
}
