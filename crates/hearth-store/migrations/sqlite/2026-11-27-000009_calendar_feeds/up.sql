-- A member's private calendar feed of the groups they are going to. Keep in step with the
-- other backend's file. Only the SHA-256 of the feed's secret is kept, so a copy of the
-- database cannot read anyone's calendar.
CREATE TABLE calendar_feeds (
    member_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
