// name: read_chunk_rows
// params: scope, part, indexes
// The keys (entity ids or relationship uids) and content hashes of some chunks of one
// scope, one record per chunk.
UNWIND $indexes AS i
MATCH (c:GovgraphChunk {scope: $scope, part: $part, index: i})
RETURN c.index AS index, c.keys AS keys, c.hashes AS hashes
