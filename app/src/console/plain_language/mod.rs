//! The console's plain-language tools: a live readability and jargon check for a text being
//! written ([`PlainLanguagePanel`]), a preview of its Markdown as patients will see it
//! ([`MarkdownPreview`]), and the screen where a clinic keeps its own jargon terms
//! ([`words_page::PlainWordsPage`]).

mod panel;
mod preview;
pub(crate) mod words_page;

pub(crate) use panel::PlainLanguagePanel;
pub(crate) use preview::MarkdownPreview;

use leptos::prelude::*;
use std::time::Duration;

/// `text`, but only once it has stayed the same for `wait`: checks and previews follow the
/// writer without working on every keystroke.
pub(crate) fn settled(text: Signal<String>, wait: Duration) -> ReadSignal<String> {
    let (settled, set_settled) = signal(text.get_untracked());
    let turn = StoredValue::new(0u32);
    Effect::new(move |_| {
        let current = text.get();
        let mine = turn.get_value().wrapping_add(1);
        turn.set_value(mine);
        set_timeout(
            move || {
                if turn.get_value() == mine {
                    set_settled.set(current);
                }
            },
            wait,
        );
    });
    settled
}
