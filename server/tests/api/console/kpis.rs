//! The clinic's relationship figures through the real routes and database: who cancelled and
//! when, a small history worked out by hand, who may see which rows, refused queries, the CSV
//! export, and the demo's history.

use super::*;
use crate::helpers::*;
use app::wire::kpis::{Figure, KpiFigures, KpiReport, NpsFigure};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

pub async fn kpis(app: &TestApp, cookie: &str, query: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/console/kpis?{query}"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

pub async fn report(app: &TestApp, cookie: &str, query: &str) -> KpiReport {
    let response = kpis(app, cookie, query).await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.unwrap()
}

fn counts(figure: &Figure) -> (u32, u32) {
    match figure {
        Figure::Shown(p) => (p.count, p.total),
        other => panic!("expected a shown figure, got {other:?}"),
    }
}

/// A New York wall time in December 2026 as an instant (EST, UTC−5).
fn ny(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, hour + 5, 0, 0).unwrap()
}

/// Books a follow-up online for `name` (their own email, so each name is one patient) and
/// returns the visit's id and token.
async fn book(app: &TestApp, practitioner: i64, start: DateTime<Utc>, name: &str) -> (i64, String) {
    let service = app.service_id("Follow-up visit").await;
    let mut booking = request(service, Some(practitioner), start, name);
    booking.patient.email = Some(format!("{}@example.org", name.to_lowercase()));
    let visit = app.book_ok(&booking).await;
    let id = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (id, visit.token)
}

