//! The service form (`/console/services?new=1`, `?edit=ID`): the texts patients read in
//! English and Spanish side by side, the length and free time around the visit, how it
//! happens, and who offers it.

use super::super::setup_form::{label, place_in, Draw, Form};
use crate::components::markup::push;
use crate::i18n::plain_language::plain_catalog;
use crate::i18n::setup::SetupTr;
use crate::i18n::{fill, Tr};
use crate::wire::setup::{PractitionerAdmin, ServiceDraft};
use crate::wire::{Language, ServiceKind};

pub(super) const FORM_ID: &str = "service-form";
pub(super) const SUBMIT_ID: &str = "service-submit";

/// The texts, each in English (`_en`) and Spanish (`_es`).
const TEXTS: [&str; 5] = [
    "name",
    "description",
    "what_to_expect",
    "cost_note",
    "preparation",
];
/// The server's field names, which are also the inputs' ids after `svc-`.
const FIELDS: [&str; 15] = [
    "name_en",
    "name_es",
    "description_en",
    "description_es",
    "what_to_expect_en",
    "what_to_expect_es",
    "cost_note_en",
    "cost_note_es",
    "preparation_en",
    "preparation_es",
    "duration_minutes",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "kind",
    "practitioner_ids",
];

fn id(field: &str) -> String {
    format!("svc-{field}")
}

fn practitioner_id(id: i64) -> String {
    format!("svc-practitioner_ids-{id}")
}

fn kind_code(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::InPerson => "in_person",
        ServiceKind::Telehealth => "telehealth",
    }
}

/// Where the server's field goes in this form.
pub(super) fn place(field: &str) -> Option<String> {
    place_in("svc-", &FIELDS, field)
}

/// The form filled with a service, or blank for a new one (in person, 20 minutes).
pub(super) fn form_of(service: Option<&ServiceDraft>) -> Form {
    let mut form = Form::default();
    let Some(service) = service else {
        form.set(id("duration_minutes"), "20");
        form.set(id("buffer_before_minutes"), "0");
        form.set(id("buffer_after_minutes"), "0");
        form.set(id("kind"), kind_code(ServiceKind::InPerson));
        return form;
    };
    let texts = [
        ("name_en", &service.name_en),
        ("name_es", &service.name_es),
        ("description_en", &service.description_en),
        ("description_es", &service.description_es),
        ("what_to_expect_en", &service.what_to_expect_en),
        ("what_to_expect_es", &service.what_to_expect_es),
        ("cost_note_en", &service.cost_note_en),
        ("cost_note_es", &service.cost_note_es),
        ("preparation_en", &service.preparation_en),
        ("preparation_es", &service.preparation_es),
    ];
    for (field, text) in texts {
        form.set(id(field), text);
    }
    form.set(id("duration_minutes"), service.duration_minutes.to_string());
    form.set(
        id("buffer_before_minutes"),
        service.buffer_before_minutes.to_string(),
    );
    form.set(
        id("buffer_after_minutes"),
        service.buffer_after_minutes.to_string(),
    );
    form.set(id("kind"), kind_code(service.kind));
    for practitioner in &service.practitioner_ids {
        form.set_on(practitioner_id(*practitioner), true);
    }
    form
}

/// The service as typed, or `None` with the form's errors set.
pub(super) fn request_of(
    form: &mut Form,
    practitioners: &[PractitionerAdmin],
) -> Option<ServiceDraft> {
    let duration_minutes = form.number(&id("duration_minutes"));
    let buffer_before_minutes = form.number(&id("buffer_before_minutes"));
    let buffer_after_minutes = form.number(&id("buffer_after_minutes"));
    let kind = match form.get(&id("kind")) {
        "in_person" => Some(ServiceKind::InPerson),
        "telehealth" => Some(ServiceKind::Telehealth),
        _ => None,
    };
    if kind.is_none() {
        form.errors.insert(id("kind"), "required".into());
    }
    if !form.errors.is_empty() {
        return None;
    }
    let practitioner_ids = practitioners
        .iter()
        .map(|p| p.id)
        .filter(|p| form.is_on(&practitioner_id(*p)))
        .collect();
    Some(ServiceDraft {
        name_en: form.text(&id("name_en")),
        name_es: form.text(&id("name_es")),
        description_en: form.text(&id("description_en")),
        description_es: form.text(&id("description_es")),
        what_to_expect_en: form.text(&id("what_to_expect_en")),
        what_to_expect_es: form.text(&id("what_to_expect_es")),
        cost_note_en: form.text(&id("cost_note_en")),
        cost_note_es: form.text(&id("cost_note_es")),
        preparation_en: form.text(&id("preparation_en")),
        preparation_es: form.text(&id("preparation_es")),
        duration_minutes,
        buffer_before_minutes,
        buffer_after_minutes,
        kind: kind.unwrap_or(ServiceKind::InPerson),
        practitioner_ids,
    })
}

