//! API tests through real HTTP: each starts the real server on port 0 with a fresh database of
//! its own (a SQLite file, or a new PostgreSQL database when `CAREBOOK_TEST_POSTGRES` is set).

mod helpers;
mod server_process;

mod availability;
mod bad_input;
mod book_page;
mod booking;
mod bundle;
mod calendar;
mod changes;
mod concurrency;
mod confirm;
mod console;
mod crash;
mod demo;
mod embed;
mod fhir_publish;
mod fhir_read;
mod headers;
mod instructions;
mod learn_page;
mod library;
mod limits;
mod logs;
mod mail_sink;
mod message_queue;
mod messages;
mod metrics;
mod object_access;
mod openapi;
mod outbox;
mod outbox_processes;
mod preload;
mod preparation;
mod processes;
mod ready;
mod rejections;
mod retention;
mod shutdown;
mod survey;
mod telehealth;
mod transfer;
mod visit_page;
mod waitlist;
