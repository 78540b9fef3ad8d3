//! The education library for patients: `/api/clinics/{slug}/articles` lists what is published
//! in one language by category and searches it (ranked, by word prefixes, in the article's
//! language); `/api/clinics/{slug}/articles/{slug}` gives one article with a sanitised body.
//! Articles are written as staff write them, through the console API.

use crate::console::{console_app, other_clinic_admin, post, sign_in, ADMIN};
use crate::helpers::{error_code, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// An article as the console form sends it; published unless changed.
pub fn article(slug: &str, language: &str, title: &str, body: &str) -> Value {
    json!({
        "slug": slug,
        "language": language,
        "translation_key": null,
        "title": title,
        "summary": format!("About {title}."),
        "body_md": body,
        "category": "General",
        "tags": [],
        "reviewed_on": "2026-10-15",
        "published": true,
    })
}

/// Saves an article through the console; returns it as saved.
pub async fn write(app: &TestApp, cookie: &str, article: Value) -> Value {
    let response = post(app, cookie, "/api/console/articles", article).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

async fn library(app: &TestApp, query: &str) -> Value {
    let response = get(app, &format!("/api/clinics/demo/articles?{query}")).await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.unwrap()
}

fn slugs(library: &Value) -> Vec<&str> {
    library["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect()
}

/// The clinic's own library, without the demo articles, so results are exactly these.
async fn clean_library(app: &TestApp) -> String {
    sqlx::query("DELETE FROM articles")
        .execute(&app.db.pool)
        .await
        .unwrap();
    sign_in(app, ADMIN).await
}

#[tokio::test]
async fn the_library_lists_published_articles_by_category_in_the_chosen_language() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    let mut ice = article("ice-or-heat", "en", "Ice or heat?", "Ice first.");
    ice["category"] = json!("Back pain");
    ice["tags"] = json!(["back", "Pain "]);
    write(&app, &admin, ice).await;
    let mut sitting = article("sitting-well", "en", "Sitting well", "Sit up.");
    sitting["category"] = json!("Back pain");
    write(&app, &admin, sitting).await;
    let mut sugar = article("blood-sugar", "en", "Blood sugar", "Check it.");
    sugar["category"] = json!("Diabetes");
    write(&app, &admin, sugar).await;
    let mut spanish = article("azucar", "es", "Azúcar en la sangre", "Mídala.");
    spanish["category"] = json!("Diabetes");
    write(&app, &admin, spanish).await;
    let mut draft = article("not-ready", "en", "Not ready", "Draft.");
    draft["published"] = json!(false);
    write(&app, &admin, draft).await;

    let english = library(&app, "lang=en").await;
    assert_eq!(english["clinic_name"], "Riverside Family Clinic");
    assert_eq!(english["language"], "en");
    assert_eq!(
        english["categories"],
        json!([{"name": "Back pain", "count": 2}, {"name": "Diabetes", "count": 1}])
    );
    assert_eq!(
        slugs(&english),
        ["ice-or-heat", "sitting-well", "blood-sugar"]
    );
    let card = &english["articles"][0];
    assert_eq!(card["title"], "Ice or heat?");
    assert_eq!(card["summary"], "About Ice or heat?.");
    assert_eq!(card["tags"], json!(["back", "pain"]));
    assert_eq!(card["reading_minutes"], 1);
    assert_eq!(card["reviewed_on"], "2026-10-15");
    assert!(card.get("body_md").is_none() && card.get("body_html").is_none());

    assert_eq!(
        slugs(&library(&app, "").await),
        slugs(&english),
        "English by default"
    );
    assert_eq!(slugs(&library(&app, "lang=es-MX").await), ["azucar"]);
    assert_eq!(
        slugs(&library(&app, "lang=en&category=Back%20pain").await),
        ["ice-or-heat", "sitting-well"]
    );
    assert!(slugs(&library(&app, "lang=en&category=Nothing").await).is_empty());
}

#[tokio::test]
async fn search_ranks_title_matches_first_and_matches_word_beginnings() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    write(
        &app,
        &admin,
        article(
            "foot-care",
            "en",
            "Caring for your feet",
            "People living with diabetes should check their feet every day.",
        ),
    )
    .await;
    write(
        &app,
        &admin,
        article(
            "living-with-diabetes",
            "en",
            "Living with diabetes",
            "Small steps every day add up.",
        ),
    )
    .await;
    write(
        &app,
        &admin,
        article(
            "knee-surgery",
            "en",
            "Before knee surgery",
            "Stop eating at midnight.",
        ),
    )
    .await;

    let found = library(&app, "lang=en&q=diab").await;
    assert_eq!(
        slugs(&found),
        ["living-with-diabetes", "foot-care"],
        "a prefix finds the word, and the title hit ranks above the body-only hit"
    );
    assert_eq!(found["categories"][0]["count"], 3, "categories stay whole");
    assert_eq!(
        slugs(&library(&app, "lang=en&q=DIABETES%20feet").await),
        ["foot-care"],
        "every word must match, whatever its case"
    );
    assert_eq!(
        slugs(&library(&app, "lang=en&q=surgeries").await),
        ["knee-surgery"],
        "English words are stemmed"
    );
    assert!(slugs(&library(&app, "lang=en&q=asthma").await).is_empty());
    // Query syntax a patient may type by accident is only ever words.
    for odd in [
        "%22diab",
        "diab*%20OR",
        "diab%3A*%20%26%20!",
        "(diab)",
        "NEAR(diab)",
        "-diab",
    ] {
        let response = get(&app, &format!("/api/clinics/demo/articles?lang=en&q={odd}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{odd}");
    }
    assert!(slugs(&library(&app, "lang=en&q=%22%2A%3A").await).is_empty());
}

#[tokio::test]
async fn a_search_finds_articles_in_the_language_asked_only() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    let mut en = article(
        "diabetes-diet",
        "en",
        "Eating well with diabetes",
        "Plates.",
    );
    en["translation_key"] = json!("diabetes-diet");
    write(&app, &admin, en).await;
    let mut es = article(
        "dieta-diabetes",
        "es",
        "Comer bien con diabetes",
        "Llene la mitad del plato con verduras.",
    );
    es["translation_key"] = json!("diabetes-diet");
    write(&app, &admin, es).await;

    assert_eq!(
        slugs(&library(&app, "lang=es&q=diabetes").await),
        ["dieta-diabetes"]
    );
    assert_eq!(
        slugs(&library(&app, "lang=en&q=diabetes").await),
        ["diabetes-diet"]
    );
    assert_eq!(
        slugs(&library(&app, "lang=es&q=verdu").await),
        ["dieta-diabetes"]
    );
    assert!(slugs(&library(&app, "lang=en&q=verduras").await).is_empty());

    // Each version links to the other.
    let page: Value = get(&app, "/api/clinics/demo/articles/dieta-diabetes")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["language"], "es");
    assert_eq!(
        page["translation"],
        json!({"slug": "diabetes-diet", "language": "en"})
    );
}

