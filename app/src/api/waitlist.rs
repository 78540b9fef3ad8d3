//! The waitlist's patient calls: joining from the booking flow, and the patient's waitlist
//! link (`/waitlist/{token}`), whose token is the key, as a visit token is for a visit.

use super::{api_path, call, get, json, send, ApiError};
use crate::wire::waitlist::{WaitlistEntry, WaitlistJoinRequest};

/// Puts the patient on the clinic's waitlist; a 422 names the fields to fix.
pub async fn join(slug: &str, request: &WaitlistJoinRequest) -> Result<WaitlistEntry, ApiError> {
    call(
        &api_path(&["clinics", slug, "waitlist"]),
        json(request),
        None,
    )
    .await
}

/// The entry behind a waitlist link, with the time held for the patient when there is one.
pub async fn entry(token: &str) -> Result<WaitlistEntry, ApiError> {
    get(&api_path(&["waitlist", token])).await
}

/// Books the held time; 409 `offer_expired` when the hold ran out or was passed on. The
/// entry then names the visit (`appointment_token`): the answer's body is not read, so the
/// page does not carry the code to read a whole visit.
pub async fn take(token: &str) -> Result<(), ApiError> {
    act(token, "take").await
}

/// Lets the held time go to the next patient; the patient stays on the list.
pub async fn decline(token: &str) -> Result<(), ApiError> {
    act(token, "decline").await
}

/// Takes the patient off the list (any held time is released at once).
pub async fn leave(token: &str) -> Result<(), ApiError> {
    act(token, "leave").await
}

async fn act(token: &str, act: &str) -> Result<(), ApiError> {
    let url = api_path(&["waitlist", token, act]);
    send(&url, Some("{}".into()), None).await.map(drop)
}
