// name: delete_entities
// params: rows, scope
// Delete a batch of entities that the model no longer holds (push --prune), with their
// relationships: each row is an id.
UNWIND $rows AS id
MATCH (n:Entity {scope: $scope, id: id})
DETACH DELETE n
