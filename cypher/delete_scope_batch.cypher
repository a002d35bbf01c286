// name: delete_scope_batch
// params: scope, limit
// Delete up to $limit entities of one scope (an old or abandoned generation) with their
// relationships; returns how many. Run until it returns 0.
MATCH (n:Entity {scope: $scope})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
