//! A practitioner's profile fields (name, pronouns, title and bio in English and Spanish, the
//! services they offer), shared by the "add a practitioner" form and the practitioner's page.

use super::super::setup_form::{in_lang, label, place_in, Draw, Form};
use crate::components::markup::push;
use crate::i18n::setup::SetupTr;
use crate::wire::setup::{PractitionerDraft, ServiceAdmin};
use crate::wire::Language;

/// The server's field names, which are also the inputs' ids after `pr-`.
const FIELDS: [&str; 7] = [
    "display_name",
    "pronouns",
    "title_en",
    "title_es",
    "bio_en",
    "bio_es",
    "service_ids",
];

pub(super) fn id(field: &str) -> String {
    format!("pr-{field}")
}

fn service_id(id: i64) -> String {
    format!("pr-service_ids-{id}")
}

/// Where the server's field goes in the profile form.
pub(super) fn place(field: &str) -> Option<String> {
    place_in("pr-", &FIELDS, field)
}

pub(super) fn form_of(practitioner: Option<&PractitionerDraft>) -> Form {
    let mut form = Form::default();
    let Some(p) = practitioner else {
        return form;
    };
    form.set(id("display_name"), &p.display_name);
    form.set(id("pronouns"), p.pronouns.clone().unwrap_or_default());
    form.set(id("title_en"), &p.title_en);
    form.set(id("title_es"), &p.title_es);
    form.set(id("bio_en"), &p.bio_en);
    form.set(id("bio_es"), &p.bio_es);
    for service in &p.service_ids {
        form.set_on(service_id(*service), true);
    }
    form
}

pub(super) fn request_of(form: &Form, services: &[ServiceAdmin]) -> PractitionerDraft {
    PractitionerDraft {
        display_name: form.text(&id("display_name")),
        pronouns: form.optional(&id("pronouns")),
        title_en: form.text(&id("title_en")),
        title_es: form.text(&id("title_es")),
        bio_en: form.text(&id("bio_en")),
        bio_es: form.text(&id("bio_es")),
        service_ids: services
            .iter()
            .map(|s| s.id)
            .filter(|s| form.is_on(&service_id(*s)))
            .collect(),
    }
}

/// The fields, inside a form drawn by the caller.
pub(super) fn fields(
    out: &mut String,
    draw: &Draw,
    services: &[ServiceAdmin],
    s: &'static SetupTr,
    lang: Language,
) {
    draw.input(
        out,
        &id("display_name"),
        "text",
        label(s.display_name).hint(s.display_name_hint),
        r#" autocomplete="off""#,
    );
    draw.input(
        out,
        &id("pronouns"),
        "text",
        label(s.pronouns).hint(s.pronouns_hint).optional(),
        r#" autocomplete="off" class="short""#,
    );
    out.push_str(r#"<div class="bilingual">"#);
    for (suffix, legend, lang_attr) in [("_en", s.english, ""), ("_es", s.spanish, r#" lang="es""#)]
    {
        push(
            out,
            r#"<fieldset class="group lang-column"><legend>{}</legend>"#,
            &[legend],
        );
        draw.input(
            out,
            &id(&format!("title{suffix}")),
            "text",
            label(s.job_title),
            lang_attr,
        );
        draw.textarea(
            out,
            &id(&format!("bio{suffix}")),
            label(s.bio).optional(),
            lang_attr,
        );
        out.push_str("</fieldset>");
    }
    out.push_str("</div>");

    // Retired services are left out, unless this person still has one.
    let choices: Vec<(String, String)> = services
        .iter()
        .filter(|service| !service.retired || draw.form.is_on(&service_id(service.id)))
        .map(|service| {
            let mut name =
                in_lang(lang, &service.service.name_en, &service.service.name_es).to_string();
            if service.retired {
                name.push_str(" (");
                name.push_str(s.retired);
                name.push(')');
            }
            (service_id(service.id), name)
        })
        .collect();
    if choices.is_empty() {
        push(
            out,
            r#"<fieldset class="group"><legend>{}</legend><p class="muted">{}</p></fieldset>"#,
            &[s.services_offered, s.no_services_to_choose],
        );
    } else {
        draw.checks(out, &id("service_ids"), label(s.services_offered), &choices);
    }
}
