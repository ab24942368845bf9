-- Check-ins and reminder choices. Keep in step with the other backend's file.
-- `day` is the member's own calendar date when they checked in (YYYY-MM-DD), so trends
-- follow their days, not UTC's.
CREATE TABLE checkins (
    id TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    day TEXT NOT NULL,
    mood BIGINT NOT NULL,
    energy BIGINT NOT NULL,
    connectedness BIGINT NOT NULL,
    note TEXT,
    connected_with TEXT NOT NULL
);
CREATE INDEX checkins_member_day ON checkins(member_id, day);

CREATE TABLE checkin_reminders (
    member_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
