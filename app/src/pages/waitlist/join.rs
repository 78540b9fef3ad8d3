//! `/book/{clinic}/waitlist?service=ID[&practitioner=ID][&lang=es]`: joining the waitlist
//! (survey bundle; the booking flow links here when no time suits). The service and the
//! practitioner (or any) come from the booking flow; the patient ticks the days and times of
//! day that suit them and says how to reach them. Checked here first, then by the server;
//! either way each problem shows next to its field and in a summary that takes focus. Then
//! "You're on the list", with the patient's waitlist link.

use super::{booking_href, TITLE};
use crate::api::waitlist::join;
use crate::api::{self, ApiError};
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{disabled, facts, html, input_of, push, Act, Markup};
use crate::components::{announce, focus_id, set_title};
use crate::i18n::waitlist::{day_list, part_list, waitlist_catalog, WaitlistTr};
use crate::i18n::{catalog, fill, instant, use_i18n, Tr};
use crate::waitlist_form::{
    day_id, field_id, join_query, part_id, server_errors, FieldError, JoinDraft, CONSENT, EMAIL,
    LANG_EN, LANG_ES, NAME, PHONE, PREFERRED,
};
use crate::wire::waitlist::{PartOfDay, WaitlistEntry};
use crate::wire::{Clinic, Language, Practitioner, Service};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

const SUMMARY: &str = "error-summary";
const PROBLEM: &str = "w-problem";

/// Everything the page shows, in one signal (each signal type costs the bundle its own code).
#[derive(Default)]
struct Shown {
    /// The clinic, once asked for (in the reading language: service names are translated).
    clinic: Option<Result<Clinic, ApiError>>,
    /// Problems with the form, from our own checks or the server's 422.
    errors: Vec<FieldError>,
    /// A refusal not about one field.
    problem: Option<&'static str>,
    sending: bool,
    /// On the list now: the confirmation replaces the form.
    joined: Option<WaitlistEntry>,
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let (wanted, asked_lang) = use_query_map().with_untracked(|q| {
        (
            join_query(q.get_str("service"), q.get_str("practitioner")),
            q.get_str("lang").and_then(Language::from_tag),
        )
    });
    // A link may ask for a language (`?lang=es`); the header's switch still wins afterwards.
    if let Some(lang) = asked_lang {
        i18n.lang.set(lang);
    }
    let slug = use_params_map().with_untracked(|p| p.get("clinic").unwrap_or_default());
    let shown = RwSignal::new(Shown::default());
    // What is ticked and typed lives outside the markup: only a change of what the page must
    // show redraws it, never a keystroke, so focus stays where the patient is.
    let draft = StoredValue::new(JoinDraft::default());
    let load = {
        let slug = slug.clone();
        move |lang: Language| {
            let slug = slug.clone();
            spawn_local(async move {
                let clinic = api::clinic(&slug, lang).await;
                shown.update(|s| s.clinic = Some(clinic));
            });
        }
    };
    {
        let load = load.clone();
        Effect::new(move |_| load(i18n.lang.get()));
    }

