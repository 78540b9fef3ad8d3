//! The after-visit survey on the visit page, by token and without login: it opens when the
//! visit is marked completed and closes 30 days after it; one answer per visit, even when the
//! patient taps "Send" many times at once; a token reaches only its own visit's survey; bad
//! answers are refused and change nothing; unhappy answers open one follow-up item.

use crate::console::instructions::{complete, visit_page_ok};
use crate::console::{console_app, post, sign_in, DESK};
use crate::helpers::*;
use app::wire::feedback::{SurveyState, SurveyStatus};
use app::wire::Language;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A visit of `practitioner` on `day` at its first free time, booked online by `name`; not
/// marked completed. Returns its id and token.
pub async fn visit_on(
    app: &TestApp,
    practitioner: &str,
    day: NaiveDate,
    name: &str,
) -> (i64, String) {
    let service = app.service_id("Follow-up visit").await;
    let practitioner = app.practitioner_id(practitioner).await;
    let slot = app
        .free_slots_on(service, Some(practitioner), day)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("a free time on {day}"));
    let mut booking = request(service, Some(practitioner), slot.start, name);
    // Each name its own person, so erasing one patient leaves the others.
    booking.patient.email = Some(format!(
        "{}@example.org",
        name.to_lowercase().replace(' ', ".")
    ));
    let visit = app.book_ok(&booking).await;
    let id = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (id, visit.token)
}

/// A visit with Dr. Okafor on Monday 7 December, marked completed.
pub async fn completed_visit_of(app: &TestApp, name: &str) -> (i64, String) {
    let (id, token) = visit_on(app, "Dr. Amara Okafor", date(2026, 12, 7), name).await;
    complete(app, id).await;
    (id, token)
}

pub async fn survey(app: &TestApp, token: &str, query: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/appointments/{token}/survey{query}")))
        .send()
        .await
        .unwrap()
}

