//! What a patient would notice in every message: filled in, in their language, escaped, no
//! health information by SMS, calendar files their calendar app understands, and the hour
//! their clinic's clock will show.

use super::invite::organizer_address;
use super::templates::{catalog, placeholders, Catalog, Entry};
use super::time_text::describe;
use super::{compose_email, sms_text, MessageFacts, VisitLinks};
use crate::domain::messages::VisitNow;
use app::wire::messages::MessageKind;
use app::wire::{Language, ServiceKind};
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;

const SERVICE: &str = "Diabetes check-up";
const PRACTITIONER: &str = "Dr. Amara Okafor";
const PREPARATION: &str = "Bring your **glucose meter**.\n\n<script>alert('prep')</script>";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn facts(language: Language) -> MessageFacts {
    // Tuesday 2026-12-08 09:30 in New York (EST, UTC-5).
    let start = Utc.with_ymd_and_hms(2026, 12, 8, 14, 30, 0).unwrap();
    MessageFacts {
        appointment_id: 7,
        clinic_name: "Riverside Family Clinic".into(),
        clinic_phone: "+1 212 555 0100".into(),
        clinic_address: "120 Hudson Street, New York, NY 10013".into(),
        time_zone: chrono_tz::America::New_York,
        language,
        greeting_name: "Ana".into(),
        email: Some("ana@example.com".into()),
        phone: Some("+12125550123".into()),
        service_name: SERVICE.into(),
        service_kind: ServiceKind::InPerson,
        practitioner_name: PRACTITIONER.into(),
        start,
        end: start + Duration::minutes(20),
        preparation_md: PREPARATION.into(),
        calendar_uid: "visit-7@carebook.test".into(),
        links: VisitLinks::new("https://care.example/", "tok3n"),
        video_url: None,
        visit: VisitNow {
            start,
            sequence: 0,
            cancelled: false,
            erased: false,
            completed: false,
            survey_answered: false,
        },
    }
}

fn every_message() -> impl Iterator<Item = (MessageKind, Language)> {
    MessageKind::ALL
        .into_iter()
        .flat_map(|kind| Language::ALL.into_iter().map(move |lang| (kind, lang)))
}

#[test]
fn every_kind_in_every_language_is_filled_in() {
    for (kind, lang) in every_message() {
        let facts = facts(lang);
        let mail = compose_email(kind, &facts, 0, now());
        for (part, body) in [
            ("subject", &mail.subject),
            ("text", &mail.text),
            ("html", &mail.html),
        ] {
            assert!(!body.contains('{'), "{kind:?}/{lang:?} {part}: {body}");
            assert!(!body.contains('}'), "{kind:?}/{lang:?} {part}: {body}");
            assert!(
                body.contains("Riverside Family Clinic"),
                "{kind:?}/{lang:?} {part}"
            );
        }
        for body in [&mail.text, &mail.html] {
            assert!(body.contains("Ana"), "{kind:?}/{lang:?} greets by name");
            assert!(body.contains("+1 212 555 0100"), "{kind:?}/{lang:?} phone");
        }
        let sms = sms_text(kind, &facts);
        assert!(!sms.contains('{') && sms.contains("https://care.example/a/tok3n"));
    }
}

#[test]
fn english_and_spanish_have_the_same_keys_and_placeholders() {
    let (en, es) = (catalog(Language::En), catalog(Language::Es));
    let keys = |c: &Catalog| c.entries().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(en), keys(es));
    for (key, english) in en.entries() {
        match (english, &es.entries()[key]) {
            // The clock is the one choice a language makes: 12- or 24-hour.
            (Entry::Text(english), Entry::Text(spanish)) if key == "date.time" => {
                let offered = ["hour12", "hour24", "minute", "am_pm"];
                for used in placeholders(english)
                    .into_iter()
                    .chain(placeholders(spanish))
                {
                    assert!(offered.contains(&used), "{key}: {{{used}}}");
                }
            }
            (Entry::Text(english), Entry::Text(spanish)) => {
                let mut a = placeholders(english);
                let mut b = placeholders(spanish);
                a.sort_unstable();
                b.sort_unstable();
                assert_eq!(a, b, "{key}");
            }
            (Entry::List(english), Entry::List(spanish)) => {
                assert_eq!(english.len(), spanish.len(), "{key}")
            }
            _ => panic!("{key}: a text in one language and a list in the other"),
        }
    }
    assert_eq!(en.list("date.weekdays").len(), 7);
    assert_eq!(en.list("date.months").len(), 12);
}

