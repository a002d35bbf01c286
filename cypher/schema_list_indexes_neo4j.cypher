// name: schema_list_indexes_neo4j
// Neo4j only: the indexes, as labels and properties (apply_schema skips the ones that
// exist, including those behind a uniqueness constraint).
SHOW INDEXES YIELD labelsOrTypes, properties
RETURN labelsOrTypes AS labels, properties
