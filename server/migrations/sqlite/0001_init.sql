-- Carebook's first schema (SQLite). Instants are INTEGER seconds since the Unix epoch, UTC,
-- so that overlap checks are plain integer comparisons on both SQLite and PostgreSQL.

CREATE TABLE clinics (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    time_zone           TEXT NOT NULL,
    address             TEXT NOT NULL,
    phone               TEXT NOT NULL,
    late_cancel_hours   INTEGER NOT NULL DEFAULT 24,
    min_notice_minutes  INTEGER NOT NULL DEFAULT 120,
    horizon_days        INTEGER NOT NULL DEFAULT 60,
    -- NULL: slots step by the service's own duration.
    slot_step_minutes   INTEGER DEFAULT 15
);

CREATE TABLE services (
    id                    INTEGER PRIMARY KEY,
    clinic_id             INTEGER NOT NULL REFERENCES clinics(id),
    code                  TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('in_person', 'telehealth')),
    duration_minutes      INTEGER NOT NULL CHECK (duration_minutes > 0),
    buffer_before_minutes INTEGER NOT NULL DEFAULT 0,
    buffer_after_minutes  INTEGER NOT NULL DEFAULT 0,
    sort_order            INTEGER NOT NULL DEFAULT 0,
    name_en TEXT NOT NULL, name_es TEXT NOT NULL,
    description_en TEXT NOT NULL, description_es TEXT NOT NULL,
    what_to_expect_en TEXT NOT NULL, what_to_expect_es TEXT NOT NULL,
    cost_note_en TEXT NOT NULL, cost_note_es TEXT NOT NULL,
    preparation_en TEXT NOT NULL, preparation_es TEXT NOT NULL,
    UNIQUE (clinic_id, code)
);

CREATE TABLE practitioners (
    id            INTEGER PRIMARY KEY,
    clinic_id     INTEGER NOT NULL REFERENCES clinics(id),
    code          TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    pronouns      TEXT,
    initials      TEXT NOT NULL,
    sort_order    INTEGER NOT NULL DEFAULT 0,
    title_en TEXT NOT NULL, title_es TEXT NOT NULL,
    bio_en TEXT NOT NULL, bio_es TEXT NOT NULL,
    UNIQUE (clinic_id, code)
);

CREATE TABLE practitioner_services (
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    service_id      INTEGER NOT NULL REFERENCES services(id),
    PRIMARY KEY (practitioner_id, service_id)
);

-- Weekly working blocks in clinic-local time; a lunch break is the gap between two blocks.
CREATE TABLE working_hours (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Monday
    start_minute    INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute      INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    CHECK (start_minute < end_minute)
);

CREATE TABLE time_off (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    note            TEXT,
    CHECK (starts_at < ends_at)
);

CREATE TABLE appointments (
    id                  INTEGER PRIMARY KEY,
    clinic_id           INTEGER NOT NULL REFERENCES clinics(id),
    token               TEXT NOT NULL UNIQUE,
    calendar_uid        TEXT NOT NULL UNIQUE,
    service_id          INTEGER NOT NULL REFERENCES services(id),
    practitioner_id     INTEGER NOT NULL REFERENCES practitioners(id),
    starts_at           INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL,
    -- The practitioner's time this visit takes, buffers included: what must never overlap.
    blocked_from        INTEGER NOT NULL,
    blocked_until       INTEGER NOT NULL,
    status              TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    sequence            INTEGER NOT NULL DEFAULT 0,
    patient_name        TEXT NOT NULL,
    preferred_name      TEXT,
    pronouns            TEXT,
    email               TEXT,
    phone               TEXT,
    language            TEXT NOT NULL CHECK (language IN ('en', 'es')),
    new_or_returning    TEXT NOT NULL CHECK (new_or_returning IN ('new', 'returning')),
    reason              TEXT,
    interpreter_language TEXT,
    mobility_needs      TEXT,
    other_needs         TEXT,
    insurance_payer     TEXT,
    insurance_member_id TEXT,
    cancel_reason       TEXT,
    -- Set only on the demo clinic's sample visits, so `carebook demo` can refresh them.
    demo_seed           TEXT UNIQUE,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (blocked_from <= starts_at AND ends_at <= blocked_until),
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE INDEX appointments_by_practitioner_time
    ON appointments (practitioner_id, blocked_from, blocked_until) WHERE status = 'booked';

-- No double booking, enforced by the database itself (PostgreSQL mirrors this with an
-- exclusion constraint). The triggers run inside the writing transaction, which holds SQLite's
-- single write lock, so two processes sharing the file cannot both pass the check.
CREATE TRIGGER appointments_no_overlap_insert
BEFORE INSERT ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'slot_taken')
    WHERE EXISTS (
        SELECT 1 FROM appointments
        WHERE practitioner_id = NEW.practitioner_id
          AND status = 'booked'
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    );
END;

CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF starts_at, ends_at, blocked_from, blocked_until, practitioner_id, status ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'slot_taken')
    WHERE EXISTS (
        SELECT 1 FROM appointments
        WHERE practitioner_id = NEW.practitioner_id
          AND status = 'booked'
          AND id <> NEW.id
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    );
END;

-- Replays of POST /appointments with the same Idempotency-Key.
CREATE TABLE idempotency_keys (
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    key             TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (clinic_id, key)
);
