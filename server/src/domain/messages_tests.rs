//! The message rules: which channels, which reminder times (on UTC instants, across both
//! New York daylight-saving changes of 2026), and when a queued message is no longer wanted.

use super::*;
use chrono::TimeZone;

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// A New York wall-clock time as the UTC instant it names.
fn new_york(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    NY.with_ymd_and_hms(2026, m, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

// ---- channels ----------------------------------------------------------------------------

#[test]
fn email_patients_get_every_message_by_email_only_except_reminders() {
    for kind in MessageKind::ALL {
        assert_eq!(
            channels(kind, true, false),
            vec![Channel::Email],
            "{kind:?}"
        );
        let both = channels(kind, true, true);
        if kind == MessageKind::Reminder {
            assert_eq!(both, vec![Channel::Email, Channel::Sms]);
        } else {
            assert_eq!(both, vec![Channel::Email], "{kind:?}");
        }
    }
}

#[test]
fn phone_only_patients_get_every_message_by_sms() {
    for kind in MessageKind::ALL {
        assert_eq!(channels(kind, false, true), vec![Channel::Sms], "{kind:?}");
    }
}

#[test]
fn no_contact_means_no_message() {
    for kind in MessageKind::ALL {
        assert!(channels(kind, false, false).is_empty(), "{kind:?}");
    }
}

// ---- offsets -----------------------------------------------------------------------------

#[test]
fn stored_offsets_are_read_and_unreadable_parts_dropped() {
    assert_eq!(parse_offsets("2880,120"), vec![2880, 120]);
    assert_eq!(parse_offsets(" 60 , 1440 "), vec![60, 1440]);
    assert!(parse_offsets("").is_empty(), "empty text: no reminders");
    // Not a number, negative, below 30 minutes or beyond 14 days: left out, never a failure.
    assert_eq!(parse_offsets("abc,120,-5,10,20161,20160"), vec![120, 20160]);
}

#[test]
fn a_repeated_stored_offset_sends_one_reminder() {
    assert_eq!(parse_offsets("120,120,2880"), vec![120, 2880]);
}

#[test]
fn offsets_round_trip_through_their_stored_text() {
    assert_eq!(format_offsets(&[2880, 120]), "2880,120");
    assert_eq!(format_offsets(&[]), "");
    assert_eq!(
        parse_offsets(&format_offsets(&default_offsets())),
        vec![2880, 120]
    );
}

#[test]
fn valid_offsets_come_back_longest_first() {
    assert_eq!(validate_offsets(&[120, 2880]), Ok(vec![2880, 120]));
    assert_eq!(
        validate_offsets(&[]),
        Ok(vec![]),
        "no reminders is a choice"
    );
    assert_eq!(
        validate_offsets(&[MIN_REMINDER_MINUTES, MAX_REMINDER_MINUTES]),
        Ok(vec![MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES])
    );
}

#[test]
fn refused_offsets_say_why() {
    assert_eq!(
        validate_offsets(&[60, 120, 1440, 2880]),
        Err(OffsetsRejected::TooMany)
    );
    assert_eq!(
        validate_offsets(&[MIN_REMINDER_MINUTES - 1]),
        Err(OffsetsRejected::OutOfRange)
    );
    assert_eq!(
        validate_offsets(&[MAX_REMINDER_MINUTES + 1]),
        Err(OffsetsRejected::OutOfRange)
    );
    assert_eq!(
        validate_offsets(&[120, 120]),
        Err(OffsetsRejected::Repeated)
    );
    assert_eq!(OffsetsRejected::TooMany.code(), "too_many");
    assert_eq!(OffsetsRejected::OutOfRange.code(), "out_of_range");
    assert_eq!(OffsetsRejected::Repeated.code(), "repeated");
}

// ---- reminder times ----------------------------------------------------------------------

#[test]
fn reminders_fall_exactly_their_offset_before_the_start() {
    let start = utc(2026, 12, 10, 15, 0);
    let now = utc(2026, 12, 1, 12, 0);
    assert_eq!(
        reminder_times(start, &[2880, 120], now),
        vec![
            (2880, utc(2026, 12, 8, 15, 0)),
            (120, utc(2026, 12, 10, 13, 0))
        ]
    );
}

#[test]
fn spring_forward_a_48_hour_reminder_is_48_real_hours_before() {
    // Clocks jump from 02:00 to 03:00 on Sunday 2026-03-08. A visit on Monday 09:00 EDT
    // (13:00Z) is reminded 48 real hours before: Saturday 13:00Z, which is 08:00 EST on the
    // clinic's clock, 49 h of wall clock earlier, never the wall-clock "Saturday 09:00".
    let start = new_york(3, 9, 9);
    assert_eq!(start, utc(2026, 3, 9, 13, 0));
    let now = utc(2026, 3, 1, 12, 0);
    let due = reminder_times(start, &[2880], now);
    assert_eq!(due, vec![(2880, utc(2026, 3, 7, 13, 0))]);
    assert_eq!(start - due[0].1, Duration::hours(48));
}

#[test]
fn fall_back_a_48_hour_reminder_is_48_real_hours_before() {
    // Clocks go back from 02:00 to 01:00 on Sunday 2026-11-01. A visit on Monday 09:00 EST
    // (14:00Z) is reminded at Saturday 14:00Z, 10:00 EDT on the clinic's clock.
    let start = new_york(11, 2, 9);
    assert_eq!(start, utc(2026, 11, 2, 14, 0));
    let now = utc(2026, 10, 20, 12, 0);
    let due = reminder_times(start, &[2880, 120], now);
    assert_eq!(
        due,
        vec![
            (2880, utc(2026, 10, 31, 14, 0)),
            (120, utc(2026, 11, 2, 12, 0))
        ]
    );
    assert_eq!(start - due[0].1, Duration::hours(48));
}

#[test]
fn a_reminder_whose_time_has_passed_is_dropped() {
    let start = utc(2026, 12, 2, 15, 0);
    // Booked 27 h before: the 48 h reminder would be in the past, the 2 h one stays.
    let now = utc(2026, 12, 1, 12, 0);
    assert_eq!(
        reminder_times(start, &[2880, 120], now),
        vec![(120, utc(2026, 12, 2, 13, 0))]
    );
    // Booked exactly at a reminder's time: it is not sent either.
    assert_eq!(
        reminder_times(start, &[120], utc(2026, 12, 2, 13, 0)),
        vec![]
    );
    assert!(reminder_times(start, &[], now).is_empty());
}

// ---- still wanted ------------------------------------------------------------------------

fn queued(kind: MessageKind) -> Queued {
    Queued {
        kind,
        visit_start: utc(2026, 12, 10, 15, 0),
        sequence: 0,
    }
}

fn visit() -> VisitNow {
    VisitNow {
        start: utc(2026, 12, 10, 15, 0),
        sequence: 0,
        cancelled: false,
        erased: false,
        completed: false,
        survey_answered: false,
    }
}

fn completed() -> VisitNow {
    VisitNow {
        completed: true,
        ..visit()
    }
}

/// Two days before the visit, and three hours after its start.
fn before() -> DateTime<Utc> {
    utc(2026, 12, 8, 15, 0)
}

fn after() -> DateTime<Utc> {
    utc(2026, 12, 10, 18, 0)
}

#[test]
fn messages_before_the_visit_go_out_while_nothing_changed() {
    for kind in [
        MessageKind::Confirmation,
        MessageKind::Changed,
        MessageKind::Reminder,
        MessageKind::Cancelled,
    ] {
        assert_eq!(
            still_wanted(&queued(kind), &visit(), before()),
            Ok(()),
            "{kind:?}"
        );
    }
}

#[test]
fn nothing_goes_to_an_erased_patient() {
    let erased = VisitNow {
        erased: true,
        ..completed()
    };
    for kind in MessageKind::ALL {
        assert_eq!(
            still_wanted(&queued(kind), &erased, before()),
            Err(SkipReason::Erased),
            "{kind:?}"
        );
    }
}

#[test]
fn a_cancelled_visit_gets_its_cancellation_but_no_confirmation_change_or_reminder() {
    let cancelled = VisitNow {
        cancelled: true,
        sequence: 1,
        ..visit()
    };
    for kind in [
        MessageKind::Confirmation,
        MessageKind::Changed,
        MessageKind::Reminder,
    ] {
        assert_eq!(
            still_wanted(&queued(kind), &cancelled, before()),
            Err(SkipReason::VisitCancelled),
            "{kind:?}"
        );
    }
    let cancellation = Queued {
        sequence: 1,
        ..queued(MessageKind::Cancelled)
    };
    assert_eq!(still_wanted(&cancellation, &cancelled, before()), Ok(()));
}

#[test]
fn a_later_change_supersedes_a_waiting_confirmation_or_change() {
    let moved = VisitNow {
        sequence: 2,
        ..visit()
    };
    for kind in [MessageKind::Confirmation, MessageKind::Changed] {
        assert_eq!(
            still_wanted(&queued(kind), &moved, before()),
            Err(SkipReason::Superseded),
            "{kind:?}"
        );
    }
}

#[test]
fn a_reminder_for_the_old_time_of_a_moved_visit_is_dropped() {
    let moved = VisitNow {
        start: utc(2026, 12, 11, 15, 0),
        sequence: 1,
        ..visit()
    };
    assert_eq!(
        still_wanted(&queued(MessageKind::Reminder), &moved, before()),
        Err(SkipReason::VisitMoved)
    );
    // A change that kept the time (another practitioner) keeps the reminder.
    let same_time = VisitNow {
        sequence: 1,
        ..visit()
    };
    assert_eq!(
        still_wanted(&queued(MessageKind::Reminder), &same_time, before()),
        Ok(())
    );
}

#[test]
fn news_about_a_visit_that_has_started_is_too_late() {
    for kind in [
        MessageKind::Confirmation,
        MessageKind::Changed,
        MessageKind::Reminder,
    ] {
        assert_eq!(
            still_wanted(&queued(kind), &visit(), visit().start),
            Err(SkipReason::TooLate),
            "{kind:?}"
        );
    }
}

#[test]
fn after_visit_messages_need_a_completed_visit() {
    for kind in [MessageKind::Instructions, MessageKind::Survey] {
        assert_eq!(
            still_wanted(&queued(kind), &completed(), after()),
            Ok(()),
            "{kind:?}"
        );
        assert_eq!(
            still_wanted(&queued(kind), &visit(), after()),
            Err(SkipReason::NotCompleted),
            "{kind:?}: attendance was changed back"
        );
        let cancelled = VisitNow {
            cancelled: true,
            ..completed()
        };
        assert_eq!(
            still_wanted(&queued(kind), &cancelled, after()),
            Err(SkipReason::NotCompleted),
            "{kind:?}"
        );
    }
}

#[test]
fn a_survey_already_answered_is_not_asked_again() {
    let answered = VisitNow {
        survey_answered: true,
        ..completed()
    };
    assert_eq!(
        still_wanted(&queued(MessageKind::Survey), &answered, after()),
        Err(SkipReason::AlreadyAnswered)
    );
    // Instructions are still worth a link after the survey.
    assert_eq!(
        still_wanted(&queued(MessageKind::Instructions), &answered, after()),
        Ok(())
    );
}

#[test]
fn skip_reasons_have_stable_codes() {
    let codes = [
        (SkipReason::VisitCancelled, "visit_cancelled"),
        (SkipReason::VisitMoved, "visit_moved"),
        (SkipReason::Superseded, "superseded"),
        (SkipReason::TooLate, "too_late"),
        (SkipReason::AlreadyAnswered, "already_answered"),
        (SkipReason::NotCompleted, "not_completed"),
        (SkipReason::Erased, "erased"),
    ];
    for (reason, code) in codes {
        assert_eq!(reason.code(), code);
    }
}

// ---- backoff -----------------------------------------------------------------------------

#[test]
fn backoff_starts_at_half_a_minute_and_doubles() {
    assert_eq!(backoff(0), Duration::seconds(30));
    assert_eq!(backoff(1), Duration::seconds(30));
    assert_eq!(backoff(2), Duration::minutes(1));
    assert_eq!(backoff(3), Duration::minutes(2));
    assert_eq!(backoff(4), Duration::minutes(4));
}

#[test]
fn backoff_never_exceeds_an_hour_and_never_shrinks() {
    let mut previous = Duration::zero();
    for attempts in 0..=(MAX_ATTEMPTS + 100) {
        let wait = backoff(attempts);
        assert!(wait <= Duration::hours(1), "{attempts}: {wait}");
        assert!(wait >= previous, "{attempts}");
        previous = wait;
    }
    assert_eq!(backoff(MAX_ATTEMPTS), Duration::hours(1));
    assert_eq!(backoff(u32::MAX), Duration::hours(1));
}

#[test]
fn events_send_their_message_and_replan_reminders_when_the_time_changes() {
    assert_eq!(VisitEvent::Booked.message(), MessageKind::Confirmation);
    assert_eq!(VisitEvent::Rescheduled.message(), MessageKind::Changed);
    assert_eq!(VisitEvent::Cancelled.message(), MessageKind::Cancelled);
    assert_eq!(
        VisitEvent::InstructionsPublished.message(),
        MessageKind::Instructions
    );
    assert_eq!(VisitEvent::Completed.message(), MessageKind::Survey);
    assert!(VisitEvent::Booked.replans_reminders());
    assert!(VisitEvent::Rescheduled.replans_reminders());
    assert!(VisitEvent::Cancelled.replans_reminders());
    assert!(!VisitEvent::InstructionsPublished.replans_reminders());
    assert!(!VisitEvent::Completed.replans_reminders());
}
