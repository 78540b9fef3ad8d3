//! The Embed page's snippet generator: the admin's choices (inline or popup, service,
//! practitioner, language, brand colour, prefill), the two lines of HTML they make for the
//! clinic's site, and a live preview — the real widget frame (`/embed/{clinic}`), which
//! Carebook's own pages may always show (its `frame-ancestors` starts with `'self'`).
//!
//! The controls are drawn once (again only on a language switch), so choosing never moves the
//! keyboard focus; the HTML, the colour warning and the preview are drawn from the choices
//! beside them. The preview follows a moment after the last change, so dragging through the
//! colour picker does not reload the frame at every step.

use super::book::copy_to_clipboard;
use super::embed::embed_words;
use crate::api::{self, ApiError};
use crate::brand::readable_on_white;
use crate::components::markup::{escape_into, html, input_of, push, Act, Markup};
use crate::components::{announce, focus_id};
use crate::i18n::embed_console::{embed_console_catalog, EmbedConsoleTr};
use crate::i18n::{fill, use_i18n};
use crate::wire::{Clinic, Language};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;

/// Carebook's own green (`--primary`), what the widget shows without a brand colour.
const CAREBOOK_GREEN: &str = "0b6e4f";
const PREVIEW_ID: &str = "embed-preview";
const COPY_ID: &str = "embed-copy";
const CODE_ID: &str = "embed-code";
const USE_BRAND_ID: &str = "embed-use-brand";
/// The preview's height before the frame reports its own, and a popup's (fixed, as in the
/// loader's dialog).
const PREVIEW_HEIGHT: &str = "640";

/// Who the patient sees.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    PatientChooses,
    FirstAvailable,
    One(i64),
}

#[derive(Clone, Debug, PartialEq)]
struct Choices {
    popup: bool,
    service: Option<i64>,
    who: Who,
    /// `None`: the patient's browser language.
    lang: Option<Language>,
    use_brand: bool,
    /// The colour input's value as `RRGGBB`, kept while the brand colour is not used.
    colour: String,
    prefill: bool,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            popup: false,
            service: None,
            who: Who::PatientChooses,
            lang: None,
            use_brand: false,
            colour: CAREBOOK_GREEN.into(),
            prefill: false,
        }
    }
}

impl Choices {
    /// The brand colour the snippet asks for, if any.
    fn brand(&self) -> Option<&str> {
        self.use_brand.then_some(self.colour.as_str())
    }

    /// A brand colour is asked for that the widget will not use (white text unreadable on it).
    fn unreadable_brand(&self) -> bool {
        self.brand().is_some_and(|hex| !readable_on_white(hex))
    }

    fn practitioner(&self) -> Option<String> {
        match self.who {
            Who::PatientChooses => None,
            Who::FirstAvailable => Some("any".into()),
            Who::One(id) => Some(id.to_string()),
        }
    }

    /// Takes in a change of the control `id`.
    fn hear(&mut self, id: &str, value: &str, checked: bool) {
        match id {
            "embed-mode-inline" if checked => self.popup = false,
            "embed-mode-popup" if checked => self.popup = true,
            "embed-service" => self.service = value.parse().ok(),
            "embed-practitioner" => {
                self.who = match value {
                    "any" => Who::FirstAvailable,
                    id => id.parse().map_or(Who::PatientChooses, Who::One),
                }
            }
            "embed-lang" => self.lang = Language::from_tag(value),
            "embed-prefill" => self.prefill = checked,
            USE_BRAND_ID => self.use_brand = checked,
            "embed-brand" => {
                self.colour = value.trim_start_matches('#').to_ascii_lowercase();
                // Picking a colour means using it.
                self.use_brand = true;
            }
            _ => {}
        }
    }
}

