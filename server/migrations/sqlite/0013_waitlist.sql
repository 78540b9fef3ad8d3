-- The waitlist: patients who want an earlier time for a service, and the times held for them
-- when one frees up. A held time is in the database (`slot_holds`, state 'held'), so a normal
-- booking cannot take it: the triggers below refuse it with the same 'slot_taken' as a
-- double booking. A hold whose `hold_until` has passed is marked 'expired' by the booking path
-- (in its own transaction, before it books) and by the periodic sweep.

-- How long an offered time is held (minutes) and how long an entry stays on the list (days).
ALTER TABLE clinics ADD COLUMN waitlist_hold_minutes INTEGER NOT NULL DEFAULT 15;
ALTER TABLE clinics ADD COLUMN waitlist_entry_days INTEGER NOT NULL DEFAULT 30;

CREATE TABLE waitlist_entries (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    -- The patient's key to their entry (`/waitlist/{token}`), like a visit's token.
    token           TEXT NOT NULL UNIQUE,
    service_id      INTEGER NOT NULL REFERENCES services(id),
    -- NULL: any practitioner who offers the service.
    practitioner_id INTEGER REFERENCES practitioners(id),
    -- Weekdays (0 = Monday) and parts of the day that suit, comma-separated: '0,1,4', 'morning,evening'.
    days            TEXT NOT NULL,
    parts           TEXT NOT NULL,
    name            TEXT NOT NULL,
    preferred_name  TEXT,
    email           TEXT,
    phone           TEXT,
    language        TEXT NOT NULL CHECK (language IN ('en', 'es')),
    status          TEXT NOT NULL DEFAULT 'waiting'
                    CHECK (status IN ('waiting', 'offered', 'booked', 'left', 'expired')),
    -- How many held times this patient let go (declined or let run out).
    offers_passed   INTEGER NOT NULL DEFAULT 0,
    -- The visit they booked from an offer.
    appointment_id  INTEGER REFERENCES appointments(id),
    joined_at       INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    -- When it left the list (booked, left, expired), and which staff member took it off.
    ended_at        INTEGER,
    removed_by      INTEGER REFERENCES staff(id),
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
-- Who is served next, per clinic.
CREATE INDEX waitlist_entries_queue ON waitlist_entries (clinic_id, status, joined_at, id);

CREATE TABLE slot_holds (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES waitlist_entries(id),
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    service_id      INTEGER NOT NULL REFERENCES services(id),
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    -- The practitioner's time the visit would take, buffers included, as for a booking.
    blocked_from    INTEGER NOT NULL,
    blocked_until   INTEGER NOT NULL,
    hold_until      INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'held'
                    CHECK (state IN ('held', 'taken', 'passed', 'expired', 'released')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (blocked_from <= starts_at AND ends_at <= blocked_until)
);
CREATE INDEX slot_holds_held
    ON slot_holds (practitioner_id, blocked_from, blocked_until) WHERE state = 'held';
CREATE INDEX slot_holds_by_entry ON slot_holds (entry_id);
-- One held time per patient at once.
CREATE UNIQUE INDEX slot_holds_one_per_entry ON slot_holds (entry_id) WHERE state = 'held';

-- A held time is not bookable: a booking (or a move) into it is refused like a double booking.
CREATE TRIGGER appointments_not_on_hold_insert
BEFORE INSERT ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'slot_taken')
    WHERE EXISTS (
        SELECT 1 FROM slot_holds
        WHERE practitioner_id = NEW.practitioner_id
          AND state = 'held'
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    );
END;

CREATE TRIGGER appointments_not_on_hold_update
BEFORE UPDATE OF starts_at, ends_at, blocked_from, blocked_until, practitioner_id, status ON appointments
WHEN NEW.status = 'booked'
BEGIN
    SELECT RAISE(ABORT, 'slot_taken')
    WHERE EXISTS (
        SELECT 1 FROM slot_holds
        WHERE practitioner_id = NEW.practitioner_id
          AND state = 'held'
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    );
END;

-- And a hold only ever covers free time: no booked visit, no other held time.
CREATE TRIGGER slot_holds_on_free_time
BEFORE INSERT ON slot_holds
WHEN NEW.state = 'held'
BEGIN
    SELECT RAISE(ABORT, 'slot_taken')
    WHERE EXISTS (
        SELECT 1 FROM appointments
        WHERE practitioner_id = NEW.practitioner_id
          AND status = 'booked'
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    ) OR EXISTS (
        SELECT 1 FROM slot_holds
        WHERE practitioner_id = NEW.practitioner_id
          AND state = 'held'
          AND blocked_from < NEW.blocked_until
          AND NEW.blocked_from < blocked_until
    );
END;

-- Waitlist messages ("you are on the list", "a time is held for you"). Like `outbox`, written
-- in the transaction that causes them and claimed by one worker with a lease; a separate table
-- because `outbox` rows belong to a visit.
CREATE TABLE waitlist_outbox (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    entry_id        INTEGER NOT NULL REFERENCES waitlist_entries(id),
    -- The offer a message is about; an offer no longer held is not sent.
    hold_id         INTEGER REFERENCES slot_holds(id),
    kind            TEXT NOT NULL CHECK (kind IN ('joined', 'offer')),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    due_at          INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    sent_at         INTEGER,
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX waitlist_outbox_due ON waitlist_outbox (status, due_at);
CREATE INDEX waitlist_outbox_by_entry ON waitlist_outbox (entry_id);
