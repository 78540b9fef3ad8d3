//! One article of the health library as HTML (`/learn/{clinic}/{slug}`): the words around it
//! in the reader's language, the article itself marked with its own.
//!
//! The app draws it (`pages::learn::article`), and the server writes the very same markup into
//! the page it sends (`server/src/routes/learn_page.rs`), so a phone paints the article as soon
//! as the page and its style sheets arrive, before the app has downloaded (as for the booking
//! page's first step, see `first_step`).

use crate::html::{html, push};
use crate::i18n::fill;
use crate::i18n::library::{library_catalog, long_date};
use crate::wire::library::Article;
use crate::wire::Language;

/// Where the article's links lead: the library, and the article in the other language.
pub struct ArticleLinks {
    pub library: String,
    pub translation: Option<String>,
}

/// The whole article page inside the app's `<main>`: "back to the library" above and below.
pub fn article_page_html(a: &Article, links: &ArticleLinks, lang: Language) -> String {
    let back = html(
        r#"<p class="back-link no-print"><a href="{}">{}</a></p>"#,
        &[&links.library, library_catalog(lang).back],
    );
    let mut out = back.clone();
    out.push_str(&article_html(a, links, lang));
    out.push_str(&back);
    out
}

/// The article, its contact notice and print button.
pub fn article_html(a: &Article, links: &ArticleLinks, lang: Language) -> String {
    let l = library_catalog(lang);
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
    if let (Some(other), Some(href)) = (&a.translation, &links.translation) {
        // Named in the language it leads to, as language switches are.
        let label = match other.language {
            Language::Es => "Leer en español",
            Language::En => "Read in English",
        };
        push(
            &mut out,
            r#"<p class="translation no-print"><a href="{}" hreflang="{}" lang="{}" data-act="translate {}">{}</a></p>"#,
            &[
                href,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::library::ArticleLink;

    fn article() -> Article {
        Article {
            slug: "low-back-pain".into(),
            title: "Low back pain".into(),
            summary: "What helps & when to call".into(),
            body_html: "<p>Keep moving.</p>".into(),
            category: "Pain".into(),
            tags: Vec::new(),
            reading_minutes: 3,
            reviewed_on: "2026-10-15".into(),
            language: Language::En,
            translation: Some(ArticleLink {
                slug: "dolor-de-espalda".into(),
                language: Language::Es,
            }),
            clinic_name: "Riverside Family Clinic".into(),
            clinic_phone: "+1 212 555 0142".into(),
        }
    }

    #[test]
    fn the_article_sits_between_two_links_back_with_its_words_escaped_and_its_body_as_sent() {
        let links = ArticleLinks {
            library: "/learn/demo".into(),
            translation: Some("/learn/demo/dolor-de-espalda".into()),
        };
        let html = article_page_html(&article(), &links, Language::Es);
        let back = r#"<p class="back-link no-print"><a href="/learn/demo">"#;
        assert!(html.starts_with(back));
        assert_eq!(html.matches(back).count(), 2);
        assert!(html.contains(r#"<p class="lede">What helps &amp; when to call</p>"#));
        assert!(html.contains("15 de octubre de 2026"), "{html}");
        assert!(html.contains(r#"<div class="article-body"><p>Keep moving.</p></div>"#));
        assert!(html.contains(r#"href="/learn/demo/dolor-de-espalda" hreflang="es""#));
        assert!(html.contains(r#"<a href="tel:+12125550142">+1 212 555 0142</a>"#));
    }
}
