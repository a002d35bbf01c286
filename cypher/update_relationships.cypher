// name: update_relationships
// template: type (rendered only from govgraph.vocabulary.RelationType)
// params: rows, scope
// Replace the properties of a batch of changed relationships of one type, found by
// their start and uid (a null removes a field; the uid, what finds it, is untouched).
// The index hints keep the plan an index seek even when it was made while the
// database was empty (a label scan and a filter then cost a scan per row).
UNWIND $rows AS r
MATCH (a:Entity {scope: $scope, id: r.from})-[x:{{type}} {uid: r.props.uid}]->(:Entity)
USING INDEX a:Entity(scope, id)
SET x.hash = r.props.hash, x.key = r.props.key, x.formal = r.props.formal,
  x.role = r.props.role, x.level = r.props.level, x.service = r.props.service,
  x.valid_from = r.props.valid_from, x.valid_to = r.props.valid_to,
  x.valid_start = r.props.valid_start, x.valid_end = r.props.valid_end,
  x.tags = r.props.tags, x.attributes = r.props.attributes, x.source = r.props.source
