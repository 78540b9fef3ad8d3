//! A telehealth visit's video room link for the practitioner and staff: in the day view's
//! visit details and in the answer to a booking by phone. Opens the room in a new tab.

use crate::components::markup::push;
use crate::i18n::video::video_catalog;
use crate::wire::Language;

/// Appends the link when the visit has a room (`url`); `label` names the visit for screen
/// readers (several rooms can be on one screen).
pub fn video_link(out: &mut String, url: Option<&str>, label: &str, lang: Language) {
    let Some(url) = url else { return };
    let w = video_catalog(lang);
    push(
        out,
        r#"<p class="video-link"><a href="{}" target="_blank" rel="noopener noreferrer" aria-label="{} {}" data-testid="video-link">{}</a></p>"#,
        &[url, label, w.new_tab, w.staff_join],
    );
}
