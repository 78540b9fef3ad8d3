//! API tests through real HTTP: each starts the real server on port 0 with a fresh SQLite file.

mod helpers;

mod availability;
mod bad_input;
mod booking;
mod bundle;
mod calendar;
mod changes;
mod concurrency;
mod console;
mod demo;
mod processes;
