//! The follow-up queue: survey answers that need a human to call the patient back, and what
//! staff did about each. Items of visits anonymised by erasure or retention are left out: there
//! is nobody left to call. Staff notes are free text about the patient: never logged.

use super::{from_epoch, to_epoch, Conn, IntFlag};
use app::wire::feedback::{
    CommunicationAnswer, FollowUpAction, FollowUpEvent, FollowUpItem, FollowUpState,
    FollowUpSummary, SurveyAnswers,
};
use app::wire::Language;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Whose items a staff member sees: the clinic's, or only those of one practitioner's visits.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub clinic_id: i64,
    pub practitioner_id: Option<i64>,
}

/// The condition on `f` (follow_ups) and `a` (appointments) for a scope bound as `$1`, `$2`.
const IN_SCOPE: &str = "f.clinic_id = $1 AND a.anonymised_at IS NULL
    AND ($2 IS NULL OR a.practitioner_id = $2)";

/// Opens the item for a response that needs a call back; the response must exist.
pub async fn open(
    conn: &mut Conn,
    clinic_id: i64,
    appointment_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO follow_ups (clinic_id, appointment_id, state, opened_at, updated_at)
         VALUES ($1, $2, 'open', $3, $3) RETURNING id",
    )
    .bind(clinic_id)
    .bind(appointment_id)
    .bind(to_epoch(now))
    .fetch_one(conn)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub state: String,
    pub opened_at: i64,
    pub appointment_id: i64,
    pub patient_id: Option<i64>,
    pub patient_name: String,
    pub preferred_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub service_name: String,
    pub practitioner_name: String,
    pub starts_at: i64,
    pub rating: i64,
    pub recommend: Option<i64>,
    pub explained: Option<String>,
    pub listened: Option<String>,
    pub respected: Option<String>,
    pub enough_time: Option<String>,
    pub comment: Option<String>,
    #[sqlx(try_from = "IntFlag")]
    pub may_contact: bool,
    pub submitted_at: i64,
}

impl ItemRow {
    pub fn state(&self) -> FollowUpState {
        FollowUpState::from_code(&self.state).unwrap_or(FollowUpState::Open)
    }

    /// The answers as the patient gave them (the table's checks keep the numbers in range).
    pub fn answers(&self) -> SurveyAnswers {
        let item = |code: &Option<String>| code.as_deref().and_then(CommunicationAnswer::from_code);
        SurveyAnswers {
            rating: u8::try_from(self.rating).unwrap_or_default(),
            recommend: self.recommend.and_then(|score| u8::try_from(score).ok()),
            explained: item(&self.explained),
            listened: item(&self.listened),
            respected: item(&self.respected),
            enough_time: item(&self.enough_time),
            comment: self.comment.clone(),
            may_contact: self.may_contact,
        }
    }

    pub fn to_wire(&self, events: Vec<FollowUpEvent>) -> FollowUpItem {
        let answers = self.answers();
        FollowUpItem {
            id: self.id,
            state: self.state(),
            opened_at: from_epoch(self.opened_at),
            reasons: crate::domain::feedback::follow_up_reasons(&answers),
            appointment_id: self.appointment_id,
            patient_id: self.patient_id,
            patient_name: self.patient_name.clone(),
            preferred_name: self
                .preferred_name
                .clone()
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| self.patient_name.clone()),
            phone: self.phone.clone().filter(|phone| !phone.is_empty()),
            email: self.email.clone(),
            language: Language::from_tag(&self.language).unwrap_or_default(),
            service_name: self.service_name.clone(),
            practitioner_name: self.practitioner_name.clone(),
            visit_start: from_epoch(self.starts_at),
            answers,
            answered_at: from_epoch(self.submitted_at),
            events,
        }
    }
}

/// Staff read the service's English name, as elsewhere in the console.
const ITEM_SELECT: &str = "SELECT f.id, f.state, f.opened_at, f.appointment_id, a.patient_id,
        a.patient_name, a.preferred_name, a.phone, a.email, a.language,
        s.name_en AS service_name, p.display_name AS practitioner_name, a.starts_at,
        r.rating, r.recommend, r.explained, r.listened, r.respected, r.enough_time, r.comment,
        r.may_contact, r.submitted_at
    FROM follow_ups f
    JOIN survey_responses r ON r.appointment_id = f.appointment_id
    JOIN appointments a ON a.id = f.appointment_id
    JOIN services s ON s.id = a.service_id
    JOIN practitioners p ON p.id = a.practitioner_id";

