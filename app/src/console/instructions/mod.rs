//! After-visit instructions in the console: the editor of one visit's instructions
//! (`/console/appointments/{id}/instructions`, with the service's templates), and the inbox of
//! patients' questions with the "Not sure" report (`/console/questions`).

mod editor;
mod inbox;
mod report;
mod templates;

pub use editor::InstructionsPage;
pub use inbox::InboxPage;

use crate::components::markup::{flag, push};
use crate::i18n::instructions_console::{instructions_console_catalog, InstructionsConsoleTr};
use crate::i18n::use_i18n;
use crate::wire::instructions::Understanding;
use crate::wire::Language;
use leptos::prelude::*;

/// The catalog of the current language (reactive).
pub(crate) fn words() -> &'static InstructionsConsoleTr {
    instructions_console_catalog(use_i18n().lang.get())
}

/// The editor's address for a visit (linked from the day view and the inbox).
pub(crate) fn editor_href(appointment_id: i64) -> String {
    let mut href = String::from("/console/appointments/");
    href.push_str(&appointment_id.to_string());
    href.push_str("/instructions");
    href
}

pub(crate) fn language_name(w: &'static InstructionsConsoleTr, lang: Language) -> &'static str {
    match lang {
        Language::En => w.english,
        Language::Es => w.spanish,
    }
}

pub(crate) fn understanding_label(
    w: &'static InstructionsConsoleTr,
    answer: Option<Understanding>,
) -> &'static str {
    match answer {
        Some(Understanding::Yes) => w.yes,
        Some(Understanding::NotSure) => w.not_sure,
        None => w.no_answer,
    }
}

/// A `<select>` of the two languages with `chosen` selected.
pub(crate) fn language_select(
    out: &mut String,
    id: &str,
    chosen: Language,
    w: &'static InstructionsConsoleTr,
) {
    push(
        out,
        r#"<div class="field"><label for="{}">{}</label><select id="{}">"#,
        &[id, w.language, id],
    );
    for lang in [Language::En, Language::Es] {
        push(
            out,
            r#"<option value="{}"{}>{}</option>"#,
            &[
                lang.code(),
                if lang == chosen { " selected" } else { "" },
                language_name(w, lang),
            ],
        );
    }
    out.push_str("</select></div>");
}

/// A text field (input or textarea) with its label, hint and error, in the console's style.
pub(crate) struct Field<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub error: Option<&'a str>,
    pub value: &'a str,
    /// Rows of a textarea; `None` for a one-line input.
    pub rows: Option<u8>,
}

impl Field<'_> {
    pub fn render(&self, out: &mut String) {
        push(
            out,
            r#"<div class="field{}"><label for="{}">{}</label>"#,
            &[
                if self.error.is_some() {
                    " has-error"
                } else {
                    ""
                },
                self.id,
                self.label,
            ],
        );
        let mut described = String::new();
        if let Some(hint) = self.hint {
            described.push_str(self.id);
            described.push_str("-hint");
            push(
                out,
                r#"<p class="hint" id="{}-hint">{}</p>"#,
                &[self.id, hint],
            );
        }
        if let Some(error) = self.error {
            if !described.is_empty() {
                described.push(' ');
            }
            described.push_str(self.id);
            described.push_str("-error");
            push(
                out,
                r#"<p class="field-error" id="{}-error">{}</p>"#,
                &[self.id, error],
            );
        }
        let invalid = flag(self.error.is_some());
        match self.rows {
            Some(rows) => push(
                out,
                r#"<textarea id="{}" rows="{}" aria-invalid="{}""#,
                &[self.id, &rows.to_string(), invalid],
            ),
            None => push(
                out,
                r#"<input type="text" id="{}" value="{}" aria-invalid="{}""#,
                &[self.id, self.value, invalid],
            ),
        }
        if !described.is_empty() {
            push(out, r#" aria-describedby="{}""#, &[&described]);
        }
        out.push('>');
        if self.rows.is_some() {
            push(out, "{}</textarea>", &[self.value]);
        }
        out.push_str("</div>");
    }
}
