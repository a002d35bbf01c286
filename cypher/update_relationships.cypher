// name: update_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// params: rows, scope
// Replace the properties of a batch of changed relationships of one type, found by
// their start and uid.
UNWIND $rows AS r
MATCH (:Entity {scope: $scope, id: r.from})-[x:{{type}} {uid: r.props.uid}]->(:Entity)
SET x = r.props
