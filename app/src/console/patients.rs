//! `/console/patients?q=`: find a patient by name, email or phone (the query is the URL, so
//! reload and Back work), and `/console/patients/:id`: their history with the clinic, oldest
//! first. Front desk and admins only; every search and every record opened is audited by the
//! server.

use super::sign_in::field_value;
use super::{is_unauthorized, touch, use_console, words};
use crate::api::{self, ApiError};
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{disabled, facts, flag, html, push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::erase::{erase_catalog, EraseTr};
use crate::i18n::{fill, instant, use_i18n, ConsoleTr, Tr};
use crate::wire::console::{PatientMatch, PatientTimeline, StaffMe, StaffRole, TimelineEntry};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// Searches shorter than this are refused by the server (too many people would match).
const MIN_QUERY: usize = 2;

/// Where the last search is kept for the patient page's "Back to search": the tab's session
/// storage, so that it survives a reload and is gone with the tab.
const LAST_QUERY_KEY: &str = "carebook.console.patients.q";

fn remember_query(query: &str) {
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.set_item(LAST_QUERY_KEY, query);
    }
}

/// Signing out (or the session ending) forgets the last search: the next person at this
/// desk should not see whom the last one looked up.
pub(crate) fn forget_last_search() {
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.remove_item(LAST_QUERY_KEY);
    }
}

fn last_query() -> String {
    window()
        .session_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(LAST_QUERY_KEY).ok().flatten())
        .unwrap_or_default()
}

fn search_href(query: &str) -> String {
    if query.is_empty() {
        return "/console/patients".into();
    }
    let mut href = String::from("/console/patients?q=");
    href.push_str(&String::from(js_sys::encode_uri_component(query)));
    href
}

/// What the search page shows under the form.
#[derive(Clone)]
enum Found {
    /// Nothing asked yet (or too short to ask).
    Nothing,
    Matches(Vec<PatientMatch>),
}

