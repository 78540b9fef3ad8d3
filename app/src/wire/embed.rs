//! The booking widget clinics put on their own web sites (`/embed.js`, `/embed/{clinic}`).

use serde::{Deserialize, Serialize};

/// `GET`/`PUT /api/console/embed`: the web sites allowed to show this clinic's booking frame,
/// as origins (`https://clinic.example`, `https://www.clinic.example:8443`). Plain `http://`
/// only for the machine itself (`localhost`, `127.0.0.1`), for a site being built.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSettings {
    pub origins: Vec<String>,
}

/// How many web sites one clinic may list.
pub const MAX_EMBED_ORIGINS: usize = 20;
