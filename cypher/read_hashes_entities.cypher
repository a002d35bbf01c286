// name: read_hashes_entities
// params: scope
// Every entity of one scope with its content hash (the push writes only what changed).
MATCH (n:Entity {scope: $scope})
RETURN n.id AS id, n.hash AS hash
