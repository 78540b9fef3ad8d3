-- Telehealth visits: the clinic's video room link and each video visit's own room.
-- No video stack of our own: the clinic names a video service (a Jitsi server, say) by a URL
-- template such as `https://video.example.org/{room}`; empty means no video links yet.

ALTER TABLE clinics ADD COLUMN video_url_template TEXT NOT NULL DEFAULT '';

-- An unguessable room name per telehealth visit (`domain::token::new_video_room`), set when it
-- is booked and kept when it moves. Unique: no two visits ever share a room. NULL for visits in
-- person. The link is the template with `{room}` filled in when read, so a changed template
-- applies to visits already booked.
ALTER TABLE appointments ADD COLUMN video_room TEXT;
CREATE UNIQUE INDEX appointments_video_room ON appointments (video_room);

-- Telehealth visits booked before this migration get a room too (two random UUIDs' bits, hex;
-- gen_random_uuid is built into PostgreSQL 13+ and uses a strong random source).
UPDATE appointments
SET video_room = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
WHERE video_room IS NULL
  AND service_id IN (SELECT id FROM services WHERE kind = 'telehealth');
