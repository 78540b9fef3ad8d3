-- The clinic console: staff, their sessions, sign-in throttling, what happened to each
-- appointment and who did it, and an append-only audit of staff access to patient data.

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    -- Lower-cased; one person works at one clinic, so an email names one account.
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'front_desk', 'practitioner')),
    practitioner_id INTEGER REFERENCES practitioners(id),
    password_hash   TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);

-- Only a hash of the session id is stored: a copy of the database opens no sessions.
CREATE TABLE staff_sessions (
    id_hash       TEXT PRIMARY KEY,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    ended_at      INTEGER
);

CREATE TABLE sign_in_failures (
    id          INTEGER PRIMARY KEY,
    email_key   TEXT NOT NULL,
    address     TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email_key, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);

-- Whether the patient came: set by staff on the day. `status` stays booked/cancelled so the
-- no-overlap rule is untouched (a visit that happened still took its time).
ALTER TABLE appointments ADD COLUMN attendance TEXT
    CHECK (attendance IN ('arrived', 'completed', 'no_show'));

-- Every change to an appointment, with who made it (NULL staff = the patient, online).
CREATE TABLE appointment_events (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    at              INTEGER NOT NULL,
    staff_id        INTEGER REFERENCES staff(id),
    action          TEXT NOT NULL,
    reason          TEXT
);
CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id, at);

-- Staff access to patient data: ids only, never the patient's details. Append-only.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    action      TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    address     TEXT NOT NULL
);
CREATE INDEX audit_log_by_clinic ON audit_log (clinic_id, at);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
