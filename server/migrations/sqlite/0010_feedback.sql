-- Feedback and the clinic's relationship figures: one survey answer per visit (the primary key
-- on the visit makes a second answer, even a concurrent one, fail), the follow-up queue that
-- makes sure an unhappy patient is called back, what staff did about each item, and who
-- cancelled a visit and when (so late and patient cancellations can be counted).

CREATE TABLE survey_responses (
    appointment_id  INTEGER PRIMARY KEY REFERENCES appointments(id),
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    -- "How likely are you to recommend us…", 0–10; NULL when skipped.
    recommend       INTEGER CHECK (recommend BETWEEN 0 AND 10),
    -- CG-CAHPS-style items: 'definitely' | 'somewhat' | 'no'; NULL when skipped.
    explained       TEXT CHECK (explained IN ('definitely', 'somewhat', 'no')),
    listened        TEXT CHECK (listened IN ('definitely', 'somewhat', 'no')),
    respected       TEXT CHECK (respected IN ('definitely', 'somewhat', 'no')),
    enough_time     TEXT CHECK (enough_time IN ('definitely', 'somewhat', 'no')),
    -- Free text from the patient: blanked by erasure, never logged.
    comment         TEXT,
    may_contact     INTEGER NOT NULL DEFAULT 0 CHECK (may_contact IN (0, 1)),
    language        TEXT NOT NULL CHECK (language IN ('en', 'es')),
    submitted_at    INTEGER NOT NULL
);
CREATE INDEX survey_responses_by_clinic ON survey_responses (clinic_id, submitted_at);

-- A response that needs a human: rating ≤ 2, recommend ≤ 6 or a "No". One item per response.
CREATE TABLE follow_ups (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    appointment_id  INTEGER NOT NULL UNIQUE REFERENCES survey_responses(appointment_id),
    state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'contacted', 'resolved')),
    opened_at       INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX follow_ups_by_state ON follow_ups (clinic_id, state, opened_at);

-- What staff did: state changes and notes, with who and when. Append-only; notes are blanked
-- by erasure like every other free text about the patient.
CREATE TABLE follow_up_events (
    id            INTEGER PRIMARY KEY,
    follow_up_id  INTEGER NOT NULL REFERENCES follow_ups(id),
    at            INTEGER NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    action        TEXT NOT NULL CHECK (action IN ('contacted', 'resolved', 'reopened', 'note')),
    note          TEXT
);
CREATE INDEX follow_up_events_by_item ON follow_up_events (follow_up_id, at);

-- Who cancelled ('patient' online or by phone through the desk, or 'clinic') and when.
ALTER TABLE appointments ADD COLUMN cancelled_at INTEGER;
ALTER TABLE appointments ADD COLUMN cancelled_by TEXT CHECK (cancelled_by IN ('patient', 'clinic'));

-- Visits cancelled before this migration: at their last change, and by the patient (until now
-- the console cancelled only on a patient's behalf: "the patient called").
UPDATE appointments SET cancelled_at = updated_at, cancelled_by = 'patient'
WHERE status = 'cancelled';

-- The figures read visits of one clinic by start time.
CREATE INDEX appointments_by_clinic_start ON appointments (clinic_id, starts_at);
