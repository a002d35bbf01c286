// name: schema_indexes
// Indexes for both servers (openCypher, FalkorDB and Neo4j): look entities up by id
// and by kind, and staged rows by push. Several statements, separated by ';'. govgraph applies each one and
// accepts "already exists" when the index is there (FalkorDB has no IF NOT EXISTS).
CREATE INDEX FOR (n:Entity) ON (n.id);
CREATE INDEX FOR (n:Entity) ON (n.kind);
CREATE INDEX FOR (s:GovgraphStage) ON (s._g)
