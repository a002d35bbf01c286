// name: create_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// params: rows, scope
// Create a batch of new relationships of one type between entities of one scope: each
// row is {from, to, props} (props holds the uid, the hash and the model's fields;
// absent fields are null and not stored). The properties are named one by one in the
// CREATE: `SET x = r.props` after the two MATCHes makes the planner add an Eager step,
// which inside one large transaction is a hundred times slower.
// The index hints keep the plan an index seek even when it was made while the
// database was empty (a label scan and a filter then cost a scan per row).
CYPHER replan=skip
UNWIND $rows AS r
MATCH (a:Entity {scope: $scope, id: r.from})
USING INDEX a:Entity(scope, id)
MATCH (b:Entity {scope: $scope, id: r.to})
USING INDEX b:Entity(scope, id)
CREATE (a)-[x:{{type}} {
  uid: r.props.uid, hash: r.props.hash, key: r.props.key, formal: r.props.formal,
  role: r.props.role, level: r.props.level, service: r.props.service,
  valid_from: r.props.valid_from, valid_to: r.props.valid_to,
  valid_start: r.props.valid_start, valid_end: r.props.valid_end, tags: r.props.tags,
  attributes: r.props.attributes, source: r.props.source
}]->(b)
