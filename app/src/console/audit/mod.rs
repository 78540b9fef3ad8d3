//! `/console/audit?staff_id=&action=&record_type=&from=&to=` (admins): who opened or changed
//! patient records, newest first. The filters live in the URL, so a reload or a shared link
//! shows the same entries; "Older entries" pages back with the server's `next_before`.

mod table;

use super::sign_in::field_value;
use super::team_form::{
    first_invalid, forbidden, is_forbidden, not_allowed, reasons, team_words, Errors, Say,
    SelectField, TextField,
};
use super::{touch, use_console};
use crate::api::console::AuditFilter;
use crate::api::{self, ApiError};
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{html, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::team::team_catalog;
use crate::i18n::{fill, use_i18n};
use crate::wire::console::{AuditEntry, StaffRole};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::BTreeMap;

const STAFF: &str = "audit-staff";
const ACTION: &str = "audit-action";
const RECORD_TYPE: &str = "audit-record-type";
const FROM: &str = "audit-from";
const TO: &str = "audit-to";
const ORDER: [&str; 5] = [STAFF, ACTION, RECORD_TYPE, FROM, TO];

/// What the screen needs before it can show filters: the clinic's zone and its staff.
#[derive(Clone, Debug, PartialEq)]
struct Setting {
    zone: String,
    staff: Vec<(i64, String)>,
}

async fn setting(console: super::Console) -> Result<Setting, ApiError> {
    let me = super::signed_in(console).await?;
    if me.role != StaffRole::Admin {
        return Err(forbidden());
    }
    let staff = api::console::staff().await?;
    touch();
    Ok(Setting {
        zone: me.clinic.time_zone,
        staff: staff.into_iter().map(|s| (s.id, s.display_name)).collect(),
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.get();
        async move { setting(console).await }
    });
    let status = Memo::new(move |_| loaded.get());
    Effect::new(move |_| {
        let Some(result) = status.get() else { return };
        // A 401 goes back to sign-in; anything else has arrived here.
        if !result.as_ref().is_err_and(|error| console.check(error)) {
            focus_heading("team-title");
        }
    });
    let retry = Callback::new(move |_: Act| reload.update(|n| *n += 1));

    move || match status.get() {
        Some(Ok(setting)) => view! { <AuditScreen setting /> }.into_any(),
        other => {
            let markup = Signal::derive(move || {
                let (t, tr) = (team_words(), i18n.t());
                match &other {
                    Some(Err(error)) if is_forbidden(error) => not_allowed(t, t.audit_admins_only),
                    Some(Err(error)) if !super::is_unauthorized(error) => {
                        set_title(t.audit_title);
                        html(
                            r#"<h1 id="team-title" tabindex="-1">{}</h1>"#,
                            &[t.audit_title],
                        ) + &load_error(tr, error)
                    }
                    _ => skeleton(tr, true),
                }
            });
            view! { <div class="console team"><Markup html=markup on_act=retry /></div> }.into_any()
        }
    }
}

/// The filter in the address bar (the page to start from is always the newest).
fn filter_of(query: &leptos_router::params::ParamsMap) -> AuditFilter {
    let text = |key: &str| query.get_str(key).unwrap_or_default().trim().to_string();
    AuditFilter {
        staff_id: query.get_str("staff_id").and_then(|v| v.parse().ok()),
        action: text("action"),
        record_type: text("record_type"),
        from: query.get_str("from").and_then(crate::wire::fixed::date),
        to: query.get_str("to").and_then(crate::wire::fixed::date),
        before: None,
    }
}

/// `/console/audit` with the filter's non-empty parts as its query.
fn address_of(filter: &AuditFilter) -> String {
    let mut url = String::from("/console/audit");
    let mut sep = '?';
    let parts = [
        ("staff_id", filter.staff_id.map(|v| v.to_string())),
        ("action", Some(filter.action.clone())),
        ("record_type", Some(filter.record_type.clone())),
        ("from", filter.from.map(|d| d.to_string())),
        ("to", filter.to.map(|d| d.to_string())),
    ];
    for (key, value) in parts {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        url.push(sep);
        sep = '&';
        url.push_str(key);
        url.push('=');
        url.push_str(&String::from(js_sys::encode_uri_component(&value)));
    }
    url
}

/// What the server's reasons mean for the filter fields.
fn field_errors(error: &ApiError) -> BTreeMap<&'static str, Say> {
    let mut errors: BTreeMap<&'static str, Say> = BTreeMap::new();
    for (field, _) in reasons(error) {
        let (id, say): (&'static str, Say) = match field.as_str() {
            "from" => (FROM, |t| t.date_invalid),
            "to" => (TO, |t| t.date_invalid),
            "staff_id" => (STAFF, |t| t.check_field),
            "action" => (ACTION, |t| t.check_field),
            "record_type" => (RECORD_TYPE, |t| t.check_field),
            _ => continue,
        };
        errors.entry(id).or_insert(say);
    }
    errors
}

