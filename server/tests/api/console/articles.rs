//! The library in the console: every role reads articles (drafts too), admins and
//! practitioners write them; slugs are checked and unique per clinic; publishing decides what
//! patients see; another clinic's articles are 404s.

use super::*;
use crate::library::{article, write};

async fn put(app: &TestApp, cookie: &str, path: &str, body: Value) -> reqwest::Response {
    from_console(app, app.client.put(app.url(path)), cookie)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    from_console(app, app.client.get(app.url(path)), cookie)
        .send()
        .await
        .unwrap()
}

async fn delete(app: &TestApp, cookie: &str, path: &str) -> reqwest::Response {
    from_console(app, app.client.delete(app.url(path)), cookie)
        .send()
        .await
        .unwrap()
}

async fn public_status(app: &TestApp, slug: &str) -> StatusCode {
    app.client
        .get(app.url(&format!("/api/clinics/demo/articles/{slug}")))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn practitioners_and_admins_write_articles_and_the_desk_reads_them() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let doctor = sign_in(&app, DOCTOR).await;
    let admin = sign_in(&app, ADMIN).await;

    let response = post(
        &app,
        &desk,
        "/api/console/articles",
        article("by-desk", "en", "Desk", "x"),
    )
    .await;
    let (status, body) = error_code(response).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"], "forbidden");

    let mut draft = article("sleep-well", "en", "Sleeping well", &"word ".repeat(250));
    draft["published"] = json!(false);
    draft["tags"] = json!(["Sleep", "rest", "sleep"]);
    let saved = write(&app, &doctor, draft.clone()).await;
    let id = saved["id"].as_i64().unwrap();
    assert_eq!(saved["published"], false);
    assert_eq!(saved["reading_minutes"], 2, "250 words");
    assert_eq!(saved["tags"], json!(["sleep", "rest"]));
    assert_eq!(
        public_status(&app, "sleep-well").await,
        StatusCode::NOT_FOUND
    );

    // The desk sees drafts in the console, but cannot change them.
    let listed: Value = get(&app, &desk, "/api/console/articles")
        .await
        .json()
        .await
        .unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["slug"] == "sleep-well" && a["published"] == false));
    let one = get(&app, &desk, &format!("/api/console/articles/{id}")).await;
    assert_eq!(one.status(), StatusCode::OK);
    let path = format!("/api/console/articles/{id}/publish");
    assert_eq!(
        post(&app, &desk, &path, json!({"published": true}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // The admin publishes; patients see it. Back to draft: gone again.
    let published: Value = post(&app, &admin, &path, json!({"published": true}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(published["published"], true);
    assert_eq!(public_status(&app, "sleep-well").await, StatusCode::OK);
    post(&app, &doctor, &path, json!({"published": false})).await;
    assert_eq!(
        public_status(&app, "sleep-well").await,
        StatusCode::NOT_FOUND
    );

    // Edited: a new slug and body; the old address answers 404.
    draft["slug"] = json!("sleeping-well");
    draft["body_md"] = json!("Short now.");
    draft["published"] = json!(true);
    let edited = put(&app, &doctor, &format!("/api/console/articles/{id}"), draft).await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["reading_minutes"], 1);
    assert_eq!(public_status(&app, "sleeping-well").await, StatusCode::OK);
    assert_eq!(
        public_status(&app, "sleep-well").await,
        StatusCode::NOT_FOUND
    );

    let gone = delete(&app, &admin, &format!("/api/console/articles/{id}")).await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        public_status(&app, "sleeping-well").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &admin, &format!("/api/console/articles/{id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_draft_with_problems_names_every_field() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let response = post(
        &app,
        &admin,
        "/api/console/articles",
        json!({
            "slug": "Low Back--Pain",
            "language": "en",
            "title": " ",
            "summary": "s".repeat(501),
            "body_md": "",
            "category": "",
            "tags": [],
            "reviewed_on": "15/10/2026",
        }),
    )
    .await;
    let (status, body) = error_code(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["fields"],
        json!({
            "slug": "invalid_slug",
            "title": "required",
            "summary": "too_long",
            "body_md": "required",
            "category": "required",
            "reviewed_on": "invalid_date",
        })
    );
    let mut future = article("later", "en", "Later", "x");
    future["reviewed_on"] = json!("2027-01-01");
    let (_, body) = error_code(post(&app, &admin, "/api/console/articles", future).await).await;
    assert_eq!(body["fields"]["reviewed_on"], "in_future");
    let mut bad_lang = article("hola", "fr", "Hola", "x");
    bad_lang["language"] = json!("fr");
    let (status, body) =
        error_code(post(&app, &admin, "/api/console/articles", bad_lang).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["language"], "invalid");
}

#[tokio::test]
async fn slugs_are_unique_in_a_clinic_and_translations_pair_once() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    write(
        &app,
        &admin,
        article("hand-washing", "en", "Hand washing", "Soap."),
    )
    .await;
    let (status, body) = error_code(
        post(
            &app,
            &admin,
            "/api/console/articles",
            article("hand-washing", "es", "Lavado", "Jabón."),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["slug"], "taken");

    // Another clinic may use the same slug: addresses are per clinic.
    let other = other_clinic_admin(&app).await;
    write(
        &app,
        &other,
        article("hand-washing", "en", "Hand washing", "Soap."),
    )
    .await;

    let mut en = article("flu-shot", "en", "Flu shot", "Yearly.");
    en["translation_key"] = json!("flu");
    write(&app, &admin, en).await;
    let mut second = article("flu-shot-yearly", "en", "Flu vaccine", "Yearly.");
    second["translation_key"] = json!("flu");
    let (status, body) =
        error_code(post(&app, &admin, "/api/console/articles", second).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "translation_taken");
}

#[tokio::test]
async fn another_clinics_articles_are_not_found_in_the_console() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let ours = write(&app, &admin, article("ours", "en", "Ours", "x")).await;
    let path = format!("/api/console/articles/{}", ours["id"]);
    let other = other_clinic_admin(&app).await;
    for response in [
        get(&app, &other, &path).await,
        put(
            &app,
            &other,
            &path,
            article("ours", "en", "Taken over", "x"),
        )
        .await,
        post(
            &app,
            &other,
            &format!("{path}/publish"),
            json!({"published": false}),
        )
        .await,
        delete(&app, &other, &path).await,
        get(&app, &admin, "/api/console/articles/not-a-number").await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let theirs: Value = get(&app, &other, "/api/console/articles")
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["slug"] != "ours"));
    assert_eq!(public_status(&app, "ours").await, StatusCode::OK);
}

#[tokio::test]
async fn writing_needs_a_session_and_a_console_page() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let signed_out = app
        .client
        .get(app.url("/api/console/articles"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), StatusCode::UNAUTHORIZED);
    let cross_site = app
        .client
        .post(app.url("/api/console/articles"))
        .header("origin", "https://evil.test")
        .header("cookie", &admin)
        .json(&article("evil", "en", "Evil", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
}
