//! Loads what the availability rule needs: working blocks, time off and booked intervals.

use super::{from_epoch, to_epoch, Conn};
use crate::domain::availability::{Interval, PractitionerSchedule, WorkingBlock};
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use std::collections::HashMap;

/// Schedules of the given practitioners for the UTC window `[from, until)`.
/// `ignore_appointment` leaves one booking out (a reschedule may move into its own old time).
pub async fn load(
    conn: &mut Conn,
    practitioner_ids: &[i64],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    ignore_appointment: Option<i64>,
) -> sqlx::Result<Vec<PractitionerSchedule>> {
    let mut schedules: HashMap<i64, PractitionerSchedule> = practitioner_ids
        .iter()
        .map(|&id| {
            (
                id,
                PractitionerSchedule {
                    practitioner_id: id,
                    blocks: Vec::new(),
                    appointments: Vec::new(),
                    time_off: Vec::new(),
                },
            )
        })
        .collect();
    // Ids are integers from our own rows, so inlining them is safe and keeps one query per table.
    let id_list = practitioner_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    if id_list.is_empty() {
        return Ok(Vec::new());
    }

    let hours: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT practitioner_id, weekday, start_minute, end_minute FROM working_hours
         WHERE practitioner_id IN ({id_list}) ORDER BY weekday, start_minute"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for (practitioner_id, weekday, start, end) in hours {
        let (Some(schedule), Some(weekday), Some(start), Some(end)) = (
            schedules.get_mut(&practitioner_id),
            weekday_from_index(weekday),
            minute_to_time(start),
            minute_to_time(end),
        ) else {
            continue;
        };
        schedule.blocks.push(WorkingBlock {
            weekday,
            start,
            end,
        });
    }

    let off: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT practitioner_id, starts_at, ends_at FROM time_off
         WHERE practitioner_id IN ({id_list}) AND starts_at < $1 AND ends_at > $2"
    ))
    .bind(to_epoch(until))
    .bind(to_epoch(from))
    .fetch_all(&mut *conn)
    .await?;
    for (practitioner_id, start, end) in off {
        if let Some(schedule) = schedules.get_mut(&practitioner_id) {
            schedule.time_off.push(interval(start, end));
        }
    }

    let booked: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT practitioner_id, blocked_from, blocked_until FROM appointments
         WHERE practitioner_id IN ({id_list}) AND status = 'booked'
           AND blocked_from < $1 AND blocked_until > $2 AND id <> $3"
    ))
    .bind(to_epoch(until))
    .bind(to_epoch(from))
    .bind(ignore_appointment.unwrap_or(-1))
    .fetch_all(&mut *conn)
    .await?;
    for (practitioner_id, start, end) in booked {
        if let Some(schedule) = schedules.get_mut(&practitioner_id) {
            schedule.appointments.push(interval(start, end));
        }
    }

    let mut result: Vec<_> = schedules.into_values().collect();
    result.sort_by_key(|schedule| schedule.practitioner_id);
    Ok(result)
}

fn interval(start: i64, end: i64) -> Interval {
    Interval {
        start: from_epoch(start),
        end: from_epoch(end),
    }
}

/// 0 = Monday, as stored.
pub fn weekday_from_index(index: i64) -> Option<Weekday> {
    u8::try_from(index)
        .ok()
        .and_then(|i| Weekday::try_from(i).ok())
}

/// Minutes after local midnight; 1440 means the end of the day.
pub fn minute_to_time(minute: i64) -> Option<NaiveTime> {
    if minute == 1440 {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    let minute = u32::try_from(minute).ok()?;
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
}
