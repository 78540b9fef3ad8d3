//! The booking widget's contract as a clinic and its web developer meet it: the admin's list
//! of web sites allowed to show the widget (`/api/console/embed`), the frame (`/embed/{clinic}`)
//! that only those sites (and Carebook) may show while no other page may be framed at all, and
//! the loader (`/embed.js`) cached for minutes, not for good, since its URL never changes.

use crate::console::{console_app, from_console, other_clinic_admin, sign_in, ADMIN, DESK, DOCTOR};
use crate::helpers::*;
use reqwest::header::{HeaderMap, CACHE_CONTROL, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::{json, Value};

const BOOT: &str = "import init from '/app-0123456789abcdef.js';\nawait init();";
const EMBED_BOOT: &str = "import init from '/embed-0123456789abcdef.js';\nawait init();";
const LOADER: &str = "(function(){window.Carebook={open:function(){}};})();\n";

fn page(script: &str, body: &str) -> String {
    format!("<!doctype html><html lang=en><title>Carebook</title><script type=module>{script}</script><body>{body}</body></html>")
}

/// A built bundle as `.ci/build` leaves it: the app shell, the widget's frame page, the
/// loader, and a hashed script.
fn write_bundle_with_frame(dist: &std::path::Path) {
    std::fs::write(dist.join("index.html"), page(BOOT, "shell")).unwrap();
    std::fs::write(dist.join("embed.html"), page(EMBED_BOOT, "frame")).unwrap();
    std::fs::write(dist.join("embed.js"), LOADER).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "export default 1;\n").unwrap();
}

/// A console server (demo staff signed up) serving `make_dist`'s bundle.
async fn console_app_serving(make_dist: impl FnOnce(&std::path::Path)) -> TestApp {
    let app = spawn_app_serving(tuesday_morning(), make_dist).await;
    carebook::demo::seed_staff(&app.db, crate::console::PASSWORD, app.now)
        .await
        .unwrap();
    app
}

async fn read_list(app: &TestApp, cookie: &str) -> reqwest::Response {
    from_console(app, app.client.get(app.url("/api/console/embed")), cookie)
        .send()
        .await
        .unwrap()
}

async fn save_list(app: &TestApp, cookie: &str, body: Value) -> reqwest::Response {
    from_console(app, app.client.put(app.url("/api/console/embed")), cookie)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The list as the admin's console reads it.
async fn saved_list(app: &TestApp, cookie: &str) -> Vec<String> {
    let response = read_list(app, cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    serde_json::from_value(body["origins"].clone()).unwrap()
}

/// Saves `origins` and expects them taken; returns the list as stored.
async fn save_ok(app: &TestApp, cookie: &str, origins: &[&str]) -> Vec<String> {
    let response = save_list(app, cookie, json!({ "origins": origins })).await;
    assert_eq!(response.status(), StatusCode::OK, "{origins:?}");
    let body: Value = response.json().await.unwrap();
    serde_json::from_value(body["origins"].clone()).unwrap()
}

fn header<'a>(headers: &'a HeaderMap, name: &str, what: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("{what}: no {name}"))
        .to_str()
        .unwrap()
}

/// The sources of the policy's `frame-ancestors`, in order.
fn frame_ancestors(headers: &HeaderMap, what: &str) -> Vec<String> {
    let csp = header(headers, "content-security-policy", what);
    let directives: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| d.starts_with("frame-ancestors"))
        .collect();
    assert_eq!(directives.len(), 1, "{what}: one frame-ancestors in {csp}");
    directives[0]
        .split_ascii_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// The policy without its `frame-ancestors`: what the frame and the other pages share.
