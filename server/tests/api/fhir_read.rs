//! FHIR R4 read for staff: `Appointment` and `Patient` of the signed-in staff member's clinic,
//! as an EHR importing visits sees them — shapes, status mapping from what the console
//! records, searches, clinic walls, the session, the audit log and OperationOutcome errors.

use crate::console::{
    console_app, monday_visit, other_clinic_admin, post, sign_in, ADMIN, DESK, DOCTOR,
};
use crate::helpers::*;
use chrono::{DateTime, Utc};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

const PUBLIC: &str = "http://127.0.0.1";

async fn fhir(app: &TestApp, cookie: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// A 200 FHIR resource, checked for FHIR's content type.
async fn resource(app: &TestApp, cookie: &str, path: &str) -> Value {
    let response = fhir(app, Some(cookie), path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/fhir+json"));
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    response.json().await.unwrap()
}

/// An error answer: an OperationOutcome with `status`.
async fn outcome(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/fhir+json"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["resourceType"], "OperationOutcome");
    assert_eq!(body["issue"][0]["severity"], "error");
    body
}

async fn patient_of(app: &TestApp, visit: i64) -> i64 {
    sqlx::query_scalar("SELECT patient_id FROM appointments WHERE id = $1")
        .bind(visit)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn ids(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_appointment_reads_as_fhir_with_its_participants() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let desk = sign_in(&app, DESK).await;
    let appointment = resource(&app, &desk, &format!("/fhir/Appointment/{visit}")).await;
    assert_eq!(appointment["resourceType"], "Appointment");
    assert_eq!(appointment["id"], visit.to_string());
    assert_eq!(appointment["status"], "booked");
    assert_eq!(appointment["start"], "2026-12-07T15:00:00Z");
    let start: DateTime<Utc> = appointment["start"].as_str().unwrap().parse().unwrap();
    let end: DateTime<Utc> = appointment["end"].as_str().unwrap().parse().unwrap();
    assert_eq!(appointment["minutesDuration"], (end - start).num_minutes());
    assert_eq!(appointment["serviceType"][0]["text"], "Follow-up visit");
    assert!(appointment["created"]
        .as_str()
        .unwrap()
        .parse::<DateTime<Utc>>()
        .is_ok());
    assert!(appointment.get("cancelationReason").is_none());
    let participants = appointment["participant"].as_array().unwrap();
    assert_eq!(
        participants[0]["actor"]["reference"],
        format!("Patient/{patient}")
    );
    assert_eq!(participants[1]["actor"]["display"], "Dr. Amara Okafor");
    assert!(participants[1]["actor"]["reference"]
        .as_str()
        .unwrap()
        .starts_with("Practitioner/"));
    assert!(participants.iter().all(|p| p["status"] == "accepted"));
    // The patient's name is in the Patient resource, not here.
    assert!(!appointment.to_string().contains("Dana"));
}

#[tokio::test]
async fn each_console_state_maps_to_its_fhir_status() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let visit = monday_visit(&app).await;
    let path = format!("/fhir/Appointment/{visit}");
    let attendance = format!("/api/console/appointments/{visit}/attendance");
    for (recorded, fhir_status) in [
        ("arrived", "arrived"),
        ("completed", "fulfilled"),
        ("no_show", "noshow"),
    ] {
        let response = post(&app, &desk, &attendance, json!({ "attendance": recorded })).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(resource(&app, &desk, &path).await["status"], fhir_status);
    }

    let cancel = format!("/api/console/appointments/{visit}/cancel");
    let response = post(
        &app,
        &desk,
        &cancel,
        json!({ "reason": "Doctor is ill", "cancelled_by": "clinic" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cancelled = resource(&app, &desk, &path).await;
    assert_eq!(cancelled["status"], "cancelled");
    let reason = &cancelled["cancelationReason"];
    assert_eq!(reason["coding"][0]["code"], "prov");
    assert_eq!(reason["text"], "Doctor is ill");

    // A patient's own cancellation online.
    let service = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(service, None, date(2026, 12, 8)).await[0].clone();
    let booked = app
        .book_ok(&request(service, None, slot.start, "Casey Online"))
        .await;
    let response = app
        .post_json(
            &format!("/api/appointments/{}/cancel", booked.token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
        .bind(&booked.token)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let cancelled = resource(&app, &desk, &format!("/fhir/Appointment/{id}")).await;
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["cancelationReason"]["coding"][0]["code"], "pat");
}

#[tokio::test]
async fn appointments_are_searched_by_day_instant_range_and_patient() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let admin = sign_in(&app, ADMIN).await;
    let search = |query: &str| {
        let app = &app;
        let admin = admin.clone();
        let path = format!("/fhir/Appointment?{query}");
        async move { resource(app, &admin, &path).await }
    };

    let visit_id = visit.to_string();
    let monday = search("date=2026-12-07").await;
    assert_eq!(monday["resourceType"], "Bundle");
    assert_eq!(monday["type"], "searchset");
    assert!(ids(&monday).contains(&visit.to_string()));
    assert_eq!(
        monday["total"].as_u64().unwrap() as usize,
        ids(&monday).len()
    );
    let entry = monday["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource"]["id"].as_str() == Some(visit_id.as_str()))
        .unwrap();
    assert_eq!(
        entry["fullUrl"],
        format!("{PUBLIC}/fhir/Appointment/{visit}")
    );

    assert!(!ids(&search("date=2026-12-08").await).contains(&visit.to_string()));
    assert!(ids(&search("date=ge2026-12-07&date=le2026-12-07").await).contains(&visit.to_string()));
    assert!(!ids(&search("date=lt2026-12-07").await).contains(&visit.to_string()));
    // 10:00 in New York is 15:00Z: the instant itself, and a range around it.
    assert!(ids(&search("date=eq2026-12-07T10:00:00-05:00").await).contains(&visit.to_string()));
    assert!(
        ids(&search("date=ge2026-12-07T14:00:00Z&date=lt2026-12-07T16:00:00Z").await)
            .contains(&visit.to_string())
    );
    assert!(!ids(&search("date=gt2026-12-07T15:00:00Z").await).contains(&visit.to_string()));

    let theirs = search(&format!("patient=Patient/{patient}")).await;
    assert_eq!(ids(&theirs), vec![visit.to_string()]);
    assert_eq!(theirs["total"], 1);
    assert_eq!(
        ids(&search(&format!("patient={patient}")).await),
        vec![visit.to_string()]
    );
    assert_eq!(search("patient=999999").await["total"], 0);

    let limited = search("_count=1").await;
    assert_eq!(ids(&limited).len(), 1);
    assert!(limited["total"].as_i64().unwrap() >= 1);
}

#[tokio::test]
async fn bad_search_parameters_are_400_operation_outcomes() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    for query in [
        "date=tomorrow",
        "date=2026-12-07T10:00",
        "date=xx2026-12-07",
        "patient=Dana",
        "status=booked",
        "_count=0",
        "_count=100000",
    ] {
        let response = fhir(&app, Some(&admin), &format!("/fhir/Appointment?{query}")).await;
        let body = outcome(response, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["issue"][0]["code"], "invalid", "{query}");
    }
    let response = fhir(&app, Some(&admin), "/fhir/Patient?birthdate=2000-01-01").await;
    outcome(response, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn without_a_session_every_read_is_401() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    for path in [
        format!("/fhir/Appointment/{visit}"),
        "/fhir/Appointment?date=2026-12-07".to_string(),
        "/fhir/Patient/1".to_string(),
        "/fhir/Patient?name=Dana".to_string(),
    ] {
        let body = outcome(fhir(&app, None, &path).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(body["issue"][0]["code"], "login");
        let body = outcome(
            fhir(&app, Some("carebook_session=forged"), &path).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_eq!(body["issue"][0]["code"], "login");
    }
}

#[tokio::test]
async fn another_clinics_records_are_404_and_never_in_searches() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let other = other_clinic_admin(&app).await;
    for path in [
        format!("/fhir/Appointment/{visit}"),
        format!("/fhir/Patient/{patient}"),
        "/fhir/Appointment/not-a-number".to_string(),
        "/fhir/Observation/1".to_string(),
    ] {
        let body = outcome(fhir(&app, Some(&other), &path).await, StatusCode::NOT_FOUND).await;
        assert_eq!(body["issue"][0]["code"], "not-found");
        assert!(!body.to_string().contains("Dana"));
    }
    let mine = resource(&app, &other, "/fhir/Appointment?date=2026-12-07").await;
    assert_eq!(mine["total"], 0);
    let mine = resource(&app, &other, &format!("/fhir/Patient?_id={patient}")).await;
    assert_eq!(mine["total"], 0);
}

#[tokio::test]
async fn a_patient_reads_with_name_contacts_language_and_identifier() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let desk = sign_in(&app, DESK).await;
    let resource_ = resource(&app, &desk, &format!("/fhir/Patient/{patient}")).await;
    assert_eq!(resource_["resourceType"], "Patient");
    assert_eq!(resource_["id"], patient.to_string());
    assert_eq!(resource_["name"][0]["text"], "Dana Whitfield");
    assert_eq!(resource_["name"][1]["use"], "usual");
    assert_eq!(resource_["name"][1]["text"], "Dee");
    assert_eq!(
        resource_["telecom"],
        json!([{"system": "email", "value": "patient@example.org"}])
    );
    assert_eq!(
        resource_["communication"][0]["language"]["coding"][0]["code"],
        "en"
    );
    let identifier = &resource_["identifier"][0];
    assert_eq!(identifier["system"], format!("{PUBLIC}/fhir/sid/patient"));
    assert_eq!(identifier["value"], patient.to_string());

    let by_name = resource(&app, &desk, "/fhir/Patient?name=whitf").await;
    assert_eq!(ids(&by_name), vec![patient.to_string()]);
    let by_identifier = resource(
        &app,
        &desk,
        &format!("/fhir/Patient?identifier={PUBLIC}/fhir/sid/patient|{patient}"),
    )
    .await;
    assert_eq!(ids(&by_identifier), vec![patient.to_string()]);
    assert_eq!(
        resource(&app, &desk, "/fhir/Patient?name=nobody-like-this").await["total"],
        0
    );
}

#[tokio::test]
async fn an_erased_patient_is_gone() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let admin = sign_in(&app, ADMIN).await;
    let erase = post(
        &app,
        &admin,
        &format!("/api/console/patients/{patient}/erase"),
        json!({}),
    )
    .await;
    if erase.status() != StatusCode::OK {
        panic!("erase: {} {}", erase.status(), erase.text().await.unwrap());
    }
    let body = outcome(
        fhir(&app, Some(&admin), &format!("/fhir/Patient/{patient}")).await,
        StatusCode::GONE,
    )
    .await;
    assert!(!body.to_string().contains("Dana"));
    assert_eq!(
        resource(&app, &admin, &format!("/fhir/Patient?_id={patient}")).await["total"],
        0
    );
}

#[tokio::test]
async fn practitioners_read_only_their_own_visits() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let doctor = sign_in(&app, DOCTOR).await;
    resource(&app, &doctor, &format!("/fhir/Appointment/{visit}")).await;
    // A visit with someone else.
    let service = app.service_id("Follow-up visit").await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let others_slot = app
        .free_slots_on(service, None, date(2026, 12, 8))
        .await
        .into_iter()
        .find(|slot| slot.practitioner_id != okafor);
    if let Some(slot) = others_slot {
        let booked = app
            .book_ok(&request(
                service,
                Some(slot.practitioner_id),
                slot.start,
                "Robin Else",
            ))
            .await;
        let id: i64 = sqlx::query_scalar("SELECT id FROM appointments WHERE token = $1")
            .bind(&booked.token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        outcome(
            fhir(&app, Some(&doctor), &format!("/fhir/Appointment/{id}")).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
}

#[tokio::test]
async fn every_read_and_search_is_audited_by_ids() {
    let app = console_app().await;
    let visit = monday_visit(&app).await;
    let patient = patient_of(&app, visit).await;
    let desk = sign_in(&app, DESK).await;
    resource(&app, &desk, &format!("/fhir/Appointment/{visit}")).await;
    resource(&app, &desk, &format!("/fhir/Appointment?patient={patient}")).await;
    resource(&app, &desk, &format!("/fhir/Patient/{patient}")).await;
    resource(&app, &desk, "/fhir/Patient?name=Dana").await;
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT action, record_type, record_id FROM audit_log
         WHERE record_type IN ('appointment', 'patient') AND action IN ('view', 'search')
         ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let (visit, patient) = (visit.to_string(), patient.to_string());
    assert_eq!(
        rows,
        vec![
            ("view".into(), "appointment".into(), visit.clone()),
            ("search".into(), "appointment".into(), visit),
            ("view".into(), "patient".into(), patient.clone()),
            ("search".into(), "patient".into(), patient),
        ]
    );
}