/// Entries loaded with "Older entries", after the first page, and where to go on from.
#[derive(Clone, Default)]
struct Older {
    entries: Vec<AuditEntry>,
    /// `Some` once an older page was loaded: that page's `next_before`.
    next: Option<Option<i64>>,
}

#[component]
fn AuditScreen(setting: Setting) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| query.with(filter_of));
    let reload = RwSignal::new(0u32);
    let entries = LocalResource::new(move || {
        let (filter, _) = (filter.get(), reload.get());
        async move {
            let page = api::console::audit(&filter).await?;
            touch();
            Ok::<_, ApiError>(page)
        }
    });
    let older = RwSignal::new(Older::default());
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let first_load = StoredValue::new(true);
    let busy = StoredValue::new(false);

    // New results (other filters, or Retry): say how many and put focus on them; the first
    // load leaves focus on the page heading.
    Effect::new(move |_| {
        let Some(result) = entries.get() else {
            return;
        };
        older.set(Older::default());
        let t = team_catalog(i18n.lang.get_untracked());
        match result {
            Ok(page) => {
                errors.set(BTreeMap::new());
                let first = first_load.get_value();
                first_load.set_value(false);
                if !first {
                    announce(if page.entries.is_empty() {
                        t.no_entries.to_string()
                    } else {
                        fill(t.entries_shown, &[&page.entries.len().to_string()])
                    });
                    focus_id("entries-title");
                }
            }
            Err(error) => {
                first_load.set_value(false);
                let found = field_errors(&error);
                if let Some(first) = first_invalid(&found, &ORDER) {
                    errors.set(found);
                    focus_id(first);
                } else if !console.check(&error) {
                    announce(error_text(&error, i18n.now()));
                }
            }
        }
    });

    let zone = StoredValue::new(setting.zone);
    let markup = Signal::derive(move || {
        let (t, tr, lang) = (team_words(), i18n.t(), i18n.lang.get());
        match entries.get() {
            Some(Ok(page)) => older.with(|older| {
                let mut all = page.entries.clone();
                all.extend(older.entries.iter().cloned());
                let more = older.next.unwrap_or(page.next_before).is_some();
                zone.with_value(|zone| table::render(&all, more, zone, t, lang))
            }),
            Some(Err(error)) if !field_errors(&error).is_empty() => String::new(),
            Some(Err(error)) if !super::is_unauthorized(&error) => table::failed(t, tr, &error),
            _ => skeleton(tr, false),
        }
    });

    let load_older = move || {
        if busy.get_value() {
            return;
        }
        let before = older.with_untracked(|o| o.next).unwrap_or_else(|| {
            entries.with_untracked(|e| e.as_ref().and_then(|e| e.as_ref().ok()?.next_before))
        });
        let Some(before) = before else { return };
        busy.set_value(true);
        let filter = AuditFilter {
            before: Some(before),
            ..filter.get_untracked()
        };
        spawn_local(async move {
            let result = api::console::audit(&filter).await;
            busy.set_value(false);
            let t = team_catalog(i18n.lang.get_untracked());
            match result {
                Ok(page) => {
                    touch();
                    let first = page.entries.first().map(table::row_id);
                    let count = page.entries.len().to_string();
                    older.update(|o| {
                        o.entries.extend(page.entries);
                        o.next = Some(page.next_before);
                    });
                    match first {
                        Some(row) => {
                            announce(fill(t.older_shown, &[&count]));
                            focus_id(&row);
                        }
                        None => announce(t.no_older),
                    }
                }
                Err(error) => {
                    if !console.check(&error) {
                        announce(error_text(&error, i18n.now()));
                    }
                }
            }
        });
    };
    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "older" => load_older(),
        "retry" => reload.update(|n| *n += 1),
        _ => {}
    });

    let apply = Callback::new(move |wanted: AuditFilter| {
        let url = address_of(&wanted);
        if wanted == filter.get_untracked() {
            // The same filters again: fetch anew, as the address will not change.
            reload.update(|n| *n += 1);
        } else {
            navigate(&url, Default::default());
        }
    });
    let staff = StoredValue::new(setting.staff);

    view! {
        <div class="console team audit">
            <h1 id="team-title" tabindex="-1">{move || team_words().audit_title}</h1>
            <p>{move || team_words().audit_intro}</p>
            {move || {
                let current = filter.get();
                view! { <Filters current staff=staff.get_value() errors apply /> }
            }}
            <Markup html=markup on_act />
        </div>
    }
}