/// The two lines for the clinic's page: the loader (from this Carebook) and the widget's
/// element with the chosen data attributes.
fn snippet(c: &Choices, origin: &str, slug: &str, w: &EmbedConsoleTr) -> String {
    let mut attrs = String::new();
    let mut add = |key: &str, value: &str| {
        attrs.push(' ');
        attrs.push_str(key);
        attrs.push_str("=\"");
        escape_into(&mut attrs, value);
        attrs.push('"');
    };
    add(
        if c.popup {
            "data-carebook-open"
        } else {
            "data-carebook"
        },
        slug,
    );
    if let Some(id) = c.service {
        add("data-service", &id.to_string());
    }
    if let Some(who) = c.practitioner() {
        add("data-practitioner", &who);
    }
    if let Some(lang) = c.lang {
        add("data-lang", lang.code());
    }
    if let Some(hex) = c.brand() {
        add("data-brand", &format!("#{hex}"));
    }
    if c.prefill {
        for key in ["data-name", "data-email", "data-phone"] {
            add(key, "");
        }
    }
    let mut out = html(r#"<script src="{}/embed.js" async></script>"#, &[origin]);
    out.push('\n');
    if c.popup {
        let label = if c.lang == Some(Language::Es) {
            w.button_es
        } else {
            w.button_en
        };
        out.push_str(&fill(
            r#"<button type="button"{}>{}</button>"#,
            &[&attrs, label],
        ));
    } else {
        out.push_str(&fill("<div{}></div>", &[&attrs]));
    }
    out
}

/// The frame's address for these choices, as `embed.js` would build it on a page of this
/// Carebook (`host` is the console's own origin).
fn preview_url(c: &Choices, origin: &str, slug: &str) -> String {
    let enc = |text: &str| String::from(js_sys::encode_uri_component(text));
    let mut url = format!("/embed/{}?host={}", enc(slug), enc(origin));
    let mut add = |key: &str, value: &str| {
        url.push('&');
        url.push_str(key);
        url.push('=');
        url.push_str(&enc(value));
    };
    if c.popup {
        add("mode", "popup");
    }
    if let Some(id) = c.service {
        add("service", &id.to_string());
    }
    if let Some(who) = c.practitioner() {
        add("practitioner", &who);
    }
    if let Some(lang) = c.lang {
        add("lang", lang.code());
    }
    if let Some(hex) = c.brand() {
        add("brand", hex);
    }
    url
}

fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

#[component]
pub fn SnippetMaker(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let here = origin();
    let choices = RwSignal::new(Choices::default());
    let copied = RwSignal::new(None::<bool>);
    let clinic = {
        let slug = slug.clone();
        LocalResource::new(move || {
            let slug = slug.clone();
            let lang = i18n.lang.get();
            async move { api::clinic(&slug, lang).await }
        })
    };

    // Drawn from the language and the clinic only (see the module's note on focus).
    let controls = Signal::derive(move || {
        let w = embed_words();
        let loaded = clinic.get();
        choices.with_untracked(|c| render_controls(c, loaded.as_ref(), w))
    });
    let warning = Signal::derive(move || {
        let w = embed_words();
        if choices.with(Choices::unreadable_brand) {
            html(
                r#"<p class="notice warn" id="embed-brand-warning" data-testid="embed-brand-warning">{}</p>"#,
                &[w.brand_unreadable],
            )
        } else {
            String::new()
        }
    });
    let output = {
        let (here, slug) = (here.clone(), slug.clone());
        Signal::derive(move || {
            let w = embed_words();
            let code = choices.with(|c| snippet(c, &here, &slug, w));
            let loaded = clinic.get();
            let clinic = loaded.as_ref().and_then(|r| r.as_ref().ok());
            choices.with(|c| render_output(c, &code, clinic, copied.get(), w))
        })
    };

    // The preview follows the choices a moment after the last change.
    let preview = RwSignal::new(choices.with_untracked(|c| preview_url(c, &here, &slug)));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let preview_slug = slug.clone();
    Effect::new(move |_| {
        let url = choices.with(|c| preview_url(c, &here, &preview_slug));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            // The page may be gone by then (`try_`: a disposed signal is no error).
            move || {
                if preview.try_with_untracked(|now| *now != url) == Some(true) {
                    preview.set(url);
                }
            },
            Duration::from_millis(400),
        );
        pending.set_value(handle.ok());
    });
    let preview_markup = Signal::derive(move || {
        let w = embed_words();
        preview.with(|url| {
            html(
                r#"<h3>{}</h3><p>{}</p><iframe id="embed-preview" class="embed-preview" title="{}" src="{}" width="100%" height="{}" data-testid="embed-preview"></iframe>"#,
                &[
                    w.preview_title,
                    w.preview_intro,
                    w.preview_frame,
                    url,
                    PREVIEW_HEIGHT,
                ],
            )
        })
    });
    let listener = window_event_listener(leptos::ev::message, move |event| {
        let inline = preview.try_with_untracked(|url| !url.contains("mode=popup"));
        if inline == Some(true) {
            follow_height(&event);
        }
    });
    on_cleanup(move || listener.remove());

    let on_input = Callback::new(move |ev: web_sys::Event| {
        let Some((id, value, checked)) = input_of(&ev) else {
            return;
        };
        let was_unreadable = choices.with_untracked(Choices::unreadable_brand);
        choices.update(|c| c.hear(&id, &value, checked));
        copied.set(None);
        if id == "embed-brand" {
            tick(USE_BRAND_ID);
        }
        let w = embed_console_catalog(i18n.lang.get_untracked());
        if !was_unreadable && choices.with_untracked(Choices::unreadable_brand) {
            announce(w.brand_unreadable);
        }
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            clinic.refetch();
        }
        if act.name != "copy" {
            return;
        }
        let text = choices.with_untracked(|c| {
            snippet(
                c,
                &origin(),
                &slug,
                embed_console_catalog(i18n.lang.get_untracked()),
            )
        });
        spawn_local(async move {
            let ok = copy_to_clipboard(&text).await;
            let w = embed_console_catalog(i18n.lang.get_untracked());
            copied.set(Some(ok));
            if ok {
                announce(w.copied);
                focus_id(COPY_ID);
            } else {
                // Selected, so the keyboard's own copy takes it.
                announce(w.copy_by_hand);
                select_code();
            }
        });
    });

    view! {
        <Markup html=controls on_input on_act />
        <Markup html=warning />
        <Markup html=output on_act />
        <Markup html=preview_markup />
    }
}

