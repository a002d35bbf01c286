// name: delete_relationships
// params: rows, scope
// Delete a batch of relationships that the model no longer holds (push --prune): each
// row is {from, uid}.
UNWIND $rows AS r
MATCH (:Entity {scope: $scope, id: r.from})-[x {uid: r.uid}]->(:Entity)
DELETE x