/// The filter form, filled in from the address; submitting puts the new filter there.
#[component]
fn Filters(
    current: AuditFilter,
    staff: Vec<(i64, String)>,
    errors: Errors,
    apply: Callback<AuditFilter>,
) -> impl IntoView {
    Effect::new(move |_| set_title(team_words().audit_title));
    // A code in the address this screen does not offer is kept as a choice of its own.
    let choices = |known: &'static [&'static str], chosen: &str| {
        let mut codes: Vec<String> = known.iter().map(|c| c.to_string()).collect();
        if !chosen.is_empty() && !known.contains(&chosen) {
            codes.push(chosen.to_string());
        }
        codes
    };
    let actions = choices(&table::ACTIONS, &current.action);
    let action_options = Signal::derive(move || {
        let t = team_words();
        let mut out = vec![(String::new(), t.any_action.to_string())];
        out.extend(
            actions
                .iter()
                .map(|c| (c.clone(), table::action_word(t, c).to_string())),
        );
        out
    });
    let types = choices(&table::RECORD_TYPES, &current.record_type);
    let type_options = Signal::derive(move || {
        let t = team_words();
        let mut out = vec![(String::new(), t.any_record_type.to_string())];
        out.extend(
            types
                .iter()
                .map(|c| (c.clone(), table::record_word(t, c).to_string())),
        );
        out
    });
    let staff_options = Signal::derive(move || {
        let mut out = vec![(String::new(), team_words().anyone.to_string())];
        out.extend(
            staff
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone())),
        );
        out
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = |id: &str| crate::wire::fixed::date(field_value(id).trim());
        let wanted = AuditFilter {
            staff_id: field_value(STAFF).parse().ok(),
            action: field_value(ACTION),
            record_type: field_value(RECORD_TYPE),
            from: date(FROM),
            to: date(TO),
            before: None,
        };
        let mut found: BTreeMap<&'static str, Say> = BTreeMap::new();
        if let (Some(from), Some(to)) = (wanted.from, wanted.to) {
            if to < from {
                found.insert(TO, |t| t.dates_reversed);
            }
        }
        if let Some(first) = first_invalid(&found, &ORDER) {
            errors.set(found);
            focus_id(first);
            return;
        }
        errors.set(BTreeMap::new());
        apply.run(wanted);
    };

    let day = |date: Option<chrono::NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <form class="panel audit-filters" novalidate on:submit=submit>
            <fieldset class="group">
                <legend>{move || team_words().filters}</legend>
                <div class="filter-grid">
                    <SelectField
                        id=STAFF
                        label=|t| t.staff_member
                        errors
                        options=staff_options
                        selected=current.staff_id.map(|id| id.to_string()).unwrap_or_default()
                    />
                    <SelectField id=ACTION label=|t| t.action errors options=action_options selected=current.action.clone() />
                    <SelectField
                        id=RECORD_TYPE
                        label=|t| t.record_type
                        errors
                        options=type_options
                        selected=current.record_type.clone()
                    />
                    <TextField id=FROM label=|t| t.from_date kind="date" autocomplete="off" errors value=day(current.from) />
                    <TextField id=TO label=|t| t.to_date kind="date" autocomplete="off" errors value=day(current.to) />
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary">{move || team_words().show_entries}</button>
                <a class="button secondary" href="/console/audit">{move || team_words().clear_filters}</a>
            </div>
        </form>
    }
}
