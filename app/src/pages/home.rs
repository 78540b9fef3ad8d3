//! `/`: a short landing page pointing at the demo clinic.

use crate::components::set_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        set_title(t.flow().home_title);
        view! {
            <div class="home">
                <h1>{t.flow().home_title}</h1>
                <p class="lead">{t.flow().home_intro}</p>
                <a class="button primary" href="/book/demo">
                    {t.flow().home_cta}
                </a>
            </div>
        }
    }
}
