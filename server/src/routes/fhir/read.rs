//! `GET /fhir/Appointment/{id}` and `GET /fhir/Appointment?date=…&patient=…`: the clinic's
//! visits as FHIR R4 `Appointment` resources, for staff signed in to the console (an EHR or
//! analytics tool importing visits). Practitioners see their own visits only, as in the
//! console; another clinic's visit is a 404. Each read and search is audited by ids.

use super::{base_url, count_param, fhir_json, search_params, searchset, FhirError};
use crate::db::fhir::{AppointmentFilter, FhirAppointmentRow, Reader};
use crate::db::{self, from_epoch, staff::AuditEntry};
use crate::domain::fhir_read::{appointment_status, cancelation_code, DateRange};
use crate::error::ApiError;
use crate::routes::console::auth::{AnyRole, Staff};
use crate::routes::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

pub async fn read(
    State(state): State<AppState>,
    staff: Result<Staff<AnyRole>, ApiError>,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let staff = staff?;
    let id: i64 = id.parse().map_err(|_| FhirError::not_found())?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::fhir::appointment(&mut conn, reader(&staff), id)
        .await?
        .ok_or_else(FhirError::not_found)?;
    audit(&mut conn, &state, &staff, "view", &id.to_string()).await?;
    Ok(fhir_json(&appointment(base_url(&state), &row)))
}

pub async fn search(
    State(state): State<AppState>,
    staff: Result<Staff<AnyRole>, ApiError>,
    RawQuery(query): RawQuery,
) -> Result<Response, FhirError> {
    let staff = staff?;
    let params = search_params(query.as_deref(), &["date", "patient", "_count"])?;
    let count = count_param(&params)?;
    let mut conn = state.db.pool.acquire().await?;
    let clinic = db::clinics::find_by_id(&mut conn, staff.clinic_id())
        .await?
        .ok_or_else(FhirError::not_found)?;
    let mut range = DateRange::default();
    let mut patient_id = None;
    for (name, value) in &params {
        match name.as_str() {
            "date" => range.narrow(value, clinic.tz()).ok_or_else(|| {
                FhirError::bad_request(
                    "`date` must be a day (2026-12-02) or an instant with its zone \
                     (2026-12-02T09:00:00-05:00), optionally after eq, ge, gt, le or lt.",
                )
            })?,
            "patient" => {
                let id = value.strip_prefix("Patient/").unwrap_or(value);
                patient_id = Some(id.parse::<i64>().map_err(|_| {
                    FhirError::bad_request("`patient` must be a Patient id (5 or Patient/5).")
                })?);
            }
            _ => {}
        }
    }
    let filter = AppointmentFilter {
        from: range.from,
        until: range.until,
        patient_id,
    };
    let (rows, total) = db::fhir::appointments(&mut conn, reader(&staff), filter, count).await?;
    let ids: Vec<String> = rows.iter().map(|row| row.id.to_string()).collect();
    audit(&mut conn, &state, &staff, "search", &ids.join(",")).await?;
    let base = base_url(&state);
    let matches = rows
        .iter()
        .map(|row| ("Appointment", row.id, appointment(base, row)))
        .collect();
    Ok(fhir_json(&searchset(base, total, matches)))
}

fn reader(staff: &Staff<AnyRole>) -> Reader {
    Reader {
        clinic_id: staff.clinic_id(),
        practitioner_id: staff.own_practitioner(),
    }
}

/// Who read which appointments, by id only.
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
        record_type: "appointment",
        record_id,
        address: &staff.address,
    };
    db::staff::audit(conn, &entry, state.now()).await?;
    Ok(())
}

fn instant(epoch: i64) -> String {
    let at: DateTime<Utc> = from_epoch(epoch);
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The FHIR R4 `Appointment` of a visit.
pub fn appointment(base: &str, row: &FhirAppointmentRow) -> Value {
    let mut participants = Vec::new();
    if let Some(patient_id) = row.patient_id {
        participants.push(json!({
            "actor": {"reference": format!("Patient/{patient_id}")},
            "required": "required",
            "status": "accepted",
        }));
    }
    participants.push(json!({
        "actor": {
            "reference": format!("Practitioner/{}", row.practitioner_id),
            "display": row.practitioner_name,
        },
        "required": "required",
        "status": "accepted",
    }));
    let status = appointment_status(&row.status, row.attendance.as_deref());
    let mut resource = json!({
        "resourceType": "Appointment",
        "id": row.id.to_string(),
        "identifier": [{
            "system": format!("{base}/fhir/sid/appointment"),
            "value": row.id.to_string(),
        }],
        "status": status,
        "serviceType": [{
            "coding": [{
                "system": format!("{base}/fhir/CodeSystem/service"),
                "code": row.service_id.to_string(),
                "display": row.service_name,
            }],
            "text": row.service_name,
        }],
        "start": instant(row.starts_at),
        "end": instant(row.ends_at),
        "minutesDuration": (row.ends_at - row.starts_at) / 60,
        "created": instant(row.created_at),
        "participant": participants,
    });
    if status == "cancelled" {
        let (code, display) = cancelation_code(row.cancelled_by.as_deref());
        let mut reason = json!({
            "coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason",
                "code": code,
                "display": display,
            }],
        });
        if let Some(text) = row
            .cancel_reason
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            reason["text"] = json!(text);
        }
        resource["cancelationReason"] = reason;
    }
    resource
}
