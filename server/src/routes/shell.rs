//! Pages that arrive with their first screen drawn by the server, in place of the built page's
//! grey skeleton: the booking flow's first step (`book_page`), a visit (`visit_page`) and an
//! article of the health library (`learn_page`). Each draws the markup its app draws (in `app`), so the app, mounted
//! hidden, swaps itself in without a flash or a shift (`app::components::mount_app`). Whatever
//! cannot be drawn (an unknown clinic, visit or article, a database error) gets the page as built.

use crate::error::ApiError;
use app::html::escape_into;
use app::wire::Language;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeFile;
use tower_http::CompressionLevel;

/// As hard as the build compresses its files (a few kilobytes, about a millisecond): these
/// pages start a first visit's byte budget. The server-wide layer leaves an answer already
/// compressed alone.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new().quality(CompressionLevel::Best)
}

/// `built` with its `#boot` skeleton replaced by a drawn screen: the skeleton's bar, then
/// `main_html` in a `<main>` where the app's own goes, the title set to "`title` · Carebook" and
/// the page's language to `lang`. `None` when the page has no `#boot` followed by
/// `<noscript>`. trunk's minifier drops the quotes around attribute values and reorders
/// attributes, so the `<div>` is found by its id, written either way.
pub fn with_screen(built: &str, title: &str, lang: Language, main_html: &str) -> Option<String> {
    let id = [r#" id="boot""#, " id=boot ", " id=boot>"]
        .iter()
        .find_map(|id| built.find(id))?;
    let boot = built[..id].rfind("<div")?;
    let end = boot + built[boot..].find("<noscript")?;
    let mut out = String::with_capacity(built.len() + main_html.len() + 256);
    out.push_str(&built[..boot]);
    out.push_str(
        r#"<div id="boot" data-shell><header class="top"><div class="bar"><span class="brand"><span class="boot-logo"></span>Carebook</span></div></header><main class="boot-main">"#,
    );
    out.push_str(main_html);
    out.push_str("</main></div>");
    out.push_str(&built[end..]);
    let mut full_title = String::from("<title>");
    escape_into(&mut full_title, title);
    full_title.push_str(" · Carebook</title>");
    let out = out.replacen("<title>Carebook</title>", &full_title, 1);
    Some(if lang == Language::En {
        out
    } else {
        let html_lang = format!(r#"<html lang="{}""#, lang.code());
        out.replacen(r#"<html lang="en""#, &html_lang, 1)
            .replacen("<html lang=en", &html_lang, 1)
    })
}

/// A drawn page as an answer.
pub fn drawn(html: String) -> Response {
    let mut response = html.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// The page as built, precompressed like every built file.
pub async fn built(file: &Path, request: Request) -> Response {
    match ServeFile::new(file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await
    {
        Ok(response) => response.into_response(),
        Err(error) => ApiError::Internal(error.into()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minified_page_is_found_too_and_a_page_without_the_skeleton_is_left_alone() {
        let minified = "<!doctype html><html lang=en><head><title>Carebook</title></head><body><div aria-busy=true id=boot><div class=skel></div></div><noscript>JS</noscript></body></html>";
        let page = with_screen(minified, "A & B", Language::Es, "<p>drawn</p>").unwrap();
        assert!(page.starts_with(
            r#"<!doctype html><html lang="es"><head><title>A &amp; B · Carebook</title>"#
        ));
        assert!(page.ends_with(
            r#"<main class="boot-main"><p>drawn</p></main></div><noscript>JS</noscript></body></html>"#
        ));
        assert!(!page.contains("skel"));
        assert_eq!(
            with_screen(
                "<html><body><main></main></body></html>",
                "T",
                Language::En,
                ""
            ),
            None
        );
    }
}