    let html = {
        let slug = slug.clone();
        Signal::derive(move || {
            let lang = i18n.lang.get();
            let (t, w) = (catalog(lang), waitlist_catalog(lang));
            shown.with(|shown| {
                if let Some(entry) = &shown.joined {
                    return confirmation(entry, t, w, lang);
                }
                match &shown.clinic {
                    None => {
                        set_title(w.join_title);
                        skeleton(t, true)
                    }
                    Some(Err(error)) => {
                        let title = if error.is_not_found() {
                            t.not_found_title
                        } else {
                            t.err_server
                        };
                        set_title(title);
                        html(r#"<h1 id="waitlist-title" tabindex="-1">{}</h1>"#, &[title])
                            + &load_error(t, error)
                    }
                    Some(Ok(clinic)) => match chosen(clinic, wanted) {
                        None => bad_link(&slug, w),
                        Some((service, practitioner)) => {
                            let mut out = head(clinic, &slug, service, practitioner, t, w);
                            draft.with_value(|draft| form(&mut out, clinic, draft, shown, lang));
                            out.push_str("</article>");
                            out
                        }
                    },
                }
            })
        })
    };

    let on_input = Callback::new(move |ev: web_sys::Event| {
        if let Some((id, value, checked)) = input_of(&ev) {
            draft.update_value(|d| d.apply(&id, &value, checked));
        }
    });
    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "retry" => load(i18n.lang.get_untracked()),
        "focus" => focus_id(&act.arg),
        _ => {}
    });
    let on_submit = Callback::new(move |_| {
        let lang = i18n.lang.get_untracked();
        let Some((request, sending)) = shown.with_untracked(|s| {
            let clinic = s.clinic.as_ref()?.as_ref().ok()?;
            let (service, practitioner) = chosen(clinic, wanted)?;
            let reading = clinic.language_for(lang);
            let request =
                draft.with_value(|d| d.request(service.id, practitioner.map(|p| p.id), reading));
            Some((request, s.sending))
        }) else {
            return;
        };
        if sending {
            return;
        }
        let found = draft.with_value(JoinDraft::check);
        let ok = found.is_empty();
        shown.update(|s| {
            s.errors = found;
            s.problem = None;
            s.sending = ok;
        });
        if !ok {
            return focus_id(SUMMARY);
        }
        let slug = slug.clone();
        spawn_local(async move {
            let result = join(&slug, &request).await;
            match result {
                Ok(entry) => {
                    announce(waitlist_catalog(lang).joined_title);
                    shown.update(|s| {
                        s.sending = false;
                        s.joined = Some(entry);
                    });
                    focus_id(TITLE);
                }
                Err(error) => refused(error, lang, shown),
            }
        });
    });
    view! { <Markup html on_act on_input on_submit /> }
}

/// Shows why the server refused: its field problems next to their fields (and in the
/// summary), or one sentence for the rest.
fn refused(error: ApiError, lang: Language, shown: RwSignal<Shown>) {
    let fields = error
        .body()
        .and_then(|body| body.fields.as_ref())
        .filter(|fields| !fields.is_empty());
    if let Some(fields) = fields {
        let errors = server_errors(fields);
        shown.update(|s| {
            s.sending = false;
            s.errors = errors;
        });
        return focus_id(SUMMARY);
    }
    let w = waitlist_catalog(lang);
    let said = match error.code() {
        "already_waiting" => w.e_already,
        _ if error.is_not_found() => w.e_service,
        _ => error_text(&error, catalog(lang)),
    };
    shown.update(|s| {
        s.sending = false;
        s.problem = Some(said);
    });
    announce(said);
    focus_id(PROBLEM);
}

/// The service asked for and the practitioner (`None`: any), when the clinic has them and
/// the practitioner offers the service.
fn chosen(
    clinic: &Clinic,
    wanted: Option<(i64, Option<i64>)>,
) -> Option<(&Service, Option<&Practitioner>)> {
    let (service_id, practitioner_id) = wanted?;
    let service = clinic.services.iter().find(|s| s.id == service_id)?;
    let practitioner = match practitioner_id {
        None => None,
        Some(id) => Some(
            clinic
                .practitioners
                .iter()
                .find(|p| p.id == id && p.service_ids.contains(&service_id))?,
        ),
    };
    Some((service, practitioner))
}

