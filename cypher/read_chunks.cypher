// name: read_chunks
// params: scope
// The digest of every chunk of one scope (see govgraph.store.chunks): a push reads
// these first and reads the keys and hashes of the chunks whose digest differs only.
MATCH (c:GovgraphChunk {scope: $scope})
RETURN c.part AS part, c.index AS index, c.digest AS digest