pub async fn survey_ok(app: &TestApp, token: &str) -> SurveyStatus {
    let response = survey(app, token, "").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub async fn answer(app: &TestApp, token: &str, answers: Value) -> reqwest::Response {
    app.post_json(&format!("/api/appointments/{token}/survey"), &answers)
        .await
}

pub async fn answer_ok(app: &TestApp, token: &str, answers: Value) -> SurveyStatus {
    let response = answer(app, token, answers).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn responses(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn follow_ups_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM follow_ups WHERE appointment_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn ends_at(app: &TestApp, id: i64) -> DateTime<Utc> {
    let seconds: i64 = sqlx::query_scalar("SELECT ends_at FROM appointments WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    Utc.timestamp_opt(seconds, 0).unwrap()
}

/// Moves the server's clock to `to` (later than now).
fn move_clock_to(app: &TestApp, to: DateTime<Utc>) {
    let by = to - app.clock.now();
    assert!(by >= Duration::zero(), "the clock only moves on");
    app.clock.advance(by);
}

#[tokio::test]
async fn the_survey_opens_once_the_visit_is_completed_and_then_says_answered() {
    let app = console_app().await;
    let (id, token) = visit_on(
        &app,
        "Dr. Amara Okafor",
        date(2026, 12, 7),
        "Dana Whitfield",
    )
    .await;

    let before = survey_ok(&app, &token).await;
    assert_eq!(before.state, SurveyState::NotYet);
    assert_eq!(before.closes_at, None);
    assert_eq!(
        visit_page_ok(&app, &token).await.survey,
        SurveyState::NotYet
    );
    let (status, error) = error_code(answer(&app, &token, json!({ "rating": 5 })).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "survey_not_open");
    assert_eq!(responses(&app).await, 0);

    complete(&app, id).await;
    let open = survey_ok(&app, &token).await;
    assert_eq!(open.state, SurveyState::Open);
    assert_eq!(
        open.closes_at,
        Some(ends_at(&app, id).await + Duration::days(30))
    );
    assert_eq!(open.language, Language::En);
    assert_eq!(open.preferred_name, "Dana");
    assert_eq!(open.clinic_name, "Riverside Family Clinic");
    assert_eq!(open.clinic_phone, "+1 212 555 0142");
    assert_eq!(open.service_name, "Follow-up visit");
    assert_eq!(open.practitioner_name, "Dr. Amara Okafor");
    assert_eq!(open.visit_date, date(2026, 12, 7));
    assert_eq!(visit_page_ok(&app, &token).await.survey, SurveyState::Open);
    let spanish: SurveyStatus = survey(&app, &token, "?lang=es").await.json().await.unwrap();
    assert_eq!(spanish.service_name, "Visita de seguimiento");
    assert_eq!(spanish.language, Language::En, "still booked in English");
    let (status, error) = error_code(survey(&app, &token, "?lang=fr").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["lang"], "unsupported_language");

    let answered = answer_ok(
        &app,
        &token,
        json!({
            "rating": 4, "recommend": 9, "explained": "definitely", "listened": "somewhat",
            "respected": "definitely", "enough_time": "definitely",
            "comment": "  Friendly and on time.  ", "may_contact": true
        }),
    )
    .await;
    assert_eq!(answered.state, SurveyState::Answered);
    assert_eq!(answered.closes_at, None);
    assert_eq!(survey_ok(&app, &token).await.state, SurveyState::Answered);
    assert_eq!(
        visit_page_ok(&app, &token).await.survey,
        SurveyState::Answered
    );
    let stored: (
        i64,
        Option<i64>,
        Option<String>,
        Option<String>,
        i64,
        String,
    ) = sqlx::query_as(
        "SELECT rating, recommend, listened, comment, may_contact, language
         FROM survey_responses WHERE appointment_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            4,
            Some(9),
            Some("somewhat".into()),
            Some("Friendly and on time.".into()),
            1,
            "en".into()
        )
    );
    assert_eq!(
        follow_ups_of(&app, id).await,
        0,
        "a happy answer needs no call"
    );
}

#[tokio::test]
async fn cancelled_and_missed_visits_have_no_survey() {
    let app = console_app().await;
    let (_, cancelled) = visit_on(&app, "Dr. Amara Okafor", date(2026, 12, 7), "Cal Cancel").await;
    let done = app
        .post_json(&format!("/api/appointments/{cancelled}/cancel"), &json!({}))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let (missed_id, missed) =
        visit_on(&app, "Dr. Amara Okafor", date(2026, 12, 7), "Nora Noshow").await;
    let desk = sign_in(&app, DESK).await;
    let marked = post(
        &app,
        &desk,
        &format!("/api/console/appointments/{missed_id}/attendance"),
        json!({ "attendance": "no_show" }),
    )
    .await;
    assert_eq!(marked.status(), StatusCode::OK);

    for token in [&cancelled, &missed] {
        assert_eq!(survey_ok(&app, token).await.state, SurveyState::NotYet);
        let (status, error) = error_code(answer(&app, token, json!({ "rating": 1 })).await).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(error["error"], "survey_not_open");
    }
    assert_eq!(responses(&app).await, 0);
}

#[tokio::test]
async fn the_survey_closes_30_days_after_the_visit_ended() {
    let app = console_app().await;
    let (early_id, early) = completed_visit_of(&app, "Ella Early").await;
    let (late_id, late) = completed_visit_of(&app, "Lou Late").await;
    let (early_end, late_end) = (ends_at(&app, early_id).await, ends_at(&app, late_id).await);
    assert!(early_end < late_end);

    // The last second of the early visit's window: still open, and answerable.
    move_clock_to(&app, early_end + Duration::days(30) - Duration::seconds(1));
    assert_eq!(survey_ok(&app, &early).await.state, SurveyState::Open);
    answer_ok(&app, &early, json!({ "rating": 5 })).await;

    // Both visits ended more than 30 days ago.
    move_clock_to(&app, late_end + Duration::days(30));
    let closed = survey_ok(&app, &late).await;
    assert_eq!(closed.state, SurveyState::Closed);
    assert_eq!(closed.closes_at, None);
    assert_eq!(visit_page_ok(&app, &late).await.survey, SurveyState::Closed);
    let (status, error) = error_code(answer(&app, &late, json!({ "rating": 5 })).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "survey_closed");
    // An answer given in time is still acknowledged.
    assert_eq!(survey_ok(&app, &early).await.state, SurveyState::Answered);
    assert_eq!(responses(&app).await, 1);
}

#[tokio::test]
async fn answering_again_is_thanked_and_changes_nothing() {
    let app = console_app().await;
    let (id, token) = completed_visit_of(&app, "Dana Whitfield").await;
    answer_ok(
        &app,
        &token,
        json!({ "rating": 2, "comment": "Long wait." }),
    )
    .await;

    let (status, error) = error_code(
        answer(
            &app,
            &token,
            json!({ "rating": 5, "recommend": 10, "comment": "Changed my mind" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "already_answered");
    assert_eq!(error["message"], "Thanks, we already have your answers.");
    let stored: (i64, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT rating, recommend, comment FROM survey_responses WHERE appointment_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(stored, (2, None, Some("Long wait.".into())));
    assert_eq!(follow_ups_of(&app, id).await, 1);
}

#[tokio::test]
async fn many_submits_at_once_store_exactly_one_answer() {
    let app = console_app().await;
    let (id, token) = completed_visit_of(&app, "Tap Tapper").await;
    let sends = (0..8u8).map(|n| {
        answer(
            &app,
            &token,
            json!({ "rating": 1, "recommend": n, "comment": format!("try {n}") }),
        )
    });
    let results = futures::future::join_all(sends).await;
    let mut created = 0;
    let mut thanked = 0;
    for response in results {
        match response.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["error"], "already_answered");
                thanked += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((created, thanked), (1, 7));
    assert_eq!(responses(&app).await, 1);
    assert_eq!(follow_ups_of(&app, id).await, 1, "one item for one answer");
    assert_eq!(survey_ok(&app, &token).await.state, SurveyState::Answered);
}

#[tokio::test]
async fn a_token_reaches_only_its_own_visits_survey() {
    let app = console_app().await;
    let (a_id, a_token) = completed_visit_of(&app, "Ann Able").await;
    let (b_id, b_token) = visit_on(&app, "Dr. Luis Herrera", date(2026, 12, 7), "Ben Baker").await;
    complete(&app, b_id).await;

    let b_answered = answer_ok(
        &app,
        &b_token,
        json!({ "rating": 1, "comment": "Only B said this" }),
    )
    .await;
    assert_eq!(b_answered.preferred_name, "Ben");
    assert_eq!(b_answered.practitioner_name, "Dr. Luis Herrera");
    let a_view = survey_ok(&app, &a_token).await;
    assert_eq!(a_view.state, SurveyState::Open, "B's answer is not A's");
    assert_eq!(a_view.preferred_name, "Ann");
    assert_eq!(a_view.practitioner_name, "Dr. Amara Okafor");
    answer_ok(&app, &a_token, json!({ "rating": 5 })).await;
    let comments: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT appointment_id, comment FROM survey_responses ORDER BY appointment_id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected = vec![(a_id, None), (b_id, Some("Only B said this".into()))];
    expected.sort();
    assert_eq!(comments, expected);

    for token in ["0000000000000000000000", "not-a-token", "erased:1"] {
        assert_eq!(
            survey(&app, token, "").await.status(),
            StatusCode::NOT_FOUND
        );
        let (status, error) = error_code(answer(&app, token, json!({ "rating": 5 })).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(error["error"], "not_found");
    }
    assert_eq!(responses(&app).await, 2);
}

#[tokio::test]
async fn bad_answers_are_refused_by_field_and_change_nothing() {
    let app = console_app().await;
    let (_, token) = completed_visit_of(&app, "Val Invalid").await;
    let too_long = "x".repeat(2001);
    let cases = [
        (json!({ "rating": 0 }), "rating", "out_of_range"),
        (json!({ "rating": 6 }), "rating", "out_of_range"),
        (json!({ "rating": 300 }), "rating", "invalid"),
        (json!({ "rating": -1 }), "rating", "invalid"),
        (json!({ "rating": "5" }), "rating", "invalid"),
        (json!({ "recommend": 5 }), "rating", "required"),
        (
            json!({ "rating": 5, "recommend": 11 }),
            "recommend",
            "out_of_range",
        ),
        (
            json!({ "rating": 5, "recommend": 1000 }),
            "recommend",
            "invalid",
        ),
        (
            json!({ "rating": 5, "explained": "maybe" }),
            "explained",
            "invalid",
        ),
        (
            json!({ "rating": 5, "comment": too_long }),
            "comment",
            "too_long",
        ),
        (
            json!({ "rating": 5, "may_contact": "yes" }),
            "may_contact",
            "invalid",
        ),
    ];
    for (body, field, reason) in cases {
        let (status, error) = error_code(answer(&app, &token, body.clone()).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error["error"], "validation");
        assert_eq!(error["fields"][field], reason, "{body}: {error}");
    }
    // Every field that needs attention is named at once.
    let (_, error) = error_code(
        answer(
            &app,
            &token,
            json!({ "rating": 9, "recommend": 12, "comment": "y".repeat(2001) }),
        )
        .await,
    )
    .await;
    assert_eq!(
        error["fields"],
        json!({ "rating": "out_of_range", "recommend": "out_of_range", "comment": "too_long" })
    );
    assert_eq!(responses(&app).await, 0);
    assert_eq!(survey_ok(&app, &token).await.state, SurveyState::Open);

    // 2000 characters after trimming fit; a blank comment is no comment.
    let (_, other) = completed_visit_of(&app, "Ola Ok").await;
    let fits = format!("  {}  ", "é".repeat(2000));
    answer_ok(&app, &other, json!({ "rating": 3, "comment": fits })).await;
    let (_, blank) = completed_visit_of(&app, "Bea Blank").await;
    answer_ok(&app, &blank, json!({ "rating": 3, "comment": " \n\t " })).await;
    let comments: Vec<Option<String>> =
        sqlx::query_scalar("SELECT comment FROM survey_responses ORDER BY appointment_id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(comments, vec![Some("é".repeat(2000)), None]);
}

#[tokio::test]
async fn unhappy_answers_open_one_follow_up_and_happy_ones_none() {
    let app = console_app().await;
    let cases = [
        ("Low Rating", json!({ "rating": 2, "recommend": 8 }), 1),
        ("Dee Tractor", json!({ "rating": 4, "recommend": 6 }), 1),
        (
            "Nat No",
            json!({ "rating": 4, "recommend": 9, "respected": "no" }),
            1,
        ),
        (
            "All Bad",
            json!({ "rating": 1, "recommend": 0, "explained": "no", "listened": "no" }),
            1,
        ),
        (
            "Hap Happy",
            json!({ "rating": 5, "recommend": 10, "explained": "definitely",
                    "listened": "somewhat", "respected": "definitely", "enough_time": "somewhat" }),
            0,
        ),
        ("Sam Skipped", json!({ "rating": 3 }), 0),
    ];
    for (name, body, items) in cases {
        let (id, token) = completed_visit_of(&app, name).await;
        answer_ok(&app, &token, body).await;
        assert_eq!(follow_ups_of(&app, id).await, items, "{name}");
        let state: String =
            sqlx::query_scalar("SELECT state FROM follow_ups WHERE appointment_id = $1")
                .bind(id)
                .fetch_optional(&app.db.pool)
                .await
                .unwrap()
                .unwrap_or_else(|| "none".into());
        assert_eq!(state, if items == 1 { "open" } else { "none" });
    }
}
