//! The dashboard's choice of visits: a date range (with quick ranges), how rows are split,
//! the trend's bucket, and an optional practitioner and visit type. The choice lives in the
//! address (`/console/kpis?from=&to=&group=&interval=&practitioner=&service=`), so a reload
//! or a shared link shows the same figures.

use crate::api::feedback_console::{group_code, interval_code, kpi_query_string};
use crate::components::markup::push;
use crate::console::sign_in::field_value;
use crate::i18n::feedback_console::FeedbackConsoleTr;
use crate::i18n::fill;
use crate::wire::kpis::{KpiGroup, KpiInterval, KpiQuery};
use chrono::{Duration, NaiveDate};
use leptos_router::params::ParamsMap;

pub(super) const FROM: &str = "kpi-from";
pub(super) const TO: &str = "kpi-to";
const GROUP: &str = "kpi-group";
const INTERVAL: &str = "kpi-interval";
const PRACTITIONER: &str = "kpi-practitioner";
const SERVICE: &str = "kpi-service";

/// The quick ranges, in days ending today.
pub(super) const PRESETS: [i64; 3] = [30, 90, 365];

/// The longest range the server takes (2 years).
const MAX_DAYS: i64 = 731;

fn group_of(code: &str) -> KpiGroup {
    match code {
        "practitioner" => KpiGroup::Practitioner,
        "service" => KpiGroup::Service,
        _ => KpiGroup::Clinic,
    }
}

fn interval_of(code: &str) -> KpiInterval {
    if code == "week" {
        KpiInterval::Week
    } else {
        KpiInterval::Month
    }
}

/// The query in the address bar.
pub(super) fn query_of(params: &ParamsMap) -> KpiQuery {
    KpiQuery {
        from: params.get_str("from").and_then(crate::wire::fixed::date),
        to: params.get_str("to").and_then(crate::wire::fixed::date),
        group: group_of(params.get_str("group").unwrap_or_default()),
        interval: interval_of(params.get_str("interval").unwrap_or_default()),
        practitioner: params.get_str("practitioner").and_then(|v| v.parse().ok()),
        service: params.get_str("service").and_then(|v| v.parse().ok()),
    }
}

/// The dashboard's address for a query.
pub(super) fn address_of(query: &KpiQuery) -> String {
    let mut url = String::from("/console/kpis?");
    url.push_str(&kpi_query_string(query));
    url
}

/// A quick range: the last `days` days up to `today`, other choices kept.
pub(super) fn preset(query: &KpiQuery, today: NaiveDate, days: i64) -> KpiQuery {
    KpiQuery {
        from: Some(today - Duration::days(days - 1)),
        to: Some(today),
        ..query.clone()
    }
}

/// What the form says now, or the field to fix and why.
pub(super) fn read(
    w: &'static FeedbackConsoleTr,
) -> Result<KpiQuery, (&'static str, &'static str)> {
    let date = |id: &'static str| -> Result<Option<NaiveDate>, (&'static str, &'static str)> {
        let text = field_value(id);
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        crate::wire::fixed::date(text)
            .map(Some)
            .ok_or((id, w.date_invalid))
    };
    let (from, to) = (date(FROM)?, date(TO)?);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to || (to - from).num_days() > MAX_DAYS {
            return Err((FROM, w.range_invalid));
        }
    }
    Ok(KpiQuery {
        from,
        to,
        group: group_of(&field_value(GROUP)),
        interval: interval_of(&field_value(INTERVAL)),
        practitioner: field_value(PRACTITIONER).parse().ok(),
        service: field_value(SERVICE).parse().ok(),
    })
}

