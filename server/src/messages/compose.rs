//! The e-mail of each kind: the language file's sentences, filled with the visit's facts and
//! laid out by the shared HTML and text layouts.

use super::invite::calendar_file;
use super::templates::{self, catalog, Catalog, HTML_LAYOUT, TEXT_LAYOUT};
use super::time_text::{describe, TimeText};
use super::{ComposedEmail, MessageFacts};
use crate::domain::feedback::{survey_state, SurveyVisit};
use crate::domain::markdown::{plain_text, to_safe_html};
use app::wire::feedback::SurveyState;
use app::wire::messages::MessageKind;
use app::wire::video::OPENS_MINUTES_BEFORE;
use app::wire::ServiceKind;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What the layouts lay out. Every text is plain (escaped by the HTML layout) except
/// `Section::html`, which is sanitised Markdown.
#[derive(Serialize)]
pub(super) struct Layout {
    lang: &'static str,
    clinic: String,
    title: String,
    heading: String,
    greeting: String,
    paragraphs: Vec<String>,
    links: Vec<Link>,
    sections: Vec<Section>,
    footer: Vec<String>,
}

#[derive(Serialize, Default)]
struct Section {
    heading: String,
    facts: Vec<Fact>,
    paragraphs: Vec<String>,
    /// Sanitised HTML (the preparation) for the HTML part…
    html: Option<String>,
    /// …and the same words for the text part.
    text: Option<String>,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Fact {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct Link {
    label: String,
    url: String,
}

/// The facts every sentence may use, by placeholder name.
struct Words<'a> {
    strings: &'static Catalog,
    facts: &'a MessageFacts,
    time: TimeText,
}

impl Words<'_> {
    fn fill(&self, key: &str) -> String {
        let f = self.facts;
        self.strings.fill(
            key,
            &[
                ("name", &f.greeting_name),
                ("clinic", &f.clinic_name),
                ("phone", &f.clinic_phone),
                ("service", &f.service_name),
                ("practitioner", &f.practitioner_name),
                ("date", &self.time.date),
                ("date_short", &self.time.date_short),
                ("time", &self.time.time),
                ("when", &self.time.when),
                ("minutes", &OPENS_MINUTES_BEFORE.to_string()),
            ],
        )
    }

    fn link(&self, key: &str, url: &str) -> Link {
        Link {
            label: self.fill(key),
            url: url.to_string(),
        }
    }

    fn details(&self, with_visit_link: bool) -> Section {
        let f = self.facts;
        let place = match (f.service_kind, &f.video_url) {
            (ServiceKind::InPerson, _) => f.clinic_address.clone(),
            (ServiceKind::Telehealth, Some(_)) => self.fill("common.video_where"),
            (ServiceKind::Telehealth, None) => self.fill("common.video"),
        };
        let fact = |key: &str, value: String| Fact {
            label: self.fill(key),
            value,
        };
        Section {
            heading: self.fill("common.details_heading"),
            facts: vec![
                fact("common.what", f.service_name.clone()),
                fact("common.when", self.time.when.clone()),
                fact("common.where", place),
                fact("common.with", f.practitioner_name.clone()),
            ],
            // The join link rides with the visit link: in confirmations, changes and
            // reminders, never in a cancellation.
            links: if with_visit_link {
                let video = f
                    .video_url
                    .as_ref()
                    .filter(|_| f.service_kind == ServiceKind::Telehealth);
                video
                    .map(|url| self.link("common.video_link", url))
                    .into_iter()
                    .chain([self.link("common.visit_link", &f.links.visit)])
                    .collect()
            } else {
                Vec::new()
            },
            ..Section::default()
        }
    }

    fn preparation(&self) -> Option<Section> {
        let markdown = self.facts.preparation_md.trim();
        (!markdown.is_empty()).then(|| Section {
            heading: self.fill("common.preparation_heading"),
            html: Some(to_safe_html(markdown)),
            text: Some(plain_text(markdown).trim().to_string()),
            ..Section::default()
        })
    }

    fn contact(&self) -> Section {
        Section {
            heading: self.fill("common.contact_heading"),
            paragraphs: vec![self.fill("common.contact")],
            ..Section::default()
        }
    }
}