/// The clinic, Back to the booking flow's time step, the heading and what the patient waits for.
fn head(
    clinic: &Clinic,
    slug: &str,
    service: &Service,
    practitioner: Option<&Practitioner>,
    t: &'static Tr,
    w: &'static WaitlistTr,
) -> String {
    set_title(w.join_title);
    let mut back = booking_href(slug);
    back.push_str("?service=");
    back.push_str(&service.id.to_string());
    back.push_str("&practitioner=");
    match practitioner {
        Some(p) => back.push_str(&p.id.to_string()),
        None => back.push_str("any"),
    }
    let mut out = html(
        r#"<article class="waitlist-page"><p class="clinic-name">{}</p><a class="back" href="{}" rel="external">‹ {}</a><h1 id="waitlist-title" tabindex="-1">{}</h1><p class="lead">{}</p>"#,
        &[
            &fill(w.join_at, &[&clinic.name]),
            &back,
            t.back,
            w.join_title,
            w.join_intro,
        ],
    );
    let text = |value: &str| html("{}", &[value]);
    out.push_str(&facts(&[
        (t.service, text(&service.name)),
        (
            w.practitioner,
            text(practitioner.map_or(w.any_practitioner, |p| &p.display_name)),
        ),
    ]));
    out
}

/// The sentence for a field problem, in the reader's language.
fn message(field: &str, code: &str, t: &'static Tr, w: &'static WaitlistTr) -> &'static str {
    match (field, code) {
        ("days", _) => w.e_days,
        ("parts_of_day", _) => w.e_parts,
        (_, "email_or_phone_required") => t.flow().e_contact,
        (_, "invalid_email") => t.flow().e_email,
        (_, "invalid_phone") => t.flow().e_phone,
        (_, "too_long") => t.flow().e_too_long,
        ("contact.name", _) => t.flow().e_required_name,
        ("contact.consent", _) => w.e_consent,
        ("service_id" | "practitioner_id", _) => w.e_service,
        ("contact.language", _) => t.e_invalid,
        _ => t.e_invalid,
    }
}

/// The problem shown at the control `id`, if any.
fn error_at(
    errors: &[FieldError],
    id: &str,
    t: &'static Tr,
    w: &'static WaitlistTr,
) -> Option<&'static str> {
    errors
        .iter()
        .find(|(field, _)| field_id(field) == Some(id))
        .map(|(field, code)| message(field, code, t, w))
}

fn checked(on: bool) -> &'static str {
    if on {
        " checked"
    } else {
        ""
    }
}

