//! `/console/articles`: the health library's articles, drafts too. Every role reads the list;
//! admins and practitioners write: "Write an article" or Edit opens the form below the list,
//! Publish / Back to draft decides what patients see.

use super::{signed_in, touch, use_console};
use crate::api::{self, ApiError};
use crate::components::markup::{disabled, html, input_of, push, Act, Markup};
use crate::components::{announce, focus_id, set_title};
use crate::console::plain_language::{MarkdownPreview, PlainLanguagePanel};
use crate::i18n::library::{articles_catalog, ArticlesTr};
use crate::i18n::use_i18n;
use crate::wire::console::StaffRole;
use crate::wire::library::{ArticleAdmin, ArticleDraft};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

const FORM_TITLE: &str = "article-form-title";

/// The open form: which article (None = new) and the server's objections. What is typed is
/// kept apart (not reactive), so typing does not redraw the form under the cursor.
#[derive(Clone, Debug, Default, PartialEq)]
struct Editing {
    id: Option<i64>,
    errors: BTreeMap<String, String>,
    saving: bool,
}

fn draft_of(a: &ArticleAdmin) -> ArticleDraft {
    ArticleDraft {
        slug: a.slug.clone(),
        language: a.language,
        translation_key: a.translation_key.clone(),
        title: a.title.clone(),
        summary: a.summary.clone(),
        body_md: a.body_md.clone(),
        category: a.category.clone(),
        tags: a.tags.clone(),
        reviewed_on: a.reviewed_on.clone(),
        published: a.published,
    }
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        async move {
            let me = signed_in(console).await?;
            let articles = api::library::console_articles().await?;
            touch();
            Ok::<_, ApiError>((me.role != StaffRole::FrontDesk, me.clinic.slug, articles))
        }
    });
    let editing = RwSignal::new(None::<Editing>);
    let typed = StoredValue::new(ArticleDraft::default());
    let done = RwSignal::new(None::<&'static str>);
    // The body and language the plain-language check and preview read, copied out of the
    // (non-reactive) draft whenever it changes.
    let checked_text = RwSignal::new(String::new());
    let checked_lang = RwSignal::new(Language::En);
    let mirror = move || {
        let d = typed.get_value();
        checked_lang.set(d.language);
        checked_text.set(d.body_md);
    };
    Effect::new(move |_| {
        if let Some(Err(error)) = loaded.get() {
            console.check(&error);
        }
    });

    let list = Signal::derive(move || {
        let w = articles_catalog(i18n.lang.get());
        set_title(w.title);
        let mut out = html(
            r#"<h1 id="articles-title">{}</h1><p>{}</p>"#,
            &[w.title, w.intro],
        );
        if let Some(message) = done.get() {
            push(
                &mut out,
                r#"<p class="notice ok" role="status">{}</p>"#,
                &[message],
            );
        }
        match loaded.get() {
            Some(Ok((writes, clinic, articles))) => {
                if writes {
                    push(
                        &mut out,
                        r#"<p><button type="button" data-act="new">{}</button></p>"#,
                        &[w.new_article],
                    );
                } else {
                    push(&mut out, r#"<p class="muted">{}</p>"#, &[w.read_only]);
                }
                out.push_str(&table(w, &clinic, &articles, writes));
            }
            Some(Err(_)) => push(
                &mut out,
                r#"<p class="notice error" role="alert">{}</p>"#,
                &[w.e_failed],
            ),
            None => push(&mut out, r#"<p aria-busy="true">…</p>"#, &[]),
        }
        out
    });
    let form = Signal::derive(move || {
        let w = articles_catalog(i18n.lang.get());
        editing
            .get()
            .map(|e| form_markup(w, &e, &typed.get_value()))
            .unwrap_or_default()
    });

    let on_act = Callback::new(move |act: Act| {
        let articles = match loaded.get_untracked() {
            Some(Ok((_, _, articles))) => articles,
            _ => Vec::new(),
        };
        let find = |arg: &str| {
            let id: i64 = arg.parse().unwrap_or(-1);
            articles.iter().find(|a| a.id == id).cloned()
        };
        match act.name.as_str() {
            "new" => {
                typed.set_value(ArticleDraft {
                    language: i18n.lang.get_untracked(),
                    ..ArticleDraft::default()
                });
                editing.set(Some(Editing::default()));
                mirror();
                focus_id(FORM_TITLE);
            }
            "edit" => {
                if let Some(article) = find(&act.arg) {
                    typed.set_value(draft_of(&article));
                    mirror();
                    editing.set(Some(Editing {
                        id: Some(article.id),
                        ..Editing::default()
                    }));
                    focus_id(FORM_TITLE);
                }
            }
            "publish" => {
                if let Some(article) = find(&act.arg) {
                    let publish = !article.published;
                    spawn_local(async move {
                        let w = articles_catalog(i18n.lang.get_untracked());
                        match api::library::publish_article(article.id, publish).await {
                            Ok(_) => {
                                let message = if publish {
                                    w.now_published
                                } else {
                                    w.now_draft
                                };
                                announce(message);
                                done.set(Some(message));
                                reload.update(|n| *n += 1);
                            }
                            Err(error) => {
                                if !console.check(&error) {
                                    announce(w.e_failed);
                                    done.set(Some(w.e_failed));
                                }
                            }
                        }
                    });
                }
            }
            "cancel" => editing.set(None),
            _ => {}
        }
    });
    let on_input = Callback::new(move |ev: web_sys::Event| {
        let Some((id, value, checked)) = input_of(&ev) else {
            return;
        };
        typed.update_value(|d| match id.strip_prefix("art-").unwrap_or_default() {
            "title" => d.title = value,
            "summary" => d.summary = value,
            "category" => d.category = value,
            "tags" => d.tags = vec![value],
            "language" => d.language = Language::from_tag(&value).unwrap_or_default(),
            "slug" => d.slug = value,
            "translation_key" => d.translation_key = Some(value),
            "body_md" => d.body_md = value,
            "reviewed_on" => d.reviewed_on = value,
            "published" => d.published = checked,
            _ => {}
        });
        mirror();
    });
    let on_submit = Callback::new(move |()| {
        let Some(current) = editing.get_untracked() else {
            return;
        };
        if current.saving {
            return;
        }
        editing.update(|e| e.iter_mut().for_each(|e| e.saving = true));
        spawn_local(async move {
            let w = articles_catalog(i18n.lang.get_untracked());
            let mut draft = typed.get_value();
            draft.tags = draft
                .tags
                .iter()
                .flat_map(|t| t.split(','))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            match api::library::save_article(current.id, &draft).await {
                Ok(_) => {
                    editing.set(None);
                    announce(w.saved);
                    done.set(Some(w.saved));
                    reload.update(|n| *n += 1);
                    focus_id("articles-title");
                }
                Err(error) => {
                    if console.check(&error) {
                        return;
                    }
                    let mut errors = error
                        .body()
                        .and_then(|b| b.fields.clone())
                        .unwrap_or_default();
                    if error.code() == "translation_taken" {
                        errors.insert("translation_key".into(), "translation_taken".into());
                    }
                    if errors.is_empty() {
                        errors.insert("form".into(), "failed".into());
                    }
                    announce(w.check_fields);
                    editing.update(|e| {
                        if let Some(e) = e {
                            e.errors = errors;
                            e.saving = false;
                        }
                    });
                    focus_id("article-errors");
                }
            }
        });
    });

    view! {
        <div class="articles-screen">
            <Markup html=list on_act />
            <Markup html=form on_act on_input on_submit />
            <Show when=move || editing.with(Option::is_some)>
                <div class="plain-check">
                    <PlainLanguagePanel text=checked_text language=checked_lang id="art-plain" />
                    <MarkdownPreview markdown=checked_text language=checked_lang id="art-preview" />
                </div>
            </Show>
        </div>
    }
}

fn table(w: &ArticlesTr, clinic: &str, articles: &[ArticleAdmin], writes: bool) -> String {
    if articles.is_empty() {
        return html("<p>{}</p>", &[w.none]);
    }
    let mut out = html(
        r#"<div class="table-wrap"><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"><span class="sr-only">{}</span></th></tr></thead><tbody>"#,
        &[
            w.col_title,
            w.col_language,
            w.col_category,
            w.col_status,
            w.edit,
        ],
    );
    for a in articles {
        let status = if a.published { w.published } else { w.draft };
        push(
            &mut out,
            r#"<tr><th scope="row" lang="{}">{}</th><td>{}</td><td>{}</td><td>{}</td><td>"#,
            &[
                a.language.code(),
                &a.title,
                a.language.code(),
                &a.category,
                status,
            ],
        );
        if writes {
            let id = a.id.to_string();
            let toggle = if a.published { w.unpublish } else { w.publish };
            push(
                &mut out,
                r#"<button type="button" class="secondary" data-act="edit {}" aria-label="{} {}">{}</button> <button type="button" class="secondary" data-act="publish {}" aria-label="{} {}">{}</button>"#,
                &[&id, w.edit, &a.title, w.edit, &id, toggle, &a.title, toggle],
            );
        }
        if a.published {
            push(
                &mut out,
                r#" <a href="/learn/{}/{}" aria-label="{} {}">{}</a>"#,
                &[clinic, &a.slug, w.view, &a.title, w.view],
            );
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn error_text(w: &ArticlesTr, code: &str) -> &'static str {
    match code {
        "required" => w.e_required,
        "too_long" | "too_many" => w.e_too_long,
        "invalid_slug" => w.e_slug,
        "taken" => w.e_taken,
        "invalid_date" => w.e_date,
        "in_future" => w.e_future,
        "translation_taken" => w.e_translation,
        "failed" => w.e_failed,
        _ => w.e_invalid,
    }
}

/// One labelled field with its hint and error; `control` is the input's markup.
fn field(
    out: &mut String,
    w: &ArticlesTr,
    e: &Editing,
    name: &str,
    label: &str,
    hint: &str,
    control: &str,
) {
    let error = e.errors.get(name);
    push(
        out,
        r#"<div class="field{}"><label for="art-{}">{}</label>"#,
        &[if error.is_some() { " has-error" } else { "" }, name, label],
    );
    if !hint.is_empty() {
        push(
            out,
            r#"<p class="hint" id="art-{}-hint">{}</p>"#,
            &[name, hint],
        );
    }
    if let Some(code) = error {
        push(
            out,
            r#"<p class="field-error" id="art-{}-error">{}</p>"#,
            &[name, error_text(w, code)],
        );
    }
    out.push_str(control);
    out.push_str("</div>");
}

fn described_by(e: &Editing, name: &str, hint: bool) -> String {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("art-{name}-hint"));
    }
    if e.errors.contains_key(name) {
        ids.push(format!("art-{name}-error"));
    }
    if ids.is_empty() {
        String::new()
    } else {
        html(r#" aria-describedby="{}""#, &[&ids.join(" ")])
    }
}

fn text_input(e: &Editing, name: &str, kind: &str, value: &str, hint: bool) -> String {
    let invalid = if e.errors.contains_key(name) {
        r#" aria-invalid="true""#
    } else {
        ""
    };
    html(
        r#"<input id="art-{}" type="{}" value="{}""#,
        &[name, kind, value],
    ) + &described_by(e, name, hint)
        + invalid
        + ">"
}

fn form_markup(w: &ArticlesTr, e: &Editing, d: &ArticleDraft) -> String {
    let mut out = html(
        r#"<form class="panel article-form" novalidate><h2 id="article-form-title" tabindex="-1">{}</h2>"#,
        &[if e.id.is_some() {
            w.edit_title
        } else {
            w.new_title
        }],
    );
    if !e.errors.is_empty() {
        push(
            &mut out,
            r#"<p class="notice error" id="article-errors" tabindex="-1" role="alert">{}</p>"#,
            &[if e.errors.contains_key("form") {
                w.e_failed
            } else {
                w.check_fields
            }],
        );
    }
    field(
        &mut out,
        w,
        e,
        "title",
        w.f_title,
        "",
        &text_input(e, "title", "text", &d.title, false),
    );
    let summary = html(r#"<textarea id="art-summary" rows="2""#, &[])
        + &described_by(e, "summary", false)
        + ">"
        + &html("{}", &[&d.summary])
        + "</textarea>";
    field(&mut out, w, e, "summary", w.f_summary, "", &summary);
    field(
        &mut out,
        w,
        e,
        "category",
        w.f_category,
        w.f_category_hint,
        &text_input(e, "category", "text", &d.category, true),
    );
    field(
        &mut out,
        w,
        e,
        "tags",
        w.f_tags,
        w.f_tags_hint,
        &text_input(e, "tags", "text", &d.tags.join(", "), true),
    );
    let es = d.language == Language::Es;
    let language = html(
        r#"<select id="art-language"><option value="en"{}>English</option><option value="es"{}>Español</option></select>"#,
        &[
            if es { "" } else { " selected" },
            if es { " selected" } else { "" },
        ],
    );
    field(&mut out, w, e, "language", w.f_language, "", &language);
    field(
        &mut out,
        w,
        e,
        "slug",
        w.f_slug,
        w.f_slug_hint,
        &text_input(e, "slug", "text", &d.slug, true),
    );
    field(
        &mut out,
        w,
        e,
        "translation_key",
        w.f_key,
        w.f_key_hint,
        &text_input(
            e,
            "translation_key",
            "text",
            d.translation_key.as_deref().unwrap_or_default(),
            true,
        ),
    );
    let body = html(r#"<textarea id="art-body_md" rows="16""#, &[])
        + &described_by(e, "body_md", true)
        + ">"
        + &html("{}", &[&d.body_md])
        + "</textarea>";
    field(&mut out, w, e, "body_md", w.f_body, w.f_body_hint, &body);
    // The plain-language check and the preview follow the form (ArticlesPage).
    field(
        &mut out,
        w,
        e,
        "reviewed_on",
        w.f_reviewed,
        "",
        &text_input(e, "reviewed_on", "date", &d.reviewed_on, false),
    );
    push(
        &mut out,
        r#"<div class="field choice"><input id="art-published" type="checkbox"{}><label for="art-published">{}</label></div>"#,
        &[if d.published { " checked" } else { "" }, w.f_published],
    );
    push(
        &mut out,
        r#"<div class="actions"><button type="submit" class="primary"{}>{}</button> <button type="button" class="secondary" data-act="cancel">{}</button></div></form>"#,
        &[
            disabled(e.saving),
            if e.saving { w.saving } else { w.save },
            w.cancel,
        ],
    );
    out
}