pub(super) fn email(
    kind: MessageKind,
    facts: &MessageFacts,
    sequence: i64,
    now: DateTime<Utc>,
) -> ComposedEmail {
    let strings = catalog(facts.language);
    let words = Words {
        strings,
        facts,
        time: describe(strings, facts.time_zone, facts.start),
    };
    let layout = layout(kind, &words, now);
    let calendar = match kind {
        MessageKind::Confirmation | MessageKind::Changed | MessageKind::Cancelled => {
            Some(calendar_file(kind, facts, strings, sequence, now))
        }
        _ => None,
    };
    let text = render_or_plain(TEXT_LAYOUT, &layout);
    let html = templates::render(HTML_LAYOUT, &layout).unwrap_or_else(|err| {
        tracing::error!(error = %err, "e-mail HTML layout failed; sending the text in HTML");
        format!("<pre>{}</pre>", ammonia::clean_text(&text))
    });
    ComposedEmail {
        subject: layout.title,
        text,
        html,
        calendar,
    }
}

fn render_or_plain(name: &str, layout: &Layout) -> String {
    templates::render(name, layout).unwrap_or_else(|err| {
        tracing::error!(error = %err, "e-mail text layout failed; sending the sentences alone");
        let mut text = vec![layout.heading.clone(), layout.greeting.clone()];
        text.extend(layout.paragraphs.iter().cloned());
        text.extend(
            layout
                .links
                .iter()
                .map(|l| format!("{}: {}", l.label, l.url)),
        );
        text.join("\n\n")
    })
}

fn layout(kind: MessageKind, words: &Words<'_>, now: DateTime<Utc>) -> Layout {
    let facts = words.facts;
    let key = |name: &str| format!("{}.{name}", kind.code());
    let mut paragraphs = vec![words.fill(&key("intro"))];
    let mut links = Vec::new();
    let mut sections = Vec::new();
    match kind {
        MessageKind::Confirmation | MessageKind::Changed => {
            paragraphs.push(words.fill(&key("calendar_note")));
            sections.push(words.details(true));
            sections.extend(words.preparation());
        }
        MessageKind::Cancelled => {
            paragraphs.push(words.fill(&key("calendar_note")));
            sections.push(words.details(false));
            sections.push(Section {
                heading: words.fill("cancelled.book_again_heading"),
                paragraphs: vec![words.fill("cancelled.book_again")],
                links: vec![words.link("cancelled.book_again_link", &facts.links.visit)],
                ..Section::default()
            });
        }
        MessageKind::Reminder => {
            sections.push(words.details(true));
            sections.push(Section {
                heading: words.fill("reminder.answer_heading"),
                paragraphs: vec![words.fill("reminder.answer_intro")],
                links: vec![
                    words.link("reminder.coming", &facts.links.coming),
                    words.link("reminder.change", &facts.links.change),
                ],
                ..Section::default()
            });
            sections.extend(words.preparation());
        }
        MessageKind::Instructions => {
            // A link only: instructions are health information, and e-mail is not private.
            links.push(words.link("instructions.link", &facts.links.visit));
            if survey_open(facts, now) {
                sections.push(Section {
                    heading: words.fill("instructions.survey_heading"),
                    paragraphs: vec![words.fill("instructions.survey_intro")],
                    links: vec![words.link("instructions.survey_link", &facts.links.survey)],
                    ..Section::default()
                });
            }
        }
        MessageKind::Survey => {
            links.push(words.link("survey.link", &facts.links.survey));
        }
    }
    sections.push(words.contact());
    Layout {
        lang: facts.language.code(),
        clinic: facts.clinic_name.clone(),
        title: words.fill(&key("subject")),
        heading: words.fill(&key("heading")),
        greeting: words.fill("common.greeting"),
        paragraphs,
        links,
        sections,
        footer: vec![words.fill("common.footer")],
    }
}

/// Whether the survey takes answers now (and this patient has not answered yet).
fn survey_open(facts: &MessageFacts, now: DateTime<Utc>) -> bool {
    let visit = SurveyVisit {
        completed: facts.visit.completed && !facts.visit.cancelled,
        ends_at: facts.end,
        answered: facts.visit.survey_answered,
    };
    survey_state(visit, now) == SurveyState::Open
}
