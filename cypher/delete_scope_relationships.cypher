// name: delete_scope_relationships
// params: scope, nodes, limit
// Delete up to $limit relationships of the first $nodes entities of retired generation
// $scope; returns how many. Run until it returns 0, then delete_scope_batch deletes
// those entities: a transaction never holds more than $limit relationship deletions,
// even for an entity with hundreds of thousands of them (a DETACH DELETE of one such
// entity exceeded a 2 GiB server's transaction memory at 10^6 entities).
MATCH (n:Entity {scope: $scope})
WITH n LIMIT $nodes
MATCH (n)-[r]-()
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(r) AS deleted
