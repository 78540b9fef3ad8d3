//! Open standards: SMART Scheduling Links slot publishing (`/fhir/$bulk-publish`) and FHIR R4
//! read access. Only the console's switch is JSON API; the `/fhir` routes answer FHIR.

use serde::{Deserialize, Serialize};

/// `GET`/`PUT /api/console/publishing`: whether this clinic's free and busy times are in the
/// public SMART Scheduling Links files. Off, the clinic appears in no file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishingSettings {
    pub publish_slots: bool,
}

/// Where slot finders read the published times, on this server.
pub const BULK_PUBLISH_PATH: &str = "/fhir/$bulk-publish";
