// name: schema_neo4j_constraints
// Neo4j only: entity ids are unique, and the model's metadata node is a singleton.
// FalkorDB rejects CREATE CONSTRAINT ... REQUIRE ... IS UNIQUE over Bolt, so govgraph
// skips this file there (its index on :Entity(id) still makes MERGE by id fast).
// Applied before schema_indexes (the uniqueness constraint brings its own index).
CREATE CONSTRAINT govgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT govgraph_model_key IF NOT EXISTS FOR (m:GovgraphModel) REQUIRE m.key IS UNIQUE
