//! Practitioners' hours and time off, and the booked visits a change leaves stranded.

use super::*;

#[tokio::test]
async fn cutting_hours_under_a_booked_visit_lists_it_as_stranded_and_keeps_it_booked() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let visit = monday_visit(&app).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;

    let unchanged = set_hours(&app, &admin, okafor, okafor_week()).await;
    assert!(
        unchanged.stranded.is_empty(),
        "the demo visits all fit her week"
    );
    assert_eq!(
        audit_count(&app, "view", "stranded_visits", okafor).await,
        0
    );

    // Mondays become afternoons only.
    let week: Vec<Value> = okafor_week()
        .into_iter()
        .filter(|b| !(b["weekday"] == 0 && b["start"] == "09:00"))
        .collect();
    let change = set_hours(&app, &admin, okafor, week).await;
    assert_eq!(change.stranded.len(), 1, "{:?}", change.stranded);
    let stranded = &change.stranded[0];
    assert_eq!(stranded.appointment_id, visit);
    assert_eq!(stranded.reason, "outside_hours");
    assert_eq!(stranded.local_start, "2026-12-07T10:00");
    assert_eq!(
        stranded.patient_name, "Dee",
        "the name the patient asked to be called"
    );
    assert_eq!(stranded.service_name, "Follow-up visit");
    assert_eq!(
        stranded.start,
        Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap()
    );
    let monday_hours: Vec<_> = change
        .practitioner
        .hours
        .iter()
        .filter(|b| b.weekday == 0)
        .map(|b| (b.start.as_str(), b.end.as_str()))
        .collect();
    assert_eq!(monday_hours, [("13:30", "17:00")]);

    // Nothing was dropped: the patient's page still says booked.
    assert_eq!(
        visit_page(&app, visit).await.status,
        AppointmentStatus::Booked
    );
    // Patients are no longer offered her Monday mornings.
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = app
        .free_slots_on(follow_up, Some(okafor), date(2026, 12, 7))
        .await;
    assert_eq!(monday.first().map(|s| s.local_time.as_str()), Some("13:30"));

    // Opening her page lists it again, and each listing is audited by her id, never by name.
    let shown: ScheduleChange = get(
        &app,
        &admin,
        &format!("/api/console/practitioners/{okafor}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(shown.stranded, change.stranded);
    assert_eq!(
        audit_count(&app, "view", "stranded_visits", okafor).await,
        2
    );
    assert_eq!(audit_count(&app, "update", "practitioner", okafor).await, 2);
    let named: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE lower(record_id) LIKE '%dee%'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(named, 0);

    // Once the visit is cancelled it is no longer anyone's concern.
    let token = app_token(&app, visit).await;
    let cancelled = app
        .post_json(&format!("/api/appointments/{token}/cancel"), &json!({}))
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let shown: ScheduleChange = get(
        &app,
        &admin,
        &format!("/api/console/practitioners/{okafor}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(shown.stranded.is_empty());
}

#[tokio::test]
async fn time_off_over_a_visit_lists_it_until_the_time_off_is_deleted() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let visit = monday_visit(&app).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let path = format!("/api/console/practitioners/{okafor}/time-off");

    let response = post(
        &app,
        &admin,
        &path,
        json!({ "starts": "2026-12-07T08:00", "ends": "2026-12-07T12:00", "note": " Dentist " }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let change: ScheduleChange = response.json().await.unwrap();
    let reasons: Vec<_> = change
        .stranded
        .iter()
        .map(|s| (s.appointment_id, s.reason.as_str()))
        .collect();
    assert_eq!(reasons, [(visit, "time_off")]);
    let off = &change.practitioner.time_off;
    assert_eq!(off.len(), 1);
    assert_eq!(
        (
            off[0].starts.as_str(),
            off[0].ends.as_str(),
            off[0].note.as_deref()
        ),
        ("2026-12-07T08:00", "2026-12-07T12:00", Some("Dentist"))
    );
    let stored: (i64, i64) =
        sqlx::query_as("SELECT starts_at, ends_at FROM time_off WHERE id = $1")
            .bind(off[0].id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        stored,
        (
            Utc.with_ymd_and_hms(2026, 12, 7, 13, 0, 0)
                .unwrap()
                .timestamp(),
            Utc.with_ymd_and_hms(2026, 12, 7, 17, 0, 0)
                .unwrap()
                .timestamp()
        ),
        "read in the clinic's zone"
    );
    assert_eq!(
        visit_page(&app, visit).await.status,
        AppointmentStatus::Booked
    );
    let follow_up = app.service_id("Follow-up visit").await;
    let monday = app
        .free_slots_on(follow_up, Some(okafor), date(2026, 12, 7))
        .await;
    assert!(monday.iter().all(|s| s.local_time.as_str() >= "12:00"));

    let response = delete(&app, &admin, &format!("{path}/{}", off[0].id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let change: ScheduleChange = response.json().await.unwrap();
    assert!(change.stranded.is_empty());
    assert!(change.practitioner.time_off.is_empty());
    assert_eq!(
        audit_count(&app, "time_off", "practitioner", okafor).await,
        2
    );
    assert_eq!(
        delete(&app, &admin, &format!("{path}/{}", off[0].id))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "already gone"
    );
}

#[tokio::test]
async fn overlapping_hours_and_bad_time_off_are_refused_and_change_nothing() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let hours = format!("/api/console/practitioners/{okafor}/hours");
    let page = format!("/api/console/practitioners/{okafor}");
    let before: ScheduleChange = get(&app, &admin, &page).await.json().await.unwrap();

    let overlapping = json!({ "blocks": [
        { "weekday": 0, "start": "09:00", "end": "12:30" },
        { "weekday": 0, "start": "12:00", "end": "17:00" },
    ]});
    let fields = refused_fields(put(&app, &admin, &hours, overlapping).await).await;
    assert_eq!(fields, json!({ "blocks": "overlapping" }));
    for (block, reason) in [
        (
            json!({ "weekday": 0, "start": "9am", "end": "12:00" }),
            "invalid_time",
        ),
        (
            json!({ "weekday": 0, "start": "09:00", "end": "24:30" }),
            "invalid_time",
        ),
        (
            json!({ "weekday": 0, "start": "14:00", "end": "09:00" }),
            "end_before_start",
        ),
        (
            json!({ "weekday": 7, "start": "09:00", "end": "12:00" }),
            "invalid_weekday",
        ),
    ] {
        let fields =
            refused_fields(put(&app, &admin, &hours, json!({ "blocks": [block] })).await).await;
        assert_eq!(fields, json!({ "blocks": reason }));
    }

    let time_off = format!("/api/console/practitioners/{okafor}/time-off");
    for (body, expected) in [
        (
            json!({ "starts": "2026-12-07T12:00", "ends": "2026-12-07T08:00", "note": null }),
            json!({ "ends": "end_before_start" }),
        ),
        (
            json!({ "starts": "2026-12-07T08:00", "ends": "2027-12-09T08:00", "note": null }),
            json!({ "ends": "too_long" }),
        ),
        (
            json!({ "starts": "next monday", "ends": "2026-12-07T08:00", "note": "x".repeat(501) }),
            json!({ "starts": "invalid", "note": "too_long" }),
        ),
        (
            json!({ "starts": "2026-11-02T08:00", "ends": "2026-11-03T08:00", "note": null }),
            json!({ "ends": "in_past" }),
        ),
    ] {
        let fields = refused_fields(post(&app, &admin, &time_off, body).await).await;
        assert_eq!(fields, expected);
    }

    let after: ScheduleChange = get(&app, &admin, &page).await.json().await.unwrap();
    assert_eq!(after, before, "nothing changed");
}

#[tokio::test]
async fn a_new_practitioner_is_bookable_once_given_hours() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let follow_up = app.service_id("Follow-up visit").await;

    let response = post(
        &app,
        &admin,
        "/api/console/practitioners",
        practitioner_draft("Dr. Rosa Díaz", &[follow_up]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: PractitionerAdmin = response.json().await.unwrap();
    assert!(created.hours.is_empty() && created.time_off.is_empty());
    assert_eq!(created.practitioner.service_ids, [follow_up]);

    let clinic = app.clinic().await;
    let listed = clinic
        .practitioners
        .iter()
        .find(|p| p.id == created.id)
        .unwrap();
    assert_eq!(listed.initials, "RD");
    assert_eq!(listed.pronouns.as_deref(), Some("she/her"));
    let monday = date(2026, 12, 7);
    assert!(app
        .free_slots_on(follow_up, Some(created.id), monday)
        .await
        .is_empty());

    let change = set_hours(
        &app,
        &admin,
        created.id,
        vec![json!({ "weekday": 0, "start": "08:00", "end": "10:00" })],
    )
    .await;
    assert!(change.stranded.is_empty());
    let slots = app.free_slots_on(follow_up, Some(created.id), monday).await;
    assert_eq!(slots.first().map(|s| s.local_time.as_str()), Some("08:00"));
    assert_eq!(slots.last().map(|s| s.local_time.as_str()), Some("09:30"));

    // Renamed, the initials follow; an unknown service is refused.
    let renamed = put(
        &app,
        &admin,
        &format!("/api/console/practitioners/{}", created.id),
        practitioner_draft("Rosa Díaz Ortega", &[]),
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let clinic = app.clinic().await;
    let listed = clinic
        .practitioners
        .iter()
        .find(|p| p.id == created.id)
        .unwrap();
    assert_eq!(
        (listed.display_name.as_str(), listed.initials.as_str()),
        ("Rosa Díaz Ortega", "RO")
    );
    assert!(listed.service_ids.is_empty());
    let fields = refused_fields(
        put(
            &app,
            &admin,
            &format!("/api/console/practitioners/{}", created.id),
            practitioner_draft("Rosa Díaz", &[999_999]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "service_ids": "unknown_service" }));
    let fields = refused_fields(
        post(
            &app,
            &admin,
            "/api/console/practitioners",
            practitioner_draft(" ", &[]),
        )
        .await,
    )
    .await;
    assert_eq!(fields, json!({ "display_name": "required" }));
    assert_eq!(
        audit_count(&app, "create", "practitioner", created.id).await,
        1
    );
}
