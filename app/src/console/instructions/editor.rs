//! `/console/appointments/{id}/instructions`: the visit's practitioner (or an admin) writes the
//! after-visit instructions once the visit is completed: language (the patient's by default),
//! a per-service template to start from, Markdown, linked library articles. Publishing saves
//! a new version; earlier ones stay in the history. Below: what the patient answered and
//! asked, and the service's templates.

use super::templates::{self, TemplateForm};
use super::{language_name, language_select, understanding_label, Field};
use crate::api::instructions_console::{editor, publish};
use crate::api::ApiError;
use crate::components::announce;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::{facts, html, input_of, push, Act, Markup};
use crate::components::{focus_heading, focus_id, set_title};
use crate::console::plain_language::{MarkdownPreview, PlainLanguagePanel};
use crate::console::{is_unauthorized, touch, use_console};
use crate::i18n::instructions_console::{instructions_console_catalog, InstructionsConsoleTr};
use crate::i18n::{catalog, fill, instant, local, use_i18n, DateStyle};
use crate::wire::instructions::{InstructionsDraft, InstructionsEditor};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

const LANG: &str = "instr-lang";
const TEMPLATE: &str = "instr-template";
const BODY: &str = "instr-body";
const ARTICLES: &str = "instr-articles";
/// The server's limits, checked here first.
const MAX_BODY: usize = 20_000;
/// Where the page's markup breaks for the plain-language check and preview, right under the
/// form: the markup is one string, so components cannot sit inside it.
const CHECK_SLOT: &str = "<!--plain-language-check-->";
const MAX_ARTICLES: usize = 10;

/// What is typed in the form, kept across redraws (the markup is drawn anew on every change).
#[derive(Clone, Default)]
pub(super) struct Draft {
    pub lang: Option<Language>,
    pub body: String,
    pub articles: String,
    pub template_id: Option<i64>,
    /// The template text last put in the box: replacing it needs no confirmation.
    pub from_template: Option<String>,
}

/// The page's state besides the loaded data.
#[derive(Clone, Default)]
pub(super) struct Ui {
    pub publishing: bool,
    /// "Published version N."
    pub done: Option<String>,
    pub body_error: Option<&'static str>,
    pub articles_error: Option<&'static str>,
    pub failure: Option<&'static str>,
    pub template: Option<TemplateForm>,
    pub template_done: bool,
}