#[test]
fn the_html_is_accessible_and_in_the_patients_language() {
    for (kind, lang) in every_message() {
        let html = compose_email(kind, &facts(lang), 0, now()).html;
        assert!(
            html.contains(&format!("<html lang=\"{}\">", lang.code())),
            "{kind:?}"
        );
        assert!(html.contains("<title>") && html.contains("max-width:600px"));
        assert_eq!(html.matches("<h1").count(), 1, "{kind:?}/{lang:?}: one h1");
        assert!(html.contains("<h2"), "{kind:?}/{lang:?}: real sections");
        assert!(!html.contains("<img"), "no images");
        let lower = html.to_lowercase();
        assert!(!lower.contains("click here") && !lower.contains(">here<"));
    }
}

#[test]
fn a_patients_name_stays_text_in_the_html() {
    let mut facts = facts(Language::En);
    facts.greeting_name = "<script>alert(1)</script>".into();
    facts.clinic_name = "A & B <b>Clinic</b>".into();
    let mail = compose_email(MessageKind::Confirmation, &facts, 0, now());
    assert!(!mail.html.contains("<script"), "{}", mail.html);
    assert!(!mail.html.contains("<b>"));
    assert!(mail
        .html
        .contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(mail.html.contains("A &amp; B"));
    // The text part is text: the name as the patient typed it.
    assert!(mail.text.contains("Hello <script>alert(1)</script>,"));
}

#[test]
fn the_preparation_is_sanitised_html_and_plain_words() {
    let mail = compose_email(MessageKind::Confirmation, &facts(Language::En), 0, now());
    assert!(mail.html.contains("<strong>glucose meter</strong>"));
    assert!(!mail.html.contains("<script>alert('prep')"));
    assert!(mail.text.contains("Bring your glucose meter."));
    assert!(!mail.text.contains("**"));
}

#[test]
fn a_confirmation_says_what_when_where_with_whom_and_links_the_visit() {
    let mail = compose_email(MessageKind::Confirmation, &facts(Language::En), 0, now());
    assert_eq!(
        mail.subject,
        "Booked: your visit at Riverside Family Clinic on Tuesday, December 8"
    );
    for expected in [
        SERVICE,
        PRACTITIONER,
        "Tuesday, December 8, 2026 at 9:30 AM (New York time)",
        "120 Hudson Street",
        "See or change your visit: https://care.example/a/tok3n",
    ] {
        assert!(mail.text.contains(expected), "{expected}\n{}", mail.text);
    }
    assert!(mail
        .html
        .contains("<a href=\"https:&#x2f;&#x2f;care.example&#x2f;a&#x2f;tok3n\""));
}

#[test]
fn a_telehealth_visit_points_to_the_visit_page_instead_of_an_address() {
    let mut facts = facts(Language::Es);
    facts.service_kind = ServiceKind::Telehealth;
    let mail = compose_email(MessageKind::Changed, &facts, 1, now());
    assert!(mail
        .text
        .contains("Visita por video: el enlace está en la página de su cita"));
    assert!(!mail.text.contains("120 Hudson Street"));
    assert!(mail.calendar.unwrap().contains("LOCATION:Visita por video"));
}

const ROOM_LINK: &str = "https://video.example.org/r00m-42";

#[test]
fn a_telehealth_visit_with_a_room_carries_the_join_link_where_the_calendar_wants_it() {
    for lang in Language::ALL {
        let mut facts = facts(lang);
        facts.service_kind = ServiceKind::Telehealth;
        facts.video_url = Some(ROOM_LINK.into());
        for kind in [
            MessageKind::Confirmation,
            MessageKind::Changed,
            MessageKind::Reminder,
        ] {
            let mail = compose_email(kind, &facts, 1, now());
            assert!(mail.text.contains(ROOM_LINK), "{kind:?}/{lang:?} text");
            // minijinja writes the link's slashes as `&#x2f;`; the room ends the href.
            assert!(mail.html.contains("r00m-42\""), "{kind:?}/{lang:?} html");
            assert!(!mail.text.contains("120 Hudson Street"));
            if let Some(calendar) = mail.calendar {
                let calendar = parsed_calendar(&calendar);
                let event = &calendar.events[0].properties;
                assert_eq!(value(event, "LOCATION"), ROOM_LINK, "{kind:?}/{lang:?}");
                assert!(value(event, "DESCRIPTION").contains(ROOM_LINK));
            }
        }
        let joins = match lang {
            Language::En => "Join the video visit (opens 15 minutes before the start)",
            Language::Es => "Entre a la visita por video (se abre 15 minutos antes de la hora)",
        };
        let mail = compose_email(MessageKind::Confirmation, &facts, 0, now());
        assert!(
            mail.text.contains(&format!("{joins}: {ROOM_LINK}")),
            "{}",
            mail.text
        );
        let cancelled = compose_email(MessageKind::Cancelled, &facts, 2, now());
        assert!(
            !cancelled.text.contains(ROOM_LINK),
            "a cancelled visit has no room"
        );
        assert!(!cancelled.calendar.unwrap().contains(ROOM_LINK));
    }
}

#[test]
fn a_spanish_patient_reads_spanish() {
    let mail = compose_email(MessageKind::Confirmation, &facts(Language::Es), 0, now());
    assert_eq!(
        mail.subject,
        "Reservada: su cita en Riverside Family Clinic el martes 8 de diciembre"
    );
    assert!(mail.text.contains("Hola, Ana:"));
    assert!(mail
        .text
        .contains("martes, 8 de diciembre de 2026, 9:30 (hora de Nueva York)"));
    assert!(mail.html.contains("Antes de su cita"));
}

#[test]
fn a_cancellation_says_cancelled_and_how_to_book_again() {
    let en = compose_email(MessageKind::Cancelled, &facts(Language::En), 3, now());
    assert!(en.subject.starts_with("Cancelled:"));
    assert!(en.text.contains("is cancelled"));
    assert!(en
        .text
        .contains("Book another visit at Riverside Family Clinic: https://care.example/a/tok3n"));
    let es = compose_email(MessageKind::Cancelled, &facts(Language::Es), 3, now());
    assert!(es.text.contains("está cancelada"));
}

#[test]
fn a_reminder_offers_both_one_tap_answers() {
    let mail = compose_email(MessageKind::Reminder, &facts(Language::En), 0, now());
    assert!(mail
        .text
        .contains("I'll be there: https://care.example/a/tok3n/coming"));
    assert!(mail
        .text
        .contains("I need to change it: https://care.example/a/tok3n#change"));
    assert!(mail.html.contains(">I&#x27;ll be there</a>"));
    assert!(mail.calendar.is_none(), "a reminder changes no calendar");
}

#[test]
fn the_instructions_message_links_them_and_never_quotes_them() {
    let mut facts = facts(Language::En);
    facts.preparation_md = "Take 500 mg twice a day".into();
    let mail = compose_email(MessageKind::Instructions, &facts, 0, now());
    assert_eq!(
        mail.subject,
        "Your care instructions from Riverside Family Clinic are ready"
    );
    assert!(mail
        .text
        .contains("Read your care instructions: https://care.example/a/tok3n"));
    for body in [&mail.text, &mail.html] {
        assert!(!body.contains("500 mg") && !body.contains(SERVICE));
        assert!(
            !body.contains("/survey"),
            "no survey before the visit is done"
        );
    }

    // Completed, unanswered, within the survey's window: the survey link comes along.
    facts.visit.completed = true;
    let after = facts.end + Duration::hours(3);
    let mail = compose_email(MessageKind::Instructions, &facts, 0, after);
    assert!(mail
        .text
        .contains("Answer the short survey: https://care.example/a/tok3n/survey"));
    facts.visit.survey_answered = true;
    let mail = compose_email(MessageKind::Instructions, &facts, 0, after);
    assert!(!mail.text.contains("/survey"), "already answered");
}

#[test]
fn the_survey_invitation_carries_the_survey_link() {
    let mail = compose_email(MessageKind::Survey, &facts(Language::Es), 0, now());
    assert!(mail
        .text
        .contains("Responda la breve encuesta: https://care.example/a/tok3n/survey"));
    assert!(mail.calendar.is_none());
}

#[test]
fn no_text_message_carries_health_information() {
    for (kind, lang) in every_message() {
        let sms = sms_text(kind, &facts(lang));
        for private in [SERVICE, PRACTITIONER, "Okafor", "glucose", "Ana"] {
            assert!(!sms.contains(private), "{kind:?}/{lang:?}: {sms}");
        }
        assert!(sms.contains("Riverside Family Clinic"));
    }
    assert_eq!(
        sms_text(MessageKind::Confirmation, &facts(Language::En)),
        "You have an appointment at Riverside Family Clinic on Tuesday, December 8, 2026 at \
         9:30 AM (New York time). Details: https://care.example/a/tok3n"
    );
    assert!(sms_text(MessageKind::Reminder, &facts(Language::Es))
        .contains("Allí estaré: https://care.example/a/tok3n/coming"));
}

fn parsed_calendar(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("a calendar").expect("it parses");
    assert!(calendars.next().is_none());
    assert_eq!(calendar.events.len(), 1);
    calendar
}

fn value(properties: &[ical::property::Property], name: &str) -> String {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn confirmations_and_changes_carry_a_calendar_request() {
    for (kind, sequence) in [(MessageKind::Confirmation, 0), (MessageKind::Changed, 1)] {
        let mail = compose_email(kind, &facts(Language::En), sequence, now());
        let calendar = parsed_calendar(&mail.calendar.expect("a calendar file"));
        assert_eq!(value(&calendar.properties, "METHOD"), "REQUEST");
        let event = &calendar.events[0].properties;
        assert_eq!(value(event, "UID"), "visit-7@carebook.test");
        assert_eq!(value(event, "SEQUENCE"), sequence.to_string());
        assert_eq!(value(event, "STATUS"), "CONFIRMED");
        assert_eq!(value(event, "DTSTART"), "20261208T143000Z");
        assert_eq!(value(event, "ORGANIZER"), "mailto:no-reply@care.example");
        assert_eq!(value(event, "ATTENDEE"), "mailto:ana@example.com");
        assert!(value(event, "SUMMARY").contains(SERVICE));
    }
}

#[test]
fn a_cancellation_carries_a_calendar_cancel() {
    let mail = compose_email(MessageKind::Cancelled, &facts(Language::Es), 2, now());
    let calendar = parsed_calendar(&mail.calendar.expect("a calendar file"));
    assert_eq!(value(&calendar.properties, "METHOD"), "CANCEL");
    let event = &calendar.events[0].properties;
    assert_eq!(value(event, "UID"), "visit-7@carebook.test");
    assert_eq!(value(event, "SEQUENCE"), "2");
    assert_eq!(value(event, "STATUS"), "CANCELLED");
}

#[test]
fn the_date_reads_in_the_clinic_zone_named_in_each_language() {
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 14, 30, 0).unwrap();
    let ny = chrono_tz::America::New_York;
    assert_eq!(
        describe(catalog(Language::En), ny, start).when,
        "Tuesday, December 1, 2026 at 9:30 AM (New York time)"
    );
    assert_eq!(
        describe(catalog(Language::Es), ny, start).when,
        "martes, 1 de diciembre de 2026, 9:30 (hora de Nueva York)"
    );
    // A zone without a table entry is named after its IANA city.
    let madrid: Tz = "America/Argentina/Buenos_Aires".parse().unwrap();
    assert!(describe(catalog(Language::En), madrid, start)
        .when
        .ends_with("(Buenos Aires time)"));
}

#[test]
fn visits_on_both_sides_of_daylight_saving_changes_show_the_local_hour() {
    let ny = chrono_tz::America::New_York;
    let cases = [
        // Sunday 2026-11-01, the fall-back morning: 09:00 EST is 14:00 UTC.
        (
            Utc.with_ymd_and_hms(2026, 11, 1, 14, 0, 0).unwrap(),
            "Sunday, November 1, 2026 at 9:00 AM",
            "domingo, 1 de noviembre de 2026, 9:00",
        ),
        // The day before, still on EDT: 09:00 is 13:00 UTC.
        (
            Utc.with_ymd_and_hms(2026, 10, 31, 13, 0, 0).unwrap(),
            "Saturday, October 31, 2026 at 9:00 AM",
            "sábado, 31 de octubre de 2026, 9:00",
        ),
        // Sunday 2026-03-08, the spring-forward morning: 09:00 EDT is 13:00 UTC.
        (
            Utc.with_ymd_and_hms(2026, 3, 8, 13, 0, 0).unwrap(),
            "Sunday, March 8, 2026 at 9:00 AM",
            "domingo, 8 de marzo de 2026, 9:00",
        ),
        // The afternoon before, on EST: 15:30 is 20:30 UTC.
        (
            Utc.with_ymd_and_hms(2026, 3, 7, 20, 30, 0).unwrap(),
            "Saturday, March 7, 2026 at 3:30 PM",
            "sábado, 7 de marzo de 2026, 15:30",
        ),
    ];
    for (instant, english, spanish) in cases {
        assert!(describe(catalog(Language::En), ny, instant)
            .when
            .starts_with(english));
        assert!(describe(catalog(Language::Es), ny, instant)
            .when
            .starts_with(spanish));
    }
}

#[test]
fn the_organizer_is_a_no_reply_address_on_the_public_host() {
    assert_eq!(
        organizer_address("https://care.example/a/x"),
        "no-reply@care.example"
    );
    assert_eq!(
        organizer_address("http://127.0.0.1:8080/a/x"),
        "no-reply@127.0.0.1"
    );
    assert_eq!(organizer_address("http://[::1]:8080/a/x"), "no-reply@[::1]");
}
