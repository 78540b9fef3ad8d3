-- Messages to patients (e-mail and SMS) go through an outbox: a row is written in the same
-- transaction as the change that causes it (booking, reschedule, cancel, reminder times,
-- instructions published, visit completed), and a worker sends due rows. A worker claims a
-- row by moving it to 'sending' with a lease, in one UPDATE guarded by the row's state, so
-- two server processes never both send it; a lease that runs out (the process died) makes
-- the row claimable again.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    kind            TEXT NOT NULL CHECK (kind IN ('confirmation', 'changed', 'cancelled', 'reminder', 'instructions', 'survey')),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    -- When to send (epoch seconds UTC); a retry moves it on by the backoff.
    due_at          INTEGER NOT NULL,
    -- The visit's start and calendar SEQUENCE when the row was written: a reminder for a
    -- start that has since moved, or a "changed" superseded by a later change, is skipped.
    visit_start     INTEGER NOT NULL,
    sequence        INTEGER NOT NULL,
    -- Reminders: how many minutes before the start (the clinic's offset when queued).
    offset_minutes  INTEGER,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Which process holds the row while sending, and until when (wall-clock epoch seconds).
    claimed_by      TEXT,
    claimed_until   INTEGER,
    sent_at         INTEGER,
    -- Why it is not sent (yet): a short code, never patient data ('no_mail_server',
    -- 'smtp_unavailable', 'rejected', 'invalid_address', 'visit_cancelled', …).
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- The worker's question: what is due now?
CREATE INDEX outbox_due ON outbox (status, due_at);
-- The console's question: what was sent about this visit?
CREATE INDEX outbox_by_appointment ON outbox (appointment_id);

-- Minutes before a visit that reminders go out, comma-separated (default 48 h and 2 h).
ALTER TABLE clinics ADD COLUMN reminder_offsets TEXT NOT NULL DEFAULT '2880,120';

-- The patient's one-tap "I'll be there" from a reminder.
ALTER TABLE appointments ADD COLUMN patient_confirmed_at INTEGER;
