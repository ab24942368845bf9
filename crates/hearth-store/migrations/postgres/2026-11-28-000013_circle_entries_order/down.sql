DROP INDEX circle_entries_member;
CREATE INDEX circle_entries_member ON circle_entries(member_id);
