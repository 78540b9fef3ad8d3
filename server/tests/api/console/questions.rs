//! The inbox: a patient's question reaches staff of the visit's clinic, a reply reaches the
//! visit page, one reply per question, filters by state, clinic walls, audit, and text that is
//! returned exactly as typed (no HTML processing on the server).

use super::instructions::{completed_visit, publish_ok, visit_page_ok};
use super::*;
use app::wire::instructions::{InboxQuestion, Understanding, VisitInstructions};

async fn ask(app: &TestApp, token: &str, text: &str) -> VisitInstructions {
    let response = app
        .post_json(
            &format!("/api/appointments/{token}/questions"),
            &json!({ "text": text }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn inbox(app: &TestApp, cookie: &str, state: &str) -> Vec<InboxQuestion> {
    let url = app.url(&format!("/api/console/questions{state}"));
    let response = from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn reply(app: &TestApp, cookie: &str, id: i64, text: &str) -> reqwest::Response {
    post(
        app,
        cookie,
        &format!("/api/console/questions/{id}/reply"),
        json!({ "text": text }),
    )
    .await
}

#[tokio::test]
async fn a_question_reaches_the_inbox_and_the_reply_reaches_the_visit_page() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let doctor = sign_in(&app, DOCTOR).await;
    publish_ok(&app, &doctor, id, "Ice the knee.").await;
    let answered = app
        .post_json(
            &format!("/api/appointments/{token}/understanding"),
            &json!({ "answer": "not_sure", "version": 1 }),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::OK);

    let first = ask(&app, &token, "  How long should I ice it?  ").await;
    assert_eq!(first.questions.len(), 1);
    assert_eq!(first.questions[0].text, "How long should I ice it?");
    assert!(first.questions[0].reply.is_none());
    ask(&app, &token, "Can I walk the dog?").await;

    let desk = sign_in(&app, DESK).await;
    let open = inbox(&app, &desk, "").await;
    assert_eq!(open.len(), 2);
    let question = &open[0];
    assert_eq!(question.text, "How long should I ice it?");
    assert_eq!(question.appointment_id, id);
    assert_eq!(question.patient_name, "Dee");
    assert_eq!(question.service_name, "Follow-up visit");
    assert_eq!(question.practitioner_name, "Dr. Amara Okafor");
    assert_eq!(question.visit_date, date(2026, 12, 7));
    assert_eq!(question.understanding, Some(Understanding::NotSure));
    assert_eq!(question.asked_at, app.now);

    let replied = reply(&app, &desk, question.id, " 15 minutes, three times a day. ").await;
    assert_eq!(replied.status(), StatusCode::OK);
    let replied: InboxQuestion = replied.json().await.unwrap();
    let staff_reply = replied.reply.expect("the reply is saved");
    assert_eq!(staff_reply.text, "15 minutes, three times a day.");
    assert_eq!(staff_reply.replied_by, "Frankie Desk");

    let page = visit_page_ok(&app, &token).await;
    let shown = page.questions[0]
        .reply
        .as_ref()
        .expect("the patient sees the reply");
    assert_eq!(shown.text, "15 minutes, three times a day.");
    assert!(page.questions[1].reply.is_none());

    let (status, error) = error_code(reply(&app, &doctor, question.id, "Again").await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "already_answered");

    let open: Vec<i64> = inbox(&app, &desk, "?state=open")
        .await
        .iter()
        .map(|q| q.id)
        .collect();
    let answered: Vec<i64> = inbox(&app, &desk, "?state=answered")
        .await
        .iter()
        .map(|q| q.id)
        .collect();
    let all = inbox(&app, &desk, "?state=all").await;
    assert_eq!(answered, [question.id]);
    assert_eq!(open, [page.questions[1].id]);
    assert_eq!(all.len(), 2);
    let (status, error) = error_code(
        from_console(
            &app,
            app.client.get(app.url("/api/console/questions?state=new")),
            &desk,
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["state"], "invalid");

    let audited: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, record_id FROM audit_log WHERE record_type = 'question' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(audited.contains(&("reply_question".to_string(), question.id.to_string())));
    assert!(audited
        .iter()
        .any(|(action, ids)| action == "view_questions"
            && ids.split(',').any(|id| id == question.id.to_string())));
}

#[tokio::test]
async fn another_clinics_staff_never_see_or_answer_our_questions() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let asked = ask(&app, &token, "A private question").await;
    let other = other_clinic_admin(&app).await;
    assert!(inbox(&app, &other, "?state=all").await.is_empty());
    let (status, _) = error_code(reply(&app, &other, asked.questions[0].id, "Hi").await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for bad in ["abc", "999999"] {
        let response = post(
            &app,
            &other,
            &format!("/api/console/questions/{bad}/reply"),
            json!({ "text": "x" }),
        )
        .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert!(visit_page_ok(&app, &token).await.questions[0]
        .reply
        .is_none());
}

#[tokio::test]
async fn questions_and_replies_come_back_as_the_literal_text_typed() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let payload = "<script>alert(1)</script> <img src=x onerror=alert(2)> **not bold** &amp;";
    let asked = ask(&app, &token, payload).await;
    assert_eq!(asked.questions[0].text, payload);
    let admin = sign_in(&app, ADMIN).await;
    assert_eq!(inbox(&app, &admin, "").await[0].text, payload);
    let replied = reply(&app, &admin, asked.questions[0].id, payload).await;
    assert_eq!(replied.status(), StatusCode::OK);
    let page = visit_page_ok(&app, &token).await;
    assert_eq!(page.questions[0].text, payload);
    assert_eq!(page.questions[0].reply.as_ref().unwrap().text, payload);

    for (text, reason) in [("  ", "required"), (&*"x".repeat(2001), "too_long")] {
        let (status, error) =
            error_code(reply(&app, &admin, asked.questions[0].id, text).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"]["text"], reason);
    }
}
