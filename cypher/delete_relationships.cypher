// name: delete_relationships
// params: rows, scope
// Delete a batch of relationships that the model no longer holds (push --prune): each
// row is {from, uid}.
// The index hints keep the plan an index seek even when it was made while the
// database was empty (a label scan and a filter then cost a scan per row).
UNWIND $rows AS r
MATCH (a:Entity {scope: $scope, id: r.from})-[x {uid: r.uid}]->(:Entity)
USING INDEX a:Entity(scope, id)
DELETE x
