//! The follow-up queue: unhappy survey answers reach the right staff (the clinic's admins and
//! front desk, the visit's own practitioner, nobody of another clinic), move open → contacted →
//! resolved (and back) with notes saying who did what and when, every read and change is
//! audited, and erasure blanks what the patient and staff wrote while the numbers stay.

use super::instructions::{complete, other_practitioner};
use super::*;
use crate::survey::{answer_ok, completed_visit_of, visit_on};
use app::wire::feedback::{
    CommunicationAnswer, FollowUpAction, FollowUpItem, FollowUpList, FollowUpReason, FollowUpState,
    FollowUpSummary,
};
use app::wire::Language;
use chrono::Duration;

/// A few minutes between steps: the items' times differ, sessions stay alive.
fn later(app: &TestApp) {
    app.clock.advance(Duration::minutes(2));
}

async fn get(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    from_console(app, app.client.get(app.url(path)), cookie)
        .send()
        .await
        .unwrap()
}

async fn queue(app: &TestApp, cookie: &str, state: &str) -> FollowUpList {
    let response = get(app, cookie, &format!("/api/console/follow-ups{state}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The appointment ids of a list's items among `visits`, in the list's order (the demo clinic
/// may bring items of its own).
fn visits_of(list: &FollowUpList, visits: &[i64]) -> Vec<i64> {
    list.items
        .iter()
        .map(|item| item.appointment_id)
        .filter(|id| visits.contains(id))
        .collect()
}

async fn summary(app: &TestApp, cookie: &str) -> FollowUpSummary {
    let response = get(app, cookie, "/api/console/follow-ups/summary").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn item(app: &TestApp, cookie: &str, id: i64) -> reqwest::Response {
    get(app, cookie, &format!("/api/console/follow-ups/{id}")).await
}

async fn act(app: &TestApp, cookie: &str, id: i64, body: Value) -> reqwest::Response {
    post(app, cookie, &format!("/api/console/follow-ups/{id}"), body).await
}

async fn act_ok(app: &TestApp, cookie: &str, id: i64, body: Value) -> FollowUpItem {
    let response = act(app, cookie, id, body).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn follow_up_id(app: &TestApp, appointment_id: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM follow_ups WHERE appointment_id = $1")
        .bind(appointment_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// An unhappy answer on a completed visit of Dr. Okafor's; returns (visit id, item id).
async fn unhappy_okafor_visit(app: &TestApp, name: &str) -> (i64, i64) {
    let (id, token) = completed_visit_of(app, name).await;
    answer_ok(
        app,
        &token,
        json!({ "rating": 2, "recommend": 3, "comment": "Nobody explained the tests." }),
    )
    .await;
    (id, follow_up_id(app, id).await)
}

async fn audit_lines(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT action, record_type, record_id FROM audit_log
         WHERE record_type = 'follow_up' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_queue_shows_each_role_its_own_items_and_no_other_clinic_any() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let herrera = other_practitioner(&app).await;
    let before = summary(&app, &admin).await;
    let okafor_before = summary(&app, &doctor).await;
    let herrera_before = summary(&app, &herrera).await;

    let (okafor_visit, okafor_token) = completed_visit_of(&app, "Dana Whitfield").await;
    answer_ok(
        &app,
        &okafor_token,
        json!({
            "rating": 4, "recommend": 6, "explained": "no", "listened": "definitely",
            "comment": "Felt rushed.", "may_contact": true
        }),
    )
    .await;
    later(&app);
    let (herrera_visit, herrera_token) = visit_on(
        &app,
        "Dr. Luis Herrera",
        date(2026, 12, 7),
        "Hugo Herrera-Patient",
    )
    .await;
    complete(&app, herrera_visit).await;
    answer_ok(&app, &herrera_token, json!({ "rating": 1 })).await;
    later(&app);
    let (_, happy_token) = completed_visit_of(&app, "Hap Happy").await;
    answer_ok(&app, &happy_token, json!({ "rating": 5, "recommend": 10 })).await;

    let desk = sign_in(&app, DESK).await;
    let other_clinic = other_clinic_admin(&app).await;
    let visits = [okafor_visit, herrera_visit];

    // Admins and the desk: the clinic's items, oldest first; the happy answer is not there.
    for cookie in [&admin, &desk] {
        let list = queue(&app, cookie, "").await;
        assert_eq!(visits_of(&list, &visits), vec![okafor_visit, herrera_visit]);
        assert_eq!(list.summary.open, before.open + 2);
        assert_eq!(list.summary, summary(&app, cookie).await);
    }
    // Each practitioner: only the items of their own visits, and counts of those.
    let okafor_list = queue(&app, &doctor, "?state=open").await;
    assert_eq!(visits_of(&okafor_list, &visits), vec![okafor_visit]);
    assert!(okafor_list
        .items
        .iter()
        .all(|i| i.practitioner_name == "Dr. Amara Okafor"));
    assert_eq!(okafor_list.summary.open, okafor_before.open + 1);
    let herrera_list = queue(&app, &herrera, "").await;
    assert_eq!(visits_of(&herrera_list, &visits), vec![herrera_visit]);
    assert!(herrera_list
        .items
        .iter()
        .all(|i| i.practitioner_name == "Dr. Luis Herrera"));
    let herrera_summary = summary(&app, &herrera).await;
    assert_eq!(herrera_summary.open, herrera_before.open + 1);
    assert_eq!(
        herrera_summary.oldest_open_at,
        Some(herrera_list.items[0].opened_at)
    );
    // Another clinic: nothing at all.
    let theirs = queue(&app, &other_clinic, "").await;
    assert!(theirs.items.is_empty());
    assert_eq!(
        summary(&app, &other_clinic).await,
        FollowUpSummary::default()
    );

    // What the clinic needs to call back.
    let dana = okafor_list
        .items
        .iter()
        .find(|i| i.appointment_id == okafor_visit)
        .unwrap();
    assert_eq!(dana.state, FollowUpState::Open);
    assert_eq!(
        dana.reasons,
        vec![FollowUpReason::Detractor, FollowUpReason::CommunicationNo]
    );
    assert_eq!(dana.patient_name, "Dana Whitfield");
    assert_eq!(dana.preferred_name, "Dana");
    assert_eq!(dana.email.as_deref(), Some("dana.whitfield@example.org"));
    assert_eq!(dana.language, Language::En);
    assert_eq!(dana.service_name, "Follow-up visit");
    assert_eq!(dana.practitioner_name, "Dr. Amara Okafor");
    assert!(dana.patient_id.is_some());
    assert_eq!(dana.answers.rating, 4);
    assert_eq!(dana.answers.recommend, Some(6));
    assert_eq!(dana.answers.explained, Some(CommunicationAnswer::No));
    assert_eq!(dana.answers.comment.as_deref(), Some("Felt rushed."));
    assert!(dana.answers.may_contact);
    assert_eq!(dana.answered_at, dana.opened_at);
    assert!(dana.events.is_empty());
    let oldest = summary(&app, &admin).await.oldest_open_at.unwrap();
    assert!(oldest <= dana.opened_at);

    // One item: in scope it reads; out of scope it does not exist.
    let okafor_item = dana.id;
    let herrera_item = follow_up_id(&app, herrera_visit).await;
    let shown = item(&app, &doctor, okafor_item).await;
    assert_eq!(shown.status(), StatusCode::OK);
    let shown: FollowUpItem = shown.json().await.unwrap();
    assert_eq!(&shown, dana);
    for (cookie, id) in [
        (&doctor, herrera_item),
        (&herrera, okafor_item),
        (&other_clinic, okafor_item),
        (&admin, 987_654),
    ] {
        assert_eq!(item(&app, cookie, id).await.status(), StatusCode::NOT_FOUND);
        let (status, _) =
            error_code(act(&app, cookie, id, json!({ "action": "contacted" })).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    for bad in ["abc", "1.5", "-", "99999999999999999999"] {
        let response = get(&app, &admin, &format!("/api/console/follow-ups/{bad}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    let (status, error) =
        error_code(get(&app, &admin, "/api/console/follow-ups?state=done").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["state"], "invalid");
    let anonymous = app
        .client
        .get(app.url("/api/console/follow-ups"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let anonymous = app
        .client
        .get(app.url("/api/console/follow-ups/summary"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn items_move_open_contacted_resolved_and_back_with_who_and_when() {
    let app = console_app().await;
    let before = summary(&app, &sign_in(&app, ADMIN).await).await;
    let (visit, id) = unhappy_okafor_visit(&app, "Dana Whitfield").await;
    later(&app);
    let desk = sign_in(&app, DESK).await;
    let desk_name = me_of(&app, &desk).await.display_name;
    let doctor = sign_in(&app, DOCTOR).await;
    let doctor_name = me_of(&app, &doctor).await.display_name;

    let contacted_at = app.clock.now();
    let contacted = act_ok(
        &app,
        &desk,
        id,
        json!({ "action": "contacted", "note": "  Called, will see Dr. Okafor again.  " }),
    )
    .await;
    assert_eq!(contacted.state, FollowUpState::Contacted);
    assert_eq!(contacted.events.len(), 1);
    assert_eq!(contacted.events[0].action, FollowUpAction::Contacted);
    assert_eq!(contacted.events[0].staff_name, desk_name);
    assert_eq!(contacted.events[0].at, contacted_at);
    assert_eq!(
        contacted.events[0].note.as_deref(),
        Some("Called, will see Dr. Okafor again.")
    );
    assert!(queue(&app, &desk, "")
        .await
        .items
        .iter()
        .all(|i| i.id != id));
    let contacted_list = queue(&app, &desk, "?state=contacted").await;
    assert_eq!(visits_of(&contacted_list, &[visit]), vec![visit]);

    // Actions that do not fit the state change nothing.
    for action in ["contacted", "reopened"] {
        let (status, error) =
            error_code(act(&app, &desk, id, json!({ "action": action })).await).await;
        assert_eq!(status, StatusCode::CONFLICT, "{action}");
        assert_eq!(error["error"], "invalid_transition");
    }
    // A note needs words; any note fits in 2000 characters.
    for (body, reason) in [
        (json!({ "action": "note" }), "required"),
        (json!({ "action": "note", "note": " \n " }), "required"),
        (
            json!({ "action": "note", "note": "n".repeat(2001) }),
            "too_long",
        ),
        (
            json!({ "action": "resolved", "note": "n".repeat(2001) }),
            "too_long",
        ),
    ] {
        let (status, error) = error_code(act(&app, &desk, id, body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"]["note"], reason);
    }
    for body in [
        json!({ "action": "called" }),
        json!({ "note": "no action" }),
        json!({ "action": "note", "note": 5 }),
    ] {
        let (status, _) = error_code(act(&app, &desk, id, body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Writes must come from the console's own pages.
    let forged = app
        .client
        .post(app.url(&format!("/api/console/follow-ups/{id}")))
        .header("cookie", &desk)
        .json(&json!({ "action": "resolved" }))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let unchanged: FollowUpItem = item(&app, &desk, id).await.json().await.unwrap();
    assert_eq!(unchanged.state, FollowUpState::Contacted);
    assert_eq!(unchanged.events.len(), 1);

    later(&app);
    let noted = act_ok(
        &app,
        &doctor,
        id,
        json!({ "action": "note", "note": "Booked a longer visit." }),
    )
    .await;
    assert_eq!(
        noted.state,
        FollowUpState::Contacted,
        "a note moves nothing"
    );
    later(&app);
    let resolved = act_ok(&app, &doctor, id, json!({ "action": "resolved" })).await;
    assert_eq!(resolved.state, FollowUpState::Resolved);
    for action in ["contacted", "resolved"] {
        let (status, error) =
            error_code(act(&app, &doctor, id, json!({ "action": action })).await).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(error["error"], "invalid_transition");
    }
    later(&app);
    let reopened = act_ok(
        &app,
        &desk,
        id,
        json!({ "action": "reopened", "note": "She called again." }),
    )
    .await;
    assert_eq!(reopened.state, FollowUpState::Open);
    later(&app);
    let resolved = act_ok(&app, &desk, id, json!({ "action": "resolved", "note": "" })).await;
    assert_eq!(resolved.state, FollowUpState::Resolved, "open → resolved");

    let history: Vec<(FollowUpAction, &str, Option<&str>)> = resolved
        .events
        .iter()
        .map(|e| (e.action, e.staff_name.as_str(), e.note.as_deref()))
        .collect();
    assert_eq!(
        history,
        vec![
            (
                FollowUpAction::Contacted,
                desk_name.as_str(),
                Some("Called, will see Dr. Okafor again.")
            ),
            (
                FollowUpAction::Note,
                doctor_name.as_str(),
                Some("Booked a longer visit.")
            ),
            (FollowUpAction::Resolved, doctor_name.as_str(), None),
            (
                FollowUpAction::Reopened,
                desk_name.as_str(),
                Some("She called again.")
            ),
            (FollowUpAction::Resolved, desk_name.as_str(), None),
        ]
    );
    let times: Vec<_> = resolved.events.iter().map(|e| e.at).collect();
    assert!(
        times.windows(2).all(|pair| pair[0] < pair[1]),
        "oldest first"
    );
    let counts = summary(&app, &desk).await;
    assert_eq!(
        (counts.open, counts.contacted, counts.resolved),
        (before.open, before.contacted, before.resolved + 1)
    );
    assert_eq!(counts.oldest_open_at, before.oldest_open_at);
    let resolved_list = queue(&app, &desk, "?state=resolved").await;
    assert_eq!(visits_of(&resolved_list, &[visit]), vec![visit]);

    let staff_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT staff_id FROM follow_up_events WHERE follow_up_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(staff_ids.len(), 5);
    assert_ne!(staff_ids[0], staff_ids[1], "the desk, then the doctor");
}

#[tokio::test]
async fn open_items_come_oldest_first_and_resolved_ones_latest_first() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let (first_visit, first) = unhappy_okafor_visit(&app, "Olive Older").await;
    later(&app);
    let (second_visit, second) = unhappy_okafor_visit(&app, "Nina Newer").await;
    let both = [first_visit, second_visit];
    let open = queue(&app, &desk, "").await;
    assert_eq!(visits_of(&open, &both), vec![first_visit, second_visit]);

    // The newer item is resolved first, the older one later: the latest resolution leads.
    later(&app);
    act_ok(&app, &desk, second, json!({ "action": "resolved" })).await;
    later(&app);
    act_ok(&app, &desk, first, json!({ "action": "resolved" })).await;
    let resolved = queue(&app, &desk, "?state=resolved").await;
    assert_eq!(visits_of(&resolved, &both), vec![first_visit, second_visit]);
    later(&app);
    act_ok(&app, &desk, second, json!({ "action": "reopened" })).await;
    later(&app);
    act_ok(&app, &desk, second, json!({ "action": "resolved" })).await;
    let resolved = queue(&app, &desk, "?state=resolved").await;
    assert_eq!(visits_of(&resolved, &both), vec![second_visit, first_visit]);
}

#[tokio::test]
async fn reads_and_changes_are_audited_by_id_only() {
    let app = console_app().await;
    let (_, first) = unhappy_okafor_visit(&app, "Ann Able").await;
    let (_, second) = unhappy_okafor_visit(&app, "Ben Baker").await;
    let admin = sign_in(&app, ADMIN).await;

    let before = audit_lines(&app).await.len();
    summary(&app, &admin).await;
    assert_eq!(
        audit_lines(&app).await.len(),
        before,
        "counts are no patient data"
    );
    let list = queue(&app, &admin, "").await;
    let listed: Vec<String> = list.items.iter().map(|i| i.id.to_string()).collect();
    assert!(listed.contains(&first.to_string()) && listed.contains(&second.to_string()));
    assert_eq!(item(&app, &admin, first).await.status(), StatusCode::OK);
    act_ok(
        &app,
        &admin,
        second,
        json!({ "action": "note", "note": "Private words about the patient" }),
    )
    .await;
    let lines = audit_lines(&app).await;
    assert_eq!(
        lines[before..].to_vec(),
        vec![
            (
                "view_follow_ups".into(),
                "follow_up".into(),
                listed.join(",")
            ),
            (
                "view_follow_up".into(),
                "follow_up".into(),
                first.to_string()
            ),
            (
                "update_follow_up".into(),
                "follow_up".into(),
                second.to_string()
            ),
        ]
    );
    // An empty list has nothing to audit.
    let other_clinic = other_clinic_admin(&app).await;
    assert!(queue(&app, &other_clinic, "").await.items.is_empty());
    assert_eq!(audit_lines(&app).await.len(), lines.len());
}

#[tokio::test]
async fn erasure_blanks_the_comment_and_notes_and_keeps_the_numbers() {
    let app = console_app().await;
    let (visit, id) = unhappy_okafor_visit(&app, "Erin Erased").await;
    let (kept_visit, kept) = unhappy_okafor_visit(&app, "Kim Kept").await;
    let admin = sign_in(&app, ADMIN).await;
    for item_id in [id, kept] {
        act_ok(
            &app,
            &admin,
            item_id,
            json!({ "action": "contacted", "note": "Talked about the tests." }),
        )
        .await;
    }
    let before = summary(&app, &admin).await;

    let patient: i64 = sqlx::query_scalar("SELECT patient_id FROM appointments WHERE id = $1")
        .bind(visit)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let erased = post(
        &app,
        &admin,
        &format!("/api/console/patients/{patient}/erase"),
        json!({}),
    )
    .await;
    assert_eq!(erased.status(), StatusCode::OK);

    let answers: Vec<(i64, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT appointment_id, rating, recommend, comment FROM survey_responses
         WHERE appointment_id IN ($1, $2) ORDER BY appointment_id",
    )
    .bind(visit)
    .bind(kept_visit)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected = vec![
        (visit, 2, Some(3), None),
        (
            kept_visit,
            2,
            Some(3),
            Some("Nobody explained the tests.".into()),
        ),
    ];
    expected.sort();
    assert_eq!(answers, expected, "the numbers stay, the erased words go");
    let notes: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT follow_up_id, action, note FROM follow_up_events
         WHERE follow_up_id IN ($1, $2) ORDER BY follow_up_id",
    )
    .bind(id)
    .bind(kept)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected = vec![
        (id, "contacted".to_string(), None),
        (
            kept,
            "contacted".to_string(),
            Some("Talked about the tests.".into()),
        ),
    ];
    expected.sort();
    assert_eq!(notes, expected);
    // Nobody is left to call: the item leaves the queue.
    assert_eq!(item(&app, &admin, id).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(item(&app, &admin, kept).await.status(), StatusCode::OK);
    assert_eq!(summary(&app, &admin).await.contacted, before.contacted - 1);
}

#[tokio::test]
async fn retention_blanks_old_comments_and_notes_too() {
    let app = console_app().await;
    let (visit, id) = unhappy_okafor_visit(&app, "Olga Oldvisit").await;
    let admin = sign_in(&app, ADMIN).await;
    act_ok(
        &app,
        &admin,
        id,
        json!({ "action": "note", "note": "Left a voicemail." }),
    )
    .await;
    let run_at = app.now + Duration::days(400);
    carebook::db::erasure::retention(&app.db, 30, run_at)
        .await
        .unwrap();
    let (rating, comment): (i64, Option<String>) =
        sqlx::query_as("SELECT rating, comment FROM survey_responses WHERE appointment_id = $1")
            .bind(visit)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((rating, comment), (2, None));
    let note: Option<String> =
        sqlx::query_scalar("SELECT note FROM follow_up_events WHERE follow_up_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(note, None);
}
