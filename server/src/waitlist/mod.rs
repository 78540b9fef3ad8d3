//! Offering freed time to waiting patients, and the sweep that keeps the list honest.
//!
//! An offer round runs for one clinic whenever time may have freed up (a cancel, a move, time
//! off removed, hours changed, a held time let go) and from the periodic sweep, which also
//! catches up on any round a dying process did not run: every round starts from what the
//! database says, so running one twice offers nothing twice.

pub mod messages;
pub mod rounds;
pub mod sweep;

pub use rounds::offer_round;
pub use sweep::sweep;

use crate::routes::AppState;

/// Runs an offer round for `clinic_id` after a change that may have freed time has
/// committed. A failure is logged, not passed on: the change itself stands, and the next
/// sweep offers the time.
pub async fn offer_freed_time(state: &AppState, clinic_id: i64) {
    if let Err(error) = offer_round(&state.db, clinic_id, state.now()).await {
        tracing::warn!(clinic_id, error = %error, "waitlist: offer round failed; the sweep will retry");
    }
}
