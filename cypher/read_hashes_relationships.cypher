// name: read_hashes_relationships
// params: scope
// Every relationship of one scope with its uid and content hash, as two lists in one
// record (a scope pushed before chunks existed: see read_chunks).
MATCH (:Entity {scope: $scope})-[r]->(:Entity)
RETURN collect(r.uid) AS keys, collect(r.hash) AS hashes
