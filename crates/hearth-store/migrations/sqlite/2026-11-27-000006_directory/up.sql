-- The Find community directory. Keep in step with the other backend's file.
-- `details` is the whole resource as JSON (`hearth_core::directory::Resource`); the other
-- columns copy what search filters on, so a filter is an indexed comparison, not a parse.
-- Coordinates are integer micro-degrees (about 0.1 m), which compare exactly on both
-- databases. `slots` is a bit set of (weekday, part of day) meetings, in the group's zone.
-- `next_at` is the next meeting as last computed: never later than the true next meeting,
-- so "meets within N days" can use it as a prefilter and check exactly afterwards.
CREATE TABLE resources (
    id TEXT PRIMARY KEY NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT,
    format TEXT,
    cost_kind TEXT,
    cost_minor BIGINT,
    lat_e6 BIGINT,
    lon_e6 BIGINT,
    slots BIGINT NOT NULL,
    next_at TIMESTAMP,
    verified_on TIMESTAMP,
    retired_at TIMESTAMP,
    details TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX resources_point ON resources(lat_e6, lon_e6);
CREATE INDEX resources_next ON resources(next_at);
CREATE INDEX resources_verified ON resources(verified_on);

-- Many-valued attributes as one row each (`focus:grief`, `access:childcare`, `lang:ko`).
CREATE TABLE resource_traits (
    trait TEXT NOT NULL,
    resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    PRIMARY KEY (trait, resource_id)
);
CREATE INDEX resource_traits_resource ON resource_traits(resource_id);

-- Full text: FTS5 here, a tsvector table on PostgreSQL (both fold case and keep accents,
-- so a search finds the same records on either); the tables the two backends do
-- not share, which `schema_parity` leaves out by name. FTS5 finds rows only by rowid, so
-- `resource_fts_rows` records whose row is whose. Written by the same code as the
-- resource, in the same transaction.
CREATE VIRTUAL TABLE resource_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE resource_fts_rows (
    resource_id TEXT PRIMARY KEY NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    fts_rowid BIGINT NOT NULL UNIQUE
);
