//! What comes after the visit, on the visit page: the practitioner's instructions (sanitised
//! HTML from the server), the linked library articles, a Print button, and the teach-back
//! ([`super::teach_back`]). Nothing is shown before instructions exist, but a short note once
//! the visit is past.

use super::teach_back::TeachBack;
use crate::api::{self, instructions::visit_instructions};
use crate::components::markup::{html, push, Act, Markup};
use crate::i18n::instructions::{instructions_catalog, InstructionsTr};
use crate::i18n::{fill, local, use_i18n, DateStyle};
use crate::wire::instructions::{PublishedInstructions, VisitInstructions};
use leptos::prelude::*;

/// What the section needs to know about the visit it belongs to.
#[derive(Clone)]
pub struct VisitContext {
    pub token: String,
    pub clinic_slug: String,
    pub time_zone: String,
    /// The visit's start is behind us: instructions may come.
    pub past: bool,
}

#[component]
pub fn AfterVisit(visit: VisitContext) -> impl IntoView {
    let token = visit.token.clone();
    let loaded = LocalResource::new(move || {
        let token = token.clone();
        async move { visit_instructions(&token).await }
    });
    // Answers and questions come back as the whole picture; they replace what was loaded.
    let current = RwSignal::new(None::<VisitInstructions>);
    Effect::new(move |_| {
        if let Some(Ok(data)) = loaded.get() {
            current.set(Some(data));
        }
    });
    move || {
        // Failing to load (offline with nothing saved, a server trouble) leaves the visit page
        // as it was: the instructions are an addition to it, not its point.
        let data = current.get()?;
        match data.latest.clone() {
            Some(latest) => Some(
                view! {
                    <Published latest visit=visit.clone() />
                    <TeachBack visit=visit.clone() data current />
                }
                .into_any(),
            ),
            None if visit.past => {
                let html = Signal::derive(move || {
                    let t = instructions_catalog(use_i18n().lang.get());
                    html(
                        r#"<p class="notice" data-testid="instructions-pending">{}</p>"#,
                        &[t.pending],
                    )
                });
                Some(view! { <Markup html /> }.into_any())
            }
            None => None,
        }
    }
}

#[component]
fn Published(latest: PublishedInstructions, visit: VisitContext) -> impl IntoView {
    let i18n = use_i18n();
    let html = Signal::derive(move || {
        let lang = i18n.lang.get();
        render(&latest, &visit, instructions_catalog(lang), lang)
    });
    let on_act = Callback::new(|act: Act| {
        if act.name == "print" {
            let _ = window().print();
        }
    });
    view! { <Markup html on_act /> }
}

fn render(
    latest: &PublishedInstructions,
    visit: &VisitContext,
    t: &'static InstructionsTr,
    lang: crate::wire::Language,
) -> String {
    let day = local(latest.visit_date, "12:00", lang, DateStyle::Long);
    let mut out = html(
        r#"<section class="block instructions" aria-labelledby="instructions-title" data-testid="instructions"><div class="section-head"><h2 id="instructions-title">{}</h2><button type="button" class="secondary small" data-act="print">{}</button></div><p class="muted" data-testid="instructions-from">{}</p><div class="instructions-body" lang="{}">"#,
        &[
            t.title,
            t.print,
            &fill(t.from_on, &[&latest.practitioner_name, &day]),
            latest.language.code(),
        ],
    );
    // Rendered from the practitioner's Markdown and sanitised by the server (allow-list).
    out.push_str(&latest.body_html);
    out.push_str("</div>");
    if !latest.articles.is_empty() {
        push(
            &mut out,
            r#"<h3>{}</h3><ul class="article-links">"#,
            &[t.read_more],
        );
        for article in &latest.articles {
            let href = article_href(&visit.clinic_slug, &article.slug);
            push(
                &mut out,
                r#"<li><a href="{}" rel="external">{}</a></li>"#,
                &[&href, &article.title],
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}

/// `/learn/{clinic}/{slug}`: a page of the library bundle, so loaded from the server (the
/// link is `rel="external"` for the router) — and kept for offline reading by the service
/// worker, which fetches it as soon as the instructions are shown.
pub fn article_href(clinic: &str, slug: &str) -> String {
    let mut href = String::from("/learn/");
    href.push_str(&String::from(js_sys::encode_uri_component(clinic)));
    href.push('/');
    href.push_str(&String::from(js_sys::encode_uri_component(slug)));
    href
}

/// Whether the API call failed for lack of a network (the page then says it is offline).
pub fn unreached(error: &api::ApiError) -> bool {
    matches!(error, api::ApiError::Network)
}
