//! Prometheus metrics at `/metrics` (text exposition format): requests and their latency by
//! method, route template and status, bookings made and booking attempts refused with 409.
//!
//! Each app has a registry of its own, held in its state, rather than one process-wide
//! recorder: tests run many apps in one process, and each counts only its own traffic.
//! Labels name the route template (`/api/appointments/{token}`), never the concrete path:
//! visit tokens live in paths and must not reach a metrics store.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry, TextEncoder,
};
use std::sync::Arc;
use std::time::Instant;

/// The routes that book a visit: a patient online, and the front desk for a caller.
const BOOKING_ROUTES: [&str; 2] = [
    "/api/clinics/{slug}/appointments",
    "/api/console/appointments",
];

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    bookings_created: IntCounter,
    booking_conflicts: IntCounter,
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let registry = Registry::new();
        let labels = ["method", "route", "status"];
        let requests = IntCounterVec::new(
            Opts::new(
                "carebook_http_requests_total",
                "API requests answered, by method, route template and status.",
            ),
            &labels,
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "carebook_http_request_duration_seconds",
                "Time to answer API requests, by method, route template and status.",
            ),
            &labels,
        )
        .expect("valid metric");
        let bookings_created = IntCounter::new(
            "carebook_bookings_created_total",
            "Visits booked (201), online or by the front desk.",
        )
        .expect("valid metric");
        let booking_conflicts = IntCounter::new(
            "carebook_booking_conflicts_total",
            "Booking attempts refused with 409 (the time was taken meanwhile).",
        )
        .expect("valid metric");
        for metric in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(bookings_created.clone()),
            Box::new(booking_conflicts.clone()),
        ] {
            registry
                .register(metric)
                .expect("each metric registered once");
        }
        Arc::new(Metrics {
            registry,
            requests,
            latency,
            bookings_created,
            booking_conflicts,
        })
    }

    fn record(&self, method: &Method, route: &str, status: StatusCode, seconds: f64) {
        let status_code = status.as_u16().to_string();
        let labels = [method.as_str(), route, status_code.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.latency.with_label_values(&labels).observe(seconds);
        if method == Method::POST && BOOKING_ROUTES.contains(&route) {
            match status {
                StatusCode::CREATED => self.bookings_created.inc(),
                StatusCode::CONFLICT => self.booking_conflicts.inc(),
                _ => {}
            }
        }
    }

    /// Everything, in Prometheus' text format.
    pub fn render(&self) -> Response {
        let mut text = Vec::new();
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut text) {
            tracing::error!(%error, "cannot encode metrics");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            )],
            text,
        )
            .into_response()
    }
}

/// Middleware: times each request and counts it under its route template.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    // Requests no route matched (an unknown path) share one label.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |path| path.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.record(
        &method,
        &route,
        response.status(),
        started.elapsed().as_secs_f64(),
    );
    response
}