async fn mark(app: &TestApp, desk: &str, visit: i64, attendance: &str) {
    let path = format!("/api/console/appointments/{visit}/attendance");
    let response = post(app, desk, &path, json!({ "attendance": attendance })).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn staff_cancel(app: &TestApp, desk: &str, visit: i64, body: serde_json::Value) {
    let path = format!("/api/console/appointments/{visit}/cancel");
    let response = post(app, desk, &path, body).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn cancellation(app: &TestApp, visit: i64) -> (Option<i64>, Option<String>) {
    sqlx::query_as("SELECT cancelled_at, cancelled_by FROM appointments WHERE id = $1")
        .bind(visit)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A survey answer as the survey route stores it.
async fn answer(app: &TestApp, visit: i64, rating: i64, recommend: i64, items: [&str; 4]) {
    sqlx::query(
        "INSERT INTO survey_responses (appointment_id, clinic_id, rating, recommend, explained,
            listened, respected, enough_time, may_contact, language, submitted_at)
         SELECT id, clinic_id, $2, $3, $4, $5, $6, $7, 0, 'en', $8 FROM appointments WHERE id = $1",
    )
    .bind(visit)
    .bind(rating)
    .bind(recommend)
    .bind(items[0])
    .bind(items[1])
    .bind(items[2])
    .bind(items[3])
    .bind(app.clock.now().timestamp())
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn teach_back(app: &TestApp, visit: i64, answer: &str) {
    sqlx::query(
        "INSERT INTO teach_back_answers (appointment_id, version, answer, answered_at)
         VALUES ($1, 1, $2, $3)",
    )
    .bind(visit)
    .bind(answer)
    .bind(app.clock.now().timestamp())
    .execute(&app.db.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn cancellations_record_who_cancelled_and_when() {
    let app = console_app().await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let (online, token) = book(&app, okafor, ny(8, 10), "Online").await;
    let (by_phone, _) = book(&app, okafor, ny(8, 11), "Phone").await;
    let (by_clinic, _) = book(&app, okafor, ny(8, 14), "Clinic").await;
    let desk = sign_in(&app, DESK).await;

    let response = app
        .post_json(
            &format!("/api/appointments/{token}/cancel"),
            &json!({ "reason": null }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // No `cancelled_by`: the patient called.
    staff_cancel(&app, &desk, by_phone, json!({ "reason": "Patient called" })).await;
    staff_cancel(
        &app,
        &desk,
        by_clinic,
        json!({ "reason": "Doctor ill", "cancelled_by": "clinic" }),
    )
    .await;

    let now = Some(app.now.timestamp());
    assert_eq!(
        cancellation(&app, online).await,
        (now, Some("patient".into()))
    );
    assert_eq!(
        cancellation(&app, by_phone).await,
        (now, Some("patient".into()))
    );
    assert_eq!(
        cancellation(&app, by_clinic).await,
        (now, Some("clinic".into()))
    );

    // Cancelling again changes nothing, not even when.
    app.clock.advance(Duration::minutes(10));
    staff_cancel(
        &app,
        &desk,
        by_phone,
        json!({ "reason": "Again", "cancelled_by": "clinic" }),
    )
    .await;
    assert_eq!(
        cancellation(&app, by_phone).await,
        (now, Some("patient".into()))
    );
    // Someone else is unknown.
    let response = post(
        &app,
        &desk,
        &format!("/api/console/appointments/{by_phone}/cancel"),
        json!({ "reason": "x", "cancelled_by": "somebody" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

struct History {
    okafor: i64,
    herrera: i64,
}

/// Two weeks at the demo clinic, built through the routes (answers written as the survey and
/// teach-back routes store them). Ends on Saturday 12 December, 07:00 in New York.
///
/// Week of 30 November (the period before): Ana and Ben seen, Cy a no-show (Dr. Okafor).
/// Week of 7 December (the report's):
///   D Ana   Mon 10:00 Okafor  completed; rating 5, recommend 10, items D D D D; teach-back yes
///   E Cy    Mon 11:00 Okafor  completed; rating 2, recommend 3,  items N S D N; teach-back not sure
///   F Dee   Tue 10:00 Okafor  completed; no answers
///   G Eve   Tue 11:00 Okafor  no-show
///   H Fay   Wed 10:00 Okafor  cancelled online on 1 Dec (8 days ahead: in time)
///   I Gus   Wed 11:00 Okafor  cancelled by phone 3 hours before (late)
///   J Hal   Thu 10:00 Okafor  cancelled by the clinic
///   K Ivy   Fri 10:00 Herrera completed; rating 4, recommend 8, items D S D D
/// and on 12 December Ana books again (for the 21st).
async fn two_weeks(app: &TestApp) -> History {
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    // Dec 2 afternoon: clear of the demo's sample visits.
    let (a, _) = book(app, okafor, ny(2, 14), "Ana").await;
    let (b, _) = book(app, okafor, ny(2, 15), "Ben").await;
    let (c, _) = book(app, okafor, ny(2, 16), "Cy").await;
    let (d, _) = book(app, okafor, ny(7, 10), "Ana").await;
    let (e, _) = book(app, okafor, ny(7, 11), "Cy").await;
    let (f, _) = book(app, okafor, ny(8, 10), "Dee").await;
    let (g, _) = book(app, okafor, ny(8, 11), "Eve").await;
    let (_, h_token) = book(app, okafor, ny(9, 10), "Fay").await;
    let (i, _) = book(app, okafor, ny(9, 11), "Gus").await;
    let (j, _) = book(app, okafor, ny(10, 10), "Hal").await;
    let (k, _) = book(app, herrera, ny(11, 10), "Ivy").await;
    let response = app
        .post_json(
            &format!("/api/appointments/{h_token}/cancel"),
            &json!({ "reason": null }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // Thursday 3 December: the first week's visits are marked.
    app.clock.advance(Duration::days(2));
    let desk = sign_in(app, DESK).await;
    mark(app, &desk, a, "completed").await;
    mark(app, &desk, b, "completed").await;
    mark(app, &desk, c, "no_show").await;

    // Wednesday 9 December, 07:00: Gus calls, Hal's visit is cancelled by the clinic.
    app.clock.advance(Duration::days(6));
    let desk = sign_in(app, DESK).await;
    staff_cancel(app, &desk, i, json!({ "reason": "Patient called" })).await;
    staff_cancel(
        app,
        &desk,
        j,
        json!({ "reason": "Doctor ill", "cancelled_by": "clinic" }),
    )
    .await;

    // Saturday 12 December, 07:00: the second week is marked and answered.
    app.clock.advance(Duration::days(3));
    let desk = sign_in(app, DESK).await;
    for visit in [d, e, f, k] {
        mark(app, &desk, visit, "completed").await;
    }
    mark(app, &desk, g, "no_show").await;
    let all = "definitely";
    answer(app, d, 5, 10, [all, all, all, all]).await;
    answer(app, e, 2, 3, ["no", "somewhat", all, "no"]).await;
    answer(app, k, 4, 8, [all, "somewhat", all, all]).await;
    teach_back(app, d, "yes").await;
    teach_back(app, e, "not_sure").await;
    book(app, okafor, ny(21, 10), "Ana").await;
    History { okafor, herrera }
}

#[tokio::test]
async fn a_small_history_gives_the_figures_worked_out_by_hand() {
    let app = console_app().await;
    let history = two_weeks(&app).await;
    let admin = sign_in(&app, ADMIN).await;
    let week = report(&app, &admin, "from=2026-12-07&to=2026-12-13").await;
    assert_eq!(week.rows.len(), 1, "the clinic's row only");
    assert_eq!(week.rows[0].label, "Riverside Family Clinic");
    assert_eq!(week.late_cancel_hours, 24);
    assert_eq!(week.min_answers, 5);
    let clinic = &week.rows[0].figures;
    assert_eq!(clinic.visits, 8, "D–K");
    assert_eq!(clinic.answers, 3, "D, E, K");
    // Recommend 10 (promoter), 3 (detractor), 8 (passive): (1 − 1)/3 = 0.
    let NpsFigure::Shown(nps) = &clinic.nps else {
        panic!("{:?}", clinic.nps)
    };
    assert_eq!(nps.score, 0.0);
    assert_eq!(
        (nps.promoters.count, nps.passives, nps.detractors.count),
        (1, 1, 1)
    );
    // Ratings 5, 2, 4: 2 of 3 satisfied.
    assert_eq!(counts(&clinic.csat), (2, 3));
    // Completed D, E, F, K; answered D, E, K.
    assert_eq!(counts(&clinic.response_rate), (3, 4));
    // Explained D N D: 2/3; listened D S S: 1/3; respected D D D: 3/3; time D N D: 2/3.
    assert_eq!(counts(&clinic.explained), (2, 3));
    assert_eq!(counts(&clinic.listened), (1, 3));
    assert_eq!(counts(&clinic.respected), (3, 3));
    assert_eq!(counts(&clinic.enough_time), (2, 3));
    // Due (not cancelled, started before Saturday): D, E, F, G, K; Eve did not come.
    assert_eq!(counts(&clinic.no_show), (1, 5));
    // Late: Gus. By the patient: Fay, Gus. Over all 8 visits.
    assert_eq!(counts(&clinic.late_cancel), (1, 8));
    assert_eq!(counts(&clinic.patient_cancel), (2, 8));
    // Started, without the clinic's cancellation (Hal): D, E, F, G, H, I, K = 7; completed 4.
    assert_eq!(counts(&clinic.adherence), (4, 7));
    // Teach-back: yes, not sure.
    assert_eq!(counts(&clinic.understanding), (1, 2));
    // Seen: Ana, Cy, Dee, Ivy; Ana booked again: 1/4.
    assert_eq!(counts(&clinic.return_visit), (1, 4));
    // Seen the week before: Ana, Ben (Cy did not come); Ana seen again: 1/2.
    assert_eq!(counts(&clinic.retention), (1, 2));
    // One trend period, the week itself, with the same figures.
    assert_eq!(week.trend.len(), 1);
    assert_eq!(&week.trend[0].figures, clinic);

    // Per practitioner: three answers in all, so no practitioner has five.
    let by_practitioner = report(
        &app,
        &admin,
        "from=2026-12-07&to=2026-12-13&group=practitioner",
    )
    .await;
    let labels: Vec<_> = by_practitioner
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Riverside Family Clinic",
            "Dr. Amara Okafor",
            "Dr. Luis Herrera",
            "Jordan Lee"
        ]
    );
    let okafor = &by_practitioner.rows[1];
    assert_eq!(okafor.id, Some(history.okafor));
    assert_eq!(okafor.figures.visits, 7);
    assert_eq!(okafor.figures.answers, 2);
    assert_eq!(okafor.figures.nps, NpsFigure::TooFew);
    assert_eq!(okafor.figures.csat, Figure::TooFew);
    assert_eq!(okafor.figures.understanding, Figure::TooFew);
    assert_eq!(counts(&okafor.figures.no_show), (1, 4));
    let herrera = &by_practitioner.rows[2];
    assert_eq!(herrera.id, Some(history.herrera));
    assert_eq!(herrera.figures.csat, Figure::TooFew);
    assert_eq!(counts(&herrera.figures.adherence), (1, 1));
    let lee = &by_practitioner.rows[3].figures;
    assert_eq!(
        (lee.visits, &lee.csat, &lee.no_show),
        (0, &Figure::Empty, &Figure::Empty)
    );

    // The same numbers for one practitioner's selection, withheld the same way.
    let selected = report(
        &app,
        &admin,
        &format!(
            "from=2026-12-07&to=2026-12-13&practitioner={}",
            history.okafor
        ),
    )
    .await;
    assert_eq!(selected.rows[0].figures, okafor.figures);
    assert_eq!(selected.trend[0].figures, okafor.figures);

    // Per service: every visit was a follow-up.
    let by_service = report(&app, &admin, "from=2026-12-07&to=2026-12-13&group=service").await;
    let follow_up = by_service
        .rows
        .iter()
        .find(|row| row.label == "Follow-up visit")
        .unwrap();
    assert_eq!(follow_up.figures, *clinic);
    assert_eq!(by_service.rows.len(), 5, "the clinic and its four services");

    // Two weeks by week: the second is the week above.
    let weeks = report(&app, &admin, "from=2026-11-30&to=2026-12-13&interval=week").await;
    let periods: Vec<_> = weeks.trend.iter().map(|p| (p.from, p.to)).collect();
    assert_eq!(
        periods,
        [
            (date(2026, 11, 30), date(2026, 12, 6)),
            (date(2026, 12, 7), date(2026, 12, 13))
        ]
    );
    assert_eq!(weeks.trend[1].figures, *clinic);
    // The first week: Ana and Ben completed, Cy a no-show, the demo's sample visits unmarked.
    let first: &KpiFigures = &weeks.trend[0].figures;
    let (completed, due) = counts(&first.adherence);
    assert_eq!(completed, 2);
    assert!(due >= 3);
}

#[tokio::test]
async fn the_default_range_is_the_90_days_before_today() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let report = report(&app, &admin, "").await;
    assert_eq!(report.to, date(2026, 12, 1), "today in New York");
    assert_eq!(report.from, date(2026, 9, 2));
    // Monthly by default: September (from the 2nd) to December (to the 1st).
    assert_eq!(report.trend.len(), 4);
    assert_eq!(report.trend[0].from, date(2026, 9, 2));
    assert_eq!(report.trend[0].to, date(2026, 9, 30));
    assert_eq!(report.trend[3].from, date(2026, 12, 1));
    // Nothing happened in those days yet: the figures are empty, not zero.
    assert_eq!(report.rows[0].figures.csat, Figure::Empty);
    assert_eq!(report.rows[0].figures.nps, NpsFigure::Empty);
}

#[tokio::test]
async fn practitioners_see_the_clinic_and_themselves_and_front_desk_sees_nothing() {
    let app = console_app().await;
    let history = two_weeks(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let range = "from=2026-12-07&to=2026-12-13";
    let mine = report(&app, &doctor, &format!("{range}&group=practitioner")).await;
    let ids: Vec<_> = mine.rows.iter().map(|row| row.id).collect();
    assert_eq!(ids, [None, Some(history.okafor)]);
    assert_eq!(mine.rows[0].figures.visits, 8, "the whole clinic's row");
    // Their own selection is fine; another practitioner's is not.
    report(
        &app,
        &doctor,
        &format!("{range}&practitioner={}", history.okafor),
    )
    .await;
    let (status, body) = error_code(
        kpis(
            &app,
            &doctor,
            &format!("{range}&practitioner={}", history.herrera),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    // Per service: the rows cover their own visits, withheld like their own row.
    let services = report(&app, &doctor, &format!("{range}&group=service")).await;
    let follow_up = services
        .rows
        .iter()
        .find(|row| row.label == "Follow-up visit")
        .unwrap();
    assert_eq!(follow_up.figures.visits, 7, "Dr. Okafor's follow-ups only");
    assert_eq!(follow_up.figures.csat, Figure::TooFew);

    let desk = sign_in(&app, DESK).await;
    assert_eq!(
        kpis(&app, &desk, range).await.status(),
        StatusCode::FORBIDDEN
    );
    let csv = from_console(
        &app,
        app.client.get(app.url("/api/console/kpis.csv")),
        &desk,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(csv.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        kpis(&app, "", range).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Another clinic's admin sees their own (empty) clinic, and none of these practitioners.
    let other = other_clinic_admin(&app).await;
    let theirs = report(&app, &other, range).await;
    assert_eq!(theirs.rows[0].label, "Other Clinic");
    assert_eq!(theirs.rows[0].figures.visits, 0);
    let (status, body) = error_code(
        kpis(
            &app,
            &other,
            &format!("{range}&practitioner={}", history.okafor),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["practitioner"], "unknown");
}

#[tokio::test]
async fn queries_that_make_no_sense_are_refused_naming_the_field() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    for (query, field, reason) in [
        ("from=2026-12-08&to=2026-12-07", "to", "before_from"),
        ("from=2024-01-01&to=2026-01-02", "to", "range_too_long"),
        ("practitioner=999999", "practitioner", "unknown"),
        ("service=-1", "service", "unknown"),
        ("from=0001-01-01", "from", "out_of_range"),
        ("from=1899-12-31&to=1900-01-05", "from", "out_of_range"),
        ("from=yesterday", "query", "invalid"),
        ("group=everyone", "query", "invalid"),
        ("practitioner=1.5", "query", "invalid"),
    ] {
        let (status, body) = error_code(kpis(&app, &admin, query).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(body["fields"][field], reason, "{query}: {body}");
    }
    // Exactly two years is allowed.
    report(&app, &admin, "from=2024-01-01&to=2026-01-01").await;
}

async fn csv(app: &TestApp, cookie: &str, query: &str) -> (reqwest::header::HeaderMap, String) {
    let url = app.url(&format!("/api/console/kpis.csv?{query}"));
    let response = from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    (headers, response.text().await.unwrap())
}

#[tokio::test]
async fn the_table_downloads_as_csv_that_spreadsheets_open_safely() {
    let app = console_app().await;
    let history = two_weeks(&app).await;
    // A name with a comma and quotes, and one that a spreadsheet would run as a formula.
    sqlx::query("UPDATE practitioners SET display_name = $1 WHERE id = $2")
        .bind("Okafor, Amara \"Amy\"")
        .bind(history.okafor)
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE practitioners SET display_name = $1 WHERE id = $2")
        .bind("=HYPERLINK(\"http://evil.example\")")
        .bind(history.herrera)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let admin = sign_in(&app, ADMIN).await;
    let query = "from=2026-12-07&to=2026-12-13&group=practitioner";
    let (headers, body) = csv(&app, &admin, query).await;
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"carebook-kpis-2026-12-07-2026-12-13.csv\""
    );
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte-order mark");
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5, "a heading and one line per row");
    assert!(
        lines[0].starts_with("Row,Label,Visits,Answers,NPS,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("CSAT %,CSAT count,CSAT total,CSAT low %,CSAT high %"));
    // The clinic: 8 visits, 3 answers, NPS 0.0 (1, 1, 1 of 3), CSAT 66.7 % (2 of 3)…
    assert!(
        lines[1].starts_with("clinic,Riverside Family Clinic,8,3,0.0,1,1,1,3,66.7,2,3,"),
        "{}",
        lines[1]
    );
    // …its Wilson interval for 2/3 is 20.8 %–93.9 %.
    assert!(lines[1].contains(",66.7,2,3,20.8,93.9,"), "{}", lines[1]);
    // The comma and quotes survive inside one quoted cell; the formula is defused.
    assert!(
        lines[2].starts_with("practitioner,\"Okafor, Amara \"\"Amy\"\"\",7,2,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("practitioner,\"'=HYPERLINK(\"\"http://evil.example\"\")\",1,1,"),
        "{}",
        lines[3]
    );
    // Withheld figures say so; empty ones are blank.
    assert!(lines[2].contains("not enough answers yet"), "{}", lines[2]);
    assert!(
        lines[4].starts_with("practitioner,Jordan Lee,0,0,,,,,,"),
        "{}",
        lines[4]
    );
    // Every line has as many cells as the heading (when commas inside quotes are not counted).
    let cells = |line: &str| {
        let mut quoted = false;
        1 + line
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                *c == ',' && !quoted
            })
            .count()
    };
    let width = cells(lines[0]);
    assert_eq!(width, 4 + 5 + 13 * 5);
    for line in &lines {
        assert_eq!(cells(line), width, "{line}");
    }
    // Bad queries are refused as for the report.
    let url = app.url("/api/console/kpis.csv?from=2026-12-08&to=2026-12-07");
    let response = from_console(&app, app.client.get(url), &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// The demo clinic with its staff and its history, as `carebook demo` leaves it.
async fn demo_with_history() -> TestApp {
    let app = console_app().await;
    let started = std::time::Instant::now();
    carebook::demo::seed_history(&app.db, app.now)
        .await
        .unwrap();
    // A figure to watch, not a limit: `carebook demo` should stay quick.
    println!("demo history written in {:?}", started.elapsed());
    app
}

async fn history_counts(app: &TestApp) -> Vec<i64> {
    let tables = [
        "appointments",
        "patients",
        "survey_responses",
        "follow_ups",
        "follow_up_events",
        "teach_back_answers",
    ];
    row_counts(app, &tables).await
}

#[tokio::test]
async fn the_demo_history_is_the_same_on_every_fresh_database_and_shows_real_figures() {
    let first = demo_with_history().await;
    let second = demo_with_history().await;
    let query = "group=practitioner&interval=week";
    let one = report(&first, &sign_in(&first, ADMIN).await, query).await;
    let two = report(&second, &sign_in(&second, ADMIN).await, query).await;
    assert_eq!(one, two, "the same seed, the same history");
    assert_eq!(history_counts(&first).await, history_counts(&second).await);

    let clinic = &one.rows[0].figures;
    println!(
        "demo, last 90 days: {} visits, {} answers, NPS {:?}",
        clinic.visits,
        clinic.answers,
        match &clinic.nps {
            NpsFigure::Shown(nps) => Some(nps.score),
            _ => None,
        }
    );
    assert!(clinic.visits > 300, "{} visits", clinic.visits);
    let NpsFigure::Shown(nps) = &clinic.nps else {
        panic!("{:?}", clinic.nps)
    };
    // Mostly happy patients, some detractors.
    assert!(nps.score > 30.0 && nps.detractors.count > 0, "{nps:?}");
    let rate = |figure: &Figure| match figure {
        Figure::Shown(p) => p.rate,
        other => panic!("{other:?}"),
    };
    for (name, figure, low, high) in [
        ("csat", &clinic.csat, 0.6, 0.98),
        ("response rate", &clinic.response_rate, 0.45, 0.75),
        ("explained", &clinic.explained, 0.5, 0.95),
        ("no-show", &clinic.no_show, 0.02, 0.15),
        ("late cancel", &clinic.late_cancel, 0.005, 0.1),
        ("patient cancel", &clinic.patient_cancel, 0.04, 0.2),
        ("return visit", &clinic.return_visit, 0.1, 0.9),
        ("retention", &clinic.retention, 0.05, 0.9),
        ("adherence", &clinic.adherence, 0.6, 0.95),
        ("understanding", &clinic.understanding, 0.6, 1.0),
    ] {
        let value = rate(figure);
        println!("demo {name}: {:.1} %", value * 100.0);
        assert!(low <= value && value <= high, "{name}: {value}");
    }
    // Every practitioner has answers enough to show, and the trend has a point every week.
    for row in &one.rows[1..] {
        if let (NpsFigure::Shown(nps), Figure::Shown(csat)) = (&row.figures.nps, &row.figures.csat)
        {
            println!(
                "demo {}: NPS {}, CSAT {:.1} %",
                row.label,
                nps.score,
                csat.rate * 100.0
            );
        }
        assert!(
            matches!(row.figures.csat, Figure::Shown(_)),
            "{}",
            row.label
        );
    }
    assert!(one.trend.iter().all(|period| period.figures.visits > 0));
    // The follow-up queue has work in every state.
    for state in ["open", "contacted", "resolved"] {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM follow_ups WHERE state = $1")
            .bind(state)
            .fetch_one(&first.db.pool)
            .await
            .unwrap();
        assert!(count > 0, "{state}");
    }
}

#[tokio::test]
async fn running_the_demo_again_replaces_its_history() {
    let app = demo_with_history().await;
    let admin = sign_in(&app, ADMIN).await;
    let before = report(&app, &admin, "").await;
    let counts = history_counts(&app).await;
    // A visit someone clicked through: a follow-up note, published instructions' answer.
    sqlx::query(
        "INSERT INTO appointment_events (appointment_id, at, action)
         SELECT id, $1, 'arrived' FROM appointments WHERE demo_seed = 'history-1'",
    )
    .bind(app.now.timestamp())
    .execute(&app.db.pool)
    .await
    .unwrap();

    // As `carebook demo` does.
    carebook::demo::seed(&app.db, app.now).await.unwrap();
    carebook::demo::seed_staff(&app.db, PASSWORD, app.now)
        .await
        .unwrap();
    carebook::demo::seed_history(&app.db, app.now)
        .await
        .unwrap();
    // And the history alone, twice.
    carebook::demo::seed_history(&app.db, app.now)
        .await
        .unwrap();

    assert_eq!(history_counts(&app).await, counts, "nothing duplicated");
    let admin = sign_in(&app, ADMIN).await;
    assert_eq!(report(&app, &admin, "").await, before);
}
