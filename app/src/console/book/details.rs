//! The patient's details on the phone-booking screen. The values live in the patient flow's
//! [`Draft`] (same fields, same checks, same request body), so the console and the online
//! booking cannot drift apart; only the wording speaks about "the patient" instead of "you".
//! The control ids are the patient flow's too, so [`field_id`] finds the one a problem is on.

use crate::components::markup::{escape_into, input_of, push};
use crate::i18n::{ConsoleTr, Tr};
use crate::pages::book::draft::{error_message, field_id, Draft};
use crate::wire::{Clinic, Language};
use leptos::prelude::*;

/// One labelled text control.
struct Text {
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// The server's names for this field, whose problems show here.
    paths: &'static [&'static str],
    /// `text`, `email`, `tel` or `textarea`.
    kind: &'static str,
    hint: Option<&'static str>,
    optional: bool,
    maxlength: u16,
}

impl Text {
    fn new(
        id: &'static str,
        label: &'static str,
        value: RwSignal<String>,
        paths: &'static [&'static str],
    ) -> Self {
        Text {
            id,
            label,
            value,
            paths,
            kind: "text",
            hint: None,
            optional: false,
            maxlength: 200,
        }
    }

    fn render(&self, out: &mut String, words: Words, draft: &Draft) {
        let Text { id, label, .. } = *self;
        let error = problem_at(words, draft, self.paths);
        push(
            out,
            r#"<div class="field{}"><label for="{}">{}"#,
            &[if error.is_some() { " has-error" } else { "" }, id, label],
        );
        if self.optional {
            push(
                out,
                r#" <span class="optional">{}</span>"#,
                &[words.1.optional],
            );
        }
        out.push_str("</label>");
        let mut described = Vec::new();
        let (hint_id, error_id) = ([id, "-hint"].concat(), [id, "-error"].concat());
        if let Some(hint) = self.hint {
            push(out, r#"<p class="hint" id="{}">{}</p>"#, &[&hint_id, hint]);
            described.push(hint_id.as_str());
        }
        if let Some(error) = error {
            push(
                out,
                r#"<p class="field-error" id="{}">{}</p>"#,
                &[&error_id, error],
            );
            described.push(error_id.as_str());
        }
        let multiline = self.kind == "textarea";
        if multiline {
            push(out, r#"<textarea rows="3" id="{}""#, &[id]);
        } else {
            push(out, r#"<input type="{}" id="{}""#, &[self.kind, id]);
        }
        // Staff type someone else's details: the browser must not offer their own.
        out.push_str(r#" autocomplete="off""#);
        if self.kind == "email" || self.kind == "tel" {
            push(out, r#" inputmode="{}""#, &[self.kind]);
        }
        push(out, r#" maxlength="{}""#, &[&self.maxlength.to_string()]);
        if !described.is_empty() {
            push(out, r#" aria-describedby="{}""#, &[&described.join(" ")]);
        }
        if error.is_some() {
            out.push_str(r#" aria-invalid="true""#);
        }
        let value = self.value.get_untracked();
        if multiline {
            out.push('>');
            escape_into(out, &value);
            out.push_str("</textarea></div>");
        } else {
            push(out, r#" value="{}"></div>"#, &[&value]);
        }
    }
}

/// The console's and the patient app's catalogs, in the same language.
pub(super) type Words = (&'static ConsoleTr, &'static Tr);

/// The sentence for a field problem: the patient flow's, except where that one speaks to the
/// patient ("your name").
pub(super) fn problem(words: Words, field: &str, code: &str) -> &'static str {
    let (c, t) = words;
    match (field, code) {
        ("patient.name", "required") => c.book_e_name,
        ("patient.consent", _) => c.book_e_consent,
        _ => error_message(t, field, code),
    }
}

/// The message for the first of `paths` with a problem (reactive).
fn problem_at(words: Words, draft: &Draft, paths: &[&str]) -> Option<&'static str> {
    draft.errors.with(|errors| {
        errors
            .iter()
            .find(|(field, _)| paths.contains(&field.as_str()))
            .map(|(field, code)| problem(words, field, code))
    })
}

/// The control of the first problem in the order of the form (the server lists them by name).
pub(super) fn first_problem(draft: &Draft) -> Option<&'static str> {
    const ORDER: [&str; 11] = [
        "f-name",
        "f-preferred",
        "f-email",
        "f-phone",
        "f-lang-en",
        "f-new",
        "f-reason",
        "f-interpreter",
        "f-mobility",
        "f-other",
        "f-consent",
    ];
    let ids: Vec<&'static str> = draft.errors.with_untracked(|errors| {
        errors
            .iter()
            .filter_map(|(field, _)| field_id(field))
            .collect()
    });
    ORDER.into_iter().find(|id| ids.contains(id))
}

fn radio(out: &mut String, id: &str, name: &str, label: &str, checked: bool) {
    push(
        out,
        r#"<div class="choice"><input type="radio" id="{}" name="{}"{}><label for="{}">{}</label></div>"#,
        &[id, name, if checked { " checked" } else { "" }, id, label],
    );
}

/// The form, with `failure` (a sentence about the last attempt) above its button.
pub(super) fn render(
    words: Words,
    draft: &Draft,
    clinic: &Clinic,
    ui_language: Language,
    failure: Option<&'static str>,
) -> String {
    let (c, t) = words;
    let d = draft;
    let name = Text::new("f-name", t.flow().full_name, d.name, &["patient.name"]);
    let preferred = Text {
        hint: Some(c.book_preferred_hint),
        optional: true,
        ..Text::new(
            "f-preferred",
            t.preferred_name,
            d.preferred_name,
            &["patient.preferred_name"],
        )
    };
    let email = Text {
        kind: "email",
        ..Text::new(
            "f-email",
            t.email,
            d.email,
            &["patient.email", "patient.contact"],
        )
    };
    let phone = Text {
        kind: "tel",
        maxlength: 30,
        ..Text::new("f-phone", t.phone, d.phone, &["patient.phone"])
    };
    let reason = Text {
        kind: "textarea",
        hint: Some(t.flow().reason_hint),
        optional: true,
        maxlength: 500,
        ..Text::new("f-reason", t.flow().reason, d.reason, &["patient.reason"])
    };
    let interpreter = Text {
        maxlength: 60,
        ..Text::new(
            "f-interpreter",
            t.flow().interpreter,
            d.interpreter,
            &["patient.access_needs.interpreter_language"],
        )
    };
    let mobility = Text {
        kind: "textarea",
        maxlength: 500,
        ..Text::new(
            "f-mobility",
            t.flow().mobility,
            d.mobility,
            &["patient.access_needs.mobility"],
        )
    };
    let other = Text {
        kind: "textarea",
        maxlength: 500,
        ..Text::new(
            "f-other",
            t.flow().other_needs,
            d.other_needs,
            &["patient.access_needs.other"],
        )
    };

    let mut out = String::new();
    push(
        &mut out,
        r#"<form class="desk-details" novalidate aria-labelledby="patient-title"><h2 id="patient-title">{}</h2>"#,
        &[c.book_patient],
    );
    name.render(&mut out, words, draft);
    preferred.render(&mut out, words, draft);
    push(
        &mut out,
        r#"<fieldset class="group" aria-describedby="contact-hint"><legend>{}</legend><p class="hint" id="contact-hint">{}</p>"#,
        &[c.book_contact_legend, c.book_contact_hint],
    );
    email.render(&mut out, words, draft);
    phone.render(&mut out, words, draft);
    // Only the languages the clinic writes in are offered.
    let language = clinic.language_for(draft.language.get_untracked().unwrap_or(ui_language));
    push(
        &mut out,
        r#"</fieldset><fieldset class="group"><legend>{}</legend>"#,
        &[t.flow().patient_language],
    );
    for (lang, id, label) in [
        (Language::En, "f-lang-en", t.flow().english),
        (Language::Es, "f-lang-es", t.flow().spanish),
    ] {
        if clinic.speaks(lang) {
            radio(&mut out, id, "language", label, language == lang);
        }
    }
    push(
        &mut out,
        r#"</fieldset><fieldset class="group"><legend>{}</legend>"#,
        &[c.book_been_here],
    );
    let returning = draft.returning.get_untracked();
    radio(&mut out, "f-new", "returning", c.new_patient, !returning);
    radio(
        &mut out,
        "f-returning",
        "returning",
        c.book_returning,
        returning,
    );
    out.push_str("</fieldset>");
    reason.render(&mut out, words, draft);
    push(
        &mut out,
        r#"<fieldset class="group"><legend>{} <span class="optional">{}</span></legend>"#,
        &[t.flow().access_needs, t.optional],
    );
    for field in [&interpreter, &mobility, &other] {
        field.render(&mut out, words, draft);
    }
    out.push_str("</fieldset>");

    let consent_error = problem_at(words, draft, &["patient.consent"]);
    push(
        &mut out,
        r#"<div class="field consent{}">"#,
        &[if consent_error.is_some() {
            " has-error"
        } else {
            ""
        }],
    );
    if let Some(error) = consent_error {
        push(
            &mut out,
            r#"<p class="field-error" id="f-consent-error">{}</p>"#,
            &[error],
        );
    }
    push(
        &mut out,
        r#"<div class="choice"><input type="checkbox" id="f-consent"{}"#,
        &[if draft.consent.get_untracked() {
            " checked"
        } else {
            ""
        }],
    );
    if consent_error.is_some() {
        out.push_str(r#" aria-invalid="true" aria-describedby="f-consent-error""#);
    }
    push(
        &mut out,
        r#"><label for="f-consent">{}</label></div></div>"#,
        &[c.book_consent],
    );
    if let Some(failure) = failure {
        push(
            &mut out,
            r#"<p class="notice error" role="alert">{}</p>"#,
            &[failure],
        );
    }
    push(
        &mut out,
        r#"<button type="submit" id="book-submit" class="primary">{}</button></form>"#,
        &[c.book_submit],
    );
    out
}

/// Keeps what is typed in the draft (untracked by the markup, so typing does not redraw it).
pub(super) fn on_input(draft: Draft) -> Callback<web_sys::Event> {
    Callback::new(move |ev: web_sys::Event| {
        let Some((id, value, checked)) = input_of(&ev) else {
            return;
        };
        let text = match id.as_str() {
            "f-lang-en" => return draft.language.set(Some(Language::En)),
            "f-lang-es" => return draft.language.set(Some(Language::Es)),
            "f-new" => return draft.returning.set(false),
            "f-returning" => return draft.returning.set(true),
            "f-consent" => return draft.consent.set(checked),
            "f-name" => draft.name,
            "f-preferred" => draft.preferred_name,
            "f-email" => draft.email,
            "f-phone" => draft.phone,
            "f-reason" => draft.reason,
            "f-interpreter" => draft.interpreter,
            "f-mobility" => draft.mobility,
            "f-other" => draft.other_needs,
            _ => return,
        };
        text.set(value);
    })
}
