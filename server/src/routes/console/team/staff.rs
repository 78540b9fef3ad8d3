//! Staff accounts (admins only): `GET /api/console/staff`, `POST /api/console/staff` (the server
//! makes a one-time password and returns it once) and `PUT /api/console/staff/{id}` (role,
//! practitioner link, disabled). Creating and changing accounts is audited.

use crate::db::{self, staff::AccessChange, staff::AuditEntry, staff::NewStaff, staff::StaffRow};
use crate::domain::password;
use crate::domain::staff::{clean_display_name, normalise_email, touches_own_access};
use crate::error::{is_unique_violation, ApiError, ApiResult};
use crate::routes::console::auth::{AdminOnly, Staff};
use crate::routes::extract::ApiJson;
use crate::routes::AppState;
use app::wire::console::{NewStaffRequest, StaffAccount, StaffCreated, StaffRole, StaffUpdate};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use std::collections::BTreeMap;

fn account_of(row: &StaffRow, me: i64) -> StaffAccount {
    StaffAccount {
        id: row.id,
        email: row.email.clone(),
        display_name: row.display_name.clone(),
        role: StaffRole::from_code(&row.role).unwrap_or(StaffRole::Practitioner),
        practitioner_id: row.practitioner_id,
        disabled: row.disabled,
        is_me: row.id == me,
    }
}

#[utoipa::path(
    get,
    path = "/console/staff",
    tag = "console",
    summary = "Staff accounts",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Every account of the clinic.", body = Vec<StaffAccount>),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "Only admins may do this (`forbidden`).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
) -> ApiResult<Json<Vec<StaffAccount>>> {
    let mut conn = state.db.pool.acquire().await?;
    let rows = db::staff::list(&mut conn, staff.clinic_id()).await?;
    Ok(Json(
        rows.iter().map(|row| account_of(row, staff.id())).collect(),
    ))
}

#[utoipa::path(
    post,
    path = "/console/staff",
    tag = "console",
    summary = "Add a staff account",
    request_body = NewStaffRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Added, with a one-time password to hand over.", body = StaffCreated),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "The email already has an account (`email_taken`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "A field is missing or invalid, or the practitioner link is missing, unknown or taken (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    ApiJson(request): ApiJson<NewStaffRequest>,
) -> ApiResult<(StatusCode, Json<StaffCreated>)> {
    let mut fields = BTreeMap::new();
    let email = normalise_email(&request.email)
        .map_err(|reason| fields.insert("email".to_string(), reason.to_string()))
        .ok();
    let name = clean_display_name(&request.display_name)
        .map_err(|reason| fields.insert("display_name".to_string(), reason.to_string()))
        .ok();
    let (Some(email), Some(name)) = (email, name) else {
        return Err(ApiError::Validation {
            message: "Some details need attention.".into(),
            fields,
        });
    };

    let temporary_password = password::one_time();
    let to_hash = temporary_password.clone();
    // Hashing is slow on purpose: off the async workers, and before taking the write lock.
    let hash = tokio::task::spawn_blocking(move || password::hash(&to_hash))
        .await
        .map_err(|error| anyhow::anyhow!("password hashing stopped: {error}"))??;

    let now = state.now();
    let email_taken = || {
        ApiError::Conflict(
            "email_taken",
            "An account with this email already exists.".into(),
        )
    };
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    if db::staff::find_by_email(&mut tx, &email).await?.is_some() {
        return Err(email_taken());
    }
    let practitioner_id = practitioner_link(
        &mut tx,
        staff.clinic_id(),
        request.role,
        request.practitioner_id,
        Claim::NewAccount,
    )
    .await?;
    let id = db::staff::insert(
        &mut tx,
        &NewStaff {
            clinic_id: staff.clinic_id(),
            email: &email,
            display_name: &name,
            role: request.role.code(),
            practitioner_id,
            password_hash: &hash,
        },
        now,
    )
    .await
    // Another clinic's admin created this email a moment ago (PostgreSQL: the unique index
    // decides between writers the clinic lock does not order).
    .map_err(|error| {
        if is_unique_violation(&error) {
            email_taken()
        } else {
            error.into()
        }
    })?;
    audit(&mut tx, &staff, "create", id, now).await?;
    let row = db::staff::find_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Staff account"))?;
    tx.commit().await?;
    tracing::info!(staff_id = id, by = staff.id(), "staff account created");
    Ok((
        StatusCode::CREATED,
        Json(StaffCreated {
            account: account_of(&row, staff.id()),
            temporary_password,
        }),
    ))
}

