//! `/a/{token}`: the visit page with the visit already in it (see `shell`), drawn with the
//! markup the app draws (`app::visit_page`), in the language the visit was booked in (which
//! the app shows it in too, unless the patient picked another on an earlier visit). Times are
//! written as the server reads them and put in the browser's words by `visit.html`'s inline
//! script before the first paint. An unknown token gets the page as built, whose app says so.

use super::appointments::view::{appointment_view, find_by_token};
use super::shell::{built, compression, drawn, with_screen};
use crate::routes::AppState;
use app::visit_page::{actions_html, visit_html, VisitShown};
use app::wire::Appointment;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

#[derive(Clone)]
struct VisitPage {
    state: AppState,
    /// The built visit page (`visit.html`, else `index.html`), read on each request so a new
    /// release is picked up like the other files.
    file: PathBuf,
}

pub fn page(state: AppState, dist: &std::path::Path) -> Router {
    let file = match dist.join("visit.html") {
        file if file.exists() => file,
        _ => dist.join("index.html"),
    };
    Router::new()
        .route("/a/{token}", get(visit))
        .with_state(VisitPage { state, file })
        .layer(compression())
}

async fn visit(
    State(page): State<VisitPage>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    // `?booked=1`: the page the booking flow ends on, which greets.
    let booked = request
        .uri()
        .query()
        .is_some_and(|query| query.split('&').any(|pair| pair == "booked=1"));
    if let Some(html) = visit_page(&page, &token, booked).await {
        return drawn(html);
    }
    built(&page.file, request).await
}

/// The built page with the visit in it, or `None` (unknown token, no built page, a database
/// error) for the page as built.
async fn visit_page(page: &VisitPage, token: &str, booked: bool) -> Option<String> {
    let built = tokio::fs::read_to_string(&page.file).await.ok()?;
    let mut conn = page.state.db.pool.acquire().await.ok()?;
    let (row, clinic) = find_by_token(&mut conn, token).await.ok()?;
    let appointment = appointment_view(&mut conn, &row, &clinic, None, page.state.now())
        .await
        .ok()?;
    drop(conn);
    with_visit(&built, &appointment, clinic.tz(), booked)
}

/// `built` with the visit drawn in, in the language it was booked in.
pub fn with_visit(built: &str, a: &Appointment, zone: Tz, booked: bool) -> Option<String> {
    let lang = a.patient.language;
    // Replaced before the first paint by the browser's words (see the module's doc); seen
    // as they are only where that script cannot run.
    let words = |at: DateTime<Utc>| {
        at.with_timezone(&zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string()
    };
    let drawn = visit_html(
        a,
        &VisitShown {
            lang,
            booked,
            done: None,
            offline: false,
            words: &words,
        },
    );
    // Inside the app's `<article>` and its `Markup` divs. A video visit's join link goes
    // between the two, ticking with the phone's clock: only the part above it is drawn, so
    // nothing drawn moves when the app adds it.
    let mut html = String::from(r#"<article class="visit"><div>"#);
    html.push_str(&drawn.head);
    html.push_str("</div>");
    if a.video_url.is_none() {
        html.push_str("<div>");
        html.push_str(&drawn.after);
        html.push_str(&actions_html(a, lang, None));
        html.push_str("</div>");
    }
    html.push_str("</article>");
    with_screen(built, &drawn.title, lang, &html)
}
