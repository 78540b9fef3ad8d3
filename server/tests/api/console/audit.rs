//! Reading the audit log (admins): who opened or changed which record, newest first, filtered
//! and paged, with ids only — never a patient's name or contact details.

use super::authorization::{get, staff_id};
use super::*;
use crate::helpers::*;
use app::wire::console::{AuditEntry, AuditPage};
use chrono::{Duration, TimeZone, Utc};
use reqwest::StatusCode;

async fn audit_page(app: &TestApp, cookie: &str, query: &str) -> AuditPage {
    let response = get(app, cookie, &format!("/api/console/audit{query}")).await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.unwrap()
}

fn kinds(entries: &[AuditEntry]) -> Vec<(String, String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e.staff_name.clone(),
                e.action.clone(),
                e.record_type.clone(),
            )
        })
        .collect()
}

async fn audit_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_log_names_who_read_what_and_holds_no_patient_details() {
    let app = console_app().await;
    let visit = monday_visit(&app).await; // Dana Whitfield, "Dee", patient@example.org
    let patient_id: i64 = sqlx::query_scalar("SELECT patient_id FROM appointments WHERE id = $1")
        .bind(visit)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let desk = sign_in(&app, DESK).await;
    let doctor = sign_in(&app, DOCTOR).await;
    day(&app, &desk, "2026-12-07").await;
    get(&app, &desk, "/api/console/patients?q=Whitfield").await;
    get(&app, &desk, &format!("/api/console/patients/{patient_id}")).await;
    get(&app, &desk, "/api/console/week?start=2026-12-07").await;
    day(&app, &doctor, "2026-12-07").await;

    let admin = sign_in(&app, ADMIN).await;
    let before = audit_count(&app).await;
    let response = get(&app, &admin, "/api/console/audit").await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert_eq!(
        audit_count(&app).await,
        before,
        "reading the log is not itself logged"
    );
    for detail in ["Dana", "Whitfield", "patient@example.org", "Dee\""] {
        assert!(
            !text.contains(detail),
            "{detail} is in the audit log: {text}"
        );
    }
    let page: AuditPage = serde_json::from_str(&text).unwrap();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        kinds(&page.entries),
        [
            s("Dr. Amara Okafor", "view", "day_schedule"),
            s("Frankie Desk", "view", "week_schedule"),
            s("Frankie Desk", "view", "patient"),
            s("Frankie Desk", "search", "patient"),
            s("Frankie Desk", "view", "day_schedule"),
        ],
        "newest first"
    );
    assert_eq!(page.entries[2].record_id, patient_id.to_string());
    assert_eq!(page.entries[4].record_id, "2026-12-07");
    assert_eq!(page.entries[0].staff_id, staff_id(&app, DOCTOR).await);
    assert!(page
        .entries
        .iter()
        .all(|e| e.at == app.now && !e.address.is_empty()));
    assert_eq!(page.next_before, None);

    assert_eq!(
        get(&app, &desk, "/api/console/audit").await.status(),
        StatusCode::FORBIDDEN,
        "admins only"
    );
}

