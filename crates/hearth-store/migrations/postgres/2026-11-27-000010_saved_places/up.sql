-- The one place a member keeps for "near my place" in Find community. Keep in step with the
-- other backend's file. Integer micro-degrees, as `resources` stores them. Deleting the
-- person deletes it; a member can forget it at any time.
CREATE TABLE saved_places (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    lat_e6 BIGINT NOT NULL,
    lon_e6 BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
