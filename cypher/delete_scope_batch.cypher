// name: delete_scope_batch
// params: scope, limit
// Delete up to $limit entities of retired generation $scope with their relationships;
// returns how many. Run until it returns 0, each time in a transaction that first
// renews the deleter's lease with claim_retired (which holds the record's lock, so two
// deleters never delete the same nodes at once).
MATCH (n:Entity {scope: $scope})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
