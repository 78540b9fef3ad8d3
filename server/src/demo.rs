//! The demo clinic (slug `demo`): a small family clinic in New York, with daylight saving, a
//! lunch break, one practitioner on leave and a few booked visits. Running it again refreshes
//! it in place: nothing is duplicated.

use crate::db::{self, appointments::NewAppointment, to_epoch, Db};
use crate::domain::availability::{self, ServiceShape};
use crate::domain::token;
use app::wire::{Language, NewOrReturning, PatientDetails};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

mod history;
mod instruction_templates;
mod library;

pub const SLUG: &str = "demo";
const TIME_ZONE: Tz = chrono_tz::America::New_York;

struct DemoService {
    code: &'static str,
    kind: &'static str,
    minutes: i64,
    buffer_after: i64,
    name: [&'static str; 2],
    description: [&'static str; 2],
    what_to_expect: [&'static str; 2],
    cost_note: [&'static str; 2],
    preparation: [&'static str; 2],
}

const SERVICES: [DemoService; 4] = [
    DemoService {
        code: "new-patient",
        kind: "in_person",
        minutes: 40,
        buffer_after: 0,
        name: ["New patient visit", "Primera visita"],
        description: [
            "Get to know your new doctor and talk about your health.",
            "Conozca a su nuevo médico y hable de su salud.",
        ],
        what_to_expect: [
            "We check your weight and blood pressure, go over your health history and medicines, and agree on next steps together.",
            "Le tomamos el peso y la presión, revisamos su historial de salud y sus medicinas, y juntos decidimos los próximos pasos.",
        ],
        cost_note: [
            "Covered by most insurance plans. Without insurance: $120.",
            "Cubierta por la mayoría de los seguros. Sin seguro: $120.",
        ],
        preparation: [
            "Please bring:\n\n- a photo ID\n- your insurance card\n- a list of the medicines you take\n\nArrive **10 minutes early** to fill in a short form.",
            "Traiga:\n\n- una identificación con foto\n- su tarjeta de seguro\n- una lista de las medicinas que toma\n\nLlegue **10 minutos antes** para llenar un formulario corto.",
        ],
    },
    DemoService {
        code: "follow-up",
        kind: "in_person",
        minutes: 20,
        buffer_after: 0,
        name: ["Follow-up visit", "Visita de seguimiento"],
        description: [
            "A shorter visit to check how you are doing.",
            "Una visita más corta para ver cómo sigue.",
        ],
        what_to_expect: [
            "We look at how your treatment is working and answer your questions.",
            "Vemos cómo funciona su tratamiento y respondemos sus preguntas.",
        ],
        cost_note: [
            "Usually a copay of $10–$30 with insurance. Without insurance: $60.",
            "Normalmente un copago de $10–$30 con seguro. Sin seguro: $60.",
        ],
        preparation: [
            "Bring your medicines or a list of them, and write down any questions you have.",
            "Traiga sus medicinas o una lista de ellas, y escriba las preguntas que tenga.",
        ],
    },
    DemoService {
        code: "telehealth",
        kind: "telehealth",
        minutes: 15,
        buffer_after: 0,
        name: ["Video check-in", "Consulta por video"],
        description: [
            "A short video call from home for simple questions and prescription refills.",
            "Una videollamada corta desde casa para preguntas sencillas y renovar recetas.",
        ],
        what_to_expect: [
            "Your doctor calls you by video at the time you chose. You need a phone or computer with a camera.",
            "Su médico le llama por video a la hora que eligió. Necesita un teléfono o computadora con cámara.",
        ],
        cost_note: [
            "Covered like an office visit by most plans. Without insurance: $40.",
            "La mayoría de los seguros la cubren como una visita en consultorio. Sin seguro: $40.",
        ],
        preparation: [
            "Find a quiet, private place with good light. Have your medicines nearby. \
             [How to get ready](/learn/demo/preparing-for-a-video-visit)",
            "Busque un lugar tranquilo y privado con buena luz. Tenga sus medicinas a la mano. \
             [Cómo prepararse](/learn/demo/prepararse-para-una-consulta-por-video)",
        ],
    },
    DemoService {
        code: "physiotherapy",
        kind: "in_person",
        minutes: 60,
        buffer_after: 10,
        name: ["Physiotherapy session", "Sesión de fisioterapia"],
        description: [
            "Exercises and hands-on treatment for pain, injury or recovery after surgery.",
            "Ejercicios y tratamiento manual para dolor, lesiones o recuperación después de una cirugía.",
        ],
        what_to_expect: [
            "Your physiotherapist asks about your pain, checks how you move, and teaches you exercises to do at home.",
            "Su fisioterapeuta le pregunta por su dolor, revisa cómo se mueve y le enseña ejercicios para hacer en casa.",
        ],
        cost_note: [
            "Most plans cover a set number of sessions a year. Without insurance: $90.",
            "La mayoría de los seguros cubren cierto número de sesiones al año. Sin seguro: $90.",
        ],
        preparation: [
            "Wear loose, comfortable clothes and bring any scans or reports about your injury.",
            "Use ropa suelta y cómoda y traiga estudios o informes sobre su lesión.",
        ],
    },
];

struct DemoPractitioner {
    code: &'static str,
    name: &'static str,
    pronouns: &'static str,
    initials: &'static str,
    title: [&'static str; 2],
    bio: [&'static str; 2],
    services: &'static [&'static str],
    /// (weekday 0 = Monday, start minute, end minute) blocks.
    hours: &'static [(i64, i64, i64)],
}

const DOCTOR_HOURS: &[(i64, i64, i64)] = &[
    (0, 540, 750),
    (0, 810, 1020),
    (1, 540, 750),
    (1, 810, 1020),
    (2, 540, 750),
    (2, 810, 1020),
    (3, 540, 750),
    (3, 810, 1020),
    (4, 540, 750),
    (4, 810, 960),
];

const PRACTITIONERS: [DemoPractitioner; 3] = [
    DemoPractitioner {
        code: "okafor",
        name: "Dr. Amara Okafor",
        pronouns: "she/her",
        initials: "AO",
        title: ["Family physician", "Médica de familia"],
        bio: [
            "Cares for whole families, from newborns to grandparents. Likes to explain things with drawings.",
            "Atiende a familias enteras, desde recién nacidos hasta abuelos. Le gusta explicar con dibujos.",
        ],
        services: &["new-patient", "follow-up", "telehealth"],
        hours: DOCTOR_HOURS,
    },
    DemoPractitioner {
        code: "herrera",
        name: "Dr. Luis Herrera",
        pronouns: "he/him",
        initials: "LH",
        title: ["Family physician", "Médico de familia"],
        bio: [
            "Speaks English and Spanish. Special interest in diabetes and heart health.",
            "Habla inglés y español. Se interesa especialmente en la diabetes y la salud del corazón.",
        ],
        services: &["new-patient", "follow-up", "telehealth"],
        hours: DOCTOR_HOURS,
    },
    DemoPractitioner {
        code: "lee",
        name: "Jordan Lee",
        pronouns: "they/them",
        initials: "JL",
        title: ["Physiotherapist", "Fisioterapeuta"],
        bio: [
            "Helps people move without pain after injuries, surgery or long days at a desk.",
            "Ayuda a moverse sin dolor después de lesiones, cirugías o largas jornadas en un escritorio.",
        ],
        services: &["physiotherapy"],
        hours: &[
            (0, 480, 720), (0, 780, 960),
            (1, 480, 720), (1, 780, 960),
            (2, 480, 720), (2, 780, 960),
            (3, 480, 720), (3, 780, 960),
            (5, 540, 780),
        ],
    },
];

/// The demo's telehealth visits meet on the public Jitsi service, each in its own room.
const VIDEO_URL_TEMPLATE: &str = "https://meet.jit.si/carebook-{room}";

/// Creates or refreshes the demo clinic. `now` decides where the leave and sample visits fall.
pub async fn seed(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    let clinic_id: i64 = sqlx::query_scalar(
        "INSERT INTO clinics (slug, name, time_zone, address, phone, late_cancel_hours,
            min_notice_minutes, horizon_days, slot_step_minutes, video_url_template)
         VALUES ($1, 'Riverside Family Clinic', $2, '120 Hudson Street, New York, NY 10013',
            '+1 212 555 0142', 24, 120, 60, 15, $3)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
            address = excluded.address, phone = excluded.phone,
            late_cancel_hours = excluded.late_cancel_hours,
            min_notice_minutes = excluded.min_notice_minutes,
            horizon_days = excluded.horizon_days, slot_step_minutes = excluded.slot_step_minutes,
            video_url_template = excluded.video_url_template
         RETURNING id",
    )
    .bind(SLUG)
    .bind(TIME_ZONE.name())
    .bind(VIDEO_URL_TEMPLATE)
    .fetch_one(&mut *tx)
    .await?;
    // The demo shows open slot publishing (SMART Scheduling Links) switched on.
    crate::db::fhir::set_publish_slots(&mut tx, clinic_id, true).await?;

    let mut service_ids = Vec::new();
    for (order, s) in SERVICES.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO services (clinic_id, code, kind, duration_minutes, buffer_before_minutes,
                buffer_after_minutes, sort_order, name_en, name_es, description_en, description_es,
                what_to_expect_en, what_to_expect_es, cost_note_en, cost_note_es, preparation_en,
                preparation_es)
             VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             ON CONFLICT (clinic_id, code) DO UPDATE SET kind = excluded.kind,
                duration_minutes = excluded.duration_minutes,
                buffer_after_minutes = excluded.buffer_after_minutes, sort_order = excluded.sort_order,
                name_en = excluded.name_en, name_es = excluded.name_es,
                description_en = excluded.description_en, description_es = excluded.description_es,
                what_to_expect_en = excluded.what_to_expect_en,
                what_to_expect_es = excluded.what_to_expect_es,
                cost_note_en = excluded.cost_note_en, cost_note_es = excluded.cost_note_es,
                preparation_en = excluded.preparation_en, preparation_es = excluded.preparation_es
             RETURNING id",
        )
        .bind(clinic_id)
        .bind(s.code)
        .bind(s.kind)
        .bind(s.minutes)
        .bind(s.buffer_after)
        .bind(order as i64)
        .bind(s.name[0])
        .bind(s.name[1])
        .bind(s.description[0])
        .bind(s.description[1])
        .bind(s.what_to_expect[0])
        .bind(s.what_to_expect[1])
        .bind(s.cost_note[0])
        .bind(s.cost_note[1])
        .bind(s.preparation[0])
        .bind(s.preparation[1])
        .fetch_one(&mut *tx)
        .await?;
        service_ids.push((s.code, id));
    }

    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let mut practitioner_ids = Vec::new();
    for (order, p) in PRACTITIONERS.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO practitioners (clinic_id, code, display_name, pronouns, initials, sort_order,
                title_en, title_es, bio_en, bio_es)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (clinic_id, code) DO UPDATE SET display_name = excluded.display_name,
                pronouns = excluded.pronouns, initials = excluded.initials,
                sort_order = excluded.sort_order, title_en = excluded.title_en,
                title_es = excluded.title_es, bio_en = excluded.bio_en, bio_es = excluded.bio_es
             RETURNING id",
        )
        .bind(clinic_id)
        .bind(p.code)
        .bind(p.name)
        .bind(p.pronouns)
        .bind(p.initials)
        .bind(order as i64)
        .bind(p.title[0])
        .bind(p.title[1])
        .bind(p.bio[0])
        .bind(p.bio[1])
        .fetch_one(&mut *tx)
        .await?;
        practitioner_ids.push(id);

        sqlx::query("DELETE FROM practitioner_services WHERE practitioner_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for code in p.services {
            if let Some((_, service_id)) = service_ids.iter().find(|(c, _)| c == code) {
                sqlx::query(
                    "INSERT INTO practitioner_services (practitioner_id, service_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(service_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query("DELETE FROM working_hours WHERE practitioner_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (weekday, start, end) in p.hours {
            sqlx::query(
                "INSERT INTO working_hours (practitioner_id, weekday, start_minute, end_minute)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(weekday)
            .bind(start)
            .bind(end)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM time_off WHERE practitioner_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }

    // Dr. Herrera is away at a conference from the day after tomorrow for three days.
    let leave_start = local_instant(today + Duration::days(2), 0);
    let leave_end = local_instant(today + Duration::days(5), 0);
    sqlx::query("INSERT INTO time_off (practitioner_id, starts_at, ends_at, note) VALUES ($1, $2, $3, 'Conference')")
        .bind(practitioner_ids[1])
        .bind(to_epoch(leave_start))
        .bind(to_epoch(leave_end))
        .execute(&mut *tx)
        .await?;

    instruction_templates::seed_templates(&mut tx, clinic_id, &service_ids, now).await?;
    seed_sample_visits(&mut tx, clinic_id, &service_ids, &practitioner_ids, now).await?;
    library::seed(&mut tx, clinic_id, to_epoch(now)).await?;
    tx.commit().await?;
    Ok(())
}

fn local_instant(date: chrono::NaiveDate, minute: u32) -> DateTime<Utc> {
    let naive = date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute));
    TIME_ZONE
        .from_local_datetime(&naive)
        .earliest()
        .map_or_else(|| naive.and_utc(), |local| local.with_timezone(&Utc))
}

/// A handful of booked visits over the coming days, so the calendar is not empty. They are
/// placed through the availability rule, so they never collide with real bookings.
async fn seed_sample_visits(
    tx: &mut db::WriteTx,
    clinic_id: i64,
    service_ids: &[(&str, i64)],
    practitioner_ids: &[i64],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    // The past visits of `history` go too: `seed_history` writes them again.
    forget_seeded_visits(tx, clinic_id, "%").await?;
    let clinic = db::clinics::find_by_id(tx, clinic_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo clinic vanished"))?;
    let rules = clinic.rules();
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    // (seed key, service code, practitioner index, days ahead, which free slot of that day)
    let plan: [(&str, &str, usize, i64, usize); 6] = [
        ("sample-1", "follow-up", 0, 1, 2),
        ("sample-2", "new-patient", 0, 1, 6),
        ("sample-3", "physiotherapy", 2, 1, 1),
        ("sample-4", "follow-up", 1, 1, 4),
        ("sample-5", "telehealth", 0, 2, 3),
        ("sample-6", "physiotherapy", 2, 4, 2),
    ];
    for (seed_key, service_code, practitioner_index, days_ahead, nth) in plan {
        let Some(&(_, service_id)) = service_ids.iter().find(|(code, _)| *code == service_code)
        else {
            continue;
        };
        let service = db::clinics::service(tx, clinic_id, service_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo service vanished"))?;
        let shape: ServiceShape = service.shape();
        let practitioner_id = practitioner_ids[practitioner_index];
        let day = today + Duration::days(days_ahead);
        let schedules = db::schedules::load(
            tx,
            &[practitioner_id],
            local_instant(day, 0) - Duration::days(1),
            local_instant(day, 0) + Duration::days(2),
            None,
        )
        .await?;
        let free = availability::free_slots(&rules, &shape, &schedules, day, day, now);
        let Some(slot) = free.get(nth).or_else(|| free.first()) else {
            continue;
        };
        let patient = PatientDetails {
            name: format!("Sample Patient {}", &seed_key[7..]),
            preferred_name: None,
            pronouns: None,
            email: Some(format!("{seed_key}@example.org")),
            phone: None,
            language: Language::En,
            new_or_returning: NewOrReturning::Returning,
            reason: None,
            access_needs: None,
            insurance: None,
            consent: true,
        };
        let token = token::new_token();
        let uid = token::new_calendar_uid("demo.carebook");
        db::appointments::insert(
            tx,
            &NewAppointment {
                clinic_id,
                token: &token,
                calendar_uid: &uid,
                service_id,
                practitioner_id,
                start: slot.start,
                end: slot.end,
                blocked: shape.blocked_interval(slot.start),
                patient: &patient,
                demo_seed: Some(seed_key),
                now,
            },
        )
        .await?;
    }
    Ok(())
}

/// Deletes the demo clinic's seeded visits whose `demo_seed` is like `pattern` (SQL LIKE).
/// Their history (staff marked one arrived, published instructions, the patient answered the
/// survey…) goes with them, or the foreign keys would stop a refresh of a demo that someone
/// has clicked through.
async fn forget_seeded_visits(
    tx: &mut db::WriteTx,
    clinic_id: i64,
    pattern: &str,
) -> anyhow::Result<()> {
    let seeded = "SELECT id FROM appointments WHERE clinic_id = $1 AND demo_seed LIKE $2";
    for statement in [
        format!(
            "DELETE FROM follow_up_events WHERE follow_up_id IN
                (SELECT id FROM follow_ups WHERE appointment_id IN ({seeded}))"
        ),
        format!("DELETE FROM follow_ups WHERE appointment_id IN ({seeded})"),
        format!("DELETE FROM survey_responses WHERE appointment_id IN ({seeded})"),
        format!(
            "DELETE FROM instruction_articles WHERE instruction_id IN
                (SELECT id FROM appointment_instructions WHERE appointment_id IN ({seeded}))"
        ),
        format!("DELETE FROM appointment_instructions WHERE appointment_id IN ({seeded})"),
        format!("DELETE FROM teach_back_answers WHERE appointment_id IN ({seeded})"),
        format!("DELETE FROM patient_questions WHERE appointment_id IN ({seeded})"),
        format!("DELETE FROM appointment_events WHERE appointment_id IN ({seeded})"),
        format!("DELETE FROM idempotency_keys WHERE appointment_id IN ({seeded})"),
        "DELETE FROM appointments WHERE clinic_id = $1 AND demo_seed LIKE $2".to_string(),
    ] {
        sqlx::query(&statement)
            .bind(clinic_id)
            .bind(pattern)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// About four months of past visits, survey answers and follow-ups before `now`
/// (`demo/history.rs`), replacing any written before. Run it after `seed` and `seed_staff`:
/// the demo admin is who worked on the follow-ups.
pub async fn seed_history(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    let clinic = db::clinics::find_by_slug(&mut tx, SLUG)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo clinic is not there yet: seed it first"))?;
    let admin_id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM staff WHERE clinic_id = $1 AND email = 'admin@demo.carebook.test'",
    )
    .bind(clinic.id)
    .fetch_optional(&mut *tx)
    .await?;
    history::seed(&mut tx, clinic.id, admin_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A staff account as given on the command line or by the demo.
pub struct StaffAccount<'a> {
    pub clinic_slug: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    /// `admin`, `front_desk` or `practitioner`.
    pub role: &'a str,
    /// For practitioners: the practitioner record (by code) whose schedule is theirs.
    pub practitioner_code: Option<&'a str>,
}

/// The demo clinic's staff, one per role, all with `password`. Returns (email, role) pairs.
pub async fn seed_staff(
    db: &Db,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(String, String)>> {
    let accounts = [
        ("admin@demo.carebook.test", "Avery Admin", "admin", None),
        (
            "frontdesk@demo.carebook.test",
            "Frankie Desk",
            "front_desk",
            None,
        ),
        (
            "okafor@demo.carebook.test",
            "Dr. Amara Okafor",
            "practitioner",
            Some("okafor"),
        ),
    ];
    let mut created = Vec::new();
    for (email, name, role, practitioner_code) in accounts {
        let account = StaffAccount {
            clinic_slug: SLUG,
            email,
            name,
            role,
            practitioner_code,
        };
        create_staff(db, &account, password, now).await?;
        created.push((email.to_string(), role.to_string()));
    }
    Ok(created)
}

/// Creates the account (or resets it) with this password: `carebook admin create` and the demo.
pub async fn create_staff(
    db: &Db,
    account: &StaffAccount<'_>,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use crate::domain::password;
    anyhow::ensure!(
        app::wire::console::StaffRole::from_code(account.role).is_some(),
        "role must be admin, front_desk or practitioner"
    );
    anyhow::ensure!(
        password.chars().count() >= password::MIN_LENGTH,
        "the password needs at least {} characters",
        password::MIN_LENGTH
    );
    let email = account.email.trim().to_lowercase();
    anyhow::ensure!(email.contains('@'), "that is not an email address");
    let hash = password::hash(password)?;
    let mut tx = db.begin_write().await?;
    let clinic = db::clinics::find_by_slug(&mut tx, account.clinic_slug)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no clinic with slug {}", account.clinic_slug))?;
    let practitioner_id: Option<i64> = match account.practitioner_code {
        Some(code) => {
            sqlx::query_scalar("SELECT id FROM practitioners WHERE clinic_id = $1 AND code = $2")
                .bind(clinic.id)
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    let staff = db::staff::NewStaff {
        clinic_id: clinic.id,
        email: &email,
        display_name: account.name,
        role: account.role,
        practitioner_id,
        password_hash: &hash,
    };
    db::staff::upsert(&mut tx, &staff, now).await?;
    tx.commit().await?;
    Ok(())
}
