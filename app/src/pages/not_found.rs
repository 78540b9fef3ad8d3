//! Any path the app does not know.

use crate::components::markup::html;
use crate::components::set_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        set_title(t.not_found_title);
        let body = html(
            r#"<h1>{}</h1><p>{}</p><p><a href="/">{}</a></p>"#,
            &[t.not_found_title, t.not_found_body, t.not_found_home],
        );
        view! { <div inner_html=body></div> }
    }
}
