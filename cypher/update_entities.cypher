// name: update_entities
// template: label, other_labels (rendered only from govgraph.vocabulary.EntityKind)
// params: rows, scope
// Replace the properties of a batch of changed entities of one kind, found by scope
// and id; the kind label follows the kind (the other kinds' labels are removed).
UNWIND $rows AS r
MATCH (n:Entity {scope: $scope, id: r.props.id})
SET n = r.props
REMOVE n:{{other_labels}}
SET n:{{label}}
