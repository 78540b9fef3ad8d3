//! The API described for its users: the OpenAPI 3.1 document at `/api/openapi.json`, generated
//! from the `#[utoipa::path]` annotations on the handlers and the wire types' `ToSchema`, and a
//! page to read it at `/api/docs`.
//!
//! The page is Swagger UI, served from our own origin: this machine (and many clinics') cannot
//! load from a CDN, and the Content-Security-Policy allows no inline script. So the page is
//! plain HTML that loads three same-origin files: Swagger UI's bundle and stylesheet, which
//! `.ci/setup` installs from npm (`swagger-ui-dist`, version pinned in `api-docs/package.json`)
//! and `.ci/build` copies into `dist/api-docs/`, served by `startup::app` under
//! `/api/docs/assets/`; and `docs-init.js` below, our start-up code, compiled into the binary.
//! (utoipa-swagger-ui would download its zip from GitHub at build time, which fails here.)
//! None of it is part of the patient's bundle.

use super::AppState;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use std::sync::OnceLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::OpenApi;

/// Where Swagger UI's files are served from (see `startup::app`).
pub const ASSETS_PATH: &str = "/api/docs/assets";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs_page))
        .route("/docs/docs-init.js", get(docs_init))
}

/// The routes outside the console (the patient's API and the health check).
#[derive(OpenApi)]
#[openapi(paths(
    super::health::health,
    super::health::ready,
    super::clinics::clinic,
    super::availability::availability,
    super::library::list,
    super::library::article,
    openapi_json,
    docs_page
))]
struct PublicApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Carebook API",
        description = "Booking a clinic visit online (patient routes), and the clinic console \
                       (`/api/console`, signed-in staff only). Every error is JSON: \
                       `{error, message, fields?}` (`ApiErrorBody`). Times are RFC 3339 in UTC; \
                       days are `YYYY-MM-DD` in the clinic's time zone."
    ),
    tags(
        (name = "patient", description = "Public: a clinic's services and free times, booking, and the visit page (by its secret token)."),
        (name = "about", description = "This API's own description."),
        (name = "console", description = "The clinic console: staff signed in with the session cookie. Writes must come from the console's own pages (Origin or Referer naming this host).")
    ),
    modifiers(&SessionCookie)
)]
struct Carebook;

/// The console's sign-in sets this cookie; every console route but sign-in needs it.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                super::console::auth::SESSION_COOKIE,
                "Set by POST /api/console/sign-in; HttpOnly, SameSite=Strict, idle timeout 15 minutes.",
            ))),
        );
    }
}

/// The whole document: every route, with paths as served (under `/api`).
pub fn document() -> Document {
    let mut routes = PublicApi::openapi();
    routes.merge(super::appointments::AppointmentsApi::openapi());
    routes.merge(super::waitlist::WaitlistApi::openapi());
    routes.merge(super::console::openapi());
    let mut doc = Carebook::openapi().nest("/api", routes);
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc
}

/// Built once: the document never changes while the server runs.
fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        document()
            .to_pretty_json()
            .expect("the OpenAPI document serializes")
    })
}

#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "about",
    summary = "This description, OpenAPI 3.1",
    responses((status = 200, description = "The OpenAPI document.", content_type = "application/json", body = Object))
)]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document_json(),
    )
}

#[utoipa::path(
    get,
    path = "/docs",
    tag = "about",
    summary = "This description as a page to read",
    responses((status = 200, description = "Swagger UI showing the document.", content_type = "text/html", body = String))
)]
async fn docs_page() -> Html<String> {
    Html(format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carebook API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<noscript>The API description is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="swagger-ui" data-url="/api/openapi.json"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="/api/docs/docs-init.js"></script>
</body>
</html>
"#
    ))
}

async fn docs_init() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("openapi/docs-init.js"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_and_serializes() {
        let json: serde_json::Value = serde_json::from_str(document_json()).unwrap();
        assert!(json["openapi"].as_str().unwrap().starts_with("3.1"));
        assert!(json["paths"]["/api/clinics/{slug}/appointments"]["post"].is_object());
    }
}
