//! The visit page's after-visit part, by token and without login: a patient sees only their
//! own visit's instructions and questions, answers "Did this make sense?" per version, and asks
//! questions within limits.

use crate::console::instructions::{completed_visit, publish_ok, visit_page, visit_page_ok};
use crate::console::{app_token, console_app, sign_in, DOCTOR};
use crate::helpers::*;
use app::wire::instructions::{Understanding, VisitInstructions};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::json;

/// A second completed visit, Tuesday 8 December, another patient of Dr. Okafor.
async fn tuesday_visit(app: &TestApp) -> (i64, String) {
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let visit = app
        .book_ok(&request(service, Some(okafor), start, "Bo Brandt"))
        .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    crate::console::instructions::complete(app, id).await;
    (id, visit.token)
}

#[tokio::test]
async fn a_token_shows_its_own_visit_and_nothing_of_another() {
    let app = console_app().await;
    let a = completed_visit(&app).await;
    let a_token = app_token(&app, a).await;
    let (b, b_token) = tuesday_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;

    let before = visit_page_ok(&app, &a_token).await;
    assert!(
        before.latest.is_none(),
        "nothing until the practitioner writes"
    );
    assert!(before.questions.is_empty());
    assert_eq!(before.clinic_phone, "+1 212 555 0142");

    publish_ok(&app, &doctor, a, "Only for A: rest the knee.").await;
    let asked = app
        .post_json(
            &format!("/api/appointments/{a_token}/questions"),
            &json!({ "text": "A's question" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);

    let a_page = visit_page_ok(&app, &a_token).await;
    assert!(a_page.latest.unwrap().body_html.contains("Only for A"));
    assert_eq!(a_page.questions.len(), 1);
    let b_page = visit_page_ok(&app, &b_token).await;
    assert_eq!(
        b_page,
        VisitInstructions {
            latest: None,
            understanding: None,
            questions: vec![],
            clinic_phone: "+1 212 555 0142".into(),
            survey: app::wire::feedback::SurveyState::Open,
        },
        "B's token shows nothing of A's visit"
    );
    publish_ok(&app, &doctor, b, "For B.").await;
    let b_page = visit_page_ok(&app, &b_token).await;
    assert!(!b_page.latest.unwrap().body_html.contains("Only for A"));
    // B cannot answer for A's version by number: B's own version 1 is what it answers.
    assert!(b_page.questions.is_empty());

    for token in ["0000000000000000000000", "not-a-token", "erased:1"] {
        assert_eq!(
            visit_page(&app, token).await.status(),
            StatusCode::NOT_FOUND
        );
        let (status, _) = error_code(
            app.post_json(
                &format!("/api/appointments/{token}/questions"),
                &json!({ "text": "hello" }),
            )
            .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_answer_is_kept_per_version_and_must_name_a_published_one() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let path = format!("/api/appointments/{token}/understanding");

    let (status, error) = error_code(
        app.post_json(&path, &json!({ "answer": "yes", "version": 1 }))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["version"], "unknown_version");

    publish_ok(&app, &doctor, id, "First").await;
    let answered = app
        .post_json(&path, &json!({ "answer": "not_sure", "version": 1 }))
        .await;
    assert_eq!(answered.status(), StatusCode::OK);
    let page: VisitInstructions = answered.json().await.unwrap();
    assert_eq!(page.understanding, Some(Understanding::NotSure));
    let again: VisitInstructions = app
        .post_json(&path, &json!({ "answer": "yes", "version": 1 }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again.understanding,
        Some(Understanding::Yes),
        "answering again replaces"
    );
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teach_back_answers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);

    publish_ok(&app, &doctor, id, "Second, clearer").await;
    let page = visit_page_ok(&app, &token).await;
    assert_eq!(page.latest.unwrap().version, 2);
    assert_eq!(
        page.understanding, None,
        "the new version has not been answered yet"
    );
    for bad in [
        json!({ "answer": "yes", "version": 3 }),
        json!({ "answer": "maybe", "version": 2 }),
        json!({ "answer": "yes" }),
        json!({ "answer": "yes", "version": -1 }),
    ] {
        let (status, error) = error_code(app.post_json(&path, &bad).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(error["error"], "validation");
    }
}

#[tokio::test]
async fn questions_must_say_something_fit_and_not_pile_up() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let path = format!("/api/appointments/{token}/questions");
    for (text, reason) in [
        (" \n ".to_string(), "required"),
        ("é".repeat(2001), "too_long"),
    ] {
        let (status, error) =
            error_code(app.post_json(&path, &json!({ "text": text })).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"]["text"], reason);
    }
    let longest = app
        .post_json(&path, &json!({ "text": "é".repeat(2000) }))
        .await;
    assert_eq!(longest.status(), StatusCode::CREATED);
    for n in 1..20 {
        let asked = app
            .post_json(&path, &json!({ "text": format!("Question {n}") }))
            .await;
        assert_eq!(asked.status(), StatusCode::CREATED);
    }
    let (status, error) =
        error_code(app.post_json(&path, &json!({ "text": "One more" })).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["text"], "too_many_open_questions");
    let (status, error) = error_code(app.post_json(&path, &json!({})).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"], "validation");
    assert_eq!(visit_page_ok(&app, &token).await.questions.len(), 20);
}
