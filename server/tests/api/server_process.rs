//! A real `carebook` process (the binary cargo built for these tests) on a free port, for the
//! tests that need several processes on one database, or a process that can be killed.

use app::wire::{AvailabilityResponse, Clinic, Slot};
use reqwest::StatusCode;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    /// `kill -9`: the process ends at once, mid-request, with no chance to clean up.
    pub fn kill_hard(&mut self) {
        // std's `Child::kill` sends SIGKILL on Unix.
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn start(subcommand: &str, database_url: &str) -> Server {
    start_logging_to(subcommand, database_url, Stdio::null()).await
}

async fn start_logging_to(subcommand: &str, database_url: &str, log: Stdio) -> Server {
    start_with_env(subcommand, database_url, log, &[]).await
}

/// Like `start_logging_to`, with these environment variables (e.g. another `RUST_LOG`).
pub async fn start_with_env(
    subcommand: &str,
    database_url: &str,
    log: Stdio,
    env: &[(&str, &str)],
) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args([
            subcommand,
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            database_url,
            "--dist",
            "/nonexistent",
        ])
        .env("RUST_LOG", "info")
        // These tests send bursts from one address, which per-address rate limits would refuse.
        .env("CAREBOOK_RATE_LIMITS", "off")
        .envs(env.iter().copied())
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .expect("carebook starts");
    // Owned at once, so the process is killed and reaped on every path, panics included.
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client
            .get(format!("{}/api/health", server.base))
            .send()
            .await
        {
            if response.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("carebook did not become healthy");
}

/// The 20-minute service and a free time for it one to three weeks out (the real clock runs here).
pub async fn free_follow_up_time(client: &reqwest::Client, base: &str) -> (i64, Slot) {
    let (service, slots) = free_follow_up_times(client, base).await;
    let slot = slots.first().expect("free times two weeks out").clone();
    (service, slot)
}

/// The 20-minute service and its free times one to three weeks out (the real clock runs here).
pub async fn free_follow_up_times(client: &reqwest::Client, base: &str) -> (i64, Vec<Slot>) {
    let clinic: Clinic = client
        .get(format!("{base}/api/clinics/demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let service = clinic
        .services
        .iter()
        .find(|s| s.duration_minutes == 20)
        .unwrap()
        .id;
    let today = chrono::Utc::now().date_naive();
    let availability: AvailabilityResponse = client
        .get(format!(
            "{base}/api/clinics/demo/availability?service_id={service}&from={}&to={}",
            today + chrono::Duration::days(7),
            today + chrono::Duration::days(20)
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (service, availability.slots)
}
