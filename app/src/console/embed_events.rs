//! The Embed page's reference for the clinic's web developer: the events `embed.js` passes to
//! the host page (`ready`, `step`, `booked`, `closed`, as `public/embed.js` emits them) and
//! its small JS API. Read-only markup.

use crate::components::markup::push;
use crate::i18n::embed_console::EmbedConsoleTr;

/// An example a developer can start from: what a `booked` event gives, without patient data.
const EXAMPLE: &str = "Carebook.on('booked', function (visit) {\n  // visit.start, visit.service.name, visit.practitioner.name …\n  console.log('Booked', visit.local_date, visit.local_time);\n});";

pub(crate) fn events_markup(w: &EmbedConsoleTr) -> String {
    let mut out = String::new();
    push(
        &mut out,
        r#"<section class="embed-section"><h2 id="embed-events-title">{}</h2><p>{}</p><div class="table-scroll" tabindex="0" role="region" aria-labelledby="embed-events-title"><table class="audit-table" data-testid="embed-events"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        &[w.events_title, w.events_intro, w.event, w.when, w.fields],
    );
    for (event, when, fields) in [
        ("ready", w.ready_when, "clinic"),
        ("step", w.step_when, w.step_fields),
        ("booked", w.booked_when, w.booked_fields),
        ("closed", w.closed_when, "clinic"),
    ] {
        push(
            &mut out,
            r#"<tr><th scope="row"><code>{}</code></th><td>{}</td><td class="code">{}</td></tr>"#,
            &[event, when, fields],
        );
    }
    push(
        &mut out,
        r#"</tbody></table></div><h3>{}</h3><ul><li><code>Carebook.open({clinic, service, practitioner, lang, brand, prefill: {name, email, phone}})</code> {}</li><li><code>Carebook.on(name, fn)</code> {}</li></ul><div class="field"><label for="embed-example">{}</label><textarea id="embed-example" readonly rows="6" spellcheck="false">{}</textarea></div></section>"#,
        &[w.api_title, w.api_open, w.api_on, w.example_label, EXAMPLE],
    );
    out
}
