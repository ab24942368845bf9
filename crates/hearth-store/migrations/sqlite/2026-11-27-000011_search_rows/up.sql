-- SQLite only (PostgreSQL's search needs no such table). `resource_fts_rows` gets its FTS5
-- rowid as its own rowid and a copy of the resource's coordinates, so a text search with a
-- distance drops rows outside the box while it still reads this narrow table, before it
-- opens any (wide) `resources` row: about 40 ms to 9 ms at 100,000 resources
-- (docs/PERFORMANCE.md). Written by the same code as the resource, in the same transaction.
CREATE TABLE resource_fts_rows_new (
    fts_rowid INTEGER PRIMARY KEY NOT NULL,
    resource_id TEXT NOT NULL UNIQUE REFERENCES resources(id) ON DELETE CASCADE,
    lat_e6 BIGINT,
    lon_e6 BIGINT
);
INSERT INTO resource_fts_rows_new (fts_rowid, resource_id, lat_e6, lon_e6)
    SELECT m.fts_rowid, m.resource_id, r.lat_e6, r.lon_e6
    FROM resource_fts_rows m JOIN resources r ON r.id = m.resource_id;
DROP TABLE resource_fts_rows;
ALTER TABLE resource_fts_rows_new RENAME TO resource_fts_rows;
