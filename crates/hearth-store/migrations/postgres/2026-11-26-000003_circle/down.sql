DROP TABLE circle_snapshots;
DROP TABLE circle_entries;
