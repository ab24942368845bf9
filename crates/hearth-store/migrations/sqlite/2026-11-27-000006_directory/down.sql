DROP TABLE resource_fts_rows;
DROP TABLE resource_fts;
DROP TABLE resource_traits;
DROP TABLE resources;
