//! `GET /fhir/Patient/{id}` and `GET /fhir/Patient?name=…|identifier=…|_id=…`: the clinic's
//! patient records as FHIR R4 `Patient` resources, for staff signed in to the console.
//! Practitioners read only patients with a visit with them; another clinic's patient is a
//! 404, an erased one a 410. Each read and search is audited by ids.

use super::{base_url, count_param, fhir_json, search_params, searchset, FhirError};
use crate::db::fhir::{FhirPatientRow, PatientFilter, Reader};
use crate::db::{self, staff::AuditEntry};
use crate::error::ApiError;
use crate::routes::console::auth::{AnyRole, Staff};
use crate::routes::AppState;
use app::wire::Language;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{json, Value};

pub async fn read(
    State(state): State<AppState>,
    staff: Result<Staff<AnyRole>, ApiError>,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let staff = staff?;
    let id: i64 = id.parse().map_err(|_| FhirError::not_found())?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::fhir::patient(&mut conn, reader(&staff), id)
        .await?
        .ok_or_else(FhirError::not_found)?;
    if row.erased {
        return Err(FhirError::gone());
    }
    audit(&mut conn, &state, &staff, "view", &id.to_string()).await?;
    Ok(fhir_json(&patient(base_url(&state), &row)))
}

pub async fn search(
    State(state): State<AppState>,
    staff: Result<Staff<AnyRole>, ApiError>,
    RawQuery(query): RawQuery,
) -> Result<Response, FhirError> {
    let staff = staff?;
    let params = search_params(query.as_deref(), &["_id", "identifier", "name", "_count"])?;
    let count = count_param(&params)?;
    let base = base_url(&state);
    let mut filter = PatientFilter::default();
    for (name, value) in &params {
        match name.as_str() {
            "_id" => filter.id = Some(patient_id(value)?),
            "identifier" => {
                // `system|value` (our system) or a bare value: both name our patient id.
                let value = match value.split_once('|') {
                    Some((system, value)) if system == patient_system(base) => value,
                    Some(_) => {
                        return Err(FhirError::bad_request(format!(
                            "`identifier` searches the system {} only.",
                            patient_system(base)
                        )))
                    }
                    None => value,
                };
                filter.id = Some(patient_id(value)?);
            }
            "name" => {
                let text = value.trim();
                if text.is_empty() {
                    return Err(FhirError::bad_request("`name` must not be empty."));
                }
                filter.name = Some(text.to_string());
            }
            _ => {}
        }
    }
    let mut conn = state.db.pool.acquire().await?;
    let (rows, total) = db::fhir::patients(&mut conn, reader(&staff), &filter, count).await?;
    let ids: Vec<String> = rows.iter().map(|row| row.id.to_string()).collect();
    audit(&mut conn, &state, &staff, "search", &ids.join(",")).await?;
    let matches = rows
        .iter()
        .map(|row| ("Patient", row.id, patient(base, row)))
        .collect();
    Ok(fhir_json(&searchset(base, total, matches)))
}

fn patient_id(text: &str) -> Result<i64, FhirError> {
    text.parse()
        .map_err(|_| FhirError::bad_request("A patient id is a number."))
}

fn reader(staff: &Staff<AnyRole>) -> Reader {
    Reader {
        clinic_id: staff.clinic_id(),
        practitioner_id: staff.own_practitioner(),
    }
}

async fn audit(
    conn: &mut db::Conn,
    state: &AppState,
    staff: &Staff<AnyRole>,
    action: &str,
    record_id: &str,
) -> Result<(), FhirError> {
    let entry = AuditEntry {
        clinic_id: staff.clinic_id(),
        staff_id: staff.id(),
        action,
        record_type: "patient",
        record_id,
        address: &staff.address,
    };
    db::staff::audit(conn, &entry, state.now()).await?;
    Ok(())
}

/// The identifier system of Carebook patient ids on this server.
pub fn patient_system(base: &str) -> String {
    format!("{base}/fhir/sid/patient")
}

/// The FHIR R4 `Patient` of a record. Names are kept whole (`text`): people write their names
/// in too many ways to split them into given and family names safely.
pub fn patient(base: &str, row: &FhirPatientRow) -> Value {
    let mut names = vec![json!({"use": "official", "text": row.name})];
    if let Some(preferred) = row
        .preferred_name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
    {
        names.push(json!({"use": "usual", "text": preferred}));
    }
    let mut telecom = Vec::new();
    if let Some(email) = row.email.as_deref() {
        telecom.push(json!({"system": "email", "value": email}));
    }
    if let Some(phone) = row.phone.as_deref() {
        telecom.push(json!({"system": "phone", "value": phone}));
    }
    let language = Language::from_tag(&row.language).unwrap_or_default();
    let (code, display) = match language {
        Language::En => ("en", "English"),
        Language::Es => ("es", "Spanish"),
    };
    let mut resource = json!({
        "resourceType": "Patient",
        "id": row.id.to_string(),
        "identifier": [{"system": patient_system(base), "value": row.id.to_string()}],
        "active": true,
        "name": names,
        "communication": [{
            "language": {
                "coding": [{"system": "urn:ietf:bcp:47", "code": code, "display": display}],
                "text": display,
            },
            "preferred": true,
        }],
    });
    if !telecom.is_empty() {
        resource["telecom"] = json!(telecom);
    }
    resource
}
