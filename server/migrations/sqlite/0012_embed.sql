-- The booking widget: the web sites (origins, like `https://clinic.example`) allowed to show
-- this clinic's booking frame (`/embed/{clinic}`). The frame's answer names them in its
-- Content-Security-Policy `frame-ancestors`; a site not listed gets no working widget.

CREATE TABLE embed_origins (
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    -- Normalised by `domain::embed::normalize_origin`: lower-case scheme and host, no path.
    origin      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (clinic_id, origin)
);
