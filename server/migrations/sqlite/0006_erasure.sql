-- Erasure (an admin, on a patient's request) and retention (`carebook anonymise`): personal
-- fields are blanked in place, so times, service, practitioner and status stay and the clinic's
-- counts stay right. These mark what was done and when.

-- Set when the person's record was erased: their name and contacts are gone, lookups skip it.
ALTER TABLE patients ADD COLUMN erased_at INTEGER;

-- Set when this visit's personal fields were blanked and its visit-page link retired.
ALTER TABLE appointments ADD COLUMN anonymised_at INTEGER;

-- Retention looks for visits that ended long ago and are not anonymised yet.
CREATE INDEX appointments_to_anonymise ON appointments (ends_at) WHERE anonymised_at IS NULL;
