//! Who may reach the set-up routes: admins of this clinic only.

use super::*;

/// Every set-up route, with bodies that an admin may send.
fn set_up_routes(
    service: i64,
    practitioner: i64,
    time_off: i64,
) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, "/api/console/clinic".into(), None),
        (Method::PUT, "/api/console/clinic".into(), Some(json!({}))),
        (Method::GET, "/api/console/reminders".into(), None),
        (
            Method::PUT,
            "/api/console/reminders".into(),
            Some(json!({ "minutes_before": [60] })),
        ),
        (Method::GET, "/api/console/services".into(), None),
        (
            Method::POST,
            "/api/console/services".into(),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::PUT,
            format!("/api/console/services/{service}"),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::POST,
            format!("/api/console/services/{service}/retire"),
            Some(json!({ "retired": true })),
        ),
        (Method::GET, "/api/console/practitioners".into(), None),
        (
            Method::POST,
            "/api/console/practitioners".into(),
            Some(practitioner_draft("Dr. X", &[])),
        ),
        (
            Method::GET,
            format!("/api/console/practitioners/{practitioner}"),
            None,
        ),
        (
            Method::PUT,
            format!("/api/console/practitioners/{practitioner}"),
            Some(practitioner_draft("Dr. X", &[])),
        ),
        (
            Method::PUT,
            format!("/api/console/practitioners/{practitioner}/hours"),
            Some(json!({ "blocks": [] })),
        ),
        (
            Method::POST,
            format!("/api/console/practitioners/{practitioner}/time-off"),
            Some(json!({ "starts": "2027-01-15T09:00", "ends": "2027-01-15T12:00", "note": null })),
        ),
        (
            Method::DELETE,
            format!("/api/console/practitioners/{practitioner}/time-off/{time_off}"),
            None,
        ),
    ]
}

async fn herreras_leave(app: &TestApp, herrera: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM time_off WHERE practitioner_id = $1")
        .bind(herrera)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn front_desk_and_practitioners_cannot_set_up_the_clinic() {
    let app = console_app().await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let service = app.service_id("Follow-up visit").await;
    let leave = herreras_leave(&app, herrera).await;
    for email in [DESK, DOCTOR] {
        let cookie = sign_in(&app, email).await;
        for (method, path, body) in set_up_routes(service, herrera, leave) {
            let status = send(&app, &cookie, method.clone(), &path, body)
                .await
                .status();
            assert_eq!(status, StatusCode::FORBIDDEN, "{email}: {method} {path}");
        }
    }
    assert_eq!(
        herreras_leave(&app, herrera).await,
        leave,
        "the leave is still there"
    );
}

#[tokio::test]
async fn another_clinics_admin_cannot_reach_this_clinics_set_up() {
    let app = console_app().await;
    let outsider = other_clinic_admin(&app).await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let service = app.service_id("Follow-up visit").await;
    let leave = herreras_leave(&app, herrera).await;
    for (method, path, body) in set_up_routes(service, herrera, leave) {
        if !path.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let status = send(&app, &outsider, method.clone(), &path, body)
            .await
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // Their own lists hold none of ours, and their settings are their own.
    let services: Vec<ServiceAdmin> = get(&app, &outsider, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    assert!(services.is_empty());
    let theirs = settings_of(&app, &outsider).await;
    assert_eq!(theirs.name, "Other Clinic");

    // Their own practitioner cannot reach our time off, nor offer our service.
    let response = post(
        &app,
        &outsider,
        "/api/console/practitioners",
        practitioner_draft("Dr. Other", &[]),
    )
    .await;
    let their_doctor: PractitionerAdmin = response.json().await.unwrap();
    let path = format!(
        "/api/console/practitioners/{}/time-off/{leave}",
        their_doctor.id
    );
    assert_eq!(
        delete(&app, &outsider, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    let fields = refused_fields(
        put(
            &app,
            &outsider,
            &format!("/api/console/practitioners/{}", their_doctor.id),
            practitioner_draft("Dr. Other", &[service]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "service_ids": "unknown_service" }));
    let fields = refused_fields(
        post(
            &app,
            &outsider,
            "/api/console/services",
            service_draft("A", "B", 15, &[herrera]),
        )
        .await,
    )
    .await;
    assert_eq!(
        fields,
        json!({ "practitioner_ids": "unknown_practitioner" })
    );

    assert_eq!(herreras_leave(&app, herrera).await, leave);
    assert!(
        app.clinic().await.services.iter().any(|s| s.id == service),
        "still offered"
    );
}

#[tokio::test]
async fn ids_that_are_not_numbers_are_not_found() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    for (method, path, body) in [
        (
            Method::GET,
            "/api/console/practitioners/okafor".to_string(),
            None,
        ),
        (
            Method::PUT,
            "/api/console/services/1e3".to_string(),
            Some(service_draft("A", "B", 15, &[])),
        ),
        (
            Method::POST,
            "/api/console/services/%20/retire".to_string(),
            Some(json!({ "retired": true })),
        ),
        (
            Method::PUT,
            "/api/console/practitioners/9999999999999999999999/hours".to_string(),
            Some(json!({ "blocks": [] })),
        ),
        (
            Method::DELETE,
            format!("/api/console/practitioners/{okafor}/time-off/last"),
            None,
        ),
    ] {
        let (status, body) =
            error_code(send(&app, &admin, method.clone(), &path, body).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {body}");
        assert_eq!(body["error"], "not_found");
    }
}
