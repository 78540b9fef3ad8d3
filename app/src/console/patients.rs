//! Placeholder: this screen is being built.

use leptos::prelude::*;

#[component]
pub fn PatientsPage() -> impl IntoView {
    view! { <h1>"…"</h1> }
}

#[component]
pub fn PatientPage() -> impl IntoView {
    view! { <h1>"…"</h1> }
}
