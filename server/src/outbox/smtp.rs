//! E-mail over SMTP (lettre): building the MIME message the patient receives and handing it
//! to the mail server named by `--smtp-url`.

use super::SendError;
use crate::messages::ComposedEmail;
use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Longest a connection or one SMTP command may take. Well inside the outbox lease (300 s by
/// default), so a send that hangs ends as a retry before another process may take it over.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The calendar file's name in the mail.
pub const CALENDAR_FILE: &str = "invite.ics";

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The host of the public URL: the right-hand side of each Message-ID.
    id_host: String,
}

impl SmtpMailer {
    /// `smtp_url`: `smtp://host:port` (plain), `smtp://…:587?tls=required` (STARTTLS) or
    /// `smtps://…` (TLS), with optional `user:password@`.
    pub fn new(smtp_url: &str, mail_from: &str, public_url: &str) -> anyhow::Result<SmtpMailer> {
        // lettre's error does not repeat the URL, which may hold a password.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .context("--smtp-url / SMTP_URL is not a usable smtp:// or smtps:// URL")?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = mail_from
            .parse::<Mailbox>()
            .context("--mail-from is not an address like `Clinic <no-reply@example.org>`")?;
        Ok(SmtpMailer {
            transport,
            from,
            id_host: message_id_host(public_url),
        })
    }

    /// The mail for outbox message `outbox_id`; `InvalidAddress` if the patient's address
    /// cannot be used.
    pub fn build(
        &self,
        outbox_id: i64,
        to_name: &str,
        to_address: &str,
        email: &ComposedEmail,
    ) -> Result<Message, SendError> {
        build_message(
            &self.from,
            &self.id_host,
            outbox_id,
            to_name,
            to_address,
            email,
        )
    }

    /// The mail for waitlist message `waitlist_id` (`db::waitlist_outbox`).
    pub fn build_waitlist(
        &self,
        waitlist_id: i64,
        to_name: &str,
        to_address: &str,
        email: &ComposedEmail,
    ) -> Result<Message, SendError> {
        let id = format!("<waitlist-{waitlist_id}@{}>", self.id_host);
        build_message_with_id(&self.from, id, to_name, to_address, email)
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) => Err(classify(&error)),
        }
    }
}

/// Temporary (try again later) or permanent (give up), from what went wrong. The server's own
/// words are not kept: they may repeat the patient's address.
fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    if error.is_permanent() {
        SendError::Permanent("rejected")
    } else if error.is_transient() {
        // 4xx: the server is there but asks us to come back later.
        SendError::Temporary("smtp_deferred")
    } else {
        // Connection refused or reset, timeouts, TLS trouble: the server (or the way to it)
        // is not working right now.
        SendError::Temporary("smtp_unavailable")
    }
}

/// `Message-ID: <outbox-{id}@{host}>`: the same for every try of one outbox message, so a
/// message sent twice (a crash between the send and its record, see README) is recognisable
/// as one.
pub fn message_id(outbox_id: i64, host: &str) -> String {
    format!("<outbox-{outbox_id}@{host}>")
}

/// The host part of the public URL (`https://book.clinic.org:8443/x` → `book.clinic.org`).
pub fn message_id_host(public_url: &str) -> String {
    let after_scheme = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(bracketed) = host_port.strip_prefix('[') {
        // An IPv6 address: a domain literal, as in `<outbox-1@[::1]>`.
        let ip = bracketed.split(']').next().unwrap_or_default();
        if !ip.is_empty()
            && ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
        {
            return format!("[{ip}]");
        }
        return "carebook.invalid".to_string();
    }
    let host: String = host_port
        .split(':')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    if host.is_empty() {
        "carebook.invalid".to_string()
    } else {
        host
    }
}

/// The calendar file's METHOD (`REQUEST`, `CANCEL`), read from the file itself so the MIME
/// type always says what the file says.
pub fn calendar_method(ics: &str) -> &str {
    ics.lines()
        .find_map(|line| line.trim_end().strip_prefix("METHOD:"))
        .map(str::trim)
        .filter(|method| !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic()))
        .unwrap_or("PUBLISH")
}

/// multipart/mixed: multipart/alternative (text/plain, text/html), plus `invite.ics` as
/// `text/calendar; method=…` when the message changes the patient's calendar.
pub fn build_message(
    from: &Mailbox,
    id_host: &str,
    outbox_id: i64,
    to_name: &str,
    to_address: &str,
    email: &ComposedEmail,
) -> Result<Message, SendError> {
    let id = message_id(outbox_id, id_host);
    build_message_with_id(from, id, to_name, to_address, email)
}

