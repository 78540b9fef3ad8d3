//! Placeholder: this screen is being built.

use leptos::prelude::*;

#[component]
pub fn PractitionersPage() -> impl IntoView {
    view! { <h1>"…"</h1> }
}

#[component]
pub fn PractitionerPage() -> impl IntoView {
    view! { <h1>"…"</h1> }
}
