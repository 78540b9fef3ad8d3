//! The clinic's own jargon terms (who may add and remove them, clinic walls, duplicates, bad
//! input) and the Markdown preview the console's editors show.

use super::*;
use app::wire::plain_language::{JargonTerm, MarkdownPreview};

async fn add(app: &TestApp, cookie: &str, body: Value) -> reqwest::Response {
    post(app, cookie, "/api/console/jargon", body).await
}

async fn list(app: &TestApp, cookie: &str, query: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/console/jargon{query}"));
    from_console(app, app.client.get(url), cookie)
        .send()
        .await
        .unwrap()
}

async fn remove(app: &TestApp, cookie: &str, id: &str) -> reqwest::Response {
    let url = app.url(&format!("/api/console/jargon/{id}"));
    from_console(app, app.client.delete(url), cookie)
        .send()
        .await
        .unwrap()
}

fn term(language: &str, term: &str, plain: &str) -> Value {
    json!({ "language": language, "term": term, "plain": plain })
}

#[tokio::test]
async fn staff_add_list_and_remove_their_clinics_terms() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let desk = sign_in(&app, DESK).await;

    let response = add(
        &app,
        &admin,
        term(
            "en",
            "  colonoscopy prep ",
            "the drink that empties your bowel",
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let prep: JargonTerm = response.json().await.unwrap();
    assert_eq!(prep.term, "colonoscopy prep", "stored trimmed");
    let response = add(
        &app,
        &doctor,
        term("es", "hipertensión arterial", "presión alta"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    // Everyone in the clinic reads the list, in one language or both.
    let all: Vec<JargonTerm> = list(&app, &desk, "").await.json().await.unwrap();
    assert_eq!(all.len(), 2);
    let spanish: Vec<JargonTerm> = list(&app, &desk, "?lang=es").await.json().await.unwrap();
    assert_eq!(spanish.len(), 1);
    assert_eq!(spanish[0].plain, "presión alta");

    // The front desk reads but does not change the list.
    let (status, body) =
        error_code(add(&app, &desk, term("en", "NPO", "nothing to eat")).await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    assert_eq!(
        remove(&app, &desk, &prep.id.to_string()).await.status(),
        StatusCode::FORBIDDEN
    );

    assert_eq!(
        remove(&app, &doctor, &prep.id.to_string()).await.status(),
        StatusCode::NO_CONTENT
    );
    let left: Vec<JargonTerm> = list(&app, &admin, "?lang=en").await.json().await.unwrap();
    assert!(left.is_empty());
    let (status, _) = error_code(remove(&app, &admin, &prep.id.to_string()).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone once removed");
}

#[tokio::test]
async fn another_clinics_terms_are_invisible_and_out_of_reach() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let theirs = other_clinic_admin(&app).await;
    let ours: JargonTerm = add(
        &app,
        &admin,
        term(
            "en",
            "NPO after midnight",
            "no food or drink after midnight",
        ),
    )
    .await
    .json()
    .await
    .unwrap();

    let seen: Vec<JargonTerm> = list(&app, &theirs, "").await.json().await.unwrap();
    assert!(seen.is_empty());
    let (status, body) = error_code(remove(&app, &theirs, &ours.id.to_string()).await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    // The same term is theirs to add: the wall runs both ways.
    let response = add(
        &app,
        &theirs,
        term("en", "npo after midnight", "nothing after midnight"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let still: Vec<JargonTerm> = list(&app, &admin, "").await.json().await.unwrap();
    assert_eq!(still, [ours]);
}

#[tokio::test]
async fn a_term_twice_in_one_language_is_a_conflict_whatever_its_case_or_accents() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    assert_eq!(
        add(&app, &admin, term("es", "Hipertensión", "presión alta"))
            .await
            .status(),
        StatusCode::CREATED
    );
    for again in ["hipertension", "HIPERTENSIÓN", "  hipertensión  "] {
        let (status, body) = error_code(add(&app, &admin, term("es", again, "otra")).await).await;
        assert_eq!(status, StatusCode::CONFLICT, "{again}");
        assert_eq!(body["error"], "duplicate_term");
    }
    // The same spelling in the other language is another term.
    assert_eq!(
        add(
            &app,
            &admin,
            term("en", "hipertension", "high blood pressure")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn bad_terms_are_refused_with_the_field_named() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let long = "x".repeat(81);
    let longer = "y".repeat(201);
    for (body, field, reason) in [
        (term("en", "   ", "plain"), "term", "required"),
        (term("en", "--", "plain"), "term", "required"),
        (term("en", &long, "plain"), "term", "too_long"),
        (term("en", "emesis", " "), "plain", "required"),
        (term("en", "emesis", &longer), "plain", "too_long"),
    ] {
        let (status, error) = error_code(add(&app, &admin, body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["fields"][field], reason, "{error}");
    }
    let (status, error) =
        error_code(add(&app, &admin, term("fr", "emesis", "vomiting")).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"], "validation");
    let (status, error) = error_code(list(&app, &admin, "?lang=fr").await).await;
    assert_eq!(
        (status, error["fields"]["lang"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_language"))
    );
    let (status, _) = error_code(remove(&app, &admin, "not-a-number").await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Signed out: no list.
    let (status, _) = error_code(list(&app, "carebook_session=nope", "").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn preview(app: &TestApp, cookie: &str, markdown: &str) -> reqwest::Response {
    post(
        app,
        cookie,
        "/api/console/markdown-preview",
        json!({ "markdown": markdown }),
    )
    .await
}

#[tokio::test]
async fn the_preview_is_the_html_patients_get_with_scripts_made_inert() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let response = preview(
        &app,
        &desk,
        "Bring:\n\n- your **medication list**\n- [ID](/learn/demo/id)",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let shown: MarkdownPreview = response.json().await.unwrap();
    assert!(
        shown
            .html
            .contains("<li>your <strong>medication list</strong></li>"),
        "{}",
        shown.html
    );
    assert!(shown
        .html
        .contains(r#"<a href="/learn/demo/id" rel="noopener noreferrer">ID</a>"#));

    for payload in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=https://evil.test></iframe>",
    ] {
        let shown: MarkdownPreview = preview(&app, &desk, payload).await.json().await.unwrap();
        let html = shown.html.to_ascii_lowercase();
        assert!(
            !html.contains("<script") && !html.contains("<img") && !html.contains("<iframe"),
            "{payload}: {html}"
        );
        // Typed tags come back as text (`&lt;a href="javascript:…"&gt;`); no real link may
        // point at a script.
        assert!(!html.contains("<a href=\"javascript"), "{payload}: {html}");
    }

    let (status, error) = error_code(preview(&app, &desk, &"a".repeat(20_001)).await).await;
    assert_eq!(
        (status, error["fields"]["markdown"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("too_long"))
    );
    let (status, _) = error_code(
        app.client
            .post(app.url("/api/console/markdown-preview"))
            .header("cookie", &desk)
            .json(&json!({ "markdown": "x" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only from the console's own pages"
    );
}
