//! What the patient typed and what the flow learnt on the way (errors, taken times). Provided
//! by the `App`, so it survives moving between steps, and never written to the URL.

use crate::i18n::Tr;
use crate::wire::{AccessNeeds, Insurance, Language, NewOrReturning, PatientDetails, Slot};
use leptos::prelude::*;

/// A field path as the server names it (`patient.email`) and a reason code (`invalid_email`).
pub type FieldError = (String, String);

#[derive(Clone, Copy)]
pub struct Draft {
    pub name: RwSignal<String>,
    pub preferred_name: RwSignal<String>,
    pub pronouns: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    /// `None` until chosen: follow the language the page is read in.
    pub language: RwSignal<Option<Language>>,
    pub returning: RwSignal<bool>,
    pub reason: RwSignal<String>,
    pub interpreter: RwSignal<String>,
    pub mobility: RwSignal<String>,
    pub other_needs: RwSignal<String>,
    pub payer: RwSignal<String>,
    pub member_id: RwSignal<String>,
    pub consent: RwSignal<bool>,
    /// Problems with the details, from our own checks or the server's 422.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Free times offered after the chosen one was taken (409).
    pub alternatives: RwSignal<Vec<Slot>>,
    /// The time picked, kept to say who a "first available" visit is with.
    pub picked: RwSignal<Option<Slot>>,
    /// The two-week page of the day step.
    pub day_page: RwSignal<u64>,
}

fn text() -> RwSignal<String> {
    RwSignal::new(String::new())
}

fn filled(signal: RwSignal<String>) -> Option<String> {
    let value = signal.get_untracked();
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

impl Draft {
    pub fn new() -> Self {
        Draft {
            name: text(),
            preferred_name: text(),
            pronouns: text(),
            email: text(),
            phone: text(),
            language: RwSignal::new(None),
            returning: RwSignal::new(false),
            reason: text(),
            interpreter: text(),
            mobility: text(),
            other_needs: text(),
            payer: text(),
            member_id: text(),
            consent: RwSignal::new(false),
            errors: RwSignal::new(Vec::new()),
            alternatives: RwSignal::new(Vec::new()),
            picked: RwSignal::new(None),
            day_page: RwSignal::new(0),
        }
    }

    /// Forgets everything typed (after a booking went through).
    pub fn clear(&self) {
        for field in [
            self.name,
            self.preferred_name,
            self.pronouns,
            self.email,
            self.phone,
            self.reason,
            self.interpreter,
            self.mobility,
            self.other_needs,
            self.payer,
            self.member_id,
        ] {
            field.set(String::new());
        }
        self.language.set(None);
        self.returning.set(false);
        self.consent.set(false);
        self.errors.set(Vec::new());
        self.alternatives.set(Vec::new());
        self.picked.set(None);
    }

    /// The checks the browser can make before asking the server.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut add = |field: &str, code: &str| errors.push((field.to_string(), code.to_string()));
        if filled(self.name).is_none() {
            add("patient.name", "required");
        }
        let email = filled(self.email);
        let phone = filled(self.phone);
        if email.is_none() && phone.is_none() {
            add("patient.contact", "email_or_phone_required");
        }
        if let Some(email) = email {
            let valid = email
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
            if !valid {
                add("patient.email", "invalid_email");
            }
        }
        if let Some(phone) = phone {
            // A first check only (no bytes to spare here): the server also wants the
            // country code (E.164) and says so with the same `invalid_phone`.
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let separators_only = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !(7..=15).contains(&digits) || !separators_only {
                add("patient.phone", "invalid_phone");
            }
        }
        match (filled(self.payer), filled(self.member_id)) {
            (Some(_), None) => add("patient.insurance.member_id", "required"),
            (None, Some(_)) => add("patient.insurance.payer", "required"),
            _ => {}
        }
        if !self.consent.get_untracked() {
            add("patient.consent", "required");
        }
        errors
    }

    /// The message for the first of `fields` that has a problem (reactive).
    pub fn error(&self, t: &'static Tr, fields: &[&str]) -> Option<&'static str> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|(field, _)| fields.contains(&field.as_str()))
                .map(|(field, code)| error_message(t, field, code))
        })
    }

    pub fn details(&self, ui_language: Language) -> PatientDetails {
        let access_needs = AccessNeeds {
            interpreter_language: filled(self.interpreter),
            mobility: filled(self.mobility),
            other: filled(self.other_needs),
        };
        let payer = filled(self.payer);
        let member_id = filled(self.member_id);
        PatientDetails {
            name: filled(self.name).unwrap_or_default(),
            preferred_name: filled(self.preferred_name),
            pronouns: filled(self.pronouns),
            email: filled(self.email),
            phone: filled(self.phone),
            language: self.language.get_untracked().unwrap_or(ui_language),
            new_or_returning: if self.returning.get_untracked() {
                NewOrReturning::Returning
            } else {
                NewOrReturning::New
            },
            reason: filled(self.reason),
            access_needs: (access_needs != AccessNeeds::default()).then_some(access_needs),
            insurance: (payer.is_some() || member_id.is_some()).then(|| Insurance {
                payer: payer.unwrap_or_default(),
                member_id: member_id.unwrap_or_default(),
            }),
            consent: self.consent.get_untracked(),
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Self::new()
    }
}

/// The sentence for a field problem, in the reader's language.
pub fn error_message(t: &'static Tr, field: &str, code: &str) -> &'static str {
    match (field, code) {
        ("start", _) => t.flow().e_start,
        (_, "email_or_phone_required") => t.flow().e_contact,
        (_, "invalid_email") => t.flow().e_email,
        (_, "invalid_phone") => t.flow().e_phone,
        (_, "too_long") => t.flow().e_too_long,
        ("patient.name", _) => t.flow().e_required_name,
        ("patient.insurance.payer" | "patient.insurance.member_id", _) => t.flow().e_insurance,
        ("patient.consent", _) => t.flow().e_consent,
        _ => t.e_invalid,
    }
}

/// The form control a field path belongs to, for the links in the error summary.
pub fn field_id(field: &str) -> Option<&'static str> {
    Some(match field {
        "patient.name" => "f-name",
        "patient.preferred_name" => "f-preferred",
        "patient.pronouns" => "f-pronouns",
        "patient.email" | "patient.contact" => "f-email",
        "patient.phone" => "f-phone",
        "patient.reason" => "f-reason",
        "patient.access_needs.interpreter_language" => "f-interpreter",
        "patient.access_needs.mobility" => "f-mobility",
        "patient.access_needs.other" => "f-other",
        "patient.insurance.payer" => "f-payer",
        "patient.insurance.member_id" => "f-member",
        "patient.consent" => "f-consent",
        "patient.language" => "f-lang-en",
        _ => return None,
    })
}
