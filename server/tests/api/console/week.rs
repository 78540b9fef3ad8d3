//! The week overview: per practitioner and clinic-local day, whether they work, time off, and
//! how many visits are booked, cancelled or missed — counts, never patients.

use super::authorization::get;
use super::*;
use crate::helpers::*;
use app::wire::console::{PractitionerWeek, WeekDay, WeekOverview};
use carebook::db::appointments::NewAppointment;
use carebook::domain::availability::Interval;
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

async fn week(app: &TestApp, cookie: &str, start: &str) -> WeekOverview {
    let response = get(app, cookie, &format!("/api/console/week?start={start}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn row<'a>(overview: &'a WeekOverview, name: &str) -> &'a PractitionerWeek {
    overview
        .practitioners
        .iter()
        .find(|p| p.display_name == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

fn new_york(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::America::New_York
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

async fn id_of(app: &TestApp, token: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A visit with Dr. Okafor at a time no booking would offer (late at night), written the way
/// the booking path writes one, to test which local day it counts on.
async fn night_visit(app: &TestApp, start: DateTime<Utc>, seed: &str) {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let clinic_id: i64 = sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'demo'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let end = start + Duration::minutes(20);
    let patient = patient("Night Owl");
    let mut conn = app.db.pool.acquire().await.unwrap();
    carebook::db::appointments::insert(
        &mut conn,
        &NewAppointment {
            clinic_id,
            token: &format!("{seed:A<43}"),
            calendar_uid: &format!("{seed}@test"),
            service_id: service,
            practitioner_id: okafor,
            start,
            end,
            blocked: Interval { start, end },
            patient: &patient,
            demo_seed: None,
            now: app.now,
        },
    )
    .await
    .unwrap();
}

fn counts(day: &WeekDay) -> (u32, u32, u32, Option<&str>, Option<&str>) {
    (
        day.booked,
        day.cancelled,
        day.no_shows,
        day.first.as_deref(),
        day.last.as_deref(),
    )
}

#[tokio::test]
async fn booked_cancelled_and_missed_visits_count_on_their_own_days() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    monday_visit(&app).await; // Monday 7 December, 10:00
    let afternoon = app
        .book_ok(&request(
            service,
            Some(okafor),
            new_york(2026, 12, 7, 14, 30),
            "Late Lunch",
        ))
        .await;
    let cancelled = app
        .book_ok(&request(
            service,
            Some(okafor),
            new_york(2026, 12, 8, 10, 0),
            "Changed Mind",
        ))
        .await;
    let missed = app
        .book_ok(&request(
            service,
            Some(okafor),
            new_york(2026, 12, 9, 11, 0),
            "Never Came",
        ))
        .await;
    let desk = sign_in(&app, DESK).await;
    let cancel = post(
        &app,
        &desk,
        &format!(
            "/api/console/appointments/{}/cancel",
            id_of(&app, &cancelled.token).await
        ),
        json!({ "reason": "Patient called" }),
    )
    .await;
    assert_eq!(cancel.status(), StatusCode::OK);
    let no_show = post(
        &app,
        &desk,
        &format!(
            "/api/console/appointments/{}/attendance",
            id_of(&app, &missed.token).await
        ),
        json!({ "attendance": "no_show" }),
    )
    .await;
    assert_eq!(no_show.status(), StatusCode::OK);
    assert!(!afternoon.token.is_empty());

    // Any day of the week gives the week from its Monday.
    let overview = week(&app, &desk, "2026-12-10").await;
    assert_eq!(overview.start, date(2026, 12, 7));
    assert_eq!(overview.time_zone, "America/New_York");
    assert_eq!(overview.practitioners.len(), 3);
    let days = &row(&overview, "Dr. Amara Okafor").days;
    assert_eq!(
        days.iter().map(|d| d.date).collect::<Vec<_>>(),
        date(2026, 12, 7).iter_days().take(7).collect::<Vec<_>>()
    );
    assert_eq!(counts(&days[0]), (2, 0, 0, Some("10:00"), Some("14:30")));
    assert_eq!(counts(&days[1]), (0, 1, 0, None, None), "cancelled only");
    assert_eq!(
        counts(&days[2]),
        (1, 0, 1, Some("11:00"), Some("11:00")),
        "a no-show is still a booked visit, and counted as missed"
    );
    assert!(days[3..].iter().all(|d| counts(d) == (0, 0, 0, None, None)));
    assert!(row(&overview, "Dr. Luis Herrera")
        .days
        .iter()
        .all(|d| d.booked == 0));

    let audited: Vec<(String, i64)> = sqlx::query_as(
        "SELECT record_id, staff_id FROM audit_log WHERE action = 'view' AND record_type = 'week_schedule'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0, "2026-12-07");
}

#[tokio::test]
async fn this_week_shows_dr_herreras_leave_and_who_works_which_days() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let response = get(&app, &admin, "/api/console/week").await;
    assert_eq!(response.status(), StatusCode::OK);
    let overview: WeekOverview = response.json().await.unwrap();
    assert_eq!(
        overview.start,
        date(2026, 11, 30),
        "this week in the clinic's zone by default"
    );

    let herrera = &row(&overview, "Dr. Luis Herrera").days;
    let time_off: Vec<bool> = herrera.iter().map(|d| d.time_off).collect();
    let working: Vec<bool> = herrera.iter().map(|d| d.working).collect();
    // Away Thursday 3 to Saturday 5 December (leave ends at midnight before Sunday).
    assert_eq!(time_off, [false, false, false, true, true, true, false]);
    assert_eq!(working, [true, true, true, false, false, false, false]);

    let okafor = &row(&overview, "Dr. Amara Okafor").days;
    assert_eq!(
        okafor.iter().map(|d| d.working).collect::<Vec<_>>(),
        [true, true, true, true, true, false, false]
    );
    let lee = &row(&overview, "Jordan Lee").days;
    assert!(lee[5].working, "Jordan Lee works Saturday mornings");
    assert!(!lee[4].working && !lee[6].working);
    assert!(overview
        .practitioners
        .iter()
        .all(|p| !p.days[6].working && !p.days[6].time_off));
}

#[tokio::test]
async fn a_practitioner_sees_only_their_own_week_and_bad_dates_are_refused() {
    let app = console_app().await;
    let doctor = sign_in(&app, DOCTOR).await;
    let overview = week(&app, &doctor, "2026-12-07").await;
    assert_eq!(
        overview
            .practitioners
            .iter()
            .map(|p| p.display_name.as_str())
            .collect::<Vec<_>>(),
        ["Dr. Amara Okafor"]
    );
    for bad in ["someday", "2026-02-30", "07/12/2026", "99999-01-01"] {
        let response = get(&app, &doctor, &format!("/api/console/week?start={bad}")).await;
        let (status, body) = error_code(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(body["fields"]["start"], "invalid", "{bad}");
    }
}

#[tokio::test]
async fn weeks_across_daylight_saving_changes_have_seven_whole_days() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    // Sunday 14 March 2027 has 23 hours, Sunday 1 November 2026 has 25. A visit at 23:30 on
    // each is already the next day in UTC, and must stay on its Sunday.
    night_visit(&app, new_york(2027, 3, 14, 23, 30), "spring").await;
    night_visit(&app, new_york(2027, 3, 15, 0, 30), "monday").await;
    night_visit(&app, new_york(2026, 11, 1, 23, 30), "autumn").await;

    let spring = week(&app, &desk, "2027-03-14").await;
    assert_eq!(spring.start, date(2027, 3, 8));
    let okafor = &row(&spring, "Dr. Amara Okafor").days;
    assert_eq!(
        okafor.iter().map(|d| d.date).collect::<Vec<_>>(),
        date(2027, 3, 8).iter_days().take(7).collect::<Vec<_>>()
    );
    assert_eq!(counts(&okafor[6]), (1, 0, 0, Some("23:30"), Some("23:30")));
    assert!(okafor[..6].iter().all(|d| d.booked == 0));
    assert_eq!(
        okafor.iter().map(|d| d.working).collect::<Vec<_>>(),
        [true, true, true, true, true, false, false]
    );
    let next = week(&app, &desk, "2027-03-15").await;
    let monday = &row(&next, "Dr. Amara Okafor").days[0];
    assert_eq!(counts(monday), (1, 0, 0, Some("00:30"), Some("00:30")));

    let autumn = week(&app, &desk, "2026-10-28").await;
    assert_eq!(autumn.start, date(2026, 10, 26));
    let okafor = &row(&autumn, "Dr. Amara Okafor").days;
    assert_eq!(okafor.len(), 7);
    assert_eq!(okafor[6].date, date(2026, 11, 1));
    assert_eq!(counts(&okafor[6]), (1, 0, 0, Some("23:30"), Some("23:30")));
}
