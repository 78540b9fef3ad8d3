//! Carebook's browser app (feature `ui`) and the wire types it shares with the server (always).

/// One health library article as HTML, drawn by the app and sent in the page by the server.
pub mod article_page;
/// The widget's brand colour rule (readable white text), shared by the frame and the console.
pub mod brand;
/// The booking flow's first step as HTML, drawn by the app and sent in the page by the server.
pub mod first_step;
/// Escaped HTML from templates, for the app's screens and the server's first step.
pub mod html;
/// The words on the screen (the catalogs have no browser code; the language context has).
pub mod i18n;
/// The health library's list as HTML, drawn by the app and sent in the page by the server.
pub mod library_page;
pub mod plain_language;
/// The survey form's answers as the page collects them: pure, so unit-tested without the UI.
pub mod survey_answers;
/// A visit's page as HTML, drawn by the app and sent in the page by the server.
pub mod visit_page;
/// The waitlist's join form and offer countdown as plain data: unit-tested without the UI.
pub mod waitlist_form;
pub mod wire;

#[cfg(feature = "ui")]
pub mod api;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "ui")]
pub mod console;
#[cfg(feature = "embed")]
pub mod embed;
#[cfg(feature = "ui")]
mod jsde;
#[cfg(feature = "ui")]
pub mod pages;
#[cfg(feature = "ui")]
mod shell;
#[cfg(feature = "ui")]
pub use console::ConsoleApp;
#[cfg(feature = "ui")]
pub use shell::{App, SurveyApp, VisitApp};
