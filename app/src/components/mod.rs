//! Small pieces the screens share.

pub mod day_picker;
pub mod feedback;
pub mod field;
pub mod slot_picker;

use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Text for the page's polite live region (step changes, results of actions).
#[derive(Clone, Copy)]
pub struct Announcer(pub RwSignal<String>);

pub fn announce(message: impl Into<String>) {
    if let Some(announcer) = use_context::<Announcer>() {
        announcer.0.set(message.into());
    }
}

static FIRST_HEADING: AtomicBool = AtomicBool::new(true);

/// Moves focus to a screen's main heading when it appears, so screen reader and keyboard users
/// land on the new content. The first heading after a full page load is left alone, as the
/// browser starts at the top by itself there.
pub fn focus_on_mount(element: &web_sys::HtmlElement) {
    if !FIRST_HEADING.swap(false, Ordering::Relaxed) {
        let _ = element.focus();
    }
}

/// Sets the document title to "`page` · Carebook".
pub fn set_title(page: &str) {
    let mut title = String::from(page);
    title.push_str(" · Carebook");
    document().set_title(&title);
}

/// Focuses the element with this id once the pending render has happened.
pub fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
