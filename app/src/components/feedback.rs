//! Loading skeletons and error messages.

use crate::api::ApiError;
use crate::i18n::{use_i18n, Tr};
use leptos::prelude::*;

/// Grey placeholder blocks in the shape of what is coming, marked busy for assistive tech.
#[component]
pub fn Skeleton(
    /// How many card-sized blocks to show.
    #[prop(default = 3)]
    blocks: usize,
    /// Also render a visually hidden `<h1>` (for pages whose heading is still loading).
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading" aria-busy="true">
            {heading.then(|| view! { <h1 class="sr-only">{move || i18n.t().loading}</h1> })}
            <p class="sr-only">{move || i18n.t().loading}</p>
            <div class="skel skel-line" aria-hidden="true"></div>
            {(0..blocks)
                .map(|_| view! { <div class="skel skel-block" aria-hidden="true"></div> })
                .collect_view()}
        </div>
    }
}

/// The sentence shown for a failed call: always our own translation, never the server's English.
pub fn error_text(error: &ApiError, t: &'static Tr) -> &'static str {
    match error.code() {
        "network" => t.err_network,
        "slot_taken" => t.err_slot_taken,
        "late_change" => t.err_late_change,
        "validation" => t.e_invalid,
        _ if error.is_not_found() => t.err_clinic_missing,
        _ => t.err_server,
    }
}

/// A failed load: what happened and a Retry button.
#[component]
pub fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice error" role="alert">
            <p>{move || error_text(&error, i18n.t())}</p>
            <button type="button" class="secondary" on:click=move |_| retry.run(())>
                {move || i18n.t().retry}
            </button>
        </div>
    }
}