fn select(out: &mut String, id: &str, label: &str, options: &[(String, &str)], chosen: &str) {
    push(
        out,
        r#"<div class="field"><label for="{}">{}</label><select id="{}">"#,
        &[id, label, id],
    );
    for (value, text) in options {
        push(out, r#"<option value="{}""#, &[value]);
        if value == chosen {
            out.push_str(" selected");
        }
        push(out, ">{}</option>", &[text]);
    }
    out.push_str("</select></div>");
}

fn date_field(
    out: &mut String,
    id: &str,
    label: &str,
    value: Option<NaiveDate>,
    error: Option<&str>,
) {
    push(
        out,
        r#"<div class="field{}"><label for="{}">{}</label>"#,
        &[if error.is_some() { " has-error" } else { "" }, id, label],
    );
    if let Some(error) = error {
        push(
            out,
            r#"<p class="field-error" id="{}-error">{}</p>"#,
            &[id, error],
        );
    }
    push(
        out,
        r#"<input type="date" id="{}" value="{}""#,
        &[id, &value.map(|d| d.to_string()).unwrap_or_default()],
    );
    if error.is_some() {
        push(
            out,
            r#" aria-invalid="true" aria-describedby="{}-error""#,
            &[id],
        );
    }
    out.push_str("></div>");
}

/// Lists the form offers: practitioners (admins only) and visit types, as `(id, name)`.
pub(super) struct Choices<'a> {
    pub practitioners: Option<&'a [(i64, String)]>,
    pub services: &'a [(i64, String)],
}

/// The form (markup). `shown` is the range the report covers (the server's defaults fill
/// what the address leaves out); `error` a field to fix.
pub(super) fn render(
    out: &mut String,
    w: &'static FeedbackConsoleTr,
    query: &KpiQuery,
    shown: (Option<NaiveDate>, Option<NaiveDate>),
    choices: &Choices,
    error: Option<(&'static str, &'static str)>,
) {
    push(
        out,
        r#"<form class="panel kpi-filters" novalidate aria-labelledby="kpi-filters-title"><h2 id="kpi-filters-title">{}</h2><div class="kpi-presets" role="group" aria-label="{}">"#,
        &[w.filters, w.presets],
    );
    for days in PRESETS {
        let days = days.to_string();
        push(
            out,
            r#"<button type="button" class="secondary small" data-act="preset {}">{}</button>"#,
            &[&days, &fill(w.last_days, &[&days])],
        );
    }
    out.push_str(r#"</div><div class="kpi-fields">"#);
    let error_for = |id: &str| error.filter(|(field, _)| *field == id).map(|(_, e)| e);
    date_field(out, FROM, w.from, query.from.or(shown.0), error_for(FROM));
    date_field(out, TO, w.to, query.to.or(shown.1), error_for(TO));
    select(
        out,
        GROUP,
        w.group,
        &[
            (group_code(KpiGroup::Clinic).into(), w.group_clinic),
            (
                group_code(KpiGroup::Practitioner).into(),
                w.group_practitioner,
            ),
            (group_code(KpiGroup::Service).into(), w.group_service),
        ],
        group_code(query.group),
    );
    select(
        out,
        INTERVAL,
        w.interval,
        &[
            (interval_code(KpiInterval::Month).into(), w.by_month),
            (interval_code(KpiInterval::Week).into(), w.by_week),
        ],
        interval_code(query.interval),
    );
    let options = |all: &'static str, list: &[(i64, String)]| {
        let mut options: Vec<(String, String)> = vec![(String::new(), all.to_string())];
        options.extend(list.iter().map(|(id, name)| (id.to_string(), name.clone())));
        options
    };
    if let Some(practitioners) = choices.practitioners {
        let options = options(w.everyone, practitioners);
        let options: Vec<(String, &str)> = options
            .iter()
            .map(|(v, t)| (v.clone(), t.as_str()))
            .collect();
        let chosen = query
            .practitioner
            .map(|id| id.to_string())
            .unwrap_or_default();
        select(out, PRACTITIONER, w.practitioner, &options, &chosen);
    }
    let services = options(w.every_service, choices.services);
    let services: Vec<(String, &str)> = services
        .iter()
        .map(|(v, t)| (v.clone(), t.as_str()))
        .collect();
    let chosen = query.service.map(|id| id.to_string()).unwrap_or_default();
    select(out, SERVICE, w.service, &services, &chosen);
    push(
        out,
        r#"</div><div class="actions"><button type="submit" class="primary">{}</button></div></form>"#,
        &[w.show],
    );
}
