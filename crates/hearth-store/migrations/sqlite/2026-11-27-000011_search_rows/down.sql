CREATE TABLE resource_fts_rows_old (
    resource_id TEXT PRIMARY KEY NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    fts_rowid BIGINT NOT NULL UNIQUE
);
INSERT INTO resource_fts_rows_old (resource_id, fts_rowid)
    SELECT resource_id, fts_rowid FROM resource_fts_rows;
DROP TABLE resource_fts_rows;
ALTER TABLE resource_fts_rows_old RENAME TO resource_fts_rows;
