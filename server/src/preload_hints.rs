//! `Link: <…>; rel=preload` on the pages patients land on, naming the API answer the page will
//! ask for first. Without it the browser learns of that request only once the wasm has
//! downloaded and started, one more round trip on a slow phone network before anything of the
//! clinic's shows; with it the answer downloads alongside the wasm and is waiting. A response
//! header rather than a tag in the page, so the built pages stay static files that are served
//! precompressed.
//!
//! The hinted address must be exactly the one the page fetches (path, query, credentials mode),
//! or the browser downloads it twice; each hint below names the `app` function it mirrors.

use app::wire::Language;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub async fn add(request: Request, next: Next) -> Response {
    let language = browser_language(request.headers());
    let hints = hints_for(request.uri().path(), language);
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if hints.is_empty() || !response.status().is_success() || !is_page {
        return response;
    }
    let links = hints
        .iter()
        .map(|path| format!("<{path}>; rel=preload; as=fetch; crossorigin"))
        .collect::<Vec<_>>()
        .join(", ");
    if let Ok(value) = HeaderValue::from_str(&links) {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

/// The API answers a page asks for before it can show anything, by the page's path.
/// `language` is the browser's, which a first visit shows the booking page in.
pub fn hints_for(path: &str, language: Language) -> Vec<String> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    // Only plain ids and tokens go into a header; anything else gets no hint (and the page
    // shows its own "not found").
    if !segments.iter().all(|segment| is_plain(segment)) {
        return Vec::new();
    }
    match segments.as_slice() {
        // `api::clinic(slug, lang)`; every step of the flow loads the clinic first.
        ["book", clinic, ..] => vec![format!("/api/clinics/{clinic}?lang={}", language.code())],
        // `api::appointment(token, None)` (a first visit shows the language it was booked
        // in). Not its instructions: they are asked for later, once the visit is shown, when
        // Chromium no longer matches a preload to the request and would download them twice.
        ["a", token] => vec![format!("/api/appointments/{token}")],
        // `api::library::article(clinic, slug)`.
        ["learn", clinic, article] => {
            vec![format!("/api/clinics/{clinic}/articles/{article}")]
        }
        _ => Vec::new(),
    }
}

fn is_plain(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 128
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The language a first visit shows the booking page in: the browser's (`Accept-Language`),
/// else English. Also the language the server writes the flow's first step in.
pub fn browser_language(headers: &axum::http::HeaderMap) -> Language {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(first_language)
        .unwrap_or_default()
}

/// The first language of an `Accept-Language` header (`es-MX,es;q=0.9,en;q=0.8` → Spanish),
/// which is what `navigator.language` says in the browser sending it.
fn first_language(header: &str) -> Option<Language> {
    let first = header.split(',').next()?.split(';').next()?.trim();
    Language::from_tag(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_booking_flow_preloads_its_clinic_in_the_browsers_language() {
        assert_eq!(
            hints_for("/book/demo", Language::En),
            ["/api/clinics/demo?lang=en"]
        );
        assert_eq!(
            hints_for("/book/demo/time", Language::Es),
            ["/api/clinics/demo?lang=es"]
        );
    }

    #[test]
    fn a_visit_page_preloads_the_visit() {
        assert_eq!(
            hints_for("/a/Ab-c_9", Language::En),
            ["/api/appointments/Ab-c_9"]
        );
        assert!(hints_for("/a/Ab-c_9/survey", Language::En).is_empty());
    }

    #[test]
    fn an_article_preloads_itself() {
        assert_eq!(
            hints_for("/learn/demo/low-back-pain", Language::En),
            ["/api/clinics/demo/articles/low-back-pain"]
        );
        assert!(hints_for("/learn/demo", Language::En).is_empty());
    }

    #[test]
    fn odd_paths_get_no_hint() {
        for path in [
            "/",
            "/book",
            "/book/de%22mo",
            "/book/de>mo",
            "/book//time",
            "/a/x,y",
            "/console",
            "/learn/demo/a%0d%0aSet-Cookie",
        ] {
            assert!(hints_for(path, Language::En).is_empty(), "{path}");
        }
    }

    #[test]
    fn accept_language_picks_the_first_language() {
        assert_eq!(
            first_language("es-MX,es;q=0.9,en;q=0.8"),
            Some(Language::Es)
        );
        assert_eq!(first_language("en-US"), Some(Language::En));
        assert_eq!(first_language("fr-FR,es;q=0.5"), None);
        assert_eq!(first_language(""), None);
    }
}
