// name: delete_chunks
// params: rows, scope
// Delete chunks of one scope that the model no longer has: each row is {part, index}.
UNWIND $rows AS r
MATCH (c:GovgraphChunk {scope: $scope, part: r.part, index: r.index})
DELETE c
