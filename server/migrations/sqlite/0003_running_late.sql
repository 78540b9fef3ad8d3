-- "Running N minutes late", per practitioner and clinic-local day. Visit pages of that
-- practitioner's later visits that day show the expected time.
CREATE TABLE running_late (
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    local_date      TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    set_by          INTEGER NOT NULL REFERENCES staff(id),
    set_at          INTEGER NOT NULL,
    PRIMARY KEY (practitioner_id, local_date)
);
