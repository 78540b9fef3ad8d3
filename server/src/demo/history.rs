//! About four months of past visits for the demo clinic, so the console's figures and
//! follow-up queue show something real-looking: completed visits, no-shows, cancellations by
//! patients (some late) and by the clinic, patients who come back, survey answers (mostly happy,
//! some not, a few comments in English and Spanish), follow-ups opened for the unhappy ones and
//! partly worked through by the demo admin, and a few teach-back answers.
//!
//! Random-looking but the same on every run: one ChaCha8 generator with a fixed seed draws
//! everything, in the same order, before anything is written, so two fresh databases seeded
//! at the same `now` get the same history. Every visit carries a `history-N` `demo_seed`, so
//! running `carebook demo` again replaces the history instead of adding to it.

use super::{local_instant, PRACTITIONERS, SERVICES};
use crate::db::{self, to_epoch, WriteTx};
use crate::domain::feedback::follow_up_reasons;
use crate::domain::token;
use app::wire::feedback::{CommunicationAnswer, SurveyAnswers};
use app::wire::{Language, NewOrReturning, PatientDetails};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The generator's seed: change it and the whole history changes.
const SEED: u64 = 20_261_201;
/// How far back the history reaches, in days before today.
const DAYS: i64 = 122;
/// `demo_seed` of the history's visits: `history-1`, `history-2`, …
const SEED_PREFIX: &str = "history-";

const FIRST_NAMES: [(&str, Language); 24] = [
    ("Maria", Language::Es),
    ("James", Language::En),
    ("Aisha", Language::En),
    ("José", Language::Es),
    ("Linda", Language::En),
    ("Wei", Language::En),
    ("Carmen", Language::Es),
    ("Robert", Language::En),
    ("Fatima", Language::En),
    ("Luis", Language::Es),
    ("Grace", Language::En),
    ("Daniel", Language::En),
    ("Rosa", Language::Es),
    ("Michael", Language::En),
    ("Priya", Language::En),
    ("Ana", Language::Es),
    ("Thomas", Language::En),
    ("Keisha", Language::En),
    ("Miguel", Language::Es),
    ("Sarah", Language::En),
    ("Olga", Language::En),
    ("Lucía", Language::Es),
    ("David", Language::En),
    ("Nora", Language::En),
];

const LAST_NAMES: [&str; 24] = [
    "Garcia",
    "Johnson",
    "Chen",
    "Rodriguez",
    "Williams",
    "Okonkwo",
    "Martinez",
    "Brown",
    "Nguyen",
    "Lopez",
    "Davis",
    "Kim",
    "Hernandez",
    "Miller",
    "Patel",
    "Gonzalez",
    "Wilson",
    "Cohen",
    "Perez",
    "Anderson",
    "Ivanova",
    "Torres",
    "Thomas",
    "Rivera",
];

/// Comments patients leave, by language: happy, then unhappy.
const HAPPY_COMMENTS: [[&str; 4]; 2] = [
    [
        "Everything was explained clearly. Thank you!",
        "Quick, friendly and on time.",
        "The front desk was very kind on the phone.",
        "I felt listened to.",
    ],
    [
        "Me explicaron todo con claridad. ¡Gracias!",
        "Rápido, amable y a tiempo.",
        "La recepción fue muy amable por teléfono.",
        "Sentí que me escucharon.",
    ],
];
const UNHAPPY_COMMENTS: [[&str; 4]; 2] = [
    [
        "I waited 40 minutes past my time.",
        "The visit felt rushed.",
        "Nobody explained how to take the new medicine.",
        "I could not understand the instructions.",
    ],
    [
        "Esperé 40 minutos después de mi hora.",
        "La consulta fue muy apresurada.",
        "Nadie me explicó cómo tomar la medicina nueva.",
        "No entendí las instrucciones.",
    ],
];

const CONTACTED_NOTES: [&str; 3] = [
    "Called the patient and apologised for the wait; offered an early slot next time.",
    "Left a voicemail; will try again tomorrow.",
    "Spoke with the patient; the doctor will call back about the medicine.",
];
const RESOLVED_NOTES: [&str; 3] = [
    "Patient is happy with the plan we agreed.",
    "Doctor called back and went over the instructions again.",
    "Booked a follow-up at a time that suits the patient.",
];

