//! Loading skeletons and error messages, as markup.

use crate::api::ApiError;
use crate::components::markup::{html, push};
use crate::i18n::Tr;

/// Grey placeholder blocks in the shape of what is coming, marked busy for assistive tech.
/// With `heading`, also a visually hidden `<h1>` (for a page whose heading is still loading).
pub fn skeleton(t: &'static Tr, heading: bool) -> String {
    let mut out = String::from(r#"<div class="loading" aria-busy="true">"#);
    if heading {
        push(&mut out, r#"<h1 class="sr-only">{}</h1>"#, &[t.loading]);
    }
    push(
        &mut out,
        r#"<p class="sr-only">{}</p><div class="skel skel-line"></div><div class="skel skel-block"></div><div class="skel skel-block"></div></div>"#,
        &[t.loading],
    );
    out
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

/// A failed load: what happened and a Retry button (`data-act="retry"`).
pub fn load_error(t: &'static Tr, error: &ApiError) -> String {
    html(
        r#"<div class="notice error" role="alert"><p>{}</p><button type="button" class="secondary" data-act="retry">{}</button></div>"#,
        &[error_text(error, t), t.retry],
    )
}