#[component]
pub fn PatientsPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let q =
        Memo::new(move |_| query.with(|q| q.get_str("q").unwrap_or_default().trim().to_string()));
    // What was typed when it was too short to search for (shown back with the error).
    let too_short = RwSignal::new(None::<String>);
    // Admins: whose erasure awaits confirmation, one running, and whether one just finished.
    let confirming = RwSignal::new(None::<i64>);
    let erasing = RwSignal::new(false);
    let erased = RwSignal::new(false);
    // Set by an erasure: focus goes to its result once the fresh results are shown.
    let focus_erased = StoredValue::new(false);
    let found = LocalResource::new(move || {
        let q = q.get();
        async move {
            let me = super::signed_in(console).await?;
            if me.role == StaffRole::Practitioner || q.chars().count() < MIN_QUERY {
                return Ok::<_, ApiError>((me, Found::Nothing));
            }
            let matches = api::console::patients(&q).await?;
            touch();
            Ok((me, Found::Matches(matches)))
        }
    });
    // Which query's results were last shown: new results take focus and are announced, except
    // on arrival, where the page's heading does.
    let shown = StoredValue::new(None::<String>);
    let arrived = StoredValue::new(false);
    Effect::new(move |_| match found.get() {
        Some(Ok((_, found))) => {
            if focus_erased.get_value() {
                focus_erased.set_value(false);
                focus_id("erase-done");
            }
            let q = q.get_untracked();
            remember_query(&q);
            if shown.get_value().as_ref() == Some(&q) {
                return;
            }
            shown.set_value(Some(q));
            if !arrived.get_value() {
                arrived.set_value(true);
                focus_heading("patients-title");
            } else if let Found::Matches(matches) = found {
                let c = words_untracked(i18n.lang.get_untracked());
                announce(count_text(c, matches.len()));
                focus_id("results-title");
            }
        }
        Some(Err(error)) => {
            console.check(&error);
        }
        None => {}
    });

    let markup = Signal::derive(move || {
        let (c, t) = (words(), i18n.t());
        set_title(c.patients_title);
        let mut out = html(
            r#"<h1 id="patients-title" tabindex="-1">{}</h1>"#,
            &[c.patients_title],
        );
        match found.get() {
            None => out.push_str(&skeleton(t, false)),
            Some(Err(error)) if is_unauthorized(&error) => out.push_str(&skeleton(t, false)),
            Some(Ok((me, _))) if me.role == StaffRole::Practitioner => desk_only(&mut out, c),
            Some(result) => {
                let q = q.get();
                let typed = too_short.get();
                search_form(&mut out, typed.as_deref().unwrap_or(&q), typed.is_some(), c);
                match result {
                    // The server's own length check (the browser's should have caught it).
                    Err(ApiError::Status(422, _)) => {}
                    Err(error) => out.push_str(&load_error(t, &error)),
                    Ok((_, Found::Nothing)) => {}
                    Ok((me, Found::Matches(matches))) => {
                        if erased.get() {
                            push(
                                &mut out,
                                r#"<p class="notice ok" id="erase-done" tabindex="-1" data-testid="erase-done">{}</p>"#,
                                &[erase_catalog(i18n.lang.get()).done],
                            );
                        }
                        // Only admins may erase; the server checks it again.
                        let erase = (me.role == StaffRole::Admin).then(|| Erase {
                            words: erase_catalog(i18n.lang.get()),
                            confirming: confirming.get(),
                            busy: erasing.get(),
                        });
                        results(&mut out, &q, &matches, c, erase.as_ref())
                    }
                }
            }
        }
        out
    });

    let on_submit = Callback::new(move |_| {
        let typed = field_value("p-q").trim().to_string();
        if typed.chars().count() < MIN_QUERY {
            too_short.set(Some(typed));
            announce(words_untracked(i18n.lang.get_untracked()).patients_too_short);
            focus_id("p-q");
            return;
        }
        too_short.set(None);
        if typed == q.get_untracked() {
            // The same search again: ask again (someone may have booked meanwhile).
            shown.set_value(None);
            found.refetch();
        } else {
            navigate(&search_href(&typed), Default::default());
        }
    });
    let on_act = Callback::new(move |act: Act| {
        let id = act.arg.parse::<i64>().ok();
        match (act.name.as_str(), id) {
            ("retry", _) => found.refetch(),
            ("erase", Some(id)) => {
                erased.set(false);
                confirming.set(Some(id));
                focus_id(&format!("erase-q-{id}"));
            }
            ("erase-no", Some(id)) => {
                confirming.set(None);
                focus_id(&format!("erase-{id}"));
            }
            ("erase-yes", Some(id)) if !erasing.get_untracked() => {
                erasing.set(true);
                spawn_local(async move {
                    let outcome = api::console::erase_patient(id).await;
                    erasing.set(false);
                    match outcome {
                        Ok(_) => {
                            touch();
                            confirming.set(None);
                            erased.set(true);
                            announce(erase_catalog(i18n.lang.get_untracked()).done);
                            // The erased person no longer matches: ask again.
                            shown.set_value(Some(q.get_untracked()));
                            focus_erased.set_value(true);
                            found.refetch();
                        }
                        Err(error) => {
                            if !console.check(&error) {
                                announce(error_text(
                                    &error,
                                    crate::i18n::catalog(i18n.lang.get_untracked()),
                                ));
                            }
                        }
                    }
                });
            }
            _ => {}
        }
    });
    view! {
        <div class="console desk-patients">
            <Markup html=markup on_act on_submit />
        </div>
    }
}

fn words_untracked(lang: Language) -> &'static ConsoleTr {
    crate::i18n::console_catalog(lang)
}

fn count_text(c: &'static ConsoleTr, count: usize) -> String {
    if count == 1 {
        c.patients_found_one.to_string()
    } else {
        fill(c.patients_found_many, &[&count.to_string()])
    }
}

fn desk_only(out: &mut String, c: &'static ConsoleTr) {
    push(
        out,
        r#"<p class="notice warn" data-testid="desk-only">{}</p>"#,
        &[c.desk_only],
    );
}

fn search_form(out: &mut String, value: &str, too_short: bool, c: &'static ConsoleTr) {
    push(
        out,
        r#"<form class="desk-search" role="search" novalidate><div class="field{}"><label for="p-q">{}</label><p class="hint" id="p-q-hint">{}</p>"#,
        &[
            if too_short { " has-error" } else { "" },
            c.patients_query,
            c.patients_query_hint,
        ],
    );
    if too_short {
        push(
            out,
            r#"<p class="field-error" id="p-q-error">{}</p>"#,
            &[c.patients_too_short],
        );
    }
    push(
        out,
        r#"<div class="search-row"><input type="search" id="p-q" autocomplete="off" maxlength="200" value="{}" aria-describedby="{}" aria-invalid="{}"><button type="submit" class="primary">{}</button></div></div></form>"#,
        &[
            value,
            if too_short {
                "p-q-hint p-q-error"
            } else {
                "p-q-hint"
            },
            flag(too_short),
            c.patients_search,
        ],
    );
}

