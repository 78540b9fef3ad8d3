-- The clinic's education library: short articles patients can read before and after a visit,
-- in English and Spanish, found by category or by searching.

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    language        TEXT NOT NULL CHECK (language IN ('en', 'es')),
    -- The article's address, /learn/{clinic}/{slug}: lowercase a-z, 0-9 and dashes.
    slug            TEXT NOT NULL,
    -- The same key on the English and the Spanish version of one article (NULL: no twin).
    translation_key TEXT,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    body_md         TEXT NOT NULL,
    -- The body's words without Markdown, kept with it on every save: what search reads.
    body_text       TEXT NOT NULL,
    category        TEXT NOT NULL,
    -- Comma-separated, e.g. `back, pain, exercise`.
    tags            TEXT NOT NULL DEFAULT '',
    reading_minutes INTEGER NOT NULL,
    published       INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    -- YYYY-MM-DD: when a clinician last checked the article is still right.
    reviewed_on     TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES staff(id),
    UNIQUE (clinic_id, slug)
);
CREATE INDEX articles_by_clinic_language ON articles (clinic_id, language, published, category);
CREATE UNIQUE INDEX articles_by_translation ON articles (clinic_id, translation_key, language);

-- Search: an FTS5 index over the articles table (external content, kept in step by the
-- triggers below, so every write path and `migrate-data` keep it current without help).
-- `porter` stems English words (exercise, exercises, exercising); FTS5 has no Spanish stemmer,
-- so Spanish is matched word by word (prefix queries make up for most of it) and
-- `remove_diacritics 2` lets "dolor de espalda" match "espaldá" and "cirugia" match "cirugía".
-- Ranked with bm25, title over summary and tags over body (weights in db::articles).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, summary, tags, body_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, summary, tags, body_text)
    VALUES (new.id, new.title, new.summary, new.tags, new.body_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, tags, body_text)
    VALUES ('delete', old.id, old.title, old.summary, old.tags, old.body_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, summary, tags, body_text)
    VALUES ('delete', old.id, old.title, old.summary, old.tags, old.body_text);
    INSERT INTO articles_fts (rowid, title, summary, tags, body_text)
    VALUES (new.id, new.title, new.summary, new.tags, new.body_text);
END;
