-- My circle: one row per person, group or community in a member's circle, and a snapshot of
-- the whole circle at every save. Keep in step with the other backend's file.
-- The optional answers (support each way, strain, frequencies, …) are one JSON document
-- (`hearth_core::circle::Details`): they are read and analysed together, never queried alone.
CREATE TABLE circle_entries (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    ring TEXT NOT NULL,
    crisis_contact BOOLEAN NOT NULL,
    details TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX circle_entries_member ON circle_entries(member_id);

CREATE TABLE circle_snapshots (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    taken_at TIMESTAMP NOT NULL,
    entries TEXT NOT NULL
);
CREATE INDEX circle_snapshots_member ON circle_snapshots(member_id, taken_at);

-- A member may share their circle with a clinician with or without the names in it.
ALTER TABLE care_links ADD COLUMN scope_circle_names BOOLEAN NOT NULL DEFAULT FALSE;