fn policy_but_frame_ancestors(headers: &HeaderMap, what: &str) -> Vec<String> {
    header(headers, "content-security-policy", what)
        .split(';')
        .map(str::trim)
        .filter(|d| !d.starts_with("frame-ancestors"))
        .map(str::to_string)
        .collect()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

/// What a clinic site's browser is told about showing `path` in a frame: the frame's status,
/// its `frame-ancestors`, and whether `X-Frame-Options` forbids it besides.
async fn framing_of(app: &TestApp, path: &str) -> (StatusCode, Vec<String>, Option<String>) {
    let response = get(app, path).await;
    let ancestors = frame_ancestors(response.headers(), path);
    let x_frame = response
        .headers()
        .get("x-frame-options")
        .map(|v| v.to_str().unwrap().to_string());
    (response.status(), ancestors, x_frame)
}

fn sources(list: &[&str]) -> Vec<String> {
    std::iter::once("'self'")
        .chain(list.iter().copied())
        .map(str::to_string)
        .collect()
}

async fn demo_clinic_id(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'demo'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn embed_audits(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT action, record_type, record_id FROM audit_log WHERE action = 'update_embed' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

// --- The admin's list --------------------------------------------------------------------

#[tokio::test]
async fn an_admin_lists_the_widgets_web_sites_and_reads_them_back_as_stored_in_order() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    assert!(
        saved_list(&app, &admin).await.is_empty(),
        "a new clinic's widget works on no other site"
    );

    let stored = save_ok(
        &app,
        &admin,
        &[
            "HTTPS://Clinic.Example:443/",
            "https://www.clinic.example:8443",
            "  http://localhost:5173 ",
            "https://clínica.example",
            "https://blog.clinic.example",
        ],
    )
    .await;
    let expected = [
        "https://clinic.example",
        "https://www.clinic.example:8443",
        "http://localhost:5173",
        "https://xn--clnica-4va.example",
        "https://blog.clinic.example",
    ];
    assert_eq!(
        stored, expected,
        "stored in one spelling, in the order given"
    );
    assert_eq!(saved_list(&app, &admin).await, expected);

    // A new list replaces the old one, in its own order (not alphabetical, not by age).
    let replaced = save_ok(
        &app,
        &admin,
        &[
            "https://zeta.example",
            "https://clinic.example",
            "https://alpha.example",
        ],
    )
    .await;
    assert_eq!(
        replaced,
        [
            "https://zeta.example",
            "https://clinic.example",
            "https://alpha.example"
        ]
    );
    assert_eq!(saved_list(&app, &admin).await, replaced);
    assert!(save_ok(&app, &admin, &[]).await.is_empty());
    assert!(saved_list(&app, &admin).await.is_empty(), "emptied");

    // Each change is in the audit log by ids only: which clinic, never the sites themselves.
    let clinic = demo_clinic_id(&app).await.to_string();
    let audits = embed_audits(&app).await;
    assert_eq!(audits.len(), 3, "{audits:?}");
    for (_, record_type, record_id) in &audits {
        assert_eq!(
            (record_type.as_str(), record_id.as_str()),
            ("clinic", clinic.as_str())
        );
    }
}

#[tokio::test]
async fn each_refused_list_says_why_and_leaves_the_saved_list_as_it_was() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let saved = save_ok(&app, &admin, &["https://clinic.example"]).await;
    let too_many: Vec<String> = (1..=21)
        .map(|n| format!("https://site{n}.example"))
        .collect();
    let cases: Vec<(Value, &str)> = vec![
        (json!(["https://clinic.example/book"]), "not_an_origin"),
        (json!(["https://clinic.example/?utm=1"]), "not_an_origin"),
        (json!(["https://clinic.example#top"]), "not_an_origin"),
        (json!(["https://*.clinic.example"]), "not_an_origin"),
        (json!(["*"]), "not_an_origin"),
        (json!(["https://user@clinic.example"]), "not_an_origin"),
        (
            json!(["https://user:secret@clinic.example"]),
            "not_an_origin",
        ),
        (json!(["clinic.example"]), "not_an_origin"),
        (json!(["'none'"]), "not_an_origin"),
        (json!([""]), "not_an_origin"),
        (json!(["javascript:alert(1)"]), "not_an_origin"),
        // Anything that would read as more than one source or directive in the policy.
        (
            json!(["https://a.example https://b.example"]),
            "not_an_origin",
        ),
        (json!(["https://a.example;script-src"]), "not_an_origin"),
        (json!(["https://a.example,script-src"]), "not_an_origin"),
        (json!(["https://a.example'"]), "not_an_origin"),
        (
            json!(["https://good.example", "https://bad.example/path"]),
            "not_an_origin",
        ),
        (json!(["http://clinic.example"]), "needs_https"),
        (json!(["http://10.0.0.5:8080"]), "needs_https"),
        (
            json!(["https://a.example", "HTTPS://A.example:443/"]),
            "repeated",
        ),
        (json!(too_many), "too_many"),
    ];
    for (origins, code) in cases {
        let response = save_list(&app, &admin, json!({ "origins": origins })).await;
        let (status, body) = error_code(response).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{origins}: {body}"
        );
        assert_eq!(body["error"], "validation", "{origins}");
        assert!(body["message"].is_string(), "{origins}: {body}");
        assert_eq!(body["fields"], json!({ "origins": code }), "{origins}");
        assert_eq!(saved_list(&app, &admin).await, saved, "after {origins}");
    }
    // Twenty is the most, and is taken.
    let twenty: Vec<String> = (1..=20)
        .map(|n| format!("https://site{n}.example"))
        .collect();
    let twenty: Vec<&str> = twenty.iter().map(String::as_str).collect();
    assert_eq!(save_ok(&app, &admin, &twenty).await, twenty);
    assert_eq!(embed_audits(&app).await.len(), 2, "refusals change nothing");
}

