-- A patient is the clinic's record of a person, found again by normalised email or phone, so
-- every booking by the same person joins one timeline.
CREATE TABLE patients (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    -- Lower-cased email; digits of the phone number.
    email_key       TEXT,
    phone_key       TEXT,
    name            TEXT NOT NULL,
    preferred_name  TEXT,
    language        TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (email_key IS NOT NULL OR phone_key IS NOT NULL)
);
CREATE UNIQUE INDEX patients_by_email ON patients (clinic_id, email_key) WHERE email_key IS NOT NULL;
CREATE UNIQUE INDEX patients_by_phone ON patients (clinic_id, phone_key) WHERE phone_key IS NOT NULL;

ALTER TABLE appointments ADD COLUMN patient_id INTEGER REFERENCES patients(id);
CREATE INDEX appointments_by_patient ON appointments (patient_id, starts_at);