fn visits_text(c: &'static ConsoleTr, visits: u32) -> String {
    if visits == 1 {
        c.visits_one.to_string()
    } else {
        fill(c.visits_count, &[&visits.to_string()])
    }
}

/// "email · phone", or that there are none.
fn contact_text(c: &'static ConsoleTr, p: &PatientMatch) -> String {
    let parts: Vec<&str> = [p.email.as_deref(), p.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        c.no_contact.to_string()
    } else {
        parts.join(" · ")
    }
}

/// What an admin sees of erasure in the results.
struct Erase {
    words: &'static EraseTr,
    /// The person whose erasure awaits "Yes, erase".
    confirming: Option<i64>,
    busy: bool,
}

fn erase_controls(out: &mut String, p: &PatientMatch, erase: &Erase) {
    let (e, id) = (erase.words, p.id.to_string());
    if erase.confirming == Some(p.id) {
        push(
            out,
            r#"<div class="erase-confirm" role="group" aria-labelledby="erase-q-{}"><p id="erase-q-{}" tabindex="-1">{}</p><div class="actions"><button type="button" class="danger" data-act="erase-yes {}"{}>{}</button><button type="button" class="secondary" data-act="erase-no {}">{}</button></div></div>"#,
            &[
                &id,
                &id,
                &fill(e.confirm, &[&p.name]),
                &id,
                disabled(erase.busy),
                e.confirm_yes,
                &id,
                e.confirm_no,
            ],
        );
    } else {
        push(
            out,
            r#"<button type="button" id="erase-{}" class="secondary danger small" data-act="erase {}" aria-label="{}">{}</button>"#,
            &[&id, &id, &fill(e.button_for, &[&p.name]), e.button],
        );
    }
}

fn results(
    out: &mut String,
    q: &str,
    matches: &[PatientMatch],
    c: &'static ConsoleTr,
    erase: Option<&Erase>,
) {
    push(
        out,
        r#"<section aria-labelledby="results-title"><h2 id="results-title" tabindex="-1">{}</h2>"#,
        &[&fill(c.patients_results, &[q])],
    );
    if matches.is_empty() {
        push(
            out,
            r#"<p class="notice" data-testid="no-patients">{}</p></section>"#,
            &[&fill(c.patients_none, &[q])],
        );
        return;
    }
    push(
        out,
        r#"<p class="muted">{}</p><ul class="desk-results" data-testid="patient-results">"#,
        &[&count_text(c, matches.len())],
    );
    for p in matches {
        push(
            out,
            r#"<li><a class="result-name" href="/console/patients/{}">{}</a>"#,
            &[&p.id.to_string(), &p.name],
        );
        if let Some(preferred) = p.preferred_name.as_deref().filter(|n| *n != p.name) {
            push(
                out,
                r#" <span class="muted">({})</span>"#,
                &[&fill(c.goes_by, &[preferred])],
            );
        }
        push(
            out,
            r#"<p class="result-contact">{}</p><p class="result-visits">{}</p>"#,
            &[&contact_text(c, p), &visits_text(c, p.visits)],
        );
        if let Some(erase) = erase {
            erase_controls(out, p, erase);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
}

/// What the patient page shows.
#[derive(Clone)]
enum Record {
    Blocked,
    Missing,
    Found(Box<PatientTimeline>),
}

#[component]
pub fn PatientPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|id| id.parse::<i64>().ok())));
    let record = LocalResource::new(move || {
        let id = id.get();
        async move {
            let me = super::signed_in(console).await?;
            if me.role == StaffRole::Practitioner {
                return Ok::<_, ApiError>((me, Record::Blocked));
            }
            let Some(id) = id else {
                return Ok((me, Record::Missing));
            };
            match api::console::patient(id).await {
                Ok(timeline) => {
                    touch();
                    Ok((me, Record::Found(Box::new(timeline))))
                }
                Err(error) if error.is_not_found() => Ok((me, Record::Missing)),
                Err(error) => Err(error),
            }
        }
    });
    Effect::new(move |_| match record.get() {
        Some(Ok(_)) => focus_heading("patient-title"),
        Some(Err(error)) => {
            console.check(&error);
        }
        None => {}
    });

    let markup = Signal::derive(move || {
        let (c, t, lang) = (words(), i18n.t(), i18n.lang.get());
        match record.get() {
            Some(Ok((me, record))) => patient_page(&me, &record, c, t, lang),
            Some(Err(error)) if !is_unauthorized(&error) => {
                set_title(t.err_server);
                html(
                    r#"<h1 id="patient-title" tabindex="-1">{}</h1>"#,
                    &[t.err_server],
                ) + &load_error(t, &error)
            }
            _ => skeleton(t, true),
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            record.refetch();
        }
    });
    view! {
        <div class="console desk-patient">
            <Markup html=markup on_act />
        </div>
    }
}

