//! SMART Scheduling Links (`/fhir/$bulk-publish`): the manifest and its NDJSON files, checked
//! against the spec's required fields, against the booking API's own free times, and for what
//! a slot finder relies on (stable content, ETag/304, deep links that open the right booking).

use crate::console::{console_app, from_console, other_clinic_admin, sign_in, ADMIN, DESK};
use crate::helpers::*;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The test server's configured public URL (`Settings::for_tests`): every URL published is
/// absolute on it.
const PUBLIC: &str = "http://127.0.0.1";
const DEEP_LINK: &str =
    "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
const CAPACITY: &str = "http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity";

struct Published {
    manifest: Value,
    locations: Vec<Value>,
    schedules: Vec<Value>,
    slots: Vec<Value>,
    raw: String,
}

async fn get(app: &TestApp, url: &str) -> reqwest::Response {
    let path = url.strip_prefix(PUBLIC).unwrap_or(url);
    app.client.get(app.url(path)).send().await.unwrap()
}

/// Each line a JSON object of `kind`; the file ends with a newline (or is empty).
fn ndjson(body: &str, kind: &str) -> Vec<Value> {
    assert!(
        body.is_empty() || body.ends_with('\n'),
        "{kind} file ends a line"
    );
    body.lines()
        .map(|line| {
            let resource: Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("{kind} line is not JSON ({error}): {line}"));
            assert_eq!(resource["resourceType"], kind);
            resource
        })
        .collect()
}

async fn published(app: &TestApp) -> Published {
    let response = get(app, "/fhir/$bulk-publish").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let manifest: Value = response.json().await.unwrap();
    let mut files: HashMap<String, String> = HashMap::new();
    let mut raw = manifest.to_string();
    for output in manifest["output"].as_array().unwrap() {
        let url = output["url"].as_str().unwrap();
        let response = get(app, url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/fhir+ndjson"
        );
        let body = response.text().await.unwrap();
        raw.push_str(&body);
        files.insert(output["type"].as_str().unwrap().to_string(), body);
    }
    Published {
        locations: ndjson(&files["Location"], "Location"),
        schedules: ndjson(&files["Schedule"], "Schedule"),
        slots: ndjson(&files["Slot"], "Slot"),
        manifest,
        raw,
    }
}

/// The spec's id alphabet: up to 64 letters, digits, `_` and `.`.
fn assert_spec_id(resource: &Value) {
    let id = resource["id"].as_str().expect("id");
    assert!(
        !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
        "id {id}"
    );
}

/// An ISO 8601 instant with its zone (`Z` or an offset).
fn instant(value: &Value) -> DateTime<FixedOffset> {
    let text = value.as_str().expect("instant text");
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|_| panic!("{text} is not ISO 8601 with zone"))
}

fn extension<'a>(slot: &'a Value, url: &str) -> Option<&'a Value> {
    slot["extension"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["url"] == url))
}

fn query_of(link: &str) -> HashMap<String, String> {
    let query = link.split_once('?').map(|(_, q)| q).unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The Slot with this schedule and start (in UTC), if published.
fn slot_at<'a>(slots: &'a [Value], schedule: &str, start: DateTime<Utc>) -> Option<&'a Value> {
    slots
        .iter()
        .find(|slot| slot["schedule"]["reference"] == schedule && instant(&slot["start"]) == start)
}

#[tokio::test]
async fn manifest_lists_location_schedule_and_slot_files_with_absolute_urls() {
    let app = spawn_app().await;
    let published = published(&app).await;
    let manifest = &published.manifest;
    assert_eq!(manifest["request"], format!("{PUBLIC}/fhir/$bulk-publish"));
    instant(&manifest["transactionTime"]);
    assert_eq!(manifest["error"], json!([]));
    let kinds: Vec<&str> = manifest["output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Location", "Schedule", "Slot"]);
    for output in manifest["output"].as_array().unwrap() {
        assert!(output["url"].as_str().unwrap().starts_with(PUBLIC));
    }
}