/// `build_message` with a Message-ID of the caller's (the waitlist's messages have their
/// own table, so their own ids: `<waitlist-{id}@{host}>`).
pub fn build_message_with_id(
    from: &Mailbox,
    message_id: String,
    to_name: &str,
    to_address: &str,
    email: &ComposedEmail,
) -> Result<Message, SendError> {
    let address = to_address
        .trim()
        .parse::<Address>()
        .map_err(|_| SendError::Permanent("invalid_address"))?;
    let name = to_name.trim();
    let to = Mailbox::new((!name.is_empty()).then(|| name.to_string()), address);
    let mut body = MultiPart::mixed().multipart(MultiPart::alternative_plain_html(
        email.text.clone(),
        email.html.clone(),
    ));
    if let Some(ics) = &email.calendar {
        let content_type = ContentType::parse(&format!(
            "text/calendar; method={}; charset=UTF-8",
            calendar_method(ics)
        ))
        .map_err(|_| SendError::Permanent("bad_calendar"))?;
        body = body
            .singlepart(Attachment::new(CALENDAR_FILE.to_string()).body(ics.clone(), content_type));
    }
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id))
        .date_now()
        .multipart(body)
        // Only a header lettre cannot encode gets here (e.g. a line break in the subject).
        .map_err(|_| SendError::Permanent("unbuildable"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn composed(calendar: Option<&str>) -> ComposedEmail {
        ComposedEmail {
            subject: "Your visit at Riverside".into(),
            text: "Hello Ana".into(),
            html: "<!doctype html><html lang=\"en\"><body><h1>Hello Ana</h1></body></html>".into(),
            calendar: calendar.map(str::to_string),
        }
    }

    fn rendered(email: &ComposedEmail, to: &str) -> String {
        let from: Mailbox = "Riverside <no-reply@clinic.test>".parse().unwrap();
        let message = build_message(&from, "book.clinic.test", 42, "Ana", to, email).unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn a_mail_names_its_outbox_row_and_carries_text_and_html() {
        let mail = rendered(&composed(None), "ana@example.org");
        assert!(
            mail.contains("Message-ID: <outbox-42@book.clinic.test>"),
            "{mail}"
        );
        assert!(mail.contains("To: Ana <ana@example.org>"), "{mail}");
        assert!(
            mail.contains("From: Riverside <no-reply@clinic.test>"),
            "{mail}"
        );
        assert!(mail.contains("Subject: Your visit at Riverside"), "{mail}");
        assert!(mail.contains("Date: "), "{mail}");
        assert!(mail.contains("Content-Type: multipart/mixed"), "{mail}");
        assert!(
            mail.contains("Content-Type: multipart/alternative"),
            "{mail}"
        );
        assert!(
            mail.contains("Content-Type: text/plain; charset=utf-8"),
            "{mail}"
        );
        assert!(
            mail.contains("Content-Type: text/html; charset=utf-8"),
            "{mail}"
        );
        assert!(
            !mail.contains("text/calendar"),
            "no calendar asked for: {mail}"
        );
    }

    #[test]
    fn the_calendar_file_is_attached_with_the_method_it_states() {
        let request = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
        let mail = rendered(&composed(Some(request)), "ana@example.org");
        assert!(
            mail.contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8"),
            "{mail}"
        );
        assert!(mail.contains("filename=\"invite.ics\""), "{mail}");

        let cancel = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
        let mail = rendered(&composed(Some(cancel)), "ana@example.org");
        assert!(mail.contains("text/calendar; method=CANCEL"), "{mail}");
    }

    #[test]
    fn an_unusable_address_is_a_permanent_failure() {
        let from: Mailbox = "no-reply@clinic.test".parse().unwrap();
        for bad in ["", "not an address", "ana@", "@example.org"] {
            let built = build_message(&from, "h", 1, "Ana", bad, &composed(None));
            assert!(
                matches!(built, Err(SendError::Permanent("invalid_address"))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_message_id_host_comes_from_the_public_url() {
        assert_eq!(
            message_id_host("https://book.clinic.org:8443/x"),
            "book.clinic.org"
        );
        assert_eq!(message_id_host("http://127.0.0.1"), "127.0.0.1");
        assert_eq!(message_id_host("http://user@[::1]:3000/"), "[::1]");
        assert_eq!(message_id_host(""), "carebook.invalid");
        assert_eq!(message_id(7, "a.test"), "<outbox-7@a.test>");
    }
}