#[tokio::test]
async fn only_an_admin_in_the_console_may_read_or_change_the_list() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let saved = save_ok(&app, &admin, &["https://clinic.example"]).await;
    let change = json!({ "origins": ["https://evil.example"] });

    for email in [DESK, DOCTOR] {
        let cookie = sign_in(&app, email).await;
        let (status, body) = error_code(read_list(&app, &cookie).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email} reads: {body}");
        assert_eq!(body["error"], "forbidden");
        let (status, body) = error_code(save_list(&app, &cookie, change.clone()).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email} saves: {body}");
        assert_eq!(body["error"], "forbidden");
    }

    // No session (sent from the console's own origin, so the session is what is missing).
    let (status, body) = error_code(read_list(&app, "").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, body) = error_code(save_list(&app, "", change.clone()).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    // The admin's cookie sent by another site's page, or with no Origin at all: refused like
    // every other console write, so a forged form cannot add a site to the list.
    for origin in [Some("https://evil.example"), None] {
        let mut request = app
            .client
            .put(app.url("/api/console/embed"))
            .header("cookie", &admin)
            .json(&change);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let (status, body) = error_code(request.send().await.unwrap()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "origin {origin:?}: {body}");
        assert_eq!(body["error"], "cross_site", "origin {origin:?}");
    }

    assert_eq!(saved_list(&app, &admin).await, saved);
    assert_eq!(
        embed_audits(&app).await.len(),
        1,
        "only the admin's own save"
    );
}

#[tokio::test]
async fn each_clinics_admin_sees_and_changes_only_their_own_list() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let ours = save_ok(&app, &admin, &["https://riverside.example"]).await;
    let theirs_admin = other_clinic_admin(&app).await;
    assert!(
        saved_list(&app, &theirs_admin).await.is_empty(),
        "another clinic does not see the demo clinic's sites"
    );
    let theirs = save_ok(&app, &theirs_admin, &["https://other.example"]).await;
    assert_eq!(saved_list(&app, &admin).await, ours);
    assert_eq!(saved_list(&app, &theirs_admin).await, theirs);

    assert_eq!(
        framing_of(&app, "/embed/demo").await.1,
        sources(&["https://riverside.example"])
    );
    assert_eq!(
        framing_of(&app, "/embed/other").await.1,
        sources(&["https://other.example"])
    );
}

// --- The frame and every other page ------------------------------------------------------

