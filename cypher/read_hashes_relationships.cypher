// name: read_hashes_relationships
// params: scope
// Every relationship of one scope with its start, uid and content hash.
MATCH (a:Entity {scope: $scope})-[r]->(:Entity)
RETURN a.id AS from, r.uid AS uid, r.hash AS hash