#[tokio::test]
async fn an_article_page_has_the_sanitised_body_and_the_clinic_to_call() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    let body = format!(
        "# What to do\n\nIce for **20 minutes**. See [sitting well](/learn/demo/sitting-well).\n\n{}",
        "word ".repeat(450)
    );
    write(
        &app,
        &admin,
        article("ice-or-heat", "en", "Ice or heat?", &body),
    )
    .await;

    let response = get(&app, "/api/clinics/demo/articles/ice-or-heat").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=300",
        "readable again offline and from caches"
    );
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["title"], "Ice or heat?");
    assert_eq!(
        page["reading_minutes"], 3,
        "about 460 words at 200 a minute"
    );
    let html = page["body_html"].as_str().unwrap();
    assert!(html.starts_with("<h2>What to do</h2>"), "{html}");
    assert!(html.contains("<strong>20 minutes</strong>"), "{html}");
    assert!(
        html.contains(r#"<a href="/learn/demo/sitting-well""#),
        "{html}"
    );
    assert_eq!(page["translation"], Value::Null);
    assert_eq!(page["clinic_name"], "Riverside Family Clinic");
    assert_eq!(page["clinic_phone"], "+1 212 555 0142");
}

#[tokio::test]
async fn drafts_and_other_clinics_articles_are_not_found() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    let mut draft = article("coming-soon", "en", "Coming soon about diabetes", "Soon.");
    draft["published"] = json!(false);
    write(&app, &admin, draft).await;
    let other = other_clinic_admin(&app).await;
    write(
        &app,
        &other,
        article("theirs", "en", "Their diabetes article", "Theirs."),
    )
    .await;

    for path in [
        "/api/clinics/demo/articles/coming-soon",
        "/api/clinics/demo/articles/theirs",
        "/api/clinics/demo/articles/no-such-article",
        "/api/clinics/nowhere/articles/theirs",
        "/api/clinics/nowhere/articles",
    ] {
        let (status, body) = error_code(get(&app, path).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"], "not_found");
    }
    assert!(slugs(&library(&app, "lang=en").await).is_empty());
    assert!(slugs(&library(&app, "lang=en&q=diabetes").await).is_empty());
    let theirs: Value = get(&app, "/api/clinics/other/articles?q=diab")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(slugs(&theirs), ["theirs"]);
}

