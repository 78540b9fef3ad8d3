//! Joining the list: what is checked, and that bad input is a clear 4xx, never a 500.

use super::*;
use serde_json::json;

#[tokio::test]
async fn joining_checks_every_detail_and_names_each_problem() {
    let scene = full_saturday(spawn_app().await).await;
    let lee = scene.lee;
    let okafor = scene.app.practitioner_id("Dr. Amara Okafor").await;
    let cases = [
        (
            json!({"service_id": 999_999, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "service_id",
            "unknown",
        ),
        (
            json!({"service_id": scene.physio, "practitioner_id": okafor, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "practitioner_id",
            "does_not_offer_service",
        ),
        (
            json!({"service_id": scene.physio, "practitioner_id": 999_999, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "practitioner_id",
            "unknown",
        ),
        (
            json!({"service_id": scene.physio, "days": [], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "days",
            "required",
        ),
        (
            json!({"service_id": scene.physio, "days": [7], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "days",
            "out_of_range",
        ),
        (
            json!({"service_id": scene.physio, "days": [1, 1], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "days",
            "repeated",
        ),
        (
            json!({"service_id": scene.physio, "days": [5], "parts_of_day": [],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": true}}),
            "parts_of_day",
            "required",
        ),
        (
            json!({"service_id": scene.physio, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "language": "en", "consent": true}}),
            "contact.contact",
            "email_or_phone_required",
        ),
        (
            json!({"service_id": scene.physio, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "phone": "555 0134", "language": "en", "consent": true}}),
            "contact.phone",
            "invalid_phone",
        ),
        (
            json!({"service_id": scene.physio, "days": [5], "parts_of_day": ["morning"],
                "contact": {"name": "A", "email": "a@example.org", "language": "en", "consent": false}}),
            "contact.consent",
            "required",
        ),
    ];
    for (body, field, reason) in cases {
        let (status, error) = error_code(scene.join_raw(&body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error["fields"][field], reason, "{body}: {error}");
    }
    let _ = lee;
}

#[tokio::test]
async fn malformed_bodies_and_unknown_tokens_are_clear_errors() {
    let scene = full_saturday(spawn_app().await).await;
    for body in [
        json!(null),
        json!({"service_id": "physio"}),
        json!({"service_id": scene.physio, "days": [300], "parts_of_day": ["night"]}),
        json!({"service_id": scene.physio, "days": [-1], "parts_of_day": ["morning"], "contact": {}}),
    ] {
        let status = scene.join_raw(&body).await.status();
        assert!(status.is_client_error(), "{body}: {status}");
    }
    for what in ["take", "decline", "leave"] {
        let (status, body) = error_code(scene.answer("not-a-token", what).await).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found"))
        );
        let well_formed = "A".repeat(43);
        assert_eq!(
            scene.answer(&well_formed, what).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    let missing = scene
        .app
        .client
        .get(scene.app.url("/api/waitlist/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let other_clinic = scene
        .app
        .post_json(
            "/api/clinics/nowhere/waitlist",
            &serde_json::to_value(join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
                .unwrap(),
        )
        .await;
    assert_eq!(other_clinic.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn one_entry_per_contact_and_service_while_on_the_list() {
    let scene = full_saturday(spawn_app().await).await;
    let entry = scene
        .join(&join_request(scene.physio, "Ana Ortiz", "ana@example.org"))
        .await;
    let again = join_request(scene.physio, "Ana Ortiz", "ANA@example.org");
    let (status, body) =
        error_code(scene.join_raw(&serde_json::to_value(&again).unwrap()).await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("already_waiting"))
    );
    // After leaving, they may join again.
    scene.answer(&entry.token, "leave").await;
    scene.join(&again).await;
}

#[tokio::test]
async fn an_entry_speaks_the_patients_language_and_greets_them_by_preferred_name() {
    let scene = full_saturday(spawn_app().await).await;
    let mut request = join_request(scene.physio, "Lucía Gómez", "lucia@example.org");
    request.contact.preferred_name = Some("Lucy".into());
    request.contact.language = app::wire::Language::Es;
    request.contact.phone = Some("+1 617 555 0134".into());
    let entry = scene.join(&request).await;
    assert_eq!(entry.preferred_name, "Lucy");
    assert_eq!(entry.language, app::wire::Language::Es);
    assert_eq!(entry.service.name, "Sesión de fisioterapia");
    assert_eq!(entry.days, vec![5]);
    assert_eq!(
        scene.messages(&entry.token).await,
        vec![
            ("joined".to_string(), "email".to_string()),
            ("joined".to_string(), "sms".to_string())
        ]
    );
}