/// The items in `state`, at most `limit`: open and contacted items oldest first (who has
/// waited longest is called first); resolved ones most recently worked on first, so the latest
/// work stays in view however long the history grows.
pub async fn list(
    conn: &mut Conn,
    scope: Scope,
    state: FollowUpState,
    limit: i64,
) -> sqlx::Result<Vec<ItemRow>> {
    let order = match state {
        FollowUpState::Resolved => "f.updated_at DESC, f.id DESC",
        FollowUpState::Open | FollowUpState::Contacted => "f.opened_at, f.id",
    };
    sqlx::query_as::<_, ItemRow>(&format!(
        "{ITEM_SELECT} WHERE {IN_SCOPE} AND f.state = $3 ORDER BY {order} LIMIT $4"
    ))
    .bind(scope.clinic_id)
    .bind(scope.practitioner_id)
    .bind(state.code())
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// One item in scope; `None` for another clinic's, another practitioner's or an unknown id.
pub async fn find(conn: &mut Conn, scope: Scope, id: i64) -> sqlx::Result<Option<ItemRow>> {
    sqlx::query_as::<_, ItemRow>(&format!("{ITEM_SELECT} WHERE {IN_SCOPE} AND f.id = $3"))
        .bind(scope.clinic_id)
        .bind(scope.practitioner_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct EventRow {
    follow_up_id: i64,
    at: i64,
    staff_name: String,
    action: String,
    note: Option<String>,
}

/// The history of each of these items, oldest first.
pub async fn events(
    conn: &mut Conn,
    ids: &[i64],
) -> sqlx::Result<BTreeMap<i64, Vec<FollowUpEvent>>> {
    let mut by_item: BTreeMap<i64, Vec<FollowUpEvent>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(by_item);
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT e.follow_up_id, e.at, st.display_name AS staff_name, e.action, e.note
         FROM follow_up_events e JOIN staff st ON st.id = e.staff_id
         WHERE e.follow_up_id IN ({}) ORDER BY e.at, e.id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, EventRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    for row in query.fetch_all(conn).await? {
        let Some(action) = FollowUpAction::from_code(&row.action) else {
            continue;
        };
        by_item
            .entry(row.follow_up_id)
            .or_default()
            .push(FollowUpEvent {
                at: from_epoch(row.at),
                staff_name: row.staff_name,
                action,
                note: row.note,
            });
    }
    Ok(by_item)
}

/// The queue at a glance: counts per state and the oldest open item's age.
pub async fn summary(conn: &mut Conn, scope: Scope) -> sqlx::Result<FollowUpSummary> {
    let (open, contacted, resolved, oldest): (Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
        sqlx::query_as(&format!(
            "SELECT CAST(SUM(CASE WHEN f.state = 'open' THEN 1 ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN f.state = 'contacted' THEN 1 ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN f.state = 'resolved' THEN 1 ELSE 0 END) AS BIGINT),
                MIN(CASE WHEN f.state = 'open' THEN f.opened_at ELSE NULL END)
             FROM follow_ups f JOIN appointments a ON a.id = f.appointment_id
             WHERE {IN_SCOPE}"
        ))
        .bind(scope.clinic_id)
        .bind(scope.practitioner_id)
        .fetch_one(conn)
        .await?;
    let count = |n: Option<i64>| super::clinics::to_u32(n.unwrap_or(0));
    Ok(FollowUpSummary {
        open: count(open),
        contacted: count(contacted),
        resolved: count(resolved),
        oldest_open_at: oldest.map(from_epoch),
    })
}

/// Moves an item to `to` if it is in one of `from` now. The condition is part of the update, so
/// of two staff members acting at once only one moves it (PostgreSQL re-reads the row after
/// waiting for the other's change). Says whether it moved.
pub async fn change_state(
    conn: &mut Conn,
    id: i64,
    from: &[FollowUpState],
    to: FollowUpState,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let from_list: Vec<String> = from
        .iter()
        .map(|state| format!("'{}'", state.code()))
        .collect();
    let changed = sqlx::query(&format!(
        "UPDATE follow_ups SET state = $1, updated_at = $2
         WHERE id = $3 AND state IN ({})",
        from_list.join(", ")
    ))
    .bind(to.code())
    .bind(to_epoch(now))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Marks an item changed without moving it (a note).
pub async fn touch(conn: &mut Conn, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE follow_ups SET updated_at = $1 WHERE id = $2")
        .bind(to_epoch(now))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// One line of an item's history: who did what, when, with their note.
pub async fn record_event(
    conn: &mut Conn,
    id: i64,
    staff_id: i64,
    action: FollowUpAction,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO follow_up_events (follow_up_id, at, staff_id, action, note)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(to_epoch(now))
    .bind(staff_id)
    .bind(action.code())
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}