/// What staff type reaches patients as text: plain fields come back exactly as typed (the page
/// renders them as text), the body as HTML with nothing live in it.
#[tokio::test]
async fn xss_payloads_in_any_field_come_out_inert() {
    let app = console_app().await;
    let admin = clean_library(&app).await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "\"><iframe src=javascript:alert(1)>",
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let mut evil = article(&format!("evil-{i}"), "en", payload, payload);
        evil["summary"] = json!(payload);
        evil["category"] = json!(payload);
        evil["tags"] = json!([payload]);
        write(&app, &admin, evil).await;
        let page: Value = get(&app, &format!("/api/clinics/demo/articles/evil-{i}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page["title"], *payload, "plain text, as typed");
        assert_eq!(page["summary"], *payload);
        assert_eq!(page["category"], *payload);
        // Text is escaped in the HTML, so every `<` left opens a real element.
        let html = page["body_html"].as_str().unwrap().to_ascii_lowercase();
        for (tag, _) in html
            .split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
        {
            let name = tag.split_whitespace().next().unwrap_or_default();
            assert!(
                ["p", "/p", "a", "/a"].contains(&name),
                "{payload:?} left a <{tag}> element: {html:?}"
            );
            assert!(
                !tag.contains(" on") && !tag.contains("javascript:"),
                "{payload:?} left a live attribute: {html:?}"
            );
        }
    }
    let listed = library(&app, "lang=en").await;
    assert_eq!(listed["articles"].as_array().unwrap().len(), payloads.len());
}

#[tokio::test]
async fn bad_library_requests_are_clear_json_errors() {
    let app = console_app().await;
    for (query, field) in [
        ("lang=fr", "lang"),
        (&*format!("q={}", "a".repeat(201)), "q"),
        (&*format!("category={}", "c".repeat(101)), "category"),
    ] {
        let (status, body) =
            error_code(get(&app, &format!("/api/clinics/demo/articles?{query}")).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(body["error"], "validation");
        assert!(body["fields"][field].is_string(), "{query}: {body}");
    }
    let blank = library(&app, "q=%20%20&lang=").await;
    assert!(
        blank["articles"].is_array(),
        "a blank search lists everything"
    );
}

/// The demo clinic's library: every demo article in English and Spanish, published,
/// searchable, paired with its translation, its links leading to articles that exist, and
/// `carebook demo` run again changes nothing.
#[tokio::test]
async fn the_demo_library_is_loaded_searchable_and_refreshed_in_place() {
    let app = console_app().await;
    let english = library(&app, "lang=en").await;
    let spanish = library(&app, "lang=es").await;
    assert!(slugs(&english).len() >= 8, "{:?}", slugs(&english));
    assert_eq!(slugs(&english).len(), slugs(&spanish).len());
    assert!(english["categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "Diabetes" && c["count"] == 2));

    let found = library(&app, "lang=en&q=diab").await;
    assert_eq!(
        slugs(&found)[0],
        "type-2-diabetes-basics",
        "the title hit first"
    );
    let buscar = library(&app, "lang=es&q=diabetes").await;
    assert!(!slugs(&buscar).is_empty());
    assert!(buscar["articles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["language"] == "es"));

    let back: Value = get(&app, "/api/clinics/demo/articles/low-back-pain")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        back["translation"],
        json!({"slug": "dolor-de-espalda-baja", "language": "es"})
    );
    for listed in [&english, &spanish] {
        for slug in slugs(listed) {
            let page: Value = get(&app, &format!("/api/clinics/demo/articles/{slug}"))
                .await
                .json()
                .await
                .unwrap();
            let html = page["body_html"].as_str().unwrap();
            for link in html.split("href=\"/learn/demo/").skip(1) {
                let target = link.split('"').next().unwrap();
                let response = get(&app, &format!("/api/clinics/demo/articles/{target}")).await;
                assert_eq!(
                    response.status(),
                    StatusCode::OK,
                    "{slug} links to {target}"
                );
            }
        }
    }

    carebook::demo::seed(&app.db, app.now).await.unwrap();
    assert_eq!(
        library(&app, "lang=en").await,
        english,
        "a re-run changes nothing"
    );
}
