//! What each change to a visit queues in the outbox, read straight from the table: the
//! confirmation and reminders of a booking (per channel, at the clinic's times, exactly on
//! UTC instants across daylight-saving changes), the replanning on a move or cancellation,
//! one survey and one waiting instructions message however often staff repeat themselves, and
//! nothing at all for a booking that failed. Also the console's view of those rows and the
//! clinic's reminder settings.

use crate::console::instructions::{complete, publish_ok};
use crate::console::{console_app, from_console, post, sign_in, ADMIN, DESK, DOCTOR};
use crate::helpers::*;
use app::wire::messages::{Channel, MessageKind, MessageStatus, ReminderSettings, VisitMessages};
use app::wire::BookingRequest;
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

/// One outbox row as the tests look at it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
struct Row {
    kind: String,
    channel: String,
    status: String,
    reason: Option<String>,
    due_at: i64,
    offset_minutes: Option<i64>,
}

async fn outbox(app: &TestApp, appointment_id: i64) -> Vec<Row> {
    sqlx::query_as(
        "SELECT kind, channel, status, reason, due_at, offset_minutes
         FROM outbox WHERE appointment_id = $1 ORDER BY id",
    )
    .bind(appointment_id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// The app with its outbox worker asleep (its first round is an hour away): these tests read
/// what was queued, which a sending round (marking a row "no mail server", say) could change
/// between the booking and the assertion on a busy machine.
async fn queue_only_app(now: DateTime<Utc>) -> TestApp {
    spawn_app_configured(now, |_| {}, |settings| settings.outbox_poll_ms = 3_600_000).await
}

async fn queue_only_console_app() -> TestApp {
    let app = queue_only_app(tuesday_morning()).await;
    carebook::demo::seed_staff(&app.db, crate::console::PASSWORD, app.now)
        .await
        .unwrap();
    app
}

async fn of_kind(app: &TestApp, appointment_id: i64, kind: &str) -> Vec<Row> {
    outbox(app, appointment_id)
        .await
        .into_iter()
        .filter(|row| row.kind == kind)
        .collect()
}

async fn id_of(app: &TestApp, token: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Monday 7 December 2026 at `hour`:00 in New York (EST, UTC−5).
fn monday_at(hour: u32) -> DateTime<Utc> {
    at(2026, 12, 7, hour + 5, 0)
}

async fn booking(app: &TestApp, start: DateTime<Utc>, email: bool, phone: bool) -> BookingRequest {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let mut booking = request(service, Some(okafor), start, "Quinn Outbox");
    booking.patient.email = email.then(|| "quinn@example.org".into());
    booking.patient.phone = phone.then(|| "+16175550134".into());
    booking
}

async fn book(app: &TestApp, start: DateTime<Utc>, email: bool, phone: bool) -> (i64, String) {
    let visit = app.book_ok(&booking(app, start, email, phone).await).await;
    (id_of(app, &visit.token).await, visit.token)
}

/// A queued reminder `minutes` before `start`.
fn reminder(channel: &str, start: DateTime<Utc>, minutes: i64) -> Row {
    row(
        "reminder",
        channel,
        start - Duration::minutes(minutes),
        Some(minutes),
    )
}

fn row(kind: &str, channel: &str, due_at: DateTime<Utc>, offset: Option<i64>) -> Row {
    Row {
        kind: kind.into(),
        channel: channel.into(),
        status: "queued".into(),
        reason: None,
        due_at: due_at.timestamp(),
        offset_minutes: offset,
    }
}

#[tokio::test]
async fn a_booking_queues_its_confirmation_now_and_reminders_48_and_2_hours_before() {
    let app = queue_only_app(tuesday_morning()).await;
    let start = monday_at(10);
    let (id, _) = book(&app, start, true, false).await;
    assert_eq!(
        outbox(&app, id).await,
        vec![
            row("confirmation", "email", app.now, None),
            reminder("email", start, 2880),
            reminder("email", start, 120),
        ]
    );
}

#[tokio::test]
async fn a_phone_only_patient_is_told_by_sms_and_a_patient_with_both_gets_reminders_twice() {
    let app = queue_only_app(tuesday_morning()).await;
    let start = monday_at(10);
    let (phone_only, _) = book(&app, start, false, true).await;
    assert_eq!(
        outbox(&app, phone_only).await,
        vec![
            row("confirmation", "sms", app.now, None),
            reminder("sms", start, 2880),
            reminder("sms", start, 120),
        ]
    );

    let later = monday_at(11);
    let (both, _) = book(&app, later, true, true).await;
    assert_eq!(
        outbox(&app, both).await,
        vec![
            row("confirmation", "email", app.now, None),
            reminder("email", later, 2880),
            reminder("sms", later, 2880),
            reminder("email", later, 120),
            reminder("sms", later, 120),
        ]
    );
}

#[tokio::test]
async fn a_visit_booked_inside_48_hours_gets_only_the_2_hour_reminder() {
    let app = queue_only_app(tuesday_morning()).await;
    // Wednesday 2 December at 10:00 in New York, 27 hours after the pinned "now".
    let start = at(2026, 12, 2, 15, 0);
    let (id, _) = book(&app, start, true, false).await;
    assert_eq!(
        of_kind(&app, id, "reminder").await,
        vec![reminder("email", start, 120)]
    );
}

/// Books Dr. Okafor's first free time on `day` (a clinic running at `now`) and returns the
/// visit's start and its 48-hour reminder's due time.
async fn first_visit_on(now: DateTime<Utc>, day: chrono::NaiveDate) -> (DateTime<Utc>, i64) {
    let app = queue_only_app(now).await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let slots = app.free_slots_on(service, Some(okafor), day).await;
    let start = slots.first().expect("Dr. Okafor works that Monday").start;
    let (id, _) = book(&app, start, true, false).await;
    let reminders = of_kind(&app, id, "reminder").await;
    let two_days = reminders
        .iter()
        .find(|row| row.offset_minutes == Some(2880))
        .expect("a 48-hour reminder");
    (start, two_days.due_at)
}

#[tokio::test]
async fn the_48_hour_reminder_of_a_visit_after_spring_forward_is_48_real_hours_before() {
    // Clocks spring forward on Sunday 8 March 2026; the visit is on Monday 9 March (EDT).
    let (start, due_at) = first_visit_on(at(2026, 3, 2, 14, 0), date(2026, 3, 9)).await;
    assert_eq!(due_at, (start - Duration::hours(48)).timestamp());
    // Monday 09:00 EDT is 13:00Z; the reminder goes at Saturday 13:00Z, 08:00 EST on the
    // clinic's clock (the wall clock lost an hour in between).
    assert_eq!(
        start,
        at(2026, 3, 9, 13, 0),
        "Dr. Okafor's day starts at 09:00"
    );
    assert_eq!(due_at, at(2026, 3, 7, 13, 0).timestamp());
}

#[tokio::test]
async fn the_48_hour_reminder_of_a_visit_after_fall_back_is_48_real_hours_before() {
    // Clocks fall back on Sunday 1 November 2026; the visit is on Monday 2 November (EST).
    let (start, due_at) = first_visit_on(at(2026, 10, 26, 14, 0), date(2026, 11, 2)).await;
    assert_eq!(due_at, (start - Duration::hours(48)).timestamp());
    // Monday 09:00 EST is 14:00Z; the reminder goes at Saturday 14:00Z, 10:00 EDT.
    assert_eq!(
        start,
        at(2026, 11, 2, 14, 0),
        "Dr. Okafor's day starts at 09:00"
    );
    assert_eq!(due_at, at(2026, 10, 31, 14, 0).timestamp());
}

#[tokio::test]
async fn a_reschedule_skips_the_old_reminders_and_plans_new_ones_with_a_changed_message() {
    let app = queue_only_app(tuesday_morning()).await;
    let (id, token) = book(&app, monday_at(10), true, false).await;
    let later = monday_at(14);
    let moved = app
        .post_json(
            &format!("/api/appointments/{token}/reschedule"),
            &json!({ "start": later }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);

    let rows = outbox(&app, id).await;
    let old: Vec<_> = rows
        .iter()
        .filter(|r| r.kind == "reminder")
        .take(2)
        .collect();
    for reminder in old {
        assert_eq!(reminder.status, "skipped");
        assert_eq!(reminder.reason.as_deref(), Some("visit_moved"));
    }
    let queued_reminders: Vec<_> = rows
        .iter()
        .filter(|r| r.kind == "reminder" && r.status == "queued")
        .cloned()
        .collect();
    assert_eq!(
        queued_reminders,
        vec![
            reminder("email", later, 2880),
            reminder("email", later, 120),
        ]
    );
    assert_eq!(
        of_kind(&app, id, "changed").await,
        vec![row("changed", "email", app.now, None)]
    );
}

async fn assert_cancelled(app: &TestApp, id: i64) {
    assert_eq!(
        of_kind(app, id, "cancelled").await,
        vec![row("cancelled", "email", app.now, None)]
    );
    let reminders = of_kind(app, id, "reminder").await;
    assert_eq!(reminders.len(), 2);
    for reminder in reminders {
        assert_eq!(reminder.status, "skipped");
        assert_eq!(reminder.reason.as_deref(), Some("visit_cancelled"));
    }
}

#[tokio::test]
async fn a_cancellation_by_the_patient_or_the_desk_queues_the_notice_and_drops_reminders() {
    let app = queue_only_console_app().await;
    let (by_patient, token) = book(&app, monday_at(10), true, false).await;
    let cancelled = app
        .post_json(
            &format!("/api/appointments/{token}/cancel"),
            &json!({ "reason": "Feeling better" }),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    assert_cancelled(&app, by_patient).await;

    let (by_desk, _) = book(&app, monday_at(11), true, false).await;
    let desk = sign_in(&app, DESK).await;
    let path = format!("/api/console/appointments/{by_desk}/cancel");
    let reason = json!({ "reason": "Patient called" });
    assert_eq!(
        post(&app, &desk, &path, reason.clone()).await.status(),
        StatusCode::OK
    );
    // Cancelling again changes nothing and queues nothing more.
    assert_eq!(
        post(&app, &desk, &path, reason).await.status(),
        StatusCode::OK
    );
    assert_cancelled(&app, by_desk).await;
}

#[tokio::test]
async fn a_failed_booking_queues_nothing() {
    let app = queue_only_app(tuesday_morning()).await;
    book(&app, monday_at(10), true, false).await;
    let before = row_counts(&app, &["outbox", "appointments"]).await;
    let taken = app
        .book(&booking(&app, monday_at(10), true, true).await)
        .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(row_counts(&app, &["outbox", "appointments"]).await, before);
}

#[tokio::test]
async fn a_visit_marked_completed_twice_sends_one_survey() {
    let app = queue_only_console_app().await;
    let (id, _) = book(&app, monday_at(10), true, false).await;
    complete(&app, id).await;
    complete(&app, id).await;
    assert_eq!(
        of_kind(&app, id, "survey").await,
        vec![row("survey", "email", app.now + Duration::hours(2), None)]
    );
}

#[tokio::test]
async fn instructions_published_twice_quickly_queue_one_message() {
    let app = queue_only_console_app().await;
    let (id, _) = book(&app, monday_at(10), true, false).await;
    complete(&app, id).await;
    let doctor = sign_in(&app, DOCTOR).await;
    publish_ok(&app, &doctor, id, "Rest today.").await;
    publish_ok(&app, &doctor, id, "Rest today and tomorrow.").await;
    assert_eq!(
        of_kind(&app, id, "instructions").await,
        vec![row(
            "instructions",
            "email",
            app.now + Duration::minutes(5),
            None
        )]
    );
}

async fn put_reminders(app: &TestApp, cookie: &str, minutes: &[u32]) -> reqwest::Response {
    from_console(
        app,
        app.client.put(app.url("/api/console/reminders")),
        cookie,
    )
    .json(&json!({ "minutes_before": minutes }))
    .send()
    .await
    .unwrap()
}

async fn get_reminders(app: &TestApp, cookie: &str) -> reqwest::Response {
    from_console(
        app,
        app.client.get(app.url("/api/console/reminders")),
        cookie,
    )
    .send()
    .await
    .unwrap()
}

#[tokio::test]
async fn a_clinic_that_turned_reminders_off_queues_none() {
    let app = queue_only_console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    assert_eq!(
        put_reminders(&app, &admin, &[]).await.status(),
        StatusCode::OK
    );
    let (id, _) = book(&app, monday_at(10), true, true).await;
    assert_eq!(
        outbox(&app, id).await,
        vec![row("confirmation", "email", app.now, None)]
    );
}

#[tokio::test]
async fn admins_choose_the_reminder_times_and_later_bookings_use_them() {
    let app = queue_only_console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let response = get_reminders(&app, &admin).await;
    assert_eq!(response.status(), StatusCode::OK);
    let defaults: ReminderSettings = response.json().await.unwrap();
    assert_eq!(defaults.minutes_before, vec![2880, 120]);

    // A visit booked before the change keeps its reminder times.
    let (before, _) = book(&app, monday_at(10), true, false).await;
    let saved = put_reminders(&app, &admin, &[60, 1440]).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: ReminderSettings = saved.json().await.unwrap();
    assert_eq!(saved.minutes_before, vec![1440, 60], "longest first");
    let shown: ReminderSettings = get_reminders(&app, &admin).await.json().await.unwrap();
    assert_eq!(shown, saved);

    let (after, _) = book(&app, monday_at(11), true, false).await;
    let offsets = |rows: Vec<Row>| rows.iter().map(|r| r.offset_minutes).collect::<Vec<_>>();
    assert_eq!(
        offsets(of_kind(&app, before, "reminder").await),
        vec![Some(2880), Some(120)]
    );
    assert_eq!(
        offsets(of_kind(&app, after, "reminder").await),
        vec![Some(1440), Some(60)]
    );

    let clinic: i64 = sqlx::query_scalar("SELECT id FROM clinics WHERE slug = 'demo'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'update_reminders'
            AND record_type = 'clinic' AND record_id = $1",
    )
    .bind(clinic.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn bad_reminder_times_are_refused_with_the_reason() {
    let app = queue_only_console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let cases: [(&[u32], &str); 5] = [
        (&[60, 120, 1440, 2880], "too_many"),
        (&[29], "out_of_range"),
        (&[20161], "out_of_range"),
        (&[120, 120], "repeated"),
        (&[0], "out_of_range"),
    ];
    for (minutes, reason) in cases {
        let (status, body) = error_code(put_reminders(&app, &admin, minutes).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{minutes:?}");
        assert_eq!(body["error"], "validation");
        assert_eq!(body["fields"]["minutes_before"], reason, "{minutes:?}");
    }
    let not_numbers = from_console(
        &app,
        app.client.put(app.url("/api/console/reminders")),
        &admin,
    )
    .json(&json!({ "minutes_before": ["soon"] }))
    .send()
    .await
    .unwrap();
    assert_eq!(not_numbers.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unchanged: ReminderSettings = get_reminders(&app, &admin).await.json().await.unwrap();
    assert_eq!(unchanged.minutes_before, vec![2880, 120]);
}

#[tokio::test]
async fn only_admins_set_reminder_times() {
    let app = queue_only_console_app().await;
    for email in [DESK, DOCTOR] {
        let cookie = sign_in(&app, email).await;
        let (status, body) = error_code(get_reminders(&app, &cookie).await).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
        let (status, _) = error_code(put_reminders(&app, &cookie, &[60]).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
    }
    let admin = sign_in(&app, ADMIN).await;
    let shown: ReminderSettings = get_reminders(&app, &admin).await.json().await.unwrap();
    assert_eq!(shown.minutes_before, vec![2880, 120]);
}

async fn messages_of(app: &TestApp, cookie: &str, id: i64) -> reqwest::Response {
    let url = app.url(&format!("/api/console/appointments/{id}/messages"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn staff_see_each_message_of_a_visit_and_that_no_mail_server_is_configured() {
    let app = console_app().await;
    let (id, token) = book(&app, monday_at(10), true, false).await;
    app.post_json(
        &format!("/api/appointments/{token}/cancel"),
        &json!({ "reason": "Feeling better" }),
    )
    .await;
    // The worker (no SMTP configured) marks what it cannot send; wait until it has looked.
    let waited = std::time::Instant::now();
    loop {
        let pending: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE appointment_id = $1 AND status = 'queued'
                AND reason IS NULL",
        )
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        if pending == 0 || waited.elapsed() > std::time::Duration::from_secs(20) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    for email in [ADMIN, DESK, DOCTOR] {
        let cookie = sign_in(&app, email).await;
        let response = messages_of(&app, &cookie, id).await;
        assert_eq!(response.status(), StatusCode::OK, "{email}");
        let shown: VisitMessages = response.json().await.unwrap();
        assert!(!shown.mail_configured && !shown.sms_configured);
        assert_eq!(shown.patient_confirmed_at, None);
        let lines: Vec<_> = shown
            .messages
            .iter()
            .map(|m| {
                (
                    m.kind,
                    m.channel,
                    m.status,
                    m.reason.as_deref(),
                    m.offset_minutes,
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (
                    MessageKind::Confirmation,
                    Channel::Email,
                    MessageStatus::Queued,
                    Some("no_mail_server"),
                    None
                ),
                (
                    MessageKind::Reminder,
                    Channel::Email,
                    MessageStatus::Skipped,
                    Some("visit_cancelled"),
                    Some(2880)
                ),
                (
                    MessageKind::Reminder,
                    Channel::Email,
                    MessageStatus::Skipped,
                    Some("visit_cancelled"),
                    Some(120)
                ),
                (
                    MessageKind::Cancelled,
                    Channel::Email,
                    MessageStatus::Queued,
                    Some("no_mail_server"),
                    None
                ),
            ]
        );
        assert_eq!(
            shown.messages[1].due_at,
            monday_at(10) - Duration::hours(48)
        );
    }
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'view_messages'
            AND record_type = 'appointment' AND record_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 3);
}

#[tokio::test]
async fn messages_of_another_clinics_or_practitioners_visit_are_not_found() {
    let app = queue_only_console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let visit = app
        .book_ok(&request(
            service,
            Some(herrera),
            monday_at(10),
            "Not Okafors",
        ))
        .await;
    let herreras = id_of(&app, &visit.token).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let (status, _) = error_code(messages_of(&app, &doctor, herreras).await).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "Dr. Okafor sees only her own visits"
    );
    let other = crate::console::other_clinic_admin(&app).await;
    let (status, _) = error_code(messages_of(&app, &other, herreras).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let desk = sign_in(&app, DESK).await;
    for id in ["999999", "abc"] {
        let url = app.url(&format!("/api/console/appointments/{id}/messages"));
        let response = from_console(&app, app.client.get(url), &desk)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
    }
}

#[tokio::test]
async fn the_day_view_shows_which_patients_confirmed() {
    let app = queue_only_console_app().await;
    let (confirmed, _) = book(&app, monday_at(10), true, false).await;
    let (silent, _) = book(&app, monday_at(11), true, false).await;
    sqlx::query("UPDATE appointments SET patient_confirmed_at = $1 WHERE id = $2")
        .bind(app.now.timestamp())
        .bind(confirmed)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let desk = sign_in(&app, DESK).await;
    let day: app::wire::console::DaySchedule = crate::console::day(&app, &desk, "2026-12-07")
        .await
        .json()
        .await
        .unwrap();
    let flags: Vec<(i64, bool)> = day
        .practitioners
        .iter()
        .flat_map(|p| p.appointments.iter())
        .filter(|a| a.id == confirmed || a.id == silent)
        .map(|a| (a.id, a.patient_confirmed))
        .collect();
    assert_eq!(flags, vec![(confirmed, true), (silent, false)]);
}
