// name: delete_scope_chunks
// params: scope
// Delete the chunks of one scope (an old or abandoned generation, after its entities).
MATCH (c:GovgraphChunk {scope: $scope})
DELETE c