#[tokio::test]
async fn filters_narrow_by_person_action_record_and_clinic_local_dates() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    day(&app, &desk, "2026-12-07").await; // Tuesday 1 December, 07:00 in New York
    get(&app, &desk, "/api/console/patients?q=Sample").await;
    let doctor = sign_in(&app, DOCTOR).await;
    day(&app, &doctor, "2026-12-07").await;
    // 22:00 in New York on 1 December is already 2 December in UTC.
    app.clock
        .advance(Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap() - app.now);
    let desk = sign_in(&app, DESK).await;
    day(&app, &desk, "2026-12-08").await;
    app.clock.advance(Duration::hours(12)); // 15:00 UTC, 10:00 in New York on 2 December
    let desk = sign_in(&app, DESK).await;
    day(&app, &desk, "2026-12-09").await;

    let admin = sign_in(&app, ADMIN).await;
    let desk_id = staff_id(&app, DESK).await;
    let by_desk = audit_page(&app, &admin, &format!("?staff_id={desk_id}")).await;
    assert_eq!(by_desk.entries.len(), 4);
    assert!(by_desk
        .entries
        .iter()
        .all(|e| e.staff_name == "Frankie Desk"));

    let searches = audit_page(&app, &admin, "?action=search").await;
    assert_eq!(searches.entries.len(), 1);
    assert_eq!(searches.entries[0].record_type, "patient");

    let days = audit_page(&app, &admin, "?record_type=day_schedule").await;
    assert_eq!(days.entries.len(), 4);
    let ids = |page: &AuditPage| {
        page.entries
            .iter()
            .map(|e| e.record_id.clone())
            .collect::<Vec<_>>()
    };

    let first = audit_page(
        &app,
        &admin,
        "?from=2026-12-01&to=2026-12-01&record_type=day_schedule",
    )
    .await;
    assert_eq!(
        ids(&first),
        ["2026-12-08", "2026-12-07", "2026-12-07"],
        "the 22:00 read belongs to 1 December in the clinic"
    );
    let second = audit_page(&app, &admin, "?from=2026-12-02").await;
    assert_eq!(ids(&second), ["2026-12-09"]);
    let until_first = audit_page(
        &app,
        &admin,
        &format!("?to=2026-12-01&staff_id={desk_id}&action=view"),
    )
    .await;
    assert_eq!(ids(&until_first), ["2026-12-08", "2026-12-07"]);
    let nobody = audit_page(&app, &admin, "?action=cancel").await;
    assert!(nobody.entries.is_empty() && nobody.next_before.is_none());

    for (query, field, reason) in [
        ("?staff_id=abc", "staff_id", "invalid"),
        ("?action=DROP%20TABLE", "action", "invalid"),
        ("?record_type=day-schedule", "record_type", "invalid"),
        ("?from=yesterday", "from", "invalid"),
        ("?to=2026-13-01", "to", "invalid"),
        ("?from=2026-12-02&to=2026-12-01", "to", "before_from"),
        ("?before=-5", "before", "invalid"),
    ] {
        let response = get(&app, &admin, &format!("/api/console/audit{query}")).await;
        let (status, body) = error_code(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(body["fields"][field], reason, "{query}");
    }
}

#[tokio::test]
async fn pages_of_a_hundred_go_back_with_before() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    for _ in 0..130 {
        assert_eq!(
            day(&app, &desk, "2026-12-07").await.status(),
            StatusCode::OK
        );
    }
    let admin = sign_in(&app, ADMIN).await;
    let newest = audit_page(&app, &admin, "").await;
    assert_eq!(newest.entries.len(), 100);
    let before = newest.next_before.expect("older entries remain");
    assert_eq!(before, newest.entries[99].id);
    let older = audit_page(&app, &admin, &format!("?before={before}")).await;
    assert_eq!(older.entries.len(), 30);
    assert_eq!(older.next_before, None, "the end");

    let all: Vec<i64> = newest
        .entries
        .iter()
        .chain(&older.entries)
        .map(|e| e.id)
        .collect();
    assert!(
        all.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats"
    );
    assert_eq!(all.len(), 130);
}

#[tokio::test]
async fn another_clinics_admin_sees_none_of_this_clinics_log() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    day(&app, &desk, "2026-12-07").await;
    let outsider = other_clinic_admin(&app).await;
    let page = audit_page(&app, &outsider, "").await;
    assert!(page.entries.is_empty(), "{:?}", page.entries);
    let desk_id = staff_id(&app, DESK).await;
    let filtered = audit_page(&app, &outsider, &format!("?staff_id={desk_id}")).await;
    assert!(filtered.entries.is_empty());

    let admin = sign_in(&app, ADMIN).await;
    assert_eq!(audit_page(&app, &admin, "").await.entries.len(), 1);
}
