-- Plain-language words a clinic adds to the built-in jargon list: a term staff should avoid in
-- patient material and the plain words to use instead, per language.
CREATE TABLE clinic_jargon_terms (
    id          INTEGER PRIMARY KEY,
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    language    TEXT NOT NULL CHECK (language IN ('en', 'es')),
    term        TEXT NOT NULL,
    -- The term folded by the server (lower case, accents off, single spaces), so `NPO` and
    -- `npo`, or `hipertensión` and `Hipertension`, are one term on both databases alike.
    term_key    TEXT NOT NULL,
    plain       TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES staff(id),
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX clinic_jargon_terms_unique ON clinic_jargon_terms (clinic_id, language, term_key);