#[tokio::test]
async fn the_frame_may_be_shown_by_carebook_and_the_clinics_listed_sites_only() {
    let app = console_app_serving(write_bundle_with_frame).await;
    let frame_urls = [
        "/embed/demo",
        "/embed/demo?host=https%3A%2F%2Fclinic.example&lang=es&brand=0a7d5c",
        "/embed/demo/booked",
    ];
    for path in frame_urls {
        let response = get(&app, path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            header(response.headers(), "content-type", path).starts_with("text/html"),
            "{path}"
        );
        assert_eq!(
            header(response.headers(), "cache-control", path),
            "no-cache"
        );
        assert!(
            response.headers().get("x-frame-options").is_none(),
            "{path}"
        );
        assert_eq!(frame_ancestors(response.headers(), path), sources(&[]));
        assert_eq!(response.text().await.unwrap(), page(EMBED_BOOT, "frame"));
    }

    // The list is read on every load: the next frame names the new list, in its order.
    let admin = sign_in(&app, ADMIN).await;
    let listed = ["https://www.clinic.example", "https://clinic.example:8443"];
    save_ok(&app, &admin, &listed).await;
    for path in frame_urls {
        assert_eq!(
            framing_of(&app, path).await,
            (StatusCode::OK, sources(&listed), None),
            "{path}"
        );
    }
    save_ok(&app, &admin, &["https://new.example"]).await;
    assert_eq!(
        framing_of(&app, "/embed/demo").await.1,
        sources(&["https://new.example"])
    );
    save_ok(&app, &admin, &[]).await;
    assert_eq!(framing_of(&app, "/embed/demo").await.1, sources(&[]));
}

#[tokio::test]
async fn an_unknown_clinics_frame_may_be_shown_by_carebook_only() {
    let app = console_app_serving(write_bundle_with_frame).await;
    let admin = sign_in(&app, ADMIN).await;
    save_ok(&app, &admin, &["https://clinic.example"]).await;
    for path in ["/embed/nowhere", "/embed/nowhere/booked", "/embed/DEMO"] {
        let (status, ancestors, x_frame) = framing_of(&app, path).await;
        // The frame's own page says "not found"; its server answer is the page.
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(ancestors, sources(&[]), "{path}");
        assert_eq!(x_frame, None, "{path}");
    }
}

#[tokio::test]
async fn no_other_page_or_answer_may_be_framed_even_with_sites_listed() {
    let app = console_app_serving(write_bundle_with_frame).await;
    let admin = sign_in(&app, ADMIN).await;
    save_ok(&app, &admin, &["https://clinic.example"]).await;
    let frame = get(&app, "/embed/demo").await;
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/book/demo", StatusCode::OK),
        ("/a/some-visit-token", StatusCode::OK),
        ("/a/some-visit-token/survey", StatusCode::OK),
        ("/console", StatusCode::OK),
        ("/console/embed", StatusCode::OK),
        ("/learn/demo", StatusCode::OK),
        ("/embed", StatusCode::OK),
        ("/embed.js", StatusCode::OK),
        ("/app-0123456789abcdef.js", StatusCode::OK),
        ("/api/clinics/demo", StatusCode::OK),
        ("/api/health", StatusCode::OK),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
        ("/api/console/embed", StatusCode::UNAUTHORIZED),
    ] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            header(response.headers(), "x-frame-options", path),
            "DENY",
            "{path}"
        );
        assert_eq!(
            frame_ancestors(response.headers(), path),
            ["'none'"],
            "{path}"
        );
        // Everything but frame-ancestors is the same policy the frame gets.
        assert_eq!(
            policy_but_frame_ancestors(response.headers(), path),
            policy_but_frame_ancestors(frame.headers(), "/embed/demo"),
            "{path}"
        );
    }
    let read = from_console(&app, app.client.get(app.url("/api/console/embed")), &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(
        header(read.headers(), "x-frame-options", "GET embed"),
        "DENY"
    );
}

