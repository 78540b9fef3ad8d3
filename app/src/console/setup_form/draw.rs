//! Form fields drawn as markup from a [`Form`]: each with its label, hint and error, the
//! error tied to the control with `aria-describedby` and `aria-invalid`, so a screen reader
//! reads the problem with the field and the first invalid one can be found to focus.

use super::{reason_text, Form};
use crate::components::markup::push;
use crate::i18n::setup::SetupTr;
use crate::i18n::Tr;

/// Draws a form's fields from its values and errors.
pub(crate) struct Draw<'a> {
    pub s: &'static SetupTr,
    pub form: &'a Form,
}

/// A field's label and help.
pub(crate) struct Label<'a> {
    pub text: &'a str,
    pub hint: Option<&'a str>,
    pub optional: bool,
    /// Read after the label by screen readers only, where the layout shows it (a weekday's
    /// "Starts" is "Starts (Monday, block 1)").
    pub context: Option<&'a str>,
}

pub(crate) fn label(text: &str) -> Label<'_> {
    Label {
        text,
        hint: None,
        optional: false,
        context: None,
    }
}

impl<'a> Label<'a> {
    pub fn hint(self, hint: &'a str) -> Self {
        Label {
            hint: Some(hint),
            ..self
        }
    }

    pub fn optional(self) -> Self {
        Label {
            optional: true,
            ..self
        }
    }

    pub fn context(self, context: &'a str) -> Self {
        Label {
            context: Some(context),
            ..self
        }
    }
}

impl Draw<'_> {
    fn error(&self, id: &str) -> Option<&'static str> {
        self.form
            .errors
            .get(id)
            .map(|code| reason_text(code, self.s))
    }

    /// `<div class="field">` with its label, hint and error; the control comes next.
    fn open(&self, out: &mut String, id: &str, label: &Label) {
        let error = self.error(id);
        push(
            out,
            r#"<div class="field{}"><label for="{}">{}"#,
            &[
                if error.is_some() { " has-error" } else { "" },
                id,
                label.text,
            ],
        );
        if label.optional {
            push(
                out,
                r#" <span class="optional">{}</span>"#,
                &[self.s.optional],
            );
        }
        if let Some(context) = label.context {
            push(out, r#"<span class="sr-only"> ({})</span>"#, &[context]);
        }
        out.push_str("</label>");
        self.help(out, id, label.hint, error);
    }

    /// The hint and error paragraphs of `id`.
    fn help(&self, out: &mut String, id: &str, hint: Option<&str>, error: Option<&str>) {
        if let Some(hint) = hint {
            push(out, r#"<p class="hint" id="{}-hint">{}</p>"#, &[id, hint]);
        }
        if let Some(error) = error {
            push(
                out,
                r#"<p class="field-error" id="{}-error">{}</p>"#,
                &[id, error],
            );
        }
    }

    /// ` aria-describedby=… aria-invalid="true"` for a control described by `id`'s help.
    fn aria(&self, out: &mut String, id: &str, hint: bool) {
        let error = self.form.errors.contains_key(id);
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error {
            ids.push(format!("{id}-error"));
        }
        if !ids.is_empty() {
            push(out, r#" aria-describedby="{}""#, &[&ids.join(" ")]);
        }
        if error {
            out.push_str(r#" aria-invalid="true""#);
        }
    }

    /// An `<input>`; `attrs` is trusted markup (a constant) added to the tag.
    pub fn input(&self, out: &mut String, id: &str, kind: &str, label: Label, attrs: &str) {
        self.open(out, id, &label);
        push(
            out,
            r#"<input id="{}" name="{}" type="{}" value="{}""#,
            &[id, id, kind, self.form.get(id)],
        );
        self.aria(out, id, label.hint.is_some());
        out.push_str(attrs);
        out.push_str("></div>");
    }

    /// A whole-number input (text with a numeric keyboard: no spinner to nudge by mistake).
    pub fn number(&self, out: &mut String, id: &str, label: Label) {
        self.input(
            out,
            id,
            "text",
            label,
            r#" inputmode="numeric" autocomplete="off" class="short""#,
        );
    }

    pub fn textarea(&self, out: &mut String, id: &str, label: Label, attrs: &str) {
        self.open(out, id, &label);
        push(out, r#"<textarea id="{}" name="{}" rows="3""#, &[id, id]);
        self.aria(out, id, label.hint.is_some());
        out.push_str(attrs);
        out.push('>');
        crate::components::markup::escape_into(out, self.form.get(id));
        out.push_str("</textarea></div>");
    }

    /// A `<select>` of `(value, text)` options.
    pub fn select(&self, out: &mut String, id: &str, label: Label, options: &[(String, String)]) {
        self.open(out, id, &label);
        push(out, r#"<select id="{}" name="{}""#, &[id, id]);
        self.aria(out, id, label.hint.is_some());
        out.push('>');
        let chosen = self.form.get(id);
        for (value, text) in options {
            push(
                out,
                r#"<option value="{}"{}>{}</option>"#,
                &[value, if value == chosen { " selected" } else { "" }, text],
            );
        }
        out.push_str("</select></div>");
    }

    /// A fieldset of checkboxes `(input id, text)`; its error is kept under `group`.
    pub fn checks(&self, out: &mut String, group: &str, legend: Label, items: &[(String, String)]) {
        self.fieldset(out, group, &legend);
        for (id, text) in items {
            push(
                out,
                r#"<div class="choice"><input type="checkbox" id="{}" name="{}"{}"#,
                &[id, group, if self.form.is_on(id) { " checked" } else { "" }],
            );
            self.aria(out, group, legend.hint.is_some());
            push(out, r#"><label for="{}">{}</label></div>"#, &[id, text]);
        }
        out.push_str("</fieldset>");
    }

    /// A fieldset of radio buttons named `group`, `(value, text)`.
    pub fn radios(&self, out: &mut String, group: &str, legend: Label, items: &[(&str, &str)]) {
        self.fieldset(out, group, &legend);
        let chosen = self.form.get(group);
        for (value, text) in items {
            let id = format!("{group}-{value}");
            push(
                out,
                r#"<div class="choice"><input type="radio" id="{}" name="{}" value="{}"{}"#,
                &[
                    &id,
                    group,
                    value,
                    if *value == chosen { " checked" } else { "" },
                ],
            );
            self.aria(out, group, legend.hint.is_some());
            push(out, r#"><label for="{}">{}</label></div>"#, &[&id, text]);
        }
        out.push_str("</fieldset>");
    }

    fn fieldset(&self, out: &mut String, group: &str, legend: &Label) {
        let error = self.error(group);
        push(
            out,
            r#"<fieldset class="group{}" id="{}"><legend>{}</legend>"#,
            &[
                if error.is_some() { " has-error" } else { "" },
                group,
                legend.text,
            ],
        );
        self.help(out, group, legend.hint, error);
    }

    /// The form's notices: a failed save (not about one field) and what was just saved.
    pub fn notices(&self, out: &mut String, t: &'static Tr) {
        if let Some(problem) = self.form.problem_sentence(self.s, t) {
            push(
                out,
                r#"<p class="notice error" data-testid="form-problem">{}</p>"#,
                &[&problem],
            );
        }
    }

    /// What was just saved, shown next to the submit button.
    pub fn saved(&self, out: &mut String) {
        if let Some(saved) = &self.form.saved {
            push(
                out,
                r#"<p class="notice ok" data-testid="saved">{}</p>"#,
                &[saved],
            );
        }
    }
}
