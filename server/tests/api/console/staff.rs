//! Staff accounts: an admin adds people (with a one-time password shown once), changes their
//! role or disables them; everyone changes their own password. Guards against locking the
//! clinic out of its own console.

use super::authorization::{get, put, staff_id};
use super::*;
use crate::helpers::*;
use app::wire::console::{StaffAccount, StaffCreated, StaffRole};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn add(app: &TestApp, admin: &str, body: Value) -> reqwest::Response {
    post(app, admin, "/api/console/staff", body).await
}

async fn add_ok(app: &TestApp, admin: &str, body: Value) -> StaffCreated {
    let response = add(app, admin, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

fn desk_account(email: &str, name: &str) -> Value {
    json!({ "email": email, "display_name": name, "role": "front_desk", "practitioner_id": null })
}

async fn change_password(
    app: &TestApp,
    cookie: &str,
    current: &str,
    new: &str,
) -> reqwest::Response {
    post(
        app,
        cookie,
        "/api/console/me/password",
        json!({ "current": current, "new": new }),
    )
    .await
}

fn cookie_of(response: &reqwest::Response) -> String {
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap();
    set_cookie.split(';').next().unwrap().to_string()
}

async fn access(app: &TestApp, admin: &str, id: i64, body: Value) -> reqwest::Response {
    put(app, admin, &format!("/api/console/staff/{id}"), body).await
}

fn desk_access(disabled: bool) -> Value {
    json!({ "role": "front_desk", "practitioner_id": null, "disabled": disabled })
}

async fn audit_rows(app: &TestApp, action: &str, record_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND record_type = 'staff' AND record_id = $2",
    )
    .bind(action)
    .bind(record_id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_new_front_desk_person_signs_in_with_the_one_time_password_and_replaces_it() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let created = add_ok(
        &app,
        &admin,
        desk_account("  Noor.Haddad@Demo.Carebook.Test ", "  Noor Haddad "),
    )
    .await;
    let account = &created.account;
    assert_eq!(account.email, "noor.haddad@demo.carebook.test");
    assert_eq!(account.display_name, "Noor Haddad");
    assert_eq!(account.role, StaffRole::FrontDesk);
    assert!(!account.disabled && !account.is_me);
    let one_time = created.temporary_password.clone();
    assert!(one_time.chars().count() >= 16, "{}", one_time.len());
    assert!(one_time.chars().all(|c| c.is_ascii_alphanumeric()));

    let stored: String = sqlx::query_scalar("SELECT password_hash FROM staff WHERE id = $1")
        .bind(account.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&one_time));
    assert_eq!(audit_rows(&app, "create", account.id).await, 1);

    let listed: Vec<StaffAccount> = get(&app, &admin, "/api/console/staff")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 4);
    assert!(listed.iter().any(|a| a.id == account.id && !a.is_me));
    assert!(listed.iter().filter(|a| a.is_me).all(|a| a.email == ADMIN));
    assert_eq!(listed.iter().filter(|a| a.is_me).count(), 1);

    let signed_in = try_sign_in(&app, "noor.haddad@demo.carebook.test", &one_time).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let noor = cookie_of(&signed_in);
    assert_eq!(me_of(&app, &noor).await.role, StaffRole::FrontDesk);

    let changed = change_password(&app, &noor, &one_time, "my own long passphrase").await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me(&app, &noor).await.status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        try_sign_in(&app, "noor.haddad@demo.carebook.test", &one_time)
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "the one-time password is spent"
    );
    assert_eq!(
        try_sign_in(
            &app,
            "noor.haddad@demo.carebook.test",
            "my own long passphrase"
        )
        .await
        .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn changing_a_password_checks_the_current_one_and_ends_the_other_sessions() {
    let app = console_app().await;
    let here = sign_in(&app, DESK).await;
    let elsewhere = sign_in(&app, DESK).await;

    for (current, new, field, reason) in [
        (
            "not my password",
            "a fine new passphrase",
            "current",
            "wrong_password",
        ),
        ("", "a fine new passphrase", "current", "required"),
        (PASSWORD, "short", "new", "too_short"),
        (PASSWORD, PASSWORD, "new", "same_as_current"),
    ] {
        let response = change_password(&app, &here, current, new).await;
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["fields"][field], reason, "{text}");
        assert!(
            !text.contains(PASSWORD) && !text.contains("passphrase"),
            "passwords are never echoed: {text}"
        );
    }
    assert_eq!(
        me(&app, &elsewhere).await.status(),
        StatusCode::OK,
        "nothing changed yet"
    );

    let changed = change_password(&app, &here, PASSWORD, "a fine new passphrase").await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&app, &here).await.status(), StatusCode::OK);
    assert_eq!(
        me(&app, &elsewhere).await.status(),
        StatusCode::UNAUTHORIZED,
        "a session on another computer ends"
    );
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn guessing_the_current_password_counts_toward_the_sign_in_lock() {
    let app = console_app().await;
    let cookie = sign_in(&app, DESK).await;
    for _ in 0..5 {
        let response = change_password(&app, &cookie, "a guess", "a fine new passphrase").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        change_password(&app, &cookie, PASSWORD, "a fine new passphrase")
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right one waits, as at sign-in"
    );
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn an_email_is_one_account_on_the_whole_server() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    other_clinic_admin(&app).await;
    for email in [" FrontDesk@demo.carebook.test", "boss@other.test"] {
        let (status, body) =
            error_code(add(&app, &admin, desk_account(email, "Someone")).await).await;
        assert_eq!(status, StatusCode::CONFLICT, "{email}");
        assert_eq!(body["error"], "email_taken");
    }
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 4, "nothing was created or overwritten");
    assert_eq!(
        me_of(&app, &sign_in(&app, DESK).await).await.display_name,
        "Frankie Desk"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clinics_adding_one_new_email_at_once_make_one_account() {
    let app = console_app().await;
    let ours = sign_in(&app, ADMIN).await;
    let theirs = other_clinic_admin(&app).await;
    let body = desk_account("moves.between@clinics.test", "Mover");
    let (a, b) = tokio::join!(
        add(&app, &ours, body.clone()),
        add(&app, &theirs, body.clone())
    );
    let mut outcomes = [a.status(), b.status()];
    outcomes.sort();
    assert_eq!(outcomes, [StatusCode::CREATED, StatusCode::CONFLICT]);
    let refused = if a.status() == StatusCode::CONFLICT {
        a
    } else {
        b
    };
    assert_eq!(error_code(refused).await.1["error"], "email_taken");
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE email = $1")
        .bind("moves.between@clinics.test")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn a_new_account_needs_a_name_an_email_and_for_practitioners_their_schedule() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let herrera = app.practitioner_id("Dr. Luis Herrera").await;
    let practitioner = |email: &str, id: Option<i64>| json!({ "email": email, "display_name": "Dr. Someone", "role": "practitioner", "practitioner_id": id });
    for (body, field, reason) in [
        (
            desk_account("sam@demo.carebook.test", "  "),
            "display_name",
            "required",
        ),
        (
            desk_account("sam@demo.carebook.test", &"x".repeat(121)),
            "display_name",
            "too_long",
        ),
        (desk_account("sam at demo", "Sam"), "email", "invalid"),
        (desk_account("", "Sam"), "email", "required"),
        (
            practitioner("dr@demo.carebook.test", None),
            "practitioner_id",
            "required",
        ),
        (
            practitioner("dr@demo.carebook.test", Some(99_999)),
            "practitioner_id",
            "unknown",
        ),
        (
            practitioner("dr@demo.carebook.test", Some(okafor)),
            "practitioner_id",
            "taken",
        ),
    ] {
        let (status, error) = error_code(add(&app, &admin, body.clone()).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error["fields"][field], reason, "{body}");
    }
    let bad_role = add(
        &app,
        &admin,
        json!({ "email": "x@demo.carebook.test", "display_name": "X", "role": "owner", "practitioner_id": null }),
    )
    .await;
    assert_eq!(bad_role.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let doctor = add_ok(
        &app,
        &admin,
        practitioner("herrera@demo.carebook.test", Some(herrera)),
    )
    .await;
    assert_eq!(doctor.account.practitioner_id, Some(herrera));
    let cookie = cookie_of(
        &try_sign_in(
            &app,
            "herrera@demo.carebook.test",
            &doctor.temporary_password,
        )
        .await,
    );
    let schedule: app::wire::console::DaySchedule =
        day(&app, &cookie, "2026-12-07").await.json().await.unwrap();
    assert_eq!(schedule.practitioners.len(), 1);
    assert_eq!(schedule.practitioners[0].practitioner_id, herrera);

    // Front desk works from no one's schedule: a practitioner left in the form is dropped.
    let desk = add_ok(
        &app,
        &admin,
        json!({ "email": "desk2@demo.carebook.test", "display_name": "Desk Two", "role": "front_desk", "practitioner_id": herrera }),
    )
    .await;
    assert_eq!(desk.account.practitioner_id, None);
}

#[tokio::test]
async fn disabling_someone_signs_them_out_at_once_and_keeps_them_out() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let desk = sign_in(&app, DESK).await;
    let desk_id = staff_id(&app, DESK).await;

    let response = access(&app, &admin, desk_id, desk_access(true)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let account: StaffAccount = response.json().await.unwrap();
    assert!(account.disabled);
    assert_eq!(me(&app, &desk).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_sessions WHERE staff_id = $1 AND ended_at IS NULL",
    )
    .bind(desk_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(open, 0, "their sessions are ended, not just refused");
    assert_eq!(audit_rows(&app, "update", desk_id).await, 1);

    let enabled = access(&app, &admin, desk_id, desk_access(false)).await;
    assert_eq!(enabled.status(), StatusCode::OK);
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        me(&app, &desk).await.status(),
        StatusCode::UNAUTHORIZED,
        "the old session stays ended"
    );
}

#[tokio::test]
async fn a_role_change_applies_to_the_next_request() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let desk = sign_in(&app, DESK).await;
    let desk_id = staff_id(&app, DESK).await;
    let lee = app.practitioner_id("Jordan Lee").await;

    let missing = access(
        &app,
        &admin,
        desk_id,
        json!({ "role": "practitioner", "practitioner_id": null, "disabled": false }),
    )
    .await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = access(
        &app,
        &admin,
        desk_id,
        json!({ "role": "practitioner", "practitioner_id": lee, "disabled": false }),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let schedule: app::wire::console::DaySchedule =
        day(&app, &desk, "2026-12-07").await.json().await.unwrap();
    assert_eq!(
        schedule.practitioners.len(),
        1,
        "now sees only Jordan Lee's day"
    );
    assert_eq!(
        get(&app, &desk, "/api/console/patients?q=Sample")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_admin_cannot_demote_or_disable_themselves() {
    let app = console_app().await;
    let admin = sign_in(&app, ADMIN).await;
    let me_id = staff_id(&app, ADMIN).await;
    for body in [
        json!({ "role": "front_desk", "practitioner_id": null, "disabled": false }),
        json!({ "role": "admin", "practitioner_id": null, "disabled": true }),
    ] {
        let (status, error) = error_code(access(&app, &admin, me_id, body).await).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(error["error"], "own_account");
    }
    let unchanged = access(
        &app,
        &admin,
        me_id,
        json!({ "role": "admin", "practitioner_id": null, "disabled": false }),
    )
    .await;
    assert_eq!(
        unchanged.status(),
        StatusCode::OK,
        "saving it as it is is fine"
    );
    assert_eq!(
        get(&app, &admin, "/api/console/staff").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = console_app().await;
    let first = sign_in(&app, ADMIN).await;
    let second_account = add_ok(
        &app,
        &first,
        json!({ "email": "second@demo.carebook.test", "display_name": "Second Admin", "role": "admin", "practitioner_id": null }),
    )
    .await;
    let second = cookie_of(
        &try_sign_in(
            &app,
            "second@demo.carebook.test",
            &second_account.temporary_password,
        )
        .await,
    );
    let first_id = staff_id(&app, ADMIN).await;
    let demote = json!({ "role": "front_desk", "practitioner_id": null, "disabled": false });
    let (a, b) = tokio::join!(
        access(&app, &first, second_account.account.id, demote.clone()),
        access(&app, &second, first_id, demote.clone()),
    );
    let (a, b) = (error_or_ok(a).await, error_or_ok(b).await);
    let outcomes = [a.as_str(), b.as_str()];
    assert_eq!(
        outcomes.iter().filter(|o| **o == "ok").count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .all(|o| ["ok", "last_admin", "forbidden"].contains(o)),
        "the other is refused: the last admin, or no longer an admin: {outcomes:?}"
    );
    let admins: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled = 0 AND clinic_id = (SELECT clinic_id FROM staff WHERE id = $1)",
    )
    .bind(first_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(admins, 1);
}

async fn error_or_ok(response: reqwest::Response) -> String {
    if response.status().is_success() {
        return "ok".into();
    }
    let body: Value = response.json().await.unwrap();
    body["error"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn another_clinics_admin_sees_and_changes_none_of_this_clinics_staff() {
    let app = console_app().await;
    let outsider = other_clinic_admin(&app).await;
    let listed: Vec<StaffAccount> = get(&app, &outsider, "/api/console/staff")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|a| a.email.as_str()).collect::<Vec<_>>(),
        ["boss@other.test"]
    );
    let desk_id = staff_id(&app, DESK).await;
    let response = access(&app, &outsider, desk_id, desk_access(true)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        try_sign_in(&app, DESK, PASSWORD).await.status(),
        StatusCode::OK
    );

    let okafor = app.practitioner_id("Dr. Amara Okafor").await;
    let (status, body) = error_code(
        add(
            &app,
            &outsider,
            json!({ "email": "spy@other.test", "display_name": "Spy", "role": "practitioner", "practitioner_id": okafor }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["fields"]["practitioner_id"], "unknown",
        "not their practitioner"
    );
}
