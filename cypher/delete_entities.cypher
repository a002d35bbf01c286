// name: delete_entities
// params: rows, scope
// Delete a batch of entities that the model no longer holds (push --prune), with their
// relationships: each row is an id.
// The index hints keep the plan an index seek even when it was made while the
// database was empty (a label scan and a filter then cost a scan per row).
UNWIND $rows AS id
MATCH (n:Entity {scope: $scope, id: id})
USING INDEX n:Entity(scope, id)
DETACH DELETE n
