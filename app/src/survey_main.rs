//! The browser entry point of the survey bundle (`survey.html`, `/a/{token}/survey`): drop the
//! static loading skeleton and mount the app.

fn main() {
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::SurveyApp);
}
