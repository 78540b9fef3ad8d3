//! `<MarkdownPreview>`: the Markdown being written, rendered by the server exactly as patients
//! will get it (same renderer, same sanitiser), ~500 ms after typing stops.

use super::settled;
use crate::api;
use crate::i18n::plain_language::plain_catalog;
use crate::i18n::{fill, use_i18n};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, PartialEq)]
enum Shown {
    Empty,
    Html(String),
    Failed,
}

#[component]
pub(crate) fn MarkdownPreview(
    #[prop(into)] markdown: Signal<String>,
    #[prop(into)] language: Signal<Language>,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let settled_text = settled(markdown, Duration::from_millis(500));
    let shown = RwSignal::new(Shown::Empty);
    let turn = StoredValue::new(0u32);
    Effect::new(move |_| {
        let text = settled_text.get();
        let mine = turn.get_value().wrapping_add(1);
        turn.set_value(mine);
        if text.trim().is_empty() {
            shown.set(Shown::Empty);
            return;
        }
        spawn_local(async move {
            let result = api::plain_language::markdown_preview(&text).await;
            // An older answer arriving late must not replace a newer one.
            if turn.get_value() != mine {
                return;
            }
            shown.set(match result {
                Ok(preview) => Shown::Html(preview.html),
                Err(_) => Shown::Failed,
            });
        });
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let title = move || {
        let p = plain_catalog(i18n.lang.get());
        let name = match language.get() {
            Language::En => p.english,
            Language::Es => p.spanish,
        };
        fill(p.preview_title, &[name])
    };
    let lang_attr = move || language.get().code();
    view! {
        <section class="md-preview" aria-labelledby=labelled_by data-testid=id>
            <h2 id=title_id>{title}</h2>
            {move || {
                let p = plain_catalog(i18n.lang.get());
                match shown.get() {
                    Shown::Empty => view! { <p class="muted">{p.preview_empty}</p> }.into_any(),
                    Shown::Failed => view! { <p class="notice warn">{p.preview_failed}</p> }.into_any(),
                    // Sanitised by the server (the same code as the patient pages).
                    Shown::Html(html) => view! { <div class="md-body" lang=lang_attr inner_html=html></div> }.into_any(),
                }
            }}
        </section>
    }
}
