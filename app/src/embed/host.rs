//! The frame's side of the conversation with the host page (`embed.js`).
//!
//! To the host, always with the host's origin as the explicit target, an object
//! `{carebook: "v1", type, …}`: `ready` (listening), `height` (the content's height in CSS
//! pixels, on every change, so the host sizes the frame and no inner scrollbar shows),
//! `step` (`service`, `practitioner`, `day`, `time`, `details`, `review`, `booked`),
//! `booked` (the visit's times, service and practitioner; never the patient's details or
//! the visit's link) and `close` (Esc in a popup).
//!
//! From the host, only `{carebook: "v1", type: "prefill", name?, email?, phone?}`, and only
//! when the message comes from the parent window at the host origin; anything else is
//! ignored. A prefill fills empty fields only: it never overwrites what the patient typed.

use super::words::embed_words;
use crate::brand::{readable_on_white, rgb};
use crate::i18n::use_i18n;
use crate::pages::book::Draft;
use crate::wire::Language;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the host page chose, read once from the frame's first URL.
#[derive(Clone, Default)]
struct HostLink {
    /// The host page's origin; `None` when the frame was opened without one (or a bad one).
    origin: Option<String>,
    popup: bool,
    lang: Option<Language>,
    /// Six hex digits, dark enough for white text (checked before it is kept).
    brand: Option<String>,
}

thread_local! {
    static LINK: RefCell<HostLink> = RefCell::default();
    static LAST_STEP: Cell<u8> = const { Cell::new(0) };
    static LAST_HEIGHT: Cell<i32> = const { Cell::new(-1) };
}

/// Reads the host page's choices from the URL, applies the brand colour and starts reporting
/// the content's height. Called once, before the app mounts.
pub fn start() {
    let search = window().location().search().unwrap_or_default();
    let Ok(query) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let link = HostLink {
        origin: query.get("host").filter(|host| is_origin(host)),
        popup: query.get("mode").as_deref() == Some("popup"),
        lang: query.get("lang").and_then(|tag| Language::from_tag(&tag)),
        brand: query.get("brand").filter(|hex| readable_on_white(hex)),
    };
    if let Some(brand) = &link.brand {
        apply_brand(brand);
    }
    LINK.with(|cell| *cell.borrow_mut() = link);
    watch_height();
}

/// `https://clinic.example` exactly: what `URL.origin` gives back for itself.
fn is_origin(text: &str) -> bool {
    web_sys::Url::new(text).is_ok_and(|url| url.origin() == text)
}

/// The host's choices that stay in the frame's URL from step to step (so a reload of the
/// frame keeps talking to the same page), appended to `url`.
pub fn carry(url: &mut String) {
    LINK.with(|cell| {
        let link = cell.borrow();
        let mut add = |key: &str, value: &str| {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(key);
            url.push('=');
            url.push_str(&String::from(js_sys::encode_uri_component(value)));
        };
        if let Some(origin) = &link.origin {
            add("host", origin);
        }
        if link.popup {
            add("mode", "popup");
        }
        if let Some(lang) = link.lang {
            add("lang", lang.code());
        }
        if let Some(brand) = &link.brand {
            add("brand", brand);
        }
    });
}

/// A plain object of `fields`.
pub fn object(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// Sends `{carebook: "v1", type: kind, …fields}` to the host page, to its origin only.
pub fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(origin) = LINK.with(|cell| cell.borrow().origin.clone()) else {
        return;
    };
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let message = object(fields);
    let _ = Reflect::set(&message, &"carebook".into(), &"v1".into());
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    let _ = parent.post_message(&message, &origin);
}

/// Tells the host which step is on screen (1 to 6 as the flow numbers them, 7 booked), once
/// per change.
pub fn step_shown(number: u8) {
    const NAMES: [&str; 7] = [
        "service",
        "practitioner",
        "day",
        "time",
        "details",
        "review",
        "booked",
    ];
    if LAST_STEP.replace(number) == number {
        return;
    }
    if let Some(name) = NAMES.get(usize::from(number).wrapping_sub(1)) {
        post(
            "step",
            &[
                ("step", JsValue::from_str(name)),
                ("number", JsValue::from(number)),
            ],
        );
    }
}

