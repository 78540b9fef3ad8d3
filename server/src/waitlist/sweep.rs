//! The periodic sweep: holds that ran out go back (their patients wait again, one more offer
//! passed), entries past their time leave the list, and every clinic with someone waiting
//! gets an offer round, so no freed time stays unoffered after a crash or a missed round.

use super::offer_round;
use crate::db::waitlist::{self as store, HoldScope};
use crate::db::Db;
use chrono::{DateTime, Utc};

/// One sweep at `now`; returns how many offers it made.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let mut tx = db.begin_write().await?;
    store::expire_due_holds(&mut tx, HoldScope::All, now).await?;
    store::expire_due_entries(&mut tx, now).await?;
    tx.commit().await?;
    let clinics = {
        let mut conn = db.pool.acquire().await?;
        store::clinics_with_waiting(&mut conn).await?
    };
    let mut offers = 0;
    for clinic_id in clinics {
        offers += offer_round(db, clinic_id, now).await?;
    }
    Ok(offers)
}