#[tokio::test]
async fn the_frame_keeps_every_other_protection_of_the_app() {
    let app = console_app_serving(write_bundle_with_frame).await;
    let frame = get(&app, "/embed/demo").await;
    let what = "/embed/demo";
    let headers = frame.headers();
    assert_eq!(header(headers, "x-content-type-options", what), "nosniff");
    assert_eq!(header(headers, "referrer-policy", what), "no-referrer");
    let policy = policy_but_frame_ancestors(headers, what);
    for directive in [
        "default-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(
            policy.contains(&directive.to_string()),
            "{directive} in {policy:?}"
        );
    }
    // The frame page's own bootstrap script is admitted by its hash, and nothing inline else.
    let script_src = policy
        .iter()
        .find(|d| d.starts_with("script-src"))
        .expect("script-src");
    assert!(script_src.starts_with("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(script_src.contains(&csp_hash(EMBED_BOOT)), "{script_src}");
    assert!(!script_src.contains("unsafe-inline"), "{script_src}");
}

fn csp_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[tokio::test]
async fn without_a_frame_build_the_app_shell_is_served_with_the_frames_headers() {
    // Tests and API-only builds have no embed.html: the frame URL still answers with the
    // shell, and the clinic's sites are still the only ones that may show it.
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        std::fs::write(dist.join("index.html"), page(BOOT, "shell")).unwrap();
    })
    .await;
    carebook::demo::seed_staff(&app.db, crate::console::PASSWORD, app.now)
        .await
        .unwrap();
    let admin = sign_in(&app, ADMIN).await;
    save_ok(&app, &admin, &["https://clinic.example"]).await;
    for path in ["/embed/demo", "/embed/demo/booked"] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            response.headers().get("x-frame-options").is_none(),
            "{path}"
        );
        assert_eq!(
            frame_ancestors(response.headers(), path),
            sources(&["https://clinic.example"])
        );
        assert_eq!(response.text().await.unwrap(), page(BOOT, "shell"));
    }
    let (_, home, x_frame) = framing_of(&app, "/book/demo").await;
    assert_eq!(
        (home, x_frame.as_deref()),
        (vec!["'none'".to_string()], Some("DENY"))
    );
}

// --- The loader ----------------------------------------------------------------------------

#[tokio::test]
async fn the_loader_is_javascript_cached_for_five_minutes_while_hashed_files_stay_for_good() {
    let app = spawn_app_serving(tuesday_morning(), write_bundle_with_frame).await;
    let loader = get(&app, "/embed.js").await;
    assert_eq!(loader.status(), StatusCode::OK);
    let content_type = header(loader.headers(), CONTENT_TYPE.as_str(), "/embed.js").to_string();
    assert!(content_type.contains("javascript"), "{content_type}");
    assert_eq!(
        header(loader.headers(), CACHE_CONTROL.as_str(), "/embed.js"),
        "public, max-age=300",
        "a new release reaches clinics' sites within minutes"
    );
    assert_eq!(loader.text().await.unwrap(), LOADER);
    // A query (a clinic's cache-buster) does not change what the loader is.
    let busted = get(&app, "/embed.js?v=2").await;
    assert_eq!(
        header(busted.headers(), CACHE_CONTROL.as_str(), "/embed.js?v=2"),
        "public, max-age=300"
    );

    let hashed = get(&app, "/app-0123456789abcdef.js").await;
    assert_eq!(hashed.status(), StatusCode::OK);
    assert_eq!(
        header(hashed.headers(), CACHE_CONTROL.as_str(), "hashed"),
        "public, max-age=31536000, immutable"
    );
    let frame = get(&app, "/embed/demo").await;
    assert_eq!(
        header(frame.headers(), CACHE_CONTROL.as_str(), "frame"),
        "no-cache",
        "the frame page is revalidated so a release is picked up at once"
    );
}

