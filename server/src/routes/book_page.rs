//! `/book/{clinic}`: the booking page with the flow's first step already in it.
//!
//! The built page (`index.html`) holds a grey skeleton until the app has downloaded and
//! started, which on a slow phone network is the slowest part of a first visit. For the
//! flow's start (no choice in the query yet), the server writes the clinic's services into
//! the page instead, with the very markup the app draws (`app::first_step`), in the language
//! the app will choose (the browser's, as the preload hint assumes). The app mounts hidden and
//! swaps itself in once it has drawn the same step (`app::components::reveal_app`). The
//! page's links work before the app does. Any other step, an unknown clinic or a page this
//! cannot find its place in gets the built page as it is.

use super::clinics::clinic_for_patients;
use crate::preload_hints::browser_language;
use crate::routes::AppState;
use app::first_step::service_step_html;
use app::i18n::catalog;
use app::wire::{Clinic, Language};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeFile;
use tower_http::CompressionLevel;

/// The query keys of the flow's later steps (see `app::pages::book::Choices`).
const LATER_STEP_KEYS: [&str; 5] = ["service", "practitioner", "date", "start", "step"];

#[derive(Clone)]
struct BookPage {
    state: AppState,
    /// The built booking page (`index.html`), read on each request so a new release is
    /// picked up like the other files.
    file: PathBuf,
}

pub fn page(state: AppState, dist: &std::path::Path) -> Router {
    Router::new()
        .route("/book/{clinic}", get(book))
        .with_state(BookPage {
            state,
            file: dist.join("index.html"),
        })
        // As hard as the build compresses its files (a few kilobytes, about a millisecond):
        // this page is the start of the booking page's byte budget. The server-wide layer
        // leaves an answer already compressed alone.
        .layer(CompressionLayer::new().quality(CompressionLevel::Best))
}

async fn book(
    State(page): State<BookPage>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let at_start = request.uri().query().is_none_or(|query| {
        !query.split('&').any(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            LATER_STEP_KEYS.contains(&key)
        })
    });
    if at_start {
        let lang = browser_language(request.headers());
        if let Some(html) = first_step_page(&page, &slug, lang).await {
            let mut response = html.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            return response;
        }
    }
    match ServeFile::new(&page.file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await
    {
        Ok(response) => response.into_response(),
        Err(error) => crate::error::ApiError::Internal(error.into()).into_response(),
    }
}

/// The built page with the clinic's first step in it, or `None` (unknown clinic, no built
/// page, a database error) for the page as built.
async fn first_step_page(page: &BookPage, slug: &str, lang: Language) -> Option<String> {
    let built = tokio::fs::read_to_string(&page.file).await.ok()?;
    let mut conn = page.state.db.pool.acquire().await.ok()?;
    let clinic = clinic_for_patients(&mut conn, slug, lang).await.ok()?;
    drop(conn);
    with_first_step(&built, &clinic, lang)
}

/// `built` with its `#boot` skeleton replaced by the clinic's first step, its title and
/// language set; `None` when the page has no `#boot` followed by `<noscript>` to replace.
/// trunk's minifier drops the quotes around attribute values and reorders attributes, so the
/// `<div>` is found by its id, written either way.
pub fn with_first_step(built: &str, clinic: &Clinic, lang: Language) -> Option<String> {
    let id = [r#" id="boot""#, " id=boot ", " id=boot>"]
        .iter()
        .find_map(|id| built.find(id))?;
    let boot = built[..id].rfind("<div")?;
    let end = boot + built[boot..].find("<noscript")?;
    let t = catalog(lang);
    let flow = format!("/book/{}", clinic.slug);
    let mut out = String::with_capacity(built.len() + 4096);
    out.push_str(&built[..boot]);
    // The skeleton's bar, then the step in the same wrappers as the app's (`<main>` and
    // `Markup`'s div), so it takes the same place on the screen.
    out.push_str(
        r#"<div id="boot" data-shell><header class="top"><div class="bar"><span class="brand"><span class="boot-logo"></span>Carebook</span></div></header><main class="boot-main"><div>"#,
    );
    out.push_str(&service_step_html(clinic, &flow, t));
    out.push_str("</div></main></div>");
    out.push_str(&built[end..]);
    let title = format!("<title>{} · Carebook</title>", escaped(t.title_service));
    let out = out.replacen("<title>Carebook</title>", &title, 1);
    Some(if lang == Language::En {
        out
    } else {
        let html_lang = format!(r#"<html lang="{}""#, lang.code());
        out.replacen(r#"<html lang="en""#, &html_lang, 1)
            .replacen("<html lang=en", &html_lang, 1)
    })
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    app::html::escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::wire::{Service, ServiceKind};

    /// The booking page as written (trunk's build minifies it; the e2e tests serve that one).
    const SOURCE: &str = include_str!("../../../app/index.html");

    fn clinic() -> Clinic {
        Clinic {
            slug: "demo".into(),
            name: "Riverside Family Clinic".into(),
            time_zone: "America/New_York".into(),
            address: "1 Main St".into(),
            phone: "+1 212 555 0142".into(),
            late_cancel_hours: 24,
            min_notice_minutes: 120,
            horizon_days: 60,
            languages: vec![Language::En, Language::Es],
            services: vec![Service {
                id: 3,
                name: "Consulta por video".into(),
                description: "Una llamada".into(),
                duration_minutes: 15,
                kind: ServiceKind::Telehealth,
                what_to_expect: "Le llamamos".into(),
                cost_note: "$40".into(),
                preparation_html: String::new(),
            }],
            practitioners: Vec::new(),
        }
    }

    #[test]
    fn the_skeleton_gives_way_to_the_first_step_and_the_rest_of_the_page_stays() {
        let page = with_first_step(SOURCE, &clinic(), Language::Es).unwrap();
        assert!(page.contains(r#"<html lang="es""#));
        assert!(page.contains("<title>¿Qué necesita? · Carebook</title>"));
        assert!(page.contains(r#"<div id="boot" data-shell>"#));
        assert!(page.contains(
            r#"<a class="card-link" href="/book/demo?service=3">Consulta por video</a>"#
        ));
        assert!(!page.contains("skel-block"), "no skeleton left");
        assert!(page.contains("<noscript>"));
        assert!(
            page.contains(r#"data-trunk rel="rust""#),
            "the app is still loaded"
        );
    }

    #[test]
    fn a_minified_page_is_found_too_and_a_page_without_the_skeleton_is_left_alone() {
        let minified = "<!doctype html><html lang=en><head><title>Carebook</title></head><body><div aria-busy=true id=boot><div class=skel></div></div><noscript>JS</noscript></body></html>";
        let page = with_first_step(minified, &clinic(), Language::En).unwrap();
        assert!(page.starts_with(
            "<!doctype html><html lang=en><head><title>What do you need? · Carebook</title>"
        ));
        assert!(page.ends_with("</div></main></div><noscript>JS</noscript></body></html>"));
        assert_eq!(
            with_first_step(
                "<html><body><main></main></body></html>",
                &clinic(),
                Language::En
            ),
            None
        );
    }
}
