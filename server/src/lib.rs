//! Carebook's server: the JSON API under `/api` and the built browser bundle for everything else.

pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod metrics;
pub mod routes;
pub mod startup;
pub mod telemetry;
