// name: read_hashes_entities
// params: scope
// Every entity of one scope with its content hash, as two lists in one record (a
// scope pushed before chunks existed: see read_chunks).
MATCH (n:Entity {scope: $scope})
RETURN collect(n.id) AS keys, collect(n.hash) AS hashes
