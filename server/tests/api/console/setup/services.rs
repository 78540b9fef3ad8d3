//! Services created, edited and retired: what patients see and can book.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_admins_adding_a_service_of_one_name_at_once_both_get_it_with_codes_of_their_own() {
    let app = console_app().await;
    let first = sign_in(&app, ADMIN).await;
    let second = sign_in(&app, ADMIN).await;
    let draft = service_draft("Travel vaccines", "Vacunas de viaje", 15, &[]);
    let (a, b) = tokio::join!(
        post(&app, &first, "/api/console/services", draft.clone()),
        post(&app, &second, "/api/console/services", draft.clone()),
    );
    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    let mut codes: Vec<String> =
        sqlx::query_scalar("SELECT code FROM services WHERE name_en = 'Travel vaccines'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    codes.sort();
    assert_eq!(codes, ["travel-vaccines", "travel-vaccines-2"]);
}

#[tokio::test]
async fn a_new_service_offered_by_a_practitioner_can_be_booked_by_patients() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let response = post(
        &app,
        &admin,
        "/api/console/services",
        service_draft(
            " Flu shot ",
            "Vacuna contra la gripe",
            15,
            &[okafor, okafor],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: ServiceAdmin = response.json().await.unwrap();
    assert!(!created.retired);
    assert_eq!(created.service.name_en, "Flu shot");
    assert_eq!(created.service.practitioner_ids, [okafor]);

    let clinic = app.clinic().await;
    let listed = clinic.services.iter().find(|s| s.id == created.id).unwrap();
    assert_eq!(listed.name, "Flu shot");
    assert_eq!(listed.duration_minutes, 15);
    let doctor = clinic
        .practitioners
        .iter()
        .find(|p| p.id == okafor)
        .unwrap();
    assert!(doctor.service_ids.contains(&created.id));
    let spanish: app::wire::Clinic = app
        .client
        .get(app.url("/api/clinics/demo?lang=es"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spanish
        .services
        .iter()
        .any(|s| s.name == "Vacuna contra la gripe"));

    let monday = app.free_slots_on(created.id, None, date(2026, 12, 7)).await;
    assert_eq!(monday.first().map(|s| s.local_time.as_str()), Some("09:00"));
    assert!(monday.iter().all(|s| s.practitioner_id == okafor));
    app.book_ok(&request(created.id, None, monday[0].start, "Flu Patient"))
        .await;

    // The internal code comes from the English name, made unique within the clinic.
    let again = post(
        &app,
        &admin,
        "/api/console/services",
        service_draft("Flu shot", "Vacuna", 10, &[]),
    )
    .await;
    let again: ServiceAdmin = again.json().await.unwrap();
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT code FROM services WHERE id IN ($1, $2) ORDER BY id")
            .bind(created.id)
            .bind(again.id)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(codes, ["flu-shot", "flu-shot-2"]);
    // Offered by no one, it is listed but has no times.
    assert!(app
        .free_slots_on(again.id, None, date(2026, 12, 7))
        .await
        .is_empty());

    let all: Vec<ServiceAdmin> = get(&app, &admin, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(audit_count(&app, "create", "service", created.id).await, 1);
}

#[tokio::test]
async fn editing_a_service_changes_what_patients_see_and_who_offers_it() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let response = put(
        &app,
        &admin,
        &format!("/api/console/services/{follow_up}"),
        service_draft("Check-up", "Control", 30, &[herrera]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: ServiceAdmin = response.json().await.unwrap();
    assert_eq!(saved.service.practitioner_ids, [herrera]);

    let clinic = app.clinic().await;
    let service = clinic.services.iter().find(|s| s.id == follow_up).unwrap();
    assert_eq!(
        (service.name.as_str(), service.duration_minutes),
        ("Check-up", 30)
    );
    let offering: Vec<_> = clinic
        .practitioners
        .iter()
        .filter(|p| p.service_ids.contains(&follow_up))
        .map(|p| p.id)
        .collect();
    assert_eq!(offering, [herrera], "Dr. Okafor no longer offers it");
    // Dr. Herrera is on leave until Saturday; Monday's times are his, 30 minutes long.
    let monday = app.free_slots_on(follow_up, None, date(2026, 12, 7)).await;
    assert!(!monday.is_empty() && monday.iter().all(|s| s.practitioner_id == herrera));
    assert_eq!(
        monday[0].end - monday[0].start,
        chrono::Duration::minutes(30)
    );
    assert_eq!(audit_count(&app, "update", "service", follow_up).await, 1);
}

#[tokio::test]
async fn service_drafts_are_checked_before_anything_is_saved() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let mut bad = service_draft("Flu shot", " ", 4, &[]);
    bad["buffer_after_minutes"] = json!(121);
    bad["description_en"] = json!("x".repeat(2001));
    let fields = refused_fields(post(&app, &admin, "/api/console/services", bad).await).await;
    assert_eq!(
        fields,
        json!({
            "name_es": "required", "duration_minutes": "out_of_range",
            "buffer_after_minutes": "out_of_range", "description_en": "too_long",
        })
    );
    let fields = refused_fields(
        post(
            &app,
            &admin,
            "/api/console/services",
            service_draft("Flu shot", "Vacuna", 480, &[999_999]),
        )
        .await,
    )
    .await;
    assert_eq!(
        fields,
        json!({ "practitioner_ids": "unknown_practitioner" })
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM services")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count, 4, "no service was added");
}

#[tokio::test]
async fn a_retired_service_disappears_for_patients_while_its_visits_stay() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let desk = sign_in(&app, DESK).await;
    let visit = monday_visit(&app).await;
    let follow_up = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let retire_path = format!("/api/console/services/{follow_up}/retire");

    let response = post(&app, &admin, &retire_path, json!({ "retired": true })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let retired: ServiceAdmin = response.json().await.unwrap();
    assert!(retired.retired);
    assert_eq!(audit_count(&app, "retire", "service", follow_up).await, 1);

    let clinic = app.clinic().await;
    assert!(clinic.services.iter().all(|s| s.id != follow_up));
    assert!(
        clinic
            .practitioners
            .iter()
            .all(|p| !p.service_ids.contains(&follow_up)),
        "no practitioner is shown offering it"
    );
    // Exactly as an unknown service: availability and booking both answer 404.
    let tuesday = date(2026, 12, 8);
    let (status, unknown) = error_code(
        app.availability_response(999_999, None, tuesday, tuesday)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = error_code(
        app.availability_response(follow_up, None, tuesday, tuesday)
            .await,
    )
    .await;
    assert_eq!((status, &body), (StatusCode::NOT_FOUND, &unknown));
    let tuesday_ten = Utc.with_ymd_and_hms(2026, 12, 8, 15, 0, 0).unwrap();
    let online = app
        .book(&request(follow_up, Some(okafor), tuesday_ten, "Late Comer"))
        .await;
    assert_eq!(online.status(), StatusCode::NOT_FOUND);
    let by_phone =
        serde_json::to_value(request(follow_up, Some(okafor), tuesday_ten, "Caller")).unwrap();
    let by_phone_response = post(&app, &desk, "/api/console/appointments", by_phone.clone()).await;
    assert_eq!(by_phone_response.status(), StatusCode::NOT_FOUND);

    // The visit booked before stays: its page shows it, it can be cancelled, not moved.
    let page = visit_page(&app, visit).await;
    assert_eq!(page.status, AppointmentStatus::Booked);
    assert_eq!(page.service.name, "Follow-up visit");
    assert!(page.can_cancel);
    assert!(
        !page.can_reschedule,
        "no times are offered for a retired service"
    );
    let token = app_token(&app, visit).await;
    let moved = app
        .post_json(
            &format!("/api/appointments/{token}/reschedule"),
            &json!({ "start": tuesday_ten }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::NOT_FOUND);
    assert_eq!(visit_page(&app, visit).await.start, page.start, "not moved");
    let admin_list: Vec<ServiceAdmin> = get(&app, &admin, "/api/console/services")
        .await
        .json()
        .await
        .unwrap();
    let listed = admin_list.iter().find(|s| s.id == follow_up).unwrap();
    assert!(listed.retired, "admins still see it, marked retired");
    assert_eq!(
        listed.service.practitioner_ids.len(),
        2,
        "who offered it is kept for offering it again"
    );

    let response = post(&app, &admin, &retire_path, json!({ "retired": false })).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!response.json::<ServiceAdmin>().await.unwrap().retired);
    let clinic = app.clinic().await;
    assert!(clinic.services.iter().any(|s| s.id == follow_up));
    let doctor = clinic
        .practitioners
        .iter()
        .find(|p| p.id == okafor)
        .unwrap();
    assert!(doctor.service_ids.contains(&follow_up));
    assert!(visit_page(&app, visit).await.can_reschedule);
    let by_phone_response = post(&app, &desk, "/api/console/appointments", by_phone).await;
    assert_eq!(by_phone_response.status(), StatusCode::CREATED);
}
