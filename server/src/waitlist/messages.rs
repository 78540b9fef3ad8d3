//! The waitlist's messages, in the patient's language and by the name they prefer: "you are
//! on the waitlist" and "a time is held for you" (when, with whom, until when, and the link).
//! Sentences live in `server/messages/{en,es}.toml` under `waitlist.`; the e-mail uses the
//! shared layouts. No text message names the service (nothing about the patient's health).

use crate::db::waitlist_outbox::WaitlistMessage;
use crate::messages::templates::{self, catalog, Catalog, HTML_LAYOUT, TEXT_LAYOUT};
use crate::messages::time_text::describe;
use crate::messages::ComposedEmail;
use app::wire::Language;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// What a waitlist message says, gathered from the database when it is sent.
#[derive(Clone)]
pub struct WaitlistFacts {
    pub language: Language,
    pub greeting_name: String,
    pub clinic_name: String,
    pub clinic_phone: String,
    pub zone: Tz,
    pub service_name: String,
    /// `{public_url}/waitlist/{token}`
    pub link: String,
    pub offer: Option<OfferFacts>,
}

#[derive(Clone)]
pub struct OfferFacts {
    pub start: DateTime<Utc>,
    pub practitioner_name: String,
    pub hold_until: DateTime<Utc>,
    pub hold_minutes: i64,
}

/// The same shape as the visit messages' layout (`messages::compose`).
#[derive(Serialize)]
struct Layout {
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

#[derive(Serialize)]
struct Section {
    heading: String,
    facts: Vec<Link>,
    paragraphs: Vec<String>,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Link {
    label: String,
    url: String,
}

struct Words {
    strings: &'static Catalog,
    values: Vec<(&'static str, String)>,
}

impl Words {
    fn new(facts: &WaitlistFacts) -> Words {
        let strings = catalog(facts.language);
        let mut values = vec![
            ("name", facts.greeting_name.clone()),
            ("clinic", facts.clinic_name.clone()),
            ("phone", facts.clinic_phone.clone()),
            ("service", facts.service_name.clone()),
            ("link", facts.link.clone()),
        ];
        if let Some(offer) = &facts.offer {
            let time = describe(strings, facts.zone, offer.start);
            let hold = describe(strings, facts.zone, offer.hold_until);
            values.extend([
                ("practitioner", offer.practitioner_name.clone()),
                ("when", time.when),
                ("date_short", time.date_short),
                ("hold_time", hold.time),
                ("minutes", offer.hold_minutes.to_string()),
            ]);
        }
        Words { strings, values }
    }

    fn fill(&self, key: &str) -> String {
        let values: Vec<(&str, &str)> = self
            .values
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        self.strings.fill(key, &values)
    }
}

fn prefix(kind: WaitlistMessage) -> &'static str {
    match kind {
        WaitlistMessage::Joined => "waitlist.joined",
        WaitlistMessage::Offer => "waitlist.offer",
    }
}

pub fn compose_email(kind: WaitlistMessage, facts: &WaitlistFacts) -> ComposedEmail {
    let words = Words::new(facts);
    let key = |name: &str| format!("{}.{name}", prefix(kind));
    let mut paragraphs = vec![words.fill(&key("intro"))];
    if kind == WaitlistMessage::Offer {
        paragraphs.push(words.fill("waitlist.offer.hold"));
    }
    let layout = Layout {
        lang: facts.language.code(),
        clinic: facts.clinic_name.clone(),
        title: words.fill(&key("subject")),
        heading: words.fill(&key("heading")),
        greeting: words.fill("common.greeting"),
        paragraphs,
        links: vec![Link {
            label: words.fill(&key("link")),
            url: facts.link.clone(),
        }],
        sections: vec![Section {
            heading: words.fill("common.contact_heading"),
            facts: Vec::new(),
            paragraphs: vec![words.fill("common.contact")],
            links: Vec::new(),
        }],
        footer: Vec::new(),
    };
    let subject = layout.title.clone();
    // The layouts are compiled in and tested; should one fail, the words still go out plain.
    let plain = || layout.paragraphs.join("\n\n") + "\n\n" + &facts.link;
    let text = templates::render(TEXT_LAYOUT, &layout).unwrap_or_else(|_| plain());
    let html = templates::render(HTML_LAYOUT, &layout).unwrap_or_else(|_| plain());
    ComposedEmail {
        subject,
        text,
        html,
        calendar: None,
    }
}

pub fn sms_text(kind: WaitlistMessage, facts: &WaitlistFacts) -> String {
    let words = Words::new(facts);
    match kind {
        WaitlistMessage::Joined => words.fill("waitlist.sms.joined"),
        WaitlistMessage::Offer => words.fill("waitlist.sms.offer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts(language: Language) -> WaitlistFacts {
        WaitlistFacts {
            language,
            greeting_name: "Ana".into(),
            clinic_name: "Riverside Family Clinic".into(),
            clinic_phone: "+1 212 555 0142".into(),
            zone: "America/New_York".parse().unwrap(),
            service_name: "Physiotherapy session".into(),
            link: "https://book.example.org/waitlist/abc".into(),
            offer: Some(OfferFacts {
                start: Utc.with_ymd_and_hms(2026, 12, 5, 15, 45, 0).unwrap(),
                practitioner_name: "Jordan Lee".into(),
                hold_until: Utc.with_ymd_and_hms(2026, 12, 1, 12, 15, 0).unwrap(),
                hold_minutes: 15,
            }),
        }
    }

    #[test]
    fn an_offer_says_when_with_whom_until_when_and_links_the_entry() {
        let email = compose_email(WaitlistMessage::Offer, &facts(Language::En));
        assert!(
            email.subject.contains("Saturday, December 5"),
            "{}",
            email.subject
        );
        // The HTML part escapes the link's slashes inside its href; read it as a browser would.
        let html = email.html.replace("&#x2f;", "/");
        for part in [&email.text, &html] {
            assert!(part.contains("Hello Ana"), "{part}");
            assert!(part.contains("10:45 AM"), "{part}");
            assert!(part.contains("Jordan Lee"), "{part}");
            assert!(
                part.contains("7:15 AM"),
                "held until, in the clinic's zone: {part}"
            );
            assert!(part.contains("15 minutes"), "{part}");
            assert!(
                part.contains("https://book.example.org/waitlist/abc"),
                "{part}"
            );
        }
        let sms = sms_text(WaitlistMessage::Offer, &facts(Language::En));
        assert!(
            sms.contains("7:15 AM") && sms.contains("/waitlist/abc"),
            "{sms}"
        );
        assert!(
            !sms.contains("Physiotherapy"),
            "no health information by text: {sms}"
        );
    }

    #[test]
    fn a_spanish_patient_reads_spanish_and_every_placeholder_is_filled() {
        for language in [Language::En, Language::Es] {
            for kind in [WaitlistMessage::Joined, WaitlistMessage::Offer] {
                let email = compose_email(kind, &facts(language));
                let sms = sms_text(kind, &facts(language));
                for text in [&email.subject, &email.text, &email.html, &sms] {
                    assert!(!text.contains('{'), "{language:?} {kind:?}: {text}");
                }
            }
        }
        let email = compose_email(WaitlistMessage::Offer, &facts(Language::Es));
        assert!(
            email.text.contains("reservado para usted"),
            "{}",
            email.text
        );
        assert!(email.html.contains("lang=\"es\""));
    }
}
