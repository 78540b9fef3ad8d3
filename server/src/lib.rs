//! Carebook's server: the JSON API under `/api` and the built browser bundle for everything else.

pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod json_errors;
pub mod memory;
pub mod messages;
pub mod metrics;
pub mod outbox;
pub mod preload_hints;
pub mod rate_limit;
pub mod routes;
pub mod security_headers;
pub mod startup;
pub mod telemetry;
pub mod timeouts;
pub mod waitlist;
