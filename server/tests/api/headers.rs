//! Security headers on every response (API answers, refusals, pages, files), a
//! Content-Security-Policy that admits the built pages' bootstrap scripts by hash and nothing
//! inline besides, and HSTS and Secure cookies only when patients reach us over https.

use crate::console::{try_sign_in, PASSWORD};
use crate::helpers::*;
use base64::Engine;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

const BOOT: &str = "import init from '/app-0123456789abcdef.js';\nawait init();";
const VISIT_BOOT: &str = "import init from '/visit-0123456789abcdef.js';\nawait init();";

fn csp_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A small built bundle: the landing page and the visit page, each with an inline module
/// script as trunk writes them (minified: unquoted attributes).
fn write_bundle(dist: &std::path::Path) {
    let page = |script: &str| {
        format!("<!doctype html><html lang=en><title>Carebook</title><script type=module>{script}</script><body></body></html>")
    };
    std::fs::write(dist.join("index.html"), page(BOOT)).unwrap();
    std::fs::write(dist.join("visit.html"), page(VISIT_BOOT)).unwrap();
    std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
}

fn header<'a>(headers: &'a HeaderMap, name: &str, what: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("{what}: no {name}"))
        .to_str()
        .unwrap()
}

/// Every header we promise; returns the Content-Security-Policy.
fn assert_security_headers(headers: &HeaderMap, what: &str) -> String {
    assert_eq!(header(headers, "x-content-type-options", what), "nosniff");
    assert_eq!(header(headers, "referrer-policy", what), "no-referrer");
    assert_eq!(header(headers, "x-frame-options", what), "DENY");
    assert_eq!(
        header(headers, "cross-origin-opener-policy", what),
        "same-origin"
    );
    let permissions = header(headers, "permissions-policy", what);
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
        assert!(permissions.contains(feature), "{what}: {permissions}");
    }
    let csp = header(headers, "content-security-policy", what).to_string();
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    csp
}

#[tokio::test]
async fn api_answers_refusals_pages_and_files_all_carry_the_security_headers() {
    let app = spawn_app_serving(tuesday_morning(), write_bundle).await;
    for (path, status) in [
        ("/api/health", StatusCode::OK),
        ("/api/clinics/demo", StatusCode::OK),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
        ("/", StatusCode::OK),
        ("/book/demo", StatusCode::OK),
        ("/a/some-visit-token", StatusCode::OK),
        ("/favicon.svg", StatusCode::OK),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_security_headers(response.headers(), path);
        assert!(
            response
                .headers()
                .get("strict-transport-security")
                .is_none(),
            "{path}: no HSTS over plain http"
        );
    }
    let wrong_method = app
        .client
        .delete(app.url("/api/clinics/demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_security_headers(wrong_method.headers(), "405");
}

#[tokio::test]
async fn the_policy_admits_each_built_pages_bootstrap_script_by_its_hash() {
    let app = spawn_app_serving(tuesday_morning(), write_bundle).await;
    let page = app.client.get(app.url("/")).send().await.unwrap();
    let csp = assert_security_headers(page.headers(), "/");
    assert!(page.text().await.unwrap().contains(BOOT), "the page served");
    assert!(csp.contains(&csp_hash(BOOT)), "{csp}");
    assert!(csp.contains(&csp_hash(VISIT_BOOT)), "{csp}");
    assert!(
        !csp.contains(&csp_hash("alert(1)")),
        "no other inline script"
    );
    let visit = app
        .client
        .get(app.url("/a/some-visit-token"))
        .send()
        .await
        .unwrap();
    let csp = assert_security_headers(visit.headers(), "/a/…");
    assert!(csp.contains(&csp_hash(VISIT_BOOT)), "{csp}");
}

#[tokio::test]
async fn over_https_browsers_are_told_to_stay_on_https_and_cookies_are_secure() {
    let app = spawn_app_configured(tuesday_morning(), write_bundle, |settings| {
        settings.public_url = "https://book.example-clinic.org".into();
    })
    .await;
    for path in ["/api/health", "/", "/api/nothing-here"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_security_headers(response.headers(), path);
        assert_eq!(
            header(response.headers(), "strict-transport-security", path),
            "max-age=31536000; includeSubDomains"
        );
    }
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    let signed_in = try_sign_in(&app, "admin@demo.carebook.test", PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = header(signed_in.headers(), "set-cookie", "sign-in");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn over_plain_http_the_session_cookie_is_not_marked_secure() {
    let app = spawn_app().await;
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    let signed_in = try_sign_in(&app, "admin@demo.carebook.test", PASSWORD).await;
    let cookie = header(signed_in.headers(), "set-cookie", "sign-in");
    // A browser would drop a Secure cookie sent over http, and the console would not work.
    assert!(!cookie.contains("Secure"), "{cookie}");
}
