//! Writing after-visit instructions: only once the visit is completed, only by its practitioner
//! or an admin, every save a new version (staff see all, the patient the latest), templates per
//! service, the "Not sure" report, clinic walls, audit, XSS and erasure. Shared helpers here
//! are used by the patient-side and inbox tests too.

use super::*;
use app::wire::instructions::{
    InstructionTemplate, InstructionVersion, InstructionsEditor, UnderstandingReport,
    VisitInstructions,
};
use app::wire::Language;

/// XSS payloads that must come out inert wherever staff Markdown is shown as HTML.
pub const XSS: &str = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>\n\n\
<iframe src=\"https://evil.example\"></iframe><svg onload=alert(5)>";

/// No script can run from this HTML: no tag in it is script-capable, has an event handler or
/// a script URL (raw HTML in the Markdown comes out as escaped text, which is fine).
pub fn assert_inert(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default().to_lowercase();
        for bad in [
            "script",
            "img",
            "iframe",
            "svg",
            "javascript:",
            " on",
            "style",
        ] {
            assert!(!tag.contains(bad), "<{tag}> survived in {html}");
        }
    }
}

/// Marks the visit completed through the console, as the practitioner would.
pub async fn complete(app: &TestApp, id: i64) {
    let cookie = sign_in(app, DESK).await;
    let done = post(
        app,
        &cookie,
        &format!("/api/console/appointments/{id}/attendance"),
        json!({ "attendance": "completed" }),
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);
}

/// Monday's visit with Dr. Okafor, completed.
pub async fn completed_visit(app: &TestApp) -> i64 {
    let id = monday_visit(app).await;
    complete(app, id).await;
    id
}

pub async fn publish(app: &TestApp, cookie: &str, id: i64, body: Value) -> reqwest::Response {
    post(
        app,
        cookie,
        &format!("/api/console/appointments/{id}/instructions"),
        body,
    )
    .await
}

