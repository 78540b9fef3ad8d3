//! The browser entry point of the booking widget's frame (`embed.html`, `/embed/{clinic}`):
//! read what the host page chose, drop the loading skeleton and mount the app.

fn main() {
    app::embed::host::start();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::embed::EmbedApp);
}
