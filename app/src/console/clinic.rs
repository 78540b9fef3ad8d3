//! Placeholder: this screen is being built.

use leptos::prelude::*;

#[component]
pub fn ClinicPage() -> impl IntoView {
    view! { <h1>"…"</h1> }
}