pub async fn publish_ok(app: &TestApp, cookie: &str, id: i64, body_md: &str) -> InstructionVersion {
    let response = publish(
        app,
        cookie,
        id,
        json!({ "language": "en", "body_md": body_md }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn editor(app: &TestApp, cookie: &str, id: i64) -> reqwest::Response {
    let url = app.url(&format!("/api/console/appointments/{id}/instructions"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

pub async fn editor_ok(app: &TestApp, cookie: &str, id: i64) -> InstructionsEditor {
    let response = editor(app, cookie, id).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// What the visit page shows, by token.
pub async fn visit_page(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/appointments/{token}/instructions")))
        .send()
        .await
        .unwrap()
}

pub async fn visit_page_ok(app: &TestApp, token: &str) -> VisitInstructions {
    let response = visit_page(app, token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// A practitioner account for Dr. Herrera, who did not see Monday's patient.
pub async fn other_practitioner(app: &TestApp) -> String {
    let account = carebook::demo::StaffAccount {
        clinic_slug: "demo",
        email: "herrera@demo.carebook.test",
        name: "Dr. Luis Herrera",
        role: "practitioner",
        practitioner_code: Some("herrera"),
    };
    carebook::demo::create_staff(&app.db, &account, PASSWORD, app.now)
        .await
        .unwrap();
    sign_in(app, "herrera@demo.carebook.test").await
}

async fn templates_of(app: &TestApp, cookie: &str, service_id: i64) -> Vec<InstructionTemplate> {
    let url = app.url(&format!(
        "/api/console/instruction-templates?service_id={service_id}"
    ));
    let response = from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn audit_actions(app: &TestApp, record_id: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE record_type = 'appointment' AND record_id = $1 ORDER BY id",
    )
    .bind(record_id.to_string())
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn instructions_wait_for_the_completed_visit_and_only_its_practitioner_or_an_admin_writes_them(
) {
    let app = console_app().await;
    let id = monday_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let body = json!({ "language": "en", "body_md": "Rest today." });

    let (status, error) = error_code(publish(&app, &doctor, id, body.clone()).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "not_completed");
    assert!(!editor_ok(&app, &doctor, id).await.completed);

    complete(&app, id).await;
    let desk = sign_in(&app, DESK).await;
    let herrera = other_practitioner(&app).await;
    for cookie in [&desk, &herrera] {
        let (status, error) = error_code(publish(&app, cookie, id, body.clone()).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(error["error"], "forbidden");
        // They may read the editor, not write.
        let page = editor_ok(&app, cookie, id).await;
        assert!(page.completed);
        assert!(!page.can_write);
    }
    assert!(editor_ok(&app, &doctor, id).await.can_write);

    let first = publish_ok(&app, &doctor, id, "# Rest\n\nRest today.").await;
    assert_eq!(first.version, 1);
    assert_eq!(first.author_name, "Dr. Amara Okafor");
    let admin = sign_in(&app, ADMIN).await;
    assert!(editor_ok(&app, &admin, id).await.can_write);
    let second = publish_ok(&app, &admin, id, "Rest **two** days.").await;
    assert_eq!(second.version, 2);
    let third = publish_ok(&app, &doctor, id, "Rest three days.").await;
    assert_eq!(third.version, 3);

    let page = editor_ok(&app, &desk, id).await;
    let history: Vec<(u32, &str)> = page
        .versions
        .iter()
        .map(|v| (v.version, v.body_md.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (3, "Rest three days."),
            (2, "Rest **two** days."),
            (1, "# Rest\n\nRest today.")
        ],
        "every version is kept, newest first"
    );
    assert_eq!(
        page.versions[1].body_html,
        "<p>Rest <strong>two</strong> days.</p>\n"
    );
    assert_eq!(page.patient_name, "Dee");
    assert_eq!(page.practitioner_name, "Dr. Amara Okafor");
    assert_eq!(page.visit_date, date(2026, 12, 7));

    let shown = visit_page_ok(&app, &app_token(&app, id).await).await;
    let latest = shown.latest.expect("published instructions show");
    assert_eq!(latest.version, 3);
    assert_eq!(latest.body_html, "<p>Rest three days.</p>\n");
    assert_eq!(latest.practitioner_name, "Dr. Amara Okafor");
    assert_eq!(latest.visit_date, date(2026, 12, 7));
    assert_eq!(latest.published_at, app.now);
}

#[tokio::test]
async fn the_language_defaults_to_the_patients_and_the_practitioner_may_choose_another() {
    let app = console_app().await;
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let mut booking = request(service, Some(okafor), start, "Lucía Ortega");
    booking.patient.language = Language::Es;
    let visit = app.book_ok(&booking).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&visit.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    complete(&app, id).await;
    let doctor = sign_in(&app, DOCTOR).await;
    assert_eq!(
        editor_ok(&app, &doctor, id).await.patient_language,
        Language::Es
    );
    let response = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "es", "body_md": "Descanse hoy." }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let english = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "en", "body_md": "Rest today." }),
    )
    .await;
    assert_eq!(english.status(), StatusCode::CREATED);
    let page = visit_page_ok(&app, &visit.token).await;
    assert_eq!(page.latest.unwrap().language, Language::En);
    let history = editor_ok(&app, &doctor, id).await.versions;
    assert_eq!(history[1].language, Language::Es);

    let (status, error) = error_code(
        publish(
            &app,
            &doctor,
            id,
            json!({ "language": "fr", "body_md": "Bonjour" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"], "validation");
}

#[tokio::test]
async fn templates_are_per_service_written_by_clinicians_and_read_by_everyone() {
    let app = console_app().await;
    let physio = app.service_id("Physiotherapy session").await;
    let follow_up = app.service_id("Follow-up visit").await;
    let doctor = sign_in(&app, DOCTOR).await;
    let desk = sign_in(&app, DESK).await;

    // The demo's templates: one per language for each service.
    let demo: Vec<(Language, String)> = templates_of(&app, &desk, physio)
        .await
        .into_iter()
        .map(|t| (t.language, t.title))
        .collect();
    assert_eq!(
        demo,
        [
            (Language::En, "After your physiotherapy session".to_string()),
            (
                Language::Es,
                "Después de su sesión de fisioterapia".to_string()
            )
        ]
    );

    let draft = json!({ "service_id": follow_up, "language": "en",
        "title": "  After a blood pressure check ", "body_md": "Check it weekly." });
    let denied = post(
        &app,
        &desk,
        "/api/console/instruction-templates",
        draft.clone(),
    )
    .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    let created = post(&app, &doctor, "/api/console/instruction-templates", draft).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: InstructionTemplate = created.json().await.unwrap();
    assert_eq!(created.title, "After a blood pressure check");
    assert_eq!(created.service_id, follow_up);

    let path = format!("/api/console/instruction-templates/{}", created.id);
    let changed = from_console(&app, app.client.put(app.url(&path)), &doctor)
        .json(&json!({ "service_id": follow_up, "language": "es",
            "title": "Presión arterial", "body_md": "Mídala cada semana." }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let listed = templates_of(&app, &desk, follow_up).await;
    let mine = listed.iter().find(|t| t.id == created.id).unwrap();
    assert_eq!(mine.language, Language::Es);
    assert_eq!(mine.body_md, "Mídala cada semana.");

    let other = other_clinic_admin(&app).await;
    let foreign = from_console(&app, app.client.put(app.url(&path)), &other)
        .json(&json!({ "service_id": follow_up, "language": "en", "title": "x", "body_md": "y" }))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let url = app.url("/api/console/instruction-templates");
    let theirs: Vec<InstructionTemplate> = from_console(&app, app.client.get(url), &other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty(), "another clinic sees none of ours");

    for (bad, field, reason) in [
        (
            json!({ "service_id": physio, "language": "en", "title": " ", "body_md": "x" }),
            "title",
            "required",
        ),
        (
            json!({ "service_id": physio, "language": "en", "title": "x".repeat(121), "body_md": "x" }),
            "title",
            "too_long",
        ),
        (
            json!({ "service_id": physio, "language": "en", "title": "x", "body_md": "" }),
            "body_md",
            "required",
        ),
        (
            json!({ "service_id": physio, "language": "en", "title": "x", "body_md": "x".repeat(20_001) }),
            "body_md",
            "too_long",
        ),
        (
            json!({ "service_id": 999_999, "language": "en", "title": "x", "body_md": "x" }),
            "service_id",
            "unknown_service",
        ),
    ] {
        let (status, error) =
            error_code(post(&app, &doctor, "/api/console/instruction-templates", bad).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"][field], reason);
    }
    let (status, error) = error_code(
        post(
            &app,
            &doctor,
            "/api/console/instruction-templates",
            json!({ "service_id": physio, "language": "de", "title": "x", "body_md": "x" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"], "validation");
}

#[tokio::test]
async fn a_template_must_be_of_the_visits_service_and_clinic_and_articles_must_exist() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let physio = app.service_id("Physiotherapy session").await;
    let own = templates_of(&app, &doctor, follow_up).await;
    let wrong_service = templates_of(&app, &doctor, physio).await;

    let with_template = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "en", "body_md": own[0].body_md, "template_id": own[0].id }),
    )
    .await;
    assert_eq!(with_template.status(), StatusCode::CREATED);
    let version: InstructionVersion = with_template.json().await.unwrap();
    assert_eq!(version.template_id, Some(own[0].id));
    assert!(
        version.body_html.contains("<h3>"),
        "headings render (one level down)"
    );

    for (body, field, reason) in [
        (
            json!({ "language": "en", "body_md": "x", "template_id": wrong_service[0].id }),
            "template_id",
            "unknown_template",
        ),
        (
            json!({ "language": "en", "body_md": "x", "template_id": 999_999 }),
            "template_id",
            "unknown_template",
        ),
        (
            json!({ "language": "en", "body_md": "   " }),
            "body_md",
            "required",
        ),
        (
            json!({ "language": "en", "body_md": "x".repeat(20_001) }),
            "body_md",
            "too_long",
        ),
        (
            json!({ "language": "en", "body_md": "x", "article_slugs": ["no-such-article"] }),
            "article_slugs",
            "unknown_article",
        ),
        (
            json!({ "language": "en", "body_md": "x", "article_slugs": ["../etc"] }),
            "article_slugs",
            "invalid",
        ),
        (
            json!({ "language": "en", "body_md": "x", "article_slugs": ["a", "a"] }),
            "article_slugs",
            "duplicate",
        ),
        (
            json!({ "language": "en", "body_md": "x", "article_slugs": (0..11).map(|i| format!("a{i}")).collect::<Vec<_>>() }),
            "article_slugs",
            "too_many",
        ),
    ] {
        let (status, error) = error_code(publish(&app, &doctor, id, body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        assert_eq!(error["fields"][field], reason);
    }
    let (status, error) = error_code(
        from_console(
            &app,
            app.client
                .post(app.url(&format!("/api/console/appointments/{id}/instructions"))),
            &doctor,
        )
        .header("content-type", "application/json")
        .body("")
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert!(status.is_client_error(), "{status}");
    assert!(error["error"].is_string());
    assert_eq!(editor_ok(&app, &doctor, id).await.versions.len(), 1);
}

#[tokio::test]
async fn another_clinics_staff_find_nothing_and_reads_and_writes_are_audited() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    publish_ok(&app, &doctor, id, "Rest today.").await;
    editor_ok(&app, &doctor, id).await;
    let actions = audit_actions(&app, id).await;
    assert!(
        actions.contains(&"publish_instructions".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"view_instructions".to_string()),
        "{actions:?}"
    );

    let other = other_clinic_admin(&app).await;
    assert_eq!(
        editor(&app, &other, id).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _) = error_code(
        publish(
            &app,
            &other,
            id,
            json!({ "language": "en", "body_md": "Mine now" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for bad in ["999999", "abc"] {
        let url = app.url(&format!("/api/console/appointments/{bad}/instructions"));
        let response = from_console(&app, app.client.get(url), &doctor)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(editor_ok(&app, &doctor, id).await.versions.len(), 1);
}

#[tokio::test]
async fn script_in_instructions_and_templates_comes_out_inert() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let version = publish_ok(&app, &doctor, id, XSS).await;
    assert_inert(&version.body_html);
    assert_eq!(
        version.body_md, XSS,
        "staff get their Markdown back as written"
    );
    let shown = visit_page_ok(&app, &app_token(&app, id).await).await;
    assert_inert(&shown.latest.unwrap().body_html);
    assert_inert(&editor_ok(&app, &doctor, id).await.versions[0].body_html);

    let follow_up = app.service_id("Follow-up visit").await;
    let created = post(
        &app,
        &doctor,
        "/api/console/instruction-templates",
        json!({ "service_id": follow_up, "language": "en", "title": "<b>x</b>", "body_md": XSS }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: InstructionTemplate = created.json().await.unwrap();
    // A template is Markdown source: returned as written, rendered only once published.
    assert_eq!(created.body_md, XSS);
    assert_eq!(created.title, "<b>x</b>");
    let from_template = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "en", "body_md": created.body_md, "template_id": created.id }),
    )
    .await;
    let from_template: InstructionVersion = from_template.json().await.unwrap();
    assert_inert(&from_template.body_html);
}

async fn answer(app: &TestApp, token: &str, version: u32, answer: &str) {
    let response = app
        .post_json(
            &format!("/api/appointments/{token}/understanding"),
            &json!({ "answer": answer, "version": version }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_report_counts_yes_and_not_sure_per_template_and_per_practitioner() {
    let app = console_app().await;
    let doctor = sign_in(&app, DOCTOR).await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let template = templates_of(&app, &doctor, follow_up)
        .await
        .into_iter()
        .find(|t| t.language == Language::En)
        .unwrap();

    // Visit A (Okafor): v1 from the template → not sure; v2 without → yes.
    let a = completed_visit(&app).await;
    let a_token = app_token(&app, a).await;
    let v1 = publish(
        &app,
        &doctor,
        a,
        json!({ "language": "en", "body_md": "v1", "template_id": template.id }),
    )
    .await;
    assert_eq!(v1.status(), StatusCode::CREATED);
    answer(&app, &a_token, 1, "yes").await;
    answer(&app, &a_token, 1, "not_sure").await; // replaces the first answer
    publish_ok(&app, &doctor, a, "v2").await;
    answer(&app, &a_token, 2, "yes").await;

    // Visit B (Okafor, Tuesday): from the template → not sure.
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let start = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let b = app
        .book_ok(&request(service, Some(okafor), start, "Bo Brandt"))
        .await;
    let b_id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&b.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    complete(&app, b_id).await;
    let published = publish(
        &app,
        &admin,
        b_id,
        json!({ "language": "en", "body_md": "b", "template_id": template.id }),
    )
    .await;
    assert_eq!(published.status(), StatusCode::CREATED);
    answer(&app, &b.token, 1, "not_sure").await;

    let url = app.url("/api/console/understanding?from=2026-12-01&to=2026-12-31");
    let report: UnderstandingReport = from_console(&app, app.client.get(url), &doctor)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = |rows: &[app::wire::instructions::UnderstandingRow]| {
        rows.iter()
            .map(|r| (r.id, r.label.clone(), r.yes, r.not_sure))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&report.by_template),
        [
            (Some(template.id), template.title.clone(), 0, 2),
            (None, "Written without a template".to_string(), 1, 0),
        ]
    );
    assert_eq!(
        rows(&report.by_practitioner),
        [(Some(okafor), "Dr. Amara Okafor".to_string(), 1, 2)]
    );

    // Only visits on the chosen days count: Tuesday 8 December alone has B.
    let url = app.url("/api/console/understanding?from=2026-12-08&to=2026-12-08");
    let tuesday: UnderstandingReport = from_console(&app, app.client.get(url), &admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        rows(&tuesday.by_practitioner),
        [(Some(okafor), "Dr. Amara Okafor".to_string(), 0, 1)]
    );

    let desk = sign_in(&app, DESK).await;
    let url = app.url("/api/console/understanding");
    let denied = from_console(&app, app.client.get(url.clone()), &desk)
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    let default: UnderstandingReport = from_console(&app, app.client.get(url), &admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(default.to, date(2026, 12, 1));
    assert_eq!(default.from, date(2026, 9, 2));
    let bad = app.url("/api/console/understanding?from=2026-12-09&to=2026-12-08");
    let (status, error) = error_code(
        from_console(&app, app.client.get(bad), &admin)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"]["to"], "before_from");
}

#[tokio::test]
async fn erasing_the_patient_removes_their_instructions_and_blanks_their_questions() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let token = app_token(&app, id).await;
    let doctor = sign_in(&app, DOCTOR).await;
    publish_ok(&app, &doctor, id, "Private advice about the knee.").await;
    answer(&app, &token, 1, "not_sure").await;
    let asked = app
        .post_json(
            &format!("/api/appointments/{token}/questions"),
            &json!({ "text": "Is the swelling normal?" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    let asked: VisitInstructions = asked.json().await.unwrap();
    let admin = sign_in(&app, ADMIN).await;
    let replied = post(
        &app,
        &admin,
        &format!("/api/console/questions/{}/reply", asked.questions[0].id),
        json!({ "text": "Yes, for a day or two." }),
    )
    .await;
    assert_eq!(replied.status(), StatusCode::OK);

    let patient: i64 = sqlx::query_scalar("SELECT patient_id FROM appointments WHERE id = $1")
        .bind(id)
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

    let versions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointment_instructions WHERE appointment_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(versions, 0, "the instructions are gone");
    let (text, reply): (String, Option<String>) =
        sqlx::query_as("SELECT text, reply_text FROM patient_questions WHERE appointment_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((text.as_str(), reply.as_deref()), ("", Some("")));
    let answers: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM teach_back_answers WHERE appointment_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(answers, 1, "the answer stays, as a count");
    assert_eq!(
        visit_page(&app, &token).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        editor(&app, &admin, id).await.status(),
        StatusCode::NOT_FOUND
    );
    let url = app.url("/api/console/questions?state=all");
    let inbox: Vec<Value> = from_console(&app, app.client.get(url), &admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        inbox.is_empty(),
        "nothing of the erased visit is left to answer"
    );
}

#[tokio::test]
async fn library_articles_attach_in_the_instructions_language_and_the_patient_sees_their_titles() {
    let app = console_app().await;
    let id = completed_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;

    let english = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "en", "body_md": "Rest today.",
                "article_slugs": ["ankle-sprain", "low-back-pain"] }),
    )
    .await;
    assert_eq!(english.status(), StatusCode::CREATED);
    let version: InstructionVersion = english.json().await.unwrap();
    let linked: Vec<(&str, &str)> = version
        .articles
        .iter()
        .map(|a| (a.slug.as_str(), a.title.as_str()))
        .collect();
    assert_eq!(
        linked,
        [
            (
                "ankle-sprain",
                "Ankle sprain: caring for it in the first days"
            ),
            (
                "low-back-pain",
                "Low back pain: what helps and when to get help"
            ),
        ],
        "in the order given, with the library's titles"
    );
    let patient = visit_page_ok(&app, &app_token(&app, id).await).await;
    assert_eq!(patient.latest.unwrap().articles, version.articles);

    // A Spanish article does not go with English instructions, and the other way round.
    let mixed = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "en", "body_md": "x", "article_slugs": ["dolor-de-espalda-baja"] }),
    )
    .await;
    assert_eq!(mixed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let spanish = publish(
        &app,
        &doctor,
        id,
        json!({ "language": "es", "body_md": "Descanse hoy.",
                "article_slugs": ["dolor-de-espalda-baja"] }),
    )
    .await;
    assert_eq!(spanish.status(), StatusCode::CREATED);
}