#[component]
pub fn InstructionsPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get_str("id").and_then(|id| id.parse::<i64>().ok()));
    let data = RwSignal::new(None::<Result<InstructionsEditor, ApiError>>);
    let draft = StoredValue::new(Draft::default());
    let ui = RwSignal::new(Ui::default());
    // What the plain-language check and the preview read: the draft's text and language,
    // copied out of the (non-reactive) draft whenever it changes.
    let checked_text = RwSignal::new(String::new());
    let checked_lang = RwSignal::new(Language::En);
    let mirror = move || {
        let d = draft.get_value();
        checked_lang.set(d.lang.unwrap_or(Language::En));
        checked_text.set(d.body);
    };

    let load = move |first: bool| {
        spawn_local(async move {
            let result = match crate::console::signed_in(console).await {
                Ok(_) => match id {
                    Some(id) => editor(id).await,
                    None => Err(not_found()),
                },
                Err(error) => Err(error),
            };
            match &result {
                Ok(loaded) => {
                    touch();
                    if first {
                        draft.set_value(start_draft(loaded));
                        mirror();
                    }
                }
                Err(error) => {
                    console.check(error);
                }
            }
            data.set(Some(result));
            if first {
                focus_heading("instr-title");
            }
        });
    };
    load(true);

    let page = Memo::new(move |_| {
        let lang = i18n.lang.get();
        let (w, t) = (instructions_console_catalog(lang), catalog(lang));
        let zone = console
            .me
            .with(|me| me.as_ref().map(|me| me.clinic.time_zone.clone()))
            .unwrap_or_default();
        match data.get() {
            Some(Ok(loaded)) => render(&loaded, &draft.get_value(), &ui.get(), w, &zone, lang),
            Some(Err(error)) if !is_unauthorized(&error) => {
                set_title(t.err_server);
                html(
                    r#"<h1 id="instr-title" tabindex="-1">{}</h1>"#,
                    &[if error.is_not_found() {
                        t.visit_missing_title
                    } else {
                        t.err_server
                    }],
                ) + &load_error(t, &error)
            }
            _ => skeleton(t, true),
        }
    });

    let on_input = Callback::new(move |ev: web_sys::Event| {
        let Some((field, value, _)) = input_of(&ev) else {
            return;
        };
        match field.as_str() {
            LANG => draft.update_value(|d| d.lang = Language::from_tag(&value)),
            BODY => draft.update_value(|d| d.body = value),
            ARTICLES => draft.update_value(|d| d.articles = value),
            _ => return templates::on_input(ui, &field, value),
        }
        mirror();
    });

    let on_act = Callback::new(move |act: Act| {
        let Some(Ok(loaded)) = data.get_untracked() else {
            if act.name == "retry" {
                load(false);
            }
            return;
        };
        let w = instructions_console_catalog(i18n.lang.get_untracked());
        match act.name.as_str() {
            "use-template" => {
                use_template(&loaded, draft, ui, w);
                mirror();
            }
            _ => templates::on_act(&act, &loaded, ui, move || load(false), console, i18n),
        }
    });

    let on_submit = Callback::new(move |_| {
        if ui.with_untracked(|ui| ui.publishing) {
            return;
        }
        let Some(appointment_id) = id else { return };
        let lang = i18n.lang.get_untracked();
        let w = instructions_console_catalog(lang);
        let d = draft.get_value();
        let body_md = d.body.trim().to_string();
        let slugs: Vec<String> = d
            .articles
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|slug| !slug.is_empty())
            .map(String::from)
            .collect();
        let body_error = if body_md.is_empty() {
            Some(w.body_required)
        } else if body_md.chars().count() > MAX_BODY {
            Some(w.body_too_long)
        } else {
            None
        };
        let articles_error = (slugs.len() > MAX_ARTICLES).then_some(w.articles_invalid);
        if body_error.is_some() || articles_error.is_some() {
            ui.update(|ui| {
                ui.body_error = body_error;
                ui.articles_error = articles_error;
                ui.done = None;
                ui.failure = None;
            });
            focus_id(if body_error.is_some() { BODY } else { ARTICLES });
            return;
        }
        let language = d.lang.unwrap_or_else(|| {
            data.with_untracked(|data| match data {
                Some(Ok(loaded)) => loaded.patient_language,
                _ => Language::En,
            })
        });
        let request = InstructionsDraft {
            language,
            body_md,
            template_id: d.template_id,
            article_slugs: slugs,
        };
        ui.update(|ui| {
            *ui = Ui {
                publishing: true,
                template: ui.template.take(),
                ..Ui::default()
            }
        });
        spawn_local(async move {
            let result = publish(appointment_id, &request).await;
            let w = instructions_console_catalog(i18n.lang.get_untracked());
            match result {
                Ok(version) => {
                    touch();
                    let done = fill(w.published, &[&version.version.to_string()]);
                    announce(done.clone());
                    ui.update(|ui| {
                        ui.publishing = false;
                        ui.done = Some(done);
                    });
                    load(false);
                    focus_id("instr-done");
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let (body, articles, failure) = publish_error(&error, w, lang);
                    ui.update(|ui| {
                        ui.publishing = false;
                        ui.body_error = body;
                        ui.articles_error = articles;
                        ui.failure = failure;
                    });
                    if let Some(text) = failure {
                        announce(text);
                    }
                    focus_id(if articles.is_some() { ARTICLES } else { BODY });
                }
            }
        });
    });

    let top = Signal::derive(move || {
        page.with(|p| p.split(CHECK_SLOT).next().unwrap_or_default().to_string())
    });
    let rest = Signal::derive(move || {
        page.with(|p| {
            p.split_once(CHECK_SLOT)
                .map(|(_, r)| r.to_string())
                .unwrap_or_default()
        })
    });
    let can_write = Signal::derive(move || page.with(|p| p.contains(CHECK_SLOT)));

    view! {
        <div class="console instructions-editor">
            <Markup html=top on_act on_input on_submit />
            <Show when=move || can_write.get()>
                <div class="plain-check">
                    <PlainLanguagePanel text=checked_text language=checked_lang id="instr-plain" />
                    <MarkdownPreview markdown=checked_text language=checked_lang id="instr-preview" />
                </div>
            </Show>
            <Markup html=rest on_act on_input on_submit />
        </div>
    }
}

fn not_found() -> ApiError {
    ApiError::Status(
        404,
        crate::wire::ApiErrorBody {
            error: "not_found".into(),
            message: String::new(),
            fields: None,
            alternatives: None,
            phone: None,
        },
    )
}

