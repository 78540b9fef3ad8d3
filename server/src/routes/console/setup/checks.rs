//! Collects every problem of a set-up form at once, so the admin sees all of them in one 422
//! (`fields`: name → reason code) instead of fixing one per round trip.

use crate::error::{ApiError, ApiResult};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// Names, titles, an address, a phone number.
pub const SHORT_TEXT: usize = 200;
/// Descriptions, bios, preparation notes.
pub const LONG_TEXT: usize = 2000;

#[derive(Default)]
pub struct Checks {
    fields: BTreeMap<String, String>,
}

impl Checks {
    /// Keeps the first reason per field: it is the one to fix first.
    pub fn fail(&mut self, field: &str, reason: &str) {
        self.fields
            .entry(field.to_string())
            .or_insert_with(|| reason.to_string());
    }

    /// Text that must be given (after trimming), at most `max` characters.
    pub fn required(&mut self, field: &str, text: &str, max: usize) {
        if text.trim().is_empty() {
            self.fail(field, "required");
        }
        self.at_most(field, text, max);
    }

    pub fn at_most(&mut self, field: &str, text: &str, max: usize) {
        if text.trim().chars().count() > max {
            self.fail(field, "too_long");
        }
    }

    pub fn within(&mut self, field: &str, value: u32, range: RangeInclusive<u32>) {
        if !range.contains(&value) {
            self.fail(field, "out_of_range");
        }
    }

    /// Ok when nothing failed; else the 422 naming every field.
    pub fn done(self) -> ApiResult<()> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation {
                message: "Some details need attention.".into(),
                fields: self.fields,
            })
        }
    }
}

/// Trimmed text, as stored.
pub fn tidy(text: &mut String) {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_string();
    }
}

/// Trimmed optional text; blank is none.
pub fn tidy_optional(text: &mut Option<String>) {
    *text = text
        .take()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
}

/// Ids in first-seen order without repeats: sending one twice is not an error.
pub fn unique_ids(ids: &mut Vec<i64>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
}
