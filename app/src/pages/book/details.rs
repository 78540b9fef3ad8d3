//! Step 5: who the patient is and how to reach them. Checked here first, then by the server;
//! either way each problem shows next to its field and in a summary that takes focus.

use super::draft::{error_message, field_id};
use super::{step_header, Draft, Flow};
use crate::components::focus_id;
use crate::components::markup::{escape_into, input_of, push, Act, Markup};
use crate::i18n::{use_i18n, Tr};
use crate::wire::Language;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// One labelled text field of the form.
struct Field {
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// The server's names for this field, whose problems show here.
    paths: &'static [&'static str],
    /// `text`, `email`, `tel` or `textarea`.
    kind: &'static str,
    autocomplete: &'static str,
    hint: Option<&'static str>,
    optional: bool,
    maxlength: u16,
}

impl Field {
    fn new(
        id: &'static str,
        label: &'static str,
        value: RwSignal<String>,
        paths: &'static [&'static str],
    ) -> Self {
        Field {
            id,
            label,
            value,
            paths,
            kind: "text",
            autocomplete: "",
            hint: None,
            optional: false,
            maxlength: 200,
        }
    }

    fn render(&self, out: &mut String, t: &'static Tr, draft: &Draft) {
        let error = draft.error(t, self.paths);
        let Field { id, label, .. } = *self;
        push(
            out,
            r#"<div class="field{}"><label for="{}">{}"#,
            &[if error.is_some() { " has-error" } else { "" }, id, label],
        );
        if self.optional {
            push(out, r#" <span class="optional">{}</span>"#, &[t.optional]);
        }
        out.push_str("</label>");
        let mut described = String::new();
        if let Some(hint) = self.hint {
            push(out, r#"<p class="hint" id="{}-hint">{}</p>"#, &[id, hint]);
            described = [id, "-hint"].concat();
        }
        if let Some(error) = error {
            push(
                out,
                r#"<p class="field-error" id="{}-error">{}</p>"#,
                &[id, error],
            );
            if !described.is_empty() {
                described.push(' ');
            }
            described.push_str(id);
            described.push_str("-error");
        }
        let multiline = self.kind == "textarea";
        if multiline {
            push(out, r#"<textarea rows="3" id="{}""#, &[id]);
        } else {
            push(out, r#"<input type="{}" id="{}""#, &[self.kind, id]);
        }
        if !self.autocomplete.is_empty() {
            push(out, r#" autocomplete="{}""#, &[self.autocomplete]);
        }
        if self.kind == "email" || self.kind == "tel" {
            push(out, r#" inputmode="{}""#, &[self.kind]);
        }
        push(out, r#" maxlength="{}""#, &[&self.maxlength.to_string()]);
        if !described.is_empty() {
            push(out, r#" aria-describedby="{}""#, &[&described]);
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

fn radio(out: &mut String, id: &str, name: &str, label: &str, checked: bool) {
    push(
        out,
        r#"<div class="choice"><input type="radio" id="{}" name="{}"{}><label for="{}">{}</label></div>"#,
        &[id, name, if checked { " checked" } else { "" }, id, label],
    );
}

#[component]
pub fn DetailsStep(flow: Flow) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.now();
    let draft = expect_context::<Draft>();
    let navigate = use_navigate();
    let had_errors = !draft.errors.get_untracked().is_empty();
    let time_href = flow.href(|c| c.step = None);
    let review_href = flow.href(|c| c.step = Some("review"));
    let head = step_header(
        &flow,
        5,
        t.flow().title_details,
        Some(time_href.clone()),
        None,
        !had_errors,
    );
    if had_errors {
        focus_id("error-summary");
    }

    let d = draft;
    let fields = [
        Field {
            autocomplete: "name",
            ..Field::new("f-name", t.flow().full_name, d.name, &["patient.name"])
        },
        Field {
            autocomplete: "nickname",
            hint: Some(t.flow().preferred_name_hint),
            optional: true,
            ..Field::new(
                "f-preferred",
                t.preferred_name,
                d.preferred_name,
                &["patient.preferred_name"],
            )
        },
        Field {
            optional: true,
            maxlength: 40,
            ..Field::new("f-pronouns", t.pronouns, d.pronouns, &["patient.pronouns"])
        },
        Field {
            kind: "email",
            autocomplete: "email",
            ..Field::new(
                "f-email",
                t.email,
                d.email,
                &["patient.email", "patient.contact"],
            )
        },
        Field {
            kind: "tel",
            autocomplete: "tel",
            maxlength: 30,
            ..Field::new("f-phone", t.phone, d.phone, &["patient.phone"])
        },
        Field {
            kind: "textarea",
            hint: Some(t.flow().reason_hint),
            optional: true,
            maxlength: 500,
            ..Field::new("f-reason", t.flow().reason, d.reason, &["patient.reason"])
        },
        Field {
            maxlength: 60,
            ..Field::new(
                "f-interpreter",
                t.flow().interpreter,
                d.interpreter,
                &["patient.access_needs.interpreter_language"],
            )
        },
        Field {
            kind: "textarea",
            maxlength: 500,
            ..Field::new(
                "f-mobility",
                t.flow().mobility,
                d.mobility,
                &["patient.access_needs.mobility"],
            )
        },
        Field {
            kind: "textarea",
            maxlength: 500,
            ..Field::new(
                "f-other",
                t.flow().other_needs,
                d.other_needs,
                &["patient.access_needs.other"],
            )
        },
        Field {
            maxlength: 100,
            ..Field::new(
                "f-payer",
                t.flow().payer,
                d.payer,
                &["patient.insurance.payer"],
            )
        },
        Field {
            maxlength: 100,
            ..Field::new(
                "f-member",
                t.flow().member_id,
                d.member_id,
                &["patient.insurance.member_id"],
            )
        },
    ];

    let clinic = flow.clinic.clone();
    let html = Signal::derive(move || {
        let errors = draft.errors.get();
        let mut out = head.clone();
        out.push_str(r#"<div aria-live="polite">"#);
        if !errors.is_empty() {
            push(
                &mut out,
                r#"<div class="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title"><h2 id="error-summary-title">{}</h2><ul>"#,
                &[t.flow().error_summary],
            );
            for (field, code) in &errors {
                let message = error_message(t, field, code);
                match field_id(field) {
                    Some(id) => push(
                        &mut out,
                        r##"<li><a href="#{}" data-act="focus {}">{}</a></li>"##,
                        &[id, id, message],
                    ),
                    None => push(
                        &mut out,
                        r#"<li><a href="{}">{}</a></li>"#,
                        &[&time_href, message],
                    ),
                }
            }
            out.push_str("</ul></div>");
        }
        out.push_str(r#"</div><form class="details" novalidate>"#);
        let [name, preferred, pronouns, email, phone, reason, interpreter, mobility, other, payer, member] =
            &fields;
        for field in [name, preferred, pronouns] {
            field.render(&mut out, t, &draft);
        }
        push(
            &mut out,
            r#"<fieldset class="group" aria-describedby="contact-hint"><legend>{}</legend><p class="hint" id="contact-hint">{}</p>"#,
            &[t.flow().contact_legend, t.flow().contact_hint],
        );
        email.render(&mut out, t, &draft);
        phone.render(&mut out, t, &draft);
        // Only the languages the clinic writes in are offered.
        let language = clinic.language_for(
            draft
                .language
                .get_untracked()
                .unwrap_or_else(|| i18n.lang.get_untracked()),
        );
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
            &[t.flow().been_here],
        );
        let returning = draft.returning.get_untracked();
        radio(
            &mut out,
            "f-new",
            "returning",
            t.flow().new_patient,
            !returning,
        );
        radio(
            &mut out,
            "f-returning",
            "returning",
            t.flow().returning_patient,
            returning,
        );
        out.push_str("</fieldset>");
        reason.render(&mut out, t, &draft);
        let access = [interpreter, mobility, other];
        let open = access
            .iter()
            .any(|f| !f.value.get_untracked().is_empty() || draft.error(t, f.paths).is_some());
        push(
            &mut out,
            r#"<details class="more"{}><summary>{} <span class="optional">{}</span></summary>"#,
            &[
                if open { " open" } else { "" },
                t.flow().access_needs,
                t.optional,
            ],
        );
        for field in access {
            field.render(&mut out, t, &draft);
        }
        push(
            &mut out,
            r#"</details><fieldset class="group"><legend>{} <span class="optional">{}</span></legend>"#,
            &[t.insurance, t.optional],
        );
        payer.render(&mut out, t, &draft);
        member.render(&mut out, t, &draft);
        out.push_str("</fieldset>");
        let consent_error = draft.error(t, &["patient.consent"]);
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
            r#"><label for="f-consent">{}</label></div></div><button type="submit" class="primary">{}</button></form>"#,
            &[t.flow().consent, t.flow().continue_],
        );
        out
    });

    // What is typed goes to the draft at once (untracked by the markup, so no re-render).
    let on_input = Callback::new(move |ev: web_sys::Event| {
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
            "f-pronouns" => draft.pronouns,
            "f-email" => draft.email,
            "f-phone" => draft.phone,
            "f-reason" => draft.reason,
            "f-interpreter" => draft.interpreter,
            "f-mobility" => draft.mobility,
            "f-other" => draft.other_needs,
            "f-payer" => draft.payer,
            "f-member" => draft.member_id,
            _ => return,
        };
        text.set(value);
    });
    let on_submit = Callback::new(move |_| {
        let errors = draft.check();
        let ok = errors.is_empty();
        draft.errors.set(errors);
        if ok {
            navigate(&review_href, Default::default());
        } else {
            focus_id("error-summary");
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "focus" {
            focus_id(&act.arg);
        }
    });
    view! { <Markup html on_act on_input on_submit /> }
}