#[derive(Clone, Debug, PartialEq)]
struct PlannedPatient {
    name: String,
    email: String,
    language: Language,
}

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Completed,
    NoShow,
    Cancelled { at: DateTime<Utc>, by_clinic: bool },
}

#[derive(Clone, Debug, PartialEq)]
struct FollowUpPlan {
    contacted: Option<(DateTime<Utc>, &'static str)>,
    resolved: Option<(DateTime<Utc>, &'static str)>,
}

#[derive(Clone, Debug, PartialEq)]
struct SurveyPlan {
    answers: SurveyAnswers,
    submitted_at: DateTime<Utc>,
    follow_up: Option<FollowUpPlan>,
}

#[derive(Clone, Debug, PartialEq)]
struct PlannedVisit {
    /// Index into `PRACTITIONERS` and into `SERVICES`.
    practitioner: usize,
    service: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    blocked_until: DateTime<Utc>,
    patient: usize,
    returning: bool,
    created_at: DateTime<Utc>,
    outcome: Outcome,
    survey: Option<SurveyPlan>,
    /// "Did this make sense?": `Some(true)` yes, `Some(false)` not sure.
    teach_back: Option<(bool, DateTime<Utc>)>,
}

#[derive(Debug, PartialEq)]
struct Plan {
    patients: Vec<PlannedPatient>,
    visits: Vec<PlannedVisit>,
}

fn patient(index: usize) -> PlannedPatient {
    let (first, language) = FIRST_NAMES[index % FIRST_NAMES.len()];
    // Distinct (first, last) pairs for the first 24 × 24 patients.
    let last = LAST_NAMES
        [(index / FIRST_NAMES.len() + 7 * (index % FIRST_NAMES.len())) % LAST_NAMES.len()];
    PlannedPatient {
        name: format!("{first} {last}"),
        email: format!("demo.patient{}@example.org", index + 1),
        language,
    }
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.gen_range(0..total);
    for (value, weight) in weighted {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    weighted[weighted.len() - 1].0
}

fn communication(rng: &mut ChaCha8Rng, rating: u8) -> Option<CommunicationAnswer> {
    use CommunicationAnswer::{Definitely, No, Somewhat};
    if rng.gen_bool(0.04) {
        return None;
    }
    Some(match rating {
        4..=5 => pick(rng, &[(Definitely, 85), (Somewhat, 14), (No, 1)]),
        3 => pick(rng, &[(Definitely, 40), (Somewhat, 45), (No, 15)]),
        _ => pick(rng, &[(Definitely, 15), (Somewhat, 35), (No, 50)]),
    })
}

fn survey(
    rng: &mut ChaCha8Rng,
    language: Language,
    visit_end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> SurveyPlan {
    let rating = pick(rng, &[(5u8, 55), (4, 27), (3, 9), (2, 5), (1, 4)]);
    let recommend = if rng.gen_bool(0.08) {
        None
    } else {
        Some(match rating {
            5 => pick(rng, &[(10u8, 60), (9, 28), (8, 10), (6, 2)]),
            4 => rng.gen_range(7..=9),
            3 => rng.gen_range(5..=8),
            2 => rng.gen_range(2..=6),
            _ => rng.gen_range(0..=4),
        })
    };
    let explained = communication(rng, rating);
    let listened = communication(rng, rating);
    let respected = communication(rng, rating);
    let enough_time = communication(rng, rating);
    let lang = usize::from(language == Language::Es);
    let comment = rng.gen_bool(0.3).then(|| {
        let list = if rating >= 4 {
            HAPPY_COMMENTS[lang]
        } else {
            UNHAPPY_COMMENTS[lang]
        };
        list[rng.gen_range(0..list.len())].to_string()
    });
    let may_contact = rng.gen_bool(if rating <= 2 { 0.7 } else { 0.35 });
    let after = Duration::minutes(rng.gen_range(30..3 * 24 * 60));
    let submitted_at = (visit_end + after).min(now - Duration::minutes(5));
    let answers = SurveyAnswers {
        rating,
        recommend,
        explained,
        listened,
        respected,
        enough_time,
        comment,
        may_contact,
    };
    let follow_up =
        (!follow_up_reasons(&answers).is_empty()).then(|| follow_up(rng, submitted_at, now));
    SurveyPlan {
        answers,
        submitted_at,
        follow_up,
    }
}

/// How far staff got with a follow-up: older items are mostly done, recent ones still open.
fn follow_up(rng: &mut ChaCha8Rng, opened: DateTime<Utc>, now: DateTime<Utc>) -> FollowUpPlan {
    let age = now - opened;
    // 0 open, 1 contacted, 2 resolved.
    let progress = if age > Duration::days(10) {
        pick(rng, &[(2u8, 65), (1, 20), (0, 15)])
    } else if age > Duration::days(2) {
        pick(rng, &[(2u8, 25), (1, 40), (0, 35)])
    } else {
        pick(rng, &[(1u8, 20), (0, 80)])
    };
    let contacted_at = opened + Duration::hours(rng.gen_range(3..48));
    let resolved_at = contacted_at + Duration::hours(rng.gen_range(4..96));
    let contacted_note = CONTACTED_NOTES[rng.gen_range(0..CONTACTED_NOTES.len())];
    let resolved_note = RESOLVED_NOTES[rng.gen_range(0..RESOLVED_NOTES.len())];
    let contacted = (progress >= 1 && contacted_at < now).then_some((contacted_at, contacted_note));
    let resolved = (progress >= 2 && contacted.is_some() && resolved_at < now)
        .then_some((resolved_at, resolved_note));
    FollowUpPlan {
        contacted,
        resolved,
    }
}

/// The whole history, drawn before anything is written.
fn plan(now: DateTime<Utc>) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let today = now.with_timezone(&super::TIME_ZONE).date_naive();
    let mut patients: Vec<PlannedPatient> = Vec::new();
    let mut visits = Vec::new();
    for days_back in (1..=DAYS).rev() {
        let day: NaiveDate = today - Duration::days(days_back);
        let weekday = i64::from(day.weekday().num_days_from_monday());
        for (practitioner, p) in PRACTITIONERS.iter().enumerate() {
            for &(_, open, close) in p.hours.iter().filter(|(w, _, _)| *w == weekday) {
                let mut minute = open;
                loop {
                    // Free time between visits: a clinic is rarely fully booked.
                    minute += 15 * pick(&mut rng, &[(0i64, 40), (1, 25), (2, 20), (4, 15)]);
                    let service = pick_service(&mut rng, p.services);
                    let shape = &SERVICES[service];
                    let length = shape.minutes + shape.buffer_after;
                    if minute + length > close {
                        break;
                    }
                    let start = local_instant(day, u32::try_from(minute).unwrap_or(0));
                    let end = start + Duration::minutes(shape.minutes);
                    let blocked_until = start + Duration::minutes(length);
                    minute += length;
                    let (patient, returning) = if !patients.is_empty() && rng.gen_bool(0.45) {
                        (rng.gen_range(0..patients.len()), true)
                    } else {
                        patients.push(self::patient(patients.len()));
                        (patients.len() - 1, false)
                    };
                    let created_at = start - Duration::hours(rng.gen_range(26..24 * 21));
                    let outcome = outcome(&mut rng, start, created_at);
                    let survey = (outcome == Outcome::Completed && rng.gen_bool(0.6))
                        .then(|| survey(&mut rng, patients[patient].language, end, now));
                    let teach_back =
                        (outcome == Outcome::Completed && rng.gen_bool(0.2)).then(|| {
                            let at = end + Duration::hours(rng.gen_range(1..48));
                            (rng.gen_bool(0.85), at.min(now - Duration::minutes(1)))
                        });
                    visits.push(PlannedVisit {
                        practitioner,
                        service,
                        start,
                        end,
                        blocked_until,
                        patient,
                        returning,
                        created_at,
                        outcome,
                        survey,
                        teach_back,
                    });
                }
            }
        }
    }
    Plan { patients, visits }
}

fn pick_service(rng: &mut ChaCha8Rng, offered: &[&str]) -> usize {
    let weight = |code: &str| match code {
        "follow-up" => 50,
        "telehealth" => 30,
        "new-patient" => 20,
        _ => 10,
    };
    let weighted: Vec<(usize, u32)> = offered
        .iter()
        .filter_map(|code| SERVICES.iter().position(|s| s.code == *code))
        .map(|index| (index, weight(SERVICES[index].code)))
        .collect();
    pick(rng, &weighted)
}

fn outcome(rng: &mut ChaCha8Rng, start: DateTime<Utc>, created_at: DateTime<Utc>) -> Outcome {
    let roll = rng.gen_range(0..100);
    let late = rng.gen_bool(0.3);
    let early_hours = rng.gen_range(25..240);
    let late_minutes = rng.gen_range(30..24 * 60);
    match roll {
        0..=2 => Outcome::Cancelled {
            at: (start - Duration::hours(early_hours / 4 + 1))
                .max(created_at + Duration::minutes(10)),
            by_clinic: true,
        },
        3..=12 => {
            let at = if late {
                start - Duration::minutes(late_minutes)
            } else {
                start - Duration::hours(early_hours)
            };
            Outcome::Cancelled {
                at: at.max(created_at + Duration::minutes(10)),
                by_clinic: false,
            }
        }
        13..=18 => Outcome::NoShow,
        _ => Outcome::Completed,
    }
}

/// Deletes the history's visits and everything hanging off them.
pub(super) async fn forget(tx: &mut WriteTx, clinic_id: i64) -> anyhow::Result<()> {
    super::forget_seeded_visits(tx, clinic_id, &format!("{SEED_PREFIX}%")).await
}

/// Writes the history of the demo clinic (`slug` demo) at `now`, replacing an earlier one.
/// `admin_id`: who worked on the follow-ups (none: they all stay open).
pub(super) async fn seed(
    tx: &mut WriteTx,
    clinic_id: i64,
    admin_id: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    forget(tx, clinic_id).await?;
    let plan = plan(now);
    let mut service_ids = Vec::new();
    for service in &SERVICES {
        let id: i64 =
            sqlx::query_scalar("SELECT id FROM services WHERE clinic_id = $1 AND code = $2")
                .bind(clinic_id)
                .bind(service.code)
                .fetch_one(&mut **tx)
                .await?;
        service_ids.push(id);
    }
    let mut practitioner_ids = Vec::new();
    for practitioner in &PRACTITIONERS {
        let id: i64 =
            sqlx::query_scalar("SELECT id FROM practitioners WHERE clinic_id = $1 AND code = $2")
                .bind(clinic_id)
                .bind(practitioner.code)
                .fetch_one(&mut **tx)
                .await?;
        practitioner_ids.push(id);
    }
    // Visits booked for real in those days keep their time: the history leaves it free.
    let first = plan.visits.first().map_or(now, |visit| visit.start);
    let taken: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT practitioner_id, blocked_from, blocked_until FROM appointments
         WHERE clinic_id = $1 AND status = 'booked' AND blocked_until > $2 AND blocked_from < $3",
    )
    .bind(clinic_id)
    .bind(to_epoch(first))
    .bind(to_epoch(now))
    .fetch_all(&mut **tx)
    .await?;

    // Teach-back answers name the template their instructions came from, as the visit page's do.
    let templates: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT service_id, language, id FROM instruction_templates WHERE clinic_id = $1
         ORDER BY id",
    )
    .bind(clinic_id)
    .fetch_all(&mut **tx)
    .await?;

    // A patient's record dates from their first booking.
    let mut first_seen = vec![now; plan.patients.len()];
    for visit in &plan.visits {
        first_seen[visit.patient] = first_seen[visit.patient].min(visit.created_at);
    }
    let mut patient_ids = Vec::new();
    for (planned, first_seen) in plan.patients.iter().zip(first_seen) {
        let details = PatientDetails {
            name: planned.name.clone(),
            preferred_name: None,
            pronouns: None,
            email: Some(planned.email.clone()),
            phone: None,
            language: planned.language,
            new_or_returning: NewOrReturning::New,
            reason: None,
            access_needs: None,
            insurance: None,
            consent: true,
        };
        patient_ids.push(db::patients::find_or_create(tx, clinic_id, &details, first_seen).await?);
    }

    for (number, visit) in plan.visits.iter().enumerate() {
        let practitioner_id = practitioner_ids[visit.practitioner];
        let (from, until) = (to_epoch(visit.start), to_epoch(visit.blocked_until));
        let collides = taken.iter().any(|&(id, taken_from, taken_until)| {
            id == practitioner_id && taken_from < until && from < taken_until
        });
        if collides {
            continue;
        }
        let id = insert_visit(
            tx,
            clinic_id,
            visit,
            &plan.patients[visit.patient],
            patient_ids[visit.patient],
            practitioner_id,
            service_ids[visit.service],
            &format!("{SEED_PREFIX}{}", number + 1),
        )
        .await?;
        if let Some(survey) = &visit.survey {
            insert_survey(
                tx,
                clinic_id,
                id,
                plan.patients[visit.patient].language,
                survey,
                admin_id,
            )
            .await?;
        }
        if let Some((made_sense, at)) = visit.teach_back {
            let language = plan.patients[visit.patient].language.code();
            let template = templates
                .iter()
                .find(|(service, lang, _)| {
                    *service == service_ids[visit.service] && lang == language
                })
                .map(|(_, _, id)| *id);
            sqlx::query(
                "INSERT INTO teach_back_answers (appointment_id, version, template_id, answer,
                    answered_at)
                 VALUES ($1, 1, $2, $3, $4)",
            )
            .bind(id)
            .bind(template)
            .bind(if made_sense { "yes" } else { "not_sure" })
            .bind(to_epoch(at))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_visit(
    tx: &mut WriteTx,
    clinic_id: i64,
    visit: &PlannedVisit,
    patient: &PlannedPatient,
    patient_id: i64,
    practitioner_id: i64,
    service_id: i64,
    seed_key: &str,
) -> anyhow::Result<i64> {
    let (status, attendance, cancelled_at, cancelled_by) = match &visit.outcome {
        Outcome::Completed => ("booked", Some("completed"), None, None),
        Outcome::NoShow => ("booked", Some("no_show"), None, None),
        Outcome::Cancelled { at, by_clinic } => (
            "cancelled",
            None,
            Some(to_epoch(*at)),
            Some(if *by_clinic { "clinic" } else { "patient" }),
        ),
    };
    let updated_at = cancelled_at.unwrap_or(to_epoch(visit.end));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO appointments (clinic_id, token, calendar_uid, service_id, practitioner_id,
            starts_at, ends_at, blocked_from, blocked_until, status, sequence, patient_name,
            email, language, new_or_returning, attendance, cancelled_at, cancelled_by,
            demo_seed, created_at, updated_at, patient_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8, $9, 0, $10, $11, $12, $13, $14, $15, $16,
            $17, $18, $19, $20)
         RETURNING id",
    )
    .bind(clinic_id)
    .bind(token::new_token())
    .bind(token::new_calendar_uid("demo.carebook"))
    .bind(service_id)
    .bind(practitioner_id)
    .bind(to_epoch(visit.start))
    .bind(to_epoch(visit.end))
    .bind(to_epoch(visit.blocked_until))
    .bind(status)
    .bind(&patient.name)
    .bind(&patient.email)
    .bind(patient.language.code())
    .bind(if visit.returning { "returning" } else { "new" })
    .bind(attendance)
    .bind(cancelled_at)
    .bind(cancelled_by)
    .bind(seed_key)
    .bind(to_epoch(visit.created_at))
    .bind(updated_at)
    .bind(patient_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

async fn insert_survey(
    tx: &mut WriteTx,
    clinic_id: i64,
    appointment_id: i64,
    language: Language,
    survey: &SurveyPlan,
    admin_id: Option<i64>,
) -> anyhow::Result<()> {
    let answers = &survey.answers;
    let code = |answer: Option<CommunicationAnswer>| answer.map(CommunicationAnswer::code);
    sqlx::query(
        "INSERT INTO survey_responses (appointment_id, clinic_id, rating, recommend, explained,
            listened, respected, enough_time, comment, may_contact, language, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(appointment_id)
    .bind(clinic_id)
    .bind(i64::from(answers.rating))
    .bind(answers.recommend.map(i64::from))
    .bind(code(answers.explained))
    .bind(code(answers.listened))
    .bind(code(answers.respected))
    .bind(code(answers.enough_time))
    .bind(&answers.comment)
    .bind(db::flag(answers.may_contact))
    .bind(language.code())
    .bind(to_epoch(survey.submitted_at))
    .execute(&mut **tx)
    .await?;
    let Some(plan) = &survey.follow_up else {
        return Ok(());
    };
    // Without the demo admin nobody worked on them: every item stays open.
    let events: Vec<(&str, DateTime<Utc>, &str)> = match admin_id {
        Some(_) => plan
            .contacted
            .iter()
            .map(|(at, note)| ("contacted", *at, *note))
            .chain(
                plan.resolved
                    .iter()
                    .map(|(at, note)| ("resolved", *at, *note)),
            )
            .collect(),
        None => Vec::new(),
    };
    let state = events.last().map_or("open", |(action, _, _)| action);
    let updated_at = events.last().map_or(survey.submitted_at, |(_, at, _)| *at);
    let follow_up_id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_ups (clinic_id, appointment_id, state, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(clinic_id)
    .bind(appointment_id)
    .bind(state)
    .bind(to_epoch(survey.submitted_at))
    .bind(to_epoch(updated_at))
    .fetch_one(&mut **tx)
    .await?;
    if let Some(staff_id) = admin_id {
        for (action, at, note) in events {
            sqlx::query(
                "INSERT INTO follow_up_events (follow_up_id, at, staff_id, action, note)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(follow_up_id)
            .bind(to_epoch(at))
            .bind(staff_id)
            .bind(action)
            .bind(note)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn the_same_seed_draws_the_same_history() {
        assert_eq!(plan(now()), plan(now()));
    }

    #[test]
    fn the_history_is_past_within_working_hours_and_never_double_books() {
        let plan = plan(now());
        assert!(plan.visits.len() > 500, "{} visits", plan.visits.len());
        for visit in &plan.visits {
            assert!(visit.blocked_until <= now());
            assert!(visit.created_at < visit.start);
            if let Outcome::Cancelled { at, .. } = visit.outcome {
                assert!(visit.created_at < at);
            }
            if let Some(survey) = &visit.survey {
                assert!(visit.end < survey.submitted_at && survey.submitted_at < now());
            }
            let local = visit.start.with_timezone(&super::super::TIME_ZONE);
            let minute = i64::from(local.hour_minute());
            let weekday = i64::from(local.weekday().num_days_from_monday());
            let length = (visit.blocked_until - visit.start).num_minutes();
            assert!(
                PRACTITIONERS[visit.practitioner]
                    .hours
                    .iter()
                    .any(|&(w, open, close)| w == weekday
                        && open <= minute
                        && minute + length <= close),
                "{visit:?} is outside working hours"
            );
        }
        for (i, a) in plan.visits.iter().enumerate() {
            for b in &plan.visits[i + 1..] {
                let overlap = a.practitioner == b.practitioner
                    && a.start < b.blocked_until
                    && b.start < a.blocked_until;
                assert!(!overlap, "{a:?} overlaps {b:?}");
            }
        }
    }

    trait HourMinute {
        fn hour_minute(&self) -> u32;
    }

    impl<T: chrono::Timelike> HourMinute for T {
        fn hour_minute(&self) -> u32 {
            self.hour() * 60 + self.minute()
        }
    }
}