/// A labelled text input with its hint and problem tied to it.
#[allow(clippy::too_many_arguments)]
fn text_field(
    out: &mut String,
    id: &str,
    label: &str,
    kind: &str,
    autocomplete: &str,
    value: &str,
    hint: Option<&str>,
    optional: Option<&str>,
    error: Option<&str>,
) {
    push(
        out,
        r#"<div class="field{}"><label for="{}">{}"#,
        &[if error.is_some() { " has-error" } else { "" }, id, label],
    );
    if let Some(optional) = optional {
        push(out, r#" <span class="optional">{}</span>"#, &[optional]);
    }
    out.push_str("</label>");
    let mut described = Vec::new();
    if let Some(hint) = hint {
        push(out, r#"<p class="hint" id="{}-hint">{}</p>"#, &[id, hint]);
        described.push([id, "-hint"].concat());
    }
    if let Some(error) = error {
        push(
            out,
            r#"<p class="field-error" id="{}-error">{}</p>"#,
            &[id, error],
        );
        described.push([id, "-error"].concat());
    }
    push(
        out,
        r#"<input type="{}" id="{}" autocomplete="{}" maxlength="200" value="{}""#,
        &[kind, id, autocomplete, value],
    );
    if kind != "text" {
        push(out, r#" inputmode="{}""#, &[kind]);
    }
    if !described.is_empty() {
        push(out, r#" aria-describedby="{}""#, &[&described.join(" ")]);
    }
    if error.is_some() {
        out.push_str(r#" aria-invalid="true""#);
    }
    out.push_str("></div>");
}

/// A fieldset of checkboxes (`group_id` takes focus from the error summary).
fn checks(
    out: &mut String,
    group_id: &str,
    legend: &str,
    hint: Option<&str>,
    error: Option<&str>,
    items: &[(String, &str, bool)],
) {
    let mut described = Vec::new();
    if hint.is_some() {
        described.push([group_id, "-hint"].concat());
    }
    if error.is_some() {
        described.push([group_id, "-error"].concat());
    }
    push(
        out,
        r#"<fieldset class="group checks{}" id="{}" tabindex="-1""#,
        &[if error.is_some() { " has-error" } else { "" }, group_id],
    );
    if !described.is_empty() {
        push(out, r#" aria-describedby="{}""#, &[&described.join(" ")]);
    }
    push(out, "><legend>{}</legend>", &[legend]);
    if let Some(hint) = hint {
        push(
            out,
            r#"<p class="hint" id="{}-hint">{}</p>"#,
            &[group_id, hint],
        );
    }
    if let Some(error) = error {
        push(
            out,
            r#"<p class="field-error" id="{}-error">{}</p>"#,
            &[group_id, error],
        );
    }
    for (id, label, on) in items {
        push(
            out,
            r#"<div class="choice"><input type="checkbox" id="{}"{}><label for="{}">{}</label></div>"#,
            &[id, checked(*on), id, label],
        );
    }
    out.push_str("</fieldset>");
}

fn form(out: &mut String, clinic: &Clinic, draft: &JoinDraft, shown: &Shown, lang: Language) {
    let (errors, problem, sending) = (&shown.errors[..], shown.problem, shown.sending);
    let (t, w) = (catalog(lang), waitlist_catalog(lang));
    out.push_str(r#"<div aria-live="polite">"#);
    if !errors.is_empty() {
        push(
            out,
            r#"<div class="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title"><h2 id="error-summary-title">{}</h2><ul>"#,
            &[t.flow().error_summary],
        );
        for (field, code) in errors {
            let said = message(field, code, t, w);
            match field_id(field) {
                Some(id) => push(
                    out,
                    r##"<li><a href="#{}" data-act="focus {}">{}</a></li>"##,
                    &[id, id, said],
                ),
                None => push(out, "<li>{}</li>", &[said]),
            }
        }
        out.push_str("</ul></div>");
    }
    out.push_str(
        r#"</div><form class="details waitlist-form" novalidate data-testid="waitlist-form">"#,
    );
    let days: Vec<(String, &str, bool)> = (0u8..7)
        .map(|d| {
            (
                day_id(d),
                w.weekdays[usize::from(d)],
                draft.days[usize::from(d)],
            )
        })
        .collect();
    checks(
        out,
        "w-days",
        w.days_legend,
        None,
        error_at(errors, "w-days", t, w),
        &days,
    );
    let parts: Vec<(String, &str, bool)> = PartOfDay::ALL
        .into_iter()
        .enumerate()
        .map(|(i, part)| (part_id(part).to_string(), w.parts[i], draft.parts[i]))
        .collect();
    checks(
        out,
        "w-parts",
        w.parts_legend,
        Some(w.parts_hint),
        error_at(errors, "w-parts", t, w),
        &parts,
    );
    let err = |id| error_at(errors, id, t, w);
    text_field(
        out,
        NAME,
        t.flow().full_name,
        "text",
        "name",
        &draft.name,
        None,
        None,
        err(NAME),
    );
    text_field(
        out,
        PREFERRED,
        t.preferred_name,
        "text",
        "nickname",
        &draft.preferred_name,
        Some(t.flow().preferred_name_hint),
        Some(t.optional),
        err(PREFERRED),
    );
    push(
        out,
        r#"<fieldset class="group" aria-describedby="contact-hint"><legend>{}</legend><p class="hint" id="contact-hint">{}</p>"#,
        &[t.flow().contact_legend, t.flow().contact_hint],
    );
    text_field(
        out,
        EMAIL,
        t.email,
        "email",
        "email",
        &draft.email,
        None,
        None,
        err(EMAIL),
    );
    text_field(
        out,
        PHONE,
        t.phone,
        "tel",
        "tel",
        &draft.phone,
        None,
        None,
        err(PHONE),
    );
    // Only the languages the clinic writes in are offered.
    let language = clinic.language_for(draft.language.unwrap_or(lang));
    push(
        out,
        r#"</fieldset><fieldset class="group"><legend>{}</legend>"#,
        &[t.flow().patient_language],
    );
    for (option, id, label) in [
        (Language::En, LANG_EN, t.flow().english),
        (Language::Es, LANG_ES, t.flow().spanish),
    ] {
        if clinic.speaks(option) {
            push(
                out,
                r#"<div class="choice"><input type="radio" id="{}" name="w-language"{}><label for="{}">{}</label></div>"#,
                &[id, checked(language == option), id, label],
            );
        }
    }
    out.push_str("</fieldset>");
    let consent_error = err(CONSENT);
    push(
        out,
        r#"<div class="field consent{}">"#,
        &[if consent_error.is_some() {
            " has-error"
        } else {
            ""
        }],
    );
    if let Some(error) = consent_error {
        push(
            out,
            r#"<p class="field-error" id="w-consent-error">{}</p>"#,
            &[error],
        );
    }
    push(
        out,
        r#"<div class="choice"><input type="checkbox" id="w-consent"{}"#,
        &[checked(draft.consent)],
    );
    if consent_error.is_some() {
        out.push_str(r#" aria-invalid="true" aria-describedby="w-consent-error""#);
    }
    push(
        out,
        r#"><label for="w-consent">{}</label></div></div>"#,
        &[w.consent],
    );
    if let Some(problem) = problem {
        push(
            out,
            r#"<p class="notice error" id="w-problem" tabindex="-1" role="alert">{}</p>"#,
            &[problem],
        );
    }
    push(
        out,
        r#"<button type="submit" class="primary" id="w-join" aria-disabled="{}"{}>{}</button></form>"#,
        &[
            if sending { "true" } else { "false" },
            disabled(sending),
            if sending { w.joining } else { w.join },
        ],
    );
}

/// "You're on the list": what the patient waits for, until when, and their waitlist link.
fn confirmation(
    entry: &WaitlistEntry,
    t: &'static Tr,
    w: &'static WaitlistTr,
    lang: Language,
) -> String {
    set_title(w.joined_title);
    let mut href = String::from("/waitlist/");
    href.push_str(&String::from(js_sys::encode_uri_component(&entry.token)));
    let full = window().location().origin().unwrap_or_default() + &href;
    let text = |value: &str| html("{}", &[value]);
    let mut out = html(
        r#"<article class="waitlist-page" data-testid="waitlist-joined"><h1 id="waitlist-title" tabindex="-1">{}</h1><div class="notice ok"><p>{}</p></div>"#,
        &[w.joined_title, w.joined_body],
    );
    out.push_str(&facts(&[
        (t.service, text(&entry.service.name)),
        (
            w.practitioner,
            text(
                entry
                    .practitioner
                    .as_ref()
                    .map_or(w.any_practitioner, |p| &p.display_name),
            ),
        ),
        (w.days, text(&day_list(&entry.days, &w.weekdays))),
        (
            w.times_of_day,
            text(&part_list(&entry.parts_of_day, &w.parts_short)),
        ),
        (
            w.until,
            text(&instant(entry.expires_at, &entry.clinic.time_zone, lang)),
        ),
    ]));
    push(
        &mut out,
        r#"<p>{}</p><p class="waitlist-url">{}</p><p><a class="button primary" href="{}" rel="external" data-testid="waitlist-link">{}</a></p></article>"#,
        &[w.joined_link, &full, &href, w.open_link],
    );
    out
}

/// The address does not name a service (or practitioner) of this clinic.
fn bad_link(slug: &str, w: &'static WaitlistTr) -> String {
    set_title(w.bad_link_title);
    html(
        r#"<article class="waitlist-page"><h1 id="waitlist-title" tabindex="-1">{}</h1><p>{}</p><p><a href="{}" rel="external">{}</a></p></article>"#,
        &[
            w.bad_link_title,
            w.bad_link_body,
            &booking_href(slug),
            w.back_to_booking,
        ],
    )
}
