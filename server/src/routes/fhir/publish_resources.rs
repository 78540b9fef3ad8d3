//! The FHIR R4 resources of SMART Scheduling Links: one `Location` per publishing clinic, one
//! `Schedule` per service offered there, one `Slot` per start time of a service. Ids follow
//! the spec's alphabet (letters, digits, `.`): `Location/{clinic}`, `Schedule/{clinic}.{service}`,
//! `Slot/{clinic}.{service}.{start as epoch seconds}`, so they stay the same across polls.

use crate::db::clinics::{ClinicRow, ServiceRow};
use crate::domain::slot_publishing::{address_parts, local_instant_text, PublishedSlot};
use chrono::SecondsFormat;
use serde_json::{json, Value};

pub const BOOKING_DEEP_LINK: &str =
    "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
pub const BOOKING_PHONE: &str =
    "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone";
pub const SLOT_CAPACITY: &str =
    "http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity";

pub fn location_id(clinic: &ClinicRow) -> String {
    clinic.id.to_string()
}

pub fn schedule_id(clinic: &ClinicRow, service: &ServiceRow) -> String {
    format!("{}.{}", clinic.id, service.id)
}

pub fn location(base: &str, clinic: &ClinicRow) -> Value {
    let parts = address_parts(&clinic.address);
    let mut address = json!({"text": clinic.address.trim(), "line": parts.lines});
    for (key, value) in [
        ("city", parts.city),
        ("state", parts.state),
        ("postalCode", parts.postal_code),
    ] {
        if let Some(value) = value {
            address[key] = json!(value);
        }
    }
    let mut telecom = Vec::new();
    if !clinic.phone.trim().is_empty() {
        telecom.push(json!({"system": "phone", "value": clinic.phone.trim()}));
    }
    telecom.push(json!({"system": "url", "value": format!("{base}/book/{}", clinic.slug)}));
    json!({
        "resourceType": "Location",
        "id": location_id(clinic),
        "identifier": [{"system": format!("{base}/fhir/sid/clinic"), "value": clinic.slug}],
        "name": clinic.name,
        "telecom": telecom,
        "address": address,
    })
}

/// Free/busy at the service level: the Schedule of one service at one clinic.
pub fn schedule(base: &str, clinic: &ClinicRow, service: &ServiceRow) -> Value {
    json!({
        "resourceType": "Schedule",
        "id": schedule_id(clinic, service),
        "actor": [{"reference": format!("Location/{}", location_id(clinic)), "display": clinic.name}],
        "serviceType": [{
            "coding": [{
                "system": format!("{base}/fhir/CodeSystem/service"),
                "code": service.id.to_string(),
                "display": service.name_en,
            }],
            "text": service.name_en,
        }],
    })
}

/// One start time. A free one links to the booking page with the service, "first available"
/// and the time chosen (the patient goes straight to their details), gives the clinic's phone
/// and how many practitioners are free then; a busy one only says it is taken.
pub fn slot(base: &str, clinic: &ClinicRow, service: &ServiceRow, slot: &PublishedSlot) -> Value {
    let tz = clinic.tz();
    let mut resource = json!({
        "resourceType": "Slot",
        "id": format!("{}.{}", schedule_id(clinic, service), slot.start.timestamp()),
        "schedule": {"reference": format!("Schedule/{}", schedule_id(clinic, service))},
        "status": if slot.is_free() { "free" } else { "busy" },
        "start": local_instant_text(tz, slot.start),
        "end": local_instant_text(tz, slot.end),
    });
    if slot.is_free() {
        let mut extension = vec![
            json!({"url": BOOKING_DEEP_LINK, "valueUrl": deep_link(base, clinic, service, slot)}),
        ];
        if !clinic.phone.trim().is_empty() {
            extension.push(json!({"url": BOOKING_PHONE, "valueString": clinic.phone.trim()}));
        }
        extension.push(json!({"url": SLOT_CAPACITY, "valueInteger": slot.free_practitioners}));
        resource["extension"] = json!(extension);
    }
    resource
}

/// `/book/{clinic}?service=…&practitioner=any&date=…&start=…&step=details`: the query the
/// booking page reads (`app/src/pages/book/mod.rs`, `Choices`); the date is clinic-local.
pub fn deep_link(
    base: &str,
    clinic: &ClinicRow,
    service: &ServiceRow,
    slot: &PublishedSlot,
) -> String {
    let local_date = slot.start.with_timezone(&clinic.tz()).date_naive();
    format!(
        "{base}/book/{}?service={}&practitioner=any&date={local_date}&start={}&step=details",
        clinic.slug,
        service.id,
        slot.start.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}
