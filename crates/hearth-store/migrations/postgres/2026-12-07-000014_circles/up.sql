-- A member's whole circle as it is now, one row per member: the circle page reads it on every
-- view, and one row costs the database far less than a row per entry (ADR 0019).
-- `circle_entries` stays the record (the safety plan and the API address one entry); every
-- change to it rewrites this row in the same transaction. Keep in step with the other
-- backend's file.
CREATE TABLE circles (
    member_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    entries TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

INSERT INTO circles (member_id, entries, updated_at)
SELECT member_id,
       json_agg(json_build_object('id', id, 'name', name, 'kind', kind, 'ring', ring,
                                  'details', details::json, 'note', note) ORDER BY id)::text,
       max(updated_at)
FROM circle_entries
GROUP BY member_id;
