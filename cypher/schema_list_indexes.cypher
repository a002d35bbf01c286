// name: schema_list_indexes
// The node indexes, as label and properties (FalkorDB's db.indexes(); apply_schema
// uses it to skip indexes that exist: FalkorDB has no CREATE INDEX IF NOT EXISTS).
CALL db.indexes() YIELD label, properties
RETURN label AS labels, properties
