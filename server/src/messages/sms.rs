//! Text messages. A phone's lock screen is not private, so they say only which clinic, when,
//! and where to read more — never the service, the practitioner or the preparation. The
//! sentences (`[sms]` in the language files) are only given these placeholders.

use super::templates::catalog;
use super::time_text::describe;
use super::MessageFacts;
use app::wire::messages::MessageKind;

pub(super) fn text(kind: MessageKind, facts: &MessageFacts) -> String {
    let strings = catalog(facts.language);
    let time = describe(strings, facts.time_zone, facts.start);
    strings.fill(
        &format!("sms.{}", kind.code()),
        &[
            ("clinic", &facts.clinic_name),
            ("when", &time.when),
            ("link", &facts.links.visit),
            ("coming", &facts.links.coming),
            ("survey", &facts.links.survey),
        ],
    )
}
