-- Open slot publishing (SMART Scheduling Links `$bulk-publish`): a clinic that switches it on
-- has its free and busy times listed in the public FHIR files at `/fhir/$bulk-publish`.
-- Off (0) by default: nothing about a clinic is published until an admin says so.
ALTER TABLE clinics ADD COLUMN publish_slots INTEGER NOT NULL DEFAULT 0 CHECK (publish_slots IN (0, 1));

-- The published data set's fingerprint and when it last changed: the manifest's
-- `transactionTime` stays the same (and answers stay 304) until the content really changes.
-- One row, id 1.
CREATE TABLE slot_publication (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    content_hash    TEXT NOT NULL,
    published_at    INTEGER NOT NULL
);
