-- "Running N minutes late", per practitioner and clinic-local day. Visit pages of that
-- practitioner's later visits that day show the expected time.
CREATE TABLE running_late (
    practitioner_id BIGINT NOT NULL REFERENCES practitioners(id),
    local_date      TEXT NOT NULL,
    minutes         BIGINT NOT NULL CHECK (minutes > 0),
    set_by          BIGINT NOT NULL REFERENCES staff(id),
    set_at          BIGINT NOT NULL,
    PRIMARY KEY (practitioner_id, local_date)
);
