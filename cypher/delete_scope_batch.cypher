// name: delete_scope_batch
// params: scope, limit
// Delete the first $limit entities of retired generation $scope (in the order of
// delete_scope_relationships, which deleted their relationships first; DETACH for any
// it did not reach); returns how many. Each transaction first renews the deleter's
// lease with claim_retired (which holds the record's lock, so two deleters never
// delete the same nodes at once). Run until it returns 0.
MATCH (n:Entity {scope: $scope})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
