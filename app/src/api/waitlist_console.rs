//! The console's waitlist calls (`/api/console/waitlist`): who waits, taking someone off the
//! list (front desk and admins), and the clinic's waitlist settings (admins write).

use super::{call_as, get, json, send_as, ApiError};
use crate::wire::waitlist::{ConsoleWaitlist, WaitlistSettings};

pub async fn waitlist() -> Result<ConsoleWaitlist, ApiError> {
    get("/api/console/waitlist").await
}

/// Takes one entry off the list (any time held for it goes to the next patient).
pub async fn remove(id: i64) -> Result<(), ApiError> {
    let url = super::api_path(&["console", "waitlist", &id.to_string()]);
    send_as(Some("DELETE"), &url, None, None).await.map(drop)
}

pub async fn settings() -> Result<WaitlistSettings, ApiError> {
    get("/api/console/waitlist/settings").await
}

pub async fn save_settings(settings: &WaitlistSettings) -> Result<WaitlistSettings, ApiError> {
    call_as(
        Some("PUT"),
        "/api/console/waitlist/settings",
        json(settings),
    )
    .await
}
