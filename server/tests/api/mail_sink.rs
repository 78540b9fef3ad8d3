//! A real SMTP server for tests: `.ci/mail-sink` (aiosmtpd), which keeps every message it
//! receives as a file and describes it in JSON, the calendar file parsed by Python's icalendar.
//!
//! ```ignore
//! let sink = MailSink::start().await;
//! let app = spawn_app_with_smtp(&sink).await;           // or Settings::smtp_url = sink.url()
//! … book …
//! let mail = sink.wait_for(|m| m.to_address() == "ana@example.org", WAIT).await;
//! assert_eq!(mail.calendar.unwrap().method.as_deref(), Some("REQUEST"));
//! ```
//!
//! Recipients at `@reject.test` are refused with 550. The sink stops when the `MailSink` is
//! dropped (its stdin closes), or with `stop()`; `restart()` brings it back on the same port.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// Long enough for a worker round and a first-time install of the sink's packages on a busy
/// machine; a test that waits this long has failed.
pub const WAIT: Duration = Duration::from_secs(30);

/// One received message, as `.ci/mail-sink` describes it.
// Everything the sink reports, for each message test to pick what it checks.
#[allow(dead_code)]
#[derive(Clone, Debug, Deserialize)]
pub struct Mail {
    /// The SMTP envelope.
    pub mail_from: Option<String>,
    pub rcpt_tos: Vec<String>,
    pub message_id: Option<String>,
    pub subject: Option<String>,
    /// The headers as written, e.g. `Ana <ana@example.org>`.
    pub to: Option<String>,
    pub from: Option<String>,
    /// The text/plain and text/html bodies.
    pub text: Option<String>,
    pub html: Option<String>,
    pub attachments: Vec<MailAttachment>,
    /// The first text/calendar part, parsed by icalendar; `None` if there is none, or if it
    /// did not parse (then `calendar_error` says why).
    pub calendar: Option<MailCalendar>,
    pub calendar_error: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MailAttachment {
    pub filename: Option<String>,
    /// The whole Content-Type header, e.g. `text/calendar; method="REQUEST"; charset="utf-8"`.
    pub content_type: String,
}

/// The calendar's METHOD and its first VEVENT; times in ISO UTC (`2026-12-01T14:00:00Z`).
#[allow(dead_code)]
#[derive(Clone, Debug, Deserialize)]
pub struct MailCalendar {
    pub method: Option<String>,
    pub uid: Option<String>,
    pub sequence: Option<i64>,
    pub status: Option<String>,
    pub dtstart: Option<String>,
    pub dtend: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub organizer: Option<String>,
}

impl Mail {
    /// The outbox row this mail came from, read from `Message-ID: <outbox-{id}@host>`.
    pub fn outbox_id(&self) -> Option<i64> {
        let id = self.message_id.as_deref()?;
        id.strip_prefix("<outbox-")?.split('@').next()?.parse().ok()
    }
}

pub struct MailSink {
    child: Option<Child>,
    // Held open: the sink ends when it closes.
    stdin: Option<ChildStdin>,
    port: u16,
    dir: TempDir,
}

impl MailSink {
    /// Starts a sink on a free port.
    pub async fn start() -> MailSink {
        let dir = tempfile::tempdir().expect("temp dir for mails");
        let (child, stdin, port) = launch(dir.path(), 0).await;
        MailSink {
            child: Some(child),
            stdin: Some(stdin),
            port,
            dir,
        }
    }

    /// `smtp://127.0.0.1:PORT`, for `--smtp-url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server (mails received so far stay readable): a mail server that is down.
    pub fn stop(&mut self) {
        drop(self.stdin.take());
        if let Some(mut child) = self.child.take() {
            // It exits on end-of-input; a kill makes sure the port is free at once.
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, keeping what it received.
    pub async fn restart(&mut self) {
        self.stop();
        let (child, stdin, port) = launch(self.dir.path(), self.port).await;
        assert_eq!(port, self.port);
        self.child = Some(child);
        self.stdin = Some(stdin);
    }

    /// Every mail received so far, oldest first.
    pub fn all(&self) -> Vec<Mail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("mail folder")
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).expect("mail description");
                serde_json::from_str(&text)
                    .unwrap_or_else(|error| panic!("{}: {error}\n{text}", path.display()))
            })
            .collect()
    }

    /// The first mail that satisfies `wanted`, waiting up to `timeout` for it.
    pub async fn wait_for(&self, wanted: impl Fn(&Mail) -> bool, timeout: Duration) -> Mail {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(mail) = self.all().into_iter().find(|mail| wanted(mail)) {
                return mail;
            }
            if tokio::time::Instant::now() >= deadline {
                panic!(
                    "no such mail within {timeout:?}; received: {:#?}",
                    self.all()
                        .iter()
                        .map(|m| (&m.message_id, &m.subject, &m.rcpt_tos))
                        .collect::<Vec<_>>()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The repository's `.ci/mail-sink`.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(".ci")
        .join("mail-sink")
}

async fn launch(dir: &Path, port: u16) -> (Child, ChildStdin, u16) {
    let dir = dir.to_path_buf();
    // Reading the first line blocks; a blocking thread keeps the test's runtime free.
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new("bash")
            .arg(script())
            .args(["--port", &port.to_string(), "--dir"])
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("bash .ci/mail-sink starts");
        let stdin = child.stdin.take().expect("sink stdin");
        let stdout = child.stdout.take().expect("sink stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("sink says where it listens");
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|port| port.parse().ok());
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("mail sink did not start: {line:?}");
        };
        (child, stdin, port)
    })
    .await
    .expect("sink start")
}
