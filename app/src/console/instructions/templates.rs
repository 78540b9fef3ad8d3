//! The service's instruction templates, on the editor page: the list, and a form to add one
//! or change one (title, language, Markdown). Anyone who may write the instructions may do so;
//! the server decides.

use super::editor::Ui;
use super::{language_name, language_select, Field};
use crate::api::instructions_console::{create_template, update_template};
use crate::components::announce;
use crate::components::feedback::error_text;
use crate::components::focus_id;
use crate::components::markup::{disabled, push, Act};
use crate::console::{touch, Console};
use crate::i18n::instructions_console::{instructions_console_catalog, InstructionsConsoleTr};
use crate::i18n::{catalog, fill, I18n};
use crate::wire::instructions::{InstructionsEditor, TemplateDraft};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;

const TITLE: &str = "tpl-title";
const LANG: &str = "tpl-lang";
const BODY: &str = "tpl-body";
const MAX_TITLE: usize = 120;

/// The template being added (`id: None`) or changed.
#[derive(Clone, Default)]
pub(crate) struct TemplateForm {
    pub id: Option<i64>,
    pub lang: Option<Language>,
    pub title: String,
    pub body: String,
    pub error: Option<&'static str>,
    pub saving: bool,
}

/// Typing changes the form's values without drawing it anew (which would lose the caret).
pub(super) fn on_input(ui: RwSignal<Ui>, field: &str, value: String) {
    ui.update_untracked(|ui| {
        if let Some(form) = ui.template.as_mut() {
            match field {
                TITLE => form.title = value,
                LANG => form.lang = Language::from_tag(&value),
                BODY => form.body = value,
                _ => {}
            }
        }
    });
}

pub(super) fn on_act(
    act: &Act,
    loaded: &InstructionsEditor,
    ui: RwSignal<Ui>,
    reload: impl Fn() + Copy + 'static,
    console: Console,
    i18n: I18n,
) {
    match act.name.as_str() {
        "new-template" => {
            ui.update(|ui| {
                ui.template_done = false;
                ui.template = Some(TemplateForm {
                    lang: Some(loaded.patient_language),
                    ..TemplateForm::default()
                });
            });
            focus_id(TITLE);
        }
        "edit-template" => {
            let Some(template) = loaded
                .templates
                .iter()
                .find(|t| t.id.to_string() == act.arg)
            else {
                return;
            };
            ui.update(|ui| {
                ui.template_done = false;
                ui.template = Some(TemplateForm {
                    id: Some(template.id),
                    lang: Some(template.language),
                    title: template.title.clone(),
                    body: template.body_md.clone(),
                    error: None,
                    saving: false,
                });
            });
            focus_id(TITLE);
        }
        "cancel-template" => {
            ui.update(|ui| ui.template = None);
            focus_id("templates-title");
        }
        "save-template" => save(loaded, ui, reload, console, i18n),
        _ => {}
    }
}

fn save(
    loaded: &InstructionsEditor,
    ui: RwSignal<Ui>,
    reload: impl Fn() + Copy + 'static,
    console: Console,
    i18n: I18n,
) {
    let Some(form) = ui.with_untracked(|ui| ui.template.clone()) else {
        return;
    };
    if form.saving {
        return;
    }
    let w = instructions_console_catalog(i18n.lang.get_untracked());
    let title = form.title.trim().to_string();
    let body_md = form.body.trim().to_string();
    let problem = if title.is_empty() || title.chars().count() > MAX_TITLE {
        Some((TITLE, w.title_required))
    } else if body_md.is_empty() {
        Some((BODY, w.body_required))
    } else {
        None
    };
    if let Some((field, text)) = problem {
        ui.update(|ui| {
            if let Some(form) = ui.template.as_mut() {
                form.error = Some(text);
            }
        });
        focus_id(field);
        return;
    }
    let draft = TemplateDraft {
        service_id: loaded.service_id,
        language: form.lang.unwrap_or(loaded.patient_language),
        title,
        body_md,
    };
    ui.update(|ui| {
        if let Some(form) = ui.template.as_mut() {
            form.saving = true;
            form.error = None;
        }
    });
    spawn_local(async move {
        let result = match form.id {
            Some(id) => update_template(id, &draft).await,
            None => create_template(&draft).await,
        };
        let lang = i18n.lang.get_untracked();
        let w = instructions_console_catalog(lang);
        match result {
            Ok(_) => {
                touch();
                announce(w.template_saved);
                ui.update(|ui| {
                    ui.template = None;
                    ui.template_done = true;
                });
                reload();
                focus_id("template-saved");
            }
            Err(error) => {
                if console.check(&error) {
                    return;
                }
                let text = if error.code() == "validation" {
                    w.title_required
                } else {
                    error_text(&error, catalog(lang))
                };
                announce(text);
                ui.update(|ui| {
                    if let Some(form) = ui.template.as_mut() {
                        form.saving = false;
                        form.error = Some(text);
                    }
                });
            }
        }
    });
}

pub(super) fn render(
    out: &mut String,
    loaded: &InstructionsEditor,
    ui: &Ui,
    w: &'static InstructionsConsoleTr,
) {
    push(
        out,
        r#"<section class="block templates" aria-labelledby="templates-title"><h2 id="templates-title" tabindex="-1">{}</h2><p class="muted">{}</p>"#,
        &[
            &fill(w.templates, &[&loaded.service_name]),
            w.templates_intro,
        ],
    );
    if ui.template_done {
        push(
            out,
            r#"<p class="notice ok" id="template-saved" tabindex="-1">{}</p>"#,
            &[w.template_saved],
        );
    }
    if !loaded.templates.is_empty() {
        out.push_str(r#"<ul class="template-list">"#);
        for template in &loaded.templates {
            let id = template.id.to_string();
            push(
                out,
                r#"<li data-testid="template"><span>{} <span class="muted">({})</span></span> <button type="button" class="secondary small" data-act="edit-template {}" aria-label="{}">{}</button></li>"#,
                &[
                    &template.title,
                    language_name(w, template.language),
                    &id,
                    &fill("{} {}", &[w.edit_template, &template.title]),
                    w.edit_template,
                ],
            );
        }
        out.push_str("</ul>");
    }
    match &ui.template {
        None => push(
            out,
            r#"<button type="button" class="secondary" data-act="new-template">{}</button>"#,
            &[w.new_template],
        ),
        Some(form) => {
            push(
                out,
                r#"<div class="panel template-form" role="group" aria-labelledby="template-form-title"><h3 id="template-form-title">{}</h3>"#,
                &[if form.id.is_some() {
                    w.edit_template
                } else {
                    w.new_template
                }],
            );
            if let Some(error) = form.error {
                push(
                    out,
                    r#"<p class="notice error" role="alert">{}</p>"#,
                    &[error],
                );
            }
            Field {
                id: TITLE,
                label: w.template_title,
                hint: None,
                error: None,
                value: &form.title,
                rows: None,
            }
            .render(out);
            language_select(out, LANG, form.lang.unwrap_or(loaded.patient_language), w);
            Field {
                id: BODY,
                label: w.template_body,
                hint: None,
                error: None,
                value: &form.body,
                rows: Some(10),
            }
            .render(out);
            push(
                out,
                r#"<div class="actions"><button type="button" class="primary" data-act="save-template"{}>{}</button><button type="button" class="secondary" data-act="cancel-template">{}</button></div></div>"#,
                &[disabled(form.saving), w.save_template, w.cancel_edit],
            );
        }
    }
    out.push_str("</section>");
}