#[tokio::test]
async fn every_resource_has_the_fields_the_spec_requires_and_references_resolve() {
    let app = spawn_app().await;
    let published = published(&app).await;

    assert_eq!(published.locations.len(), 1, "the demo clinic publishes");
    let location = &published.locations[0];
    assert_spec_id(location);
    assert_eq!(location["name"], "Riverside Family Clinic");
    let phones: Vec<&Value> = location["telecom"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["system"] == "phone")
        .collect();
    assert_eq!(phones[0]["value"], "+1 212 555 0142");
    let address = &location["address"];
    assert_eq!(address["line"], json!(["120 Hudson Street"]));
    assert_eq!(address["city"], "New York");
    assert_eq!(address["state"], "NY");
    assert_eq!(address["postalCode"], "10013");
    let location_refs: HashSet<String> = published
        .locations
        .iter()
        .map(|l| format!("Location/{}", l["id"].as_str().unwrap()))
        .collect();

    let services = app.clinic().await.services;
    assert_eq!(
        published.schedules.len(),
        services.len(),
        "one Schedule per service offered"
    );
    let mut service_of_schedule = HashMap::new();
    for schedule in &published.schedules {
        assert_spec_id(schedule);
        let actors = schedule["actor"].as_array().unwrap();
        assert_eq!(actors.len(), 1);
        assert!(location_refs.contains(actors[0]["reference"].as_str().unwrap()));
        let coding = &schedule["serviceType"][0]["coding"][0];
        let service_id: i64 = coding["code"].as_str().unwrap().parse().unwrap();
        let service = services.iter().find(|s| s.id == service_id).unwrap();
        assert_eq!(coding["display"], service.name);
        service_of_schedule.insert(
            format!("Schedule/{}", schedule["id"].as_str().unwrap()),
            service_id,
        );
    }

    assert!(!published.slots.is_empty());
    let mut ids = HashSet::new();
    for slot in &published.slots {
        assert_spec_id(slot);
        assert!(ids.insert(slot["id"].clone()), "slot ids are unique");
        let schedule = slot["schedule"]["reference"].as_str().unwrap();
        let service_id = service_of_schedule[schedule];
        let (start, end) = (instant(&slot["start"]), instant(&slot["end"]));
        assert!(start < end);
        assert!(start > app.now, "nothing in the past");
        match slot["status"].as_str().unwrap() {
            "free" => {
                let link = extension(slot, DEEP_LINK).expect("free slots link to booking")
                    ["valueUrl"]
                    .as_str()
                    .unwrap();
                assert!(link.starts_with(&format!("{PUBLIC}/book/demo?")), "{link}");
                let query = query_of(link);
                assert_eq!(query["service"], service_id.to_string());
                assert_eq!(query["practitioner"], "any");
                assert_eq!(
                    query["start"].parse::<DateTime<Utc>>().unwrap(),
                    start.with_timezone(&Utc)
                );
                let capacity = extension(slot, CAPACITY).unwrap()["valueInteger"]
                    .as_i64()
                    .unwrap();
                assert!(capacity >= 1);
            }
            "busy" => assert!(extension(slot, DEEP_LINK).is_none()),
            other => panic!("status {other}"),
        }
    }
    // Four weeks at most, from today.
    let last = published
        .slots
        .iter()
        .map(|slot| instant(&slot["start"]))
        .max()
        .unwrap();
    assert!(last < app.now + Duration::days(30));
}

#[tokio::test]
async fn free_slots_are_the_times_the_booking_page_offers() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let code = service.to_string();
    let published = published(&app).await;
    let schedule = published
        .schedules
        .iter()
        .find(|s| s["serviceType"][0]["coding"][0]["code"].as_str() == Some(code.as_str()))
        .unwrap();
    let reference = format!("Schedule/{}", schedule["id"].as_str().unwrap());
    let day = date(2026, 12, 3);
    let offered: Vec<DateTime<Utc>> = app
        .free_slots_on(service, None, day)
        .await
        .iter()
        .map(|slot| slot.start)
        .collect();
    assert!(!offered.is_empty());
    // Published instants carry the clinic's offset, so their date is the clinic's day.
    let free: Vec<DateTime<Utc>> = published
        .slots
        .iter()
        .filter(|s| s["schedule"]["reference"] == reference.as_str() && s["status"] == "free")
        .map(|s| instant(&s["start"]))
        .filter(|start| start.date_naive() == day)
        .map(|start| start.with_timezone(&Utc))
        .collect();
    assert_eq!(free, offered);
}

#[tokio::test]
async fn a_booked_time_loses_a_place_and_is_busy_when_nobody_is_left() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let code = service.to_string();
    let before = published(&app).await;
    let schedule = before
        .schedules
        .iter()
        .find(|s| s["serviceType"][0]["coding"][0]["code"].as_str() == Some(code.as_str()))
        .unwrap();
    let reference = format!("Schedule/{}", schedule["id"].as_str().unwrap());
    let slot = before
        .slots
        .iter()
        .find(|s| {
            // Clear of the notice edge, which the clock moving on would cross.
            s["schedule"]["reference"] == reference.as_str()
                && s["status"] == "free"
                && instant(&s["start"]) > app.now + Duration::days(1)
        })
        .unwrap();
    let start = instant(&slot["start"]).with_timezone(&Utc);
    let capacity = extension(slot, CAPACITY).unwrap()["valueInteger"]
        .as_i64()
        .unwrap();

    for taken in 1..=capacity {
        // A moment later: the publication's time is when its content changed.
        app.clock.advance(Duration::seconds(1));
        let mut booking = request(service, None, start, &format!("Patient Number{taken}"));
        booking.patient.email = Some(format!("patient{taken}@example.org"));
        app.book_ok(&booking).await;
        let after = published(&app).await;
        let slot = slot_at(&after.slots, &reference, start).expect("still listed");
        if taken == capacity {
            assert_eq!(slot["status"], "busy");
            assert!(extension(slot, DEEP_LINK).is_none());
        } else {
            assert_eq!(slot["status"], "free");
            assert_eq!(
                extension(slot, CAPACITY).unwrap()["valueInteger"],
                capacity - taken
            );
        }
        let published_at = instant(&after.manifest["transactionTime"]);
        assert_eq!(
            published_at,
            app.clock.now(),
            "a change is a new publication"
        );
        assert_ne!(
            after.manifest["transactionTime"],
            before.manifest["transactionTime"]
        );
    }
}