#[tokio::test]
async fn the_loader_is_sent_precompressed_when_the_build_made_it_so() {
    const GZIPPED: &[u8] = b"\x1f\x8b pretend gzip of embed.js";
    let app = spawn_app_serving(tuesday_morning(), |dist| {
        write_bundle_with_frame(dist);
        std::fs::write(dist.join("embed.js.gz"), GZIPPED).unwrap();
    })
    .await;
    let loader = app
        .client
        .get(app.url("/embed.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(loader.status(), StatusCode::OK);
    assert_eq!(header(loader.headers(), "content-encoding", "gz"), "gzip");
    assert!(header(loader.headers(), "content-type", "gz").contains("javascript"));
    assert_eq!(
        header(loader.headers(), CACHE_CONTROL.as_str(), "gz"),
        "public, max-age=300"
    );
    assert_eq!(loader.bytes().await.unwrap().as_ref(), GZIPPED);
}

// --- Input that must never fail the server -------------------------------------------------

#[tokio::test]
async fn odd_clinic_addresses_in_a_frame_url_never_fail_and_name_no_other_site() {
    let app = console_app_serving(write_bundle_with_frame).await;
    let admin = sign_in(&app, ADMIN).await;
    save_ok(&app, &admin, &["https://clinic.example"]).await;
    let long = "a".repeat(5_000);
    for path in [
        "/embed/%00".to_string(),
        "/embed/demo%00".to_string(),
        "/embed/%FF%FE".to_string(),
        format!("/embed/{long}"),
        "/embed/cl%C3%ADnica".to_string(),
        "/embed/%F0%9F%A9%BA".to_string(),
        "/embed/demo%20".to_string(),
        "/embed/..%2Fconsole".to_string(),
        "/embed/'%3Bscript-src%20*".to_string(),
    ] {
        let response = get(&app, &path).await;
        let status = response.status();
        assert!(!status.is_server_error(), "{path}: {status}");
        if status.is_success() {
            // Whatever the address, it is not the demo clinic's: only Carebook may frame it.
            assert_eq!(
                frame_ancestors(response.headers(), &path),
                sources(&[]),
                "{path}"
            );
        } else {
            assert!(status.is_client_error(), "{path}: {status}");
            assert_eq!(header(response.headers(), "x-frame-options", &path), "DENY");
            let body: Value = response.json().await.expect("a JSON refusal");
            assert!(
                body["error"].is_string() && body["message"].is_string(),
                "{body}"
            );
        }
    }
    // Odd screens of the demo clinic's frame are still its frame.
    for path in [
        format!("/embed/demo/{long}"),
        "/embed/demo/%00/booked".into(),
    ] {
        let (status, ancestors, _) = framing_of(&app, &path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(ancestors, sources(&["https://clinic.example"]), "{path}");
    }
}

#[tokio::test]
async fn lists_of_the_wrong_shape_get_a_clear_json_refusal_and_change_nothing() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let saved = save_ok(&app, &admin, &["https://clinic.example"]).await;
    for (body, status, field) in [
        (
            json!({ "origins": "https://a.example" }),
            422,
            Some("origins"),
        ),
        (json!({ "origins": [1, 2] }), 422, Some("origins[0]")),
        (json!({ "origins": [null] }), 422, Some("origins[0]")),
        (json!({ "origins": null }), 422, Some("origins")),
        (json!({ "origins": { "a": 1 } }), 422, Some("origins")),
        (json!({}), 422, Some("origins")),
        (json!([]), 422, None),
        (json!("https://a.example"), 422, None),
        (json!(null), 422, None),
    ] {
        let (got, error) = error_code(save_list(&app, &admin, body.clone()).await).await;
        assert_eq!(got.as_u16(), status, "{body}: {error}");
        assert_eq!(error["error"], "validation", "{body}");
        assert!(error["message"].is_string(), "{body}");
        if let Some(field) = field {
            assert!(error["fields"].get(field).is_some(), "{body}: {error}");
        }
    }
    let not_json = from_console(&app, app.client.put(app.url("/api/console/embed")), &admin)
        .header("content-type", "application/json")
        .body("{\"origins\": [\"https://a.example\"")
        .send()
        .await
        .unwrap();
    let (status, error) = error_code(not_json).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["fields"]["body"], "invalid_json");

    let as_text = from_console(&app, app.client.put(app.url("/api/console/embed")), &admin)
        .header("content-type", "text/plain")
        .body("https://a.example")
        .send()
        .await
        .unwrap();
    let (status, error) = error_code(as_text).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{error}");

    let huge: Vec<String> = (0..4_000)
        .map(|n| format!("https://site{n}.example"))
        .collect();
    let (status, error) =
        error_code(save_list(&app, &admin, json!({ "origins": huge })).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{error}");

    let one_long = format!("https://{}.example", "a".repeat(10_000));
    let (status, error) =
        error_code(save_list(&app, &admin, json!({ "origins": [one_long] })).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["fields"]["origins"], "not_an_origin");

    let wrong_method = from_console(
        &app,
        app.client.delete(app.url("/api/console/embed")),
        &admin,
    )
    .send()
    .await
    .unwrap();
    let (status, error) = error_code(wrong_method).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{error}");

    assert_eq!(saved_list(&app, &admin).await, saved);
}