/// The form starts from the latest version (editing it makes the next one), else empty in
/// the patient's language.
fn start_draft(loaded: &InstructionsEditor) -> Draft {
    match loaded.versions.first() {
        Some(latest) => Draft {
            lang: Some(latest.language),
            body: latest.body_md.clone(),
            articles: latest
                .articles
                .iter()
                .map(|a| a.slug.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            template_id: latest.template_id,
            from_template: None,
        },
        None => Draft {
            lang: Some(loaded.patient_language),
            ..Draft::default()
        },
    }
}

/// "Start from this template": fills the box, after asking before replacing typed text.
fn use_template(
    loaded: &InstructionsEditor,
    draft: StoredValue<Draft>,
    ui: RwSignal<Ui>,
    w: &'static InstructionsConsoleTr,
) {
    let chosen = crate::console::sign_in::field_value(TEMPLATE);
    let Some(template) = loaded.templates.iter().find(|t| t.id.to_string() == chosen) else {
        return;
    };
    let d = draft.get_value();
    let typed = !d.body.trim().is_empty() && d.from_template.as_deref() != Some(d.body.as_str());
    if typed
        && !window()
            .confirm_with_message(w.replace_confirm)
            .unwrap_or(false)
    {
        return;
    }
    draft.set_value(Draft {
        lang: Some(template.language),
        body: template.body_md.clone(),
        articles: d.articles,
        template_id: Some(template.id),
        from_template: Some(template.body_md.clone()),
    });
    ui.update(|ui| {
        ui.done = None;
        ui.body_error = None;
    });
    focus_id(BODY);
}

/// Where a refusal belongs: the text, the articles, or the page as a whole.
fn publish_error(
    error: &ApiError,
    w: &'static InstructionsConsoleTr,
    lang: Language,
) -> (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
) {
    match (error.code(), error) {
        ("not_completed", _) => (None, None, Some(w.must_complete)),
        (_, ApiError::Status(403, _)) => (None, None, Some(w.not_yours)),
        ("validation", _) => {
            let fields = error
                .body()
                .and_then(|b| b.fields.clone())
                .unwrap_or_default();
            let mut out = (None, None, None);
            for (field, reason) in fields {
                if field.starts_with("article") {
                    out.1 = Some(w.articles_invalid);
                } else if field == "body_md" {
                    out.0 = Some(if reason == "too_long" {
                        w.body_too_long
                    } else {
                        w.body_required
                    });
                }
            }
            if out == (None, None, None) {
                out.2 = Some(crate::i18n::catalog(lang).e_invalid);
            }
            out
        }
        _ => (None, None, Some(error_text(error, catalog(lang)))),
    }
}

fn render(
    loaded: &InstructionsEditor,
    draft: &Draft,
    ui: &Ui,
    w: &'static InstructionsConsoleTr,
    zone: &str,
    lang: Language,
) -> String {
    let title = fill(w.editor_title, &[&loaded.patient_name]);
    set_title(&title);
    let c = crate::i18n::console_catalog(lang);
    let mut out = html(r#"<h1 id="instr-title" tabindex="-1">{}</h1>"#, &[&title]);
    out.push_str(&facts(&[
        (c.book_service, html("{}", &[&loaded.service_name])),
        (
            c.book_practitioner,
            html("{}", &[&loaded.practitioner_name]),
        ),
        (
            w.visit_day,
            html(
                "{}",
                &[&local(loaded.visit_date, "12:00", lang, DateStyle::Long)],
            ),
        ),
    ]));
    if let Some(done) = &ui.done {
        push(
            &mut out,
            r#"<p class="notice ok" id="instr-done" tabindex="-1" data-testid="published">{}</p>"#,
            &[done],
        );
    }
    if let Some(failure) = ui.failure {
        push(
            &mut out,
            r#"<p class="notice error" role="alert">{}</p>"#,
            &[failure],
        );
    }
    if !loaded.completed {
        push(
            &mut out,
            r#"<p class="notice warn" data-testid="not-completed">{}</p>"#,
            &[w.not_completed],
        );
    } else if !loaded.can_write {
        push(&mut out, r#"<p class="notice warn">{}</p>"#, &[w.not_yours]);
    } else {
        form(&mut out, loaded, draft, ui, w);
        out.push_str(CHECK_SLOT);
    }
    history(&mut out, loaded, w, zone, lang);
    teach_back(&mut out, loaded, w, zone, lang);
    templates::render(&mut out, loaded, ui, w);
    out
}

fn form(
    out: &mut String,
    loaded: &InstructionsEditor,
    draft: &Draft,
    ui: &Ui,
    w: &'static InstructionsConsoleTr,
) {
    out.push_str(r#"<form class="instructions-form" novalidate>"#);
    language_select(out, LANG, draft.lang.unwrap_or(loaded.patient_language), w);
    if loaded.templates.is_empty() {
        push(out, r#"<p class="muted">{}</p>"#, &[w.no_templates]);
    } else {
        push(
            out,
            r#"<div class="field"><label for="{}">{}</label><div class="inline-field"><select id="{}">"#,
            &[TEMPLATE, w.template, TEMPLATE],
        );
        // The patient's language first: the likeliest starting point.
        let mut ordered: Vec<_> = loaded.templates.iter().collect();
        ordered.sort_by_key(|t| t.language != draft.lang.unwrap_or(loaded.patient_language));
        for template in ordered {
            let mut label = template.title.clone();
            label.push_str(" (");
            label.push_str(language_name(w, template.language));
            label.push(')');
            push(
                out,
                r#"<option value="{}"{}>{}</option>"#,
                &[
                    &template.id.to_string(),
                    if draft.template_id == Some(template.id) {
                        " selected"
                    } else {
                        ""
                    },
                    &label,
                ],
            );
        }
        push(
            out,
            r#"</select><button type="button" class="secondary" data-act="use-template">{}</button></div></div>"#,
            &[w.use_template],
        );
    }
    Field {
        id: BODY,
        label: w.body,
        hint: Some(w.body_hint),
        error: ui.body_error,
        value: &draft.body,
        rows: Some(16),
    }
    .render(out);
    // The plain-language check and the preview follow the form (InstructionsPage): the form is
    // one piece of markup, so components cannot sit inside it.
    Field {
        id: ARTICLES,
        label: w.articles,
        hint: Some(w.articles_hint),
        error: ui.articles_error,
        value: &draft.articles,
        rows: None,
    }
    .render(out);
    push(
        out,
        r#"<button type="submit" class="primary"{}>{}</button></form>"#,
        &[
            crate::components::markup::disabled(ui.publishing),
            if ui.publishing {
                w.publishing
            } else {
                w.publish
            },
        ],
    );
}

fn history(
    out: &mut String,
    loaded: &InstructionsEditor,
    w: &'static InstructionsConsoleTr,
    zone: &str,
    lang: Language,
) {
    push(
        out,
        r#"<section class="block" aria-labelledby="versions-title"><h2 id="versions-title">{}</h2>"#,
        &[w.history],
    );
    if loaded.versions.is_empty() {
        push(out, r#"<p class="muted">{}</p>"#, &[w.no_versions]);
    } else {
        out.push_str(r#"<ol class="versions" reversed>"#);
        for version in &loaded.versions {
            push(
                out,
                r#"<li data-testid="version"><details class="more"><summary>{}</summary><pre class="markdown-source">{}</pre></details></li>"#,
                &[
                    &fill(
                        w.version_line,
                        &[
                            &version.version.to_string(),
                            language_name(w, version.language),
                            &version.author_name,
                            &instant(version.published_at, zone, lang),
                        ],
                    ),
                    &version.body_md,
                ],
            );
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");
}

fn teach_back(
    out: &mut String,
    loaded: &InstructionsEditor,
    w: &'static InstructionsConsoleTr,
    zone: &str,
    lang: Language,
) {
    push(
        out,
        r#"<section class="block" aria-labelledby="teach-back-title"><h2 id="teach-back-title">{}</h2><p data-testid="understanding">{} <strong>{}</strong></p><h3>{}</h3>"#,
        &[
            w.teach_back,
            w.understanding,
            understanding_label(w, loaded.understanding),
            w.questions,
        ],
    );
    if loaded.questions.is_empty() {
        push(out, r#"<p class="muted">{}</p>"#, &[w.no_questions]);
    } else {
        out.push_str(r#"<ul class="question-list">"#);
        for question in &loaded.questions {
            push(
                out,
                r#"<li><p class="muted">{}</p><p class="question-text">{}</p>"#,
                &[
                    &fill(w.asked, &[&instant(question.asked_at, zone, lang)]),
                    &question.text,
                ],
            );
            if let Some(reply) = &question.reply {
                push(
                    out,
                    r#"<div class="reply"><p class="muted">{}</p><p class="question-text">{}</p></div>"#,
                    &[
                        &fill(
                            w.replied,
                            &[&reply.replied_by, &instant(reply.replied_at, zone, lang)],
                        ),
                        &reply.text,
                    ],
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        push(
            out,
            r#"<p><a href="/console/questions">{}</a></p>"#,
            &[w.open_inbox],
        );
    }
    out.push_str("</section>");
}
