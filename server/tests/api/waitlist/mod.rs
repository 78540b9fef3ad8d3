//! The waitlist: joining, offers of freed time held in the database, taking, declining and
//! leaving, the sweep, the console's list and settings. Shared set-up here; tests by concern.
//!
//! The scene: Jordan Lee (physiotherapy, 60 minutes + 10 after) works Saturday mornings; the
//! clinic's horizon is cut to 5 days so the one Saturday in reach (5 December) is the only
//! time that suits the waiting patients, and it is booked full.

mod console;
mod erasure;
mod holds;
mod joining;
mod mail;
mod offers;

use crate::helpers::*;
use app::wire::waitlist::{PartOfDay, WaitlistContact, WaitlistEntry, WaitlistJoinRequest};
use app::wire::{Appointment, Language};
use reqwest::StatusCode;
use serde_json::Value;

pub const SATURDAY: (i32, u32, u32) = (2026, 12, 5);

pub struct Scene {
    pub app: TestApp,
    pub physio: i64,
    pub lee: i64,
    /// Saturday's visits, in time order.
    pub visits: Vec<Appointment>,
}

/// The demo clinic with Saturday 5 December booked full for physiotherapy.
pub async fn full_saturday(app: TestApp) -> Scene {
    sqlx::query("UPDATE clinics SET horizon_days = 5 WHERE slug = 'demo'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let physio = app.service_id("Physiotherapy session").await;
    let lee = app.practitioner_id("Jordan Lee").await;
    let saturday = date(SATURDAY.0, SATURDAY.1, SATURDAY.2);
    let mut visits = Vec::new();
    loop {
        let free = app.free_slots_on(physio, Some(lee), saturday).await;
        let Some(slot) = free.first() else { break };
        let name = format!("Saturday Patient {}", visits.len() + 1);
        visits.push(
            app.book_ok(&request(physio, Some(lee), slot.start, &name))
                .await,
        );
    }
    // The demo's own sample visits take the first hours; ours fill the rest of the morning.
    assert!(
        visits
            .first()
            .is_some_and(|v| v.local_time.as_str() < "12:00"),
        "a morning visit to cancel: {visits:?}"
    );
    Scene {
        app,
        physio,
        lee,
        visits,
    }
}

pub fn join_request(service_id: i64, name: &str, email: &str) -> WaitlistJoinRequest {
    WaitlistJoinRequest {
        service_id,
        practitioner_id: None,
        days: vec![5],
        parts_of_day: vec![PartOfDay::Morning],
        contact: WaitlistContact {
            name: name.into(),
            preferred_name: Some(name.split(' ').next().unwrap_or(name).into()),
            email: Some(email.into()),
            phone: None,
            language: Language::En,
            consent: true,
        },
    }
}

impl Scene {
    pub async fn join_raw(&self, body: &Value) -> reqwest::Response {
        self.app.post_json("/api/clinics/demo/waitlist", body).await
    }

    /// Joins and expects success.
    pub async fn join(&self, request: &WaitlistJoinRequest) -> WaitlistEntry {
        let response = self.join_raw(&serde_json::to_value(request).unwrap()).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{:?}",
            response.text().await
        );
        response.json().await.unwrap()
    }

    pub async fn entry(&self, token: &str) -> WaitlistEntry {
        let response = self
            .app
            .client
            .get(self.app.url(&format!("/api/waitlist/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// `take`, `decline` or `leave`.
    pub async fn answer(&self, token: &str, what: &str) -> reqwest::Response {
        self.app
            .post_json(&format!("/api/waitlist/{token}/{what}"), &Value::Null)
            .await
    }

    /// The patient cancels one of Saturday's visits online.
    pub async fn cancel(&self, visit: &Appointment) {
        let response = self
            .app
            .post_json(
                &format!("/api/appointments/{}/cancel", visit.token),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }

    /// Runs the periodic sweep now, as the server's worker does.
    pub async fn sweep(&self) {
        carebook::waitlist::sweep(&self.app.db, self.app.clock.now())
            .await
            .unwrap();
    }

    /// Messages queued for an entry: (kind, channel).
    pub async fn messages(&self, token: &str) -> Vec<(String, String)> {
        sqlx::query_as(
            "SELECT m.kind, m.channel FROM waitlist_outbox m
             JOIN waitlist_entries e ON e.id = m.entry_id
             WHERE e.token = $1 ORDER BY m.id",
        )
        .bind(token)
        .fetch_all(&self.app.db.pool)
        .await
        .unwrap()
    }
}
