//! Plain-language checks for what clinics write to patients: a readability score (Flesch–Kincaid
//! grade for English, Szigriszt-Pazos / INFLESZ for Spanish), the longest sentences, and medical
//! jargon with plainer words to use instead.
//!
//! Pure text rules without the browser, so they build without the `ui` feature and are unit
//! tested with `cargo test -p app --no-default-features --lib`. Only the console uses them: the
//! booking and visit bundles never reference this module, so its word lists are left out of them
//! by the linker.

pub mod jargon;
pub mod readability;
mod words;

pub use jargon::{term_key, Glossary, JargonHit};
pub use readability::{measure, Band, Readability, Score, SentenceSpan};
