//! The console's Embed page: the web sites allowed to show the booking widget (admins).

use super::{call_as, ApiError};
use crate::wire::embed::EmbedSettings;

const URL: &str = "/api/console/embed";

/// The allowed web sites, in the order the admin listed them.
pub async fn settings() -> Result<EmbedSettings, ApiError> {
    super::get(URL).await
}

/// Replaces the list; 422 `fields.origins` says why it was refused (`not_an_origin`,
/// `needs_https`, `repeated`, `too_many`). Answers with the list as stored (normalised).
pub async fn save(settings: &EmbedSettings) -> Result<EmbedSettings, ApiError> {
    call_as(Some("PUT"), URL, super::json(settings)).await
}
