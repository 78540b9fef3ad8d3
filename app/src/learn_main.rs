//! The browser entry point of the health library bundle (`learn.html`, `/learn/*`): drop the
//! static loading skeleton and mount the app.

fn main() {
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::pages::learn::LearnApp);
}