fn patient_page(
    me: &StaffMe,
    record: &Record,
    c: &'static ConsoleTr,
    t: &'static Tr,
    lang: Language,
) -> String {
    let back = search_href(&last_query());
    let back_link = html(
        r#"<p><a href="{}">‹ {}</a></p>"#,
        &[&back, c.back_to_search],
    );
    let timeline = match record {
        Record::Blocked => {
            set_title(c.patients_title);
            let mut out = html(
                r#"<h1 id="patient-title" tabindex="-1">{}</h1>"#,
                &[c.patients_title],
            );
            desk_only(&mut out, c);
            return out;
        }
        Record::Missing => {
            set_title(c.patient_missing);
            return html(
                r#"<h1 id="patient-title" tabindex="-1">{}</h1><p class="notice" data-testid="patient-missing">{}</p>"#,
                &[c.patient_missing, c.patient_missing_body],
            ) + &back_link;
        }
        Record::Found(timeline) => timeline,
    };
    let p = &timeline.patient;
    // An erased record keeps no name.
    let name = if p.name.is_empty() {
        erase_catalog(lang).nameless
    } else {
        &p.name
    };
    set_title(name);
    let mut out = back_link;
    push(
        &mut out,
        r#"<h1 id="patient-title" tabindex="-1">{}</h1>"#,
        &[name],
    );
    let mut rows = Vec::new();
    if let Some(preferred) = p.preferred_name.as_deref() {
        rows.push((t.preferred_name, html("{}", &[preferred])));
    }
    if let Some(email) = p.email.as_deref() {
        rows.push((c.email, html("{}", &[email])));
    }
    if let Some(phone) = p.phone.as_deref() {
        rows.push((c.phone, html("{}", &[phone])));
    }
    rows.push((c.patient_visits, html("{}", &[&visits_text(c, p.visits)])));
    out.push_str(&facts(&rows));
    push(
        &mut out,
        r#"<section aria-labelledby="history-title"><h2 id="history-title">{}</h2>"#,
        &[c.patient_history],
    );
    if timeline.entries.is_empty() {
        push(
            &mut out,
            r#"<p class="muted" data-testid="history-empty">{}</p>"#,
            &[c.history_empty],
        );
    } else {
        out.push_str(r#"<ol class="timeline" data-testid="timeline">"#);
        for entry in &timeline.entries {
            timeline_entry(&mut out, entry, &me.clinic.time_zone, c, lang);
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");
    out
}

/// The word for a timeline action; a code this screen does not know yet is shown as it is.
fn action_word<'a>(c: &'static ConsoleTr, lang: Language, action: &'a str) -> &'a str {
    match action {
        "booked" => c.booked,
        "arrived" => c.arrived,
        "completed" => c.completed,
        "no_show" => c.no_show,
        "cancelled" => c.cancelled,
        "rescheduled" => c.rescheduled,
        "erased" => erase_catalog(lang).erased,
        other => other,
    }
}

fn timeline_entry(
    out: &mut String,
    entry: &TimelineEntry,
    zone: &str,
    c: &'static ConsoleTr,
    lang: Language,
) {
    push(
        out,
        r#"<li class="entry" data-testid="entry"><p class="entry-head"><strong class="entry-action">{}</strong> <span class="entry-at">{}</span></p>"#,
        &[
            action_word(c, lang, &entry.action),
            &instant(entry.at, zone, lang),
        ],
    );
    let by = entry.by_staff.as_deref().unwrap_or(c.by_patient_online);
    let mut rows = vec![
        (c.entry_visit, html("{}", &[&entry.service_name])),
        (
            c.entry_visit_time,
            html("{}", &[&instant(entry.visit_start, zone, lang)]),
        ),
        (
            c.entry_by,
            html(r#"<span data-testid="entry-by">{}</span>"#, &[by]),
        ),
    ];
    if let Some(reason) = entry.reason.as_deref() {
        rows.push((c.entry_reason, html("{}", &[reason])));
    }
    out.push_str(&facts(&rows));
    out.push_str("</li>");
}
