//! Carebook's rules, free of I/O: each lives here once and every route uses it.

pub mod availability;
pub mod calendar;
pub mod change_policy;
pub mod embed;
pub mod feedback;
pub mod fhir_read;
pub mod instructions;
pub mod kpis;
pub mod library;
pub mod local_time;
pub mod markdown;
pub mod messages;
pub mod password;
pub mod patient;
pub mod phone;
pub mod schedule_fit;
pub mod slot_publishing;
pub mod staff;
pub mod token;
pub mod video;
pub mod waitlist;
