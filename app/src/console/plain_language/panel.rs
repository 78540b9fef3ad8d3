//! `<PlainLanguagePanel>`: the reading level of a text against the target (grade 8 or below;
//! INFLESZ 55 or more in Spanish), its counts, its three longest sentences quoted, and the
//! medical jargon in it with plainer words, recomputed ~300 ms after typing stops. The one-line
//! summary sits in a polite live region so screen-reader users hear the result too; pass/over
//! is said in words, never by colour alone.

use super::settled;
use crate::api;
use crate::components::markup::{push, Markup};
use crate::i18n::plain_language::{plain_catalog, PlainTr};
use crate::i18n::{fill, use_i18n};
use crate::plain_language::{measure, Band, Glossary, Readability, Score};
use crate::wire::plain_language::JargonTerm;
use crate::wire::Language;
use leptos::prelude::*;
use std::time::Duration;

fn band_text(band: Band, p: &PlainTr) -> &'static str {
    match band {
        Band::VeryEasy => p.band_very_easy,
        Band::FairlyEasy => p.band_fairly_easy,
        Band::Normal => p.band_normal,
        Band::SomewhatDifficult => p.band_somewhat_difficult,
        Band::VeryDifficult => p.band_very_difficult,
    }
}

/// "Reading grade 6.2 (fairly easy; target: grade 8 or below): Meets the target. 40 words, 5 sentences."
fn summary(reading: Option<&Readability>, p: &'static PlainTr) -> String {
    let Some(r) = reading else {
        return p.nothing_yet.to_string();
    };
    let value = format!("{:.1}", r.score.value());
    let (score, target) = match r.score {
        Score::Grade(_) => (fill(p.grade, &[&value]), p.target_grade),
        Score::Inflesz(_) => (fill(p.inflesz, &[&value]), p.target_inflesz),
    };
    let verdict = if r.score.meets_target() {
        p.meets_target
    } else {
        p.over_target
    };
    let counts = fill(p.counts, &[&r.words.to_string(), &r.sentences.to_string()]);
    format!(
        "{score} ({}; {target}): {verdict}. {counts}",
        band_text(r.score.band(), p)
    )
}

fn details(
    text: &str,
    reading: Option<&Readability>,
    glossary: &Glossary,
    p: &'static PlainTr,
) -> String {
    let mut out = String::new();
    let Some(r) = reading else {
        return out;
    };
    // One-word sentences (list items, headings) are nothing to shorten.
    if r.longest.first().is_some_and(|s| s.words > 1) {
        push(
            &mut out,
            "<h3>{}</h3><ol class=\"longest\">",
            &[p.longest_sentences],
        );
        for sentence in &r.longest {
            push(
                &mut out,
                r#"<li><q>{}</q> <span class="muted">({})</span></li>"#,
                &[
                    &text[sentence.range.clone()],
                    &fill(p.words_in_sentence, &[&sentence.words.to_string()]),
                ],
            );
        }
        out.push_str("</ol>");
    }
    let hits = glossary.find(text);
    push(&mut out, "<h3>{}</h3>", &[p.jargon_found]);
    if hits.is_empty() {
        push(&mut out, r#"<p class="muted">{}</p>"#, &[p.no_jargon]);
        return out;
    }
    out.push_str(r#"<ul class="jargon" data-testid="jargon">"#);
    let mut seen = Vec::new();
    for hit in hits {
        let word = &text[hit.range.clone()];
        if seen.contains(&word.to_lowercase()) {
            continue;
        }
        seen.push(word.to_lowercase());
        push(
            &mut out,
            "<li><strong>{}</strong> → {}</li>",
            &[word, &fill(p.say_instead, &[&hit.plain])],
        );
    }
    out.push_str("</ul>");
    out
}

/// The built-in terms of `language` and the clinic's own.
fn glossary_of(language: Language, clinic: &[JargonTerm]) -> Glossary {
    let mut glossary = Glossary::builtin(language);
    glossary.add(
        clinic
            .iter()
            .filter(|t| t.language == language)
            .map(|t| (t.term.clone(), t.plain.clone())),
    );
    glossary
}

#[component]
pub(crate) fn PlainLanguagePanel(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] language: Signal<Language>,
    /// A unique stem for the ids inside.
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // The clinic's own terms; without them (an error) the built-in list still works.
    let clinic_terms =
        LocalResource::new(|| async { api::plain_language::jargon().await.unwrap_or_default() });
    let glossary = Memo::new(move |_| {
        let clinic = clinic_terms.get().unwrap_or_default();
        glossary_of(language.get(), &clinic)
    });
    let settled_text = settled(text, Duration::from_millis(300));
    let reading = Memo::new(move |_| settled_text.with(|t| measure(t, language.get())));
    let summary_text = move || summary(reading.get().as_ref(), plain_catalog(i18n.lang.get()));
    let details_html = Signal::derive(move || {
        let p = plain_catalog(i18n.lang.get());
        settled_text.with(|t| glossary.with(|g| details(t, reading.get().as_ref(), g, p)))
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let title = move || {
        let p = plain_catalog(i18n.lang.get());
        let name = match language.get() {
            Language::En => p.english,
            Language::Es => p.spanish,
        };
        fill(p.check_title, &[name])
    };
    let verdict_class = move || match reading.get() {
        Some(r) if r.score.meets_target() => "plain-summary meets",
        Some(_) => "plain-summary over",
        None => "plain-summary",
    };
    view! {
        <section class="plain-panel" aria-labelledby=labelled_by data-testid=id>
            <h2 id=title_id>{title}</h2>
            <p class=verdict_class aria-live="polite" data-testid="plain-summary">{summary_text}</p>
            <Markup html=details_html />
        </section>
    }
}
