-- The circle page reads a member's entries oldest first on every view: with the order in the
-- index, SQLite walks it instead of sorting (PostgreSQL's planner may still sort a few rows).
-- Keep in step with the other backend's file.
DROP INDEX circle_entries_member;
CREATE INDEX circle_entries_member ON circle_entries(member_id, created_at);
