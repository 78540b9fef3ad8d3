//! The browser entry point of the booking bundle (`index.html`).
//!
//! The page holds either a loading skeleton, dropped at once, or (for `/book/{clinic}`) the
//! flow's first step as the server wrote it (`#boot[data-shell]`, see `first_step`). That one
//! stays on screen while the app mounts into a hidden container and draws the same step;
//! `components::reveal_app` then swaps the two in one go, so nothing flashes or shifts.

use app::components::APP_ROOT;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

fn main() {
    let document = document();
    let boot = document.get_element_by_id("boot");
    let shell = boot
        .as_ref()
        .is_some_and(|boot| boot.has_attribute("data-shell"));
    if shell {
        if let (Ok(root), Some(body)) = (document.create_element("div"), document.body()) {
            root.set_id(APP_ROOT);
            let _ = root.set_attribute("hidden", "");
            if body.append_child(&root).is_ok() {
                leptos::mount::mount_to(root.unchecked_into(), app::App).forget();
                return;
            }
        }
    }
    if let Some(boot) = boot {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
