// name: create_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// params: rows, scope
// Create a batch of new relationships of one type between entities of one scope: each
// row is {from, to, props} (props holds the uid, the hash and the model's fields).
UNWIND $rows AS r
MATCH (a:Entity {scope: $scope, id: r.from})
MATCH (b:Entity {scope: $scope, id: r.to})
CREATE (a)-[x:{{type}}]->(b)
SET x = r.props