/// Sizes the inline preview to the height its frame reports, as `embed.js` does on a clinic's
/// page, so the preview shows no inner scrollbar. Only messages from our own origin and from
/// the preview's window count.
fn follow_height(event: &web_sys::MessageEvent) {
    if event.origin() != origin() {
        return;
    }
    let Some(frame) = document().get_element_by_id(PREVIEW_ID) else {
        return;
    };
    let from_preview = match (
        event.source(),
        Reflect::get(&frame, &"contentWindow".into()),
    ) {
        (Some(source), Ok(window)) => Object::is(&source, &window),
        _ => false,
    };
    let data = event.data();
    let read = |key: &str| Reflect::get(&data, &key.into()).ok();
    let ours = read("carebook").and_then(|v| v.as_string()).as_deref() == Some("v1")
        && read("type").and_then(|v| v.as_string()).as_deref() == Some("height");
    let Some(height) = read("height").and_then(|v| v.as_f64()) else {
        return;
    };
    if !(from_preview && ours) {
        return;
    }
    if let Ok(frame) = frame.dyn_into::<web_sys::HtmlElement>() {
        // The frame's own border is inside the height set here (border-box sizing).
        let border = f64::from(frame.offset_height() - frame.client_height());
        // Through the style object: the console's CSP allows no inline style attributes.
        let px = format!("{}px", height.clamp(200.0, 4000.0).ceil() + border);
        let _ = frame.style().set_property("height", &px);
    }
}

/// Ticks a checkbox drawn in the controls (they are not drawn again on a change).
fn tick(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = Reflect::set(&element, &"checked".into(), &true.into());
    }
}

/// Focuses and selects the HTML to paste.
fn select_code() {
    request_animation_frame(|| {
        let Some(code) = document().get_element_by_id(CODE_ID) else {
            return;
        };
        if let Ok(code) = code.dyn_into::<web_sys::HtmlElement>() {
            let _ = code.focus();
            if let Ok(select) = Reflect::get(&code, &"select".into()) {
                if let Ok(select) = select.dyn_into::<js_sys::Function>() {
                    let _ = select.call0(&code);
                }
            }
        }
    });
}

