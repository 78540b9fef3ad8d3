//! Logs never hold patient data. A real `carebook` process logging at DEBUG (so the database
//! driver's statement log is on too) serves a patient who books, views, downloads the calendar
//! file, answers a reminder "I'll be there", reschedules and cancels, and front desk who looks
//! them up by name, books for them by phone and answers their question about the visit; the
//! patient's survey comment and the follow-up note about it; the captured log names routes,
//! never the token, name, email, phone or free text (a question and its reply, a survey
//! comment and a staff note included).

use crate::helpers::TestDatabase;
use crate::server_process::{free_follow_up_time, start_with_env};
use app::wire::Appointment;
use reqwest::StatusCode;
use serde_json::json;
use std::process::Stdio;

const DESK_PASSWORD: &str = "a long password for the log test";

/// What a patient typed, each of which must stay out of the log.
const SECRETS: [&str; 14] = [
    "Zelda",
    "Lognot",
    "zelda",
    "555 867 5309",
    "5558675309",
    "MEMBER-998877",
    "Quokka",
    "Pangolin",
    "Narwhal",
    "Okapi",
    "Axolotl",
    "Capybara",
    "Wombat",
    "Manatee",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_name_the_route_but_never_the_token_or_the_patient() {
    let database = TestDatabase::new().await;
    let log_path = database.dir.path().join("server.log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    let env = [
        ("RUST_LOG", "debug"),
        ("CAREBOOK_DEMO_PASSWORD", DESK_PASSWORD),
    ];
    let server = start_with_env("demo", &database.url, Stdio::from(log_file), &env).await;
    let base = server.base.clone();
    let client = reqwest::Client::new();

    let (service, slot) = free_follow_up_time(&client, &base).await;
    let patient = json!({
        "name": "Zelda Lognot", "preferred_name": "Zelda", "email": "zelda.lognot@example.org",
        "phone": "+1 555 867 5309", "language": "en", "new_or_returning": "new", "consent": true,
        "reason": "Quokka bite on the left hand",
        "access_needs": { "mobility": "Pangolin walker", "other": null, "interpreter_language": null },
        "insurance": { "payer": "Acme", "member_id": "MEMBER-998877" }
    });
    let booked = client
        .post(format!("{base}/api/clinics/demo/appointments"))
        .json(&json!({ "service_id": service, "start": slot.start, "patient": patient }))
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED);
    let visit: Appointment = booked.json().await.unwrap();
    let token = visit.token.clone();
    for path in ["", "/calendar.ics"] {
        let response = client
            .get(format!("{base}/api/appointments/{token}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let bad = client
        .post(format!("{base}/api/clinics/demo/appointments"))
        .json(
            &json!({ "service_id": service, "start": slot.start, "patient": {
            "name": "Zelda Lognot", "email": "zelda-not-an-email", "language": "en",
            "new_or_returning": "new", "consent": true } }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The reminder's "I'll be there".
    let confirmed = client
        .post(format!("{base}/api/appointments/{token}/confirm"))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::OK);

    // The booked time is taken now: the first free one is another.
    let (_, later) = free_follow_up_time(&client, &base).await;
    let moved = client
        .post(format!("{base}/api/appointments/{token}/reschedule"))
        .json(&json!({ "start": later.start }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let cancelled = client
        .post(format!("{base}/api/appointments/{token}/cancel"))
        .json(&json!({ "reason": "Moving to Narwhal Bay" }))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);

    // Front desk: a lookup by name (in the query string) and a booking by phone.
    let signed_in = client
        .post(format!("{base}/api/console/sign-in"))
        .header("origin", &base)
        .json(&json!({ "email": "frontdesk@demo.carebook.test", "password": DESK_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let found = client
        .get(format!("{base}/api/console/patients?q=Zelda%20Lognot"))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(found.status(), StatusCode::OK);
    let found: Vec<app::wire::console::PatientMatch> = found.json().await.unwrap();
    assert_eq!(found.len(), 1);
    let timeline = client
        .get(format!("{base}/api/console/patients/{}", found[0].id))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(timeline.status(), StatusCode::OK);
    let mut by_phone = patient.clone();
    by_phone["reason"] = json!("Okapi allergy check");
    let (_, third) = free_follow_up_time(&client, &base).await;
    let staff_booked = client
        .post(format!("{base}/api/console/appointments"))
        .header("origin", &base)
        .header("cookie", &cookie)
        .json(&json!({ "service_id": service, "start": third.start, "patient": by_phone }))
        .send()
        .await
        .unwrap();
    assert_eq!(staff_booked.status(), StatusCode::CREATED);
    let staff_booked: app::wire::console::StaffBooking = staff_booked.json().await.unwrap();

    // A question about the visit and the clinic's reply: health information, never logged.
    let asked = client
        .post(format!(
            "{base}/api/appointments/{}/questions",
            staff_booked.appointment.token
        ))
        .json(&json!({ "text": "Does the Axolotl rash need cream?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::CREATED);
    let asked: app::wire::instructions::VisitInstructions = asked.json().await.unwrap();
    let replied = client
        .post(format!(
            "{base}/api/console/questions/{}/reply",
            asked.questions[0].id
        ))
        .header("origin", &base)
        .header("cookie", &cookie)
        .json(&json!({ "text": "Yes, the Capybara cream twice a day." }))
        .send()
        .await
        .unwrap();
    assert_eq!(replied.status(), StatusCode::OK);
    let inbox = client
        .get(format!("{base}/api/console/questions?state=all"))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), StatusCode::OK);

    // The visit is completed; the patient answers the survey unhappily, and the desk notes the
    // call back on the follow-up item.
    let timeline: app::wire::console::PatientTimeline = client
        .get(format!("{base}/api/console/patients/{}", found[0].id))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The newest visit at that time (the online one, cancelled, may have been there too).
    let by_phone_id = timeline
        .entries
        .iter()
        .filter(|entry| entry.visit_start == staff_booked.appointment.start)
        .map(|entry| entry.appointment_id)
        .max()
        .expect("the visit booked by phone is on the timeline");
    let completed = client
        .post(format!(
            "{base}/api/console/appointments/{by_phone_id}/attendance"
        ))
        .header("origin", &base)
        .header("cookie", &cookie)
        .json(&json!({ "attendance": "completed" }))
        .send()
        .await
        .unwrap();
    assert_eq!(completed.status(), StatusCode::OK);
    let answered = client
        .post(format!(
            "{base}/api/appointments/{}/survey",
            staff_booked.appointment.token
        ))
        .json(
            &json!({ "rating": 1, "comment": "The Wombat poster scared me", "may_contact": true }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::CREATED);
    let queue: app::wire::feedback::FollowUpList = client
        .get(format!("{base}/api/console/follow-ups"))
        .header("origin", &base)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = queue
        .items
        .iter()
        .find(|item| item.appointment_id == by_phone_id)
        .expect("the unhappy answer is in the queue");
    let noted = client
        .post(format!("{base}/api/console/follow-ups/{}", item.id))
        .header("origin", &base)
        .header("cookie", &cookie)
        .json(&json!({ "action": "contacted", "note": "Manatee poster taken down" }))
        .send()
        .await
        .unwrap();
    assert_eq!(noted.status(), StatusCode::OK);
    drop(server);

    let log = std::fs::read_to_string(&log_path).unwrap();
    for route in [
        "/api/appointments/{token}",
        "/api/appointments/{token}/reschedule",
        "/api/appointments/{token}/cancel",
        "/api/appointments/{token}/confirm",
        "/api/clinics/{slug}/appointments",
        "/api/console/patients",
        "/api/console/appointments",
        "/api/appointments/{token}/questions",
        "/api/console/questions/{id}/reply",
        "/api/appointments/{token}/survey",
        "/api/console/follow-ups/{id}",
    ] {
        assert!(
            log.contains(route),
            "requests are logged by route template ({route}):\n{log}"
        );
    }
    assert!(
        log.contains("DEBUG"),
        "the run logged at debug level, so debug-level leaks would show"
    );
    for secret in SECRETS
        .iter()
        .copied()
        .chain([token.as_str(), staff_booked.appointment.token.as_str()])
    {
        assert!(!log.contains(secret), "{secret} appeared in the log");
    }
}