#[tokio::test]
async fn the_published_files_hold_no_patient_data() {
    let app = spawn_app().await;
    let service = app.service_id("Follow-up visit").await;
    let slot = app.free_slots_on(service, None, date(2026, 12, 3)).await[0].clone();
    let mut booking = request(service, None, slot.start, "Zelda Quixote");
    booking.patient.email = Some("zelda.q@example.org".into());
    booking.patient.phone = Some("+1 917 555 0199".into());
    booking.patient.reason = Some("persistent cough".into());
    let visit = app.book_ok(&booking).await;
    let published = published(&app).await;
    for secret in [
        "Zelda",
        "Quixote",
        "zelda.q@",
        "917 555 0199",
        "cough",
        visit.token.as_str(),
    ] {
        assert!(!published.raw.contains(secret), "{secret} published");
    }
}

#[tokio::test]
async fn unchanged_data_answers_304_to_the_same_etag() {
    let app = spawn_app().await;
    for path in [
        "/fhir/$bulk-publish",
        "/fhir/bulk/Location.ndjson",
        "/fhir/bulk/Schedule.ndjson",
        "/fhir/bulk/Slot.ndjson",
    ] {
        let first = get(&app, path).await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(
            first.headers()[header::CACHE_CONTROL],
            "public, max-age=300"
        );
        let tag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(tag.starts_with('"'), "a strong ETag: {tag}");
        let body = first.text().await.unwrap();

        let again = get(&app, path).await;
        assert_eq!(again.headers()[header::ETAG], tag.as_str(), "{path}");
        assert_eq!(again.text().await.unwrap(), body, "same bytes for {path}");

        let conditional = app
            .client
            .get(app.url(path))
            .header(header::IF_NONE_MATCH, &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(conditional.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(conditional.headers()[header::ETAG], tag.as_str());

        let stale = app
            .client
            .get(app.url(path))
            .header(header::IF_NONE_MATCH, "\"something-else\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
    }
    let missing = get(&app, "/fhir/bulk/Patient.ndjson").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let outcome: Value = missing.json().await.unwrap();
    assert_eq!(outcome["resourceType"], "OperationOutcome");
}

#[tokio::test]
async fn a_clinic_with_publishing_off_is_in_no_file() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let other = other_clinic_admin(&app).await;
    let put = |cookie: String, on: bool| {
        let app = &app;
        async move {
            from_console(
                app,
                app.client.put(app.url("/api/console/publishing")),
                &cookie,
            )
            .json(&json!({ "publish_slots": on }))
            .send()
            .await
            .unwrap()
        }
    };

    let shown = from_console(
        &app,
        app.client.get(app.url("/api/console/publishing")),
        &admin,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(
        shown.json::<Value>().await.unwrap(),
        json!({"publish_slots": true})
    );

    let off = put(admin.clone(), false).await;
    assert_eq!(off.status(), StatusCode::OK);
    let files = published(&app).await;
    assert!(files.locations.is_empty());
    assert!(files.schedules.is_empty());
    assert!(files.slots.is_empty());
    assert!(!files.raw.contains("Riverside"));

    // The other clinic switches on: only it is listed.
    assert_eq!(put(other, true).await.status(), StatusCode::OK);
    let files = published(&app).await;
    assert_eq!(files.locations.len(), 1);
    assert_eq!(files.locations[0]["name"], "Other Clinic");
    assert!(!files.raw.contains("Riverside"));

    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'update_publishing' AND record_type = 'clinic'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn only_admins_switch_publishing_and_only_from_the_console() {
    let app = console_app().await;
    let desk = sign_in(&app, DESK).await;
    let response = from_console(
        &app,
        app.client.put(app.url("/api/console/publishing")),
        &desk,
    )
    .json(&json!({ "publish_slots": false }))
    .send()
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let admin = sign_in(&app, ADMIN).await;
    let cross_site = app
        .client
        .put(app.url("/api/console/publishing"))
        .header("cookie", &admin)
        .header("origin", "https://evil.example")
        .json(&json!({ "publish_slots": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);

    let bad = from_console(
        &app,
        app.client.put(app.url("/api/console/publishing")),
        &admin,
    )
    .json(&json!({ "publish_slots": "yes" }))
    .send()
    .await
    .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(published(&app).await.locations.len(), 1, "still on");
}
