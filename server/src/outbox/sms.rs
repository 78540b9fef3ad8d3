//! SMS behind a trait, so a real provider (an HTTP API) can be added without touching the
//! worker. The one implementation here is for development: `LogFileSms`.

use super::SendError;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use tokio::io::AsyncWriteExt;

/// Sends one text to a number already in E.164 (`+16175550134`).
pub trait SmsSender: Send + Sync {
    fn send<'a>(
        &'a self,
        to_e164: &'a str,
        text: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;
}

/// The development "SMS provider": every text is appended to a file (`--sms-log`) as one JSON
/// line `{"at": "…", "to": "+1…", "text": "…"}` instead of reaching a phone. This file is
/// the provider's outbox, a stand-in for a phone: it holds what patients would read, so it
/// is not the application log (which never holds patient data) and should be treated like
/// the database.
pub struct LogFileSms {
    pub path: PathBuf,
}

impl SmsSender for LogFileSms {
    fn send<'a>(
        &'a self,
        to_e164: &'a str,
        text: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>> {
        Box::pin(async move {
            let mut line = serde_json::json!({
                "at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "to": to_e164,
                "text": text,
            })
            .to_string();
            line.push('\n');
            let file = tokio::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .await;
            // One write of the whole line in append mode: lines of two processes sharing the
            // file do not interleave.
            let written = match file {
                Ok(mut file) => match file.write_all(line.as_bytes()).await {
                    Ok(()) => file.flush().await,
                    Err(error) => Err(error),
                },
                Err(error) => Err(error),
            };
            written.map_err(|_| SendError::Temporary("sms_log_unwritable"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_text_is_one_json_line() {
        let dir = tempfile::tempdir().unwrap();
        let sms = LogFileSms {
            path: dir.path().join("sms.jsonl"),
        };
        sms.send("+16175550134", "You have an appointment")
            .await
            .unwrap();
        sms.send("+34612345678", "Otra \"cita\"\nmañana")
            .await
            .unwrap();
        let log = std::fs::read_to_string(&sms.path).unwrap();
        let lines: Vec<serde_json::Value> = log
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["to"], "+16175550134");
        assert_eq!(lines[1]["text"], "Otra \"cita\"\nmañana");
        assert!(lines[1]["at"].as_str().unwrap().ends_with('Z'));
    }
}
