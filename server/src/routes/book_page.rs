//! `/book/{clinic}`: the booking page with the flow's first step already in it.
//!
//! The built page (`index.html`) holds a grey skeleton until the app has downloaded and
//! started, which on a slow phone network is the slowest part of a first visit. For the
//! flow's start (no choice in the query yet), the server writes the clinic's services into
//! the page instead (see `shell`), with the very markup the app draws (`app::first_step`), in
//! the language the app will choose (the browser's, as the preload hint assumes). The page's
//! links work before the app does. Any other step, or an unknown clinic, gets the page as built.

use super::clinics::clinic_for_patients;
use super::shell::{built, compression, drawn, with_screen};
use crate::preload_hints::browser_language;
use crate::routes::AppState;
use app::first_step::service_step_html;
use app::i18n::catalog;
use app::wire::{Clinic, Language};
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;

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
        .layer(compression())
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
            return drawn(html);
        }
    }
    built(&page.file, request).await
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

/// `built` with the clinic's first step drawn in, in `lang`.
pub fn with_first_step(built: &str, clinic: &Clinic, lang: Language) -> Option<String> {
    let t = catalog(lang);
    let flow = format!("/book/{}", clinic.slug);
    // Inside `Markup`'s div, as the app draws it.
    let step = ["<div>", &service_step_html(clinic, &flow, t), "</div>"].concat();
    with_screen(built, t.flow().title_service, lang, &step)
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
        assert!(page.contains(r#"<main class="boot-main"><div><p class="clinic-name">"#));
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
}
