// name: schema
// What the push needs, each statement named (db schema compares the names with SHOW
// CONSTRAINTS / SHOW INDEXES and creates only what is missing): an entity id is
// unique within its scope (one generation of one model key; the push finds entities
// by it), a model key is unique (the push locks its model node), entities are found
// by scope (the push reads a scope's hashes, a large-model push deletes an old
// generation by it), and a scope's chunks (digests, keys and hashes of the rows, see
// govgraph.store.chunks) are found by scope, part and index, and a retired generation
// (one being deleted, see govgraph.store.retired) is found by its scope. Several
// statements, separated by ';'.
CREATE CONSTRAINT govgraph_entity_scope_id IF NOT EXISTS FOR (n:Entity) REQUIRE (n.scope, n.id) IS UNIQUE;
CREATE CONSTRAINT govgraph_model_key IF NOT EXISTS FOR (m:GovgraphModel) REQUIRE m.key IS UNIQUE;
CREATE CONSTRAINT govgraph_chunk_scope_part_index IF NOT EXISTS FOR (c:GovgraphChunk) REQUIRE (c.scope, c.part, c.index) IS UNIQUE;
CREATE CONSTRAINT govgraph_retired_scope IF NOT EXISTS FOR (r:GovgraphRetired) REQUIRE r.scope IS UNIQUE;
CREATE INDEX govgraph_entity_scope IF NOT EXISTS FOR (n:Entity) ON (n.scope)