// An element's exact box, without web-sys's `DomRect` feature (another build of web-sys for
// one call).
#[wasm_bindgen]
extern "C" {
    type Measured;
    #[wasm_bindgen(method, js_name = getBoundingClientRect)]
    fn exact_box(this: &Measured) -> Rect;
    type Rect;
    #[wasm_bindgen(method, getter)]
    fn height(this: &Rect) -> f64;
}

fn report_height() {
    let Some(body) = document().body() else {
        return;
    };
    // The exact height rounded up: `offsetHeight` rounds 1799.2 down to 1799, which leaves
    // the frame a fraction of a pixel short and its document scrollable.
    let height = body.unchecked_ref::<Measured>().exact_box().height().ceil() as i32;
    if LAST_HEIGHT.replace(height) != height {
        post("height", &[("height", JsValue::from(height))]);
    }
}

fn watch_height() {
    let Some(body) = document().body() else {
        return;
    };
    let callback = Closure::<dyn FnMut()>::new(report_height);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // Both live as long as the frame.
    callback.forget();
}

/// The brand colour as the frame's primary colour (buttons, chosen cards), and a darker
/// shade of it for hover.
fn apply_brand(hex: &str) {
    let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    let _ = style.set_property("--primary", &format!("#{hex}"));
    if let Some([r, g, b]) = rgb(hex) {
        let dark = |c: u8| (f64::from(c) * 0.8) as u8;
        let _ = style.set_property(
            "--primary-dark",
            &format!("#{:02x}{:02x}{:02x}", dark(r), dark(g), dark(b)),
        );
    }
}

/// Is this message from the host page: the parent window, at the host's origin?
fn from_host(event: &web_sys::MessageEvent) -> bool {
    let Some(origin) = LINK.with(|cell| cell.borrow().origin.clone()) else {
        return false;
    };
    let parent = window().parent().ok().flatten();
    let source_is_parent = match (event.source(), parent) {
        (Some(source), Some(parent)) => Object::is(&source, &parent),
        _ => false,
    };
    event.origin() == origin && source_is_parent
}

fn text_of(data: &JsValue, key: &str) -> Option<String> {
    Reflect::get(data, &JsValue::from_str(key))
        .ok()
        .and_then(|value| value.as_string())
}

/// Listens to the host page: the language it chose, prefills, and (in a popup) Esc. Also
/// names the frame's `<main>`.
#[component]
pub fn Bridge() -> impl IntoView {
    let draft = expect_context::<Draft>();
    let i18n = use_i18n();
    let link = LINK.with(|cell| cell.borrow().clone());
    if let Some(lang) = link.lang {
        i18n.lang.set(lang);
    }
    let on_message = move |event: web_sys::MessageEvent| {
        let data = event.data();
        if !from_host(&event)
            || text_of(&data, "carebook").as_deref() != Some("v1")
            || text_of(&data, "type").as_deref() != Some("prefill")
        {
            return;
        }
        // No longer than the details form's fields take (their `maxlength`).
        for (key, field, longest) in [
            ("name", draft.name, 200),
            ("email", draft.email, 200),
            ("phone", draft.phone, 30),
        ] {
            if let Some(value) = text_of(&data, key) {
                if field.get_untracked().is_empty() {
                    field.set(value.trim().chars().take(longest).collect());
                }
            }
        }
    };
    let _ = window_event_listener(leptos::ev::message, on_message);
    if link.popup {
        let _ = window_event_listener(leptos::ev::keydown, |event| {
            if event.key() == "Escape" {
                post("close", &[]);
            }
        });
    }
    // Names the frame's `<main>` in the frame's language (see `EmbedTr::region`).
    Effect::new(move |_| {
        let name = embed_words(i18n.lang.get()).region;
        if let Some(main) = document().get_element_by_id("main") {
            let _ = main.set_attribute("aria-label", name);
        }
    });
    Effect::new(|_| {
        post("ready", &[]);
        report_height();
    });
}
