//! Small pieces the screens share.

pub mod day_picker;
pub mod feedback;
pub mod markup;
pub mod slot_picker;

use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

use std::sync::OnceLock;

/// Text of the page's polite live region (step changes, results of actions). One per page,
/// set up by the `App`; kept global so event handlers can speak without an owner in scope.
static ANNOUNCER: OnceLock<RwSignal<String>> = OnceLock::new();

/// The live region's text, created once.
pub fn announcer() -> RwSignal<String> {
    *ANNOUNCER.get_or_init(|| RwSignal::new(String::new()))
}

pub fn announce(message: impl Into<String>) {
    announcer().set(message.into());
}

/// The hidden container an app is mounted in while the server's first screen is shown (see
/// [`mount_app`]).
pub const APP_ROOT: &str = "app-root";

/// Mounts a bundle's app. The page holds either a loading skeleton (`#boot`), dropped at once,
/// or a first screen the server wrote (`#boot[data-shell]`: the booking flow's first step, an
/// article). That one stays on screen while the app mounts into a hidden container and draws
/// the same; the screen then calls [`reveal_app`], which swaps the two in one go, so nothing
/// flashes or shifts.
pub fn mount_app<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    use leptos::wasm_bindgen::JsCast;
    let document = document();
    let boot = document.get_element_by_id("boot");
    if boot
        .as_ref()
        .is_some_and(|boot| boot.has_attribute("data-shell"))
    {
        if let (Ok(root), Some(body)) = (document.create_element("div"), document.body()) {
            root.set_id(APP_ROOT);
            let _ = root.set_attribute("hidden", "");
            if body.append_child(&root).is_ok() {
                leptos::mount::mount_to(root.unchecked_into(), app).forget();
                return;
            }
        }
    }
    if let Some(boot) = boot {
        boot.remove();
    }
    leptos::mount::mount_to_body(app);
}

/// Swaps the server's first screen (`#boot`) for the app, which has drawn the same by now: both
/// in one task, so the screen never shows neither or both. Nothing to do on any other page.
pub fn reveal_app() {
    let document = document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(root) = document.get_element_by_id(APP_ROOT) {
        let _ = root.remove_attribute("hidden");
    }
}

static FIRST_HEADING: AtomicBool = AtomicBool::new(true);

/// Moves focus to a screen's main heading (by id) when it appears, so screen reader and
/// keyboard users land on the new content. The first heading after a full page load is left
/// alone, as the browser starts at the top by itself there.
pub fn focus_heading(id: &str) {
    if !FIRST_HEADING.swap(false, Ordering::Relaxed) {
        focus_id(id);
    }
}

/// Sets the document title to "`page` · Carebook".
pub fn set_title(page: &str) {
    let mut title = String::from(page);
    title.push_str(" · Carebook");
    document().set_title(&title);
}

/// Focuses the element with this id once the pending render has happened.
pub fn focus_id(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
