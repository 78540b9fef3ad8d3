-- Setting up the clinic from the console: the languages patients are offered, and retiring a
-- service (no longer offered to patients, while its past and booked visits stay intact).

-- Comma-separated language codes (`en,es`); every clinic so far offered both.
ALTER TABLE clinics ADD COLUMN languages TEXT NOT NULL DEFAULT 'en,es';

-- NULL: offered to patients. Set: retired at that instant.
ALTER TABLE services ADD COLUMN retired_at BIGINT;

-- The set-up screens read a practitioner's time off and links often; these keep them cheap.
CREATE INDEX time_off_by_practitioner ON time_off (practitioner_id, ends_at);
CREATE INDEX working_hours_by_practitioner ON working_hours (practitioner_id, weekday);
CREATE INDEX practitioner_services_by_service ON practitioner_services (service_id);