/// The input ids of the two preparation texts, which the plain-language check follows.
pub(super) const PREPARATION_IDS: [(&str, Language); 2] = [
    ("svc-preparation_en", Language::En),
    ("svc-preparation_es", Language::Es),
];

/// The Markdown hint speaks the field's language, as its label's neighbours do.
fn lang_of(suffix: &str) -> Language {
    if suffix == "_es" {
        Language::Es
    } else {
        Language::En
    }
}

fn text_label(s: &'static SetupTr, text: &str) -> &'static str {
    match text {
        "name" => s.service_name,
        "description" => s.description,
        "what_to_expect" => s.what_to_expect,
        "cost_note" => s.cost_note,
        _ => s.preparation,
    }
}

/// The form, headed by `title` (the `<h1>`); `editing` says which button label to use.
pub(super) fn render(
    form: &Form,
    title: &str,
    editing: bool,
    practitioners: &[PractitionerAdmin],
    s: &'static SetupTr,
    t: &'static Tr,
) -> String {
    crate::components::set_title(title);
    let draw = Draw { s, form };
    let mut out = String::new();
    push(
        &mut out,
        r#"<h1 id="setup-title" tabindex="-1">{}</h1><p><a class="back" href="/console/services">{}</a></p><form id="service-form" novalidate aria-labelledby="setup-title">"#,
        &[title, s.back_to_services],
    );
    draw.notices(&mut out, t);

    // The two languages side by side on a wide screen, one after the other on a phone; the
    // Spanish fields say they are Spanish, for spelling and for screen readers.
    out.push_str(r#"<div class="bilingual">"#);
    for (suffix, legend, lang) in [("_en", s.english, ""), ("_es", s.spanish, r#" lang="es""#)] {
        push(
            &mut out,
            r#"<fieldset class="group lang-column"><legend>{}</legend>"#,
            &[legend],
        );
        for text in TEXTS {
            let field = id(&format!("{text}{suffix}"));
            // Only the name must be given; the rest may wait.
            let label = if text == "name" {
                label(text_label(s, text))
            } else if text == "preparation" {
                // Patients get the preparation formatted; the check below the form reads it.
                label(text_label(s, text))
                    .optional()
                    .hint(plain_catalog(lang_of(suffix)).markdown_hint)
            } else {
                label(text_label(s, text)).optional()
            };
            if text == "name" {
                draw.input(&mut out, &field, "text", label, lang);
            } else {
                draw.textarea(&mut out, &field, label, lang);
            }
        }
        out.push_str("</fieldset>");
    }
    out.push_str("</div>");

    push(
        &mut out,
        r#"<fieldset class="group"><legend>{}</legend>"#,
        &[s.timing],
    );
    draw.number(
        &mut out,
        &id("duration_minutes"),
        label(s.duration).hint(s.duration_hint),
    );
    draw.number(
        &mut out,
        &id("buffer_before_minutes"),
        label(s.buffer_before).hint(s.buffer_hint),
    );
    draw.number(
        &mut out,
        &id("buffer_after_minutes"),
        label(s.buffer_after).hint(s.buffer_hint),
    );
    out.push_str("</fieldset>");

    draw.radios(
        &mut out,
        &id("kind"),
        label(s.kind),
        &[("in_person", s.in_person), ("telehealth", s.telehealth)],
    );

    if practitioners.is_empty() {
        push(
            &mut out,
            r#"<fieldset class="group"><legend>{}</legend><p class="muted">{}</p></fieldset>"#,
            &[s.who_offers, s.no_practitioners_to_choose],
        );
    } else {
        let people: Vec<(String, String)> = practitioners
            .iter()
            .map(|p| (practitioner_id(p.id), p.practitioner.display_name.clone()))
            .collect();
        draw.checks(
            &mut out,
            &id("practitioner_ids"),
            label(s.who_offers),
            &people,
        );
    }

    push(
        &mut out,
        r#"<div class="actions"><button type="submit" id="service-submit" class="primary">{}</button><a class="button secondary" href="/console/services">{}</a></div></form>"#,
        &[
            if editing {
                s.save_service
            } else {
                s.create_service
            },
            s.cancel,
        ],
    );
    out
}

/// A service's length and kind in words, e.g. "20 min · In person".
pub(super) fn summary(service: &ServiceDraft, s: &'static SetupTr) -> String {
    let minutes = fill(s.minutes_short, &[&service.duration_minutes.to_string()]);
    let kind = match service.kind {
        ServiceKind::InPerson => s.in_person,
        ServiceKind::Telehealth => s.telehealth,
    };
    fill("{} · {}", &[&minutes, kind])
}