#[utoipa::path(
    put,
    path = "/console/staff/{id}",
    tag = "console",
    summary = "Change a staff account's role or disable it",
    params(
        ("id" = i64, Path, description = "The staff account's id; an id of another clinic, or not a number, is a 404"),
    ),
    request_body = StaffUpdate,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Saved.", body = StaffAccount),
        (status = 401, description = "No live session: sign in again (`unauthorized`).", body = app::wire::ApiErrorBody),
        (status = 403, description = "The request does not come from the console (`cross_site`: Origin or Referer must name this host), or the role may not do this (`forbidden`).", body = app::wire::ApiErrorBody),
        (status = 404, description = "No such account in this clinic (`not_found`).", body = app::wire::ApiErrorBody),
        (status = 409, description = "An admin tried to change their own role or account (`own_account`), or the change would leave the clinic without an admin who can sign in (`last_admin`).", body = app::wire::ApiErrorBody),
        (status = 413, description = "The body is larger than 64 KB (`payload_too_large`).", body = app::wire::ApiErrorBody),
        (status = 415, description = "The body is not `application/json` (`unsupported_media_type`).", body = app::wire::ApiErrorBody),
        (status = 422, description = "The practitioner link is missing, unknown or taken (`validation`, `fields` names each one).", body = app::wire::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff<AdminOnly>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StaffUpdate>,
) -> ApiResult<Json<StaffAccount>> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::NotFound("Staff account"))?;
    let now = state.now();
    let mut tx = state.db.begin_clinic_write(staff.clinic_id()).await?;
    let target = db::staff::find_in_clinic(&mut tx, staff.clinic_id(), id)
        .await?
        .ok_or(ApiError::NotFound("Staff account"))?;
    let current_role = StaffRole::from_code(&target.role).unwrap_or(StaffRole::Practitioner);
    if target.id == staff.id()
        && touches_own_access(
            current_role,
            target.disabled,
            request.role,
            request.disabled,
        )
    {
        return Err(ApiError::Conflict(
            "own_account",
            "You cannot change your own role or disable your own account.".into(),
        ));
    }
    // Only an account that can sign in claims a practitioner's schedule; a disabled one keeps
    // its link (it may be enabled again) without blocking a successor's account.
    let practitioner_id = practitioner_link(
        &mut tx,
        staff.clinic_id(),
        request.role,
        request.practitioner_id,
        if request.disabled {
            Claim::No
        } else {
            Claim::By(target.id)
        },
    )
    .await?;
    db::staff::update_access(
        &mut tx,
        target.id,
        &AccessChange {
            role: request.role.code(),
            practitioner_id,
            disabled: request.disabled,
        },
    )
    .await?;
    // Checked after the change, inside the write lock, so two admins demoting each other at
    // the same moment cannot both succeed. Returning drops (rolls back) the transaction.
    if db::staff::enabled_admins(&mut tx, staff.clinic_id()).await? == 0 {
        return Err(ApiError::Conflict(
            "last_admin",
            "The clinic needs at least one admin who can sign in.".into(),
        ));
    }
    if request.disabled {
        db::staff::end_sessions_of(&mut tx, target.id, None, now).await?;
    }
    audit(&mut tx, &staff, "update", target.id, now).await?;
    let row = db::staff::find_in_clinic(&mut tx, staff.clinic_id(), target.id)
        .await?
        .ok_or(ApiError::NotFound("Staff account"))?;
    tx.commit().await?;
    tracing::info!(
        staff_id = target.id,
        by = staff.id(),
        "staff access changed"
    );
    Ok(Json(account_of(&row, staff.id())))
}

/// Whether an account takes a practitioner's schedule as its own (then no other active
/// account may have it).
enum Claim {
    /// A disabled account keeps its link (it may be enabled again) without blocking anyone.
    No,
    NewAccount,
    By(i64),
}

/// The practitioner whose schedule a practitioner account works from: required, and one of
/// this clinic's. Other roles have none: a `practitioner_id` sent with them is ignored, so a
/// form that kept an earlier choice after the role changed still saves what the admin meant.
async fn practitioner_link(
    conn: &mut db::Conn,
    clinic_id: i64,
    role: StaffRole,
    requested: Option<i64>,
    claim: Claim,
) -> ApiResult<Option<i64>> {
    if role != StaffRole::Practitioner {
        return Ok(None);
    }
    let id = requested.ok_or_else(|| ApiError::field("practitioner_id", "required"))?;
    let known = db::clinics::practitioners(conn, clinic_id)
        .await?
        .iter()
        .any(|p| p.id == id);
    if !known {
        return Err(ApiError::field("practitioner_id", "unknown"));
    }
    let except = match claim {
        Claim::No => return Ok(Some(id)),
        Claim::NewAccount => None,
        Claim::By(account) => Some(account),
    };
    if db::staff::practitioner_has_other_account(conn, id, except).await? {
        return Err(ApiError::field("practitioner_id", "taken"));
    }
    Ok(Some(id))
}

async fn audit(
    conn: &mut db::Conn,
    staff: &Staff<AdminOnly>,
    action: &str,
    account_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    db::staff::audit(
        conn,
        &AuditEntry {
            clinic_id: staff.clinic_id(),
            staff_id: staff.id(),
            action,
            record_type: "staff",
            record_id: &account_id.to_string(),
            address: &staff.address,
        },
        now,
    )
    .await?;
    Ok(())
}
