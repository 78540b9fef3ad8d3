-- After-visit instructions and teach-back: per-service templates staff start from, the
-- versions a practitioner publishes for a completed visit (every edit is a new version; the
-- patient sees the latest, staff see all), the library articles each version links to, the
-- patient's "Did this make sense?" per version, and the questions patients ask the clinic.

CREATE TABLE instruction_templates (
    id          INTEGER PRIMARY KEY,
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    service_id  INTEGER NOT NULL REFERENCES services(id),
    language    TEXT NOT NULL CHECK (language IN ('en', 'es')),
    title       TEXT NOT NULL,
    body_md     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- NULL for templates the demo (or another tool) wrote, not a staff member.
    updated_by  INTEGER REFERENCES staff(id)
);
CREATE INDEX instruction_templates_by_service ON instruction_templates (clinic_id, service_id);

-- Published versions. Health information about the patient: erasure and retention delete them.
CREATE TABLE appointment_instructions (
    id               INTEGER PRIMARY KEY,
    appointment_id   INTEGER NOT NULL REFERENCES appointments(id),
    -- 1, 2, 3… per visit; the unique key turns two concurrent saves into one retry.
    version          INTEGER NOT NULL CHECK (version > 0),
    language         TEXT NOT NULL CHECK (language IN ('en', 'es')),
    body_md          TEXT NOT NULL,
    template_id      INTEGER REFERENCES instruction_templates(id),
    author_staff_id  INTEGER NOT NULL REFERENCES staff(id),
    published_at     INTEGER NOT NULL,
    UNIQUE (appointment_id, version)
);

-- Library articles a version links to, in the order the practitioner gave. The title is the
-- one the article had when the version was published, so the link reads the same later.
CREATE TABLE instruction_articles (
    instruction_id  INTEGER NOT NULL REFERENCES appointment_instructions(id),
    position        INTEGER NOT NULL,
    article_slug    TEXT NOT NULL,
    article_title   TEXT NOT NULL,
    PRIMARY KEY (instruction_id, position)
);

-- "Did this make sense?": one answer per visit and version (answering again replaces it).
-- No personal data: the rows stay after erasure so the clinic's counts stay right, which is
-- why the template is copied here rather than read from the (deleted) version.
CREATE TABLE teach_back_answers (
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    version         INTEGER NOT NULL,
    template_id     INTEGER REFERENCES instruction_templates(id),
    answer          TEXT NOT NULL CHECK (answer IN ('yes', 'not_sure')),
    answered_at     INTEGER NOT NULL,
    PRIMARY KEY (appointment_id, version)
);

-- "Ask the clinic a question" and the clinic's reply: health information, shown to staff of
-- the visit's clinic only, blanked by erasure and retention.
CREATE TABLE patient_questions (
    id                   INTEGER PRIMARY KEY,
    clinic_id            INTEGER NOT NULL REFERENCES clinics(id),
    appointment_id       INTEGER NOT NULL REFERENCES appointments(id),
    text                 TEXT NOT NULL,
    asked_at             INTEGER NOT NULL,
    reply_text           TEXT,
    replied_by_staff_id  INTEGER REFERENCES staff(id),
    replied_at           INTEGER
);
CREATE INDEX patient_questions_by_appointment ON patient_questions (appointment_id, asked_at);
-- The console inbox: a clinic's open questions, oldest first.
CREATE INDEX patient_questions_open ON patient_questions (clinic_id, asked_at) WHERE replied_at IS NULL;
CREATE INDEX patient_questions_by_clinic ON patient_questions (clinic_id, asked_at);
