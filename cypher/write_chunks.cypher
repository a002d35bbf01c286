// name: write_chunks
// params: rows, scope
// Create or replace a batch of chunks of one scope: each row is {part, index, digest,
// keys, hashes}.
CYPHER replan=skip
UNWIND $rows AS r
MERGE (c:GovgraphChunk {scope: $scope, part: r.part, index: r.index})
SET c.digest = r.digest, c.keys = r.keys, c.hashes = r.hashes
