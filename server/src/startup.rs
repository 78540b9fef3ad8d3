//! Builds the whole application and runs it. Tests call `spawn` to start the real thing on
//! port 0 with their own database.

use crate::config::Settings;
use crate::db::{self, Db};
use crate::rate_limit::{self, RateLimits};
use crate::routes::{self, AppState, Clock};
use crate::security_headers::{self, SecurityHeaders};
use crate::{json_errors, preload_hints, timeouts};
use anyhow::Context;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub fn app(state: AppState, settings: &Settings) -> Router {
    let dist = settings.dist.as_path();
    // Every path that is not a file is a screen of the single-page app.
    // Files come precompressed from the build (`name.br`, `name.gz`) where it made them.
    let page =
        |file: std::path::PathBuf| ServeFile::new(file).precompressed_br().precompressed_gzip();
    let bundle = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(page(dist.join("index.html")));
    // The visit page and the console are bundles of their own (visit.html, console.html), so
    // that booking does not download them; a build without one serves index.html there.
    let entry = |name: &str| match dist.join(name) {
        file if file.exists() => file,
        _ => dist.join("index.html"),
    };
    let console = entry("console.html");
    // The after-visit survey is a bundle of its own too (survey.html), which the visit page, at
    // its size budget, could not carry; so is the health library (learn.html, see learn_page).
    let survey = entry("survey.html");
    let metrics = state.metrics.clone();
    let embed_pages = routes::embed::pages(state.clone(), dist);
    // The booking page's start, sent with the clinic's services already in it.
    let book_page = routes::book_page::page(state.clone(), dist);
    // The health library's list and articles, sent with their content already in them.
    let learn_page = routes::learn_page::page(state.clone(), dist);
    // A visit page, sent with the visit already in it.
    let visit_page = routes::visit_page::page(state.clone(), dist);
    let mut router = Router::new()
        .route(
            "/metrics",
            axum::routing::get(move || async move { metrics.render() }),
        )
        .nest("/api", routes::router(state.clone()))
        // FHIR R4: the open slot files and staff read access (see routes::fhir).
        .nest("/fhir", routes::fhir::router(state));
    if let Some(limits) = RateLimits::from_settings(settings) {
        // A route layer: it runs after routing, so it knows the route template.
        router = router.route_layer(middleware::from_fn_with_state(limits, rate_limit::enforce));
    }
    let router = router
        // Swagger UI's files for the API page (see routes::openapi), from the build's dist.
        .nest_service(
            routes::openapi::ASSETS_PATH,
            ServeDir::new(dist.join("api-docs"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .route_service("/a/{token}/survey", page(survey.clone()))
        // The reminder's one-tap "I'll be there" lives in the survey bundle too.
        .route_service("/a/{token}/coming", page(survey.clone()))
        // The waitlist's pages (the patient's link and the join form) live there as well:
        // the booking bundle, at its size budget, carries only a link to the form.
        .route_service("/waitlist/{token}", page(survey.clone()))
        .route_service("/book/{clinic}/waitlist", page(survey))
        .route_service("/console", page(console.clone()))
        .route_service("/console/{*screen}", page(console))
        // The booking widget's frame: its own bundle, framed only by the clinic's sites.
        .merge(embed_pages)
        .merge(book_page)
        .merge(learn_page)
        .merge(visit_page)
        .fallback_service(bundle)
        .layer(middleware::from_fn(cache_policy))
        .layer(middleware::from_fn(preload_hints::add));
    let security = Arc::new(SecurityHeaders::new(dist, &settings.public_url));
    timeouts::apply(router, settings)
        .layer(middleware::from_fn(json_errors::json_errors))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            crate::error::ApiError::Internal(anyhow::anyhow!("a handler panicked"))
                .into_response_boxed()
        }))
        // Outermost, so that every answer has them, a caught panic's too.
        .layer(middleware::from_fn_with_state(
            security,
            security_headers::add,
        ))
}

/// Hashed bundle files never change, so browsers may keep them forever; anything else
/// (index.html above all) is revalidated so a new release is picked up at once.
async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let immutable = is_hashed_asset(path);
    let widget_loader = path == "/embed.js";
    let mut response = next.run(request).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if immutable && response.status().is_success() {
            "public, max-age=31536000, immutable"
        } else if widget_loader && response.status().is_success() {
            // The widget's stable entry point on clinics' sites: cached briefly, so a release
            // reaches every site within minutes without a request on every page view.
            "public, max-age=300"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// trunk names its output `name-<16 hex digits>[_bg].ext`.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // The hash is a u64 in hex without leading zeros, so it may be shorter than 16 digits.
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let db = db::connect(&settings.database_url).await?;
    serve_with(settings, db).await
}

pub async fn serve_with(settings: Settings, db: Db) -> anyhow::Result<()> {
    if !settings.dist.join("index.html").exists() {
        tracing::warn!(dist = %settings.dist.display(), "no built bundle here: only the API is served");
    }
    let listener = TcpListener::bind(&settings.bind)
        .await
        .with_context(|| format!("cannot listen on {}", settings.bind))?;
    let address = listener.local_addr()?;
    let state = state(&settings, db, settings.clock());
    crate::outbox::start(&settings, state.db.clone(), state.clock.clone())?;
    let service = app(state, &settings).into_make_service_with_connect_info::<SocketAddr>();
    crate::memory::return_freed_memory();
    tracing::info!(%address, "carebook listening");
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

pub fn state(settings: &Settings, db: Db, clock: Clock) -> AppState {
    AppState {
        db,
        public_url: Arc::from(settings.public_url.as_str()),
        clock,
        metrics: crate::metrics::Metrics::new(),
        messaging: routes::Messaging {
            mail: settings.smtp_url.is_some(),
            sms: settings.sms_log.is_some(),
        },
    }
}

/// Starts the server in the background on `settings.bind` (port 0 picks a free one).
pub async fn spawn(settings: Settings, db: Db, clock: Clock) -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind(&settings.bind).await?;
    let address = listener.local_addr()?;
    crate::outbox::start(&settings, db.clone(), clock.clone())?;
    let router = app(state(&settings, db, clock), &settings);
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let _ = axum::serve(listener, service).await;
    });
    Ok(address)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_trunk_hashed_files_are_cached_forever() {
        assert!(is_hashed_asset("/app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/app-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(
            is_hashed_asset("/app-80506a80a42680c.js"),
            "15 digits: a leading zero dropped"
        );
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/book/demo"));
        assert!(!is_hashed_asset("/favicon.svg"));
    }
}
