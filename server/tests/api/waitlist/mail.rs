//! The offer reaches the patient: through a real SMTP server, in their language and by their
//! preferred name, with the one link (`/waitlist/{token}`) that books the held time.

use super::*;
use crate::mail_sink::{MailSink, WAIT};
use app::wire::waitlist::WaitlistStatus;

/// The first link in a text body to this server's waitlist page, as the patient would tap it.
fn waitlist_link(text: &str) -> String {
    let start = text.find("/waitlist/").expect("a waitlist link");
    let begin = text[..start].rfind("http").expect("an absolute link");
    let end = text[start..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == ')')
        .map_or(text.len(), |end| start + end);
    text[begin..end].to_string()
}

#[tokio::test]
async fn the_offer_is_mailed_with_the_link_that_books_the_held_time() {
    let sink = MailSink::start().await;
    let scene = full_saturday(spawn_app_with_smtp(&sink.url()).await).await;
    let mut request = join_request(scene.physio, "Ana Ortiz", "ana.waits@example.org");
    request.contact.preferred_name = Some("Anita".into());
    request.contact.language = Language::Es;
    let entry = scene.join(&request).await;
    let is_for_ana = |mail: &crate::mail_sink::Mail| {
        mail.rcpt_tos.iter().any(|to| to == "ana.waits@example.org")
    };
    let joined = sink.wait_for(is_for_ana, WAIT).await;
    let joined_subject = joined.subject.clone().unwrap_or_default();
    assert!(
        joined_subject.contains("lista de espera"),
        "in Spanish: {joined_subject}"
    );

    scene.cancel(&scene.visits[0]).await;
    let offer = sink
        .wait_for(
            |mail| is_for_ana(mail) && mail.subject != joined.subject,
            WAIT,
        )
        .await;
    let text = offer.text.as_deref().expect("a text part");
    assert!(text.contains("Anita"), "by the preferred name: {text}");
    assert!(!text.contains("Ortiz"), "never the full name: {text}");
    let link = waitlist_link(text);
    // `Settings::for_tests` sets the public address to http://127.0.0.1.
    assert_eq!(
        link,
        format!("http://127.0.0.1/waitlist/{}", entry.token),
        "the patient's own link, at the server's public address"
    );
    // The HTML part escapes slashes as `&#x2f;`.
    let html = offer
        .html
        .as_deref()
        .unwrap_or_default()
        .replace("&#x2f;", "/");
    assert!(html.contains(&link), "{html}");

    // The link's page is the entry, holding the freed time; taking it books that time.
    let token = link.rsplit('/').next().unwrap();
    let held = scene.entry(token).await;
    assert_eq!(held.status, WaitlistStatus::Offered);
    let response = scene.answer(token, "take").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let visit: Appointment = response.json().await.unwrap();
    assert_eq!(visit.start, scene.visits[0].start);
    assert_eq!(visit.patient.language, Language::Es);
}
