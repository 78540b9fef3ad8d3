//! SIGTERM (what an orchestrator sends before it stops a server): the real `carebook` process
//! stops taking connections, finishes the request it is in the middle of, and exits with 0.

use crate::helpers::TestDatabase;
use crate::server_process::start;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long the test waits for the process to act before calling it stuck (generous: the
/// machine may be busy; nothing is asserted about how fast it is).
const PATIENCE: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight_then_exits_cleanly() {
    let database = TestDatabase::new().await;
    let mut server = start("demo", &database.url).await;
    let address = server.base.trim_start_matches("http://").to_string();

    // A booking request is on its way: headers sent, the body half-written, so the handler is
    // waiting for the rest of it when the signal comes.
    let body = br#"{"service_id": 1, "start": "2026-12-07T15:00:00Z", "patient": {}}"#;
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut in_flight = TcpStream::connect(&address).unwrap();
    in_flight.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        in_flight,
        "POST /api/clinics/demo/appointments HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    in_flight.write_all(first_half).unwrap();
    in_flight.flush().unwrap();
    // The server has the headers once it answers another request after them on this runtime.
    let health = reqwest::get(format!("{}/api/health", server.base))
        .await
        .unwrap();
    assert!(health.status().is_success());

    let pid = server.child.id().to_string();
    let signalled = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(signalled.success());

    // New connections are refused once the server has begun shutting down.
    let deadline = Instant::now() + PATIENCE;
    while TcpStream::connect(&address).is_ok() {
        assert!(Instant::now() < deadline, "still accepting after SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the process waits for the request in flight"
    );

    // The rest of the body: the request completes with its full answer.
    in_flight.write_all(second_half).unwrap();
    let mut response = Vec::new();
    let mut chunk = [0u8; 4096];
    let (head, answer) = loop {
        let read = in_flight.read(&mut chunk).unwrap();
        assert!(
            read > 0,
            "connection closed before the full answer: {response:?}"
        );
        response.extend_from_slice(&chunk[..read]);
        let text = String::from_utf8_lossy(&response).to_string();
        if let Some((head, rest)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(str::to_string)
                })
                .expect("a sized answer")
                .trim()
                .parse()
                .unwrap();
            if rest.len() >= length {
                break (head.to_string(), rest[..length].to_string());
            }
        }
    };
    assert!(head.starts_with("HTTP/1.1 422"), "{head}");
    let answer: serde_json::Value = serde_json::from_str(&answer).expect("a whole JSON answer");
    assert_eq!(answer["error"], "validation");

    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "did not exit after the last request"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0), "a clean exit");
}
