ALTER TABLE care_links DROP COLUMN scope_circle_names;
DROP TABLE circle_snapshots;
DROP TABLE circle_entries;
