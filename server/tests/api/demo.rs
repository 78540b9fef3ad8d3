use crate::helpers::*;

async fn counts(app: &TestApp) -> Vec<i64> {
    let tables = [
        "clinics",
        "services",
        "practitioners",
        "practitioner_services",
        "working_hours",
        "time_off",
        "appointments",
    ];
    row_counts(app, &tables).await
}

#[tokio::test]
async fn running_demo_again_duplicates_nothing_and_keeps_patients_bookings() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let booked = app
        .book_ok(&request(
            service,
            None,
            app.now + chrono::Duration::days(6) + chrono::Duration::hours(2),
            "Kept Patient",
        ))
        .await;
    let before = counts(&app).await;
    assert_eq!(
        &before[..6],
        &[1, 4, 3, 7, 29, 1],
        "clinic, services, practitioners, offers, hours, leave"
    );

    carebook::demo::seed(&app.db, app.now).await.unwrap();
    carebook::demo::seed(&app.db, app.now).await.unwrap();

    assert_eq!(counts(&app).await, before);
    let still = app.appointment(&booked.token).await;
    assert_eq!(
        still.status(),
        reqwest::StatusCode::OK,
        "a patient's booking survives a refresh"
    );
}

#[tokio::test]
async fn demo_refreshes_after_staff_worked_on_its_sample_visits() {
    let app = spawn_app().await;
    // A sample visit with history, as when someone tried the console's attendance buttons.
    let sample: i64 =
        sqlx::query_scalar("SELECT id FROM appointments WHERE demo_seed IS NOT NULL LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    sqlx::query(
        "INSERT INTO appointment_events (appointment_id, at, action) VALUES ($1, $2, 'arrived')",
    )
    .bind(sample)
    .bind(app.now.timestamp())
    .execute(&app.db.pool)
    .await
    .unwrap();
    let before = counts(&app).await;

    carebook::demo::seed(&app.db, app.now)
        .await
        .expect("the demo refreshes");

    assert_eq!(counts(&app).await, before, "the same demo, refreshed");
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointment_events e \
         WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = e.appointment_id)",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(orphans, 0);
}
