//! The console's calls about patients' feedback: the follow-up queue and the relationship
//! figures (KPIs). The session cookie and `Origin` go with them (see [`super::console`]).

use super::{api_path, call, get, json, ApiError};
use crate::wire::feedback::{
    FollowUpItem, FollowUpList, FollowUpState, FollowUpSummary, FollowUpUpdate,
};
use crate::wire::kpis::{KpiGroup, KpiInterval, KpiQuery, KpiReport};

/// The queue in one state, oldest first, with the counts of every state.
pub async fn follow_ups(state: FollowUpState) -> Result<FollowUpList, ApiError> {
    let mut url = String::from("/api/console/follow-ups?state=");
    url.push_str(state.code());
    get(&url).await
}

/// The queue at a glance (counts and the oldest open item's age), without patient data.
pub async fn follow_up_summary() -> Result<FollowUpSummary, ApiError> {
    get("/api/console/follow-ups/summary").await
}

/// A state change and/or a note; answers with the item as it now stands.
pub async fn update_follow_up(id: i64, update: &FollowUpUpdate) -> Result<FollowUpItem, ApiError> {
    let url = api_path(&["console", "follow-ups", &id.to_string()]);
    call(&url, json(update), None).await
}

pub fn group_code(group: KpiGroup) -> &'static str {
    match group {
        KpiGroup::Clinic => "clinic",
        KpiGroup::Practitioner => "practitioner",
        KpiGroup::Service => "service",
    }
}

pub fn interval_code(interval: KpiInterval) -> &'static str {
    match interval {
        KpiInterval::Week => "week",
        KpiInterval::Month => "month",
    }
}

/// The query string of a KPI query (without `?`), only the parts that are set: the same for
/// the JSON report, its CSV download and the console's own address.
pub fn kpi_query_string(query: &KpiQuery) -> String {
    let mut out = String::new();
    let mut add = |key: &str, value: &str| {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    };
    if let Some(from) = query.from {
        add("from", &from.to_string());
    }
    if let Some(to) = query.to {
        add("to", &to.to_string());
    }
    add("group", group_code(query.group));
    add("interval", interval_code(query.interval));
    if let Some(id) = query.practitioner {
        add("practitioner", &id.to_string());
    }
    if let Some(id) = query.service {
        add("service", &id.to_string());
    }
    out
}

pub async fn kpis(query: &KpiQuery) -> Result<KpiReport, ApiError> {
    let mut url = String::from("/api/console/kpis?");
    url.push_str(&kpi_query_string(query));
    get(&url).await
}

/// Where the browser downloads the same table as CSV (a plain link: the session cookie goes
/// with it).
pub fn kpis_csv_href(query: &KpiQuery) -> String {
    let mut url = String::from("/api/console/kpis.csv?");
    url.push_str(&kpi_query_string(query));
    url
}