fn render_controls(
    c: &Choices,
    clinic: Option<&Result<Clinic, ApiError>>,
    w: &EmbedConsoleTr,
) -> String {
    let checked = |on: bool| if on { " checked" } else { "" };
    let selected = |on: bool| if on { " selected" } else { "" };
    let mut out = html(
        r#"<section class="embed-section"><h2 id="embed-maker-title">{}</h2><p>{}</p><div id="embed-maker"><fieldset class="group"><legend>{}</legend>"#,
        &[w.maker_title, w.maker_intro, w.mode],
    );
    for (id, value, text, on) in [
        ("embed-mode-inline", "inline", w.mode_inline, !c.popup),
        ("embed-mode-popup", "popup", w.mode_popup, c.popup),
    ] {
        push(
            &mut out,
            r#"<div class="choice"><input type="radio" id="{}" name="embed-mode" value="{}"{}><label for="{}">{}</label></div>"#,
            &[id, value, checked(on), id, text],
        );
    }
    out.push_str("</fieldset>");
    let clinic = match clinic {
        Some(Ok(clinic)) => Some(clinic),
        Some(Err(_)) => {
            push(
                &mut out,
                r#"<div class="notice error"><p>{}</p><button type="button" class="secondary" data-act="retry">{}</button></div>"#,
                &[w.services_failed, use_i18n().t().retry],
            );
            None
        }
        None => None,
    };

    push(
        &mut out,
        r#"<div class="field"><label for="embed-service">{}</label><select id="embed-service"><option value="">{}</option>"#,
        &[w.service, w.patient_chooses],
    );
    for service in clinic.map_or(&[][..], |c| &c.services) {
        push(
            &mut out,
            r#"<option value="{}"{}>{}</option>"#,
            &[
                &service.id.to_string(),
                selected(c.service == Some(service.id)),
                &service.name,
            ],
        );
    }
    push(
        &mut out,
        r#"</select></div><div class="field"><label for="embed-practitioner">{}</label><select id="embed-practitioner"><option value="">{}</option><option value="any"{}>{}</option>"#,
        &[
            w.practitioner,
            w.patient_chooses,
            selected(c.who == Who::FirstAvailable),
            w.first_available,
        ],
    );
    for person in clinic.map_or(&[][..], |c| &c.practitioners) {
        push(
            &mut out,
            r#"<option value="{}"{}>{}</option>"#,
            &[
                &person.id.to_string(),
                selected(c.who == Who::One(person.id)),
                &person.display_name,
            ],
        );
    }
    push(
        &mut out,
        r#"</select></div><div class="field"><label for="embed-lang">{}</label><select id="embed-lang"><option value="">{}</option>"#,
        &[w.language, w.language_auto],
    );
    for (lang, name) in [(Language::En, "English"), (Language::Es, "Español")] {
        push(
            &mut out,
            r#"<option value="{}" lang="{}"{}>{}</option>"#,
            &[
                lang.code(),
                lang.code(),
                selected(c.lang == Some(lang)),
                name,
            ],
        );
    }
    push(
        &mut out,
        r#"</select></div><div class="choice"><input type="checkbox" id="embed-prefill"{}><label for="embed-prefill">{}</label></div><div class="choice"><input type="checkbox" id="embed-use-brand"{}><label for="embed-use-brand">{}</label></div><div class="field"><label for="embed-brand">{}</label><p class="hint" id="embed-brand-hint">{}</p><input type="color" id="embed-brand" class="embed-colour" value="{}" aria-describedby="embed-brand-hint"></div></div></section>"#,
        &[
            checked(c.prefill),
            w.prefill,
            checked(c.use_brand),
            w.use_brand,
            w.brand,
            w.brand_hint,
            &format!("#{}", c.colour),
        ],
    );
    out
}

fn render_output(
    c: &Choices,
    code: &str,
    clinic: Option<&Clinic>,
    copied: Option<bool>,
    w: &EmbedConsoleTr,
) -> String {
    let mut out = html(
        r#"<div class="field"><label for="embed-code">{}</label><p class="hint" id="embed-code-hint">{}</p><textarea id="embed-code" readonly rows="7" spellcheck="false" aria-describedby="embed-code-hint" data-testid="embed-code">{}</textarea></div><div class="actions"><button type="button" class="secondary" id="embed-copy" data-act="copy">{}</button>"#,
        &[w.code_label, w.code_hint, code, w.copy],
    );
    match copied {
        Some(true) => push(
            &mut out,
            r#" <span class="notice ok" data-testid="embed-copied">{}</span>"#,
            &[w.copied],
        ),
        Some(false) => push(
            &mut out,
            r#" <span class="notice warn">{}</span>"#,
            &[w.copy_by_hand],
        ),
        None => {}
    }
    out.push_str("</div>");
    // A practitioner who does not offer the chosen service: the flow cannot use both.
    if let (Some(clinic), Some(service), Who::One(id)) = (clinic, c.service, c.who) {
        if let Some(person) = clinic
            .practitioners
            .iter()
            .find(|p| p.id == id && !p.service_ids.contains(&service))
        {
            push(
                &mut out,
                r#"<p class="notice warn">{}</p>"#,
                &[&fill(w.mismatch, &[&person.display_name])],
            );
        }
    }
    if c.prefill {
        push(&mut out, r#"<p class="hint">{}</p>"#, &[w.prefill_note]);
    }
    out
}
